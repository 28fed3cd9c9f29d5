#pragma once

#include <string>
#include <string_view>

#include "import/table.hpp"
#include "util/error.hpp"

namespace patronage::import {

// The text of `bytes` as UTF-8: without a UTF-8 BOM, unchanged when it is valid UTF-8, otherwise converted from
// Windows-1251 (ICU), the encoding of Excel's "CSV" on Russian Windows.
std::string to_utf8(std::string_view bytes);

// `;` when the header line (outside quotes) has more semicolons than commas, else `,`.
char detect_delimiter(std::string_view text);

// A CSV file (RFC 4180: quoted fields with "" for a quote and line breaks inside quotes; CRLF or LF) in UTF-8
// (with or without BOM) or Windows-1251, `;` or `,` as detected. The first record is the header. Fails
// "import.file_empty" when there is no header; never on a ragged row (missing cells are empty, extra cells
// beyond the header are dropped). A leading apostrophe before = + - @ (what util::CsvWriter and Excel add against
// formula injection) is dropped, so an export reads back as written.
util::Result<SourceTable> read_csv(std::string_view bytes);

} // namespace patronage::import
