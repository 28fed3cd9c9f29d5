#include <type_traits>

#include <boost/json.hpp>

#include "app/clock.hpp"
#include "app/exports.hpp"
#include "app/personal_data.hpp"
#include "http/api.hpp"
#include "http/downloads.hpp"
#include "http/json_input.hpp"
#include "http/messages.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"
#include "util/time.hpp"

namespace patronage::http {
namespace {

boost::json::value export_cell_json(const util::Cell& cell) {
  return std::visit(
      [](const auto& value) -> boost::json::value {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return nullptr;
        } else if constexpr (std::is_same_v<T, util::IsoDate>) {
          return boost::json::string(value.value);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return boost::json::string(value);
        } else {
          return value;
        }
      },
      cell);
}

// {"<table>": [{"<column key>": value, ...}, ...], ...}: the JSON form of a personal-data export.
boost::json::object tables_json(const std::vector<util::Table>& tables) {
  boost::json::object out;
  for (const auto& table : tables) {
    boost::json::array rows;
    for (const auto& row : table.rows) {
      boost::json::object item;
      for (size_t i = 0; i < row.size() && i < table.columns.size(); ++i) {
        item[table.columns[i].key] = export_cell_json(row[i]);
      }
      rows.push_back(std::move(item));
    }
    out[table.name] = std::move(rows);
  }
  return out;
}

} // namespace

void add_export_routes(Router& router, Api& api) {
  // Issue 8: a unit's households, cases, visits or services as CSV or XLSX.
  router.add_sync(Verb::get, "/api/v1/exports/{list}", Access::session, [&api](Call& call) {
    auto list = app::parse_export_list(call.param("list"));
    if (!list) {
      return problem(call, util::Error::not_found("export.list_unknown"));
    }
    std::optional<Response> bad_format;
    auto format = download_format(call, bad_format);
    if (bad_format) {
      return std::move(*bad_format);
    }
    app::ExportRequest request{*list, call.query_value("unit"), call.query_value("from"), call.query_value("to")};
    const auto today = util::format_date(app::today(api.services()));
    const std::string name = std::string(app::export_list_name(*list)) + "-" + today;
    return table_download(call, format.value_or(DownloadFormat::csv), name, [&](util::TableSink& sink) {
      return app::export_list(api.services(), call.user(), call.meta(), request, sink,
                              [&call](const std::string& key) { return translate(call.lang, key); });
    });
  });

  // SPEC §11: everything held about one person, as JSON (default) or XLSX.
  router.add_sync(Verb::get, "/api/v1/persons/{id}/export", Access::session, [&api](Call& call) {
    const auto format = call.query_value("format").value_or("json");
    if (format != "json" && format != "xlsx") {
      return problem(call, util::Error::field("format", "export.format_invalid"));
    }
    auto tables = app::export_person(api.services(), call.user(), call.meta(), call.param("id"),
                                     [&call](const std::string& key) { return translate(call.lang, key); });
    if (!tables) {
      return problem(call, tables.error());
    }
    if (format == "json") {
      return json_response(call, Status::ok, tables_json(*tables));
    }
    return table_download(call, DownloadFormat::xlsx, "person-" + call.param("id"), [&](util::TableSink& sink) {
      util::write_tables(*tables, sink);
      return util::Result<long long>(static_cast<long long>(tables->size()));
    });
  });

  // SPEC §11: irreversible anonymisation of a person, with a reason.
  router.add_sync(Verb::post, "/api/v1/persons/{id}/erase", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    const auto reason = input->required_string("reason", 1000);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    auto erased = app::erase_person(api.services(), call.user(), call.meta(), call.param("id"), reason);
    if (!erased) {
      return problem(call, erased.error());
    }
    return json_response(call, Status::ok, {{"id", call.param("id")}, {"erased", true}});
  });
}

} // namespace patronage::http
