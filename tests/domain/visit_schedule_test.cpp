#include "domain/visit_schedule.hpp"
#include "lifecycle_fixture.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace patronage::domain::testing;

using namespace std::chrono_literals;


ScheduleInput active_case(RiskLevel level) {
  ScheduleInput input;
  input.stage = ScheduleStage::patronage;
  input.level = level;
  input.registered_on = date("2026-03-02");
  return input;
}

} // namespace

TEST(VisitSchedule, IntervalFollowsTheRiskLevel) {
  EXPECT_EQ(interval_for(RiskLevel::critical), std::chrono::days{7});
  EXPECT_EQ(interval_for(RiskLevel::high), std::chrono::days{14});
  EXPECT_EQ(interval_for(RiskLevel::medium), std::chrono::days{30});
  EXPECT_EQ(interval_for(RiskLevel::low), std::chrono::days{90});
}

TEST(VisitSchedule, TheStageFollowsTheLifecycleState) {
  EXPECT_EQ(schedule_stage(CaseState::active), ScheduleStage::patronage);
  EXPECT_EQ(schedule_stage(CaseState::closing), ScheduleStage::patronage);
  EXPECT_EQ(schedule_stage(CaseState::supervision), ScheduleStage::supervision);
  for (const auto state : {CaseState::signal, CaseState::assessment, CaseState::awaiting_decision,
                           CaseState::closed, CaseState::rejected}) {
    EXPECT_EQ(schedule_stage(state), ScheduleStage::none) << to_string(state);
  }
}

TEST(VisitSchedule, NextVisitIsDueByRiskFromTheLastVisit) {
  auto input = active_case(RiskLevel::high);
  input.last_visit_on = date("2026-03-20");
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-04-03"), "visit.due_by_risk"}));

  input.level = RiskLevel::critical;
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-03-27"), "visit.due_by_risk"}));
  input.level = RiskLevel::medium;
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-04-19"), "visit.due_by_risk"}));
  input.level = RiskLevel::low;
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-06-18"), "visit.due_by_risk"}));
}

TEST(VisitSchedule, WithoutAVisitCountsFromRegistration) {
  EXPECT_EQ(next_visit_due(active_case(RiskLevel::medium)), (DueVisit{date("2026-04-01"), "visit.due_by_risk"}));
}

// Issue 13 point 5: a visit the team already planned before the deadline is the next visit; a plan after the
// deadline does not hide the deadline.
TEST(VisitSchedule, AVisitPlannedBeforeTheDeadlineIsTheNextOne) {
  auto input = active_case(RiskLevel::medium); // due 2026-04-01
  input.planned_on = date("2026-03-20");
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-03-20"), "visit.planned"}));
  input.planned_on = date("2026-04-10");
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-04-01"), "visit.due_by_risk"}));
  input.stage = ScheduleStage::none;
  input.planned_on = date("2026-03-20");
  EXPECT_EQ(next_visit_due(input), std::nullopt);
}

TEST(VisitSchedule, SupervisionHasItsOwnRate) {
  auto input = active_case(RiskLevel::medium);
  input.stage = ScheduleStage::supervision;
  input.last_visit_on = date("2026-05-01");
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-07-30"), "visit.supervision"}));

  ScheduleSettings settings;
  settings.supervision_interval = std::chrono::days{60};
  EXPECT_EQ(next_visit_due(input, settings), (DueVisit{date("2026-06-30"), "visit.supervision"}));
}

TEST(VisitSchedule, NoVisitsOutsidePatronageAndSupervision) {
  auto input = active_case(RiskLevel::critical);
  input.stage = ScheduleStage::none;
  input.pregnant = true;
  EXPECT_FALSE(next_visit_due(input));
}

TEST(VisitSchedule, PregnantClientIsFirstVisitedWithinThreeDaysOfRegistration) {
  auto input = active_case(RiskLevel::medium);
  input.pregnant = true;
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-03-05"), "visit.pregnancy_first_visit"}));

  input.last_visit_on = date("2026-03-04");
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-04-03"), "visit.due_by_risk"}));
}

TEST(VisitSchedule, AVisitBeforeRegistrationDoesNotCountAsTheFirstVisit) {
  auto input = active_case(RiskLevel::low);
  input.pregnant = true;
  input.last_visit_on = date("2026-02-20"); // during the assessment
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-03-05"), "visit.pregnancy_first_visit"}));
}

TEST(VisitSchedule, ClientIsVisitedInTheFirstWeekAfterMaternityDischarge) {
  auto input = active_case(RiskLevel::low);
  input.last_visit_on = date("2026-05-10");
  input.maternity_discharge_on = date("2026-05-15");
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-05-22"), "visit.after_maternity_discharge"}));

  input.last_visit_on = date("2026-05-15");
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-08-13"), "visit.due_by_risk"}));
}

