#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace soci {
class session;
}

namespace patronage::storage {

// What differs between the SQL backends. Everything else is one code path.
class Dialect {
public:
  virtual ~Dialect() = default;
  virtual std::string_view name() const = 0;
  // Run on every new connection (pragmas, search_path).
  virtual void prepare_connection(soci::session& sql) const = 0;
  // Starts a transaction that will write (SQLite takes the write lock up front).
  virtual std::string_view begin_write() const = 0;
  // Starts a transaction that only reads (SQLite: no write lock).
  virtual std::string_view begin_read() const = 0;
  // Selects "seq, hash, mac_from" of the audit chain head, locking it until commit.
  virtual std::string_view lock_audit_head() const = 0;
  // Whether the triggers that make audit_log append-only (migration 1) are in
  // place, enabled and unchanged. Throws the driver's exceptions.
  virtual bool audit_guard_intact(soci::session& sql) const = 0;
  // Extra DDL for migration `version`, run after the shared DDL.
  virtual std::vector<std::string> migration_extras(int version) const = 0;
  // Turns a driver exception into an Error: a constraint violation is a
  // `conflict`, a busy or lost database is `unavailable`.
  virtual util::Error classify(const std::exception& e) const = 0;
  // True when the database aborted the transaction only to break a deadlock or a serialization conflict with
  // another one: run again from the start, it succeeds (PostgreSQL's 40P01, 40001; never on SQLite).
  virtual bool run_again(const std::exception& e) const = 0;
  // True when `sql` is known to have lost its server (PostgreSQL restarted or
  // unreachable) and must be opened again; a local check, no round trip.
  virtual bool connection_lost(soci::session& sql) const = 0;
  // "Does this table exist" for the migrations table bootstrap.
  virtual std::string_view table_exists_query() const = 0;
  // SQL for the whole days from the date `from` to the date `to` (SQL expressions of 'YYYY-MM-DD' text), an
  // integer; negative when `to` is earlier. Reports use it for durations and response times.
  virtual std::string days_between(std::string_view from, std::string_view to) const = 0;
  // SQL for the UTC date 'YYYY-MM-DD' of the Unix-seconds SQL expression `unix_seconds`.
  virtual std::string date_of(std::string_view unix_seconds) const = 0;
  // SQL for the distinct values of the SQL expression `column` over a group, joined by commas in no particular
  // order; NULL for a group without any.
  virtual std::string distinct_list(std::string_view column) const = 0;
  // SQL for a random non-negative integer below 2^62: a new due-items mark's first generation (case_due.hpp), so
  // that a mark removed and made again does not come back at the generation a refresher read before.
  virtual std::string_view random_generation() const = 0;
};

} // namespace patronage::storage
