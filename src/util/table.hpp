#pragma once

#include <string>
#include <variant>
#include <vector>

namespace patronage::util {

// A calendar date kept as 'YYYY-MM-DD'; writers that know dates (XLSX) store it as a date.
struct IsoDate {
  std::string value;
};

// One value of a row: empty, text, a whole number, a decimal or a date.
using Cell = std::variant<std::monostate, std::string, long long, double, IsoDate>;

// `key` is stable (JSON field, message key suffix); `title` is already translated for the reader.
struct Column {
  std::string key;
  std::string title;
  double width = 14; // in characters, for XLSX
};

// A named table of rows, the common shape of every report section and every list export.
struct Table {
  std::string name; // stable key, e.g. "households_by_state"
  std::string title;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
};

// Receives tables row by row, so a large export never holds all rows in memory.
// Call begin() once per table, row() for each row, and finish() once at the end.
// Writers throw std::runtime_error when the output cannot be written.
class TableSink {
public:
  virtual ~TableSink() = default;
  virtual void begin(const std::string& title, const std::vector<Column>& columns) = 0;
  virtual void row(const std::vector<Cell>& cells) = 0;
  virtual void finish() = 0;
};

// Feeds whole tables to `sink` and finishes it.
void write_tables(const std::vector<Table>& tables, TableSink& sink);

} // namespace patronage::util
