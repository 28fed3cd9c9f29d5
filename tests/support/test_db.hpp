#pragma once

#include <memory>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::testing {

// The backends the contract tests run on: SQLite always, PostgreSQL when
// PATRONAGE_TEST_PG is set (scripts/with-postgres.sh sets it). Under CI=true a
// missing PostgreSQL fails the run instead of silently skipping it, unless
// PATRONAGE_TEST_BACKENDS=sqlite asks for SQLite alone (the ASan run does).
std::vector<storage::Backend> test_backends();
std::string backend_name(storage::Backend backend);

// A fresh, migrated, empty database of `backend`: a new SQLite file in a
// temp folder, or a new PostgreSQL schema, removed when the object dies.
class TestDatabase {
public:
  explicit TestDatabase(storage::Backend backend, size_t pool_size = 4);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  storage::Database& db() { return *m_db; }
  // The URL it was opened with ("sqlite:/tmp/..." or the PostgreSQL URL).
  const std::string& url() const { return m_url; }
  const std::string& schema() const { return m_schema; }

private:
  storage::Backend m_backend;
  std::string m_url;
  std::string m_schema;
  std::string m_folder;
  std::unique_ptr<storage::Database> m_db;
};

} // namespace patronage::testing
