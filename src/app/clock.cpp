#include "app/clock.hpp"

namespace patronage::app {

long long now_of(const Services& services) { return services.clock.now().time_since_epoch().count(); }

util::Date today(const Services& services) { return day_of(services, services.clock.now()); }

util::Date day_of(const Services& services, util::Timestamp at) { return services.settings.time_zone.date_at(at); }

} // namespace patronage::app
