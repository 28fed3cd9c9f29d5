#include <optional>
#include <variant>

#include <boost/json.hpp>

#include "app/reports.hpp"
#include "http/api.hpp"
#include "http/downloads.hpp"
#include "http/messages.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"

namespace patronage::http {
namespace {

// The text of a code under `prefix`; the code itself when no message has it (a catalogue entry added later).
std::string label(Lang lang, const std::string& prefix, const std::string& code) {
  const std::string key = prefix + code;
  auto text = translate(lang, key);
  return text == key ? code : text;
}

// The table with its title, column titles and code cells translated for the reader.
util::Table translated(const app::ReportTable& source, Lang lang) {
  util::Table table = source.table;
  table.title = translate(lang, table.title);
  for (auto& column : table.columns) {
    column.title = translate(lang, column.title);
  }
  for (auto& row : table.rows) {
    for (size_t i = 0; i < row.size() && i < source.label_prefixes.size(); ++i) {
      if (const auto* code = std::get_if<std::string>(&row[i]); code && !source.label_prefixes[i].empty()) {
        row[i] = label(lang, source.label_prefixes[i], *code);
      }
    }
  }
  return table;
}

boost::json::value report_cell_json(const util::Cell& cell) {
  struct Visitor {
    boost::json::value operator()(std::monostate) const { return nullptr; }
    boost::json::value operator()(const std::string& text) const { return boost::json::string(text); }
    boost::json::value operator()(long long number) const { return number; }
    boost::json::value operator()(double number) const { return number; }
    boost::json::value operator()(const util::IsoDate& date) const { return boost::json::string(date.value); }
  };
  return std::visit(Visitor{}, cell);
}

boost::json::object table_json(const app::ReportTable& source, Lang lang) {
  const auto table = translated(source, lang);
  boost::json::array columns;
  for (const auto& column : table.columns) {
    columns.push_back({{"key", column.key}, {"title", column.title}});
  }
  boost::json::array rows;
  for (const auto& row : table.rows) {
    boost::json::array cells;
    for (const auto& cell : row) {
      cells.push_back(report_cell_json(cell));
    }
    rows.push_back(std::move(cells));
  }
  boost::json::object out{{"name", table.name},      {"title", table.title}, {"columns", std::move(columns)},
                          {"rows", std::move(rows)}, {"total_row", nullptr}, {"chart", nullptr}};
  if (source.total_row) {
    out["total_row"] = static_cast<long long>(*source.total_row);
  }
  if (source.chart) {
    boost::json::array values;
    for (const auto& key : source.chart->values) {
      values.push_back(boost::json::string(key));
    }
    out["chart"] = {{"kind", source.chart->kind}, {"values", std::move(values)}};
  }
  if (!source.drill.empty()) {
    boost::json::array drill;
    for (const auto& d : source.drill) {
      if (!d) {
        drill.push_back(nullptr);
        continue;
      }
      boost::json::object query;
      for (const auto& [key, value] : d->query) {
        query[key] = value;
      }
      drill.push_back({{"list", d->list}, {"query", std::move(query)}});
    }
    out["drill"] = std::move(drill);
  }
  return out;
}

} // namespace

void add_report_routes(Router& router, Api& api) {
  router.add_sync(Verb::get, "/api/v1/reports", Access::session, [](Call& call) {
    return answer(call, app::report_catalogue(call.user()), Status::ok, [&call](const auto& names) {
      return items_json(names, [&call](const std::string& name) {
        return boost::json::object{{"name", name}, {"title", translate(call.lang, "report." + name)}};
      });
    });
  });

  router.add_sync(Verb::get, "/api/v1/reports/{name}", Access::session, [&api](Call& call) {
    std::optional<Response> bad_format;
    const auto format = download_format(call, bad_format);
    if (bad_format) {
      return std::move(*bad_format);
    }
    const app::ReportRequest request{call.param("name"), call.query_value("unit"), call.query_value("from"),
                                     call.query_value("to")};
    auto report = app::read_report(api.services(), call.user(), call.meta(), request);
    if (!report) {
      return problem(call, report.error());
    }
    if (format) {
      return table_download(call, *format, "report-" + report->name + "-" + report->from + "-" + report->to,
                            [&](util::TableSink& sink) -> util::Result<long long> {
                              std::vector<util::Table> tables;
                              long long rows = 0;
                              for (const auto& table : report->tables) {
                                tables.push_back(translated(table, call.lang));
                                rows += static_cast<long long>(table.table.rows.size());
                              }
                              util::write_tables(tables, sink);
                              return rows;
                            });
    }
    boost::json::array tables;
    for (const auto& table : report->tables) {
      tables.push_back(table_json(table, call.lang));
    }
    return json_response(call, Status::ok,
                         {{"report", report->name},
                          {"title", translate(call.lang, "report." + report->name)},
                          {"unit", {{"id", report->unit_id}, {"name", report->unit_name}}},
                          {"from", report->from},
                          {"to", report->to},
                          {"tables", std::move(tables)}});
  });
}

} // namespace patronage::http
