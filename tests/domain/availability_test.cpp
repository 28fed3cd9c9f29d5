#include "domain/availability.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

TEST(Availability, BitsFollowWeekOrder) {
  EXPECT_EQ(availability_bit(std::chrono::Monday, DaySlot::morning), 1U);
  EXPECT_EQ(availability_bit(std::chrono::Monday, DaySlot::evening), 4U);
  EXPECT_EQ(availability_bit(std::chrono::Tuesday, DaySlot::morning), 8U);
  EXPECT_EQ(availability_bit(std::chrono::Sunday, DaySlot::evening), 1U << 20);
}

TEST(Availability, ParsesAndFormatsCanonically) {
  const auto mask = parse_availability("wed.evening,mon.morning,wed.evening");
  ASSERT_TRUE(mask.has_value());
  EXPECT_EQ(*mask, availability_bit(std::chrono::Monday, DaySlot::morning) |
                       availability_bit(std::chrono::Wednesday, DaySlot::evening));
  EXPECT_EQ(format_availability(*mask), "mon.morning,wed.evening");
}

TEST(Availability, EmptyTextIsNoTime) {
  EXPECT_EQ(parse_availability(""), AvailabilityMask{0});
  EXPECT_EQ(format_availability(0), "");
}

TEST(Availability, WholeWeekRoundTrips) {
  const auto text = format_availability(k_whole_week);
  EXPECT_EQ(parse_availability(text), k_whole_week);
  EXPECT_EQ(common_slots(k_whole_week, k_whole_week), 21);
}

TEST(Availability, RejectsMalformedText) {
  EXPECT_FALSE(parse_availability("monday.morning").has_value());
  EXPECT_FALSE(parse_availability("mon.night").has_value());
  EXPECT_FALSE(parse_availability("mon.morning, tue.evening").has_value());
  EXPECT_FALSE(parse_availability("mon.morning,").has_value());
  EXPECT_FALSE(parse_availability("mon").has_value());
}

TEST(Availability, CountsCommonSlots) {
  const auto a = *parse_availability("mon.morning,tue.evening,sat.afternoon");
  const auto b = *parse_availability("tue.evening,sat.afternoon,sun.morning");
  EXPECT_EQ(common_slots(a, b), 2);
  EXPECT_EQ(common_slots(a, 0), 0);
}

} // namespace
} // namespace patronage::domain
