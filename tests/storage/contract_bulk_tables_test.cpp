// The bulk path's column lists (storage/bulk_tables.hpp) name columns the schema has, on both backends.
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

PATRONAGE_CONTRACT_BACKENDS(BulkTablesContract);

} // namespace
} // namespace patronage::testing
