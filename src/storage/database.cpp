#include "storage/database.hpp"

#include <atomic>
#include <condition_variable>

#include <soci/soci.h>

#include "storage/audit_committer.hpp"
#include "storage/migrations.hpp"
#include "storage/postgres/postgres_dialect.hpp"
#include "storage/sqlite/sqlite_dialect.hpp"
#include "storage/write_hook.hpp"
#include "util/log.hpp"

namespace patronage::storage {

// SQLite has one writer at a time, and with synchronous=FULL each COMMIT costs
// an fsync. The write transactions of this process therefore run on one
// connection and commit in groups: each use case runs in its own SAVEPOINT
// inside a shared BEGIN IMMEDIATE, so its Error or exception undoes only its
// own changes; the member that finishes when no other writer is waiting to
// join (or the group is full) commits the group, one fsync for all. No member
// returns before that COMMIT, and if it fails every member fails: a use case
// is never reported done before it is durable. Writers queue on the mutex,
// not on SQLite's busy handler (which sleeps up to 100 ms between polls).
struct Database::Writer {
  static constexpr size_t k_max_group = 64;
  struct Group {
    size_t members = 0;
    bool broken = false;   // a member's failure left the transaction unusable
    bool finished = false; // committed or rolled back
    bool failed = false;
  };
  std::unique_ptr<soci::session> sql;
  std::mutex mutex;
  std::condition_variable finished;
  std::atomic<int> arriving{0};
  std::shared_ptr<Group> group; // the open group, if any
};

namespace {

thread_local bool t_in_grouped_write = false;

struct InWrite {
  InWrite() { t_in_grouped_write = true; }
  ~InWrite() { t_in_grouped_write = false; }
  InWrite(const InWrite&) = delete;
  InWrite& operator=(const InWrite&) = delete;
};

} // namespace

util::Result<std::unique_ptr<Database>> Database::open(std::string_view url_text, const DatabaseOptions& options) {
  auto url = parse_database_url(url_text);
  if (!url) {
    return util::fail(url.error());
  }
  std::unique_ptr<Dialect> dialect;
  if (url->backend == Backend::sqlite) {
    dialect = std::make_unique<sqlite::SqliteDialect>();
  } else {
    dialect = std::make_unique<postgres::PostgresDialect>(options.schema);
  }
  const size_t size = std::max<size_t>(options.pool_size, 1);
  auto pool = std::make_unique<soci::connection_pool>(size);
  try {
    for (size_t i = 0; i < size; ++i) {
      soci::session& sql = pool->at(i);
      if (url->backend == Backend::sqlite) {
        sqlite::open_connection(sql, url->target);
      } else {
        postgres::open_connection(sql, url->target);
      }
      dialect->prepare_connection(sql);
    }
  } catch (const std::exception& e) {
    util::log(util::LogLevel::error, "cannot open database", {{"backend", dialect->name()}, {"error", e.what()}});
    return util::fail(util::Error::unavailable("storage.cannot_open").with("reason", e.what()));
  }
  auto writer = std::make_unique<Writer>();
  if (url->backend == Backend::sqlite) {
    try {
      writer->sql = std::make_unique<soci::session>();
      sqlite::open_connection(*writer->sql, url->target);
      dialect->prepare_connection(*writer->sql);
    } catch (const std::exception& e) {
      util::log(util::LogLevel::error, "cannot open database", {{"backend", dialect->name()}, {"error", e.what()}});
      return util::fail(util::Error::unavailable("storage.cannot_open").with("reason", e.what()));
    }
  }
  std::unique_ptr<Database> db(new Database(std::move(*url), std::move(dialect), std::move(pool), size, options.audit));
  db->m_writer = std::move(writer);
  return db;
}

Database::Database(DatabaseUrl url, std::unique_ptr<Dialect> dialect, std::unique_ptr<soci::connection_pool> pool,
                   size_t pool_size, AuditSeal seal)
    : m_url(std::move(url)), m_seal(std::move(seal)), m_dialect(std::move(dialect)), m_pool(std::move(pool)), m_pool_size(pool_size) {}

Database::~Database() {
  set_write_hook(*this, {});
  set_commit_hook(*this, {});
  m_committer.reset();
  m_writer.reset();
}

AuditCommitter& Database::audit_committer() {
  std::call_once(m_committer_once, [this] { m_committer = std::make_unique<AuditCommitter>(*this); });
  return *m_committer;
}

util::Status Database::run_grouped(const std::function<bool(Tx&)>& work) {
  if (t_in_grouped_write) {
    // The writer connection is this thread's already: a nested write would wait for itself.
    util::log(util::LogLevel::error, "nested write transaction", {});
    return util::fail(util::Error::unavailable("storage.unavailable"));
  }
  Writer& w = *m_writer;
  ++w.arriving;
  std::unique_lock lock(w.mutex);
  --w.arriving;
  const InWrite in_write;
  soci::session& sql = *w.sql;
  if (!w.group) {
    try {
      sql << m_dialect->begin_write();
    } catch (const std::exception& e) {
      return util::fail(m_dialect->classify(e));
    }
    w.group = std::make_shared<Writer::Group>();
  }
  const std::shared_ptr<Writer::Group> group = w.group;
  // The first member has the transaction to itself (the others wait for the mutex): its failure rolls the whole
  // transaction back, so it takes no savepoint, whose journal would copy every page it changes once more (a bulk
  // import: its whole size, written to a temporary file).
  const bool alone = ++group->members == 1;
  std::optional<util::Error> own_error;
  bool ok = false;
  try {
    Tx tx(sql, *m_dialect, m_seal);
    if (!alone) {
      sql << "SAVEPOINT use_case";
    }
    ok = work(tx);
    if (ok) {
      run_write_hook(*this, tx); // inside the use case: its failure undoes this use case alone
    }
    if (!alone) {
      if (!ok) {
        sql << "ROLLBACK TO use_case";
      }
      sql << "RELEASE use_case";
    }
  } catch (const std::exception& e) {
    ok = false;
    own_error = m_dialect->classify(e);
    if (!alone) {
      try {
        // Fails when SQLite rolled back the whole transaction (I/O error, full disk).
        sql << "ROLLBACK TO use_case";
        sql << "RELEASE use_case";
      } catch (const std::exception& rollback_error) {
        util::log(util::LogLevel::error, "write group broken", {{"error", rollback_error.what()}});
        group->broken = true;
      }
    }
  }
  if (alone && !ok) {
    // Nothing but this use case is in the transaction: it ends here, and the next writer begins a new one.
    w.group.reset();
    try {
      sql << "ROLLBACK";
    } catch (const std::exception& rollback_error) {
      // Already rolled back by SQLite (I/O error, full disk).
      util::log(util::LogLevel::warn, "rollback failed", {{"error", rollback_error.what()}});
    }
    group->finished = true;
    w.finished.notify_all();
    if (own_error) {
      return util::fail(*own_error);
    }
    return {};
  }
  if (w.arriving.load() == 0 || group->members >= Writer::k_max_group || group->broken) {
    w.group.reset();
    try {
      sql << (group->broken ? "ROLLBACK" : "COMMIT");
      group->failed = group->broken;
    } catch (const std::exception& e) {
      util::log(util::LogLevel::error, "group commit failed", {{"error", e.what()}, {"members", group->members}});
      group->failed = true;
      try {
        sql << "ROLLBACK";
      } catch (const std::exception&) {
        // Already rolled back by SQLite.
      }
    }
    group->finished = true;
    w.finished.notify_all();
  } else {
    w.finished.wait(lock, [&] { return group->finished; });
  }
  if (own_error) {
    return util::fail(*own_error);
  }
  if (group->failed) {
    return util::fail(util::Error::unavailable("storage.unavailable"));
  }
  lock.unlock();
  if (ok) {
    run_commit_hook(*this);
  }
  return {};
}

namespace {

// A connection of the pool, leased for one transaction. The pooled session
// itself is used (not a soci::session(pool) proxy, which would keep a stale
// backend pointer after a failed reconnect).
class Lease {
public:
  explicit Lease(soci::connection_pool& pool) : m_pool(pool), m_position(pool.lease()) {}
  ~Lease() { m_pool.give_back(m_position); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  soci::session& session() { return m_pool.at(m_position); }

private:
  soci::connection_pool& m_pool;
  size_t m_position;
};

} // namespace

bool Database::reconnect(soci::session& sql) {
  try {
    sql.reconnect();
    m_dialect->prepare_connection(sql);
    util::log(util::LogLevel::info, "database connection re-established", {{"backend", m_dialect->name()}});
    return true;
  } catch (const std::exception& e) {
    util::log(util::LogLevel::warn, "database reconnect failed", {{"backend", m_dialect->name()}, {"error", e.what()}});
    return false;
  }
}

util::Status Database::run(const std::function<bool(Tx&)>& work, bool read_only) {
  if (!read_only && m_writer->sql) {
    return run_grouped(work);
  }
  Lease lease(*m_pool);
  soci::session& sql = lease.session();
  // A connection lost earlier (the server restarted or was unreachable) is
  // opened again before use, so the service recovers without a restart.
  if (m_dialect->connection_lost(sql) && !reconnect(sql)) {
    return util::fail(util::Error::unavailable("storage.unavailable"));
  }
  // A transaction the database aborted to break a deadlock or a serialization conflict with another is run again
  // from the start (PostgreSQL; the work is in the database alone, so nothing of the first attempt remains).
  constexpr int k_attempts = 5;
  for (int attempt = 1;; ++attempt) {
    Tx tx(sql, *m_dialect, m_seal);
    bool open = false;
    try {
      try {
        sql << (read_only ? m_dialect->begin_read() : m_dialect->begin_write());
      } catch (const std::exception&) {
        // A connection that broke while idle fails at BEGIN, before any work
        // ran: open it again and begin once more.
        if (!m_dialect->connection_lost(sql) || !reconnect(sql)) {
          throw;
        }
        sql << (read_only ? m_dialect->begin_read() : m_dialect->begin_write());
      }
      open = true;
      const bool ok = work(tx);
      if (ok && !read_only) {
        run_write_hook(*this, tx);
      }
      open = false;
      sql << (ok ? "COMMIT" : "ROLLBACK");
      if (ok && !read_only) {
        run_commit_hook(*this);
      }
      return {};
    } catch (const std::exception& e) {
      if (open) {
        try {
          sql << "ROLLBACK";
        } catch (const std::exception& rollback_error) {
          util::log(util::LogLevel::error, "rollback failed", {{"error", rollback_error.what()}});
        }
      }
      if (attempt < k_attempts && m_dialect->run_again(e)) {
        util::log(util::LogLevel::info, "transaction run again", {{"attempt", std::to_string(attempt + 1)}});
        continue;
      }
      return util::fail(m_dialect->classify(e));
    }
  }
}

util::Result<int> Database::schema_version() {
  return transact([&](Tx& tx) -> util::Result<int> {
    int exists = 0;
    const std::string table = "schema_migrations";
    tx.sql() << m_dialect->table_exists_query(), soci::use(table), soci::into(exists);
    if (exists == 0) {
      return 0;
    }
    int version = 0;
    soci::indicator ind = soci::i_ok;
    tx.sql() << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
    return ind == soci::i_ok ? version : 0;
  });
}

util::Result<int> Database::migrate() {
  auto boot = transact([&](Tx& tx) -> util::Result<int> {
    tx.sql() << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at BIGINT NOT NULL)";
    return 0;
  });
  if (!boot) {
    return boot;
  }
  int applied = 0;
  for (const Migration& migration : migrations()) {
    auto step = transact([&](Tx& tx) -> util::Result<int> {
      int done = 0;
      tx.sql() << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(migration.version),
          soci::into(done);
      if (done > 0) {
        return 0;
      }
      for (const std::string& statement : migration.statements) {
        tx.sql() << statement;
      }
      for (const std::string& statement : m_dialect->migration_extras(migration.version)) {
        tx.sql() << statement;
      }
      if (migration.backfill) {
        migration.backfill(tx);
      }
      const long long now =
          std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
              .count();
      tx.sql() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
          soci::use(migration.version), soci::use(migration.name), soci::use(now);
      util::log(util::LogLevel::info, "migration applied", {{"version", migration.version}, {"name", migration.name}});
      return 1;
    });
    if (!step) {
      return step;
    }
    applied += *step;
  }
  return applied;
}

} // namespace patronage::storage
