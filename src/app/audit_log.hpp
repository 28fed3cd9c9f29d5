#pragma once

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

} // namespace patronage::app
