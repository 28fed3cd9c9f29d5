#include "domain/month_arithmetic.hpp"

namespace patronage::domain {

util::Date add_months(util::Date date, int months) {
  const std::chrono::year_month_day ymd{date};
  const auto shifted = ymd + std::chrono::months{months};
  if (shifted.ok()) {
    return util::Date{shifted};
  }
  return util::Date{shifted.year() / shifted.month() / std::chrono::last};
}

} // namespace patronage::domain
