#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "import/table.hpp"
#include "util/error.hpp"

namespace patronage::import {

// The first sheet of an XLSX workbook (the bytes of the file), opened with libzip and parsed with pugixml: shared
// strings, inline strings, booleans and numbers (cell.number set; the text is the number as stored). The first
// non-empty row is the header. A merged header cell gives its text to every column of its span (Excel keeps the
// text only in the top-left cell), so "Член семьи" over three columns names all three. Fails
// "import.xlsx_invalid" for what is not a workbook or has no sheet, "import.file_empty" with no header.
util::Result<SourceTable> read_xlsx(std::string_view bytes);

// An Excel date serial (days since 1899-12-30, the 1900 leap-year bug included) as "YYYY-MM-DD"; std::nullopt
// when `text` is not a number in the range of real dates (1900-03-01 .. 9999-12-31).
std::optional<std::string> excel_serial_date(std::string_view text);

} // namespace patronage::import
