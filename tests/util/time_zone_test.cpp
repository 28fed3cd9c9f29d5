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

TEST(TimeZone, ADayStartsAtItsLocalMidnight) {
  const auto day = *parse_date("2026-12-06");
  EXPECT_EQ(format_timestamp(TimeZone().start_of(day)), "2026-12-06T00:00:00Z");
  const auto kamchatka = TimeZone::named("Asia/Kamchatka");
  ASSERT_TRUE(kamchatka);
  EXPECT_EQ(format_timestamp(kamchatka->start_of(day)), "2026-12-05T12:00:00Z");
  EXPECT_EQ(kamchatka->date_at(kamchatka->start_of(day)), day);
  // São Paulo skipped its midnight on 2018-11-04: the day starts at 01:00 local, 03:00Z.
  const auto sao_paulo = TimeZone::named("America/Sao_Paulo");
  ASSERT_TRUE(sao_paulo);
  const auto skipped = *parse_date("2018-11-04");
  EXPECT_EQ(format_timestamp(sao_paulo->start_of(skipped)), "2018-11-04T03:00:00Z");
  EXPECT_EQ(sao_paulo->date_at(sao_paulo->start_of(skipped)), skipped);
}

TEST(TimeZone, AnUnknownNameIsRefused) {
  EXPECT_FALSE(TimeZone::named("Europe/Atlantis"));
  EXPECT_FALSE(TimeZone::named(""));
  EXPECT_FALSE(TimeZone::named("../../etc/passwd"));
}

} // namespace
} // namespace patronage::util
