#include "domain/early_warning.hpp"
#include "lifecycle_fixture.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace patronage::domain::testing;


// An assessment on `on` with every domain at 0 except those given.
DatedAssessment assessment(const char* on, std::initializer_list<std::pair<RiskDomain, int>> set) {
  DatedAssessment a{date(on), {}};
  for (auto domain : k_risk_domains) {
    a.scores.push_back({domain, 0, ""});
  }
  for (const auto& [domain, score] : set) {
    for (auto& s : a.scores) {
      if (s.domain == domain) {
        s.score = score;
      }
    }
  }
  return a;
}

const std::vector<VisitSafetyCheck> k_no_checks;

} // namespace

TEST(EarlyWarning, NoWarningWhenNothingWorsened) {
  std::vector<DatedAssessment> assessments{
      assessment("2026-01-10", {{RiskDomain::housing, 2}, {RiskDomain::income, 2}}),
      assessment("2026-04-10", {{RiskDomain::housing, 1}, {RiskDomain::income, 2}}),
  };
  std::vector<VisitSafetyCheck> checks{{date("2026-05-01"), false}};
  EXPECT_TRUE(early_warnings(assessments, checks).empty());
}

TEST(EarlyWarning, NoScoreWarningWithASingleAssessment) {
  std::vector<DatedAssessment> assessments{assessment("2026-01-10", {{RiskDomain::violence, 3}})};
  EXPECT_TRUE(early_warnings(assessments, k_no_checks).empty());
}

TEST(EarlyWarning, FlagsEachWorsenedDomainAndTheTotal) {
  std::vector<DatedAssessment> assessments{
      assessment("2026-01-10", {{RiskDomain::housing, 1}, {RiskDomain::income, 2}}),
      assessment("2026-04-10", {{RiskDomain::housing, 2}, {RiskDomain::income, 0}, {RiskDomain::addiction, 2}}),
  };

  auto warnings = early_warnings(assessments, k_no_checks);

  ASSERT_EQ(warnings.size(), 1U); // both medium: the level did not rise
  EXPECT_EQ(warnings[0].kind, WarningKind::score_worsened);
  EXPECT_EQ(warnings[0].reasons,
            (std::vector<RiskReason>{
                {"warning.domain_worsened", {{"domain", "housing"}, {"before", "1"}, {"after", "2"}, {"rise", "1"}}},
                {"warning.domain_worsened", {{"domain", "addiction"}, {"before", "0"}, {"after", "2"}, {"rise", "2"}}},
                {"warning.total_worsened", {{"before", "3"}, {"after", "4"}}},
            }));
}

TEST(EarlyWarning, FlagsARisenRiskLevel) {
  std::vector<DatedAssessment> assessments{
      assessment("2026-01-10", {{RiskDomain::violence, 2}, {RiskDomain::income, 2}}),
      assessment("2026-04-10", {{RiskDomain::violence, 3}, {RiskDomain::income, 1}}),
  };

  auto warnings = early_warnings(assessments, k_no_checks);

  ASSERT_EQ(warnings.size(), 2U);
  EXPECT_EQ(warnings[0].kind, WarningKind::score_worsened);
  EXPECT_EQ(warnings[0].reasons.size(), 1U); // violence only: the total stayed at 4
  EXPECT_EQ(warnings[1].kind, WarningKind::risk_level_rose);
  EXPECT_EQ(warnings[1].reasons,
            (std::vector<RiskReason>{{"warning.risk_level_rose", {{"before", "medium"}, {"after", "critical"}}}}));
}

TEST(EarlyWarning, ComparesTheTwoLatestAssessmentsInAnyOrder) {
  std::vector<DatedAssessment> assessments{
      assessment("2026-04-10", {{RiskDomain::health, 2}}),
      assessment("2025-10-01", {{RiskDomain::health, 3}}),
      assessment("2026-01-10", {{RiskDomain::health, 1}}),
  };

  auto warnings = early_warnings(assessments, k_no_checks);

  ASSERT_FALSE(warnings.empty());
  EXPECT_EQ(
      warnings[0].reasons[0],
      (RiskReason{"warning.domain_worsened", {{"domain", "health"}, {"before", "1"}, {"after", "2"}, {"rise", "1"}}}));
}

TEST(EarlyWarning, OfTwoAssessmentsOnOneDayTheLaterInTheListIsLatest) {
  std::vector<DatedAssessment> assessments{
      assessment("2026-04-10", {{RiskDomain::health, 2}}),
      assessment("2026-04-10", {{RiskDomain::health, 1}}),
  };
  EXPECT_TRUE(early_warnings(assessments, k_no_checks).empty());
}

TEST(EarlyWarning, MinimumRiseIsASetting) {
  std::vector<DatedAssessment> assessments{
      assessment("2026-01-10", {{RiskDomain::health, 1}, {RiskDomain::income, 2}}),
      assessment("2026-04-10", {{RiskDomain::health, 2}, {RiskDomain::income, 1}}),
  };
  EarlyWarningSettings settings;
  settings.min_domain_rise = 2;
  EXPECT_TRUE(early_warnings(assessments, k_no_checks, settings).empty());
  settings.min_domain_rise = 1;
  EXPECT_EQ(early_warnings(assessments, k_no_checks, settings).size(), 1U);
}

TEST(EarlyWarning, FlagsChildSafetyConcernsOnOrAfterTheLatestAssessment) {
  std::vector<DatedAssessment> assessments{
      assessment("2026-01-10", {{RiskDomain::health, 1}}),
      assessment("2026-04-10", {{RiskDomain::health, 1}}),
  };
  std::vector<VisitSafetyCheck> checks{
      {date("2026-04-20"), true},
      {date("2026-04-09"), true}, // before the latest assessment: already weighed in it
      {date("2026-04-10"), true},
      {date("2026-05-01"), false},
  };

  auto warnings = early_warnings(assessments, checks);

  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_EQ(warnings[0].kind, WarningKind::child_safety_concern);
  EXPECT_EQ(warnings[0].reasons, (std::vector<RiskReason>{
                                     {"warning.child_safety_concern", {{"date", "2026-04-20"}}},
                                     {"warning.child_safety_concern", {{"date", "2026-04-10"}}},
                                 }));
}

TEST(EarlyWarning, FlagsAnyConcernWhenThereIsNoAssessment) {
  std::vector<VisitSafetyCheck> checks{{date("2026-02-01"), true}};
  auto warnings = early_warnings({}, checks);
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_EQ(warnings[0].kind, WarningKind::child_safety_concern);
  EXPECT_EQ(to_string(warnings[0].kind), "child_safety_concern");
}

} // namespace patronage::domain
