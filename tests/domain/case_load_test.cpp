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

} // namespace
} // namespace patronage::domain
