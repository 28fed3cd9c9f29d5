#include "storage/database.hpp"

#include <soci/soci.h>

#include "storage/migrations.hpp"
#include "storage/postgres/postgres_dialect.hpp"
#include "storage/sqlite/sqlite_dialect.hpp"
#include "util/log.hpp"

namespace patronage::storage {

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
  return std::unique_ptr<Database>(new Database(std::move(*url), std::move(dialect), std::move(pool), size));
}

Database::Database(DatabaseUrl url, std::unique_ptr<Dialect> dialect, std::unique_ptr<soci::connection_pool> pool,
                   size_t pool_size)
    : m_url(std::move(url)), m_dialect(std::move(dialect)), m_pool(std::move(pool)), m_pool_size(pool_size) {}

Database::~Database() = default;

util::Status Database::run(const std::function<bool(Tx&)>& work) {
  soci::session sql(*m_pool);
  Tx tx(sql, *m_dialect);
  bool open = false;
  try {
    sql << m_dialect->begin_write();
    open = true;
    const bool ok = work(tx);
    open = false;
    sql << (ok ? "COMMIT" : "ROLLBACK");
    return {};
  } catch (const std::exception& e) {
    if (open) {
      try {
        sql << "ROLLBACK";
      } catch (const std::exception& rollback_error) {
        util::log(util::LogLevel::error, "rollback failed", {{"error", rollback_error.what()}});
      }
    }
    return util::fail(m_dialect->classify(e));
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
