#pragma once

#include "util/time.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace patronage::domain {

// SPEC §4 "Duplicates": on every new signal and person the system shows the existing persons and households that
// are probably the same, so that no family gets two parallel cases.
//
// How the storage layer uses this: it stores blocking_keys() of every person (and household_blocking_keys() of
// every household) in an index; for a new record it fetches the records sharing ANY key with it, then calls
// find_duplicates() / find_household_duplicates() on those candidates. Keys are cheap and deliberately loose;
// the scoring here decides.

// What is known about one person; any field may be empty. Names in any script and case.
struct PersonIdentity {
  std::string id;
  std::string last_name;
  std::string first_name;
  std::string patronymic;
  std::optional<util::Date> birth_date;
  std::string address;
  std::string snils{}; // 11 digits (domain::parse_snils) or empty
};

// Why two records look alike; listed in this order in a match.
enum class DuplicateReason {
  same_snils, // issue 18: one СНИЛС, one person — a certain match whatever the names say
  same_birth_date,
  birth_date_typo,     // day and month swapped, one digit off, or two adjacent digits swapped
  name_exact,          // last and first name typed alike (case, ё/е, hyphens and spaces aside)
  name_transliterated, // last and first name equal across scripts or transliteration systems
  name_typo,           // last or first name within a small edit distance
  patronymic_match,
  first_last_swapped, // the first name of one is the last name of the other and vice versa
  same_address,
  similar_address, // same building, another or a missing flat number
};

std::string_view to_string(DuplicateReason reason);

// One likely match: `id` of the existing record, `score` in 0..1, `reasons` in DuplicateReason order.
struct PersonMatch {
  std::string id;
  double score = 0.0;
  std::vector<DuplicateReason> reasons;
};

struct DuplicateSettings {
  // Chosen on the labelled pairs of tests/domain/duplicates_test.cpp: the same person with a typo, another script,
  // a missing patronymic or a changed surname scores 0.65 or more; two people who share a name but not a birth
  // date, or a birth date but not a name, score 0.5 or less.
  double person_threshold = 0.6;
  double household_threshold = 0.6;
  std::size_t max_results = 10;
};

// How much `candidate` and `existing` look like one person: a score in 0..1 and its reasons; `id` is existing.id.
// The same СНИЛС on both scores 1 (reason same_snils first); two different СНИЛС leave only the address part
// (two people). Otherwise agreeing names, patronymic and birth date raise the score; a conflicting birth date,
// patronymic, first name or sex lowers it; a shared address adds a little on top even when the persons clearly differ (spouses score about
// 0.15 with same_address). Symmetric in its two arguments except for the returned id.
PersonMatch score_pair(const PersonIdentity& candidate, const PersonIdentity& existing);

// One person's identity with its names, sex and address folded once, for scoring it against many records (an import
// scores each row against hundreds of earlier ones; folding is most of a score's cost).
class PreparedIdentity {
public:
  explicit PreparedIdentity(PersonIdentity person);
  ~PreparedIdentity();
  PreparedIdentity(PreparedIdentity&&) noexcept;
  PreparedIdentity& operator=(PreparedIdentity&&) noexcept;

  const PersonIdentity& identity() const { return m_identity; }

private:
  friend PersonMatch score_pair(const PreparedIdentity& candidate, const PreparedIdentity& existing);
  friend std::optional<PersonMatch> score_pair_at_least(const PreparedIdentity& candidate,
                                                        const PreparedIdentity& existing, double threshold);
  friend std::vector<PersonMatch> find_duplicates(const PreparedIdentity& candidate,
                                                  std::span<const PersonIdentity> existing,
                                                  const DuplicateSettings& settings);
  struct Folded;
  PersonIdentity m_identity;
  std::unique_ptr<const Folded> m_folded;
};

// score_pair of two identities folded beforehand: the same score and reasons.
PersonMatch score_pair(const PreparedIdentity& candidate, const PreparedIdentity& existing);

// score_pair's match when its score reaches `threshold`, std::nullopt otherwise; a pair that cannot reach it is left
// before its names and addresses are compared: two known birth dates that differ without a typo (and no shared СНИЛС)
// hold a pair to at most 0.2, whatever else agrees.
std::optional<PersonMatch> score_pair_at_least(const PreparedIdentity& candidate, const PreparedIdentity& existing,
                                               double threshold);

// The most score_pair gives two persons whose birth dates are both known and differ without a typo (day and month
// swapped, one digit of YYYYMMDD changed, two adjacent digits swapped) and who share no СНИЛС: 0.2.
// score_pair_at_least passes such a pair over under any higher threshold.
double best_score_with_birth_conflict();

// The records of `existing` that score at least settings.person_threshold against `candidate`, best first (ties by
// id), at most settings.max_results. A record with the candidate's own non-empty id is skipped.
std::vector<PersonMatch> find_duplicates(const PersonIdentity& candidate, std::span<const PersonIdentity> existing,
                                         const DuplicateSettings& settings);
// The same of a candidate folded beforehand (an import folds each row once, for the file and the registry).
std::vector<PersonMatch> find_duplicates(const PreparedIdentity& candidate, std::span<const PersonIdentity> existing,
                                         const DuplicateSettings& settings);

// Keys for a cheap pre-filter: one record of a pair that score_pair would match shares at least one key with the
// other in the usual cases (translit, typo after the third letter, swapped names, birth date typo with exact name,
// changed surname with an exact birth date). Each key starts with its kind: "n:" the first letters of both name
// skeletons in sorted order (so swapped names share it), "l:" the last-name skeleton without a final "a" plus the
// birth year (empty when unknown), "b:" the birth date. Empty for a record with no name and no birth date.
std::vector<std::string> blocking_keys(const PersonIdentity& person);

// How two addresses compare after fold_address: equal street words and numbers, the same building, or neither.
enum class AddressMatch { none, similar, same };
AddressMatch compare_addresses(std::string_view a, std::string_view b);

struct HouseholdIdentity {
  std::string id;
  std::string address;
  std::vector<PersonIdentity> members;
};

// A member of the candidate household that matches a member of an existing one.
struct MemberMatch {
  std::string candidate_id;
  std::string existing_id;
  double score = 0.0;
  std::vector<DuplicateReason> reasons;
};

struct HouseholdMatch {
  std::string id;
  double score = 0.0;
  std::vector<DuplicateReason> reasons; // same_address/similar_address, then the reasons of the best member match
  std::vector<MemberMatch> members;     // member pairs scoring at least person_threshold, best first
};

// The households of `existing` that look like `candidate`, best first, at most settings.max_results, each
// scoring at least settings.household_threshold. Evidence: the household address (same address alone reaches the
// threshold: one flat, one family unless a worker says otherwise; a similar one does not) and the best matching
// pair of members (compared without their addresses), combined as independent evidence: 1 − (1 − a)(1 − m).
std::vector<HouseholdMatch> find_household_duplicates(const HouseholdIdentity& candidate,
                                                      std::span<const HouseholdIdentity> existing,
                                                      const DuplicateSettings& settings);

// Keys of every member plus "a:" keys of the address (each street word with the house number), for the same
// pre-filter as blocking_keys().
std::vector<std::string> household_blocking_keys(const HouseholdIdentity& household);
// The same from the address and each member's blocking_keys(), for a caller that has the members' keys already.
std::vector<std::string> household_blocking_keys(const std::string& address,
                                                 std::span<const std::vector<std::string>> member_keys);

} // namespace patronage::domain
