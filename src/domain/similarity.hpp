#pragma once

#include <cstddef>
#include <string_view>

namespace patronage::domain {

// The optimal-string-alignment (restricted Damerau–Levenshtein) distance between `a` and `b`, counted in bytes:
// the fewest insertions, deletions, substitutions and swaps of two adjacent bytes, no substring edited twice.
// Meant for the ASCII keys of name_key.hpp; O(|a|·|b|) time, O(|b|) memory.
std::size_t edit_distance(std::string_view a, std::string_view b);

// 1 − edit_distance / the longer length: 1 for equal strings (also both empty), 0 when nothing is shared.
double similarity(std::string_view a, std::string_view b);

} // namespace patronage::domain
