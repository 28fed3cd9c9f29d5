#include "import/source.hpp"

#include "import/csv_reader.hpp"
#include "import/xlsx_reader.hpp"

namespace patronage::import {

util::Result<SourceTable> read_table(std::string_view bytes) {
  if (bytes.starts_with(std::string_view("PK\x03\x04", 4))) {
    return read_xlsx(bytes);
  }
  return read_csv(bytes);
}

} // namespace patronage::import
