#include "storage/imports.hpp"

#include <algorithm>

#include <soci/soci.h>

#include "storage/cases.hpp"


namespace patronage::storage {
namespace {

long long count(Tx& tx, const std::string& sql, const std::string& id) {
  long long n = 0;
  tx.sql() << sql, soci::use(id), soci::into(n);
  return n;
}

} // namespace

void insert_import_batch(Tx& tx, const ImportBatchRecord& b) {
  tx.sql() << "INSERT INTO import_batches (id, file_sha256, file_name, user_id, operator_name, created_at, "
              "households_created, households_updated, persons_created, persons_updated) VALUES (:id, :sha, :name, "
              ":user, :op, :at, :hc, :hu, :pc, :pu)",
      soci::use(b.id), soci::use(b.file_sha256), soci::use(b.file_name), soci::use(b.user_id),
      soci::use(b.operator_name), soci::use(b.created_at), soci::use(b.households_created),
      soci::use(b.households_updated), soci::use(b.persons_created), soci::use(b.persons_updated);
}

void update_import_batch_counts(Tx& tx, const ImportBatchRecord& b) {
  tx.sql() << "UPDATE import_batches SET households_created = :hc, households_updated = :hu, persons_created = :pc, "
              "persons_updated = :pu WHERE id = :id",
      soci::use(b.households_created), soci::use(b.households_updated), soci::use(b.persons_created),
      soci::use(b.persons_updated), soci::use(b.id);
}

std::optional<ImportBatchRecord> find_import_batch(Tx& tx, const std::string& id) {
  ImportBatchRecord b;
  tx.sql() << "SELECT id, file_sha256, file_name, user_id, operator_name, created_at, households_created, "
              "households_updated, persons_created, persons_updated FROM import_batches WHERE id = :id",
      soci::use(id), soci::into(b.id), soci::into(b.file_sha256), soci::into(b.file_name), soci::into(b.user_id),
      soci::into(b.operator_name), soci::into(b.created_at), soci::into(b.households_created),
      soci::into(b.households_updated), soci::into(b.persons_created), soci::into(b.persons_updated);
  if (!tx.sql().got_data()) {
    return std::nullopt;
  }
  return b;
}

void delete_import_batch(Tx& tx, const std::string& id) {
  tx.sql() << "DELETE FROM import_records WHERE batch_id = :id", soci::use(id);
  tx.sql() << "DELETE FROM import_batches WHERE id = :id", soci::use(id);
}

void insert_import_record(Tx& tx, const ImportRecord& r) {
  long long existing = 0;
  if (r.entity == "household") {
    tx.sql() << "SELECT COUNT(*) FROM import_records WHERE batch_id = :b AND entity = :e AND entity_id = :i",
        soci::use(r.batch_id), soci::use(r.entity), soci::use(r.entity_id), soci::into(existing);
  }
  if (existing > 0) {
    tx.sql() << "UPDATE import_records SET after_version = :v WHERE batch_id = :b AND entity = :e AND entity_id = :i",
        soci::use(r.after_version), soci::use(r.batch_id), soci::use(r.entity), soci::use(r.entity_id);
    return;
  }
  tx.sql() << "INSERT INTO import_records (batch_id, entity, entity_id, source_row, action, before_state, "
              "after_version) VALUES (:b, :e, :i, :row, :a, :before, :v)",
      soci::use(r.batch_id), soci::use(r.entity), soci::use(r.entity_id), soci::use(r.source_row),
      soci::use(r.action), soci::use(r.before), soci::use(r.after_version);
}

std::vector<ImportRecord> list_import_records(Tx& tx, const std::string& batch_id) {
  ImportRecord r;
  soci::statement st = (tx.sql().prepare << "SELECT batch_id, entity, entity_id, source_row, action, before_state, "
                                            "after_version FROM import_records WHERE batch_id = :b ORDER BY "
                                            "source_row, entity, entity_id",
                        soci::use(batch_id), soci::into(r.batch_id), soci::into(r.entity), soci::into(r.entity_id),
                        soci::into(r.source_row), soci::into(r.action), soci::into(r.before),
                        soci::into(r.after_version));
  st.execute();
  std::vector<ImportRecord> out;
  while (st.fetch()) {
    out.push_back(r);
  }
  return out;
}

ImportedRows imported_rows(Tx& tx, const std::string& file_sha256) {
  std::string entity;
  int source_row = 0;
  std::string id;
  // The newest batch last (the earliest id first among batches of one moment), so that its records win.
  soci::statement st = (tx.sql().prepare << "SELECT r.entity, r.source_row, r.entity_id FROM import_records r JOIN "
                                            "import_batches b ON b.id = r.batch_id WHERE b.file_sha256 = :sha "
                                            "ORDER BY b.created_at, b.id DESC",
                        soci::use(file_sha256), soci::into(entity), soci::into(source_row), soci::into(id));
  st.execute();
  ImportedRows out;
  while (st.fetch()) {
    out.insert_or_assign({entity, source_row}, id);
  }
  return out;
}

void restore_household(Tx& tx, const HouseholdRecord& r) {
  int current = 0;
  tx.sql() << "SELECT version FROM households WHERE id = :id", soci::use(r.id), soci::into(current);
  update_household(tx, r, current);
  tx.sql() << "UPDATE households SET version = :v, updated_at = :u WHERE id = :id", soci::use(r.version),
      soci::use(r.updated_at), soci::use(r.id);
}

void restore_person(Tx& tx, const PersonRecord& r) {
  int current = 0;
  tx.sql() << "SELECT version FROM persons WHERE id = :id", soci::use(r.id), soci::into(current);
  update_person(tx, r, current);
  tx.sql() << "UPDATE persons SET version = :v, updated_at = :u WHERE id = :id", soci::use(r.version),
      soci::use(r.updated_at), soci::use(r.id);
}

void delete_person(Tx& tx, const PersonRecord& person) {
  tx.sql() << "DELETE FROM person_keys WHERE person_id = :id", soci::use(person.id);
  // By its owner's whole key (search_terms_owner): the person's id alone is in no index's prefix.
  tx.sql() << "DELETE FROM search_terms WHERE household_id = :h AND person_id = :id", soci::use(person.household_id),
      soci::use(person.id);
  tx.sql() << "DELETE FROM person_sensitive WHERE person_id = :id", soci::use(person.id);
  tx.sql() << "DELETE FROM persons WHERE id = :id", soci::use(person.id);
}

void delete_household(Tx& tx, const std::string& id) {
  tx.sql() << "DELETE FROM household_keys WHERE household_id = :id", soci::use(id);
  tx.sql() << "DELETE FROM search_terms WHERE household_id = :id", soci::use(id);
  tx.sql() << "DELETE FROM households WHERE id = :id", soci::use(id);
}

void delete_case(Tx& tx, const std::string& id) {
  tx.sql() << "DELETE FROM case_transitions WHERE case_id = :id", soci::use(id);
  tx.sql() << "DELETE FROM case_members WHERE case_id = :id", soci::use(id);
  tx.sql() << "DELETE FROM cases WHERE id = :id", soci::use(id);
}

long long household_references(Tx& tx, const std::string& household_id, const std::vector<std::string>& except,
                               const std::vector<std::string>& except_cases) {
  long long n = count(tx, "SELECT COUNT(*) FROM signals WHERE household_id = :id", household_id);
  for (const auto& c : list_cases_of_household(tx, household_id)) {
    if (std::find(except_cases.begin(), except_cases.end(), c.id) == except_cases.end()) {
      ++n;
    }
  }
  for (const auto& person : list_persons(tx, household_id)) {
    if (std::find(except.begin(), except.end(), person.id) == except.end()) {
      ++n;
    }
  }
  return n;
}

long long case_references(Tx& tx, const std::string& case_id) {
  long long n = 0;
  for (const auto* table : {"documents", "consents", "decisions", "assessments", "agreements", "plans",
                            "plan_measures", "visits", "service_deliveries", "referrals", "volunteer_contacts",
                            "volunteer_wishes", "signals"}) {
    n += count(tx, std::string("SELECT COUNT(*) FROM ") + table + " WHERE case_id = :id", case_id);
  }
  return n + count(tx, "SELECT COUNT(*) FROM change_history WHERE entity = 'case' AND entity_id = :id", case_id) +
         count(tx, "SELECT COUNT(*) FROM cases WHERE previous_case_id = :id", case_id) +
         count(tx,
               "SELECT COUNT(*) FROM case_members m JOIN cases c ON c.id = m.case_id WHERE m.case_id = :id AND "
               "(m.member_role <> 'lead' OR c.lead_id IS NULL OR m.user_id <> c.lead_id)",
               case_id);
}

long long person_references(Tx& tx, const std::string& person_id) {
  return count(tx, "SELECT COUNT(*) FROM consents WHERE signed_by = :id", person_id) +
         count(tx, "SELECT COUNT(*) FROM visit_children WHERE person_id = :id", person_id) +
         count(tx, "SELECT COUNT(*) FROM person_sensitive WHERE person_id = :id", person_id) +
         // `represents` is a comma-joined list of ids (20 base32 characters, so a substring is the id itself).
         count(tx, "SELECT COUNT(*) FROM persons WHERE represents LIKE '%' || :id || '%'", person_id);
}

} // namespace patronage::storage
