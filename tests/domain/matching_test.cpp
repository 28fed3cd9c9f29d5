#include "domain/matching.hpp"

#include <algorithm>
#include <functional>
#include <gtest/gtest.h>
#include <map>
#include <random>

namespace patronage::domain {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

AvailabilityMask slots(std::string_view text) {
  return parse_availability(text).value();
}

VolunteerProfile volunteer(std::string id) {
  VolunteerProfile v;
  v.id = std::move(id);
  v.status = VolunteerStatus::active;
  return v;
}

WardProfile ward(std::string id) {
  WardProfile w;
  w.id = std::move(id);
  return w;
}

// A ward of a family in the north who needs homework help and likes chess and music.
WardProfile pupil() {
  auto w = ward("w1");
  w.needs = {"homework"};
  w.interests = {"chess", "music"};
  w.languages = {"ru", "tt"};
  w.district = "north";
  w.availability = slots("mon.morning,tue.evening,sat.morning,sun.morning");
  return w;
}

const MatchReason* find_reason(const MatchProposal& proposal, std::string_view key) {
  const auto it = std::ranges::find(proposal.reasons, key, &MatchReason::key);
  return it == proposal.reasons.end() ? nullptr : &*it;
}

std::vector<std::string> ids_of(const std::vector<MatchProposal>& proposals) {
  std::vector<std::string> ids;
  for (const auto& p : proposals) {
    ids.push_back(p.volunteer_id);
  }
  return ids;
}

TEST(MatchPropose, RanksByFit) {
  auto best = volunteer("anna");
  best.skills = {"homework"};
  best.interests = {"chess"};
  best.languages = {"ru"};
  best.district = "north";
  best.availability = slots("mon.morning");
  auto tutor = volunteer("boris");
  tutor.skills = {"homework", "sport"};
  auto fan = volunteer("clara");
  fan.interests = {"chess", "music"};
  const std::vector<VolunteerProfile> volunteers{fan, tutor, best};

  const auto proposals = propose_volunteers(pupil(), volunteers, {}, 10);
  ASSERT_EQ(ids_of(proposals), (std::vector<std::string>{"anna", "boris", "clara"}));
  EXPECT_EQ(proposals[0].score, 10 + 3 + 6 + 4 + 2);
  EXPECT_EQ(proposals[1].score, 10);
  EXPECT_EQ(proposals[2].score, 3 + 3);
}

TEST(MatchPropose, ExplainsEveryPointOfTheScore) {
  auto v = volunteer("anna");
  v.skills = {"homework"};
  v.interests = {"music", "chess", "drawing"};
  v.languages = {"tt", "ru"};
  v.district = "north";
  v.availability = slots("mon.morning,sat.morning,sun.morning,sun.evening");

  const auto proposal = evaluate_match(pupil(), v, {});
  ASSERT_TRUE(proposal.has_value());
  std::vector<std::string> keys;
  int sum = 0;
  for (const auto& reason : proposal->reasons) {
    keys.push_back(reason.key);
    sum += reason.points;
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"match.skill", "match.shared_interest", "match.shared_interest",
                                            "match.language", "match.district", "match.availability"}));
  EXPECT_EQ(sum, proposal->score);
  EXPECT_EQ(proposal->reasons[0].params, (Params{{"skill", "homework"}}));
  EXPECT_EQ(proposal->reasons[1].params, (Params{{"interest", "chess"}}));
  EXPECT_EQ(proposal->reasons[2].params, (Params{{"interest", "music"}}));
  EXPECT_EQ(proposal->reasons[3].params, (Params{{"language", "ru"}}));
  EXPECT_EQ(proposal->reasons[4].params, (Params{{"district", "north"}}));
  EXPECT_EQ(proposal->reasons[5].params, (Params{{"slots", "3"}}));
  EXPECT_EQ(proposal->reasons[5].points, 6);
}

TEST(MatchPropose, AvailabilityPointsAreCapped) {
  auto w = ward("w");
  w.availability = k_whole_week;
  auto v = volunteer("v");
  v.availability = k_whole_week;
  MatchSettings settings;
  settings.weights.max_counted_slots = 4;
  const auto proposal = evaluate_match(w, v, settings);
  ASSERT_TRUE(proposal.has_value());
  EXPECT_EQ(proposal->score, 2 * 4);
  EXPECT_EQ(proposal->reasons.at(0).params, (Params{{"slots", "21"}}));
}

