#include "storage/sqlite/backup.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

#include <sqlite3.h>

#include "storage/sqlite/sqlite_dialect.hpp"
#include "util/files.hpp"

namespace patronage::storage::sqlite {
namespace {

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

util::Result<Handle> open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Handle handle(raw);
  if (rc != SQLITE_OK) {
    return util::fail(util::Error::unavailable("backup.cannot_open")
                          .with("path", path)
                          .with("reason", raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(raw, 10000);
  return handle;
}

util::Status copy(sqlite3* from, sqlite3* to) {
  sqlite3_backup* job = sqlite3_backup_init(to, "main", from, "main");
  if (job == nullptr) {
    return util::fail(util::Error::unavailable("backup.failed").with("reason", sqlite3_errmsg(to)));
  }
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(job, 1024);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_sleep(50);
    }
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(job);
  if (rc != SQLITE_DONE) {
    return util::fail(util::Error::unavailable("backup.failed").with("reason", sqlite3_errstr(rc)));
  }
  return {};
}

util::Status check_integrity(sqlite3* db, const std::string& path) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) != SQLITE_OK) {
    return util::fail(util::Error::invalid("backup.not_a_database").with("path", path));
  }
  std::string verdict;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    verdict = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  if (verdict != "ok") {
    return util::fail(util::Error::invalid("backup.not_a_database").with("path", path));
  }
  return {};
}

} // namespace

util::Status backup(const std::string& db_path, const std::string& destination) {
  if (std::filesystem::exists(destination)) {
    return util::fail(util::Error::conflict("backup.destination_exists").with("path", destination));
  }
  auto from = open(db_path, SQLITE_OPEN_READONLY);
  if (!from) {
    return util::fail(from.error());
  }
  // Created here with mode 0600 (and not over an existing file) before SQLite opens it.
  if (const int error = util::create_private_file(destination, false); error != 0) {
    return util::fail(error == EEXIST
                          ? util::Error::conflict("backup.destination_exists").with("path", destination)
                          : util::Error::unavailable("backup.cannot_open")
                                .with("path", destination)
                                .with("reason", std::strerror(error)));
  }
  auto to = open(destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!to) {
    return util::fail(to.error());
  }
  auto done = copy(from->get(), to->get());
  if (done) {
    sqlite3_exec(to->get(), "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  }
  return done;
}

util::Status restore(const std::string& source, const std::string& db_path) {
  if (!std::filesystem::exists(source)) {
    return util::fail(util::Error::not_found("backup.source_missing").with("path", source));
  }
  auto from = open(source, SQLITE_OPEN_READONLY);
  if (!from) {
    return util::fail(from.error());
  }
  if (auto ok = check_integrity(from->get(), source); !ok) {
    return ok;
  }
  create_database_file(db_path);
  auto to = open(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!to) {
    return util::fail(to.error());
  }
  return copy(from->get(), to->get());
}

} // namespace patronage::storage::sqlite
