#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// One audit record (SPEC §11: who, what, when, from where). `details` is a
// short JSON text and never holds personal data, only ids and field names.
struct AuditEntry {
  long long seq = 0;
  long long at = 0;
  std::string user_id; // "" for anonymous (a failed login), "cli" for the command line
  std::string action;  // e.g. "user.read", "auth.login_failed"
  std::string entity;  // e.g. "user", "case"
  std::string entity_id;
  std::string address;
  std::string request_id;
  std::string details = "{}";
  std::string prev_hash;
  std::string hash;
};

// The chain hash of `entry` following `prev_hash`: SHA-256 over every field,
// each prefixed by its length so that no two entries encode alike.
std::string audit_hash(const AuditEntry& entry, const std::string& prev_hash);

// Appends `entry` (seq, prev_hash and hash are assigned here) inside `tx`,
// locking the chain head until commit so that appends are serialised.
AuditEntry append_audit(Tx& tx, AuditEntry entry);

// Appends `entries` in order as one stretch of the chain (one head lock, one
// prepared insert), assigning their seq, prev_hash and hash in place.
void append_audit_batch(Tx& tx, std::vector<AuditEntry>& entries);

struct AuditFilter {
  std::optional<std::string> user_id;
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<long long> from;     // at >= from
  std::optional<long long> to;       // at < to
  std::optional<long long> before_seq; // keyset paging, newest first
  // Only entries by users of units whose path starts with this (an auditor's subtree).
  std::optional<std::string> unit_path_prefix;
  int limit = 100;
};

std::vector<AuditEntry> list_audit(Tx& tx, const AuditFilter& filter);

struct AuditVerification {
  bool ok = true;
  long long checked = 0;
  long long bad_seq = 0; // first entry that breaks the chain, 0 when ok
  std::string problem;   // "hash_mismatch", "gap", "prev_mismatch", "head_mismatch"
};

// Walks the whole chain and the head. Detects an edited, inserted or deleted
// entry, including the last one (the head records the last seq and hash).
AuditVerification verify_audit(Tx& tx);

} // namespace patronage::storage
