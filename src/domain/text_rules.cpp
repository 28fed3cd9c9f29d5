#include "domain/text_rules.hpp"

namespace patronage::domain {

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

} // namespace patronage::domain
