#pragma once

#include <span>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/dialect.hpp"

namespace patronage::storage {

// What the households report (SPEC §10, issue 16) reads of each case besides the case itself:
// `case_report_facts (case_id, categories, patronage_types)` holds its household's categories as stored (comma-joined)
// and the distinct patronage types of the measures of its current plans (comma-joined, in no order; '' for none).
// So the report reads the open cases and this table, not each case's household row, plans and measures.
// Triggers keep it (migration 27; one per table on SQLite, one PL/pgSQL function on PostgreSQL, which takes the
// case's transaction-long lock first, as the due items' triggers do): a change to a row of an input below computes
// the rows of the cases it names again, from scratch, in the same statement, so no write path can forget it. A bulk
// load without its checks (bulk::Options::defer_checks) drops these triggers with the indexes they need and rebuilds
// the table in bulk::Loader::finish. The tests compare the report's figures with storage::*_by_scan.

// A table whose rows are inputs: a change to a row (an insert, a delete, an update of `columns`) computes again the
// case named by `key` (`kind` "case"), every case of the household named by `key` ("household"), or the case of the
// plan named by `key` ("plan").
struct CaseReportInput {
  const char* table;
  const char* key;
  const char* kind;
  const char* columns;
};
std::span<const CaseReportInput> case_report_inputs();

// The statements, each ended by "; ", for a trigger's body, that compute again the rows of the cases whose id
// satisfies `match` (an SQL condition on a case id without its left side, e.g. "IN (SELECT ...)" or "= ANY(ids)"):
// a case no longer stored loses its row.
std::string case_report_facts_refresh(const Dialect& dialect, const std::string& match);

// The statements that empty the table and fill it again for every case: the backfill of migration 27 and what a
// bulk load that dropped the triggers runs before its last commit.
std::vector<std::string> case_report_facts_rebuild(const Dialect& dialect);
void rebuild_case_report_facts(Tx& tx);

} // namespace patronage::storage
