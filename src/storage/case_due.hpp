#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// One thing a case owes on a date, as the work list lists it (issue 16). `kind`: "visit" (`label` the reason's
// message key), "measure" (`label` what is to be done), "plan_review", "patronage_end", "supervision_end",
// "consent" (`label` empty). `ordinal` keeps the order the work list adds them in.
struct CaseDueItem {
  int ordinal = 0;
  std::string kind;
  std::string due_on;
  std::string label;

  friend bool operator==(const CaseDueItem&, const CaseDueItem&) = default;
};

// The values of an open case that every work list needs, derived from its visits, assessments, plan, consents,
// decisions, state and household, and kept by the writes that change them (app/case_due.hpp). Dates are
// 'YYYY-MM-DD'. The row holds from `computed_on` until the day before `recheck_on` (none: until a write), and only
// under the settings named by `settings_key`.
struct CaseDue {
  std::string case_id;
  std::string computed_on;
  std::optional<std::string> recheck_on;
  std::string settings_key;
  std::string family;
  std::string risk_level; // domain::RiskLevel as text: the schedule's level (medium when not assessed)
  std::optional<std::string> critical_since;
  std::optional<std::string> last_visit_on;
  std::optional<std::string> warning_key; // the first reason of the first early warning
  std::string warning_params;             // its params as a JSON array of [name, value]
  std::vector<CaseDueItem> items;         // by ordinal

  friend bool operator==(const CaseDue&, const CaseDue&) = default;
};

// The stored row of `case_id` with its items; none when absent (a write since, a closed case, not computed yet).
std::optional<CaseDue> find_case_due(Tx& tx, const std::string& case_id);

// Replaces the row of `due.case_id` and its items.
void store_case_due(Tx& tx, const CaseDue& due);

// Deletes the row of `case_id` and its items; nothing to delete is not an error.
void delete_case_due(Tx& tx, const std::string& case_id);

// A case marked for computing again, with its mark's generation: the triggers of migration 28 count each change
// of an input up by one, so a row derived outside the write transaction is stored only if no change came since.
struct MarkedCase {
  std::string case_id;
  long long generation = 0;
};

// Up to `limit` cases whose row must be computed again, with their marks' generations, by case id: marked by the
// triggers of migration 21 when an input changed (or by mark_other_settings_dirty); store_case_due and
// delete_case_due unmark them. Reads one small table: every write transaction calls it.
std::vector<MarkedCase> marked_case_due(Tx& tx, int limit);

// store_case_due (or, with no `due`, delete_case_due) for `marked.case_id` if its mark is still at
// `marked.generation`; false, changing nothing, when a write marked it again since (or nothing marks it).
bool store_case_due_if_unchanged(Tx& tx, const MarkedCase& marked, const std::optional<CaseDue>& due);

// Marks for computing again every row stored under another settings key than `settings_key` (the configuration
// changed); returns how many.
long long mark_other_settings_dirty(Tx& tx, const std::string& settings_key);

// Marks every case that is open or has a row, and removes their rows, as the triggers would have (the SQLite bulk
// loader runs these after a load without its triggers; the next start computes the rows).
std::vector<std::string> case_due_mark_all(const Dialect& dialect);

// A table whose rows are inputs of the stored values: a change to a row marks the case named by `key` (or, with
// `household`, every case of the household named by `key`). The dialects make one trigger per table and change
// from this list (migration 21).
struct CaseDueInput {
  const char* table;
  const char* key;
  bool household;
};
std::span<const CaseDueInput> case_due_inputs();

} // namespace patronage::storage
