#include "app/settings_listing.hpp"

#include "app/audit_trail.hpp"

namespace patronage::app {

util::Result<std::vector<SettingEntry>> read_settings(const Services& services, const Actor& actor,
                                                      const RequestMeta& meta) {
  if (!domain::can(actor.subject(), domain::Action::settings_read, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<std::vector<SettingEntry>> {
    audit(tx, services, actor.id, meta, "settings.read", "settings", "");
    return services.settings.listing;
  });
}

} // namespace patronage::app
