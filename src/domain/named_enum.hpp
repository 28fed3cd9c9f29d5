#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace patronage::domain {

// A fixed table of an enum's values and their stable wire names (API, database, reports).
template <typename E, std::size_t N> using NameTable = std::array<std::pair<E, std::string_view>, N>;

// The name of `value` in `table`; "unknown" for a value the table lacks.
template <typename E, std::size_t N> constexpr std::string_view name_of(const NameTable<E, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) {
      return name;
    }
  }
  return "unknown";
}

// The value named `text` in `table` (exact, case-sensitive match); std::nullopt for any other text.
template <typename E, std::size_t N>
constexpr std::optional<E> value_of(const NameTable<E, N>& table, std::string_view text) {
  for (const auto& [v, name] : table) {
    if (name == text) {
      return v;
    }
  }
  return std::nullopt;
}

} // namespace patronage::domain
