#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/config.hpp"
#include "util/error.hpp"

namespace patronage::cli {

// The audit key file of `config`: audit.key_file when set; else beside the
// SQLite database with the extension replaced ("sqlite:data/patronage.db" →
// "data/patronage.audit-key"); for PostgreSQL beside the config file, else
// "data/patronage.audit-key". The anchor file is this path + ".anchor".
std::string audit_key_path(const Config& config);

struct AuditKey {
  std::string bytes;    // 32 raw bytes
  bool created = false; // made by this call (first start)
};

// Reads the key at `path`, or creates it (folders too) with 32 random bytes and
// mode 0600 when absent. Fails with `invalid` ("audit.key_invalid") when the
// file is not exactly 32 bytes and `unavailable` ("audit.key_unreadable") when
// it cannot be read or written. Warns in the log when group or others may read it.
util::Result<AuditKey> load_or_create_audit_key(const std::string& path);

// The files that make up the database of `config` and its seal: the SQLite
// file with its -wal, -shm, -journal and .lock companions (none for
// PostgreSQL), the audit key and its anchor. Commands that write a file named
// by the operator refuse these (util::Error "cli.path_is_database").
std::vector<std::string> database_files(const Config& config);
util::Status refuse_database_file(const Config& config, const std::string& path);

// The server reads every file under the web root into memory and serves it:
// refuses (`invalid`, "cli.web_root_holds_data") a web root that contains any
// of database_files(), which would publish the database or the audit key (and
// opening and closing the live SQLite file drops the process's locks on it).
util::Status refuse_web_root_over_data(const Config& config);

// An exclusive flock(2) on "<database>.lock" beside a SQLite database, held
// while the object lives. `serve` holds it for its lifetime; `restore` and
// migrations of a served database need it. Not the database file itself: a
// POSIX lock on it would be dropped by any close() in the process.
class DatabaseLock {
public:
  // Takes the lock without waiting. Holds nothing for PostgreSQL and
  // ":memory:". Fails with `conflict` ("cli.database_in_use", naming the
  // database) when a server or a restore holds it, `unavailable` when the
  // lock file cannot be opened.
  static util::Result<DatabaseLock> take(const Config& config);
  DatabaseLock() = default;
  ~DatabaseLock();
  DatabaseLock(DatabaseLock&& other) noexcept;
  DatabaseLock& operator=(DatabaseLock&& other) noexcept;
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

private:
  int m_fd = -1;
};

// The lock file of a SQLite database, "" for PostgreSQL and ":memory:".
std::string lock_path(const Config& config);

} // namespace patronage::cli
