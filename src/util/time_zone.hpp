#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/time.hpp"

namespace date {
class time_zone;
}

namespace patronage::util {

// The calendar of the service: which day it is at an instant where its people work. A date a user types ("not in
// the future") is a local date, so "today" is the local one, not the UTC one.
class TimeZone {
public:
  // UTC.
  TimeZone() = default;
  // An IANA name ("Europe/Moscow", "Asia/Vladivostok", "UTC"); std::nullopt when the system's database lacks it.
  static std::optional<TimeZone> named(std::string_view name);
  // The machine's own zone (/etc/localtime); UTC when it has none.
  static TimeZone of_machine();

  Date date_at(Timestamp at) const;
  // The first instant of `day` here (the earlier one when a clock change repeats midnight, the first after it when
  // one skips it): date_at of it gives `day` back.
  Timestamp start_of(Date day) const;
  std::string name() const;

private:
  explicit TimeZone(const date::time_zone* zone) : m_zone(zone) {}
  const date::time_zone* m_zone = nullptr; // nullptr: UTC
};

} // namespace patronage::util