TEST(MatchPropose, TiesGoToTheSmallerIdAndLimitTruncates) {
  auto a = volunteer("v2");
  a.skills = {"homework"};
  auto b = volunteer("v1");
  b.skills = {"homework"};
  auto c = volunteer("v3");
  const std::vector<VolunteerProfile> volunteers{a, c, b};
  EXPECT_EQ(ids_of(propose_volunteers(pupil(), volunteers, {}, 10)), (std::vector<std::string>{"v1", "v2", "v3"}));
  EXPECT_EQ(ids_of(propose_volunteers(pupil(), volunteers, {}, 2)), (std::vector<std::string>{"v1", "v2"}));
  EXPECT_TRUE(propose_volunteers(pupil(), volunteers, {}, 0).empty());
}

TEST(MatchPropose, SkipsVolunteersWhoAreNotActive) {
  std::vector<VolunteerProfile> volunteers;
  for (auto status : {VolunteerStatus::candidate, VolunteerStatus::trained, VolunteerStatus::active,
                      VolunteerStatus::paused, VolunteerStatus::left}) {
    auto v = volunteer(std::string(to_string(status)));
    v.status = status;
    v.skills = {"homework"};
    volunteers.push_back(v);
  }
  EXPECT_EQ(ids_of(propose_volunteers(pupil(), volunteers, {}, 10)), std::vector<std::string>{"active"});
}

TEST(MatchPropose, SkipsVolunteersAtTheLoadLimit) {
  auto full = volunteer("full");
  full.current_wards = 3;
  auto almost = volunteer("almost");
  almost.current_wards = 2;
  const std::vector<VolunteerProfile> volunteers{full, almost};
  EXPECT_EQ(ids_of(propose_volunteers(pupil(), volunteers, {}, 10)), std::vector<std::string>{"almost"});
  EXPECT_TRUE(propose_volunteers(pupil(), volunteers, MatchSettings{.load_limit = 2, .weights = {}}, 10).empty());
}

TEST(MatchPropose, UnmetGenderWishExcludes) {
  auto w = pupil();
  w.wishes.gender = "female";
  auto her = volunteer("her");
  her.gender = "female";
  auto him = volunteer("him");
  him.gender = "male";
  auto unknown = volunteer("unknown");
  const std::vector<VolunteerProfile> volunteers{him, her, unknown};
  const auto proposals = propose_volunteers(w, volunteers, {}, 10);
  ASSERT_EQ(ids_of(proposals), std::vector<std::string>{"her"});
  const auto* reason = find_reason(proposals[0], "match.wish_gender");
  ASSERT_NE(reason, nullptr);
  EXPECT_EQ(reason->params, (Params{{"gender", "female"}}));
  EXPECT_EQ(reason->points, 5);
}

TEST(MatchPropose, OtherWishesAddOrSubtractPoints) {
  auto w = ward("w");
  w.wishes.language = "tt";
  w.wishes.district = "south";
  w.wishes.interests = {"football", "chess", "guitar"};
  auto fits = volunteer("fits");
  fits.languages = {"tt"};
  fits.district = "south";
  fits.interests = {"guitar", "chess"};
  auto misses = volunteer("misses");
  misses.languages = {"ru"};
  misses.district = "north";

  const auto met = evaluate_match(w, fits, {});
  ASSERT_TRUE(met.has_value());
  EXPECT_EQ(met->score, 3 * 5);
  ASSERT_NE(find_reason(*met, "match.wish_language"), nullptr);
  ASSERT_NE(find_reason(*met, "match.wish_district"), nullptr);
  const auto* interests = find_reason(*met, "match.wish_interests");
  ASSERT_NE(interests, nullptr);
  EXPECT_EQ(interests->params, (Params{{"interests", "chess, guitar"}}));

  const auto unmet = evaluate_match(w, misses, {});
  ASSERT_TRUE(unmet.has_value());
  EXPECT_EQ(unmet->score, -3 * 8);
  const auto* language = find_reason(*unmet, "match.wish_language_unmet");
  ASSERT_NE(language, nullptr);
  EXPECT_EQ(language->params, (Params{{"language", "tt"}}));
  EXPECT_EQ(language->points, -8);
  ASSERT_NE(find_reason(*unmet, "match.wish_district_unmet"), nullptr);
  const auto* no_interests = find_reason(*unmet, "match.wish_interests_unmet");
  ASSERT_NE(no_interests, nullptr);
  EXPECT_EQ(no_interests->params, (Params{{"interests", "chess, football, guitar"}}));

  // Still proposed (an unmet wish is a cost, not a ban), but after the better fit.
  const std::vector<VolunteerProfile> volunteers{misses, fits};
  EXPECT_EQ(ids_of(propose_volunteers(w, volunteers, {}, 10)), (std::vector<std::string>{"fits", "misses"}));
}

