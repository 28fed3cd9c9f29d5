#include "domain/case_state.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

TEST(CaseStateNames, RoundTripEveryState) {
  for (auto state : {CaseState::signal, CaseState::assessment, CaseState::awaiting_decision, CaseState::active,
                     CaseState::closing, CaseState::supervision, CaseState::closed, CaseState::rejected}) {
    EXPECT_EQ(parse_case_state(to_string(state)), state);
  }
  EXPECT_EQ(to_string(CaseState::awaiting_decision), "awaiting_decision");
  EXPECT_FALSE(parse_case_state("Active"));
  EXPECT_FALSE(parse_case_state(""));
}

TEST(CaseStateNames, RoundTripIntensity) {
  EXPECT_EQ(parse_patronage_intensity("intensive"), PatronageIntensity::intensive);
  EXPECT_EQ(parse_patronage_intensity("standard"), PatronageIntensity::standard);
  EXPECT_EQ(to_string(PatronageIntensity::standard), "standard");
  EXPECT_FALSE(parse_patronage_intensity("short"));
}

TEST(CaseStateNames, OnlyClosedAndRejectedAreTerminal) {
  EXPECT_TRUE(is_terminal(CaseState::closed));
  EXPECT_TRUE(is_terminal(CaseState::rejected));
  for (auto state : {CaseState::signal, CaseState::assessment, CaseState::awaiting_decision, CaseState::active,
                     CaseState::closing, CaseState::supervision}) {
    EXPECT_FALSE(is_terminal(state));
  }
}

} // namespace
} // namespace patronage::domain
