#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// A household (SPEC §2). `categories` are the wire codes of SPEC §2.
struct HouseholdRecord {
  std::string id;
  std::string unit_id;
  std::string unit_path; // filled on read
  std::string address;
  std::string phone;
  std::vector<std::string> categories;
  std::string notes;
  std::string created_by;
  long long created_at = 0;
  long long updated_at = 0;
  int version = 1;
};

// A member of a household. Dates are "YYYY-MM-DD"; `represents` holds ids of
// minors of the same household this person legally represents.
struct PersonRecord {
  std::string id;
  std::string household_id;
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
  std::optional<std::string> snils; // 11 digits (domain::parse_snils), unique among persons
  long long created_at = 0;
  long long updated_at = 0;
  int version = 1;
};

// SPEC §11: the fields hidden from roles without need.
struct SensitiveRecord {
  std::string person_id;
  std::string health;
  std::string addiction;
  std::string violence;
  std::string police_registration;
  long long updated_at = 0;
};

// Inserts and updates of households and persons also replace their quick-search terms (storage/search.hpp).
void insert_household(Tx& tx, const HouseholdRecord& record);
std::optional<HouseholdRecord> find_household(Tx& tx, const std::string& id);
// Stores address, phone, categories, notes and updated_at and bumps `version`,
// only when the stored version is still `expected_version`. False when it is
// not (someone saved in between): nothing is written then.
bool update_household(Tx& tx, const HouseholdRecord& record, int expected_version);

void insert_person(Tx& tx, const PersonRecord& record);
std::optional<PersonRecord> find_person(Tx& tx, const std::string& id);
// Stores every editable field when the stored version is `expected_version`; false otherwise.
bool update_person(Tx& tx, const PersonRecord& record, int expected_version);
// The person with this СНИЛС (11 digits), if any.
std::optional<PersonRecord> find_person_by_snils(Tx& tx, const std::string& snils);
// Members of a household, oldest record first.
std::vector<PersonRecord> list_persons(Tx& tx, const std::string& household_id);

std::optional<SensitiveRecord> find_sensitive(Tx& tx, const std::string& person_id);
void upsert_sensitive(Tx& tx, const SensitiveRecord& record);

// Replace the duplicate pre-filter keys (domain::blocking_keys) of a record.
void replace_person_keys(Tx& tx, const std::string& person_id, const std::vector<std::string>& keys);
void replace_household_keys(Tx& tx, const std::string& household_id, const std::vector<std::string>& keys);

// A person sharing a key with a searched record, with where it lives.
struct PersonCandidate {
  PersonRecord person;
  std::string address;   // of the household
  std::string unit_path; // of the household
};

// Finds the persons sharing keys with a searched record; its query is prepared once, so a caller that asks many times
// in one transaction (an import checks every row of a file) prepares it once. Lives no longer than `tx`.
class PersonCandidateFinder {
public:
  explicit PersonCandidateFinder(Tx& tx);
  ~PersonCandidateFinder();
  PersonCandidateFinder(const PersonCandidateFinder&) = delete;
  PersonCandidateFinder& operator=(const PersonCandidateFinder&) = delete;

  // Persons sharing at least one of `keys`, each once, at most `limit`.
  std::vector<PersonCandidate> find(const std::vector<std::string>& keys, size_t limit);

private:
  struct Query;
  std::unique_ptr<Query> m_query;
};
// Households sharing at least one of `keys`, each once, at most `limit`.
std::vector<HouseholdRecord> find_household_candidates(Tx& tx, const std::vector<std::string>& keys, size_t limit);

} // namespace patronage::storage
