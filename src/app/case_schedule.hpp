#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/case_risk.hpp"
#include "app/context.hpp"
#include "domain/case_facts.hpp"
#include "domain/early_warning.hpp"
#include "domain/risk.hpp"
#include "storage/cases.hpp"
#include "util/time.hpp"

namespace patronage::app {

// The risk standing the visit schedule follows (SPEC §5, §8).
struct ScheduleRisk {
  domain::RiskLevel level = domain::RiskLevel::medium;
  bool assessed = false;                    // false: no needs assessment yet, `level` is the default (medium)
  std::optional<util::Date> critical_since; // the latest assessment's date when it found the case critical
  std::optional<util::Date> assessed_on;
  std::vector<domain::EarlyWarning> warnings; // app::case_risk: assessments and visits' child-safety concerns
};

// The risk level of the latest needs assessment in `standing` (app::case_risk); a case not assessed yet is
// visited at the medium rate.
ScheduleRisk risk_for_schedule(const CaseRisk& standing);

// The visit a case owes next (SPEC §8), from domain::next_visit_due.
struct NextVisit {
  util::Date due_on;
  std::string reason; // a "visit.*" message key
  int overdue_days = 0;
};

// Everything the schedule of one case looked at, for the work list.
struct CaseSchedule {
  ScheduleRisk risk;
  std::optional<NextVisit> next_visit;
  std::optional<util::Date> last_visit_on;
  std::vector<util::Date> pregnancy_due_dates; // every due date recorded in the household, passed or not
  // Early warnings, the child-safety concerns of visits included (domain::early_warnings).
  std::vector<domain::EarlyWarning> warnings;
};

// Computes the schedule of `record` as of `today`: the stage by state (active/closing: the risk level's rate,
// supervision: its own rate, other states: no visits), registration = the last day the case became active,
// the latest visit made, pregnancy from the household's members (a recorded due date that has passed stands
// for the discharge from the maternity hospital), and a withdrawal of consent (closing visit only).
// Reads inside the caller's transaction, checks nothing; `standing` is the case's app::case_risk as of `today`.
CaseSchedule case_schedule(storage::Tx& tx, const Services& services, const storage::CaseRecord& record,
                           const domain::CaseFacts& facts, util::Date today, const CaseRisk& standing);
// The same, reading the case's risk standing itself.
CaseSchedule case_schedule(storage::Tx& tx, const Services& services, const storage::CaseRecord& record,
                           const domain::CaseFacts& facts, util::Date today);

} // namespace patronage::app
