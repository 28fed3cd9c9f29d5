#include "domain/text_rules.hpp"

namespace patronage::domain {

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

std::string full_name(std::string_view last, std::string_view first, std::string_view patronymic) {
  std::string out(last);
  for (const auto part : {first, patronymic}) {
    if (!part.empty()) {
      out.append(out.empty() ? "" : " ").append(part);
    }
  }
  return out;
}

} // namespace patronage::domain
