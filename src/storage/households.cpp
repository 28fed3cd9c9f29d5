#include "storage/households.hpp"

#include <set>

#include <soci/soci.h>

#include "storage/nullable.hpp"
#include "storage/search.hpp"

#include "util/strings.hpp"

namespace patronage::storage {
namespace {

constexpr auto k_household_select = "SELECT h.id, h.unit_id, n.path, h.address, h.phone, h.categories, h.notes, "
                                    "h.created_by, h.created_at, h.updated_at, h.version FROM households h "
                                    "JOIN units n ON n.id = h.unit_id ";

constexpr auto k_person_columns = "p.id, p.household_id, p.last_name, p.first_name, p.patronymic, p.birth_date, p.sex, "
                                  "p.household_role, p.represents, p.disability, p.pregnant, p.pregnancy_due, "
                                  "p.school, p.employment, p.phone, p.created_at, p.updated_at, p.version, p.snils";

struct HouseholdRow {
  HouseholdRecord r;
  std::string categories;

  template <typename Target> void bind(Target& target) {
    target, soci::into(r.id), soci::into(r.unit_id), soci::into(r.unit_path), soci::into(r.address),
        soci::into(r.phone), soci::into(categories), soci::into(r.notes), soci::into(r.created_by),
        soci::into(r.created_at), soci::into(r.updated_at), soci::into(r.version);
  }

  HouseholdRecord take() const {
    HouseholdRecord out = r;
    out.categories = util::split(categories);
    return out;
  }
};

struct PersonRow {
  PersonRecord r;
  std::string birth_date;
  std::string pregnancy_due;
  std::string represents;
  std::string snils;
  int disability = 0;
  int pregnant = 0;
  soci::indicator birth_ind = soci::i_ok;
  soci::indicator due_ind = soci::i_ok;
  soci::indicator snils_ind = soci::i_ok;

  template <typename Target> void bind(Target& target) {
    target, soci::into(r.id), soci::into(r.household_id), soci::into(r.last_name), soci::into(r.first_name),
        soci::into(r.patronymic), soci::into(birth_date, birth_ind), soci::into(r.sex), soci::into(r.household_role),
        soci::into(represents), soci::into(disability), soci::into(pregnant), soci::into(pregnancy_due, due_ind),
        soci::into(r.school), soci::into(r.employment), soci::into(r.phone), soci::into(r.created_at),
        soci::into(r.updated_at), soci::into(r.version), soci::into(snils, snils_ind);
  }

