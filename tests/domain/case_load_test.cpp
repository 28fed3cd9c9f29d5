#include "domain/case_load.hpp"
#include "lifecycle_fixture.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace patronage::domain::testing;

TEST(LeadCaseload, CountsOnlyTheIntensityAsked) {
  const LifecycleSettings settings;
  EXPECT_TRUE(check_caseload({1, 15}, PatronageIntensity::intensive, {}, settings));
  EXPECT_FALSE(check_caseload({2, 0}, PatronageIntensity::intensive, {}, settings));
  EXPECT_TRUE(check_caseload({5, 14}, PatronageIntensity::standard, {}, settings));
  EXPECT_FALSE(check_caseload({0, 15}, PatronageIntensity::standard, {}, settings));
}

TEST(LeadCaseload, LimitsAreSettings) {
  LifecycleSettings settings;
  settings.intensive_limit = 3;
  settings.standard_limit = 20;
  EXPECT_TRUE(check_caseload({2, 0}, PatronageIntensity::intensive, {}, settings));
  EXPECT_TRUE(check_caseload({0, 19}, PatronageIntensity::standard, {}, settings));
  EXPECT_FALSE(check_caseload({0, 20}, PatronageIntensity::standard, {}, settings));
}

TEST(LeadCaseload, OverrideWithoutNeedIsHarmless) {
  EXPECT_TRUE(check_caseload({0, 0}, PatronageIntensity::intensive, {true, ""}, {}));
}

TEST(FosterLoad, AtMostFiveChildren) {
  const LifecycleSettings settings;
  EXPECT_TRUE(check_foster_load(4, settings));
  const auto status = check_foster_load(5, settings);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(status.error().key, "case.foster_load_exceeded");
  EXPECT_EQ(status.error().params, (std::vector<std::pair<std::string, std::string>>{{"count", "5"}, {"limit", "5"}}));
}

TEST(FosterLoad, HeadMayOverrideWithAReason) {
  const LifecycleSettings settings;
  EXPECT_TRUE(check_foster_load(5, settings, {true, "siblings stay together"}));
  const auto status = check_foster_load(5, settings, {true, ""});
  ASSERT_FALSE(status);
  ASSERT_EQ(status.error().fields.size(), 1U);
  EXPECT_EQ(status.error().fields[0].field, "override_reason");
  EXPECT_EQ(status.error().fields[0].reason, "case.override_reason_required");
}

TEST(FosterLoad, LimitIsASetting) {
  LifecycleSettings settings;
  settings.foster_children_limit = 6;
  EXPECT_TRUE(check_foster_load(5, settings));
}

TEST(IntensivePlannedEnd, ClampsToTheEndOfShortMonths) {
  const LifecycleSettings settings;
  const auto today = date("2026-10-31");
  EXPECT_FALSE(check_intensive_planned_end(date("2027-02-27"), today, settings));
  EXPECT_TRUE(check_intensive_planned_end(date("2027-02-28"), today, settings));
  EXPECT_TRUE(check_intensive_planned_end(date("2027-07-31"), today, settings));
  EXPECT_FALSE(check_intensive_planned_end(date("2027-08-01"), today, settings));
}

TEST(FosterLoad, CountsEveryChildOfTheFamilyTaken) {
  const LifecycleSettings settings;
  EXPECT_TRUE(check_foster_load(3, settings, {}, 2));
  const auto status = check_foster_load(4, settings, {}, 2);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().key, "case.foster_load_exceeded");
  EXPECT_TRUE(check_foster_load(4, settings, {true, "brothers stay together"}, 2));
}

TEST(VolunteerLoad, RefusedAtTheLimitUnlessAHeadOverridesWithAReason) {
  EXPECT_TRUE(check_volunteer_load(2, 3));
  const auto status = check_volunteer_load(3, 3);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().key, "volunteer.load_limit");
  EXPECT_TRUE(check_volunteer_load(3, 3, {true, "the ward asked for her"}));
  const auto no_reason = check_volunteer_load(3, 3, {true, " "});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().fields.front().field, "override_reason");
}

TEST(CaseloadCount, OnlyActiveAndClosingCasesCount) {
  EXPECT_TRUE(counts_toward_caseload(CaseState::active));
  EXPECT_TRUE(counts_toward_caseload(CaseState::closing));
  EXPECT_FALSE(counts_toward_caseload(CaseState::supervision));
  EXPECT_FALSE(counts_toward_caseload(CaseState::awaiting_decision));
}

TEST(DecisionTerms, IntensiveTermIsCheckedFromTheMeeting) {
  const LifecycleSettings settings;
  const auto met = date("2026-11-23");
  const auto intensive = PatronageIntensity::intensive;
  EXPECT_TRUE(check_decision_terms(DecisionKind::register_case, intensive, date("2027-05-23"), met, settings));
  const auto too_short = check_decision_terms(DecisionKind::register_case, intensive, date("2027-02-23"), met, settings);
  ASSERT_FALSE(too_short);
  EXPECT_EQ(too_short.error().key, "case.planned_end_out_of_range");
  EXPECT_FALSE(check_decision_terms(DecisionKind::register_case, intensive, date("2027-09-24"), met, settings));
  EXPECT_TRUE(check_decision_terms(DecisionKind::register_case, intensive, date("2027-09-24"), met, settings,
                                   {true, "the court hearing is in September"}));
  EXPECT_FALSE(check_decision_terms(DecisionKind::register_case, intensive, date("2027-09-24"), met, settings,
                                    {true, ""}));
  EXPECT_TRUE(check_decision_terms(DecisionKind::register_case, PatronageIntensity::standard, date("2028-09-24"),
                                   met, settings));
}

TEST(DecisionTerms, SupervisionAtMostTwelveMonthsWithoutOverride) {
  const LifecycleSettings settings;
  const auto met = date("2026-11-23");
  EXPECT_TRUE(check_decision_terms(DecisionKind::move_to_supervision, std::nullopt, date("2027-11-23"), met, settings));
  const auto status =
      check_decision_terms(DecisionKind::move_to_supervision, std::nullopt, date("2027-11-24"), met, settings,
                           {true, "a head cannot stretch supervision"});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().key, "case.supervision_term_too_long");
}

} // namespace
} // namespace patronage::domain
