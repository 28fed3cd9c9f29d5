#pragma once

#include <optional>
#include <vector>

#include "app/context.hpp"
#include "storage/audit.hpp"
#include "util/error.hpp"

namespace patronage::app {

// The audit log for admins and auditors, newest first; reading it is itself audited.
util::Result<std::vector<storage::AuditEntry>> read_audit_log(const Services& services, const Actor& actor,
                                                              const RequestMeta& meta,
                                                              const storage::AuditFilter& filter);

// Checks the whole hash chain (SPEC §11: tamper-evident).
util::Result<storage::AuditVerification> verify_audit_log(const Services& services, const Actor& actor);

// Records that the database was restored from a backup (the command line's
// `restore`), with the seq the anchor vouched for before (`anchored_before`,
// null in the details when there was no anchor): the entries after the backup are gone.
util::Status record_restore(const Services& services, const Actor& actor, std::optional<long long> anchored_before);

} // namespace patronage::app
