#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/table.hpp"
#include "util/error.hpp"

namespace patronage::import {

// What a column can hold. Layout (docs/import.md): one row per person; the household columns repeat on each
// member's row (or stand on the first only) and `household` keys the rows of one family. A row without a person's
// name is a household without that member. Without a `household` column every row is its own family.
enum class Field {
  household, // the family's key in the file; a Patronage household id (an export's "id") updates that household
  unit,      // the unit's name
  address,
  phone,
  categories, // codes or their names, comma- or semicolon-separated
  notes,
  registered_on, // the day the family was registered; kept for a new family only (YYYY-MM-DD, DD.MM.YYYY, serial)
  last_name,
  first_name,
  patronymic,
  birth_date, // YYYY-MM-DD, DD.MM.YYYY or an Excel date serial
  sex,
  household_role,
  snils,
  person_phone,
  // The family's open case (docs/import.md "Cases"): given on any row of the family, agreeing where repeated.
  case_state,       // signal, assessment or awaiting_decision (codes or their names)
  case_lead,        // the lead's login
  case_opened_on,   // empty: the day of the import
  case_state_since, // the day the case entered its state; empty: the day it was opened
  case_grounds,     // why the case is in its state (the reason of its transitions); needed beyond `signal`
};

inline constexpr std::array k_fields{Field::household,     Field::unit,          Field::address,
                                     Field::phone,         Field::categories,    Field::notes,
                                     Field::registered_on, Field::last_name,     Field::first_name,
                                     Field::patronymic,    Field::birth_date,    Field::sex,
                                     Field::household_role, Field::snils,        Field::person_phone,
                                     Field::case_state,    Field::case_lead,     Field::case_opened_on,
                                     Field::case_state_since, Field::case_grounds};

std::string_view field_code(Field field);
std::optional<Field> parse_field(std::string_view code);
// The message key of the field's column title: the export's (export.column.*), as `patronage export households`
// writes every column but the family key (import.field.household, which also answers to export.column.id, the
// export's id column) and the case columns (import.field.case_*). import.help.<code> explains the column.
std::string field_title_key(Field field);
bool is_person_field(Field field);
bool is_case_field(Field field);

// Every text of a message key, one per language (the CLI passes the server catalogue).
using Texts = std::function<std::vector<std::string>(const std::string& key)>;

// Which header names which field. Headers compare trimmed and case-insensitively; a field may accept several.
struct Mapping {
  std::map<Field, std::vector<std::string>> headers;
  // A file's own words for category codes ("малоимущие" → low_income), besides the codes and their names.
  std::map<std::string, std::string> categories;
};

// The mapping that reads what `patronage export households` writes (in any language) and the template: each
// field's code and its column title in every language.
Mapping default_mapping(const Texts& texts);

// A mapping file (TOML) over `base`:
//   [columns]      field code = "header" or ["header", "another header"]
//   [categories]   "the file's word" = "code"
// Fails "import.mapping_invalid" with {reason} for bad TOML, an unknown field or a non-string header.
util::Result<Mapping> parse_mapping(std::string_view toml, Mapping base);

// The column index of each field found in `header` (the first matching column).
using Columns = std::map<Field, std::size_t>;
// Fails "import.columns_missing" with {columns} (the expected headers) when the address or, with any person
// column, the last or first name column is missing: one error for the file.
util::Result<Columns> resolve_columns(const Mapping& mapping, const std::vector<std::string>& header);

} // namespace patronage::import
