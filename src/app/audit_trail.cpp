#include "app/audit_trail.hpp"

#include "storage/audit.hpp"
#include "storage/audit_committer.hpp"

#include <boost/json/serialize.hpp>

namespace patronage::app {

Actor command_line_actor() { return {"cli", "cli", "command line", domain::Role::admin, "", "/", ""}; }

void audit(storage::Tx& tx, const Services& services, const std::string& user_id, const RequestMeta& meta,
           std::string action, std::string entity, std::string entity_id, const boost::json::object& details) {
  storage::AuditEntry entry;
  entry.at = services.clock.now().time_since_epoch().count();
  entry.user_id = user_id;
  entry.action = std::move(action);
  entry.entity = std::move(entity);
  entry.entity_id = std::move(entity_id);
  entry.address = meta.address;
  entry.request_id = meta.request_id;
  entry.details = boost::json::serialize(details);
  if (auto* sink = tx.audit_sink()) {
    sink->push_back(std::move(entry));
    return;
  }
  storage::append_audit(tx, std::move(entry));
}

util::Status settle_audit(const Services& services, const RequestMeta& meta, std::vector<storage::AuditEntry> entries) {
  if (meta.audit_wait != nullptr) {
    std::move(entries.begin(), entries.end(), std::back_inserter(*meta.audit_wait));
    return {};
  }
  if (auto committed = services.db.audit_committer().commit(std::move(entries)); !committed) {
    return util::fail(util::Error::unavailable("storage.unavailable"));
  }
  return {};
}

} // namespace patronage::app
