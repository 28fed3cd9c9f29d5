#include "domain/batch_duplicates.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace patronage::domain {
namespace {

// The check as the import ran it before find_batch_duplicates: every one of the latest `window` earlier holders of
// each key is scored. The oracle for the blocking that passes candidates over.
std::vector<std::vector<EarlierMatch>> score_every_candidate(std::span<const PreparedIdentity> people,
                                                             std::span<const std::vector<std::string>> keys,
                                                             const BatchSettings& settings) {
  std::map<std::string, std::vector<std::size_t>> holders;
  std::vector<std::vector<EarlierMatch>> out(people.size());
  for (std::size_t i = 0; i < people.size(); ++i) {
    std::set<std::size_t> candidates;
    for (const auto& key : keys[i]) {
      const auto& earlier = holders[key];
      const auto from = earlier.size() > settings.window ? earlier.size() - settings.window : 0;
      candidates.insert(earlier.begin() + static_cast<std::ptrdiff_t>(from), earlier.end());
    }
    for (const auto j : candidates) {
      if (auto match = score_pair_at_least(people[i], people[j], settings.threshold)) {
        out[i].push_back({j, std::move(*match)});
      }
    }
    for (const auto& key : keys[i]) {
      holders[key].push_back(i);
    }
  }
  return out;
}

struct Name {
  std::string last;
  std::string first;
  std::string patronymic;
  std::string latin_last;
  std::string latin_first;
};

// Few names, so that keys are shared by many and the windows fill up.
const std::vector<Name> k_names{
    {"Иванова", "Анна", "Петровна", "Ivanova", "Anna"},
    {"Иванов", "Андрей", "Петрович", "Ivanov", "Andrey"},
    {"Щербакова", "Ольга", "Ивановна", "Shcherbakova", "Olga"},
    {"Смирнова", "Алёна", "Викторовна", "Smirnova", "Alena"},
    {"Кузнецов", "Дмитрий", "Алексеевич", "Kuznetsov", "Dmitriy"},
    {"Соколова", "Наталья", "Андреевна", "Sokolova", "Natalya"},
};

std::string digits_of(util::Date date) {
  auto text = util::format_date(date);
  std::erase(text, '-');
  return text;
}

std::optional<util::Date> date_of(const std::string& digits) {
  return util::parse_date(digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2));
}

// Every date a typist may make of `date`: each digit changed, each two adjacent digits swapped, day and month
// swapped; the ones that are no date left out.
std::vector<util::Date> date_typos(util::Date date) {
  const auto digits = digits_of(date);
  std::vector<util::Date> out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    for (char c = '0'; c <= '9'; ++c) {
      auto typo = digits;
      typo[i] = c;
      if (auto parsed = date_of(typo); parsed && typo != digits) {
        out.push_back(*parsed);
      }
    }
    if (i + 1 < digits.size() && digits[i] != digits[i + 1]) {
      auto swapped = digits;
      std::swap(swapped[i], swapped[i + 1]);
      if (auto parsed = date_of(swapped)) {
        out.push_back(*parsed);
      }
    }
  }
  if (auto swapped = date_of(digits.substr(0, 4) + digits.substr(6, 2) + digits.substr(4, 2)); swapped) {
    out.push_back(*swapped);
  }
  return out;
}

