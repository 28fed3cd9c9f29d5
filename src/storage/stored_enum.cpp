#include "storage/stored_enum.hpp"

namespace patronage::storage {

CorruptValue::CorruptValue(std::string_view table, std::string_view column, std::string_view value)
    : std::runtime_error("corrupt stored value: " + std::string(table) + "." + std::string(column) +
                         " holds unknown value '" + std::string(value) + "'") {}

} // namespace patronage::storage
