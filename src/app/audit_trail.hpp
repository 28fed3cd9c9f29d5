#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "app/context.hpp"
#include "storage/audit.hpp"
#include "storage/database.hpp"

namespace patronage::app {

// Appends one audit entry inside the use case's transaction, so that the
// entry and the change it records commit or vanish together. Inside
// read_audited() the entry is queued instead and made durable after the read.
// `details` holds ids, counts, codes and field names only, never personal data (no names, addresses, notes,
// search text, free-text reasons); it is serialised here, so a value can never break the entry's JSON.
void audit(storage::Tx& tx, const Services& services, const std::string& user_id, const RequestMeta& meta,
           std::string action, std::string entity, std::string entity_id, const boost::json::object& details = {});

// Makes the entries of a read durable: hands them to `meta.audit_wait` when
// the HTTP layer waits for them, else commits them through the committer and
// blocks. Fails with `unavailable` when they could not be stored.
util::Status settle_audit(const Services& services, const RequestMeta& meta, std::vector<storage::AuditEntry> entries);

// Runs the read use case `work` (util::Result<T>(storage::Tx&)) in a read
// transaction: no write lock, so reads run side by side. Its audit(tx, ...)
// entries are group-committed afterwards (AuditCommitter); the result is
// returned only once they are durable or handed to `meta.audit_wait`, and is
// `unavailable` with no data when they cannot be stored. A failing `work`
// records nothing, as a rolled-back transaction would.
template <typename Work>
auto read_audited(const Services& services, const RequestMeta& meta, Work&& work)
    -> std::invoke_result_t<Work, storage::Tx&> {
  std::vector<storage::AuditEntry> entries;
  auto result = services.db.read([&](storage::Tx& tx) {
    tx.defer_audit_to(&entries);
    return work(tx);
  });
  if (!result || entries.empty()) {
    return result;
  }
  if (auto settled = settle_audit(services, meta, std::move(entries)); !settled) {
    return util::fail(settled.error());
  }
  return result;
}

} // namespace patronage::app
