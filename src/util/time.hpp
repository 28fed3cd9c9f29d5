#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace patronage::util {

using Date = std::chrono::sys_days;
using Timestamp = std::chrono::sys_seconds;

// "YYYY-MM-DD" → a valid calendar date; std::nullopt for anything else.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);
// The same for a value that may be absent: absent (or, parsing, not a date) → std::nullopt.
std::optional<Date> parse_optional_date(const std::optional<std::string>& text);
std::optional<std::string> format_optional_date(const std::optional<Date>& date);

// "YYYY-MM-DDTHH:MM:SSZ" (UTC; a "+00:00" offset or fractional seconds are accepted).
std::optional<Timestamp> parse_timestamp(std::string_view text);
std::string format_timestamp(Timestamp at);

// Whole years between `birth` and `on` (the age on that day).
int age_on(Date birth, Date on);

// The time source of the application; tests pass a fixed clock.
class Clock {
public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
public:
  Timestamp now() const override;
};

class FixedClock final : public Clock {
public:
  explicit FixedClock(Timestamp at) : m_at(at) {}
  Timestamp now() const override { return m_at; }
  void advance(std::chrono::seconds by) { m_at += by; }
  void set(Timestamp at) { m_at = at; }

private:
  Timestamp m_at;
};

} // namespace patronage::util
