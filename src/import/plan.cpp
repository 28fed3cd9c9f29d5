#include "import/plan.hpp"

#include <map>

#include "app/households.hpp"
#include "domain/name_key.hpp"
#include "domain/snils.hpp"
#include "import/xlsx_reader.hpp"
#include "util/strings.hpp"

namespace patronage::import {
namespace {

std::string folded(std::string_view text) { return domain::fold_case(util::trim(std::string(text))); }

void add_words(std::map<std::string, std::string>& out, std::span<const std::string_view> codes,
               const std::string& prefix, const Texts& texts) {
  for (const auto code : codes) {
    out[folded(code)] = std::string(code);
    for (const auto& text : texts(prefix + std::string(code))) {
      // A text may list several words: "Женский|Ж".
      for (const auto& word : util::split(text, '|')) {
        out[folded(word)] = std::string(code);
      }
    }
  }
}

// "1991-03-12", "12.03.1991" or, from a number cell, an Excel serial.
std::optional<std::string> date_of(const SourceCell& cell) {
  const auto text = util::trim(cell.text);
  if (cell.number) {
    return excel_serial_date(text);
  }
  if (auto date = util::parse_date(text)) {
    return util::format_date(*date);
  }
  if (text.size() == 10 && text[2] == '.' && text[5] == '.') {
    const auto iso = text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
    if (auto date = util::parse_date(iso)) {
      return util::format_date(*date);
    }
  }
  return std::nullopt;
}

class RowReader {
public:
  RowReader(const SourceTable& table, const Columns& columns, const SourceRow& row, std::vector<Issue>& issues)
      : m_table(table), m_columns(columns), m_row(row), m_issues(issues) {}

  bool has(Field field) const { return m_columns.contains(field); }

  const SourceCell* cell(Field field) const {
    auto found = m_columns.find(field);
    return found == m_columns.end() ? nullptr : &m_row.cells[found->second];
  }

  std::string text(Field field) const {
    const auto* c = cell(field);
    return c == nullptr ? std::string{} : util::trim(c->text);
  }

  void issue(Field field, std::string key, std::vector<std::pair<std::string, std::string>> params = {}) {
    const auto column = m_columns.contains(field) ? m_table.header[m_columns.at(field)] : std::string(field_code(field));
    m_issues.push_back({m_row.row, column, text(field), std::move(key), std::move(params)});
  }

