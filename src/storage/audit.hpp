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
  std::string prev_hash; // the link of the previous entry ("genesis" for the first)
  std::string hash;
  std::string mac; // "" for entries written without a key (before migration 10)

  // What the next entry chains to: the MAC when there is one, else the hash.
  const std::string& link() const { return mac.empty() ? hash : mac; }
};

// The chain hash of `entry` following `prev_hash`: SHA-256 over every field,
// each prefixed by its length so that no two entries encode alike. Anyone can
// recompute it; it only catches naive edits.
std::string audit_hash(const AuditEntry& entry, const std::string& prev_hash);

// The chain MAC of `entry` following `prev_hash`: HMAC-SHA256 under `key` (kept
// outside the database) over the same encoding. Without the key no entry can
// be forged, edited or re-chained.
std::string audit_mac(std::string_view key, const AuditEntry& entry, const std::string& prev_hash);

// Appends `entry` (seq, prev_hash, hash and, when the database has a key, mac
// are assigned here) inside `tx`, locking the chain head until commit so that
// appends are serialised. The first keyed append records its seq as the head's
// `mac_from`.
AuditEntry append_audit(Tx& tx, AuditEntry entry);

// Appends `entries` in order as one stretch of the chain (one head lock, one
// prepared insert), assigning their seq, prev_hash, hash and mac in place.
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
  long long bad_seq = 0;  // first entry that breaks the chain, 0 when ok
  std::string problem;    // see verify_audit
  long long mac_from = 0; // the first entry carrying a MAC; 0: none does
  long long anchored = 0; // the seq the anchor file vouches for; 0: no anchor checked
};

// Walks the whole chain, the head, the anchor file and the append-only
// triggers; stops at the first problem, in this order:
//  "gap"            an entry is missing (bad_seq: the missing seq);
//  "prev_mismatch"  an entry does not chain to the one before;
//  "hash_mismatch"  an entry's fields do not match its hash;
//  "key_missing"    an entry carries a MAC but this database has no key;
//  "mac_missing"    an entry from `mac_from` on has no MAC;
//  "mac_mismatch"   an entry's MAC is wrong (edited, forged, or another key);
//  "head_mismatch"  the head does not name the last entry;
//  "anchor_missing" the seal names an anchor file and it is absent;
//  "anchor_invalid" the anchor file is malformed or not signed with the key;
//  "anchor_mismatch" the chain does not contain the anchored entry (bad_seq:
//                   the anchored seq): the tail was cut or rewritten;
//  "guard_missing"  the append-only triggers were dropped, disabled or changed.
AuditVerification verify_audit(Tx& tx);

} // namespace patronage::storage
