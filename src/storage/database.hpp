#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "storage/database_url.hpp"
#include "storage/dialect.hpp"
#include "util/error.hpp"

namespace soci {
class connection_pool;
class session;
} // namespace soci

namespace patronage::storage {

struct AuditEntry;
class AuditCommitter;

// What makes the audit chain tamper-evident beyond the database (audit.hpp,
// audit_anchor.hpp). Both live outside the database, in files the caller owns.
struct AuditSeal {
  // The raw HMAC-SHA256 key of the chain. Empty: new entries get no MAC, only
  // the unkeyed hash (tests, benchmarks); the command line always sets one.
  std::string key;
  // The anchor file (the last seq and link known committed). Empty: none.
  std::string anchor;
};

struct DatabaseOptions {
  size_t pool_size = 8;
  // PostgreSQL only: a schema to create and use instead of "public" (tests).
  std::string schema;
  AuditSeal audit;
};

// A transaction in progress. Repository functions (users.hpp, audit.hpp, ...)
// take it; they throw the driver's exceptions, which Database::transact turns
// into Error values.
class Tx {
public:
  Tx(soci::session& sql, const Dialect& dialect, const AuditSeal& seal) : m_sql(sql), m_dialect(dialect), m_seal(seal) {}
  soci::session& sql() { return m_sql; }
  const Dialect& dialect() const { return m_dialect; }
  // The key and anchor of the audit chain of this database.
  const AuditSeal& audit_seal() const { return m_seal; }

  // Where app::audit puts entries instead of appending them (a read
  // transaction holds no write lock); nullptr: append in this transaction.
  std::vector<AuditEntry>* audit_sink() const { return m_audit_sink; }
  void defer_audit_to(std::vector<AuditEntry>* sink) { m_audit_sink = sink; }

private:
  soci::session& m_sql;
  const Dialect& m_dialect;
  const AuditSeal& m_seal;
  std::vector<AuditEntry>* m_audit_sink = nullptr;
};

// A pool of connections to one database. Thread-safe: every thread may call
// transact() at the same time; each call leases its own connection.
class Database {
public:
  // Opens the pool; does not migrate. Fails with `unavailable` when the
  // database cannot be reached or opened.
  static util::Result<std::unique_ptr<Database>> open(std::string_view url, const DatabaseOptions& options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Backend backend() const { return m_url.backend; }
  const DatabaseUrl& url() const { return m_url; }
  const AuditSeal& audit_seal() const { return m_seal; }

  // Applies every migration not yet applied, in order, each in its own
  // transaction. Returns the number applied.
  util::Result<int> migrate();
  // The highest applied migration, 0 for an empty database.
  util::Result<int> schema_version();

  // Runs `work` in ONE write transaction and commits only when it returns a
  // value; an Error or an exception rolls everything back. `work` returns
  // util::Result<T>. Returns only once the changes are durable. On SQLite the
  // write transactions of concurrent callers share one COMMIT (database.cpp);
  // a nested transact() on the same thread fails with `unavailable`.
  template <typename Work> auto transact(Work&& work) -> std::invoke_result_t<Work, Tx&> {
    using R = std::invoke_result_t<Work, Tx&>;
    R result = util::fail(util::Error::unavailable());
    auto status = run([&](Tx& tx) -> bool {
      result = work(tx);
      return result.has_value();
    });
    if (!status) {
      return util::fail(status.error());
    }
    return result;
  }

  // Runs `work` in ONE read transaction (SQLite: deferred BEGIN, so WAL
  // readers neither take nor wait for the write lock; PostgreSQL: READ ONLY).
  // `work` must not write; it returns util::Result<T>.
  template <typename Work> auto read(Work&& work) -> std::invoke_result_t<Work, Tx&> {
    using R = std::invoke_result_t<Work, Tx&>;
    R result = util::fail(util::Error::unavailable());
    auto status = run(
        [&](Tx& tx) -> bool {
          result = work(tx);
          return result.has_value();
        },
        true);
    if (!status) {
      return util::fail(status.error());
    }
    return result;
  }

  // The one committer of deferred audit entries (see audit_committer.hpp),
  // started on first use; thread-safe.
  AuditCommitter& audit_committer();

private:
  Database(DatabaseUrl url, std::unique_ptr<Dialect> dialect, std::unique_ptr<soci::connection_pool> pool,
           size_t pool_size, AuditSeal seal);
  util::Status run(const std::function<bool(Tx&)>& work, bool read_only = false);
  util::Status run_grouped(const std::function<bool(Tx&)>& work);
  // Opens a lost connection again (and prepares it); false when that fails.
  bool reconnect(soci::session& sql);

  DatabaseUrl m_url;
  AuditSeal m_seal;
  std::unique_ptr<Dialect> m_dialect;
  std::unique_ptr<soci::connection_pool> m_pool;
  size_t m_pool_size;
  // SQLite: the one writer connection and its group commit (database.cpp).
  struct Writer;
  std::unique_ptr<Writer> m_writer;
  std::once_flag m_committer_once;
  std::unique_ptr<AuditCommitter> m_committer; // declared last: stopped before the pool closes
};

} // namespace patronage::storage
