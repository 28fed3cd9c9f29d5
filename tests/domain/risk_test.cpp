#include "domain/risk.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

// A complete assessment: every domain at 0 except those given.
std::vector<DomainScore> scores_with(std::initializer_list<std::pair<RiskDomain, int>> set) {
  std::vector<DomainScore> scores;
  for (auto domain : k_risk_domains) {
    scores.push_back({domain, 0, ""});
  }
  for (const auto& [domain, score] : set) {
    for (auto& s : scores) {
      if (s.domain == domain) {
        s.score = score;
      }
    }
  }
  return scores;
}

// The first `count` domains that are not immediate-critical (child safety, violence), each at `score`.
std::vector<DomainScore> ordinary_at(int count, int score) {
  std::vector<DomainScore> scores = scores_with({});
  for (auto& s : scores) {
    if (count > 0 && s.domain != RiskDomain::child_safety && s.domain != RiskDomain::violence) {
      s.score = score;
      --count;
    }
  }
  return scores;
}

RiskReason domain_reason(const char* key, const char* domain) {
  return {key, {{"domain", domain}}};
}
RiskReason total_reason(int total, int threshold) {
  return {"risk.total_score", {{"total", std::to_string(total)}, {"threshold", std::to_string(threshold)}}};
}

} // namespace

TEST(Risk, RoundTripsDomainAndLevelNames) {
  for (auto domain : k_risk_domains) {
    EXPECT_EQ(parse_risk_domain(to_string(domain)), domain);
  }
  EXPECT_EQ(to_string(RiskDomain::social_ties), "social_ties");
  EXPECT_FALSE(parse_risk_domain("safety"));
  for (auto level : {RiskLevel::low, RiskLevel::medium, RiskLevel::high, RiskLevel::critical}) {
    EXPECT_EQ(parse_risk_level(to_string(level)), level);
  }
  EXPECT_FALSE(parse_risk_level("severe"));
  EXPECT_LT(RiskLevel::high, RiskLevel::critical);
}

TEST(Risk, AcceptsACompleteAssessment) {
  EXPECT_TRUE(validate_scores(scores_with({{RiskDomain::housing, 3}, {RiskDomain::income, 0}})));
}

TEST(Risk, RejectsScoresOutOfRangeDuplicatesAndMissingDomains) {
  auto scores = scores_with({{RiskDomain::child_safety, 4}, {RiskDomain::income, -1}});
  scores.push_back({RiskDomain::health, 1, "again"});
  std::erase_if(scores, [](const DomainScore& s) { return s.domain == RiskDomain::education; });

  auto result = validate_scores(scores);

  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, util::ErrorCode::invalid);
  EXPECT_EQ(result.error().key, "validation.failed");
  ASSERT_EQ(result.error().fields.size(), 4U);
  EXPECT_EQ(result.error().fields[0].field, "scores[child_safety]");
  EXPECT_EQ(result.error().fields[0].reason, "validation.out_of_range");
  EXPECT_EQ(result.error().fields[1].field, "scores[health]");
  EXPECT_EQ(result.error().fields[1].reason, "validation.duplicate");
  EXPECT_EQ(result.error().fields[2].field, "scores[income]");
  EXPECT_EQ(result.error().fields[2].reason, "validation.out_of_range");
  EXPECT_EQ(result.error().fields[3].field, "scores[education]");
  EXPECT_EQ(result.error().fields[3].reason, "validation.required");
}

TEST(Risk, RejectsAnEmptyAssessment) {
  auto result = validate_scores({});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().fields.size(), k_risk_domains.size());
}

TEST(Risk, AllZeroIsLow) {
  auto risk = assess_risk(scores_with({}));
  EXPECT_EQ(risk.level, RiskLevel::low);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{{"risk.no_significant_problems", {{"total", "0"}}}}));
}

TEST(Risk, TotalBelowMediumThresholdIsLow) {
  auto risk = assess_risk(ordinary_at(4, 1));
  EXPECT_EQ(risk.level, RiskLevel::low);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{{"risk.no_significant_problems", {{"total", "4"}}}}));
}

TEST(Risk, TotalAtMediumThresholdIsMedium) {
  auto risk = assess_risk(ordinary_at(5, 1));
  EXPECT_EQ(risk.level, RiskLevel::medium);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{total_reason(5, 5)}));
}

TEST(Risk, ADomainAtTwoIsMedium) {
  auto risk = assess_risk(scores_with({{RiskDomain::income, 2}}));
  EXPECT_EQ(risk.level, RiskLevel::medium);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{domain_reason("risk.domain_moderate", "income")}));
}

