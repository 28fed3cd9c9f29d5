#include "app/form_reader.hpp"

#include <algorithm>

#include <boost/json/array.hpp>

#include "util/strings.hpp"

namespace patronage::app {

FormReader::FormReader(const boost::json::value* value, std::string path, std::vector<util::FieldError>& errors)
    : m_path(std::move(path)), m_errors(&errors) {
  if (value != nullptr && value->is_object()) {
    m_input = value->as_object();
  } else {
    m_errors->push_back(
        {m_path, value == nullptr || value->is_null() ? "validation.required" : "validation.wrong_type"});
  }
}

const boost::json::value* FormReader::take(std::string_view key) {
  m_known.emplace_back(key);
  const auto* value = m_input.if_contains(key);
  return value == nullptr || value->is_null() ? nullptr : value;
}

void FormReader::error(std::string_view key, std::string reason) {
  m_errors->push_back({path_of(key), std::move(reason)});
}

std::string FormReader::text(std::string_view key, bool required, size_t max_length) {
  const auto* value = take(key);
  std::string text;
  if (value != nullptr && !value->is_string()) {
    error(key, "validation.wrong_type");
  } else if (value != nullptr) {
    text = std::string(value->as_string());
    if (text.size() > max_length) {
      error(key, "validation.too_long");
    } else if (const char* problem =
                   util::control_character_problem(text, max_length >= util::k_free_text_min_length)) {
      error(key, problem);
    }
  }
  if (required && text.empty() && (value == nullptr || value->is_string())) {
    error(key, "validation.required");
  }
  m_out[key] = text;
  return text;
}

std::string FormReader::secret_text(std::string_view key, size_t max_length) {
  const std::string value = text(key, false, max_length);
  m_out.erase(key);
  if (!value.empty()) {
    m_secret[key] = value;
  }
  return value;
}

std::string FormReader::choice(std::string_view key, std::initializer_list<std::string_view> allowed, bool required) {
  const auto* value = take(key);
  if (value == nullptr) {
    if (required) {
      error(key, "validation.required");
    }
    m_out[key] = nullptr;
    return "";
  }
  if (!value->is_string()) {
    error(key, "validation.wrong_type");
    return "";
  }
  const std::string text(value->as_string());
  if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
    error(key, "validation.choice_invalid");
    return "";
  }
  m_out[key] = text;
  return text;
}

std::optional<bool> FormReader::flag(std::string_view key) {
  const auto* value = take(key);
  m_out[key] = nullptr;
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_bool()) {
    error(key, "validation.wrong_type");
    return std::nullopt;
  }
  m_out[key] = value->as_bool();
  return value->as_bool();
}

std::optional<long long> FormReader::integer(std::string_view key, long long min, long long max, bool required) {
  const auto* value = take(key);
  m_out[key] = nullptr;
  if (value == nullptr) {
    if (required) {
      error(key, "validation.required");
    }
    return std::nullopt;
  }
  std::optional<long long> number;
  if (value->is_int64()) {
    number = value->as_int64();
  } else if (value->is_uint64()) {
    number =
        value->as_uint64() > static_cast<std::uint64_t>(max) ? max + 1 : static_cast<long long>(value->as_uint64());
  }
  if (!number) {
    error(key, "validation.wrong_type");
    return std::nullopt;
  }
  if (*number < min || *number > max) {
    error(key, "validation.out_of_range");
    return std::nullopt;
  }
  m_out[key] = *number;
  return number;
}

std::optional<double> FormReader::number(std::string_view key, double min, double max) {
  const auto* value = take(key);
  m_out[key] = nullptr;
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_number()) {
    error(key, "validation.wrong_type");
    return std::nullopt;
  }
  const double number = value->to_number<double>();
  if (number < min || number > max) {
    error(key, "validation.out_of_range");
    return std::nullopt;
  }
  m_out[key] = number;
  return number;
}

std::vector<std::string> FormReader::texts(std::string_view key, size_t max_items, size_t max_length) {
  const auto* value = take(key);
  std::vector<std::string> out;
  boost::json::array stored;
  if (value != nullptr && !value->is_array()) {
    error(key, "validation.wrong_type");
  } else if (value != nullptr && value->as_array().size() > max_items) {
    error(key, "validation.too_long");
  } else if (value != nullptr) {
    const auto& items = value->as_array();
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string item_key = std::string(key) + "[" + std::to_string(i) + "]";
      if (!items[i].is_string()) {
        error(item_key, "validation.wrong_type");
      } else if (items[i].as_string().size() > max_length) {
        error(item_key, "validation.too_long");
      } else if (const char* problem = util::control_character_problem(
                     items[i].as_string(), max_length >= util::k_free_text_min_length)) {
        error(item_key, problem);
      } else {
        out.emplace_back(items[i].as_string());
        stored.emplace_back(items[i].as_string());
      }
    }
  }
  m_out[key] = std::move(stored);
  return out;
}

std::optional<FormReader> FormReader::object(std::string_view key, bool required) {
  const auto* value = take(key);
  if (value == nullptr && !required) {
    m_out[key] = nullptr;
    return std::nullopt;
  }
  FormReader child(value, path_of(key), *m_errors);
  if (value == nullptr || !value->is_object()) {
    return std::nullopt;
  }
  return child;
}

std::vector<FormReader> FormReader::objects(std::string_view key, size_t max_items, bool required) {
  const auto* value = take(key);
  std::vector<FormReader> out;
  m_out[key] = boost::json::array{};
  if (value == nullptr) {
    if (required) {
      error(key, "validation.required");
    }
    return out;
  }
  if (!value->is_array()) {
    error(key, "validation.wrong_type");
    return out;
  }
  const auto& items = value->as_array();
  if (items.size() > max_items) {
    error(key, "validation.too_long");
    return out;
  }
  if (required && items.empty()) {
    error(key, "validation.required");
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string item_path = path_of(key) + "[" + std::to_string(i) + "]";
    if (!items[i].is_object()) {
      m_errors->push_back({item_path, "validation.wrong_type"});
      continue;
    }
    out.emplace_back(&items[i], item_path, *m_errors);
  }
  return out;
}

void FormReader::adopt(std::string_view key, FormReader& child) {
  child.finish();
  m_out[key] = std::move(child.m_out);
  if (!child.m_secret.empty()) {
    m_secret[key] = std::move(child.m_secret);
  }
}

void FormReader::adopt(std::string_view key, std::vector<FormReader>& children) {
  boost::json::array items;
  boost::json::array secrets;
  bool any_secret = false;
  for (auto& child : children) {
    child.finish();
    items.emplace_back(std::move(child.m_out));
    any_secret = any_secret || !child.m_secret.empty();
    secrets.emplace_back(std::move(child.m_secret));
  }
  m_out[key] = std::move(items);
  if (any_secret) {
    m_secret[key] = std::move(secrets);
  }
}

void FormReader::finish() {
  if (m_finished) {
    return;
  }
  m_finished = true;
  for (const auto& [key, value] : m_input) {
    if (std::find(m_known.begin(), m_known.end(), std::string_view(key)) == m_known.end()) {
      error(key, "validation.unknown_field");
    }
  }
}

} // namespace patronage::app