TEST(MatchPropose, WeightsComeFromSettings) {
  auto v = volunteer("v");
  v.skills = {"homework"};
  v.district = "north";
  MatchSettings settings;
  settings.weights.skill = 1;
  settings.weights.district = 50;
  EXPECT_EQ(evaluate_match(pupil(), v, settings)->score, 51);
}

TEST(MatchBatch, FindsTheOptimumGreedyMisses) {
  // Greedy gives anna (the best single pair) to w1 and leaves w2 without anyone.
  auto w1 = ward("w1");
  w1.needs = {"homework"};
  w1.interests = {"chess"};
  auto w2 = ward("w2");
  w2.needs = {"homework"};
  auto anna = volunteer("anna");
  anna.skills = {"homework"};
  anna.current_wards = 2;
  auto boris = volunteer("boris");
  boris.interests = {"chess"};
  boris.current_wards = 2;
  MatchSettings settings;
  settings.weights.shared_interest = 9;

  const std::vector<WardProfile> wards{w1, w2};
  const std::vector<VolunteerProfile> volunteers{anna, boris};
  const auto result = assign_batch(wards, volunteers, settings);
  EXPECT_EQ(result.total_score, 19);
  ASSERT_EQ(result.matches.size(), 2U);
  EXPECT_EQ(result.matches[0].ward_id, "w1");
  EXPECT_EQ(result.matches[0].volunteer_id, "boris");
  EXPECT_EQ(result.matches[0].score, 9);
  EXPECT_EQ(result.matches[1].ward_id, "w2");
  EXPECT_EQ(result.matches[1].volunteer_id, "anna");
  EXPECT_TRUE(result.unassigned_wards.empty());
}

TEST(MatchBatch, RespectsRemainingCapacityAndSkipsPoorFits) {
  std::vector<WardProfile> wards;
  for (const auto* id : {"w1", "w2", "w3", "w4"}) {
    auto w = ward(id);
    w.needs = {"homework"};
    wards.push_back(w);
  }
  wards[3].needs = {"sport"};
  wards[3].wishes.district = "south"; // the only fit (coach) scores 8 − 8 = 0
  auto anna = volunteer("anna");
  anna.skills = {"homework"};
  anna.current_wards = 1;
  auto paused = volunteer("paused");
  paused.status = VolunteerStatus::paused;
  paused.skills = {"homework", "sport"};
  auto coach = volunteer("coach");
  coach.skills = {"sport"};
  coach.district = "north";
  coach.current_wards = 2;
  MatchSettings settings;
  settings.weights.skill = 8;
  const std::vector<VolunteerProfile> volunteers{anna, paused, coach};

  const auto result = assign_batch(wards, volunteers, settings);
  ASSERT_EQ(result.matches.size(), 2U);
  EXPECT_EQ(result.matches[0].volunteer_id, "anna");
  EXPECT_EQ(result.matches[1].volunteer_id, "anna");
  EXPECT_EQ(result.total_score, 16);
  EXPECT_EQ(result.unassigned_wards, (std::vector<std::string>{"w3", "w4"}));
}

TEST(MatchBatch, EmptyInputGivesEmptyAssignment) {
  const auto result = assign_batch({}, {}, {});
  EXPECT_TRUE(result.matches.empty());
  EXPECT_TRUE(result.unassigned_wards.empty());
  EXPECT_EQ(result.total_score, 0);
}

// Random small instances whose optimum can be found by trying every assignment.
class RandomInstances {
public:
  explicit RandomInstances(unsigned seed) : m_random(seed) {}

  std::vector<WardProfile> wards() {
    std::vector<WardProfile> result(pick(1, 6));
    for (std::size_t i = 0; i < result.size(); ++i) {
      auto& w = result[i];
      w.id = "w" + std::to_string(i);
      w.needs = some({"homework", "sport", "cooking", "music"});
      w.interests = some({"chess", "books", "films", "hiking"});
      w.languages = some({"ru", "tt", "en"});
      w.district = one({"", "north", "south"});
      w.availability =
          static_cast<AvailabilityMask>(m_random()) & k_whole_week & static_cast<AvailabilityMask>(m_random());
      if (chance(4)) {
        w.wishes.gender = one({"female", "male"});
      }
      if (chance(4)) {
        w.wishes.language = one({"ru", "tt"});
      }
      if (chance(4)) {
        w.wishes.district = one({"north", "south"});
      }
      if (chance(4)) {
        w.wishes.interests = some({"chess", "books"});
      }
    }
    return result;
  }

