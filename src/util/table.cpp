#include "util/table.hpp"

namespace patronage::util {

void write_tables(const std::vector<Table>& tables, TableSink& sink) {
  for (const auto& table : tables) {
    sink.begin(table.title, table.columns);
    for (const auto& cells : table.rows) {
      sink.row(cells);
    }
  }
  sink.finish();
}

} // namespace patronage::util
