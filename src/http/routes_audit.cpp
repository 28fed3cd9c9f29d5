#include <charconv>

#include <boost/json.hpp>

#include "app/audit_log.hpp"
#include "app/clock.hpp"
#include "app/exports.hpp"
#include "http/api.hpp"
#include "http/downloads.hpp"
#include "http/messages.hpp"
#include "http/json_views.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"

namespace patronage::http {
namespace {

// Reads the audit filter from the query string; field errors name the parameter.
util::Result<storage::AuditFilter> audit_filter(const Call& call) {
  storage::AuditFilter filter;
  std::vector<util::FieldError> errors;
  auto text = [&](const char* name) { return call.query_value(name); };
  auto timestamp = [&](const char* name) -> std::optional<long long> {
    auto value = text(name);
    if (!value) {
      return std::nullopt;
    }
    auto at = util::parse_timestamp(*value);
    if (!at) {
      errors.push_back({name, "validation.wrong_type"});
      return std::nullopt;
    }
    return at->time_since_epoch().count();
  };
  auto number = [&](const char* name) -> std::optional<long long> {
    auto value = text(name);
    if (!value) {
      return std::nullopt;
    }
    long long out = 0;
    auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), out);
    if (ec != std::errc{} || ptr != value->data() + value->size() || out < 0) {
      errors.push_back({name, "validation.wrong_type"});
      return std::nullopt;
    }
    return out;
  };
  filter.user_id = text("user_id");
  filter.entity = text("entity");
  filter.entity_id = text("entity_id");
  filter.from = timestamp("from");
  filter.to = timestamp("to");
  filter.before_seq = number("before");
  filter.limit = static_cast<int>(std::min<long long>(number("limit").value_or(100), 1000));
  if (!errors.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(errors)));
  }
  return filter;
}

} // namespace

void add_audit_routes(Router& router, Api& api) {
  router.add_sync(Verb::get, "/api/v1/audit", Access::session, [&api](Call& call) {
    auto filter = audit_filter(call);
    if (!filter) {
      return problem(call, filter.error());
    }
    std::optional<Response> bad_format;
    auto format = download_format(call, bad_format);
    if (bad_format) {
      return std::move(*bad_format);
    }
    if (format) {
      // Every matching entry, not one page: the download is the auditor's export.
      const auto today = util::format_date(app::today(api.services()));
      return table_download(call, *format, "audit-" + today, [&](util::TableSink& sink) {
        return app::export_audit_log(api.services(), call.user(), call.meta(), *filter, sink,
                                     [&call](const std::string& key) { return translate(call.lang, key); });
      });
    }
    return answer(call, app::read_audit_log(api.services(), call.user(), call.meta(), *filter), Status::ok,
                  [](const auto& list) { return items_json(list, audit_json); });
  });

  router.add_sync(Verb::get, "/api/v1/audit/verify", Access::session, [&api](Call& call) {
    auto report = app::verify_audit_log(api.services(), call.user());
    if (!report) {
      return problem(call, report.error());
    }
    return json_response(call, Status::ok,
                         {{"ok", report->ok},
                          {"checked", report->checked},
                          {"bad_seq", report->bad_seq},
                          {"problem", report->problem},
                          {"mac_from", report->mac_from},
                          {"anchored", report->anchored}});
  });
}

} // namespace patronage::http
