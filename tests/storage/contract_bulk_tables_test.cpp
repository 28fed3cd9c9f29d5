// The bulk path's column lists (storage/bulk_tables.hpp) name columns the schema has, on both backends.
#include "storage/bulk.hpp"
#include "storage/bulk_tables.hpp"
#include "storage/storage_contract.hpp"

#include <stdexcept>

#include <soci/soci.h>

namespace patronage::testing {
namespace {

using BulkTablesContract = RepositoryContract;

TEST_P(BulkTablesContract, EveryListedColumnExists) {
  for (const auto& table : storage::bulk::tables()) {
    std::string names;
    for (const auto& column : table.columns) {
      names += (names.empty() ? "" : ", ") + column.substr(0, column.find(':'));
    }
    auto result = db().transact([&](storage::Tx& tx) -> util::Status {
      tx.sql() << "SELECT " + names + " FROM " + table.name + " WHERE 1 = 0";
      return {};
    });
    EXPECT_TRUE(result) << table.name << ": " << names;
  }
}

TEST_P(BulkTablesContract, AnUnknownTableHasNoColumns) {
  EXPECT_THROW((void)storage::bulk::columns_of("no_such_table"), std::out_of_range);
  EXPECT_EQ(storage::bulk::columns_of("units").front(), "id");
}

// Loader::within: rows go into the caller's transaction, in batches, between the caller's own statements, and
// share its fate: kept when it commits, gone when it rolls back.
TEST_P(BulkTablesContract, ALoaderWithinATransactionWritesIntoItAndSharesItsFate) {
  auto cache_size = [](storage::Tx& tx) {
    long long size = 0;
    if (tx.dialect().name() == "sqlite") {
      tx.sql() << "PRAGMA cache_size", soci::into(size);
    }
    return size;
  };
  auto load = [&](const std::string& prefix, bool commit) {
    return db().transact([&](storage::Tx& tx) -> util::Status {
      const auto cache_before = cache_size(tx);
      auto loader = storage::bulk::Loader::within(tx, {.batch_rows = 3, .cache_kib = 64 * 1024});
      if (tx.dialect().name() == "sqlite") {
        EXPECT_EQ(cache_size(tx), -64 * 1024) << "a large page cache while the load runs";
      }
      auto& keys = loader->table("person_keys");
      for (int i = 0; i < 7; ++i) {
        keys.add({"p-adult", prefix + std::to_string(i)});
      }
      // A statement of the caller's own between batches sees the rows written so far.
      int between = 0;
      const std::string pattern = prefix + "%";  // bound by reference: must outlive the statement
      tx.sql() << "SELECT COUNT(*) FROM person_keys WHERE match_key LIKE :p", soci::use(pattern), soci::into(between);
      EXPECT_EQ(between, 6);
      if (auto done = loader->finish(); !done) {
        return util::fail(done.error());
      }
      loader.reset();
      EXPECT_EQ(cache_size(tx), cache_before) << "the connection's own page cache again";
      if (!commit) {
        return util::fail(util::Error::conflict("test.rollback"));
      }
      return {};
    });
  };
  const auto kept_load = load("kept-", true);
  ASSERT_TRUE(kept_load) << kept_load.error().key << " "
                         << (kept_load.error().params.empty() ? "" : kept_load.error().params.front().second);
  ASSERT_FALSE(load("gone-", false));
  int kept = -1;
  int gone = -1;
  must(db(), [&](storage::Tx& tx) -> util::Status {
    tx.sql() << "SELECT COUNT(*) FROM person_keys WHERE match_key LIKE 'kept-%'", soci::into(kept);
    tx.sql() << "SELECT COUNT(*) FROM person_keys WHERE match_key LIKE 'gone-%'", soci::into(gone);
    return {};
  });
  EXPECT_EQ(kept, 7);
  EXPECT_EQ(gone, 0);
}

// A row the database refuses (here a key of an unknown person) fails finish() with the storage conflict, and the
// caller's transaction, failing with it, keeps nothing.
TEST_P(BulkTablesContract, ALoaderWithinATransactionReportsARefusedRow) {
  auto result = db().transact([&](storage::Tx& tx) -> util::Status {
    auto loader = storage::bulk::Loader::within(tx);
    loader->table("person_keys").add({"p-adult", "fine"});
    loader->table("person_keys").add({"no-such-person", "orphan"});
    return loader->finish();
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, util::ErrorCode::conflict);
  int rows = -1;
  must(db(), [&](storage::Tx& tx) -> util::Status {
    tx.sql() << "SELECT COUNT(*) FROM person_keys WHERE match_key = 'fine'", soci::into(rows);
    return {};
  });
  EXPECT_EQ(rows, 0);
}

// In key order (Options::in_key_order) each batch is sorted by the table's key before it is written: every row
// arrives whole, its columns still together.
TEST_P(BulkTablesContract, RowsWrittenInKeyOrderKeepTheirColumnsTogether) {
  EXPECT_EQ(storage::bulk::key_columns_of("search_terms"), 5U);
  EXPECT_EQ(storage::bulk::key_columns_of("persons"), 0U);
  auto person_of = [](int i) { return std::string(i % 2 == 0 ? "p-adult" : "p-child"); };
  auto field_of = [](int i) { return std::string(i % 3 == 0 ? "name" : "birth_date"); };
  must(db(), [&](storage::Tx& tx) -> util::Status {
    auto loader = storage::bulk::Loader::within(tx, {.batch_rows = 4, .in_key_order = true});
    auto& terms = loader->table("search_terms");
    for (int i = 9; i >= 0; --i) { // against the key's order
      terms.add({"d", "sorted" + std::to_string(i), "h", person_of(i), field_of(i)});
    }
    return loader->finish();
  });
  std::vector<std::string> rows;
  must(db(), [&](storage::Tx& tx) -> util::Status {
    soci::rowset<soci::row> found = (tx.sql().prepare << "SELECT term, person_id, field FROM search_terms "
                                                         "WHERE term LIKE 'sorted%' ORDER BY term");
    for (const auto& row : found) {
      rows.push_back(row.get<std::string>(0) + "|" + row.get<std::string>(1) + "|" + row.get<std::string>(2));
    }
    return {};
  });
  std::vector<std::string> expected;
  for (int i = 0; i < 10; ++i) {
    expected.push_back("sorted" + std::to_string(i) + "|" + person_of(i) + "|" + field_of(i));
  }
  EXPECT_EQ(rows, expected);
}

PATRONAGE_CONTRACT_BACKENDS(BulkTablesContract);

} // namespace
} // namespace patronage::testing
