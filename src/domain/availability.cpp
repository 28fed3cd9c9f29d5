#include "domain/availability.hpp"

#include <array>
#include <bit>

namespace patronage::domain {
namespace {

constexpr std::array<std::string_view, k_days_per_week> k_day_names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<std::string_view, k_slots_per_day> k_slot_names{"morning", "afternoon", "evening"};

std::optional<int> index_of(std::string_view name, const auto& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) {
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

std::optional<AvailabilityMask> parse_token(std::string_view token) {
  const auto dot = token.find('.');
  if (dot == std::string_view::npos) {
    return std::nullopt;
  }
  const auto day = index_of(token.substr(0, dot), k_day_names);
  const auto slot = index_of(token.substr(dot + 1), k_slot_names);
  if (!day || !slot) {
    return std::nullopt;
  }
  return AvailabilityMask{1} << (*day * k_slots_per_day + *slot);
}

} // namespace

AvailabilityMask availability_bit(std::chrono::weekday day, DaySlot slot) {
  const auto day_index = static_cast<int>(day.iso_encoding()) - 1;
  return AvailabilityMask{1} << (day_index * k_slots_per_day + static_cast<int>(slot));
}

int common_slots(AvailabilityMask a, AvailabilityMask b) {
  return std::popcount(a & b & k_whole_week);
}

std::optional<AvailabilityMask> parse_availability(std::string_view text) {
  AvailabilityMask mask = 0;
  if (text.empty()) {
    return mask;
  }
  while (true) {
    const auto comma = text.find(',');
    const auto bit = parse_token(text.substr(0, comma));
    if (!bit) {
      return std::nullopt;
    }
    mask |= *bit;
    if (comma == std::string_view::npos) {
      return mask;
    }
    text.remove_prefix(comma + 1);
  }
}

std::string format_availability(AvailabilityMask mask) {
  std::string text;
  for (int day = 0; day < k_days_per_week; ++day) {
    for (int slot = 0; slot < k_slots_per_day; ++slot) {
      if ((mask & (AvailabilityMask{1} << (day * k_slots_per_day + slot))) == 0) {
        continue;
      }
      if (!text.empty()) {
        text += ',';
      }
      text += k_day_names[day];
      text += '.';
      text += k_slot_names[slot];
    }
  }
  return text;
}

} // namespace patronage::domain
