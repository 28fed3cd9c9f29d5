#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/households.hpp"

namespace patronage::storage {

// One applied import file (issue 18). Counts are set once the batch is complete, in the same transaction.
struct ImportBatchRecord {
  std::string id;
  std::string file_sha256; // hex
  std::string file_name;
  std::string user_id;
  std::string operator_name; // the OS login that ran the command, for the audit trail
  long long created_at = 0;
  int households_created = 0;
  int households_updated = 0;
  int persons_created = 0;
  int persons_updated = 0;
};

// A household, person or case the batch created or updated, with the file row it came from (a case is only ever
// created). `before` is the record's
// state before an update (JSON, storage's own shape) and empty for a created one; `after_version` is the version
// the batch left, so an undo can tell whether someone changed the record since.
struct ImportRecord {
  std::string batch_id;
  std::string entity; // "household", "person" or "case"
  std::string entity_id;
  int source_row = 0;
  std::string action; // "created" or "updated"
  std::string before;
  int after_version = 0;
};

void insert_import_batch(Tx& tx, const ImportBatchRecord& batch);
void update_import_batch_counts(Tx& tx, const ImportBatchRecord& batch);
std::optional<ImportBatchRecord> find_import_batch(Tx& tx, const std::string& id);
// Records first, then the batch.
void delete_import_batch(Tx& tx, const std::string& id);

// Inserts the entry; for a household, one the batch already has keeps its first `before` and takes the new
// `after_version` (two families of a file may be one stored household). A person is recorded once per batch.
void insert_import_record(Tx& tx, const ImportRecord& record);
std::vector<ImportRecord> list_import_records(Tx& tx, const std::string& batch_id);
// What the standing batches of a file (by hash) made from its rows: (entity, source row) → id, the newest batch's
// where two made one. Read whole once, for a re-run of the file: a query per row scanned the batch's records.
using ImportedRows = std::map<std::pair<std::string, int>, std::string>;
ImportedRows imported_rows(Tx& tx, const std::string& file_sha256);

// Writes every column of the record as given (version and times included), for an undo; the search terms follow.
void restore_household(Tx& tx, const HouseholdRecord& record);
void restore_person(Tx& tx, const PersonRecord& record);
// Removes `person` with its match keys, search terms and sensitive fields; a household likewise (its persons
// must be gone first).
void delete_person(Tx& tx, const PersonRecord& person);
void delete_household(Tx& tx, const std::string& id);
// Removes a case with its transitions and members (the case number is not given again: numbers are never reused).
void delete_case(Tx& tx, const std::string& id);

// Rows of other tables that refer to the record and would be left dangling by its removal: cases (those in
// `except_cases` aside), signals and persons (those in `except` aside) for a household; consents, visit notes,
// sensitive fields and another person's `represents` for a person; for a case, everything recorded on it since it
// was opened — documents, consents, decisions, assessments, agreements, plans, visits, deliveries, referrals,
// volunteer contacts and wishes, signals attached, change history, a later case following it, and any member but
// its lead (its own transitions and lead are part of it).
long long household_references(Tx& tx, const std::string& household_id, const std::vector<std::string>& except,
                               const std::vector<std::string>& except_cases = {});
long long person_references(Tx& tx, const std::string& person_id);
long long case_references(Tx& tx, const std::string& case_id);

} // namespace patronage::storage
