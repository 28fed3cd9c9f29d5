#include "storage/imports.hpp"

#include <unordered_set>

#include <soci/soci.h>

#include "util/strings.hpp"

namespace patronage::storage {
namespace {

// The batch's records each kind of reference is looked for on, as SQL on its record `r`: cases are only ever created.
constexpr auto k_created_persons = "r.entity = 'person' AND r.action = 'created'";
constexpr auto k_created_households = "r.entity = 'household' AND r.action = 'created'";
constexpr auto k_cases = "r.entity = 'case'";

// The tables whose rows are recorded on a case after it is opened (its transitions and members aside).
constexpr const char* k_case_records[] = {"documents", "consents", "decisions", "assessments", "agreements", "plans",
                                          "plan_measures", "visits", "service_deliveries", "referrals",
                                          "volunteer_contacts", "volunteer_wishes", "signals"};

// A row of `table` whose `column` is the id of the batch's record `r`.
std::string row_naming(const std::string& table, const std::string& column) {
  return "EXISTS (SELECT 1 FROM " + table + " x WHERE x." + column + " = r.entity_id)";
}

// Adds (entity, id) of each record `r` of batch `batch_id` that `records` selects and one of `references` holds for.
// Each reference is looked up by index from r.entity_id, so that the query is one pass over the batch's records.
void add_referenced(Tx& tx, const std::string& batch_id, const std::string& records,
                    const std::vector<std::string>& references, std::set<RecordKey>& out) {
  std::string sql = std::string("SELECT r.entity, r.entity_id FROM import_records r WHERE r.batch_id = :b AND ") +
                    records + " AND (";
  for (std::size_t i = 0; i < references.size(); ++i) {
    sql += (i == 0 ? "" : " OR ") + references[i];
  }
  sql += ")";
  RecordKey key;
  soci::statement st = (tx.sql().prepare << sql, soci::use(batch_id), soci::into(key.first), soci::into(key.second));
  st.execute();
  while (st.fetch()) {
    out.insert(key);
  }
}

using Ids = std::unordered_set<std::string>;

// The ids of the records `r` of batch `batch_id` that `records` selects.
Ids batch_ids(Tx& tx, const std::string& batch_id, const std::string& records) {
  std::string id;
  soci::statement st =
      (tx.sql().prepare << "SELECT r.entity_id FROM import_records r WHERE r.batch_id = :b AND " + records,
       soci::use(batch_id), soci::into(id));
  st.execute();
  Ids out;
  while (st.fetch()) {
    out.insert(id);
  }
  return out;
}

// Adds each household the batch created that holds a row of `table` (persons or cases) not among `made`, the batch's
// own. The rows are read by the household index and compared in memory: looked up among the batch's records in SQL,
// PostgreSQL (before the import's tables had statistics) planned a read of all the batch's records per household.
void add_holding_others(Tx& tx, const std::string& batch_id, const std::string& table, const Ids& made,
                        std::set<RecordKey>& out) {
  std::string household_id;
  std::string id;
  soci::statement st = (tx.sql().prepare << "SELECT x.household_id, x.id FROM import_records r JOIN " + table +
                                                " x ON x.household_id = r.entity_id WHERE r.batch_id = :b AND " +
                                                k_created_households,
                        soci::use(batch_id), soci::into(household_id), soci::into(id));
  st.execute();
  while (st.fetch()) {
    if (!made.contains(id)) {
      out.emplace("household", household_id);
    }
  }
}

// `represents` is a comma-joined list of ids, which no index reads: every list is read once and its ids are looked
// up among `created`, the persons the batch created.
void add_represented(Tx& tx, const Ids& created, std::set<RecordKey>& out) {
  if (created.empty()) {
    return;
  }
  std::string represents;
  soci::statement lists =
      (tx.sql().prepare << "SELECT represents FROM persons WHERE represents <> ''", soci::into(represents));
  lists.execute();
  while (lists.fetch()) {
    for (auto& represented : util::split(represents)) {
      if (created.contains(represented)) {
        out.emplace("person", std::move(represented));
      }
    }
  }
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

void delete_person(Tx& tx, const std::string& household_id, const std::string& id) {
  tx.sql() << "DELETE FROM person_keys WHERE person_id = :id", soci::use(id);
  // By its owner's whole key (search_terms_owner): the person's id alone is in no index's prefix.
  tx.sql() << "DELETE FROM search_terms WHERE household_id = :h AND person_id = :id", soci::use(household_id),
      soci::use(id);
  tx.sql() << "DELETE FROM person_sensitive WHERE person_id = :id", soci::use(id);
  tx.sql() << "DELETE FROM persons WHERE id = :id", soci::use(id);
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

std::set<RecordKey> referenced_batch_records(Tx& tx, const std::string& batch_id) {
  std::set<RecordKey> out;
  const auto created_persons = batch_ids(tx, batch_id, k_created_persons);
  add_referenced(tx, batch_id, k_created_persons,
                 {row_naming("consents", "signed_by"), row_naming("visit_children", "person_id"),
                  row_naming("person_sensitive", "person_id")},
                 out);
  add_represented(tx, created_persons, out);
  add_referenced(tx, batch_id, k_created_households, {row_naming("signals", "household_id")}, out);
  add_holding_others(tx, batch_id, "persons", created_persons, out);
  add_holding_others(tx, batch_id, "cases", batch_ids(tx, batch_id, k_cases), out);
  std::vector<std::string> on_case;
  for (const auto* table : k_case_records) {
    on_case.push_back(row_naming(table, "case_id"));
  }
  on_case.push_back(row_naming("cases", "previous_case_id"));
  on_case.push_back("EXISTS (SELECT 1 FROM change_history x WHERE x.entity = 'case' AND x.entity_id = r.entity_id)");
  on_case.push_back("EXISTS (SELECT 1 FROM case_members m JOIN cases c ON c.id = m.case_id WHERE m.case_id = "
                    "r.entity_id AND (m.member_role <> 'lead' OR c.lead_id IS NULL OR m.user_id <> c.lead_id))");
  add_referenced(tx, batch_id, k_cases, on_case, out);
  return out;
}

} // namespace patronage::storage
