#include "domain/matching.hpp"

#include <benchmark/benchmark.h>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace patronage::domain {
namespace {

// Appends rather than `prefix + std::to_string(n)`, which trips GCC 12's false -Wrestrict at -O3.
std::string numbered(std::string_view prefix, int n) {
  std::string name(prefix);
  name += std::to_string(n);
  return name;
}

// A synthetic service: 12 skills, 16 interests, 4 languages, 10 districts, sparse weekly slots.
class Population {
public:
  explicit Population(unsigned seed) : m_random(seed) {}

  std::vector<WardProfile> wards(int count) {
    std::vector<WardProfile> result(count);
    for (int i = 0; i < count; ++i) {
      auto& w = result[i];
      w.id = numbered("w", i);
      w.needs = some("skill", 12, 2);
      w.interests = some("interest", 16, 3);
      w.languages = {language()};
      w.district = numbered("district", pick(0, 9));
      w.availability = slots(6);
      if (pick(1, 5) == 1) {
        w.wishes.gender = pick(0, 1) == 0 ? "female" : "male";
      }
      if (pick(1, 5) == 1) {
        w.wishes.district = w.district;
      }
    }
    return result;
  }

  std::vector<VolunteerProfile> volunteers(int count) {
    std::vector<VolunteerProfile> result(count);
    for (int i = 0; i < count; ++i) {
      auto& v = result[i];
      v.id = numbered("v", i);
      v.status = pick(1, 10) == 1 ? VolunteerStatus::paused : VolunteerStatus::active;
      v.gender = pick(0, 1) == 0 ? "female" : "male";
      v.skills = some("skill", 12, 3);
      v.interests = some("interest", 16, 4);
      v.languages = {language(), "ru"};
      v.district = numbered("district", pick(0, 9));
      v.availability = slots(8);
      v.current_wards = pick(0, 2);
    }
    return result;
  }

private:
  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }

  std::set<std::string> some(std::string_view prefix, int kinds, int count) {
    std::set<std::string> words;
    for (int i = 0; i < count; ++i) {
      words.insert(numbered(prefix, pick(0, kinds - 1)));
    }
    return words;
  }

  std::string language() {
    static const std::vector<std::string> languages{"ru", "ru", "ru", "tt", "ba", "en"};
    return languages[pick(0, static_cast<int>(languages.size()) - 1)];
  }

  AvailabilityMask slots(int count) {
    AvailabilityMask mask = 0;
    for (int i = 0; i < count; ++i) {
      mask |= AvailabilityMask{1} << pick(0, 20);
    }
    return mask;
  }

  std::mt19937 m_random;
};

void assign_batch_benchmark(benchmark::State& state) {
  Population population(42);
  const auto wards = population.wards(static_cast<int>(state.range(0)));
  const auto volunteers = population.volunteers(static_cast<int>(state.range(1)));
  const MatchSettings settings;
  std::int64_t assigned = 0;
  std::int64_t total = 0;
  for (auto _ : state) {
    const auto result = assign_batch(wards, volunteers, settings);
    assigned = static_cast<std::int64_t>(result.matches.size());
    total = result.total_score;
    benchmark::DoNotOptimize(result);
  }
  state.counters["assigned"] = static_cast<double>(assigned);
  state.counters["total_score"] = static_cast<double>(total);
}

void propose_benchmark(benchmark::State& state) {
  Population population(7);
  const auto wards = population.wards(1);
  const auto volunteers = population.volunteers(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(propose_volunteers(wards[0], volunteers, {}, 10));
  }
}

} // namespace
} // namespace patronage::domain

BENCHMARK(patronage::domain::assign_batch_benchmark)->Args({100, 50})->Args({1000, 500})->Unit(benchmark::kMillisecond);
BENCHMARK(patronage::domain::propose_benchmark)->Arg(500)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
