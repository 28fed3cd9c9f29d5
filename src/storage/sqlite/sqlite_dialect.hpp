#pragma once

#include <string>

#include "storage/dialect.hpp"

namespace patronage::storage::sqlite {

// Creates the SQLite file `path` empty with mode 0600 when it does not exist
// (":memory:" and "file:" URIs are left to SQLite).
void create_database_file(const std::string& path);

// Opens `sql` on the SQLite file `path` (created 0600 if absent).
void open_connection(soci::session& sql, const std::string& path);

class SqliteDialect final : public Dialect {
public:
  std::string_view name() const override { return "sqlite"; }
  void prepare_connection(soci::session& sql) const override;
  std::string_view begin_write() const override { return "BEGIN IMMEDIATE"; }
  std::string_view begin_read() const override { return "BEGIN"; }
  std::string_view lock_audit_head() const override {
    return "SELECT seq, hash, mac_from FROM audit_head WHERE id = 1";
  }
  bool audit_guard_intact(soci::session& sql) const override;
  std::vector<std::string> migration_extras(int version) const override;
  std::string_view table_exists_query() const override {
    return "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = :name";
  }
  std::string days_between(std::string_view from, std::string_view to) const override {
    return "CAST(julianday(" + std::string(to) + ") - julianday(" + std::string(from) + ") AS INTEGER)";
  }
  std::string date_of(std::string_view unix_seconds) const override {
    return "date(" + std::string(unix_seconds) + ", 'unixepoch')";
  }
  std::string distinct_list(std::string_view column) const override {
    return "group_concat(DISTINCT " + std::string(column) + ")"; // a comma is the separator of DISTINCT's form
  }
  std::string_view random_generation() const override { return "(random() & 4611686018427387903)"; }
  util::Error classify(const std::exception& e) const override;
  bool run_again(const std::exception& e) const override;
  bool connection_lost(soci::session& /*sql*/) const override { return false; }
};

} // namespace patronage::storage::sqlite
