#include "support/test_db.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <soci/soci.h>
#include <soci/postgresql/soci-postgresql.h>

#include "util/crypto.hpp"

namespace patronage::testing {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string{} : std::string(value);
}

} // namespace

std::vector<storage::Backend> test_backends() {
  std::vector<storage::Backend> out{storage::Backend::sqlite};
  if (env("PATRONAGE_TEST_BACKENDS") == "sqlite") {
    return out;
  }
  if (!env("PATRONAGE_TEST_PG").empty()) {
    out.push_back(storage::Backend::postgres);
  } else if (env("CI") == "true") {
    throw std::runtime_error("CI=true but PATRONAGE_TEST_PG is not set: run the tests through scripts/with-postgres.sh");
  }
  return out;
}

std::string backend_name(storage::Backend backend) {
  return backend == storage::Backend::sqlite ? "sqlite" : "postgres";
}

TestDatabase::TestDatabase(storage::Backend backend, size_t pool_size) : m_backend(backend) {
  storage::DatabaseOptions options;
  options.pool_size = pool_size;
  if (backend == storage::Backend::sqlite) {
    m_folder = (std::filesystem::temp_directory_path() / ("patronage-test-" + util::random_id())).string();
    std::filesystem::create_directories(m_folder);
    m_url = "sqlite:" + m_folder + "/test.db";
  } else {
    m_url = env("PATRONAGE_TEST_PG");
    m_schema = "t_" + util::random_id();
    options.schema = m_schema;
  }
  auto db = storage::Database::open(m_url, options);
  if (!db) {
    throw std::runtime_error("cannot open test database " + m_url);
  }
  m_db = std::move(*db);
  if (!m_db->migrate()) {
    throw std::runtime_error("cannot migrate test database " + m_url);
  }
}

TestDatabase::~TestDatabase() {
  m_db.reset();
  if (m_backend == storage::Backend::sqlite) {
    std::error_code ec;
    std::filesystem::remove_all(m_folder, ec);
  } else {
    try {
      soci::session sql(soci::postgresql, m_url);
      sql << "DROP SCHEMA \"" + m_schema + "\" CASCADE";
    } catch (const std::exception&) {
      // A leftover schema in a throwaway server is harmless.
    }
  }
}

} // namespace patronage::testing
