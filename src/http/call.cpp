#include "http/call.hpp"

namespace patronage::http {

std::string Call::param(const std::string& name) const {
  auto it = path_params.find(name);
  return it == path_params.end() ? std::string{} : it->second;
}

std::optional<std::string> Call::query_value(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() || it->second.empty() ? std::nullopt : std::optional<std::string>(it->second);
}

Lang language_of(std::string_view header) {
  // The first listed language wins; quality values are rarely used by browsers
  // for the first entry, so order is a good enough signal.
  while (!header.empty() && header.front() == ' ') {
    header.remove_prefix(1);
  }
  return header.starts_with("en") ? Lang::en : Lang::ru;
}

} // namespace patronage::http
