#include <charconv>
#include <map>

#include <boost/json.hpp>

#include "app/clock.hpp"
#include "domain/text_rules.hpp"
#include "http/api.hpp"
#include "http/downloads.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "http/messages.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"
#include "import/importer.hpp"
#include "import/mapping.hpp"
#include "import/plan.hpp"
#include "import/report.hpp"
#include "import/source.hpp"
#include "util/crypto.hpp"

namespace patronage::http {
namespace {

// A register of 100,000 families is about 10 MB as XLSX; in base64 with the rest of the body, 20 MiB.
constexpr size_t k_file_base64 = k_import_body_limit;
constexpr size_t k_max_decisions = 5000;
// An upload is checked and applied within its request, holding the database's one writer while it applies: a
// larger register goes through `patronage import households`, which shows its progress (docs/import.md).
constexpr size_t k_web_rows = 5000;

// Every language's text of a key: a file may come from a Russian or an English export (as the CLI reads it).
std::vector<std::string> all_texts(const std::string& key) {
  return {translate(Lang::ru, key), translate(Lang::en, key)};
}

import::Translator translator(Lang lang) {
  return [lang](const std::string& key, const std::vector<std::pair<std::string, std::string>>& params) {
    return translate(lang, key, params);
  };
}

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

// {"<row>": "new" | "same:<person id>"}; an error on decisions.<row> for anything else.
import::Decisions read_decisions(JsonInput& input) {
  import::Decisions out;
  const auto raw = input.raw("decisions");
  if (!raw) {
    return out;
  }
  if (!raw->is_object() || raw->as_object().size() > k_max_decisions) {
    input.add_error("decisions", "validation.wrong_type");
    return out;
  }
  for (const auto& [key, value] : raw->as_object()) {
    int row = 0;
    const auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), row);
    std::optional<import::Decision> decision;
    if (value.is_string()) {
      decision = import::parse_decision(value.as_string());
    }
    if (ec != std::errc{} || ptr != key.data() + key.size() || row < 2 || !decision) {
      input.add_error("decisions." + std::string(key), "import.decision_invalid");
      continue;
    }
    out[row] = std::move(*decision);
  }
  return out;
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

// The report: counts, every issue (row, column, value, message key and text) and every row's outcome with its
// matches. `names` are the rows' own names from the file, to show beside the matches.
boost::json::object report_json(Lang lang, const import::ImportReport& r, const std::map<int, std::string>& names) {
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
    const auto name = names.find(row.row);
    rows.push_back({{"row", row.row},
                    {"status", import::to_string(row.status)},
                    {"name", name == names.end() ? "" : name->second},
                    {"household_id", row.household_id.empty() ? boost::json::value(nullptr)
                                                              : boost::json::value(row.household_id)},
                    {"person_id", row.person_id.empty() ? boost::json::value(nullptr)
                                                        : boost::json::value(row.person_id)},
                    {"matches", std::move(matches)}});
  }
  return {{"applied", r.applied},
          {"batch_id", r.batch_id.empty() ? boost::json::value(nullptr) : boost::json::value(r.batch_id)},
          {"counts",
           {{"households_created", r.households_created},
            {"households_updated", r.households_updated},
            {"persons_created", r.persons_created},
            {"persons_updated", r.persons_updated},
            {"held", r.held},
            {"errors", r.issues.size()}}},
          {"issues", std::move(issues)},
          {"rows", std::move(rows)}};
}

std::map<int, std::string> row_names(const import::Plan& plan) {
  std::map<int, std::string> out;
  for (const auto& household : plan.households) {
    for (const auto& member : household.members) {
      out[member.row] = domain::full_name(member.last_name, member.first_name, member.patronymic);
    }
  }
  return out;
}

Response import_households(Api& api, Call& call) {
  auto input = JsonInput::parse(call.request);
  if (!input) {
    return problem(call, input.error());
  }
  const auto file = input->required_string("file", k_file_base64);
  const auto file_name = input->optional_string("file_name", 255).value_or("");
  const auto unit = input->optional_string("unit", 64);
  const auto apply = input->optional_bool("apply").value_or(false);
  auto decisions = read_decisions(*input);
  if (auto done = input->finish(); !done) {
    return problem(call, done.error());
  }
  // Who may import is the use case's to say; refuse the others before the file is even read.
  if (!import::may_import(call.user())) {
    return problem(call, util::Error::forbidden());
  }
  const auto bytes = util::decode_base64(file);
  if (!bytes || bytes->empty()) {
    return problem(call, util::Error::field("file", "import.file_invalid"));
  }
  auto table = import::read_table(*bytes);
  if (!table) {
    return problem(call, table.error());
  }
  if (table->rows.size() > k_web_rows) {
    return problem(call, util::Error::field("file", "import.too_many_rows_for_web"));
  }
  const auto mapping = import::default_mapping(all_texts);
  auto columns = import::resolve_columns(mapping, table->header);
  if (!columns) {
    return problem(call, columns.error());
  }
  const auto plan =
      import::plan_rows(*table, *columns, import::vocabulary(all_texts, mapping), app::today(api.services()));
  import::ImportOptions options;
  options.file_name = file_name;
  options.file_sha256 = util::sha256_hex(*bytes);
  if (unit && !unit->empty()) {
    options.unit_id = *unit;
  }
  options.decisions = std::move(decisions);
  options.apply = apply;
  options.operator_name = call.user().login;
  const auto result = import::import_households(api.services(), call.user(), call.meta(), plan, options);
  const auto names = row_names(plan);
  return answer(call, result, Status::ok,
                [&](const import::ImportReport& r) { return report_json(call.lang, r, names); });
}

} // namespace

void add_import_routes(Router& router, Api& api) {
  // Issue 18: a register (XLSX or CSV) checked (dry run) or loaded as one batch, in the body as base64.
  router.add_sync(Verb::post, "/api/v1/imports/households", Access::session,
                  [&api](Call& call) { return import_households(api, call); });

  // The empty workbook with the expected columns in the reader's language and a sheet explaining them.
  router.add_sync(Verb::get, "/api/v1/imports/households/template", Access::session, [](Call& call) {
    if (!import::may_import(call.user())) {
      return problem(call, util::Error::forbidden());
    }
    const auto tables = import::template_tables(translator(call.lang));
    return table_download(call, DownloadFormat::xlsx, "import-template", [&](util::TableSink& sink) {
      util::write_tables(tables, sink);
      return util::Result<long long>(0);
    });
  });

  // Removes what a batch created and puts back what it updated, while nothing later refers to it.
  router.add_sync(Verb::post, "/api/v1/imports/{batch}/undo", Access::session, [&api](Call& call) {
    const auto undone = import::undo_import(api.services(), call.user(), call.meta(), call.param("batch"));
    return answer(call, undone, Status::ok, [&](const import::UndoResult& r) {
      return boost::json::object{
          {"batch_id", call.param("batch")}, {"removed", r.removed}, {"restored", r.restored}};
    });
  });
}

} // namespace patronage::http
