#include "app/audit_trail.hpp"

#include "app/clock.hpp"
#include "storage/audit.hpp"
#include "storage/audit_committer.hpp"
#include "storage/idempotency.hpp"

#include <boost/json/serialize.hpp>

namespace patronage::app {

namespace {

// Every write transaction audits, so the key is recorded here, in the write's own transaction: a retry after a
// crash that followed the commit finds it and writes nothing again. Once per request: a second audit() (in the
// same or a later transaction of the same request) finds its own row. Another request's row, committed or not,
// makes the insert fail on the primary key and the write roll back (the HTTP layer then answers as for a repeat).
void record_idempotency_key(storage::Tx& tx, const Services& services, const RequestMeta& meta,
                            const std::string& entity, const std::string& entity_id) {
  const auto user = meta.idempotency_user;
  if (auto found = storage::find_idempotency(tx, user, meta.idempotency_key);
      found && found->request_id == meta.request_id) {
    return;
  }
  const long long now = now_of(services);
  storage::purge_idempotency(tx, now - storage::k_idempotency_ttl_seconds);
  storage::IdempotencyRecord record;
  record.user_id = user;
  record.key = meta.idempotency_key;
  record.request_hash = meta.request_hash;
  record.request_id = meta.request_id;
  record.entity = entity;
  record.entity_id = entity_id;
  record.created_at = now;
  storage::insert_idempotency(tx, record);
}

} // namespace

Actor command_line_actor() { return {"cli", "cli", "command line", domain::Role::admin, "", "/", ""}; }

void audit(storage::Tx& tx, const Services& services, const std::string& user_id, const RequestMeta& meta,
           std::string action, std::string entity, std::string entity_id, const boost::json::object& details) {
  storage::AuditEntry entry;
  entry.at = now_of(services);
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
  if (!meta.idempotency_key.empty()) {
    record_idempotency_key(tx, services, meta, entry.entity, entry.entity_id);
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
