#include "domain/signal_deadline.hpp"
#include "lifecycle_fixture.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace patronage::domain::testing;


std::string deadline(std::string_view received, Urgency urgency, const SignalSettings& settings = {}) {
  return util::format_timestamp(response_deadline(at(received), urgency, settings));
}

TEST(SignalNames, RoundTripEveryValue) {
  for (auto urgency : {Urgency::emergency, Urgency::urgent, Urgency::routine}) {
    EXPECT_EQ(parse_urgency(to_string(urgency)), urgency);
  }
  for (auto source :
       {SignalSource::school, SignalSource::kindergarten, SignalSource::police_juvenile_unit, SignalSource::clinic,
        SignalSource::commission_for_minors, SignalSource::guardianship_authority, SignalSource::neighbour,
        SignalSource::relative, SignalSource::self_referral, SignalSource::hotline, SignalSource::anonymous}) {
    EXPECT_EQ(parse_signal_source(to_string(source)), source);
  }
  for (auto outcome : {TriageOutcome::open_case, TriageOutcome::consultation_only, TriageOutcome::forward_to_agency,
                       TriageOutcome::no_grounds}) {
    EXPECT_EQ(parse_triage_outcome(to_string(outcome)), outcome);
  }
  EXPECT_EQ(to_string(SignalSource::police_juvenile_unit), "police_juvenile_unit");
  EXPECT_FALSE(parse_urgency("critical"));
  EXPECT_FALSE(parse_signal_source("police"));
  EXPECT_FALSE(parse_triage_outcome(""));
}

TEST(SignalResponseDeadline, EmergencyWithin24Hours) {
  EXPECT_EQ(deadline("2026-11-21T22:15:00Z", Urgency::emergency), "2026-11-22T22:15:00Z"); // weekends count
}

TEST(SignalResponseDeadline, UrgentWithinThreeCalendarDays) {
  EXPECT_EQ(deadline("2026-11-20T09:00:00Z", Urgency::urgent), "2026-11-23T09:00:00Z");
}

TEST(SignalResponseDeadline, RoutineWithinTenWorkingDays) {
  EXPECT_EQ(deadline("2026-11-23T10:30:00Z", Urgency::routine), "2026-12-07T10:30:00Z"); // Monday to Monday
  EXPECT_EQ(deadline("2026-11-20T16:00:00Z", Urgency::routine), "2026-12-04T16:00:00Z"); // from a Friday
}

TEST(SignalResponseDeadline, RoutineReceivedAtTheWeekendCountsFromMonday) {
  EXPECT_EQ(deadline("2026-11-21T11:00:00Z", Urgency::routine), "2026-12-04T11:00:00Z");
  EXPECT_EQ(deadline("2026-11-22T11:00:00Z", Urgency::routine), "2026-12-04T11:00:00Z");
}

TEST(SignalResponseDeadline, PublicHolidaysDoNotCount) {
  SignalSettings settings;
  settings.public_holidays = {date("2026-12-31"), date("2027-01-01"), date("2027-01-04"), date("2027-01-05"),
                              date("2027-01-06"), date("2027-01-07"), date("2027-01-08")};
  // From Wed 30 Dec the first working days are 11–15 and 18–22 January.
  EXPECT_EQ(deadline("2026-12-30T08:00:00Z", Urgency::routine, settings), "2027-01-22T08:00:00Z");
  EXPECT_EQ(deadline("2026-12-30T08:00:00Z", Urgency::routine), "2027-01-13T08:00:00Z");
}

TEST(SignalResponseDeadline, TransferredWorkingSaturdayCounts) {
  SignalSettings settings;
  settings.working_weekend_days = {date("2026-11-28")};
  EXPECT_EQ(deadline("2026-11-23T10:30:00Z", Urgency::routine, settings), "2026-12-04T10:30:00Z");
}

TEST(SignalResponseDeadline, TimesAreSettings) {
  SignalSettings settings;
  settings.emergency_response = std::chrono::hours{12};
  settings.urgent_response = std::chrono::days{2};
  settings.routine_working_days = 5;
  EXPECT_EQ(deadline("2026-11-23T10:00:00Z", Urgency::emergency, settings), "2026-11-23T22:00:00Z");
  EXPECT_EQ(deadline("2026-11-23T10:00:00Z", Urgency::urgent, settings), "2026-11-25T10:00:00Z");
  EXPECT_EQ(deadline("2026-11-23T10:00:00Z", Urgency::routine, settings), "2026-11-30T10:00:00Z");
}

TEST(SignalWorkingDays, WeekdaysWork) {
  const SignalSettings settings;
  EXPECT_TRUE(is_working_day(date("2026-11-23"), settings));
  EXPECT_TRUE(is_working_day(date("2026-11-27"), settings));
  EXPECT_FALSE(is_working_day(date("2026-11-28"), settings));
  EXPECT_FALSE(is_working_day(date("2026-11-29"), settings));
  EXPECT_EQ(add_working_days(date("2026-11-27"), 1, settings), date("2026-11-30"));
  EXPECT_EQ(add_working_days(date("2026-11-27"), 0, settings), date("2026-11-27"));
}

TEST(SignalOverdue, OpenSignalAfterItsDeadline) {
  const SignalSettings settings;
  const auto received = at("2026-11-23T10:00:00Z");
  EXPECT_FALSE(is_overdue(received, Urgency::emergency, std::nullopt, at("2026-11-24T10:00:00Z"), settings));
  EXPECT_TRUE(is_overdue(received, Urgency::emergency, std::nullopt, at("2026-11-24T10:00:01Z"), settings));
}

TEST(SignalOverdue, AnsweredSignalIsJudgedByItsAnswer) {
  const SignalSettings settings;
  const auto received = at("2026-11-23T10:00:00Z");
  const auto much_later = at("2027-01-01T00:00:00Z");
  EXPECT_FALSE(is_overdue(received, Urgency::urgent, at("2026-11-26T09:00:00Z"), much_later, settings));
  EXPECT_TRUE(is_overdue(received, Urgency::urgent, at("2026-11-26T11:00:00Z"), much_later, settings));
}

TEST(SignalTriage, NeedsAReason) {
  EXPECT_TRUE(check_triage(TriageOutcome::no_grounds, "reported family moved away"));
  const auto status = check_triage(TriageOutcome::open_case, " ");
  ASSERT_FALSE(status);
  ASSERT_EQ(status.error().fields.size(), 1U);
  EXPECT_EQ(status.error().fields[0].field, "reason");
  EXPECT_EQ(status.error().fields[0].reason, "signal.triage_reason_required");
}

} // namespace
} // namespace patronage::domain
