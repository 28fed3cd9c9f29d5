#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace patronage::util {

// "a,b,c" ↔ {"a","b","c"}; empty items are dropped. For short lists of
// codes and ids stored in one column (never free text).
std::string join(const std::vector<std::string>& items, char separator = ',');
std::vector<std::string> split(std::string_view text, char separator = ',');

// True when `text` is empty or only ASCII whitespace.
bool blank(std::string_view text);

// `text` with ASCII whitespace trimmed at both ends.
std::string trim(std::string_view text);

} // namespace patronage::util
