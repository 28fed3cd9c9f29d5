#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/duplicate_search.hpp"
#include "storage/history.hpp"
#include "storage/households.hpp"
#include "util/error.hpp"

namespace patronage::app {

// SPEC §2: the categories a household can have, by wire code.
bool is_household_category(std::string_view code);
// The wire codes a household's categories, a person's sex and household role take (the import reads their names).
std::span<const std::string_view> household_categories();
std::span<const std::string_view> person_sexes();
std::span<const std::string_view> household_roles();

struct HouseholdInput {
  std::string address;
  std::string phone;
  std::vector<std::string> categories;
  std::string notes;
  std::optional<std::string> unit_id; // the actor's unit when absent
};

// Absent fields stay as they are. `version` is the one the client read.
struct HouseholdPatch {
  int version = 0;
  std::optional<std::string> address;
  std::optional<std::string> phone;
  std::optional<std::vector<std::string>> categories;
  std::optional<std::string> notes;
};

struct SensitiveInput {
  std::string health;
  std::string addiction;
  std::string violence;
  std::string police_registration;
};

struct PersonInput {
  std::string last_name;
  std::string first_name;
  std::string patronymic;
  std::optional<std::string> birth_date;
  std::string sex;
  std::string household_role;
  std::vector<std::string> represents;
  bool disability = false;
  bool pregnant = false;
  std::optional<std::string> pregnancy_due;
  std::string school;
  std::string employment;
  std::string phone;
  std::string snils; // any accepted form (domain::parse_snils); "" none
  std::optional<SensitiveInput> sensitive;
};

// Absent fields stay as they are.
struct PersonPatch {
  int version = 0;
  std::optional<std::string> last_name;
  std::optional<std::string> first_name;
  std::optional<std::string> patronymic;
  std::optional<std::string> birth_date;
  std::optional<std::string> sex;
  std::optional<std::string> household_role;
  std::optional<std::vector<std::string>> represents;
  std::optional<bool> disability;
  std::optional<bool> pregnant;
  std::optional<std::string> pregnancy_due;
  std::optional<std::string> school;
  std::optional<std::string> employment;
  std::optional<std::string> phone;
  std::optional<std::string> snils; // "" clears it
};

// A member as the actor may see it: `sensitive` is set (possibly all empty)
// exactly when the actor may read sensitive fields, and absent otherwise; so is `person.snils` (reset otherwise).
struct MemberView {
  storage::PersonRecord person;
  std::optional<storage::SensitiveRecord> sensitive;
};

struct HouseholdView {
  storage::HouseholdRecord household;
  std::vector<MemberView> members;
};

struct CreatedPerson {
  MemberView member;
  std::vector<PersonDuplicate> duplicates;
};

// Every use case runs in one transaction and is audited. Reads answer 404 for
// a household or person outside what `actor` may read (ids cannot be probed),
// writes 403 when the actor may read but not change it. Bad input fails with
// field errors before anything is written; a stale `version` is 409
// "record.stale_version".

util::Result<HouseholdView> create_household(const Services& services, const Actor& actor, const RequestMeta& meta,
                                             const HouseholdInput& input);
util::Result<HouseholdView> get_household(const Services& services, const Actor& actor, const RequestMeta& meta,
                                          const std::string& id);
util::Result<HouseholdView> update_household(const Services& services, const Actor& actor, const RequestMeta& meta,
                                             const std::string& id, const HouseholdPatch& patch);
// Changes of the household and its members, oldest first.
util::Result<std::vector<storage::HistoryRecord>> household_history(const Services& services, const Actor& actor,
                                                                    const RequestMeta& meta, const std::string& id);

// Adds a member and returns it with the likely duplicates among existing
// persons (those the actor may see through duplicate_search). Sensitive
// fields and a СНИЛС need sensitive_write (403 otherwise); a СНИЛС with a wrong
// check number is a field error "person.snils_invalid" on "snils", one another
// person has "person.snils_taken". update_person checks a patched СНИЛС alike.
util::Result<CreatedPerson> add_person(const Services& services, const Actor& actor, const RequestMeta& meta,
                                       const std::string& household_id, const PersonInput& input);
util::Result<MemberView> update_person(const Services& services, const Actor& actor, const RequestMeta& meta,
                                       const std::string& person_id, const PersonPatch& patch);
// Replaces the sensitive fields of a person (sensitive_write); the history
// keeps only the names of the changed fields.
util::Result<storage::SensitiveRecord> set_sensitive(const Services& services, const Actor& actor,
                                                     const RequestMeta& meta, const std::string& person_id,
                                                     const SensitiveInput& input);

} // namespace patronage::app
