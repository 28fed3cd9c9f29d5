#pragma once

#include <string>
#include <string_view>

namespace patronage::domain {

// True when `text` is empty or holds only ASCII whitespace: a required free-text field left unfilled.
bool is_blank(std::string_view text);

// A person's name as shown: "Last First Patronymic", the empty parts left out.
std::string full_name(std::string_view last, std::string_view first, std::string_view patronymic);

} // namespace patronage::domain
