#pragma once

#include <vector>

#include "app/context.hpp"
#include "util/error.hpp"

namespace patronage::app {

// Every configuration key in effect (services.settings.listing: value, default and source), for an admin
// (domain::Action::settings_read on the admin's own unit; 403 "auth.forbidden" for anyone else). Settings are
// global to the deployment and read-only here: the operator changes them in the configuration file. Audited as
// "settings.read"; `unavailable` when the audit entry cannot be stored.
util::Result<std::vector<SettingEntry>> read_settings(const Services& services, const Actor& actor,
                                                      const RequestMeta& meta);

} // namespace patronage::app
