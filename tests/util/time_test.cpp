#include "util/time.hpp"

#include <gtest/gtest.h>

namespace patronage::util {

TEST(Time, ParsesAndFormatsDates) {
  auto d = parse_date("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_date(*d), "2024-02-29");
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2023-2-01"));
  EXPECT_FALSE(parse_date("2023-02-01x"));
}

TEST(Time, ParsesAndFormatsTimestamps) {
  auto t = parse_timestamp("2026-11-23T13:40:05.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_timestamp(*t), "2026-11-23T13:40:05Z");
  EXPECT_FALSE(parse_timestamp("2026-11-23T25:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2026-11-23T10:00:00+03:00"));
}

TEST(Time, AgeCountsBirthdays) {
  auto birth = *parse_date("2008-11-24");
  EXPECT_EQ(age_on(birth, *parse_date("2026-11-23")), 17);
  EXPECT_EQ(age_on(birth, *parse_date("2026-11-24")), 18);
}

} // namespace patronage::util
