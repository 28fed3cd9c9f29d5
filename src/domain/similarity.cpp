#include "domain/similarity.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace patronage::domain {

// Optimal string alignment distance (a swap of two neighbours is one edit). It scores every pair of names, words
// and dates a duplicate check compares, so short strings (all names) keep their rows on the stack.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  constexpr std::size_t k_on_stack = 48;
  const std::size_t columns = b.size() + 1;
  std::array<std::size_t, 3 * k_on_stack> on_stack{};
  std::vector<std::size_t> on_heap;
  std::size_t* rows = on_stack.data();
  if (columns > k_on_stack) {
    on_heap.resize(3 * columns);
    rows = on_heap.data();
  }
  std::span<std::size_t> before_previous(rows, columns);
  std::span<std::size_t> previous(rows + columns, columns);
  std::span<std::size_t> current(rows + 2 * columns, columns);
  for (std::size_t j = 0; j < columns; ++j) {
    previous[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j < columns; ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before_previous[j - 2] + 1);
      }
    }
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

double similarity(std::string_view a, std::string_view b) {
  const std::size_t longer = std::max(a.size(), b.size());
  if (longer == 0) {
    return 1.0;
  }
  return 1.0 - static_cast<double>(edit_distance(a, b)) / static_cast<double>(longer);
}

} // namespace patronage::domain