  PersonRecord take() const {
    PersonRecord out = r;
    out.snils = snils_ind == soci::i_ok ? std::optional<std::string>(snils) : std::nullopt;
    out.birth_date = birth_ind == soci::i_ok ? std::optional<std::string>(birth_date) : std::nullopt;
    out.pregnancy_due = due_ind == soci::i_ok ? std::optional<std::string>(pregnancy_due) : std::nullopt;
    out.represents = util::split(represents);
    out.disability = disability != 0;
    out.pregnant = pregnant != 0;
    return out;
  }
};

std::vector<PersonRecord> fetch_persons(Tx& tx, const std::string& where, const std::string& value) {
  PersonRow row;
  auto prepared =
      (tx.sql().prepare << "SELECT " + std::string(k_person_columns) + " FROM persons p " + where, soci::use(value));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  std::vector<PersonRecord> out;
  while (st.fetch()) {
    out.push_back(row.take());
  }
  return out;
}

void replace_keys(Tx& tx, const std::string& table, const std::string& column, const std::string& id,
                  const std::vector<std::string>& keys) {
  tx.sql() << "DELETE FROM " + table + " WHERE " + column + " = :id", soci::use(id);
  const std::set<std::string> unique(keys.begin(), keys.end());
  for (const auto& key : unique) {
    tx.sql() << "INSERT INTO " + table + " (" + column + ", match_key) VALUES (:id, :k)", soci::use(id),
        soci::use(key);
  }
}

} // namespace

void insert_household(Tx& tx, const HouseholdRecord& r) {
  const std::string categories = util::join(r.categories);
  tx.sql() << "INSERT INTO households (id, unit_id, address, phone, categories, notes, created_by, created_at, "
              "updated_at, version) VALUES (:id, :unit, :address, :phone, :categories, :notes, :by, :created, "
              ":updated, :version)",
      soci::use(r.id), soci::use(r.unit_id), soci::use(r.address), soci::use(r.phone), soci::use(categories),
      soci::use(r.notes), soci::use(r.created_by), soci::use(r.created_at), soci::use(r.updated_at),
      soci::use(r.version);  // Every write path keeps the quick-search index in step (issue #6), so no caller can forget it.
  replace_search_terms(tx, r.id, "", domain::household_search_terms(r.address));
}

std::optional<HouseholdRecord> find_household(Tx& tx, const std::string& id) {
  HouseholdRow row;
  auto prepared = (tx.sql().prepare << std::string(k_household_select) + "WHERE h.id = :id", soci::use(id));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  if (!st.fetch()) {
    return std::nullopt;
  }
  return row.take();
}

bool update_household(Tx& tx, const HouseholdRecord& r, int expected_version) {
  const std::string categories = util::join(r.categories);
  soci::statement st = (tx.sql().prepare << "UPDATE households SET address = :address, phone = :phone, "
                                            "categories = :categories, notes = :notes, updated_at = :updated, "
                                            "version = version + 1 WHERE id = :id AND version = :expected",
                        soci::use(r.address), soci::use(r.phone), soci::use(categories), soci::use(r.notes),
                        soci::use(r.updated_at), soci::use(r.id), soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    return false;
  }
  replace_search_terms(tx, r.id, "", domain::household_search_terms(r.address));
  return true;
}

void insert_person(Tx& tx, const PersonRecord& r) {
  Nullable birth(r.birth_date);
  Nullable due(r.pregnancy_due);
  const std::string represents = util::join(r.represents);
  const int disability = r.disability ? 1 : 0;
  const int pregnant = r.pregnant ? 1 : 0;
  Nullable snils(r.snils);
  tx.sql() << "INSERT INTO persons (id, household_id, last_name, first_name, patronymic, birth_date, sex, "
              "household_role, represents, disability, pregnant, pregnancy_due, school, employment, phone, "
              "created_at, updated_at, version, snils) VALUES (:id, :hh, :last, :first, :patronymic, :birth, :sex, "
              ":role, :represents, :disability, :pregnant, :due, :school, :employment, :phone, :created, :updated, "
              ":version, :snils)",
      soci::use(r.id), soci::use(r.household_id), soci::use(r.last_name), soci::use(r.first_name),
      soci::use(r.patronymic), soci::use(birth.text, birth.ind), soci::use(r.sex), soci::use(r.household_role),
      soci::use(represents), soci::use(disability), soci::use(pregnant), soci::use(due.text, due.ind),
      soci::use(r.school), soci::use(r.employment), soci::use(r.phone), soci::use(r.created_at),
      soci::use(r.updated_at), soci::use(r.version), soci::use(snils.text, snils.ind);
  replace_search_terms(tx, r.household_id, r.id,
                       domain::person_search_terms(r.last_name, r.first_name, r.patronymic, r.birth_date));
}

std::optional<PersonRecord> find_person(Tx& tx, const std::string& id) {
  auto found = fetch_persons(tx, "WHERE p.id = :v", id);
  if (found.empty()) {
    return std::nullopt;
  }
  return found.front();
}

bool update_person(Tx& tx, const PersonRecord& r, int expected_version) {
  Nullable snils(r.snils);
  Nullable birth(r.birth_date);
  Nullable due(r.pregnancy_due);
  const std::string represents = util::join(r.represents);
  const int disability = r.disability ? 1 : 0;
  const int pregnant = r.pregnant ? 1 : 0;
  soci::statement st =
      (tx.sql().prepare << "UPDATE persons SET last_name = :last, first_name = :first, patronymic = :patronymic, "
                           "birth_date = :birth, sex = :sex, household_role = :role, represents = :represents, "
                           "disability = :disability, pregnant = :pregnant, pregnancy_due = :due, school = :school, "
                           "employment = :employment, phone = :phone, snils = :snils, updated_at = :updated, "
                           "version = version + 1 WHERE id = :id AND version = :expected",
       soci::use(r.last_name), soci::use(r.first_name), soci::use(r.patronymic), soci::use(birth.text, birth.ind),
       soci::use(r.sex), soci::use(r.household_role), soci::use(represents), soci::use(disability),
       soci::use(pregnant), soci::use(due.text, due.ind), soci::use(r.school), soci::use(r.employment),
       soci::use(r.phone), soci::use(snils.text, snils.ind), soci::use(r.updated_at), soci::use(r.id),
       soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    return false;
  }
  replace_search_terms(tx, r.household_id, r.id,
                       domain::person_search_terms(r.last_name, r.first_name, r.patronymic, r.birth_date));
  return true;
}

std::optional<PersonRecord> find_person_by_snils(Tx& tx, const std::string& snils) {
  auto found = fetch_persons(tx, "WHERE p.snils = :v", snils);
  if (found.empty()) {
    return std::nullopt;
  }
  return found.front();
}

std::vector<PersonRecord> list_persons(Tx& tx, const std::string& household_id) {
  return fetch_persons(tx, "WHERE p.household_id = :v ORDER BY p.created_at, p.id", household_id);
}

std::optional<SensitiveRecord> find_sensitive(Tx& tx, const std::string& person_id) {
  SensitiveRecord r;
  tx.sql() << "SELECT person_id, health, addiction, violence, police_registration, updated_at FROM person_sensitive "
              "WHERE person_id = :p",
      soci::use(person_id), soci::into(r.person_id), soci::into(r.health), soci::into(r.addiction),
      soci::into(r.violence), soci::into(r.police_registration), soci::into(r.updated_at);
  if (!tx.sql().got_data()) {
    return std::nullopt;
  }
  return r;
}

void upsert_sensitive(Tx& tx, const SensitiveRecord& r) {
  tx.sql() << "DELETE FROM person_sensitive WHERE person_id = :p", soci::use(r.person_id);
  tx.sql() << "INSERT INTO person_sensitive (person_id, health, addiction, violence, police_registration, updated_at) "
              "VALUES (:p, :h, :a, :v, :r, :t)",
      soci::use(r.person_id), soci::use(r.health), soci::use(r.addiction), soci::use(r.violence),
      soci::use(r.police_registration), soci::use(r.updated_at);
}

void replace_person_keys(Tx& tx, const std::string& person_id, const std::vector<std::string>& keys) {
  replace_keys(tx, "person_keys", "person_id", person_id, keys);
}

void replace_household_keys(Tx& tx, const std::string& household_id, const std::vector<std::string>& keys) {
  replace_keys(tx, "household_keys", "household_id", household_id, keys);
}

struct PersonCandidateFinder::Query {
  std::string key;
  int cap = 0;
  PersonRow row;
  std::string address;
  std::string unit_path;
  std::optional<soci::statement> statement;
};

PersonCandidateFinder::PersonCandidateFinder(Tx& tx) : m_query(std::make_unique<Query>()) {
  auto& q = *m_query;
  auto prepared = (tx.sql().prepare << "SELECT " + std::string(k_person_columns) +
                                           ", h.address, n.path FROM person_keys k JOIN persons p ON p.id = "
                                           "k.person_id JOIN households h ON h.id = p.household_id JOIN units n ON "
                                           "n.id = h.unit_id WHERE k.match_key = :k ORDER BY k.person_id LIMIT :lim",
                   soci::use(q.key), soci::use(q.cap));
  q.row.bind(prepared);
  prepared, soci::into(q.address), soci::into(q.unit_path);
  q.statement.emplace(prepared);
}

PersonCandidateFinder::~PersonCandidateFinder() = default;

std::vector<PersonCandidate> PersonCandidateFinder::find(const std::vector<std::string>& keys, size_t limit) {
  auto& q = *m_query;
  std::vector<PersonCandidate> out;
  std::set<std::string> seen;
  q.cap = static_cast<int>(limit);
  for (const auto& key : std::set<std::string>(keys.begin(), keys.end())) {
    q.key = key;
    q.statement->execute();
    while (q.statement->fetch() && out.size() < limit) {
      if (seen.insert(q.row.r.id).second) {
        out.push_back({q.row.take(), q.address, q.unit_path});
      }
    }
  }
  return out;
}

std::vector<HouseholdRecord> find_household_candidates(Tx& tx, const std::vector<std::string>& keys, size_t limit) {
  std::vector<HouseholdRecord> out;
  std::set<std::string> seen;
  for (const auto& key : std::set<std::string>(keys.begin(), keys.end())) {
    HouseholdRow row;
    const int cap = static_cast<int>(limit);
    auto prepared = (tx.sql().prepare << std::string(k_household_select) +
                                             "JOIN household_keys k ON k.household_id = h.id WHERE k.match_key = :k "
                                             "ORDER BY k.household_id LIMIT :lim",
                     soci::use(key), soci::use(cap));
    row.bind(prepared);
    soci::statement st(prepared);
    st.execute();
    while (st.fetch() && out.size() < limit) {
      if (seen.insert(row.r.id).second) {
        out.push_back(row.take());
      }
    }
  }
  return out;
}

} // namespace patronage::storage
