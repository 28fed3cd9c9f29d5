#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace patronage::domain {

// SPEC §9: a volunteer's (or a ward's) weekly availability — 7 days × 3 parts of
// the day, one bit each: bit = (ISO weekday − 1) × 3 + slot, Monday morning is bit 0.
using AvailabilityMask = std::uint32_t;

enum class DaySlot { morning, afternoon, evening };

constexpr int k_days_per_week = 7;
constexpr int k_slots_per_day = 3;
constexpr AvailabilityMask k_whole_week = (AvailabilityMask{1} << (k_days_per_week * k_slots_per_day)) - 1;

// The single bit of `slot` on `day`.
AvailabilityMask availability_bit(std::chrono::weekday day, DaySlot slot);

// How many weekly slots both masks share.
int common_slots(AvailabilityMask a, AvailabilityMask b);

// Text form: comma-separated "<day>.<slot>" tokens, day ∈ mon..sun, slot ∈
// morning|afternoon|evening, e.g. "mon.morning,wed.evening"; "" is no time at all.
// Returns std::nullopt for an unknown token or stray spaces; repeated tokens are harmless.
std::optional<AvailabilityMask> parse_availability(std::string_view text);

// The canonical text form: tokens in week order (Monday morning first).
std::string format_availability(AvailabilityMask mask);

} // namespace patronage::domain
