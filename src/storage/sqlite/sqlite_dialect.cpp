#include "storage/sqlite/sqlite_dialect.hpp"

#include <cstring>
#include <mutex>
#include <string_view>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/case_due.hpp"
#include "storage/case_report_facts.hpp"
#include "util/files.hpp"
#include "util/log.hpp"

namespace patronage::storage::sqlite {
namespace {

// A statement's journal (the pages it changes, kept to undo it alone) stays in memory up to this size; past SQLite's
// 64 KiB it became a temporary file for the rest of the transaction, and a bulk import wrote every row's pages to it.
// No more: SQLite 3.40 (Debian 12) copies the journal to its file a chunk of this size at a time, and its unix VFS
// writes at most 0x1ffff bytes at once (`seekAndWriteFd` masks the length): with 4 MiB every journal that outgrew
// memory failed as "database or disk is full" (a migration rebuilding a large table; contract_search_test.cpp).
constexpr int k_statement_journal_in_memory = 0x1ffff;

void configure_library_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Reads scale across threads only with memory statistics off (ARCHITECTURE.md).
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, k_statement_journal_in_memory);
  });
}

constexpr auto k_no_update = "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END";
constexpr auto k_no_delete = "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END";

// Migration 21: a change to an input of a case's stored due items removes its row and marks it (case_due.hpp);
// from migration 28 (`first_generation`: Dialect::random_generation) a new mark starts at a random generation and
// one already there counts up.
std::string mark_case_due(const CaseDueInput& input, const std::string& row, std::string_view first_generation) {
  const bool counted = !first_generation.empty();
  const std::string key = row + "." + input.key;
  const std::string generation = counted ? ", " + std::string(first_generation) : "";
  const std::string insert = counted ? "INSERT INTO case_due_dirty (case_id, generation) "
                                     : "INSERT OR IGNORE INTO case_due_dirty (case_id) ";
  const std::string count = counted ? " ON CONFLICT (case_id) DO UPDATE SET generation = generation + 1" : "";
  if (input.household) {
    return "DELETE FROM case_due WHERE case_id IN (SELECT id FROM cases WHERE household_id = " + key + "); " +
           insert + "SELECT id" + generation + " FROM cases WHERE household_id = " + key + count + ";";
  }
  return "DELETE FROM case_due WHERE case_id = " + key + "; " + insert + "VALUES (" + key + generation + ")" + count +
         ";";
}

// Migration 21's triggers; migration 28's (with `first_generation`) replace them.
std::vector<std::string> case_due_triggers(std::string_view first_generation) {
  const bool counted = !first_generation.empty();
  std::vector<std::string> out;
  for (const auto& input : case_due_inputs()) {
    const std::string name = std::string("case_due_") + input.table;
    const std::string table = input.table;
    if (counted) {
      for (const auto* event : {"_insert", "_update", "_delete"}) {
        out.push_back("DROP TRIGGER " + name + event);
      }
    }
    out.push_back("CREATE TRIGGER " + name + "_insert AFTER INSERT ON " + table + " BEGIN " +
                  mark_case_due(input, "NEW", first_generation) + " END");
    out.push_back("CREATE TRIGGER " + name + "_update AFTER UPDATE ON " + table + " BEGIN " +
                  mark_case_due(input, "OLD", first_generation) + " " +
                  mark_case_due(input, "NEW", first_generation) + " END");
    out.push_back("CREATE TRIGGER " + name + "_delete AFTER DELETE ON " + table + " BEGIN " +
                  mark_case_due(input, "OLD", first_generation) + " END");
  }
  return out;
}

// Migration 27: a change to an input of the households report's facts computes the rows of the cases it names again
// (case_report_facts.hpp). `row` is NEW or OLD.
std::string case_report_ids(const CaseReportInput& input, const std::string& row) {
  const std::string key = row + "." + input.key;
  if (std::string_view(input.kind) == "household") {
    return "SELECT id FROM cases WHERE household_id = " + key;
  }
  if (std::string_view(input.kind) == "plan") {
    return "SELECT case_id FROM plans WHERE id = " + key;
  }
  return "SELECT " + key;
}

std::vector<std::string> case_report_triggers(const Dialect& dialect) {
  const auto refresh = [&](const std::string& ids) { return case_report_facts_refresh(dialect, "IN (" + ids + ")"); };
  std::vector<std::string> out;
  for (const auto& input : case_report_inputs()) {
    const std::string name = std::string("case_report_facts_") + input.table;
    const std::string table = input.table;
    out.push_back("CREATE TRIGGER " + name + "_insert AFTER INSERT ON " + table + " BEGIN " +
                  refresh(case_report_ids(input, "NEW")) + "END");
    out.push_back("CREATE TRIGGER " + name + "_update AFTER UPDATE OF " + input.columns + " ON " + table + " BEGIN " +
                  refresh(case_report_ids(input, "OLD") + " UNION " + case_report_ids(input, "NEW")) + "END");
    out.push_back("CREATE TRIGGER " + name + "_delete AFTER DELETE ON " + table + " BEGIN " +
                  refresh(case_report_ids(input, "OLD")) + "END");
  }
  return out;
}

} // namespace

void create_database_file(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.starts_with("file:")) {
    return;
  }
  // SQLite gives the -wal and -shm files the mode of the database file.
  if (const int error = util::ensure_private_file(path); error != 0) {
    // SQLite reports why it cannot open the file; this only says why it was not made 0600.
    util::log(util::LogLevel::warn, "cannot create the database file", {{"error", std::strerror(error)}});
  }
}

void open_connection(soci::session& sql, const std::string& path) {
  configure_library_once();
  create_database_file(path);
  sql.open(soci::sqlite3, "db=\"" + path + "\" timeout=10");
}

void SqliteDialect::prepare_connection(soci::session& sql) const {
  // synchronous=FULL: an acknowledged write survives a power cut (SPEC §11).
  sql << "PRAGMA journal_mode = WAL";
  sql << "PRAGMA synchronous = FULL";
  sql << "PRAGMA foreign_keys = ON";
  sql << "PRAGMA busy_timeout = 10000";
}

std::vector<std::string> SqliteDialect::migration_extras(int version) const {
  if (version == 1) {
    return {k_no_update, k_no_delete};
  }
  if (version == 21) {
    return case_due_triggers("");
  }
  if (version == 28) {
    return case_due_triggers(random_generation());
  }
  if (version == 27) {
    return case_report_triggers(*this);
  }
  return {};
}

bool SqliteDialect::audit_guard_intact(soci::session& sql) const {
  // SQLite keeps the CREATE text as given, so an altered trigger shows.
  const std::string update_sql = k_no_update;
  const std::string delete_sql = k_no_delete;
  int intact = 0;
  sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log' AND "
         "((name = 'audit_log_no_update' AND sql = :u) OR (name = 'audit_log_no_delete' AND sql = :d))",
      soci::use(update_sql), soci::use(delete_sql), soci::into(intact);
  return intact == 2;
}

// One writer at a time: SQLite waits (busy_timeout) instead of aborting a transaction for another's sake.
bool SqliteDialect::run_again(const std::exception& /*e*/) const {
  return false;
}

util::Error SqliteDialect::classify(const std::exception& e) const {
  if (const auto* error = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    const int code = error->result() & 0xff;
    if (code == SQLITE_CONSTRAINT) {
      return util::Error::conflict("storage.constraint").with("reason", e.what());
    }
  }
  util::log(util::LogLevel::error, "database error", {{"backend", "sqlite"}, {"error", e.what()}});
  return util::Error::unavailable("storage.unavailable");
}

} // namespace patronage::storage::sqlite
