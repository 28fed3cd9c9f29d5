#include "domain/map_of_changes.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

// Scores of the ten domains in the order of k_risk_domains:
// child_safety, health, housing, income, employment, parenting, addiction, violence, social_ties, education.
std::vector<DomainScore> scores(std::array<int, 10> values) {
  std::vector<DomainScore> result;
  for (size_t i = 0; i < k_risk_domains.size(); ++i) {
    result.push_back({k_risk_domains[i], values[i], ""});
  }
  return result;
}

} // namespace

TEST(MapOfChanges, ComparesEveryDomain) {
  auto map = compare_assessments(scores({2, 1, 3, 2, 2, 1, 0, 1, 1, 0}), scores({1, 1, 2, 2, 3, 0, 0, 1, 0, 0}));

  ASSERT_EQ(map.domains.size(), 10U);
  EXPECT_EQ(map.domains[0].domain, RiskDomain::child_safety);
  EXPECT_EQ(map.domains[0].before, 2);
  EXPECT_EQ(map.domains[0].after, 1);
  EXPECT_EQ(map.domains[0].trend, Trend::better);
  EXPECT_EQ(map.domains[1].trend, Trend::same);
  EXPECT_EQ(map.domains[4].domain, RiskDomain::employment);
  EXPECT_EQ(map.domains[4].trend, Trend::worse);
  EXPECT_EQ(map.total_before, 13);
  EXPECT_EQ(map.total_after, 10);
  EXPECT_EQ(map.level_before, RiskLevel::high);
  EXPECT_EQ(map.level_after, RiskLevel::high);
}

TEST(MapOfChanges, LowerTotalWithNoDomainWorseIsImproved) {
  auto map = compare_assessments(scores({2, 1, 3, 2, 2, 1, 0, 1, 1, 0}), scores({1, 1, 1, 2, 2, 0, 0, 1, 1, 0}));
  EXPECT_EQ(map.outcome, Outcome::improved);
  EXPECT_EQ(map.level_after, RiskLevel::medium);
}

TEST(MapOfChanges, LowerTotalWithADomainWorseIsUnchanged) {
  auto map = compare_assessments(scores({2, 1, 3, 2, 2, 1, 0, 1, 1, 0}), scores({1, 1, 2, 2, 3, 0, 0, 1, 0, 0}));
  EXPECT_EQ(map.outcome, Outcome::unchanged);
}

TEST(MapOfChanges, SameScoresAreUnchanged) {
  auto map = compare_assessments(scores({1, 1, 1, 0, 0, 0, 0, 0, 0, 0}), scores({1, 1, 1, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(map.outcome, Outcome::unchanged);
}

TEST(MapOfChanges, SameTotalShiftedBetweenDomainsIsUnchanged) {
  auto map = compare_assessments(scores({0, 2, 0, 0, 0, 0, 0, 0, 0, 0}), scores({0, 0, 2, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(map.outcome, Outcome::unchanged);
}

TEST(MapOfChanges, HigherTotalIsWorse) {
  auto map = compare_assessments(scores({0, 1, 0, 0, 0, 0, 0, 0, 0, 0}), scores({0, 1, 1, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(map.outcome, Outcome::worse);
}

TEST(MapOfChanges, HigherRiskLevelIsWorseEvenWithALowerTotal) {
  // violence 2 → 3 makes the case critical although the total fell from 10 to 5.
  auto map = compare_assessments(scores({0, 2, 2, 2, 2, 0, 0, 2, 0, 0}), scores({0, 1, 0, 0, 1, 0, 0, 3, 0, 0}));
  EXPECT_EQ(map.total_before, 10);
  EXPECT_EQ(map.total_after, 5);
  EXPECT_EQ(map.level_after, RiskLevel::critical);
  EXPECT_EQ(map.outcome, Outcome::worse);
}

TEST(MapOfChanges, ComparesOnlyDomainsScoredInBoth) {
  auto before = scores({3, 1, 1, 0, 0, 0, 0, 0, 0, 0});
  auto after = scores({0, 1, 1, 0, 0, 0, 0, 0, 0, 0});
  after.erase(after.begin()); // child safety not scored again

  auto map = compare_assessments(before, after);

  ASSERT_EQ(map.domains.size(), 9U);
  EXPECT_EQ(map.domains[0].domain, RiskDomain::health);
  EXPECT_EQ(map.total_before, 2);
  EXPECT_EQ(map.total_after, 2);
  EXPECT_EQ(map.outcome, Outcome::unchanged);
}

TEST(MapOfChanges, NamesTrendsAndOutcomes) {
  EXPECT_EQ(to_string(Trend::worse), "worse");
  EXPECT_EQ(to_string(Outcome::improved), "improved");
  EXPECT_EQ(parse_outcome("unchanged"), Outcome::unchanged);
  EXPECT_FALSE(parse_outcome("better"));
}

} // namespace patronage::domain
