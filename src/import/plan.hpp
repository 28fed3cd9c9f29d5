#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "import/mapping.hpp"
#include "import/table.hpp"
#include "util/time.hpp"

namespace patronage::import {

// A problem with one cell (or one row when `column` is empty): `key` is a server message key, `params` its
// placeholders. Rows with an issue are not loaded, and an --apply with any issue writes nothing.
struct Issue {
  int row = 0;
  std::string column; // the header as in the file
  std::string value;
  std::string key;
  std::vector<std::pair<std::string, std::string>> params{};
};

// A member as the file gives it; empty text is "no value" (never erases a stored one).
struct PersonRow {
  int row = 0;
  std::string last_name;
  std::string first_name;
  std::string patronymic;
  std::optional<std::string> birth_date; // YYYY-MM-DD
  std::string sex;                       // code or ""
  std::string household_role;            // code or ""
  std::string snils;                     // 11 digits or ""
  std::string phone;
};

// The rows of one family key, in file order.
struct HouseholdRows {
  std::string key; // the household column, or "#<row>" without one
  int row = 0;     // its first row
  std::string unit;
  std::string address;
  std::string phone;
  std::vector<std::string> categories; // codes; empty: none given
  std::string notes;
  std::vector<PersonRow> members;
  std::optional<std::string> registered_on{}; // YYYY-MM-DD; for a new family only
};

struct Plan {
  std::vector<HouseholdRows> households;
  std::vector<Issue> issues;
  std::size_t rows = 0;
  std::string address_column; // its header, for the issue of a new family without an address
};

// The words a file may use for codes: every language's name of each category (report.category.<code>), sex
// (import.value.sex.<code>) and household role (import.value.role.<code>), besides the codes themselves.
struct Vocabulary {
  std::map<std::string, std::string> categories; // folded text → code
  std::map<std::string, std::string> sexes;
  std::map<std::string, std::string> roles;
};
Vocabulary vocabulary(const Texts& texts, const Mapping& mapping);

// Checks every row of `table` and groups them by family. Issues (import.* keys): a date that is not a date or is
// after `today` (birth, registration), an unknown category, sex or role, a СНИЛС with a wrong check number, a member row
// without a last or first name, a family whose rows give two different addresses. (What needs the registry — a new
// family without an address, a new person without a sex — is import_households' to check.) Date columns take an Excel
// serial only from a cell stored as a number.
Plan plan_rows(const SourceTable& table, const Columns& columns, const Vocabulary& words, util::Date today);

} // namespace patronage::import
