#include "domain/case_timeline.hpp"
#include "lifecycle_fixture.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace patronage::domain::testing;

CaseFacts in_supervision_since(std::string_view day) {
  CaseFacts facts = family_active();
  facts.state = CaseState::supervision;
  facts.state_entered_on = date(day);
  facts.planned_end.reset();
  return facts;
}

std::vector<std::string> keys(const std::vector<CaseWarning>& warnings) {
  std::vector<std::string> result;
  result.reserve(warnings.size());
  for (const auto& warning : warnings) {
    result.push_back(warning.key);
  }
  return result;
}

TEST(SupervisionDeadline, TwelveMonthsAfterItBegan) {
  EXPECT_EQ(supervision_deadline(in_supervision_since("2025-11-23"), k_settings), date("2026-11-23"));
  LifecycleSettings settings;
  settings.supervision_max_months = 6;
  EXPECT_EQ(supervision_deadline(in_supervision_since("2025-11-23"), settings), date("2026-05-23"));
}

TEST(SupervisionDeadline, TheSupervisionDecisionMaySetAShorterTerm) {
  auto facts = in_supervision_since("2025-11-23");
  facts.opened_on = date("2025-01-10");
  facts.decisions.push_back(decision("sup", DecisionKind::move_to_supervision, "2025-11-20"));
  facts.decisions.back().planned_end = date("2026-05-20");
  EXPECT_EQ(supervision_deadline(facts, k_settings), date("2026-05-20"));
  facts.decisions.back().planned_end = date("2027-05-20"); // never past the 12 months
  EXPECT_EQ(supervision_deadline(facts, k_settings), date("2026-11-23"));
}

TEST(SupervisionDeadline, NoneOutsideSupervision) {
  EXPECT_FALSE(supervision_deadline(family_active(), k_settings));
  EXPECT_FALSE(is_supervision_overdue(family_active(), date("2030-01-01"), k_settings));
}

TEST(SupervisionDeadline, OverdueTheDayAfterTheDeadline) {
  const auto facts = in_supervision_since("2025-11-23");
  EXPECT_FALSE(is_supervision_overdue(facts, date("2026-11-23"), k_settings));
  EXPECT_TRUE(is_supervision_overdue(facts, date("2026-11-24"), k_settings));
}

TEST(CaseWarnings, NoneForAHealthyCase) {
  EXPECT_TRUE(case_warnings(family_active(), k_today, k_settings).empty());
}

TEST(CaseWarnings, IntensivePatronageReachesNineMonths) {
  auto facts = family_active();
  facts.state_entered_on = date("2026-02-24");
  EXPECT_TRUE(case_warnings(facts, k_today, k_settings).empty());
  facts.state_entered_on = date("2026-02-23");
  const auto warnings = case_warnings(facts, k_today, k_settings);
  ASSERT_EQ(keys(warnings), std::vector<std::string>{"case.intensive_duration_reached"});
  EXPECT_EQ(warnings[0].params,
            (std::vector<std::pair<std::string, std::string>>{{"since", "2026-02-23"}, {"months", "9"}}));
}

TEST(CaseWarnings, NoDurationWarningForStandardPatronage) {
  auto facts = family_active();
  facts.state_entered_on = date("2025-01-01");
  facts.intensity = PatronageIntensity::standard;
  EXPECT_TRUE(case_warnings(facts, k_today, k_settings).empty());
}

TEST(CaseWarnings, AnExtensionSilencesTheDurationWarning) {
  auto facts = family_active();
  facts.state_entered_on = date("2026-02-23");
  facts.decisions.push_back(decision("ext", DecisionKind::extend, "2026-11-20"));
  EXPECT_TRUE(case_warnings(facts, k_today, k_settings).empty());
  facts.decisions.back().is_signed = false;
  EXPECT_EQ(keys(case_warnings(facts, k_today, k_settings)),
            std::vector<std::string>{"case.intensive_duration_reached"});
}

TEST(CaseWarnings, PlannedEndPassed) {
  auto facts = family_active();
  facts.planned_end = date("2026-11-23");
  EXPECT_TRUE(case_warnings(facts, k_today, k_settings).empty());
  facts.planned_end = date("2026-11-22");
  const auto warnings = case_warnings(facts, k_today, k_settings);
  ASSERT_EQ(keys(warnings), std::vector<std::string>{"case.planned_end_passed"});
  ASSERT_EQ(warnings[0].params.size(), 1U);
  EXPECT_EQ(warnings[0].params[0].second, "2026-11-22");
}

