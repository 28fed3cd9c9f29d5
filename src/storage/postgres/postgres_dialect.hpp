#pragma once

#include <string>

#include "storage/dialect.hpp"

namespace patronage::storage::postgres {

// Opens `sql` with the libpq connection URI `uri`.
void open_connection(soci::session& sql, const std::string& uri);

class PostgresDialect final : public Dialect {
public:
  // `schema`: when not empty, created if absent and put first on search_path.
  explicit PostgresDialect(std::string schema) : m_schema(std::move(schema)) {}
  std::string_view name() const override { return "postgresql"; }
  void prepare_connection(soci::session& sql) const override;
  std::string_view begin_write() const override { return "BEGIN"; }
  std::string_view begin_read() const override { return "BEGIN READ ONLY"; }
  std::string_view lock_audit_head() const override {
    return "SELECT seq, hash, mac_from FROM audit_head WHERE id = 1 FOR UPDATE";
  }
  bool audit_guard_intact(soci::session& sql) const override;
  std::vector<std::string> migration_extras(int version) const override;
  std::string_view table_exists_query() const override {
    return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
           "AND table_name = :name";
  }
  std::string days_between(std::string_view from, std::string_view to) const override {
    return "(CAST(" + std::string(to) + " AS DATE) - CAST(" + std::string(from) + " AS DATE))";
  }
  std::string date_of(std::string_view unix_seconds) const override {
    return "to_char(to_timestamp(" + std::string(unix_seconds) + ") AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
  }
  std::string distinct_list(std::string_view column) const override {
    return "string_agg(DISTINCT " + std::string(column) + ", ',')";
  }
  std::string_view random_generation() const override { return "(random() * 4.6e18)::bigint"; }
  util::Error classify(const std::exception& e) const override;
  bool run_again(const std::exception& e) const override;
  bool connection_lost(soci::session& sql) const override;

private:
  std::string m_schema;
};

} // namespace patronage::storage::postgres
