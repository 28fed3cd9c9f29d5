#include "import/report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace patronage::import {
namespace {

constexpr std::array<std::string_view, 9> k_columns{"row",   "status",  "column",   "value",  "message",
                                                    "match", "score", "reasons", "decision"};

std::string score_text(double score) { return fmt::format("{:.2f}", score); }

std::string match_text(const RowMatch& m) {
  return m.person_id.empty() ? "row:" + std::to_string(m.row) : "person:" + m.person_id;
}

std::string match_message(const RowMatch& m, const Translator& translate) {
  const std::vector<std::pair<std::string, std::string>> params{
      {"name", m.name}, {"birth_date", m.birth_date.value_or("")}, {"row", std::to_string(m.row)}};
  return translate(m.person_id.empty() ? "import.match_in_file" : "import.match_in_registry", params);
}

} // namespace

std::string case_message(const CaseOutcome& c, const Translator& translate) {
  if (!c.open) {
    return translate("import.case_kept", {{"number", c.number}});
  }
  return translate(c.number.empty() ? "import.case_open" : "import.case_opened",
                   {{"state", translate("report.state." + c.state, {})},
                    {"lead", c.lead_login.empty() ? "—" : c.lead_login},
                    {"opened_on", c.opened_on},
                    {"number", c.number}});
}

util::Table report_table(const ImportReport& report, const Translator& translate) {
  util::Table table;
  table.name = "import_report";
  table.title = translate("import.report_title", {});
  for (const auto key : k_columns) {
    table.columns.push_back({std::string(key), std::string(key), key == "message" ? 60.0 : 14.0});
  }
  auto issue = report.issues.begin();
  for (const auto& row : report.rows) {
    for (; issue != report.issues.end() && issue->row <= row.row; ++issue) {
      table.rows.push_back({static_cast<long long>(issue->row), std::string("error"), issue->column, issue->value,
                            translate(issue->key, issue->params), std::monostate{}, std::monostate{},
                            std::monostate{}, std::monostate{}});
    }
    const std::string status(to_string(row.status));
    if (row.matches.empty()) {
      if (row.status != RowStatus::error) {
        std::string message = translate("import.status." + status, {});
        table.rows.push_back({static_cast<long long>(row.row), status, std::monostate{}, std::monostate{}, message,
                              row.person_id.empty() ? util::Cell{} : util::Cell{"person:" + row.person_id},
                              std::monostate{}, std::monostate{}, std::monostate{}});
      }
      continue;
    }
    for (const auto& match : row.matches) {
      table.rows.push_back({static_cast<long long>(row.row), status, std::monostate{}, std::monostate{},
                            match_message(match, translate), match_text(match), score_text(match.score),
                            util::join(match.reasons), row.person_id.empty() ? util::Cell{}
                                                                            : util::Cell{"same:" + row.person_id}});
    }
  }
  for (; issue != report.issues.end(); ++issue) {
    table.rows.push_back({static_cast<long long>(issue->row), std::string("error"), issue->column, issue->value,
                          translate(issue->key, issue->params), std::monostate{}, std::monostate{}, std::monostate{},
                          std::monostate{}});
  }
  for (const auto& c : report.cases) {
    table.rows.push_back({static_cast<long long>(c.row), std::string("case"), std::monostate{}, std::monostate{},
                          case_message(c, translate), std::monostate{}, std::monostate{}, std::monostate{},
                          std::monostate{}});
  }
  // A family's case after the lines of its row.
  std::stable_sort(table.rows.begin(), table.rows.end(), [](const auto& a, const auto& b) {
    return std::get<long long>(a[0]) < std::get<long long>(b[0]);
  });
  return table;
}

util::Table report_help_table(const Translator& translate) {
  util::Table help;
  help.name = "columns";
  help.title = translate("import.template_help_title", {});
  help.columns = {{"column", translate("import.template_column", {}), 14},
                  {"meaning", translate("import.template_meaning", {}), 90}};
  for (const auto key : k_columns) {
    help.rows.push_back({std::string(key), translate("import.report_column." + std::string(key), {})});
  }
  return help;
}

void print_report(std::ostream& out, const ImportReport& report, const Translator& translate) {
  const auto table = report_table(report, translate);
  for (const auto& cells : table.rows) {
    const auto& status = std::get<std::string>(cells[1]);
    if (status == "create" || status == "update") {
      continue; // the counts below say it; a 100,000-row file must not flood the terminal
    }
    out << translate("import.report_line", {{"row", std::to_string(std::get<long long>(cells[0]))},
                                            {"status", translate("import.status." + status, {})}});
    for (std::size_t i = 2; i < cells.size(); ++i) {
      if (const auto* text = std::get_if<std::string>(&cells[i]); text != nullptr && !text->empty()) {
        out << (i == 2 ? " [" : (i == 3 ? " «" : " ")) << *text << (i == 2 ? "]" : (i == 3 ? "»" : ""));
      }
    }
    out << "\n";
  }
  out << translate(report.applied ? "import.summary_applied" : "import.summary_checked",
                   {{"households_created", std::to_string(report.households_created)},
                    {"households_updated", std::to_string(report.households_updated)},
                    {"persons_created", std::to_string(report.persons_created)},
                    {"persons_updated", std::to_string(report.persons_updated)},
                    {"cases_opened", std::to_string(report.cases_opened)},
                    {"held", std::to_string(report.held)},
                    {"errors", std::to_string(report.issues.size())},
                    {"batch", report.batch_id}})
      << "\n";
}

std::vector<util::Table> template_tables(const Translator& translate) {
  util::Table sheet;
  sheet.name = "households";
  sheet.title = translate("import.template_title", {});
  util::Table help;
  help.name = "columns";
  help.title = translate("import.template_help_title", {});
  help.columns = {{"column", translate("import.template_column", {}), 24},
                  {"field", translate("import.template_field", {}), 16},
                  {"required", translate("import.template_required", {}), 12},
                  {"meaning", translate("import.template_meaning", {}), 80}};
  for (const auto field : k_fields) {
    const std::string code(field_code(field));
    const auto title = translate(field_title_key(field), {});
    sheet.columns.push_back({code, title, field == Field::address ? 40.0 : 18.0});
    const bool required = field == Field::address || field == Field::last_name || field == Field::first_name;
    help.rows.push_back({title, code, required ? translate("import.template_yes", {}) : std::string{},
                         translate("import.help." + code, {})});
  }
  return {sheet, help};
}

util::Result<Decisions> read_decisions(const SourceTable& table) {
  std::optional<std::size_t> row_column;
  std::optional<std::size_t> decision_column;
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const auto name = util::trim(table.header[i]);
    if (name == "row") {
      row_column = i;
    } else if (name == "decision") {
      decision_column = i;
    }
  }
  if (!row_column || !decision_column) {
    return util::fail(util::Error::invalid("import.columns_missing").with("columns", "row, decision"));
  }
  Decisions out;
  for (const auto& source : table.rows) {
    const auto text = util::trim(source.cells[*decision_column].text);
    if (text.empty()) {
      continue;
    }
    const auto row_text = util::trim(source.cells[*row_column].text);
    int row = 0;
    auto [ptr, ec] = std::from_chars(row_text.data(), row_text.data() + row_text.size(), row);
    auto decision = parse_decision(text);
    if (ec != std::errc{} || ptr != row_text.data() + row_text.size() || !decision) {
      return util::fail(util::Error::invalid("import.decisions_invalid").with("row", std::to_string(source.row)));
    }
    out[row] = std::move(*decision);
  }
  return out;
}

} // namespace patronage::import
