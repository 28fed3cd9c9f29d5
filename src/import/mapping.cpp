#include "import/mapping.hpp"

#include <algorithm>

#include <toml++/toml.h>

#include "domain/name_key.hpp"
#include "util/strings.hpp"

namespace patronage::import {
namespace {

constexpr std::array<std::string_view, k_fields.size()> k_codes{
    "household",  "unit",       "address", "phone", "categories",     "notes", "registered_on", "last_name",
    "first_name", "patronymic", "birth_date", "sex", "household_role", "snils", "person_phone",
    "case_state", "case_lead", "case_opened_on", "case_state_since", "case_grounds"};

std::string header_key(std::string_view text) { return domain::fold_case(util::trim(std::string(text))); }

util::Error invalid_mapping(const std::string& reason) {
  return util::Error::invalid("import.mapping_invalid").with("reason", reason);
}

} // namespace

std::string_view field_code(Field field) { return k_codes[static_cast<std::size_t>(field)]; }

std::optional<Field> parse_field(std::string_view code) {
  for (const auto field : k_fields) {
    if (field_code(field) == code) {
      return field;
    }
  }
  return std::nullopt;
}

std::string field_title_key(Field field) {
  return (field == Field::household || is_case_field(field) ? "import.field." : "export.column.") +
         std::string(field_code(field));
}

bool is_person_field(Field field) { return field >= Field::last_name && field <= Field::person_phone; }

bool is_case_field(Field field) { return field >= Field::case_state; }

Mapping default_mapping(const Texts& texts) {
  Mapping mapping;
  for (const auto field : k_fields) {
    auto& headers = mapping.headers[field];
    auto add = [&](const std::string& key) {
      for (auto& text : texts(key)) {
        headers.push_back(std::move(text));
      }
    };
    add(field_title_key(field));
    if (field == Field::household) {
      add("export.column.id"); // what `export households` calls it
    }
    headers.emplace_back(field_code(field));
  }
  return mapping;
}

util::Result<Mapping> parse_mapping(std::string_view text, Mapping base) {
  toml::table table;
  try {
    table = toml::parse(text);
  } catch (const toml::parse_error& e) {
    return util::fail(invalid_mapping(std::string(e.description())));
  }
  if (const auto* columns = table["columns"].as_table()) {
    for (const auto& [key, value] : *columns) {
      const auto field = parse_field(key.str());
      if (!field) {
        return util::fail(invalid_mapping("unknown field " + std::string(key.str())));
      }
      std::vector<std::string> headers;
      if (const auto* one = value.as_string()) {
        headers.push_back(one->get());
      } else if (const auto* many = value.as_array()) {
        for (const auto& item : *many) {
          if (!item.is_string()) {
            return util::fail(invalid_mapping(std::string(key.str()) + ": headers are text"));
          }
          headers.push_back(item.as_string()->get());
        }
      } else {
        return util::fail(invalid_mapping(std::string(key.str()) + ": headers are text"));
      }
      base.headers[*field] = std::move(headers);
    }
  }
  if (const auto* categories = table["categories"].as_table()) {
    for (const auto& [key, value] : *categories) {
      if (!value.is_string()) {
        return util::fail(invalid_mapping("categories." + std::string(key.str()) + ": a code is text"));
      }
      base.categories[header_key(key.str())] = value.as_string()->get();
    }
  }
  return base;
}

util::Result<Columns> resolve_columns(const Mapping& mapping, const std::vector<std::string>& header) {
  Columns columns;
  for (const auto& [field, names] : mapping.headers) {
    for (std::size_t i = 0; i < header.size() && !columns.contains(field); ++i) {
      const auto key = header_key(header[i]);
      for (const auto& name : names) {
        if (!key.empty() && key == header_key(name)) {
          columns[field] = i;
          break;
        }
      }
    }
  }
  std::vector<Field> required{Field::address};
  const bool persons = std::any_of(columns.begin(), columns.end(), [](const auto& c) { return is_person_field(c.first); });
  if (persons) {
    required.push_back(Field::last_name);
    required.push_back(Field::first_name);
  }
  std::string missing;
  for (const auto field : required) {
    if (!columns.contains(field)) {
      const auto& names = mapping.headers.at(field);
      missing += (missing.empty() ? "" : ", ") + names.front();
    }
  }
  if (!missing.empty()) {
    return util::fail(util::Error::invalid("import.columns_missing").with("columns", missing));
  }
  return columns;
}

} // namespace patronage::import
