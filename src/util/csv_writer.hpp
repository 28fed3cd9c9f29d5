#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "util/table.hpp"

namespace patronage::util {

// Writes tables as CSV that Excel and LibreOffice open correctly: UTF-8 with a
// byte-order mark, comma separators, CRLF line ends and RFC 4180 quoting.
// Each table starts with a header row of column titles; the first table has no
// title line (a one-table export is a plain, importable CSV), every following
// table is preceded by a blank line and a line with its title.
// Text that a spreadsheet would run as a formula (starting with = + - @, a tab
// or a carriage return) gets a leading apostrophe. Dates are written as
// 'YYYY-MM-DD', numbers unformatted.
// `out` must outlive the writer; write errors throw std::runtime_error.
class CsvWriter : public TableSink {
public:
  explicit CsvWriter(std::ostream& out);

  void begin(const std::string& title, const std::vector<Column>& columns) override;
  void row(const std::vector<Cell>& cells) override;
  void finish() override;

  // Rows written so far, headers and titles not counted.
  [[nodiscard]] std::size_t rows() const { return m_rows; }

private:
  void field(std::string_view text, bool first);
  void end_line();
  void check();

  std::ostream& m_out;
  std::size_t m_tables = 0;
  std::size_t m_rows = 0;
};

// One field of a CSV line, quoted when it holds a comma, quote or line break.
std::string csv_quote(std::string_view text);

} // namespace patronage::util
