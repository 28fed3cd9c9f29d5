#include "http/import_views.hpp"

#include <map>
#include <set>

#include "domain/text_rules.hpp"
#include "http/json_views.hpp"

namespace patronage::http {
namespace {

// An issue names the column as headed in the file, or a field code for what no cell holds (a missing sex, the
// unit, a decision): that one is shown under its title in the reader's language.
std::string column_title(Lang lang, const std::string& column) {
  if (column == "decision") {
    return translate(lang, "import.column.decision");
  }
  if (auto field = import::parse_field(column)) {
    return translate(lang, import::field_title_key(*field));
  }
  return column;
}

boost::json::object match_json(const import::RowMatch& m) {
  boost::json::array reasons;
  for (const auto& reason : m.reasons) {
    reasons.emplace_back(reason);
  }
  return {{"person_id", m.person_id.empty() ? boost::json::value(nullptr) : boost::json::value(m.person_id)},
          {"row", m.row > 0 ? boost::json::value(m.row) : boost::json::value(nullptr)},
          {"score", m.score},
          {"reasons", std::move(reasons)},
          {"name", m.name},
          {"birth_date", nullable(m.birth_date)}};
}

// A member row's cells, with its family's.
boost::json::object row_values(const import::HouseholdRows& household, const import::PersonRow& member) {
  return {{"last_name", member.last_name},
          {"first_name", member.first_name},
          {"patronymic", member.patronymic},
          {"birth_date", nullable(member.birth_date)},
          {"sex", member.sex},
          {"snils", member.snils},
          {"address", household.address},
          {"phone", household.phone},
          {"person_phone", member.phone}};
}

struct FileRow {
  std::string name;
  const import::HouseholdRows* household = nullptr;
  const import::PersonRow* member = nullptr;
};

std::map<int, FileRow> file_rows(const import::Plan& plan) {
  std::map<int, FileRow> out;
  for (const auto& household : plan.households) {
    for (const auto& member : household.members) {
      out[member.row] = {domain::full_name(member.last_name, member.first_name, member.patronymic), &household,
                         &member};
    }
  }
  return out;
}

} // namespace

import::Translator import_translator(Lang lang) {
  return [lang](const std::string& key, const std::vector<std::pair<std::string, std::string>>& params) {
    return translate(lang, key, params);
  };
}

boost::json::object import_report_json(Lang lang, const import::ImportReport& r, const import::Plan& plan) {
  const auto rows_of_file = file_rows(plan);
  // The rows a side-by-side shows: rows with matches and the earlier rows they name.
  std::set<int> compared;
  for (const auto& row : r.rows) {
    for (const auto& m : row.matches) {
      compared.insert(row.row);
      if (m.row > 0) {
        compared.insert(m.row);
      }
    }
  }
  boost::json::array issues;
  for (const auto& issue : r.issues) {
    issues.push_back({{"row", issue.row},
                      {"column", column_title(lang, issue.column)},
                      {"value", issue.value},
                      {"key", issue.key},
                      {"message", translate(lang, issue.key, issue.params)}});
  }
  boost::json::array rows;
  for (const auto& row : r.rows) {
    boost::json::array matches;
    for (const auto& m : row.matches) {
      matches.push_back(match_json(m));
    }
    const auto file_row = rows_of_file.find(row.row);
    const bool known = file_row != rows_of_file.end();
    boost::json::object out{{"row", row.row},
                            {"status", import::to_string(row.status)},
                            {"name", known ? file_row->second.name : ""},
                            {"household_id", row.household_id.empty() ? boost::json::value(nullptr)
                                                                      : boost::json::value(row.household_id)},
                            {"person_id", row.person_id.empty() ? boost::json::value(nullptr)
                                                                : boost::json::value(row.person_id)},
                            {"matches", std::move(matches)}};
    if (known && compared.contains(row.row)) {
      out["values"] = row_values(*file_row->second.household, *file_row->second.member);
    }
    rows.push_back(std::move(out));
  }
  boost::json::array cases;
  const auto translator = import_translator(lang);
  for (const auto& c : r.cases) {
    cases.push_back({{"row", c.row},
                     {"open", c.open},
                     {"household_id", c.household_id.empty() ? boost::json::value(nullptr)
                                                            : boost::json::value(c.household_id)},
                     {"state", c.state},
                     {"lead", c.lead_login},
                     {"opened_on", c.opened_on},
                     {"number", c.number.empty() ? boost::json::value(nullptr) : boost::json::value(c.number)},
                     {"message", import::case_message(c, translator)}});
  }
  return {{"applied", r.applied},
          {"batch_id", r.batch_id.empty() ? boost::json::value(nullptr) : boost::json::value(r.batch_id)},
          {"counts",
           {{"households_created", r.households_created},
            {"households_updated", r.households_updated},
            {"persons_created", r.persons_created},
            {"persons_updated", r.persons_updated},
            {"held", r.held},
            {"cases_opened", r.cases_opened},
            {"errors", r.issues.size()}}},
          {"issues", std::move(issues)},
          {"cases", std::move(cases)},
          {"rows", std::move(rows)}};
}

boost::json::object stored_match_json(const import::StoredMatch& match) {
  const auto& p = match.person;
  return {{"person_id", p.id},
          {"household_id", p.household_id},
          {"last_name", p.last_name},
          {"first_name", p.first_name},
          {"patronymic", p.patronymic},
          {"birth_date", nullable(p.birth_date)},
          {"sex", p.sex},
          {"snils", nullable(p.snils)},
          {"address", match.address},
          {"phone", match.household_phone},
          {"person_phone", p.phone}};
}

} // namespace patronage::http
