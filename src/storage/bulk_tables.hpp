#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace patronage::storage::bulk {

// The columns the bulk path writes into a table, in the order a Table's rows give their values; an integer column
// has the suffix ":int" (Loader::table). One home for these lists: the generator (bench/generate) and imports use
// them through Loader::table(name), and the storage contract suite checks every listed column exists on both
// backends. A column left out takes its default (e.g. the `seq` columns, migration 11).
struct TableColumns {
  std::string name;
  std::vector<std::string> columns;
};

// Every table the bulk path knows, parents before children.
const std::vector<TableColumns>& tables();

// The columns of `table`; throws std::out_of_range for a table not in tables().
const std::vector<std::string>& columns_of(std::string_view table);

// How many of the leading columns of `table` are its primary key on SQLite, where the table keeps its rows in that
// order (WITHOUT ROWID, migration 17): the tables an import writes several rows per person into; 0 for the others.
std::size_t key_columns_of(std::string_view table);

} // namespace patronage::storage::bulk