TEST(VisitSchedule, TakesTheEarliestDeadline) {
  auto input = active_case(RiskLevel::critical);
  input.last_visit_on = date("2026-05-10");
  input.maternity_discharge_on = date("2026-05-12");
  // by risk: 05-17; after discharge: 05-19
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-05-17"), "visit.due_by_risk"}));

  input.level = RiskLevel::high;
  // by risk: 05-24; after discharge: 05-19
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-05-19"), "visit.after_maternity_discharge"}));
}

TEST(VisitSchedule, OnATieTheSpecificReasonWins) {
  auto input = active_case(RiskLevel::critical);
  input.last_visit_on = date("2026-05-10");
  input.maternity_discharge_on = date("2026-05-10"); // visited that day: done
  EXPECT_EQ(next_visit_due(input)->reason, "visit.due_by_risk");
  input.maternity_discharge_on = date("2026-05-11"); // after discharge: 05-18; by risk: 05-17
  EXPECT_EQ(next_visit_due(input)->reason, "visit.due_by_risk");

  ScheduleSettings settings;
  settings.after_maternity_discharge_within = std::chrono::days{6}; // 05-17 both
  EXPECT_EQ(next_visit_due(input, settings), (DueVisit{date("2026-05-17"), "visit.after_maternity_discharge"}));
}

TEST(VisitSchedule, ANewlyCriticalCaseIsDueTheNextDay) {
  auto input = active_case(RiskLevel::critical);
  input.last_visit_on = date("2026-05-10");
  input.critical_since = date("2026-05-14");
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-05-15"), "visit.critical_response"}));

  input.last_visit_on = date("2026-05-14");
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-05-21"), "visit.due_by_risk"}));
}

TEST(VisitSchedule, WithdrawnConsentLeavesOnlyAClosingVisit) {
  auto input = active_case(RiskLevel::low);
  input.pregnant = true;
  input.last_visit_on = date("2026-05-01");
  input.consent_withdrawn_on = date("2026-05-10");
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-05-24"), "visit.closing_only"}));

  input.closing_visit_done = true;
  EXPECT_FALSE(next_visit_due(input));
}

TEST(VisitSchedule, ClosingVisitKeepsAnEarlierRegularDeadline) {
  auto input = active_case(RiskLevel::critical);
  input.last_visit_on = date("2026-05-08");
  input.consent_withdrawn_on = date("2026-05-10");
  EXPECT_EQ(next_visit_due(input), (DueVisit{date("2026-05-15"), "visit.closing_only"}));
}

TEST(VisitSchedule, OverdueFromTheDayAfterTheDueDate) {
  const auto due = date("2026-05-15");
  EXPECT_FALSE(is_overdue(due, date("2026-05-14")));
  EXPECT_FALSE(is_overdue(due, date("2026-05-15")));
  EXPECT_TRUE(is_overdue(due, date("2026-05-16")));
  EXPECT_EQ(days_overdue(due, date("2026-05-10")), 0);
  EXPECT_EQ(days_overdue(due, date("2026-05-15")), 0);
  EXPECT_EQ(days_overdue(due, date("2026-05-16")), 1);
  EXPECT_EQ(days_overdue(due, date("2026-06-15")), 31);
}

TEST(VisitSchedule, CriticalCaseWithoutAVisitWithin24Hours) {
  const auto since = at("2026-05-14T10:00:00Z");
  EXPECT_FALSE(critical_without_recent_visit(RiskLevel::critical, since, std::nullopt, at("2026-05-15T10:00:00Z")));
  EXPECT_TRUE(critical_without_recent_visit(RiskLevel::critical, since, std::nullopt, at("2026-05-15T10:00:01Z")));
  EXPECT_TRUE(critical_without_recent_visit(RiskLevel::critical, since, at("2026-05-14T09:59:59Z"),
                                            at("2026-05-16T00:00:00Z")));
  EXPECT_FALSE(critical_without_recent_visit(RiskLevel::critical, since, at("2026-05-14T10:00:00Z"),
                                             at("2026-05-16T00:00:00Z")));
  EXPECT_FALSE(critical_without_recent_visit(RiskLevel::high, since, std::nullopt, at("2026-05-20T00:00:00Z")));

  ScheduleSettings settings;
  settings.critical_visit_within = 48h;
  EXPECT_FALSE(
      critical_without_recent_visit(RiskLevel::critical, since, std::nullopt, at("2026-05-16T00:00:00Z"), settings));
}

} // namespace patronage::domain
