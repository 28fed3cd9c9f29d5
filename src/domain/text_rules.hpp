#pragma once

#include <string_view>

namespace patronage::domain {

// True when `text` is empty or holds only ASCII whitespace: a required free-text field left unfilled.
bool is_blank(std::string_view text);

} // namespace patronage::domain
