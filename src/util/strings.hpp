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

// Input fields allowed at least this many bytes are free text (notes, reasons);
// shorter ones (names, logins, codes, addresses) are single-line.
inline constexpr size_t k_free_text_min_length = 1000;

// The message key of the rule `text` breaks by its control characters, or
// nullptr: NUL and the other C0 characters (below 0x20) are never allowed,
// except that free text may hold tab, LF and CR
// ("validation.control_character"); a single-line text holds none of them
// ("validation.not_single_line" for tab, LF or CR).
const char* control_character_problem(std::string_view text, bool free_text);

} // namespace patronage::util
