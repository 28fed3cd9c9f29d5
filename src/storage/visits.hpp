#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// What a visit found about one child of the household.
struct VisitChildNote {
  std::string person_id;
  std::string note;
};

// A visit to a family (SPEC §8). Dates are "YYYY-MM-DD". A visit with `actual_on` was made; one with
// `missed_reason` was missed; one with neither is planned. `participants` are user ids.
struct VisitRecord {
  std::string id;
  std::string case_id;
  std::string planned_on;
  std::optional<std::string> actual_on;
  std::string kind; // home, office, phone, joint_event
  std::vector<std::string> participants;
  std::string purpose;
  std::string home;
  std::vector<VisitChildNote> children;
  std::string relations;
  bool child_safety_checked = false;
  bool child_safety_concern = false; // its own column: the early-warning logic reads it
  std::string child_safety_note;
  std::string actions;
  std::string next_step;
  bool closing = false;
  std::optional<std::string> missed_reason;
  std::string created_by;
  long long created_at = 0;
  long long updated_at = 0;
  int version = 1;

  // "done", "missed" or "planned".
  std::string status() const { return actual_on ? "done" : missed_reason ? "missed" : "planned"; }
};

// Also adds the visit to the report counters (visit_day_counts.hpp) in `tx`.
void insert_visit(Tx& tx, const VisitRecord& record);
std::optional<VisitRecord> find_visit(Tx& tx, const std::string& id);
// Stores every field but the ids and creation data, bumps `version`, replaces the children's notes and moves the
// visit's share of the report counters; only when the stored version is still `expected_version`. False when it
// is not: nothing is written then.
bool update_visit(Tx& tx, const VisitRecord& record, int expected_version);
// The visits of a case, latest first (by the actual date, else the planned one).
std::vector<VisitRecord> list_visits(Tx& tx, const std::string& case_id);

// The day of the latest visit made, if any.
std::optional<std::string> last_visit_on(Tx& tx, const std::string& case_id);
// The day of the earliest visit planned and neither made nor missed yet, if any.
std::optional<std::string> first_planned_visit_on(Tx& tx, const std::string& case_id);
// True when a closing visit was made on or after `since`.
bool closing_visit_made_since(Tx& tx, const std::string& case_id, const std::string& since);

// The days of the visits made in a case whose child-safety check found a concern, oldest first. Only these reach
// the early warning (domain::early_warnings), so the checks without a concern are not read (a partial index holds
// the concerns alone).
std::vector<std::string> list_safety_concerns(Tx& tx, const std::string& case_id);

} // namespace patronage::storage
