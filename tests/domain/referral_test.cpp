#include "domain/referral.hpp"
#include "lifecycle_fixture.hpp"

#include <algorithm>
#include <array>
#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace patronage::domain::testing;


constexpr std::array k_all{ReferralStatus::sent, ReferralStatus::accepted, ReferralStatus::in_progress,
                           ReferralStatus::done, ReferralStatus::declined};

TEST(ReferralStatus, RoundTripsEveryName) {
  for (auto status : k_all) {
    EXPECT_EQ(parse_referral_status(to_string(status)), status);
  }
  EXPECT_EQ(to_string(ReferralStatus::in_progress), "in_progress");
  EXPECT_FALSE(parse_referral_status("in progress").has_value());
}

TEST(ReferralTransition, AllowsExactlyTheTable) {
  const std::vector<std::pair<ReferralStatus, ReferralStatus>> allowed{
      {ReferralStatus::sent, ReferralStatus::accepted},        {ReferralStatus::sent, ReferralStatus::declined},
      {ReferralStatus::accepted, ReferralStatus::in_progress}, {ReferralStatus::accepted, ReferralStatus::done},
      {ReferralStatus::accepted, ReferralStatus::declined},    {ReferralStatus::in_progress, ReferralStatus::done},
      {ReferralStatus::in_progress, ReferralStatus::declined},
  };
  for (auto from : k_all) {
    for (auto to : k_all) {
      const bool expected = std::ranges::find(allowed, std::pair{from, to}) != allowed.end();
      EXPECT_EQ(check_referral_transition(from, to).has_value(), expected) << to_string(from) << "→" << to_string(to);
    }
  }
}

TEST(ReferralTransition, RefusalIsConflictNamingStatuses) {
  const auto refused = check_referral_transition(ReferralStatus::done, ReferralStatus::in_progress);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(refused.error().key, "referral.transition_not_allowed");
  const std::vector<std::pair<std::string, std::string>> params{{"from", "done"}, {"to", "in_progress"}};
  EXPECT_EQ(refused.error().params, params);
}

TEST(ReferralTransition, TerminalStatusesHaveNoNextStatus) {
  EXPECT_TRUE(next_referral_statuses(ReferralStatus::done).empty());
  EXPECT_TRUE(next_referral_statuses(ReferralStatus::declined).empty());
  EXPECT_EQ(next_referral_statuses(ReferralStatus::sent),
            (std::vector<ReferralStatus>{ReferralStatus::accepted, ReferralStatus::declined}));
  EXPECT_TRUE(is_terminal(ReferralStatus::done));
  EXPECT_FALSE(is_terminal(ReferralStatus::in_progress));
}

TEST(ReferralDates, DueMayNotPrecedeSent) {
  EXPECT_TRUE(check_referral_dates(date(2024, 3, 1), date(2024, 3, 1)).has_value());
  const auto refused = check_referral_dates(date(2024, 3, 2), date(2024, 3, 1));
  ASSERT_FALSE(refused.has_value());
  ASSERT_EQ(refused.error().fields.size(), 1U);
  EXPECT_EQ(refused.error().fields[0].field, "due_date");
  EXPECT_EQ(refused.error().fields[0].reason, "referral.due_before_sent");
}

TEST(ReferralOverdue, OverdueOnlyAfterDueDay) {
  const auto due = date(2024, 3, 10);
  EXPECT_FALSE(is_overdue(due, date(2024, 3, 9), ReferralStatus::sent));
  EXPECT_FALSE(is_overdue(due, date(2024, 3, 10), ReferralStatus::sent));
  EXPECT_TRUE(is_overdue(due, date(2024, 3, 11), ReferralStatus::sent));
}

TEST(ReferralOverdue, OnlyOpenStatusesAreOverdue) {
  const auto due = date(2024, 3, 10);
  const auto later = date(2024, 4, 1);
  EXPECT_TRUE(is_overdue(due, later, ReferralStatus::accepted));
  EXPECT_TRUE(is_overdue(due, later, ReferralStatus::in_progress));
  EXPECT_FALSE(is_overdue(due, later, ReferralStatus::done));
  EXPECT_FALSE(is_overdue(due, later, ReferralStatus::declined));
}

} // namespace
} // namespace patronage::domain
