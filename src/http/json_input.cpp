#include "http/json_input.hpp"

#include <climits>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>

#include "util/strings.hpp"

namespace patronage::http {
namespace {

using boost::json::string_view;
using boost::system::error_code;

// Counts the values of a JSON text without building anything, so that a body
// of very many small values is refused before it becomes a tree many times
// its size (the parser itself enforces the depth).
class ValueCounter {
public:
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  bool too_many() const { return m_values > k_max_json_values; }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code& ec) { return count(ec); }
  bool on_array_end(std::size_t, error_code&) { return true; }
  bool on_object_begin(error_code& ec) { return count(ec); }
  bool on_object_end(std::size_t, error_code&) { return true; }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code& ec) { return count(ec); }
  bool on_key_part(string_view, std::size_t, error_code&) { return true; }
  bool on_key(string_view, std::size_t, error_code&) { return true; }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code& ec) { return count(ec); }
  bool on_uint64(std::uint64_t, string_view, error_code& ec) { return count(ec); }
  bool on_double(double, string_view, error_code& ec) { return count(ec); }
  bool on_bool(bool, error_code& ec) { return count(ec); }
  bool on_null(error_code& ec) { return count(ec); }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }

private:
  bool count(error_code& ec) {
    if (++m_values > k_max_json_values) {
      ec = boost::json::error::exception; // stops the parser; too_many() tells why
      return false;
    }
    return true;
  }

  std::size_t m_values = 0;
};

util::Error too_complex() {
  return util::Error::too_large("request.body_too_complex")
      .with("max_depth", std::to_string(k_max_json_depth))
      .with("max_values", std::to_string(k_max_json_values));
}

} // namespace

util::Result<JsonInput> JsonInput::parse(const Request& request) {
  const auto content_type = request[boost::beast::http::field::content_type];
  if (!content_type.starts_with("application/json")) {
    return util::fail(util::Error::invalid("request.content_type"));
  }
  boost::json::parse_options options;
  options.allow_invalid_utf8 = false;
  options.max_depth = k_max_json_depth;
  error_code ec;
  {
    boost::json::basic_parser<ValueCounter> counter(options);
    counter.write_some(false, request.body().data(), request.body().size(), ec);
    if (counter.handler().too_many() || ec == boost::json::error::too_deep) {
      return util::fail(too_complex());
    }
    if (ec) {
      return util::fail(util::Error::invalid("request.malformed_json").with("reason", ec.message()));
    }
  }
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
  } else if (const char* problem = util::control_character_problem(text, max_length >= util::k_free_text_min_length)) {
    add_error(key, problem);
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

long long JsonInput::required_int(const std::string& key) {
  const size_t errors_before = m_errors.size();
  const auto value = optional_int(key);
  if (!value && m_errors.size() == errors_before) {
    add_error(key, "validation.required");
  }
  return value.value_or(0);
}

int JsonInput::required_version() {
  const auto version = optional_int("version");
  if (!version) {
    add_error("version", "validation.required");
    return 0;
  }
  if (*version < 1 || *version > INT_MAX) {
    add_error("version", "validation.wrong_type");
    return 0;
  }
  return static_cast<int>(*version);
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

const boost::json::array* JsonInput::take_array(const std::string& key, size_t max_items) {
  const auto* value = take(key);
  if (value == nullptr) {
    return nullptr;
  }
  if (!value->is_array()) {
    add_error(key, "validation.wrong_type");
    return nullptr;
  }
  if (value->as_array().size() > max_items) {
    add_error(key, "validation.too_long");
    return nullptr;
  }
  return &value->as_array();
}

std::vector<std::string> JsonInput::string_list(const std::string& key, size_t max_items, size_t max_length) {
  std::vector<std::string> out;
  const auto* list = take_array(key, max_items);
  if (list == nullptr) {
    return out;
  }
  const auto& array = *list;
  for (size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string()) {
      add_error(key + "[" + std::to_string(i) + "]", "validation.wrong_type");
      continue;
    }
    if (array[i].as_string().size() > max_length) {
      add_error(key + "[" + std::to_string(i) + "]", "validation.too_long");
      continue;
    }
    if (const char* problem =
            util::control_character_problem(array[i].as_string(), max_length >= util::k_free_text_min_length)) {
      add_error(key + "[" + std::to_string(i) + "]", problem);
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
  std::vector<JsonInput> out;
  const auto* list = take_array(key, max_items);
  if (list == nullptr) {
    return out;
  }
  const auto& array = *list;
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
