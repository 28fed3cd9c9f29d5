#include "util/time.hpp"

#include <charconv>

#include <fmt/format.h>

namespace patronage::util {
namespace {

bool read_int(std::string_view text, size_t pos, size_t len, int& out) {
  if (pos + len > text.size()) {
    return false;
  }
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
  }
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc{};
}

} // namespace

std::optional<Date> parse_date(std::string_view text) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_int(text, 0, 4, y) ||
      !read_int(text, 5, 2, m) || !read_int(text, 8, 2, d)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return Date{ymd};
}

std::string format_date(Date date) {
  const std::chrono::year_month_day ymd{date};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

std::optional<Date> parse_optional_date(const std::optional<std::string>& text) {
  return text ? parse_date(*text) : std::nullopt;
}

std::optional<std::string> format_optional_date(const std::optional<Date>& date) {
  return date ? std::optional<std::string>(format_date(*date)) : std::nullopt;
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  auto date = parse_date(text.substr(0, 10));
  int h = 0;
  int mi = 0;
  int s = 0;
  if (!date || !read_int(text, 11, 2, h) || !read_int(text, 14, 2, mi) || !read_int(text, 17, 2, s) || h > 23 ||
      mi > 59 || s > 60) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    size_t i = 1;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
      ++i;
    }
    if (i == 1) {
      return std::nullopt;
    }
    rest.remove_prefix(i);
  }
  if (rest != "Z" && rest != "+00:00") {
    return std::nullopt;
  }
  return Timestamp{*date} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}

std::string format_timestamp(Timestamp at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::hh_mm_ss hms{at - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(day), hms.hours().count(), hms.minutes().count(),
                     hms.seconds().count());
}

int age_on(Date birth, Date on) {
  const std::chrono::year_month_day b{birth};
  const std::chrono::year_month_day o{on};
  int years = static_cast<int>(o.year()) - static_cast<int>(b.year());
  if (o.month() < b.month() || (o.month() == b.month() && o.day() < b.day())) {
    --years;
  }
  return years;
}

Timestamp SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace patronage::util
