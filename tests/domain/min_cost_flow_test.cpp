#include "domain/min_cost_flow.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

TEST(MinCostFlow, NoNegativePathMeansNoFlow) {
  MinCostFlow network(3);
  const int a = network.add_edge(0, 1, 5, 2);
  const int b = network.add_edge(1, 2, 5, 0);
  EXPECT_EQ(network.minimise_cost(0, 2), 0);
  EXPECT_EQ(network.flow(a), 0);
  EXPECT_EQ(network.flow(b), 0);
}

TEST(MinCostFlow, TakesOnlyThePathsThatLowerTheCost) {
  // 0 → 1 → 3 costs −5 (capacity 2), 0 → 2 → 3 costs +1: only the first is worth sending.
  MinCostFlow network(4);
  const int cheap_in = network.add_edge(0, 1, 3, -5);
  network.add_edge(1, 3, 2, 0);
  const int dear_in = network.add_edge(0, 2, 3, 1);
  network.add_edge(2, 3, 3, 0);
  EXPECT_EQ(network.minimise_cost(0, 3), -10);
  EXPECT_EQ(network.flow(cheap_in), 2);
  EXPECT_EQ(network.flow(dear_in), 0);
}

TEST(MinCostFlow, ReroutesEarlierFlowWhenThatIsCheaper) {
  // Assignment: rows 1,2 to columns 3,4. Best pair (1,3) = −10 alone; optimum is (1,4)+(2,3) = −18.
  MinCostFlow network(6);
  network.add_edge(0, 1, 1, 0);
  network.add_edge(0, 2, 1, 0);
  const int r1c3 = network.add_edge(1, 3, 1, -10);
  const int r1c4 = network.add_edge(1, 4, 1, -9);
  const int r2c3 = network.add_edge(2, 3, 1, -9);
  network.add_edge(3, 5, 1, 0);
  network.add_edge(4, 5, 1, 0);
  EXPECT_EQ(network.minimise_cost(0, 5), -18);
  EXPECT_EQ(network.flow(r1c3), 0);
  EXPECT_EQ(network.flow(r1c4), 1);
  EXPECT_EQ(network.flow(r2c3), 1);
}

} // namespace
} // namespace patronage::domain
