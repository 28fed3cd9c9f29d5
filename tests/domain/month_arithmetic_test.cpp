#include "domain/month_arithmetic.hpp"
#include "lifecycle_fixture.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace patronage::domain::testing;

TEST(AddMonths, KeepsTheDayOfTheMonth) {
  EXPECT_EQ(add_months(date("2026-11-23"), 4), date("2027-03-23"));
  EXPECT_EQ(add_months(date("2026-11-23"), 12), date("2027-11-23"));
  EXPECT_EQ(add_months(date("2026-11-23"), 0), date("2026-11-23"));
  EXPECT_EQ(add_months(date("2026-11-23"), -11), date("2025-12-23"));
}

TEST(AddMonths, FallsBackToTheLastDayOfAShortMonth) {
  EXPECT_EQ(add_months(date("2026-08-31"), 6), date("2027-02-28"));
  EXPECT_EQ(add_months(date("2024-01-31"), 1), date("2024-02-29"));
  EXPECT_EQ(add_months(date("2026-05-31"), -1), date("2026-04-30"));
}

} // namespace
} // namespace patronage::domain
