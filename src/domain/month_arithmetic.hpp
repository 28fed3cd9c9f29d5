#pragma once

#include "util/time.hpp"

namespace patronage::domain {

// The date `months` calendar months after `date` (before it when negative), on the same day of the month or,
// when that month is shorter, on its last day: 2026-08-31 + 6 months = 2027-02-28.
util::Date add_months(util::Date date, int months);

} // namespace patronage::domain
