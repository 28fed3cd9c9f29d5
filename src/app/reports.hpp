#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/context.hpp"
#include "storage/reports.hpp"
#include "util/error.hpp"
#include "util/table.hpp"
#include "util/time.hpp"

namespace patronage::app {

// The reports of SPEC §10 by stable name, in the order of the catalogue: households, caseload, visits, measures,
// services, referrals, signals, outcomes, volunteers. The title of report `n` is the message "report.<n>".
const std::vector<std::string>& report_names();

// A list route of the API and its query string, which shows the records counted by one figure.
struct Drill {
  std::string list; // "cases": GET /api/v1/cases
  std::vector<std::pair<std::string, std::string>> query;
};

// How a table is drawn beside its figures (the web dashboard), declared by the report, not guessed from its keys.
struct ReportChart {
  // "bar": one series per value column, a bar per row; "pie": the rows as slices of the one value column;
  // "stacked": rows of (name, kind, count) drawn as one bar per name, stacked by kind.
  std::string kind;
  std::vector<std::string> values; // the keys of the columns drawn; rates, averages and money stay in the table
};

// One section of a report. Texts are message keys for the caller to translate: `table.title` is
// "report.table.<name>", each column title "report.column.<key>". A string cell of a column whose
// `label_prefixes` entry is not empty holds a code; its text is the message "<prefix><code>" (the code itself
// when there is none). Other cells are figures, or names of staff and partner organisations — never data of a
// family. `drill` is empty, or holds one entry per row. `total_row` is the index of the row that totals the
// others (none when there is none); `chart` is absent for a table that is not drawn.
struct ReportTable {
  util::Table table;
  std::vector<std::string> label_prefixes;
  std::vector<std::optional<Drill>> drill;
  std::optional<std::size_t> total_row;
  std::optional<ReportChart> chart;
};

struct Report {
  std::string name;
  std::string unit_id;
  std::string unit_name;
  std::string from; // 'YYYY-MM-DD', both days included
  std::string to;
  std::vector<ReportTable> tables;
};

// The names of the reports the actor may read: report_names() for heads and auditors. Failure:
// Error::forbidden() for other roles.
util::Result<std::vector<std::string>> report_catalogue(const Actor& actor);

// What the reader asks for; absent fields take their defaults: the actor's own unit, `to` today, `from` 364 days
// before `to` (a year).
struct ReportRequest {
  std::string name;
  std::optional<std::string> unit_id;
  std::optional<std::string> from;
  std::optional<std::string> to;
};

// SPEC §10: computes report `request.name` for the unit subtree and period, in one transaction, with one audit
// entry "report.read" on the unit (its details: the report and the period; no personal data).
// Heads and auditors of the subtree may read reports (domain::Action::report_read); drill-downs are given only
// to those who may read the cases behind them (heads), never to auditors.
// Failure: Error::forbidden() for other roles; Error::invalid("validation.failed") naming the field: "report"
// (unknown name), "from"/"to" (not a date; "to" also when before "from"), "unit" (unknown or outside the
// actor's subtree — the two are not told apart).
util::Result<Report> read_report(const Services& services, const Actor& actor, const RequestMeta& meta,
                                 const ReportRequest& request);

// The same figures without permission checks or audit, for `scope` (benchmarks, tests). Throws what storage
// throws; call inside a transaction.
std::vector<ReportTable> compute_report(storage::Tx& tx, const Services& services, const std::string& name,
                                        const storage::ReportScope& scope, bool with_drill);

// The scope of `unit_path` over [`from`, `to`] (valid dates).
storage::ReportScope report_scope(const std::string& unit_path, util::Date from, util::Date to);

} // namespace patronage::app
