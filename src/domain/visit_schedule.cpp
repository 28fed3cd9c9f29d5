#include "domain/visit_schedule.hpp"

#include <algorithm>
#include <vector>

namespace patronage::domain {
namespace {

bool visited_since(const ScheduleInput& input, util::Date since) {
  return input.last_visit_on && *input.last_visit_on >= since;
}

DueVisit regular_visit(const ScheduleInput& input, const ScheduleSettings& settings) {
  const util::Date from = input.last_visit_on.value_or(input.registered_on);
  if (input.stage == ScheduleStage::supervision) {
    // SPEC §8: supervision has its own visit rate.
    return {from + settings.supervision_interval, "visit.supervision"};
  }
  // SPEC §8: the next visit is due by the risk level.
  return {from + interval_for(input.level, settings), "visit.due_by_risk"};
}

std::vector<DueVisit> special_visits(const ScheduleInput& input, const ScheduleSettings& settings) {
  std::vector<DueVisit> due;
  if (input.level == RiskLevel::critical && input.critical_since && !visited_since(input, *input.critical_since)) {
    due.push_back({*input.critical_since + std::chrono::ceil<std::chrono::days>(settings.critical_visit_within),
                   "visit.critical_response"});
  }
  if (input.pregnant && !visited_since(input, input.registered_on)) {
    due.push_back({input.registered_on + settings.pregnancy_first_visit_within, "visit.pregnancy_first_visit"});
  }
  if (input.maternity_discharge_on && !visited_since(input, *input.maternity_discharge_on)) {
    due.push_back(
        {*input.maternity_discharge_on + settings.after_maternity_discharge_within, "visit.after_maternity_discharge"});
  }
  return due;
}

} // namespace

ScheduleStage schedule_stage(CaseState state) {
  switch (state) {
  case CaseState::active:
  case CaseState::closing:
    return ScheduleStage::patronage;
  case CaseState::supervision:
    return ScheduleStage::supervision;
  case CaseState::signal:
  case CaseState::assessment:
  case CaseState::awaiting_decision:
  case CaseState::closed:
  case CaseState::rejected:
    return ScheduleStage::none;
  }
  return ScheduleStage::none;
}

std::chrono::days interval_for(RiskLevel level, const ScheduleSettings& settings) {
  switch (level) {
  case RiskLevel::critical:
    return settings.critical_interval;
  case RiskLevel::high:
    return settings.high_interval;
  case RiskLevel::medium:
    return settings.medium_interval;
  case RiskLevel::low:
    return settings.low_interval;
  }
  return settings.low_interval;
}

std::optional<DueVisit> next_visit_due(const ScheduleInput& input, const ScheduleSettings& settings) {
  if (input.stage == ScheduleStage::none) {
    return std::nullopt;
  }
  const DueVisit regular = regular_visit(input, settings);
  if (input.consent_withdrawn_on) {
    // SPEC §3: a withdrawn consent blocks every visit but a closing one.
    if (input.closing_visit_done) {
      return std::nullopt;
    }
    return DueVisit{std::min(*input.consent_withdrawn_on + settings.closing_visit_within, regular.due_on),
                    "visit.closing_only"};
  }
  auto due = special_visits(input, settings);
  due.push_back(regular);
  if (input.planned_on) {
    due.push_back({*input.planned_on, "visit.planned"});
  }
  const DueVisit* earliest = &due.front();
  for (const auto& visit : due) {
    if (visit.due_on < earliest->due_on) {
      earliest = &visit;
    }
  }
  return *earliest;
}

bool is_overdue(util::Date due_on, util::Date today) {
  return today > due_on;
}

int days_overdue(util::Date due_on, util::Date today) {
  return is_overdue(due_on, today) ? static_cast<int>((today - due_on).count()) : 0;
}

bool critical_without_recent_visit(RiskLevel level, util::Timestamp critical_since,
                                   std::optional<util::Timestamp> last_visit_at, util::Timestamp now,
                                   const ScheduleSettings& settings) {
  if (level != RiskLevel::critical || (last_visit_at && *last_visit_at >= critical_since)) {
    return false;
  }
  return now - critical_since > settings.critical_visit_within;
}

} // namespace patronage::domain
