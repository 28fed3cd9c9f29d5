#include "app/audit_log.hpp"

#include "app/audit_trail.hpp"
#include "app/exports.hpp"

#include <boost/json.hpp>

namespace patronage::app {

util::Result<std::vector<storage::AuditEntry>> read_audit_log(const Services& services, const Actor& actor,
                                                              const RequestMeta& meta,
                                                              const storage::AuditFilter& filter) {
  if (!domain::can(actor.subject(), domain::Action::audit_read, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::AuditEntry>> {
    auto entries = storage::list_audit(tx, audit_scope(actor, filter));
    audit(tx, services, actor.id, meta, "audit.read", "audit_log", "");
    return entries;
  });
}

util::Result<storage::AuditVerification> verify_audit_log(const Services& services, const Actor& actor) {
  if (!domain::can(actor.subject(), domain::Action::audit_verify, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  // A read transaction: walking a long chain must not hold the write lock a running server needs.
  return services.db.read(
      [&](storage::Tx& tx) -> util::Result<storage::AuditVerification> { return storage::verify_audit(tx); });
}

util::Status record_restore(const Services& services, const Actor& actor, std::optional<long long> anchored_before) {
  boost::json::object details;
  details["anchored_before"] = anchored_before ? boost::json::value(*anchored_before) : boost::json::value(nullptr);
  return services.db.transact([&](storage::Tx& tx) -> util::Status {
    audit(tx, services, actor.id, {"local", "cli"}, "database.restored", "database", "", details);
    return {};
  });
}

} // namespace patronage::app
