#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "util/time.hpp"

namespace patronage::storage {

// A stored enum column holds a value the code does not know (a hand edit, a restore of a newer version's data).
// Thrown while the row is read, so the use case fails loudly — Database::transact logs the message, which names
// the table, the column and the value, and answers `unavailable` — instead of taking the row for something else.
class CorruptValue : public std::runtime_error {
public:
  CorruptValue(std::string_view table, std::string_view column, std::string_view value);
};

// The value of `table`.`column` read from its stored wire name `text` by the domain's `parse`; CorruptValue when
// `parse` knows no such name. Storage reads every stored enum the app decides on through this, once.
template <typename E>
E stored_enum(std::optional<E> (*parse)(std::string_view), std::string_view table, std::string_view column,
              const std::string& text) {
  if (auto value = parse(text)) {
    return *value;
  }
  throw CorruptValue(table, column, text);
}

// The same for a nullable column: std::nullopt for NULL.
template <typename E>
std::optional<E> stored_enum(std::optional<E> (*parse)(std::string_view), std::string_view table,
                             std::string_view column, const std::optional<std::string>& text) {
  if (!text) {
    return std::nullopt;
  }
  return stored_enum(parse, table, column, *text);
}

// A required stored "YYYY-MM-DD" date of `table`.`column`; CorruptValue when it does not parse.
util::Date stored_date(std::string_view table, std::string_view column, const std::string& text);

// The wire name to store for an optional enum (to_string of the domain), std::nullopt for none.
template <typename E> std::optional<std::string> stored_name(const std::optional<E>& value) {
  if (!value) {
    return std::nullopt;
  }
  return std::string(to_string(*value));
}

} // namespace patronage::storage
