#include "support/problems.hpp"

#include <boost/json.hpp>

namespace patronage::testing {

std::string problem_uri(const std::string& key) { return "urn:patronage:problem:" + key; }

std::string type_of(const HttpResult& result) {
  const auto& json = result.json();
  return json.is_object() && json.as_object().contains("type") ? std::string(json.at("type").as_string())
                                                                : result.body;
}

std::vector<std::string> fields_of(const HttpResult& result) {
  std::vector<std::string> out;
  const auto& json = result.json();
  if (json.is_object() && json.as_object().contains("errors")) {
    for (const auto& error : json.at("errors").as_array()) {
      out.emplace_back(error.at("field").as_string());
    }
  }
  return out;
}

} // namespace patronage::testing