  // The code a word stands for; an issue `key` and "" when unknown.
  std::string code(Field field, const std::map<std::string, std::string>& words, const std::string& key) {
    const auto value = text(field);
    if (value.empty()) {
      return {};
    }
    auto found = words.find(folded(value));
    if (found == words.end()) {
      issue(field, key);
      return {};
    }
    return found->second;
  }

private:
  const SourceTable& m_table;
  const Columns& m_columns;
  const SourceRow& m_row;
  std::vector<Issue>& m_issues;
};

std::vector<std::string> categories_of(RowReader& reader, const Vocabulary& words) {
  std::vector<std::string> out;
  auto text = reader.text(Field::categories);
  std::replace(text.begin(), text.end(), ';', ',');
  for (const auto& word : util::split(text, ',')) {
    const auto trimmed = util::trim(word);
    if (trimmed.empty()) {
      continue;
    }
    auto found = words.categories.find(folded(trimmed));
    if (found == words.categories.end()) {
      reader.issue(Field::categories, "import.category_unknown", {{"category", trimmed}});
      continue;
    }
    if (std::find(out.begin(), out.end(), found->second) == out.end()) {
      out.push_back(found->second);
    }
  }
  return out;
}

// A date cell: std::nullopt when empty; an issue and std::nullopt when it is no date or after `today`.
std::optional<std::string> past_date(RowReader& reader, Field field, util::Date today) {
  const auto* cell = reader.cell(field);
  if (cell == nullptr || util::trim(cell->text).empty()) {
    return std::nullopt;
  }
  auto date = date_of(*cell);
  if (!date) {
    reader.issue(field, "import.date_invalid");
    return std::nullopt;
  }
  if (*util::parse_date(*date) > today) {
    reader.issue(field, "validation.date_in_future");
    return std::nullopt;
  }
  return date;
}

std::optional<PersonRow> person_of(RowReader& reader, const Vocabulary& words, util::Date today, int row) {
  bool any = false;
  for (const auto field : k_fields) {
    any = any || (is_person_field(field) && !reader.text(field).empty());
  }
  if (!any) {
    return std::nullopt;
  }
  PersonRow person;
  person.row = row;
  person.last_name = reader.text(Field::last_name);
  person.first_name = reader.text(Field::first_name);
  person.patronymic = reader.text(Field::patronymic);
  person.phone = reader.text(Field::person_phone);
  if (person.last_name.empty()) {
    reader.issue(Field::last_name, "validation.required");
  }
  if (person.first_name.empty()) {
    reader.issue(Field::first_name, "validation.required");
  }
  person.birth_date = past_date(reader, Field::birth_date, today);
  person.sex = reader.code(Field::sex, words.sexes, "import.sex_unknown");
  person.household_role = reader.code(Field::household_role, words.roles, "import.role_unknown");
  if (const auto snils = reader.text(Field::snils); !snils.empty()) {
    auto digits = domain::parse_snils(snils);
    if (!digits) {
      reader.issue(Field::snils, "person.snils_invalid");
    } else {
      person.snils = *digits;
    }
  }
  return person;
}

// A later row's household cell must agree with the value already taken (or be empty).
void merge_text(RowReader& reader, Field field, std::string& kept) {
  auto value = reader.text(field);
  if (value.empty()) {
    return;
  }
  if (kept.empty()) {
    kept = std::move(value);
  } else if (folded(kept) != folded(value)) {
    reader.issue(field, "import.household_conflict", {{"value", kept}});
  }
}

// A date of the family (or its case) given on several rows must be one date.
void merge_date(RowReader& reader, Field field, util::Date today, std::optional<std::string>& kept) {
  if (auto date = past_date(reader, field, today)) {
    if (!kept) {
      kept = std::move(date);
    } else if (*kept != *date) {
      reader.issue(field, "import.household_conflict", {{"value", *kept}});
    }
  }
}

// The case cells of one family as its rows give them.
struct CaseCells {
  int row = 0;             // 0 until a row gives a case cell
  bool state_given = false; // some row has text in the state column (known or not)
  std::string state;        // a code
  std::string state_text;   // as the file wrote it
  std::string lead;
  std::string grounds;
  std::optional<std::string> opened_on;
  std::optional<std::string> state_since;
};

void read_case(RowReader& reader, const Vocabulary& words, util::Date today, int row, CaseCells& cells) {
  bool any = false;
  for (const auto field : k_fields) {
    any = any || (is_case_field(field) && !reader.text(field).empty());
  }
  if (!any) {
    return;
  }
  if (cells.row == 0) {
    cells.row = row;
  }
  cells.state_given = cells.state_given || !reader.text(Field::case_state).empty();
  if (auto state = reader.code(Field::case_state, words.case_states, "import.case_state_unknown"); !state.empty()) {
    if (cells.state.empty()) {
      cells.state = std::move(state);
      cells.state_text = reader.text(Field::case_state);
    } else if (cells.state != state) {
      reader.issue(Field::case_state, "import.household_conflict", {{"value", cells.state}});
    }
  }
  merge_text(reader, Field::case_lead, cells.lead);
  merge_text(reader, Field::case_grounds, cells.grounds);
  merge_date(reader, Field::case_opened_on, today, cells.opened_on);
  merge_date(reader, Field::case_state_since, today, cells.state_since);
}

// The case the cells ask for, when the file alone finds nothing wrong with it; otherwise issues and std::nullopt.
std::optional<CaseRow> case_of(const CaseCells& cells, const HouseholdRows& household, const Plan& plan,
                               std::vector<Issue>& issues) {
  if (cells.row == 0) {
    return std::nullopt;
  }
  auto issue = [&](Field field, std::string value, std::string key,
                   std::vector<std::pair<std::string, std::string>> params = {}) {
    const auto column = plan.case_columns.find(field);
    issues.push_back({cells.row, column == plan.case_columns.end() ? std::string(field_code(field)) : column->second,
                      std::move(value), std::move(key), std::move(params)});
  };
  if (cells.state.empty()) {
    if (!cells.state_given) {
      issue(Field::case_state, "", "import.case_state_required");
    }
    return std::nullopt;
  }
  const auto state = *domain::parse_case_state(cells.state);
  switch (state) {
  case domain::CaseState::signal:
  case domain::CaseState::assessment:
  case domain::CaseState::awaiting_decision:
    break;
  case domain::CaseState::active:
  case domain::CaseState::closing:
  case domain::CaseState::supervision:
    // SPEC §3: these states stand on a signed council decision and written consent, which a register's row does
    // not carry: the case comes in awaiting the decision, and the decision and consent are recorded in Patronage.
    issue(Field::case_state, cells.state_text, "import.case_state_needs_decision");
    return std::nullopt;
  case domain::CaseState::closed:
  case domain::CaseState::rejected:
    issue(Field::case_state, cells.state_text, "import.case_state_not_open");
    return std::nullopt;
  }
  if (cells.opened_on && cells.state_since && *cells.state_since < *cells.opened_on) {
    issue(Field::case_state_since, *cells.state_since, "import.case_dates_order", {{"opened_on", *cells.opened_on}});
    return std::nullopt;
  }
  if (cells.opened_on && household.registered_on && *cells.opened_on < *household.registered_on) {
    issue(Field::case_opened_on, *cells.opened_on, "import.case_opened_before_registered",
          {{"registered_on", *household.registered_on}});
    return std::nullopt;
  }
  return CaseRow{cells.row, state, cells.lead, cells.opened_on, cells.state_since, cells.grounds};
}

} // namespace

Vocabulary vocabulary(const Texts& texts, const Mapping& mapping) {
  Vocabulary words;
  add_words(words.categories, app::household_categories(), "report.category.", texts);
  add_words(words.sexes, app::person_sexes(), "import.value.sex.", texts);
  add_words(words.roles, app::household_roles(), "import.value.role.", texts);
  std::vector<std::string_view> states;
  for (auto state = domain::CaseState::signal; state <= domain::CaseState::rejected;
       state = static_cast<domain::CaseState>(static_cast<int>(state) + 1)) {
    states.push_back(domain::to_string(state));
  }
  add_words(words.case_states, states, "report.state.", texts);
  for (const auto& [word, code] : mapping.categories) {
    words.categories[folded(word)] = code;
  }
  return words;
}

Plan plan_rows(const SourceTable& table, const Columns& columns, const Vocabulary& words, util::Date today) {
  Plan plan;
  for (const auto& [field, index] : columns) {
    if (is_case_field(field)) {
      plan.case_columns[field] = table.header[index];
    }
  }
  std::map<std::string, std::size_t> by_key;
  std::vector<CaseCells> cases;
  for (const auto& row : table.rows) {
    ++plan.rows;
    RowReader reader(table, columns, row, plan.issues);
    auto key = reader.text(Field::household);
    if (key.empty()) {
      key = "#" + std::to_string(row.row);
    }
    auto [at, fresh] = by_key.emplace(key, plan.households.size());
    if (fresh) {
      plan.households.push_back({key, row.row, {}, {}, {}, {}, {}, {}});
      cases.emplace_back();
    }
    auto& household = plan.households[at->second];
    merge_text(reader, Field::unit, household.unit);
    merge_text(reader, Field::address, household.address);
    merge_text(reader, Field::phone, household.phone);
    merge_text(reader, Field::notes, household.notes);
    merge_date(reader, Field::registered_on, today, household.registered_on);
    for (auto& code : categories_of(reader, words)) {
      if (std::find(household.categories.begin(), household.categories.end(), code) == household.categories.end()) {
        household.categories.push_back(std::move(code));
      }
    }
    if (auto person = person_of(reader, words, today, row.row)) {
      household.members.push_back(std::move(*person));
    }
    read_case(reader, words, today, row.row, cases[at->second]);
  }
  for (std::size_t i = 0; i < plan.households.size(); ++i) {
    plan.households[i].open_case = case_of(cases[i], plan.households[i], plan, plan.issues);
  }
  plan.address_column = table.header[columns.at(Field::address)];
  std::stable_sort(plan.issues.begin(), plan.issues.end(), [](const Issue& a, const Issue& b) { return a.row < b.row; });
  return plan;
}

} // namespace patronage::import
