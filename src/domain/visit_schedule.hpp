#pragma once

#include "domain/case_state.hpp"
#include "domain/risk.hpp"
#include "util/time.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace patronage::domain {

// SPEC §8: how often a family is visited. All intervals are counted in calendar days.
struct ScheduleSettings {
  std::chrono::days critical_interval{7};
  std::chrono::days high_interval{14};
  std::chrono::days medium_interval{30};
  std::chrono::days low_interval{90};
  std::chrono::days supervision_interval{90};
  // SPEC §8: a pregnant client is first visited within 3 days of registration ...
  std::chrono::days pregnancy_first_visit_within{3};
  // ... and in the first week after discharge from the maternity hospital.
  std::chrono::days after_maternity_discharge_within{7};
  // SPEC §10: a case that became critical is visited within 24 hours.
  std::chrono::hours critical_visit_within{24};
  // SPEC §3: after consent is withdrawn only a closing visit remains, made within this time.
  std::chrono::days closing_visit_within{14};
};

// Which visit rate a case follows, from its lifecycle state (SPEC §3).
enum class ScheduleStage {
  none,        // signal, assessment, awaiting_decision, closed, rejected: no regular visits
  patronage,   // active or closing: the rate of the risk level
  supervision, // supervision: the supervision rate
};

ScheduleStage schedule_stage(CaseState state);

struct ScheduleInput {
  ScheduleStage stage = ScheduleStage::none;
  RiskLevel level = RiskLevel::low;
  util::Date registered_on;                 // when the case became active
  std::optional<util::Date> last_visit_on;  // the latest actual visit
  std::optional<util::Date> planned_on;     // the earliest visit planned and not yet made or missed
  std::optional<util::Date> critical_since; // when the level last became critical
  bool pregnant = false;
  std::optional<util::Date> maternity_discharge_on;
  std::optional<util::Date> consent_withdrawn_on;
  bool closing_visit_done = false;
};

struct DueVisit {
  util::Date due_on;
  std::string reason; // a message key, see next_visit_due

  friend bool operator==(const DueVisit&, const DueVisit&) = default;
};

// The next visit a case owes, or std::nullopt if none. Takes the EARLIEST of the deadlines that apply
// (on a tie the first in this list):
//   "visit.closing_only"  — consent withdrawn (SPEC §3): the only visit due, `closing_visit_within` after
//                           the withdrawal or by the regular rate if sooner; none once `closing_visit_done`;
//   "visit.critical_response" — level critical since `critical_since` and no visit on or after that day:
//                           due `critical_visit_within` later, rounded up to whole days (SPEC §10);
//   "visit.pregnancy_first_visit" — `pregnant` and no visit on or after `registered_on` (SPEC §8);
//   "visit.after_maternity_discharge" — a discharge date and no visit on or after it (SPEC §8), whether or
//                           not `pregnant` is still set;
//   "visit.due_by_risk" / "visit.supervision" — the stage's rate counted from the last visit, or from
//                           `registered_on` if there was none;
//   "visit.planned"       — a visit the team planned for `planned_on`, when that is before every deadline above
//                           (a plan later than a deadline does not move the deadline).
// Stage `none` owes no visit, even after a withdrawal.
std::optional<DueVisit> next_visit_due(const ScheduleInput& input, const ScheduleSettings& settings = {});

// The visit rate of a risk level.
std::chrono::days interval_for(RiskLevel level, const ScheduleSettings& settings = {});

// A visit due on `due_on` is overdue from the day after.
bool is_overdue(util::Date due_on, util::Date today);
// Whole days past `due_on`; 0 if not overdue.
int days_overdue(util::Date due_on, util::Date today);

// SPEC §10: true when `level` is critical, more than `critical_visit_within` has passed since `critical_since`, and
// no visit was made at or after `critical_since` (`last_visit_at` is the latest actual visit).
bool critical_without_recent_visit(RiskLevel level, util::Timestamp critical_since,
                                   std::optional<util::Timestamp> last_visit_at, util::Timestamp now,
                                   const ScheduleSettings& settings = {});

} // namespace patronage::domain