TEST(Risk, ChildSafetyAtTwoIsOnlyMedium) {
  EXPECT_EQ(assess_risk(scores_with({{RiskDomain::child_safety, 2}, {RiskDomain::violence, 2}})).level,
            RiskLevel::medium);
}

TEST(Risk, TotalJustBelowHighThresholdIsMedium) {
  auto scores = ordinary_at(5, 2);
  scores[0].score = 1; // child safety 1: total 11
  auto risk = assess_risk(scores);
  EXPECT_EQ(risk.level, RiskLevel::medium);
  EXPECT_EQ(risk.reasons.back(), total_reason(11, 5));
}

TEST(Risk, TotalAtHighThresholdIsHigh) {
  auto risk = assess_risk(ordinary_at(6, 2));
  EXPECT_EQ(risk.level, RiskLevel::high);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{total_reason(12, 12)}));
}

TEST(Risk, AnOrdinaryDomainAtThreeIsHigh) {
  auto risk = assess_risk(scores_with({{RiskDomain::housing, 3}, {RiskDomain::income, 2}}));
  EXPECT_EQ(risk.level, RiskLevel::high);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{domain_reason("risk.domain_severe", "housing")}));
}

TEST(Risk, ChildSafetyAtThreeIsCriticalAtOnce) {
  auto risk = assess_risk(scores_with({{RiskDomain::child_safety, 3}}));
  EXPECT_EQ(risk.level, RiskLevel::critical);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{domain_reason("risk.critical_domain", "child_safety")}));
}

TEST(Risk, ViolenceAtThreeIsCriticalAtOnce) {
  auto risk = assess_risk(scores_with({{RiskDomain::violence, 3}}));
  EXPECT_EQ(risk.level, RiskLevel::critical);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{domain_reason("risk.critical_domain", "violence")}));
}

TEST(Risk, ListsEveryCriticalReason) {
  auto scores = scores_with({{RiskDomain::child_safety, 3},
                             {RiskDomain::violence, 3},
                             {RiskDomain::housing, 3},
                             {RiskDomain::income, 3},
                             {RiskDomain::parenting, 3},
                             {RiskDomain::addiction, 3}});
  auto risk = assess_risk(scores);
  EXPECT_EQ(risk.level, RiskLevel::critical);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{
                              domain_reason("risk.critical_domain", "child_safety"),
                              domain_reason("risk.critical_domain", "violence"),
                              {"risk.severe_domains", {{"count", "6"}, {"threshold", "3"}}},
                              total_reason(18, 18),
                          }));
}

TEST(Risk, TwoOrdinarySevereDomainsAreHighAndThreeAreCritical) {
  EXPECT_EQ(assess_risk(ordinary_at(2, 3)).level, RiskLevel::high);
  auto risk = assess_risk(ordinary_at(3, 3));
  EXPECT_EQ(risk.level, RiskLevel::critical);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{{"risk.severe_domains", {{"count", "3"}, {"threshold", "3"}}}}));
}

TEST(Risk, TotalJustBelowCriticalThresholdIsHigh) {
  auto scores = ordinary_at(8, 2);
  scores[0].score = 1; // child safety 1: total 17
  auto risk = assess_risk(scores);
  EXPECT_EQ(risk.level, RiskLevel::high);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{total_reason(17, 12)}));
}

TEST(Risk, TotalAtCriticalThresholdIsCritical) {
  auto scores = ordinary_at(8, 2);
  scores[0].score = 2; // child safety 2: total 18
  auto risk = assess_risk(scores);
  EXPECT_EQ(risk.level, RiskLevel::critical);
  EXPECT_EQ(risk.reasons, (std::vector<RiskReason>{total_reason(18, 18)}));
}

TEST(Risk, SettingsChangeTheRules) {
  RiskSettings settings;
  settings.immediate_critical_domains = {RiskDomain::addiction};
  settings.medium_total = 3;
  EXPECT_EQ(assess_risk(scores_with({{RiskDomain::violence, 3}}), settings).level, RiskLevel::high);
  EXPECT_EQ(assess_risk(scores_with({{RiskDomain::addiction, 3}}), settings).level, RiskLevel::critical);
  EXPECT_EQ(assess_risk(ordinary_at(3, 1), settings).level, RiskLevel::medium);
}

TEST(Risk, ClampsScoresOutOfRange) {
  auto scores = scores_with({{RiskDomain::housing, 7}, {RiskDomain::income, -5}});
  EXPECT_EQ(total_score(scores), 3);
  EXPECT_EQ(assess_risk(scores).level, RiskLevel::high);
  EXPECT_EQ(score_of(scores, RiskDomain::housing), 7);
  EXPECT_FALSE(score_of(std::vector<DomainScore>{}, RiskDomain::housing));
}

} // namespace patronage::domain
