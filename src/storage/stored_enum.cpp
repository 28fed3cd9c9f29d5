#include "storage/stored_enum.hpp"

namespace patronage::storage {

CorruptValue::CorruptValue(std::string_view table, std::string_view column, std::string_view value)
    : std::runtime_error("corrupt stored value: " + std::string(table) + "." + std::string(column) +
                         " holds unknown value '" + std::string(value) + "'") {}

util::Date stored_date(std::string_view table, std::string_view column, const std::string& text) {
  if (auto date = util::parse_date(text)) {
    return *date;
  }
  throw CorruptValue(table, column, text);
}

} // namespace patronage::storage