  std::vector<VolunteerProfile> volunteers() {
    std::vector<VolunteerProfile> result(pick(1, 4));
    for (std::size_t i = 0; i < result.size(); ++i) {
      auto& v = result[i];
      v.id = "v" + std::to_string(i);
      v.status = chance(6) ? VolunteerStatus::paused : VolunteerStatus::active;
      v.gender = one({"female", "male"});
      v.skills = some({"homework", "sport", "cooking", "music"});
      v.interests = some({"chess", "books", "films", "hiking"});
      v.languages = some({"ru", "tt", "en"});
      v.district = one({"", "north", "south"});
      v.availability =
          static_cast<AvailabilityMask>(m_random()) & k_whole_week & static_cast<AvailabilityMask>(m_random());
      v.current_wards = pick(0, 3);
    }
    return result;
  }

  MatchSettings settings() {
    MatchSettings s;
    s.load_limit = pick(1, 4);
    return s;
  }

private:
  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }
  bool chance(int one_in) { return pick(1, one_in) == 1; }
  std::string one(std::initializer_list<const char*> words) {
    return *(words.begin() + pick(0, int(words.size()) - 1));
  }
  std::set<std::string> some(std::initializer_list<const char*> words) {
    std::set<std::string> chosen;
    for (const auto* word : words) {
      if (chance(2)) {
        chosen.insert(word);
      }
    }
    return chosen;
  }

  std::mt19937 m_random;
};

// The best total over every way of giving each ward one volunteer or none.
std::int64_t brute_force_optimum(const std::vector<std::vector<int>>& score, std::vector<int> capacity) {
  std::int64_t best = 0;
  std::function<void(std::size_t, std::int64_t)> visit = [&](std::size_t w, std::int64_t total) {
    if (w == score.size()) {
      best = std::max(best, total);
      return;
    }
    visit(w + 1, total);
    for (std::size_t v = 0; v < capacity.size(); ++v) {
      if (score[w][v] > 0 && capacity[v] > 0) {
        --capacity[v];
        visit(w + 1, total + score[w][v]);
        ++capacity[v];
      }
    }
  };
  visit(0, 0);
  return best;
}

// Highest-scoring pair first, as a naive coordinator would do; for showing the instances are not trivial.
std::int64_t greedy_total(const std::vector<std::vector<int>>& score, std::vector<int> capacity) {
  std::vector<std::tuple<int, std::size_t, std::size_t>> pairs;
  for (std::size_t w = 0; w < score.size(); ++w) {
    for (std::size_t v = 0; v < capacity.size(); ++v) {
      if (score[w][v] > 0) {
        pairs.emplace_back(score[w][v], w, v);
      }
    }
  }
  std::ranges::sort(pairs, std::greater<>());
  std::vector<bool> taken(score.size(), false);
  std::int64_t total = 0;
  for (const auto& [s, w, v] : pairs) {
    if (!taken[w] && capacity[v] > 0) {
      taken[w] = true;
      --capacity[v];
      total += s;
    }
  }
  return total;
}

TEST(MatchBatch, MatchesBruteForceOnRandomSmallInstances) {
  RandomInstances random(20240515);
  int greedy_worse = 0;
  for (int instance = 0; instance < 300; ++instance) {
    const auto wards = random.wards();
    const auto volunteers = random.volunteers();
    const auto settings = random.settings();
    std::vector<std::vector<int>> score(wards.size(), std::vector<int>(volunteers.size(), 0));
    for (std::size_t w = 0; w < wards.size(); ++w) {
      for (std::size_t v = 0; v < volunteers.size(); ++v) {
        if (const auto proposal = evaluate_match(wards[w], volunteers[v], settings)) {
          score[w][v] = proposal->score;
        }
      }
    }
    std::vector<int> capacity;
    for (const auto& v : volunteers) {
      capacity.push_back(v.status == VolunteerStatus::active ? std::max(0, settings.load_limit - v.current_wards) : 0);
    }

    const auto result = assign_batch(wards, volunteers, settings);
    const auto optimum = brute_force_optimum(score, capacity);
    ASSERT_EQ(result.total_score, optimum) << "instance " << instance;
    greedy_worse += greedy_total(score, capacity) < optimum ? 1 : 0;

    // The assignment itself is feasible and adds up to the reported total.
    std::map<std::string, int> used;
    std::int64_t sum = 0;
    for (const auto& match : result.matches) {
      const auto w = std::stoul(match.ward_id.substr(1));
      const auto v = std::stoul(match.volunteer_id.substr(1));
      ASSERT_GT(score[w][v], 0);
      EXPECT_EQ(match.score, score[w][v]);
      sum += match.score;
      ++used[match.volunteer_id];
      ASSERT_LE(used[match.volunteer_id], capacity[v]);
    }
    EXPECT_EQ(sum, result.total_score);
    EXPECT_EQ(result.matches.size() + result.unassigned_wards.size(), wards.size());
  }
  EXPECT_GT(greedy_worse, 0);
}

} // namespace
} // namespace patronage::domain
