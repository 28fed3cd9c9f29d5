#include "util/time_zone.hpp"

#include <gtest/gtest.h>

namespace patronage::util {
namespace {

const Timestamp k_evening_utc = *parse_timestamp("2026-12-05T21:30:00Z");

TEST(TimeZone, TheDayIsTheLocalDayOfTheZone) {
  EXPECT_EQ(format_date(TimeZone().date_at(k_evening_utc)), "2026-12-05");
  const auto moscow = TimeZone::named("Europe/Moscow");
  ASSERT_TRUE(moscow);
  EXPECT_EQ(moscow->name(), "Europe/Moscow");
  EXPECT_EQ(format_date(moscow->date_at(k_evening_utc)), "2026-12-06") << "00:30 in Moscow";
  EXPECT_EQ(format_date(moscow->date_at(*parse_timestamp("2026-12-05T20:59:59Z"))), "2026-12-05");
  const auto new_york = TimeZone::named("America/New_York");
  ASSERT_TRUE(new_york);
  EXPECT_EQ(format_date(new_york->date_at(*parse_timestamp("2026-12-06T03:00:00Z"))), "2026-12-05");
}

TEST(TimeZone, AnUnknownNameIsRefused) {
  EXPECT_FALSE(TimeZone::named("Europe/Atlantis"));
  EXPECT_FALSE(TimeZone::named(""));
  EXPECT_FALSE(TimeZone::named("../../etc/passwd"));
}

} // namespace
} // namespace patronage::util
