#include "util/time_zone.hpp"

#include <date/tz.h>

namespace patronage::util {

std::optional<TimeZone> TimeZone::named(std::string_view name) {
  try {
    return TimeZone(date::locate_zone(name));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

TimeZone TimeZone::of_machine() {
  try {
    return TimeZone(date::current_zone());
  } catch (const std::exception&) {
    return TimeZone();
  }
}

Date TimeZone::date_at(Timestamp at) const {
  if (m_zone == nullptr) {
    return std::chrono::floor<std::chrono::days>(at);
  }
  const auto local = m_zone->to_local(at);
  return Date{std::chrono::floor<std::chrono::days>(local).time_since_epoch()};
}

Timestamp TimeZone::start_of(Date day) const {
  if (m_zone == nullptr) {
    return Timestamp{day};
  }
  const date::local_seconds midnight{std::chrono::seconds{day.time_since_epoch()}};
  const auto info = m_zone->get_info(midnight);
  if (info.result == date::local_info::nonexistent) {
    return std::chrono::time_point_cast<std::chrono::seconds>(info.first.end);
  }
  return std::chrono::time_point_cast<std::chrono::seconds>(m_zone->to_sys(midnight, date::choose::earliest));
}

std::string TimeZone::name() const { return m_zone == nullptr ? "UTC" : std::string(m_zone->name()); }

} // namespace patronage::util
