#include "domain/duplicates.hpp"

#include "domain/name_key.hpp"
#include "domain/named_enum.hpp"
#include "domain/similarity.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <set>
#include <string>

namespace patronage::domain {
namespace {

constexpr NameTable<DuplicateReason, 10> k_reason_names{{
    {DuplicateReason::same_snils, "same_snils"},
    {DuplicateReason::same_birth_date, "same_birth_date"},
    {DuplicateReason::birth_date_typo, "birth_date_typo"},
    {DuplicateReason::name_exact, "name_exact"},
    {DuplicateReason::name_transliterated, "name_transliterated"},
    {DuplicateReason::name_typo, "name_typo"},
    {DuplicateReason::patronymic_match, "patronymic_match"},
    {DuplicateReason::first_last_swapped, "first_last_swapped"},
    {DuplicateReason::same_address, "same_address"},
    {DuplicateReason::similar_address, "similar_address"},
}};

// Evidence weights, chosen on the labelled pairs of tests/domain/duplicates_test.cpp. Agreement adds, conflict
// subtracts; a different first name or birth date speaks louder than a different surname, which changes at marriage.
constexpr double k_last_name_weight = 0.30;
constexpr double k_first_name_weight = 0.25;
constexpr double k_last_name_conflict = -0.20;
constexpr double k_first_name_conflict = -0.40;
constexpr double k_initial_value = 0.5; // an initial ("О.") that agrees counts half
constexpr double k_same_birth_date = 0.35;
constexpr double k_birth_date_typo = 0.20;
constexpr double k_birth_date_conflict = -0.60;
constexpr double k_patronymic_match = 0.10;
constexpr double k_patronymic_typo = 0.08;
constexpr double k_patronymic_initial = 0.03;
constexpr double k_patronymic_conflict = -0.35;
constexpr double k_sex_conflict = -0.50;
// Added after the identity evidence is clamped, so that spouses still show a low same_address score.
constexpr double k_person_same_address = 0.15;
constexpr double k_person_similar_address = 0.05;
// The most a pair can score when both birth dates are known and differ without a typo: that conflict with every other
// identity evidence agreeing, then a shared address.
constexpr double k_best_with_birth_conflict =
    std::clamp(k_birth_date_conflict + k_last_name_weight + k_first_name_weight + k_patronymic_match, 0.0, 1.0) +
    k_person_same_address;
// A household at the same address is flagged on its own; one in the same building is not.
constexpr double k_household_same_address = 0.65;
constexpr double k_household_similar_address = 0.30;

constexpr std::size_t k_blocking_prefix = 3;

struct PreparedName {
  std::string cased;
  std::string skeleton;
  bool initial = false;
};

enum class Sex { unknown, male, female };

struct PreparedAddress {
  std::vector<std::string> words; // skeletons of the street, town ... words, type words left out
  std::vector<std::string> numbers;
};

struct PreparedPerson {
  PreparedName last;
  PreparedName first;
  PreparedName patronymic;
  std::optional<util::Date> birth_date;
  Sex sex = Sex::unknown;
  PreparedAddress address;
  std::string snils;
};

std::size_t code_points(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

PreparedName prepare_name(std::string_view name) {
  PreparedName prepared;
  prepared.cased = fold_case(name);
  prepared.skeleton = name_skeleton(name);
  prepared.initial = code_points(prepared.cased) == 1;
  return prepared;
}

Sex sex_of(const std::string& patronymic, const std::string& last_name) {
  auto ends = [](const std::string& s, std::initializer_list<std::string_view> endings) {
    return std::any_of(endings.begin(), endings.end(), [&](auto e) { return s.size() > e.size() && s.ends_with(e); });
  };
  // Russian patronymics end in -ich / -na; Turkic ones are written with ogly / kyzy.
  if (ends(patronymic, {"ich", "ogly", "uly"})) {
    return Sex::male;
  }
  if (ends(patronymic, {"na", "kyzy", "kizi", "gyzy"})) {
    return Sex::female;
  }
  if (ends(last_name, {"ova", "eva", "ina", "yna", "aya"})) {
    return Sex::female;
  }
  if (ends(last_name, {"ov", "ev", "in", "yn", "iy", "oy", "skiy", "skii"})) {
    return Sex::male;
  }
  return Sex::unknown;
}

PreparedAddress prepare_address(std::string_view address) {
  PreparedAddress prepared;
  auto folded = fold_address(address);
  std::size_t start = 0;
  while (start < folded.size()) {
    auto end = folded.find(' ', start);
    if (end == std::string::npos) {
      end = folded.size();
    }
    auto token = std::string_view(folded).substr(start, end - start);
    if (!token.empty() && token.front() >= '0' && token.front() <= '9') {
      prepared.numbers.emplace_back(token);
    } else if (!token.empty() && !is_address_type_word(token)) {
      prepared.words.push_back(name_skeleton(token));
    }
    start = end + 1;
  }
  return prepared;
}

PreparedPerson prepare_person(const PersonIdentity& person, bool with_address = true) {
  PreparedPerson prepared;
  prepared.last = prepare_name(person.last_name);
  prepared.first = prepare_name(person.first_name);
  prepared.patronymic = prepare_name(person.patronymic);
  prepared.birth_date = person.birth_date;
  prepared.snils = person.snils;
  prepared.sex = sex_of(fold_name(person.patronymic), fold_name(person.last_name));
  if (with_address) {
    prepared.address = prepare_address(person.address);
  }
  return prepared;
}

enum class PartKind { absent, exact, transliterated, typo, initial, different };

struct PartComparison {
  PartKind kind = PartKind::absent;
  double value = 0.0; // how much of the part's weight agrees: 1 exact or transliterated, less for a typo
};

bool agrees(PartKind kind) {
  return kind == PartKind::exact || kind == PartKind::transliterated || kind == PartKind::typo ||
         kind == PartKind::initial;
}

// A typo keeps the first letter (a different initial is a different name: Мария/Дарья, Алёна/Елена) and costs one
// edit, two in a long name.
PartComparison compare_names(const PreparedName& a, const PreparedName& b) {
  if (a.skeleton.empty() || b.skeleton.empty()) {
    return {PartKind::absent, 0.0};
  }
  if (a.cased == b.cased) {
    return {PartKind::exact, 1.0};
  }
  if (a.initial || b.initial) {
    const auto& initial = a.initial ? a : b;
    const auto& full = a.initial ? b : a;
    return full.skeleton.starts_with(initial.skeleton) ? PartComparison{PartKind::initial, k_initial_value}
                                                       : PartComparison{PartKind::different, 0.0};
  }
  if (a.skeleton == b.skeleton) {
    return {PartKind::transliterated, 1.0};
  }
  const std::size_t longer = std::max(a.skeleton.size(), b.skeleton.size());
  const std::size_t allowed = longer >= 10 ? 2 : (longer >= 4 ? 1 : 0);
  if (a.skeleton.front() == b.skeleton.front() && edit_distance(a.skeleton, b.skeleton) <= allowed) {
    return {PartKind::typo, similarity(a.skeleton, b.skeleton)};
  }
  return {PartKind::different, 0.0};
}

struct NameEvidence {
  double value = 0.0;
  PartComparison last;
  PartComparison first;
};

double part_evidence(const PartComparison& part, double weight, double conflict) {
  if (part.kind == PartKind::different) {
    return conflict;
  }
  return weight * part.value;
}

NameEvidence name_evidence(const PreparedName& a_last, const PreparedName& a_first, const PreparedName& b_last,
                           const PreparedName& b_first) {
  NameEvidence evidence;
  evidence.last = compare_names(a_last, b_last);
  evidence.first = compare_names(a_first, b_first);
  evidence.value = part_evidence(evidence.last, k_last_name_weight, k_last_name_conflict) +
                   part_evidence(evidence.first, k_first_name_weight, k_first_name_conflict);
  return evidence;
}

void add_name_reasons(const NameEvidence& names, std::vector<DuplicateReason>& reasons) {
  if (!agrees(names.last.kind) || !agrees(names.first.kind)) {
    return;
  }
  auto either = [&](PartKind kind) { return names.last.kind == kind || names.first.kind == kind; };
  if (either(PartKind::transliterated)) {
    reasons.push_back(DuplicateReason::name_transliterated);
  }
  if (either(PartKind::typo)) {
    reasons.push_back(DuplicateReason::name_typo);
  }
  if (!either(PartKind::transliterated) && !either(PartKind::typo)) {
    reasons.push_back(DuplicateReason::name_exact);
  }
}

// YYYYMMDD (the year's last four digits), written into the caller's buffer: every pair of rows a file's check
// scores compares two, and a string each was a third of the check.
std::string_view compact_date(util::Date date, std::array<char, 8>& digits) {
  const std::chrono::year_month_day ymd{date};
  const auto put = [&digits](std::size_t at, std::size_t width, unsigned value) {
    for (std::size_t i = width; i-- > 0; value /= 10) {
      digits[at + i] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, 4, static_cast<unsigned>(static_cast<int>(ymd.year())));
  put(4, 2, static_cast<unsigned>(ymd.month()));
  put(6, 2, static_cast<unsigned>(ymd.day()));
  return {digits.data(), digits.size()};
}

enum class BirthKind { unknown, same, typo, different };

// A typo: day and month swapped, or the YYYYMMDD digits one substitution or one adjacent swap apart.
BirthKind compare_birth_dates(const std::optional<util::Date>& a, const std::optional<util::Date>& b) {
  if (!a || !b) {
    return BirthKind::unknown;
  }
  if (*a == *b) {
    return BirthKind::same;
  }
  const std::chrono::year_month_day x{*a};
  const std::chrono::year_month_day y{*b};
  const bool day_month_swapped = x.year() == y.year() &&
                                 static_cast<unsigned>(x.day()) == static_cast<unsigned>(y.month()) &&
                                 static_cast<unsigned>(x.month()) == static_cast<unsigned>(y.day());
  std::array<char, 8> a_digits{};
  std::array<char, 8> b_digits{};
  if (day_month_swapped || edit_distance(compact_date(*a, a_digits), compact_date(*b, b_digits)) == 1) {
    return BirthKind::typo;
  }
  return BirthKind::different;
}

bool words_agree(const std::string& a, const std::string& b) {
  if (a == b) {
    return true;
  }
  return std::max(a.size(), b.size()) >= 5 && a.front() == b.front() && edit_distance(a, b) <= 1;
}

// Every word of the shorter list appears in the longer one (a town or a street type may be left out).
bool street_words_agree(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const auto& shorter = a.size() <= b.size() ? a : b;
  const auto& longer = a.size() <= b.size() ? b : a;
  if (shorter.empty()) {
    return longer.empty();
  }
  return std::all_of(shorter.begin(), shorter.end(), [&](const auto& word) {
    return std::any_of(longer.begin(), longer.end(), [&](const auto& other) { return words_agree(word, other); });
  });
}

AddressMatch compare_prepared_addresses(const PreparedAddress& a, const PreparedAddress& b) {
  const bool a_empty = a.words.empty() && a.numbers.empty();
  const bool b_empty = b.words.empty() && b.numbers.empty();
  if (a_empty || b_empty || !street_words_agree(a.words, b.words)) {
    return AddressMatch::none;
  }
  if (a.numbers == b.numbers) {
    return AddressMatch::same;
  }
  const auto& shorter = a.numbers.size() <= b.numbers.size() ? a.numbers : b.numbers;
  const auto& longer = a.numbers.size() <= b.numbers.size() ? b.numbers : a.numbers;
  const bool flat_missing = !shorter.empty() && std::equal(shorter.begin(), shorter.end(), longer.begin());
  const bool other_flat = shorter.size() == longer.size() && shorter.size() >= 2 &&
                          std::equal(shorter.begin(), shorter.end() - 1, longer.begin());
  return flat_missing || other_flat ? AddressMatch::similar : AddressMatch::none;
}

PersonMatch score_prepared(const PreparedPerson& a, const PreparedPerson& b, std::string id) {
  PersonMatch match;
  match.id = std::move(id);
  double identity = 0.0;

  const auto birth = compare_birth_dates(a.birth_date, b.birth_date);
  if (birth == BirthKind::same) {
    identity += k_same_birth_date;
    match.reasons.push_back(DuplicateReason::same_birth_date);
  } else if (birth == BirthKind::typo) {
    identity += k_birth_date_typo;
    match.reasons.push_back(DuplicateReason::birth_date_typo);
  } else if (birth == BirthKind::different) {
    identity += k_birth_date_conflict;
  }

  const auto direct = name_evidence(a.last, a.first, b.last, b.first);
  const auto swapped = name_evidence(a.last, a.first, b.first, b.last);
  const bool use_swapped = agrees(swapped.last.kind) && agrees(swapped.first.kind) && swapped.value > direct.value;
  const auto& names = use_swapped ? swapped : direct;
  identity += names.value;
  add_name_reasons(names, match.reasons);

  const auto patronymic = compare_names(a.patronymic, b.patronymic);
  switch (patronymic.kind) {
  case PartKind::exact:
  case PartKind::transliterated:
    identity += k_patronymic_match;
    match.reasons.push_back(DuplicateReason::patronymic_match);
    break;
  case PartKind::typo:
    identity += k_patronymic_typo;
    match.reasons.push_back(DuplicateReason::patronymic_match);
    break;
  case PartKind::initial:
    identity += k_patronymic_initial;
    break;
  case PartKind::different:
    identity += k_patronymic_conflict;
    break;
  case PartKind::absent:
    break;
  }
  if (use_swapped) {
    match.reasons.push_back(DuplicateReason::first_last_swapped);
  }
  if (a.sex != Sex::unknown && b.sex != Sex::unknown && a.sex != b.sex) {
    identity += k_sex_conflict;
  }

  double address = 0.0;
  const auto address_match = compare_prepared_addresses(a.address, b.address);
  if (address_match == AddressMatch::same) {
    address = k_person_same_address;
    match.reasons.push_back(DuplicateReason::same_address);
  } else if (address_match == AddressMatch::similar) {
    address = k_person_similar_address;
    match.reasons.push_back(DuplicateReason::similar_address);
  }
  match.score = std::min(1.0, std::clamp(identity, 0.0, 1.0) + address);
  if (!a.snils.empty() && !b.snils.empty()) {
    // Issue 18: the number outweighs every other evidence, either way.
    if (a.snils == b.snils) {
      match.reasons.insert(match.reasons.begin(), DuplicateReason::same_snils);
      match.score = 1.0;
    } else {
      std::erase_if(match.reasons, [](DuplicateReason r) {
        return r != DuplicateReason::same_address && r != DuplicateReason::similar_address;
      });
      match.score = address;
    }
  }
  return match;
}

template <typename Match> void rank(std::vector<Match>& matches, std::size_t limit) {
  std::sort(matches.begin(), matches.end(),
            [](const Match& x, const Match& y) { return x.score != y.score ? x.score > y.score : x.id < y.id; });
  if (matches.size() > limit) {
    matches.resize(limit);
  }
}

std::string prefix(const std::string& s, std::size_t length) {
  return s.substr(0, std::min(length, s.size()));
}

void add_key(std::vector<std::string>& keys, std::string key) {
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
    keys.push_back(std::move(key));
  }
}

} // namespace

std::string_view to_string(DuplicateReason reason) {
  return name_of(k_reason_names, reason);
}

AddressMatch compare_addresses(std::string_view a, std::string_view b) {
  return compare_prepared_addresses(prepare_address(a), prepare_address(b));
}

PersonMatch score_pair(const PersonIdentity& candidate, const PersonIdentity& existing) {
  return score_prepared(prepare_person(candidate), prepare_person(existing), existing.id);
}

struct PreparedIdentity::Folded {
  PreparedPerson person;
};

PreparedIdentity::PreparedIdentity(PersonIdentity person)
    : m_identity(std::move(person)), m_folded(std::make_unique<const Folded>(Folded{prepare_person(m_identity)})) {}
PreparedIdentity::~PreparedIdentity() = default;
PreparedIdentity::PreparedIdentity(PreparedIdentity&&) noexcept = default;
PreparedIdentity& PreparedIdentity::operator=(PreparedIdentity&&) noexcept = default;

PersonMatch score_pair(const PreparedIdentity& candidate, const PreparedIdentity& existing) {
  return score_prepared(candidate.m_folded->person, existing.m_folded->person, existing.m_identity.id);
}

double best_score_with_birth_conflict() {
  return k_best_with_birth_conflict;
}

std::optional<PersonMatch> score_pair_at_least(const PreparedIdentity& candidate, const PreparedIdentity& existing,
                                               double threshold) {
  const auto& a = candidate.m_folded->person;
  const auto& b = existing.m_folded->person;
  const bool same_snils = !a.snils.empty() && a.snils == b.snils;
  if (threshold > k_best_with_birth_conflict && !same_snils &&
      compare_birth_dates(a.birth_date, b.birth_date) == BirthKind::different) {
    return std::nullopt;
  }
  auto match = score_prepared(a, b, existing.m_identity.id);
  if (match.score < threshold) {
    return std::nullopt;
  }
  return match;
}

namespace {

std::vector<PersonMatch> find_prepared(const PreparedPerson& prepared, const std::string& id,
                                       std::span<const PersonIdentity> existing, const DuplicateSettings& settings) {
  std::vector<PersonMatch> matches;
  for (const auto& other : existing) {
    if (!id.empty() && other.id == id) {
      continue;
    }
    auto match = score_prepared(prepared, prepare_person(other), other.id);
    if (match.score >= settings.person_threshold) {
      matches.push_back(std::move(match));
    }
  }
  rank(matches, settings.max_results);
  return matches;
}

} // namespace

std::vector<PersonMatch> find_duplicates(const PersonIdentity& candidate, std::span<const PersonIdentity> existing,
                                         const DuplicateSettings& settings) {
  if (existing.empty()) {
    return {}; // folding the candidate costs as much as the rest of its check
  }
  return find_prepared(prepare_person(candidate), candidate.id, existing, settings);
}

std::vector<PersonMatch> find_duplicates(const PreparedIdentity& candidate, std::span<const PersonIdentity> existing,
                                         const DuplicateSettings& settings) {
  return find_prepared(candidate.m_folded->person, candidate.m_identity.id, existing, settings);
}

std::vector<std::string> blocking_keys(const PersonIdentity& person) {
  std::vector<std::string> keys;
  const auto last = name_skeleton(person.last_name);
  const auto first = name_skeleton(person.first_name);
  auto names = std::vector<std::string>{prefix(last, k_blocking_prefix), prefix(first, k_blocking_prefix)};
  std::erase(names, std::string{});
  std::sort(names.begin(), names.end());
  if (!names.empty()) {
    add_key(keys, "n:" + names.front() + (names.size() > 1 ? "|" + names.back() : std::string{}));
  }
  if (!last.empty()) {
    // Without a final "a", so Иванов and Иванова share a key (the sex check decides later).
    auto stem = last.ends_with('a') ? last.substr(0, last.size() - 1) : last;
    auto year = person.birth_date ? util::format_date(*person.birth_date).substr(0, 4) : std::string{};
    add_key(keys, "l:" + stem + ":" + year);
  }
  if (person.birth_date) {
    add_key(keys, "b:" + util::format_date(*person.birth_date));
  }
  if (!person.snils.empty()) {
    add_key(keys, "s:" + person.snils);
  }
  return keys;
}

std::vector<HouseholdMatch> find_household_duplicates(const HouseholdIdentity& candidate,
                                                      std::span<const HouseholdIdentity> existing,
                                                      const DuplicateSettings& settings) {
  const auto candidate_address = prepare_address(candidate.address);
  std::vector<PreparedPerson> candidate_members;
  for (const auto& member : candidate.members) {
    candidate_members.push_back(prepare_person(member, false));
  }

  std::vector<HouseholdMatch> matches;
  for (const auto& household : existing) {
    if (!candidate.id.empty() && household.id == candidate.id) {
      continue;
    }
    HouseholdMatch match;
    match.id = household.id;
    double address = 0.0;
    const auto address_match = compare_prepared_addresses(candidate_address, prepare_address(household.address));
    if (address_match == AddressMatch::same) {
      address = k_household_same_address;
      match.reasons.push_back(DuplicateReason::same_address);
    } else if (address_match == AddressMatch::similar) {
      address = k_household_similar_address;
      match.reasons.push_back(DuplicateReason::similar_address);
    }
    for (const auto& member : household.members) {
      const auto prepared = prepare_person(member, false);
      for (std::size_t i = 0; i < candidate_members.size(); ++i) {
        auto pair = score_prepared(candidate_members[i], prepared, member.id);
        if (pair.score >= settings.person_threshold) {
          match.members.push_back({candidate.members[i].id, member.id, pair.score, std::move(pair.reasons)});
        }
      }
    }
    std::stable_sort(match.members.begin(), match.members.end(),
                     [](const MemberMatch& x, const MemberMatch& y) { return x.score > y.score; });
    const double best_member = match.members.empty() ? 0.0 : match.members.front().score;
    if (!match.members.empty()) {
      const auto& best = match.members.front().reasons;
      match.reasons.insert(match.reasons.end(), best.begin(), best.end());
      std::set<DuplicateReason> unique(match.reasons.begin(), match.reasons.end());
      match.reasons.assign(unique.begin(), unique.end());
    }
    match.score = 1.0 - (1.0 - address) * (1.0 - best_member);
    if (match.score >= settings.household_threshold) {
      matches.push_back(std::move(match));
    }
  }
  rank(matches, settings.max_results);
  return matches;
}

std::vector<std::string> household_blocking_keys(const HouseholdIdentity& household) {
  std::vector<std::vector<std::string>> member_keys;
  for (const auto& member : household.members) {
    member_keys.push_back(blocking_keys(member));
  }
  return household_blocking_keys(household.address, member_keys);
}

std::vector<std::string> household_blocking_keys(const std::string& address,
                                                 std::span<const std::vector<std::string>> member_keys) {
  std::vector<std::string> keys;
  const auto prepared = prepare_address(address);
  const auto house = prepared.numbers.empty() ? std::string{} : ":" + prepared.numbers.front();
  for (const auto& word : prepared.words) {
    add_key(keys, "a:" + word + house);
  }
  for (const auto& each : member_keys) {
    for (const auto& key : each) {
      add_key(keys, key);
    }
  }
  return keys;
}

} // namespace patronage::domain
