#pragma once

#include <string_view>

#include "import/table.hpp"
#include "util/error.hpp"

namespace patronage::import {

// A file's bytes as a table: an XLSX workbook when they start as a zip archive does, else CSV.
util::Result<SourceTable> read_table(std::string_view bytes);

} // namespace patronage::import
