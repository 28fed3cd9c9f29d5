#include "http/json_input.hpp"

#include <boost/json/parse.hpp>

namespace patronage::http {

util::Result<JsonInput> JsonInput::parse(const Request& request) {
  const auto content_type = request[boost::beast::http::field::content_type];
  if (!content_type.starts_with("application/json")) {
    return util::fail(util::Error::invalid("request.content_type"));
  }
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.allow_invalid_utf8 = false;
  auto value = boost::json::parse(request.body(), ec, {}, options);
  if (ec) {
    return util::fail(util::Error::invalid("request.malformed_json").with("reason", ec.message()));
  }
  if (!value.is_object()) {
    return util::fail(util::Error::invalid("request.not_object"));
  }
  return JsonInput(std::move(value.as_object()));
}

const boost::json::value* JsonInput::take(const std::string& key) {
  m_known.insert(key);
  const auto* value = m_object.if_contains(key);
  return value == nullptr || value->is_null() ? nullptr : value;
}

std::string JsonInput::required_string(const std::string& key, size_t max_length) {
  const size_t errors_before = m_errors.size();
  auto value = optional_string(key, max_length);
  if (m_errors.size() == errors_before && (!value || value->empty())) {
    add_error(key, "validation.required");
  }
  return value.value_or("");
}

std::optional<std::string> JsonInput::optional_string(const std::string& key, size_t max_length) {
  const auto* value = take(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_string()) {
    add_error(key, "validation.wrong_type");
    return std::nullopt;
  }
  std::string text(value->as_string());
  if (text.size() > max_length) {
    add_error(key, "validation.too_long");
  }
  return text;
}

std::optional<bool> JsonInput::optional_bool(const std::string& key) {
  const auto* value = take(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_bool()) {
    add_error(key, "validation.wrong_type");
    return std::nullopt;
  }
  return value->as_bool();
}

std::optional<long long> JsonInput::optional_int(const std::string& key) {
  const auto* value = take(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (value->is_int64()) {
    return value->as_int64();
  }
  if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<long long>(value->as_uint64());
  }
  add_error(key, "validation.wrong_type");
  return std::nullopt;
}

std::vector<std::string> JsonInput::string_list(const std::string& key, size_t max_items, size_t max_length) {
  const auto* value = take(key);
  std::vector<std::string> out;
  if (value == nullptr) {
    return out;
  }
  if (!value->is_array()) {
    add_error(key, "validation.wrong_type");
    return out;
  }
  const auto& array = value->as_array();
  if (array.size() > max_items) {
    add_error(key, "validation.too_long");
    return out;
  }
  for (size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string()) {
      add_error(key + "[" + std::to_string(i) + "]", "validation.wrong_type");
      continue;
    }
    if (array[i].as_string().size() > max_length) {
      add_error(key + "[" + std::to_string(i) + "]", "validation.too_long");
      continue;
    }
    out.emplace_back(array[i].as_string());
  }
  return out;
}

std::optional<JsonInput> JsonInput::optional_object(const std::string& key) {
  const auto* value = take(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_object()) {
    add_error(key, "validation.wrong_type");
    return std::nullopt;
  }
  return JsonInput(value->as_object(), m_prefix + key + ".");
}

std::vector<JsonInput> JsonInput::object_list(const std::string& key, size_t max_items) {
  const auto* value = take(key);
  std::vector<JsonInput> out;
  if (value == nullptr) {
    return out;
  }
  if (!value->is_array()) {
    add_error(key, "validation.wrong_type");
    return out;
  }
  const auto& array = value->as_array();
  if (array.size() > max_items) {
    add_error(key, "validation.too_long");
    return out;
  }
  for (size_t i = 0; i < array.size(); ++i) {
    const std::string item = key + "[" + std::to_string(i) + "]";
    if (!array[i].is_object()) {
      add_error(item, "validation.wrong_type");
      continue;
    }
    out.push_back(JsonInput(array[i].as_object(), m_prefix + item + "."));
  }
  return out;
}

std::optional<boost::json::value> JsonInput::raw(const std::string& key) {
  const auto* value = take(key);
  return value == nullptr ? std::nullopt : std::optional<boost::json::value>(*value);
}

bool JsonInput::contains(const std::string& key) const {
  const auto* value = m_object.if_contains(key);
  return value != nullptr && !value->is_null();
}

void JsonInput::merge(JsonInput& child) {
  for (const auto& [key, value] : child.m_object) {
    if (!child.m_known.contains(std::string(key))) {
      child.add_error(std::string(key), "validation.unknown_field");
    }
  }
  m_errors.insert(m_errors.end(), child.m_errors.begin(), child.m_errors.end());
  child.m_object.clear();
  child.m_errors.clear();
}

void JsonInput::add_error(std::string field, std::string reason) {
  m_errors.push_back({m_prefix + field, std::move(reason)});
}

util::Status JsonInput::finish() {
  for (const auto& [key, value] : m_object) {
    if (!m_known.contains(std::string(key))) {
      add_error(std::string(key), "validation.unknown_field");
    }
  }
  if (!m_errors.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(m_errors)));
  }
  return {};
}

} // namespace patronage::http
