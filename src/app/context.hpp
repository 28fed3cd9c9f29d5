#pragma once

#include <string>
#include <vector>

#include "app/settings.hpp"
#include "domain/policy.hpp"
#include "storage/database.hpp"
#include "util/time.hpp"

namespace patronage::app {

// What every use case needs; owned by the caller (server or CLI), shared by threads.
struct Services {
  storage::Database& db;
  const util::Clock& clock;
  const Settings& settings;
};

// The signed-in user a use case acts for.
struct Actor {
  std::string id;
  std::string login;
  std::string full_name;
  domain::Role role = domain::Role::volunteer;
  std::string unit_id;
  std::string unit_path;
  std::string unit_name;

  domain::Subject subject() const { return {id, role, unit_path}; }
};

// Where a request came from, for the audit log.
struct RequestMeta {
  std::string address;
  std::string request_id;
  // Set by the HTTP layer: read_audited() hands the entries of a read here and
  // the layer answers only once they are durable (AuditCommitter). nullptr:
  // read_audited() waits for them itself.
  std::vector<storage::AuditEntry>* audit_wait = nullptr;
  // Set by the HTTP layer for a write sent with an Idempotency-Key (docs/offline.md): the first audit() of a
  // write transaction records the key there, in the same transaction as the write. Empty: no key.
  std::string idempotency_key{};
  std::string idempotency_user{}; // the session's user: keys are per user
  std::string request_hash{};     // SHA-256 of the method, target and body
};

// The command line acts as an administrator of the whole tree, audited as "cli".
Actor command_line_actor();

} // namespace patronage::app
