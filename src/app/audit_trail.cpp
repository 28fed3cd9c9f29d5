#include "app/audit_trail.hpp"

#include "storage/audit.hpp"

namespace patronage::app {

Actor command_line_actor() { return {"cli", "cli", "command line", domain::Role::admin, "", "/", ""}; }

void audit(storage::Tx& tx, const Services& services, const std::string& user_id, const RequestMeta& meta,
           std::string action, std::string entity, std::string entity_id, std::string details) {
  storage::AuditEntry entry;
  entry.at = services.clock.now().time_since_epoch().count();
  entry.user_id = user_id;
  entry.action = std::move(action);
  entry.entity = std::move(entity);
  entry.entity_id = std::move(entity_id);
  entry.address = meta.address;
  entry.request_id = meta.request_id;
  entry.details = std::move(details);
  storage::append_audit(tx, std::move(entry));
}

} // namespace patronage::app
