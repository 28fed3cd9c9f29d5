#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/case_state.hpp"
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

// The open case a family's rows ask for (the case columns), as far as the file alone can tell it is sound: a state
// the import may open in (signal, assessment, awaiting_decision), dates that are dates, not in the future and in
// order. Who leads it, whether the family has one already and the lifecycle's rules are import_households' to check.
struct CaseRow {
  int row = 0; // the family's first row with a case cell
  domain::CaseState state = domain::CaseState::signal;
  std::string lead_login;                 // "" : no lead yet
  std::optional<std::string> opened_on;   // YYYY-MM-DD; empty: the day of the import
  std::optional<std::string> state_since; // YYYY-MM-DD; empty: the day it was opened
  std::string grounds;                    // the reason of the transitions past `signal`
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
  std::optional<CaseRow> open_case{};         // the case columns, when they name a case the file may open
};

struct Plan {
  std::vector<HouseholdRows> households;
  std::vector<Issue> issues;
  std::size_t rows = 0;
  std::string address_column; // its header, for the issue of a new family without an address
  std::map<Field, std::string> case_columns; // the headers of the case columns present, for issues on them
};

// The words a file may use for codes: every language's name of each category (report.category.<code>), sex
// (import.value.sex.<code>) and household role (import.value.role.<code>), besides the codes themselves.
struct Vocabulary {
  std::map<std::string, std::string> categories; // folded text → code
  std::map<std::string, std::string> sexes;
  std::map<std::string, std::string> roles;
  std::map<std::string, std::string> case_states; // every state's name (report.state.<code>) and code
};
Vocabulary vocabulary(const Texts& texts, const Mapping& mapping);

// Checks every row of `table` and groups them by family. Issues (import.* keys): a date that is not a date or is
// after `today` (birth, registration, the case's dates), an unknown category, sex, role or case state, a СНИЛС with a
// wrong check number, a member row without a last or first name, a family whose rows give two different addresses (or
// any other household or case cell). The case columns: a case cell without a state ("import.case_state_required"), a
// state that needs a council decision and consent ("import.case_state_needs_decision": active, closing, supervision)
// or is no open case ("import.case_state_not_open"), a case entering its state before it was opened
// ("import.case_dates_order") or opened before the family was registered ("import.case_opened_before_registered"). (What needs the registry — a new
// family without an address, a new person without a sex — is import_households' to check.) Date columns take an Excel
// serial only from a cell stored as a number.
Plan plan_rows(const SourceTable& table, const Columns& columns, const Vocabulary& words, util::Date today);

} // namespace patronage::import
