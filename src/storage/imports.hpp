#pragma once

#include <map>
#include <optional>
#include <set>
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
// Removes the person `id` of household `household_id` with its match keys, search terms and sensitive fields; a
// household likewise (its persons must be gone first).
void delete_person(Tx& tx, const std::string& household_id, const std::string& id);
void delete_household(Tx& tx, const std::string& id);
// Removes a case with its transitions and members (the case number is not given again: numbers are never reused).
void delete_case(Tx& tx, const std::string& id);

// (entity, id) of an import record.
using RecordKey = std::pair<std::string, std::string>;

// The records of batch `batch_id` that other rows refer to, which its undo would leave dangling: a created person
// named by a consent, a visit's note on a child, sensitive fields or another person's `represents`; a created
// household named by a signal, or by a case or a person the batch did not create; a case of the batch with anything
// recorded on it since it was opened — documents, consents, decisions, assessments, agreements, plans, measures,
// visits, deliveries, referrals, volunteer contacts and wishes, signals attached, change history, a later case
// following it, and any member but its lead (its own transitions and lead are part of it). Empty when nothing refers
// to the batch. Each check is one pass over the batch's records with look-ups by index, and `represents` is read
// once whole: a check per record that scanned a table, or compared with every record of the batch, made an undo of
// 30,000 families quadratic.
std::set<RecordKey> referenced_batch_records(Tx& tx, const std::string& batch_id);

} // namespace patronage::storage
