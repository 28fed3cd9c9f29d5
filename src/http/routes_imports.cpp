#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/downloads.hpp"
#include "http/import_upload.hpp"
#include "http/import_views.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"
#include "import/importer.hpp"
#include "import/report.hpp"
#include "import/stored_matches.hpp"
#include "util/strings.hpp"

namespace patronage::http {
namespace {

constexpr size_t k_id_length = 64;

Response import_households(Api& api, Call& call) {
  const auto upload = read_import_upload(api.services(), call);
  if (!upload) {
    return problem(call, upload.error());
  }
  const auto result =
      import::import_households(api.services(), call.user(), call.meta(), upload->plan, upload->options);
  return answer(call, result, Status::ok,
                [&](const import::ImportReport& r) { return import_report_json(call.lang, r, upload->plan); });
}

// The dry run's report as a workbook: the report sheet first (its headers read back as a decisions file, as the
// CLI's --report), then what each column holds, in the reader's language.
Response import_report(Api& api, Call& call) {
  auto upload = read_import_upload(api.services(), call);
  if (!upload) {
    return problem(call, upload.error());
  }
  if (upload->options.apply) {
    return problem(call, util::Error::field("apply", "import.report_is_dry_run"));
  }
  const auto result =
      import::import_households(api.services(), call.user(), call.meta(), upload->plan, upload->options);
  if (!result) {
    return problem(call, result.error());
  }
  const auto translate = import_translator(call.lang);
  const std::vector<util::Table> tables{import::report_table(*result, translate),
                                        import::report_help_table(translate)};
  return table_download(call, DownloadFormat::xlsx, "import-report", [&](util::TableSink& sink) {
    util::write_tables(tables, sink);
    return util::Result<long long>(static_cast<long long>(tables.front().rows.size()));
  });
}

// ?ids=<person id>,<person id>: the stored side of the side-by-sides of held rows.
Response stored_matches(Api& api, Call& call) {
  std::vector<std::string> ids;
  for (auto& id : util::split(call.query_value("ids").value_or(""), ',')) {
    id = util::trim(id);
    if (id.empty()) {
      continue;
    }
    if (id.size() > k_id_length) {
      return problem(call, util::Error::invalid("request.bad_query").with("name", "ids"));
    }
    ids.push_back(std::move(id));
  }
  const auto found = import::stored_matches(api.services(), call.user(), call.meta(), ids);
  return answer(call, found, Status::ok,
                [](const std::vector<import::StoredMatch>& list) { return items_json(list, stored_match_json); });
}

} // namespace

void add_import_routes(Router& router, Api& api) {
  // Issue 18: a register (XLSX or CSV) checked (dry run) or loaded as one batch, in the body as base64, read with
  // the default mapping or the mapping file in the body.
  router.add_sync(Verb::post, "/api/v1/imports/households", Access::session,
                  [&api](Call& call) { return import_households(api, call); });

  // The same dry run answered as the report's XLSX (the body as above, without apply).
  router.add_sync(Verb::post, "/api/v1/imports/households/report", Access::session,
                  [&api](Call& call) { return import_report(api, call); });

  // The stored persons the report's rows matched, for a side-by-side with the file's rows.
  router.add_sync(Verb::get, "/api/v1/imports/matches", Access::session,
                  [&api](Call& call) { return stored_matches(api, call); });

  // The empty workbook with the expected columns in the reader's language and a sheet explaining them.
  router.add_sync(Verb::get, "/api/v1/imports/households/template", Access::session, [](Call& call) {
    if (!import::may_import(call.user())) {
      return problem(call, util::Error::forbidden());
    }
    const auto tables = import::template_tables(import_translator(call.lang));
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