TEST(CaseWarnings, SupervisionReachesTwelveMonths) {
  EXPECT_TRUE(case_warnings(in_supervision_since("2025-11-24"), k_today, k_settings).empty());
  const auto warnings = case_warnings(in_supervision_since("2025-11-23"), k_today, k_settings);
  ASSERT_EQ(keys(warnings), std::vector<std::string>{"case.supervision_duration_reached"});
  EXPECT_EQ(warnings[0].params,
            (std::vector<std::pair<std::string, std::string>>{{"deadline", "2026-11-23"}, {"months", "12"}}));
}

TEST(CaseWarnings, WithdrawnConsentGoesBeforeTheCouncil) {
  auto facts = family_active();
  facts.consents[0].withdrawn_on = date("2026-11-20");
  EXPECT_EQ(keys(case_warnings(facts, k_today, k_settings)), std::vector<std::string>{"case.consent_withdrawn"});
  facts.state = CaseState::closed;
  EXPECT_TRUE(case_warnings(facts, k_today, k_settings).empty());
}

TEST(CaseWarnings, ComeInTheDocumentedOrder) {
  auto facts = family_active();
  facts.state_entered_on = date("2026-01-05");
  facts.planned_end = date("2026-10-05");
  facts.consents[0].withdrawn_on = date("2026-11-20");
  EXPECT_EQ(keys(case_warnings(facts, k_today, k_settings)),
            (std::vector<std::string>{"case.intensive_duration_reached", "case.planned_end_passed",
                                      "case.consent_withdrawn"}));
}

DecisionRecord extension_to(std::string_view planned_end, std::string_view on = "2026-11-20") {
  DecisionRecord record = decision("ext", DecisionKind::extend, on);
  record.planned_end = date(planned_end);
  return record;
}

std::string error_key(const util::Result<util::Date>& result) {
  return result ? "<ok>" : result.error().key;
}

TEST(Extension, ReturnsTheNewPlannedEnd) {
  const auto result = apply_extension(family_active(), extension_to("2027-02-28"), k_today, k_settings);
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, date("2027-02-28"));
}

TEST(Extension, OnlyForAnActiveCase) {
  auto facts = family_active();
  facts.state = CaseState::closing;
  EXPECT_EQ(error_key(apply_extension(facts, extension_to("2027-02-28"), k_today, k_settings)),
            "case.extension_not_active");
}

TEST(Extension, NeedsASignedExtendDecisionDatedByToday) {
  const auto facts = family_active();
  auto record = extension_to("2027-02-28");
  record.kind = DecisionKind::change_plan;
  EXPECT_EQ(error_key(apply_extension(facts, record, k_today, k_settings)), "case.extension_decision_required");
  record = extension_to("2027-02-28");
  record.is_signed = false;
  EXPECT_EQ(error_key(apply_extension(facts, record, k_today, k_settings)), "case.extension_decision_required");
  record = extension_to("2027-02-28", "2026-11-24");
  EXPECT_EQ(error_key(apply_extension(facts, record, k_today, k_settings)), "case.extension_decision_required");
}

TEST(Extension, NeedsANewPlannedEnd) {
  auto record = extension_to("2027-02-28");
  record.planned_end.reset();
  EXPECT_EQ(error_key(apply_extension(family_active(), record, k_today, k_settings)), "case.planned_end_required");
}

TEST(Extension, MustMoveTheEndLater) {
  const auto facts = family_active(); // planned end 2026-11-30
  const auto same = apply_extension(facts, extension_to("2026-11-30"), k_today, k_settings);
  ASSERT_EQ(error_key(same), "case.extension_must_be_later");
  EXPECT_EQ(same.error().params[0].second, "2026-11-30");
  EXPECT_TRUE(apply_extension(facts, extension_to("2026-12-01"), k_today, k_settings));
}

TEST(Extension, MustEndAfterTodayWhenThePlannedEndHasPassed) {
  auto facts = family_active();
  facts.planned_end = date("2026-11-01");
  EXPECT_EQ(error_key(apply_extension(facts, extension_to("2026-11-23"), k_today, k_settings)),
            "case.extension_must_be_later");
  EXPECT_TRUE(apply_extension(facts, extension_to("2026-11-24"), k_today, k_settings));
}

TEST(Extension, AtMostNineMonthsPastItsDecision) {
  const auto facts = family_active();
  EXPECT_TRUE(apply_extension(facts, extension_to("2027-08-20"), k_today, k_settings));
  const auto far = apply_extension(facts, extension_to("2027-08-21"), k_today, k_settings);
  ASSERT_EQ(error_key(far), "case.planned_end_out_of_range");
  EXPECT_EQ(far.error().params,
            (std::vector<std::pair<std::string, std::string>>{{"earliest", "2026-12-01"}, {"latest", "2027-08-20"}}));
}

} // namespace
} // namespace patronage::domain
