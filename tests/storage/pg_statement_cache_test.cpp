// The per-connection cache of prepared statements behind SOCI's PostgreSQL backend
// (storage/postgres/statement_cache.hpp): a statement run again is not prepared again and answers for its new
// values, one text may be in use twice at once, failures are not kept, schema changes, closing and resetting a
// connection behave as without the cache. PostgreSQL only (PATRONAGE_TEST_PG, set by scripts/with-postgres.sh).
#include "storage/postgres/postgres_dialect.hpp"
#include "storage/postgres/statement_cache.hpp"
#include "support/test_db.hpp"

#include <cstdlib>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <memory>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <string>

namespace patronage::testing {
namespace {

namespace pg_cache = storage::postgres;

std::string postgres_url() {
  const char* url = std::getenv("PATRONAGE_TEST_PG");
  return url == nullptr ? std::string() : std::string(url);
}

// A fresh PostgreSQL schema with a table t(id INTEGER PRIMARY KEY, name TEXT NOT NULL) of three rows, and the
// database of one connection on it.
class PgStatementCache : public ::testing::Test {
protected:
  void SetUp() override {
    if (postgres_url().empty()) {
      GTEST_SKIP() << "PATRONAGE_TEST_PG is not set";
    }
    storage::postgres::enable_statement_cache(true);
    m_db = std::make_unique<TestDatabase>(storage::Backend::postgres, 1);
    ASSERT_TRUE(m_db->db().transact([](storage::Tx& tx) -> util::Status {
      tx.sql() << "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";
      tx.sql() << "INSERT INTO t (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')";
      return {};
    }));
  }
  void TearDown() override { storage::postgres::enable_statement_cache(true); }

  // By a statement SOCI prepares (`prepare <<`: PQprepare, PQexecPrepared, DEALLOCATE).
  std::string name_of(int id) {
    std::string name;
    EXPECT_TRUE(m_db->db().transact([&](storage::Tx& tx) -> util::Status {
      soci::statement st = (tx.sql().prepare << "SELECT name FROM t WHERE id = :id", soci::use(id), soci::into(name));
      st.execute(true);
      return {};
    }));
    return name;
  }

  // A session of its own on the test schema, outside the database's pool.
  std::unique_ptr<soci::session> own_session() {
    auto sql = std::make_unique<soci::session>();
    storage::postgres::open_connection(*sql, postgres_url());
    *sql << "SET search_path TO \"" + m_db->schema() + "\"";
    return sql;
  }

  std::unique_ptr<TestDatabase> m_db;
};

TEST_F(PgStatementCache, AStatementRunAgainIsNotPreparedAgainAndAnswersForItsNewValues) {
  EXPECT_EQ(name_of(1), "one");
  const auto before = pg_cache::statement_cache_stats();
  EXPECT_EQ(name_of(2), "two");
  EXPECT_EQ(name_of(3), "three");
  const auto after = pg_cache::statement_cache_stats();
  EXPECT_GE(after.hits - before.hits, 2U);
  // The transactions' BEGIN and COMMIT are not statements to prepare: nothing was prepared the second time.
  EXPECT_EQ(after.prepares, before.prepares);
}

TEST_F(PgStatementCache, TheServerHoldsOnePreparedStatementPerTextAndNoneOfSocisNames) {
  auto sql = own_session();
  const auto count_prepared = [&] {
    int count = 0;
    *sql << "SELECT count(*)::integer FROM pg_prepared_statements", soci::into(count);
    return count;
  };
  std::string name;
  for (int id = 1; id <= 3; ++id) {
    *sql << "SELECT name FROM t WHERE id = :id", soci::use(id), soci::into(name);
  }
  const int prepared = count_prepared();
  for (int id = 1; id <= 3; ++id) {
    soci::statement st = (sql->prepare << "SELECT name FROM t WHERE id = :id", soci::use(id), soci::into(name));
    st.execute(true);
    *sql << "SELECT name FROM t WHERE id = :id", soci::use(id), soci::into(name);
  }
  EXPECT_EQ(name, "three");
  EXPECT_EQ(count_prepared(), prepared) << "the same texts again prepare nothing on the server";
  int ours = 0;
  *sql << "SELECT count(*)::integer FROM pg_prepared_statements WHERE name LIKE 'patronage_%' AND statement = "
          "'SELECT name FROM t WHERE id = $1'",
      soci::into(ours);
  EXPECT_EQ(ours, 1);
}

TEST_F(PgStatementCache, TwoStatementsOfTheSameTextInUseAtOnce) {
  ASSERT_TRUE(m_db->db().transact([](storage::Tx& tx) -> util::Status {
    int outer_id = 0;
    soci::statement outer =
        (tx.sql().prepare << "SELECT id FROM t WHERE id >= :from ORDER BY id", soci::use(1), soci::into(outer_id));
    outer.execute();
    std::string seen;
    while (outer.fetch()) {
      int inner_id = 0;
      soci::statement inner =
          (tx.sql().prepare << "SELECT id FROM t WHERE id >= :from ORDER BY id", soci::use(3), soci::into(inner_id));
      inner.execute(true);
      seen += std::to_string(outer_id) + ":" + std::to_string(inner_id) + " ";
    }
    EXPECT_EQ(seen, "1:3 2:3 3:3 ");
    // The outer statement runs again after the inner ones let go of the same prepared statement.
    int from = 2;
    soci::statement again =
        (tx.sql().prepare << "SELECT id FROM t WHERE id >= :from ORDER BY id", soci::use(from), soci::into(outer_id));
    again.execute(true);
    EXPECT_EQ(outer_id, 2);
    return {};
  }));
}

TEST_F(PgStatementCache, AStatementThatFailedIsNotKeptAndTheNextOneSucceeds) {
  const auto insert = [&](int id, const std::string& name) {
    return m_db->db().transact([&](storage::Tx& tx) -> util::Status {
      tx.sql() << "INSERT INTO t (id, name) VALUES (:id, :name)", soci::use(id), soci::use(name);
      return {};
    });
  };
  ASSERT_TRUE(insert(4, "four"));
  auto duplicate = insert(4, "again");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, util::ErrorCode::conflict);
  ASSERT_TRUE(insert(5, "five"));
  EXPECT_EQ(name_of(4), "four");
  EXPECT_EQ(name_of(5), "five");

