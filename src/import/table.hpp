#pragma once

#include <string>
#include <vector>

namespace patronage::import {

// One cell as read: its text (UTF-8, as typed, not trimmed) and whether the file stored it as a number
// (an XLSX numeric cell; a date column's Excel serial is converted only then).
struct SourceCell {
  std::string text;
  bool number = false;
};

// A data row and where it was in the file: `row` is the 1-based line (CSV record) or sheet row number the
// operator sees in Excel, the header being row 1 in both.
struct SourceRow {
  int row = 0;
  std::vector<SourceCell> cells; // as many as the header has; missing cells are empty
};

// Every file reader returns this one shape: the header texts and the rows below it; rows that are empty in
// every cell are left out.
struct SourceTable {
  std::vector<std::string> header;
  std::vector<SourceRow> rows;
};

} // namespace patronage::import
