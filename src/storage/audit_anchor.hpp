#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "storage/database.hpp"
#include "util/error.hpp"

namespace patronage::storage {

// A point of the audit chain known committed, kept in a file outside the
// database (AuditSeal::anchor) so that cutting the chain's tail and moving
// audit_head back is detected: verify_audit fails unless the chain still holds
// entry `seq` with link `link`. The file carries an HMAC under the chain key,
// so it cannot be forged without the key.
struct AuditAnchor {
  long long seq = 0;
  std::string link = "genesis";
  long long mac_from = 0; // the head's mac_from when anchored

  bool operator==(const AuditAnchor&) const = default;
};

// The committed head of the chain as seen by `tx`.
AuditAnchor audit_chain_head(Tx& tx);

// Reads the anchor file `path`. Fails with `not_found` when it is absent and
// `invalid` ("audit.anchor_invalid") when it is malformed or its tag does not
// match `key`.
util::Result<AuditAnchor> read_audit_anchor(const std::string& path, std::string_view key);

// Replaces the anchor file `path` atomically: a temp file beside it (mode
// 0600), fsync, rename over it, fsync of the folder. Fails with `unavailable`.
util::Status write_audit_anchor(const std::string& path, std::string_view key, const AuditAnchor& anchor);

enum class AnchorMove {
  // Moves the anchor to the committed head only when the head extends the
  // anchored chain (same entry at the anchored seq, same mac_from); never back.
  // A missing anchor is recreated and an "audit.anchor_created" entry records
  // it in the chain.
  forward,
  // Sets the anchor to the committed head whatever it held (after a restore).
  reset,
};

// Moves the anchor of `db` (its AuditSeal) to its committed head. Does nothing
// when the seal has no key or no anchor. Fails with `conflict`
// ("audit.anchor_ahead", "audit.anchor_mismatch") or `invalid`
// ("audit.anchor_invalid") when moving forward would hide a cut or rewritten
// chain, leaving the file as it was for `audit verify` to report.
util::Status update_audit_anchor(Database& db, AnchorMove move = AnchorMove::forward);

// Keeps the anchor of `db` current while it lives: moves it forward at once,
// then at most once per `interval` when the head moved, and a last time on
// destruction (shutdown, end of a command). A refusal is logged once per kind.
class AuditAnchorKeeper {
public:
  explicit AuditAnchorKeeper(Database& db, std::chrono::milliseconds interval = std::chrono::seconds{1});
  ~AuditAnchorKeeper();
  AuditAnchorKeeper(const AuditAnchorKeeper&) = delete;
  AuditAnchorKeeper& operator=(const AuditAnchorKeeper&) = delete;

private:
  void update();
  void run();

  Database& m_db;
  std::chrono::milliseconds m_interval;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::string m_last_problem;
  std::thread m_thread; // last: starts after the members above exist
};

} // namespace patronage::storage
