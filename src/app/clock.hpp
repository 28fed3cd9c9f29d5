#pragma once

#include "app/context.hpp"
#include "util/time.hpp"

namespace patronage::app {

// The service's clock as use cases read it (util::Clock of Services; tests give a FixedClock).

// Now, as the Unix seconds every stored time is.
long long now_of(const Services& services);

// Today where the service works (Settings::time_zone), and the day of `at` there.
util::Date today(const Services& services);
util::Date day_of(const Services& services, util::Timestamp at);

} // namespace patronage::app