// A register with its duplicates: people of a few names born on nearby days, each followed somewhere later by the same
// person as another source typed them (a date typo, no date, Latin letters, a name typo, first and last swapped,
// a СНИЛС with a wrong date) and by people who only look alike.
std::vector<PersonIdentity> register_with_typos(unsigned seed, std::size_t people) {
  std::mt19937 random(seed);
  auto pick = [&random](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
  const auto base = *util::parse_date("1984-03-12");
  std::vector<PersonIdentity> out;
  for (std::size_t n = 0; out.size() < people; ++n) {
    const auto& name = k_names[pick(k_names.size())];
    const auto born = base + std::chrono::days{static_cast<int>(pick(40)) * 37};
    const std::string address = "г. Тула, ул. Ленина, д. " + std::to_string(pick(5) + 1);
    PersonIdentity person{"", name.last, name.first, name.patronymic, born, address};
    if (pick(4) == 0) {
      person.snils = std::to_string(10000000000ULL + n);
    }
    out.push_back(person);
    auto twin = person;
    twin.snils.clear();
    switch (pick(8)) {
    case 0: {
      const auto typos = date_typos(born);
      twin.birth_date = typos[pick(typos.size())];
      break;
    }
    case 1:
      twin.birth_date.reset();
      break;
    case 2:
      twin.last_name = name.latin_last;
      twin.first_name = name.latin_first;
      twin.patronymic.clear();
      break;
    case 3:
      // Иванова / Иванов: one surname, two forms.
      if (twin.last_name.ends_with("а")) {
        twin.last_name.resize(twin.last_name.size() - std::string("а").size());
      } else {
        twin.last_name += "а";
      }
      break;
    case 4:
      std::swap(twin.last_name, twin.first_name);
      break;
    case 5:
      twin.snils = person.snils.empty() ? std::to_string(20000000000ULL + n) : person.snils;
      twin.birth_date = born + std::chrono::days{400};
      break;
    case 6:
      twin.birth_date = born + std::chrono::days{static_cast<int>(pick(3)) + 1};
      break;
    default:
      twin.address.clear();
      break;
    }
    out.push_back(twin);
  }
  out.resize(people);
  std::shuffle(out.begin(), out.end(), random);
  return out;
}

struct Batch {
  std::vector<PreparedIdentity> people;
  std::vector<std::vector<std::string>> keys;
};

Batch prepare(const std::vector<PersonIdentity>& identities) {
  Batch batch;
  for (const auto& identity : identities) {
    batch.keys.push_back(blocking_keys(identity));
    batch.people.emplace_back(identity);
  }
  return batch;
}

void expect_same(const std::vector<std::vector<EarlierMatch>>& found,
                 const std::vector<std::vector<EarlierMatch>>& expected) {
  ASSERT_EQ(found.size(), expected.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    ASSERT_EQ(found[i].size(), expected[i].size()) << "person " << i;
    for (std::size_t k = 0; k < found[i].size(); ++k) {
      EXPECT_EQ(found[i][k].earlier, expected[i][k].earlier) << "person " << i;
      EXPECT_EQ(found[i][k].match.score, expected[i][k].match.score) << "person " << i;
      EXPECT_EQ(found[i][k].match.reasons, expected[i][k].match.reasons) << "person " << i;
    }
  }
}

std::size_t pairs_with(const std::vector<std::vector<EarlierMatch>>& found, DuplicateReason reason) {
  std::size_t n = 0;
  for (const auto& matches : found) {
    n += static_cast<std::size_t>(std::count_if(matches.begin(), matches.end(), [&](const EarlierMatch& m) {
      return std::find(m.match.reasons.begin(), m.match.reasons.end(), reason) != m.match.reasons.end();
    }));
  }
  return n;
}

TEST(BatchDuplicates, FindExactlyThePairsThatScoringEveryCandidateFinds) {
  for (const unsigned seed : {1U, 2U, 3U}) {
    const auto batch = prepare(register_with_typos(seed, 1500));
    for (const std::size_t window : {4U, 300U}) {
      for (const unsigned threads : {1U, 2U}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + ", window " + std::to_string(window) + ", threads " +
                     std::to_string(threads));
        const BatchSettings settings{DuplicateSettings{}.person_threshold, window, threads};
        const auto expected = score_every_candidate(batch.people, batch.keys, settings);
        const auto found = find_batch_duplicates(batch.people, batch.keys, settings);
        expect_same(found, expected);
        // The set exercises what the blocking must not lose.
        EXPECT_GT(pairs_with(expected, DuplicateReason::birth_date_typo), 20U);
        EXPECT_GT(pairs_with(expected, DuplicateReason::same_snils), 5U);
        EXPECT_GT(pairs_with(expected, DuplicateReason::name_transliterated), 5U);
        EXPECT_GT(pairs_with(expected, DuplicateReason::first_last_swapped), 5U);
      }
    }
  }
}

TEST(BatchDuplicates, EveryDateTypoOfOnePersonIsFound) {
  const PersonIdentity person{"", "Щербакова", "Ольга", "Ивановна", util::parse_date("1985-03-14"), ""};
  std::vector<PersonIdentity> identities{person};
  for (const auto typo : date_typos(*person.birth_date)) {
    identities.push_back(person);
    identities.back().birth_date = typo;
  }
  const auto batch = prepare(identities);
  const BatchSettings settings{DuplicateSettings{}.person_threshold, 300, 2};
  const auto found = find_batch_duplicates(batch.people, batch.keys, settings);
  expect_same(found, score_every_candidate(batch.people, batch.keys, settings));
  for (std::size_t i = 1; i < found.size(); ++i) {
    ASSERT_FALSE(found[i].empty()) << util::format_date(*identities[i].birth_date);
    EXPECT_EQ(found[i].front().earlier, 0U);
  }
}

TEST(BatchDuplicates, ALowThresholdScoresConflictingBirthDatesToo) {
  // Under 0.2 a pair whose birth dates conflict can still match: nothing may be passed over.
  const auto batch = prepare(register_with_typos(4, 600));
  const BatchSettings settings{0.15, 300, 2};
  const auto found = find_batch_duplicates(batch.people, batch.keys, settings);
  expect_same(found, score_every_candidate(batch.people, batch.keys, settings));
  std::size_t conflicting = 0;
  for (const auto& matches : found) {
    for (const auto& m : matches) {
      const auto& reasons = m.match.reasons;
      conflicting += std::find(reasons.begin(), reasons.end(), DuplicateReason::same_birth_date) == reasons.end() &&
                     std::find(reasons.begin(), reasons.end(), DuplicateReason::birth_date_typo) == reasons.end();
    }
  }
  EXPECT_GT(conflicting, 0U);
}

TEST(BatchDuplicates, OnlyTheLatestHoldersOfAKeyAreCandidates) {
  const PersonIdentity person{"", "Иванова", "Анна", "Петровна", util::parse_date("1990-01-01"), ""};
  const auto batch = prepare({person, person, person, person});
  const auto found = find_batch_duplicates(batch.people, batch.keys, {DuplicateSettings{}.person_threshold, 2, 1});
  ASSERT_EQ(found[3].size(), 2U);
  EXPECT_EQ(found[3][0].earlier, 1U);
  EXPECT_EQ(found[3][1].earlier, 2U);
  EXPECT_TRUE(found[0].empty());
}

} // namespace
} // namespace patronage::domain
