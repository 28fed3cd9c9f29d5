// The per-connection cache of prepared statements behind SOCI's SQLite backend (storage/sqlite/statement_cache.hpp):
// a statement prepared again takes the idle one back, answers for its new bindings, is never handed out twice,
// and errors, schema changes and closing connections behave as without the cache. SQLite only.
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "storage/sqlite/statement_cache.hpp"
#include "support/test_db.hpp"

namespace patronage::testing {
namespace {

namespace sqlite_cache = storage::sqlite;

// Runs `work` in one write transaction of a fresh SQLite database with a table t(id INTEGER PRIMARY KEY, name).
class StatementCache : public ::testing::Test {
protected:
  void SetUp() override {
    storage::sqlite::enable_statement_cache(true);
    ASSERT_TRUE(m_db.db().transact([](storage::Tx& tx) -> util::Status {
      tx.sql() << "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";
      tx.sql() << "INSERT INTO t (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')";
      return {};
    }));
  }
  void TearDown() override { storage::sqlite::enable_statement_cache(true); }

  std::string name_of(int id) {
    std::string name;
    EXPECT_TRUE(m_db.db().transact([&](storage::Tx& tx) -> util::Status {
      tx.sql() << "SELECT name FROM t WHERE id = :id", soci::use(id), soci::into(name);
      return {};
    }));
    return name;
  }

  TestDatabase m_db{storage::Backend::sqlite, 1};
};

TEST_F(StatementCache, AStatementPreparedAgainIsTakenFromTheCacheAndAnswersForItsNewValues) {
  EXPECT_EQ(name_of(1), "one");
  const auto before = sqlite_cache::statement_cache_stats();
  EXPECT_EQ(name_of(2), "two");
  EXPECT_EQ(name_of(3), "three");
  const auto after = sqlite_cache::statement_cache_stats();
  EXPECT_GE(after.hits - before.hits, 2U);
}

TEST_F(StatementCache, AStatementInUseIsNotHandedOutAgain) {
  ASSERT_TRUE(m_db.db().transact([](storage::Tx& tx) -> util::Status {
    int outer_id = 0;
    soci::statement outer = (tx.sql().prepare << "SELECT id FROM t WHERE id >= :from ORDER BY id", soci::use(1),
                             soci::into(outer_id));
    outer.execute();
    std::string seen;
    while (outer.fetch()) {
      // The same text while the first is mid-way: a second statement, its own position and values.
      int inner_id = 0;
      soci::statement inner = (tx.sql().prepare << "SELECT id FROM t WHERE id >= :from ORDER BY id",
                               soci::use(3), soci::into(inner_id));
      inner.execute(true);
      seen += std::to_string(outer_id) + ":" + std::to_string(inner_id) + " ";
    }
    EXPECT_EQ(seen, "1:3 2:3 3:3 ");
    return {};
  }));
}

TEST_F(StatementCache, AStatementThatFailedIsNotKeptAndTheNextOneSucceeds) {
  const auto insert = [&](int id, const std::string& name) {
    return m_db.db().transact([&](storage::Tx& tx) -> util::Status {
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
}

TEST_F(StatementCache, AKeptStatementFollowsASchemaChange) {
  EXPECT_EQ(name_of(1), "one");
  ASSERT_TRUE(m_db.db().transact([](storage::Tx& tx) -> util::Status {
    tx.sql() << "ALTER TABLE t RENAME TO t_old";
    tx.sql() << "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";
    tx.sql() << "INSERT INTO t (id, name) VALUES (1, 'new one')";
    return {};
  }));
  EXPECT_EQ(name_of(1), "new one");
}

TEST_F(StatementCache, OffEveryPrepareCompiles) {
  EXPECT_EQ(name_of(1), "one");
  storage::sqlite::enable_statement_cache(false);
  const auto before = sqlite_cache::statement_cache_stats();
  EXPECT_EQ(name_of(2), "two");
  EXPECT_EQ(sqlite_cache::statement_cache_stats().hits, before.hits);
}

TEST(StatementCacheSession, TextWithASecondStatementIsNotKeptAndClosingFinalizesTheIdleOnes) {
  storage::sqlite::enable_statement_cache(true);
  soci::session sql("sqlite3", "db=:memory:");
  int value = 0;
  const auto start = sqlite_cache::statement_cache_stats();
  sql << "SELECT 1; SELECT 2", soci::into(value);
  sql << "SELECT 1; SELECT 2", soci::into(value);
  EXPECT_EQ(sqlite_cache::statement_cache_stats().hits, start.hits) << "a text with a tail is compiled every time";
  sql << "SELECT 3", soci::into(value);
  sql << "SELECT 3", soci::into(value);
  EXPECT_EQ(value, 3);
  EXPECT_EQ(sqlite_cache::statement_cache_stats().hits, start.hits + 1);
  const size_t idle_open = sqlite_cache::statement_cache_stats().idle;
  ASSERT_GE(idle_open, 1U);
  // sqlite3_close fails with SQLITE_BUSY while a statement is not finalized: the idle ones must be, first.
  sql.close();
  EXPECT_EQ(sqlite_cache::statement_cache_stats().idle, idle_open - 1);
}

} // namespace
} // namespace patronage::testing
