#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>

#include "app/context.hpp"
#include "domain/duplicates.hpp"
#include "storage/database.hpp"
#include "storage/households.hpp"
#include "util/error.hpp"

namespace patronage::app {

// An existing person that is probably the one being entered (SPEC §4 "Duplicates").
struct PersonDuplicate {
  std::string person_id;
  std::string household_id;
  double score = 0.0;
  std::vector<std::string> reasons; // domain::DuplicateReason wire names
  std::string name;                 // "Last First Patronymic"
  std::optional<std::string> birth_date;
};

// An existing household that is probably the one being entered.
struct HouseholdDuplicate {
  std::string household_id;
  double score = 0.0;
  std::vector<std::string> reasons;
  std::string address;
};

// What the duplicate matcher knows of a stored person living at `address` (its СНИЛС included).
domain::PersonIdentity person_identity(const storage::PersonRecord& person, const std::string& address);

// Keeps the duplicate pre-filter keys of `household` and of `person` (when given) in step with the stored data;
// every write of a household or person calls it in its transaction.
void refresh_duplicate_keys(storage::Tx& tx, const storage::HouseholdRecord& household,
                            const storage::PersonRecord* person);

// Inside the caller's transaction: the existing persons that look like `person`, best first, limited to the
// households whose unit `actor` may run duplicate_search on (none at all for a role without it). The caller
// audits what it returns.
std::vector<PersonDuplicate> person_duplicates_in_tx(storage::Tx& tx, const Actor& actor,
                                                     const domain::PersonIdentity& person);
// The same through `finder` (its query prepared once) for `person` folded and keyed beforehand, for a caller that
// checks many persons in one transaction (an import: each row is folded once, for the file and the registry).
std::vector<PersonDuplicate> person_duplicates_in_tx(storage::PersonCandidateFinder& finder, const Actor& actor,
                                                     const domain::PreparedIdentity& person,
                                                     const std::vector<std::string>& keys);

// The same for a household (its address and members).
std::vector<HouseholdDuplicate> household_duplicates_in_tx(storage::Tx& tx, const Actor& actor,
                                                           const domain::HouseholdIdentity& household);

// What the intake form knows while it is being filled in.
struct DuplicateQuery {
  std::string last_name;
  std::string first_name;
  std::string patronymic;
  std::optional<std::string> birth_date; // "YYYY-MM-DD"
  std::string address;
};

// Likely matches without saving anything. Field error on "birth_date" for a bad date, "duplicates.query_empty"
// on "last_name" when there is neither a name nor a birth date; 403 for a role that may not search. Audited as
// "person.duplicate_search" with the ids found.
util::Result<std::vector<PersonDuplicate>> search_person_duplicates(const Services& services, const Actor& actor,
                                                                    const RequestMeta& meta,
                                                                    const DuplicateQuery& query);

// `ids` of found matches as a JSON array for audit details (ids are opaque base32, never personal data).
boost::json::array duplicate_ids(const std::vector<PersonDuplicate>& matches);

} // namespace patronage::app