  // A text the server cannot prepare: an error every time, and nothing kept.
  auto sql = own_session();
  const size_t kept = pg_cache::statement_cache_stats().kept;
  for (int round = 0; round < 2; ++round) {
    int value = 0;
    EXPECT_THROW((*sql << "SELECT no_such_column FROM t WHERE id = :id", soci::use(round), soci::into(value)),
                 soci::soci_error);
  }
  EXPECT_EQ(pg_cache::statement_cache_stats().kept, kept);
  std::string name;
  *sql << "SELECT name FROM t WHERE id = :id", soci::use(1), soci::into(name);
  EXPECT_EQ(name, "one");
}

TEST_F(PgStatementCache, AKeptStatementFollowsASchemaChange) {
  auto sql = own_session();
  int id = 0;
  std::string name;
  *sql << "SELECT * FROM t WHERE id = :id", soci::use(1), soci::into(id), soci::into(name);
  EXPECT_EQ(name, "one");
  // Another connection changes the table: the kept statement's result columns no longer match. Outside a
  // transaction block it is prepared again.
  {
    auto other = own_session();
    *other << "ALTER TABLE t ALTER COLUMN name TYPE VARCHAR(40)";
    *other << "UPDATE t SET name = 'new one' WHERE id = 1";
  }
  *sql << "SELECT * FROM t WHERE id = :id", soci::use(1), soci::into(id), soci::into(name);
  EXPECT_EQ(name, "new one");

  // Inside one, the transaction fails once and the next statement is prepared anew.
  {
    auto other = own_session();
    *other << "ALTER TABLE t ALTER COLUMN name TYPE TEXT";
  }
  {
    soci::transaction tx(*sql);
    EXPECT_THROW((*sql << "SELECT * FROM t WHERE id = :id", soci::use(2), soci::into(id), soci::into(name)),
                 soci::soci_error);
  }
  *sql << "SELECT * FROM t WHERE id = :id", soci::use(2), soci::into(id), soci::into(name);
  EXPECT_EQ(name, "two");

  // A schema change through the same connection forgets its statements before anything fails.
  *sql << "ALTER TABLE t ADD COLUMN extra INTEGER NOT NULL DEFAULT 7";
  int extra = 0;
  {
    soci::transaction tx(*sql);
    *sql << "SELECT * FROM t WHERE id = :id", soci::use(3), soci::into(id), soci::into(name), soci::into(extra);
    tx.commit();
  }
  EXPECT_EQ(name, "three");
  EXPECT_EQ(extra, 7);
}

TEST_F(PgStatementCache, OffEveryStatementGoesToTheServerAsSociSendsIt) {
  EXPECT_EQ(name_of(1), "one");
  storage::postgres::enable_statement_cache(false);
  const auto before = pg_cache::statement_cache_stats();
  EXPECT_EQ(name_of(2), "two");
  auto sql = own_session();
  std::string name;
  *sql << "SELECT name FROM t WHERE id = :id", soci::use(3), soci::into(name);
  EXPECT_EQ(name, "three");
  const auto after = pg_cache::statement_cache_stats();
  EXPECT_EQ(after.hits, before.hits);
  EXPECT_EQ(after.prepares, before.prepares);
  int ours = 0;
  *sql << "SELECT count(*)::integer FROM pg_prepared_statements", soci::into(ours);
  EXPECT_EQ(ours, 0);
}

TEST_F(PgStatementCache, ResettingOrClosingAConnectionForgetsItsStatements) {
  auto sql = own_session();
  std::string name;
  *sql << "SELECT name FROM t WHERE id = :id", soci::use(1), soci::into(name);
  *sql << "SELECT name FROM t WHERE id = :id", soci::use(2), soci::into(name);
  const size_t kept = pg_cache::statement_cache_stats().kept;
  ASSERT_GE(kept, 1U);

  // A reset connection has no prepared statement left on the server: the text is prepared again.
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql->get_backend());
  PQreset(backend->conn_);
  ASSERT_EQ(PQstatus(backend->conn_), CONNECTION_OK);
  EXPECT_EQ(pg_cache::statement_cache_stats().kept, kept - 1);
  *sql << "SET search_path TO \"" + m_db->schema() + "\"";
  const auto before = pg_cache::statement_cache_stats();
  *sql << "SELECT name FROM t WHERE id = :id", soci::use(3), soci::into(name);
  EXPECT_EQ(name, "three");
  EXPECT_EQ(pg_cache::statement_cache_stats().prepares, before.prepares + 1);

  sql->close();
  EXPECT_EQ(pg_cache::statement_cache_stats().kept, kept - 1);
}

} // namespace
} // namespace patronage::testing
