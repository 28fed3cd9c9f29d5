#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/exports.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "cli/safeguards.hpp"
#include "http/messages.hpp"
#include "util/csv_writer.hpp"
#include "util/files.hpp"
#include "util/time.hpp"
#include "util/xlsx_writer.hpp"

namespace patronage::cli {
namespace {

http::Lang language() {
  const char* lang = std::getenv("LANG");
  return lang != nullptr && std::string_view(lang).starts_with("en") ? http::Lang::en : http::Lang::ru;
}

// The format named by --format, else by the extension of --out.
util::Result<std::string> format_of(const ExportOptions& options) {
  std::string format = options.format;
  if (format.empty()) {
    format = std::filesystem::path(options.out).extension().string();
    if (!format.empty()) {
      format.erase(0, 1);
    }
  }
  if (format != "csv" && format != "xlsx") {
    return util::fail(util::Error::field("format", "export.format_invalid"));
  }
  return format;
}

// The audit filter of --from/--to (whole days, UTC) and --user.
util::Result<storage::AuditFilter> audit_filter_of(const ExportOptions& options) {
  storage::AuditFilter filter;
  std::vector<util::FieldError> fields;
  auto day = [&](const std::string& text, const char* name, int extra) -> std::optional<long long> {
    if (text.empty()) {
      return std::nullopt;
    }
    auto date = util::parse_date(text);
    if (!date) {
      fields.push_back({name, "validation.date_invalid"});
      return std::nullopt;
    }
    return util::Timestamp(*date + std::chrono::days{extra}).time_since_epoch().count();
  };
  filter.from = day(options.from, "from", 0);
  filter.to = day(options.to, "to", 1);
  if (!options.user.empty()) {
    filter.user_id = options.user;
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return filter;
}

std::optional<std::string> given(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

} // namespace

int run_export(Config config, const ExportOptions& options) {
  auto format = format_of(options);
  if (!format) {
    return report(format.error());
  }
  // --out is renamed into place: it must not replace the database or its key.
  for (const std::string& path : {options.out, options.out + ".part"}) {
    if (auto refused = refuse_database_file(config, path); !refused) {
      return report(refused.error());
    }
  }
  std::optional<storage::ExportList> list;
  if (options.list != "audit") {
    list = app::parse_export_list(options.list);
    if (!list) {
      return report(util::Error::field("list", "export.list_unknown"));
    }
  }
  auto runtime = open_runtime(std::move(config));
  if (!runtime) {
    return report(runtime.error());
  }
  const auto lang = language();
  auto translate = [lang](const std::string& key) { return http::translate(lang, key); };
  auto progress = [lang](long long rows) {
    std::cerr << "\r" << http::translate(lang, "cli.export_progress", {{"count", std::to_string(rows)}})
              << std::flush;
  };
  // Written beside the target and renamed when complete, so --out never holds half an export.
  const std::filesystem::path target(options.out);
  const std::filesystem::path part(options.out + ".part");
  util::Result<long long> written = util::fail(util::Error::unavailable());
  try {
    // Personal data: only the operator's account may read the export (0600).
    if (util::create_private_file(part.string(), true) != 0) {
      return report(util::Error::unavailable("export.write_failed").with("path", options.out));
    }
    std::ofstream csv_out;
    std::unique_ptr<util::TableSink> sink;
    if (*format == "csv") {
      csv_out.open(part, std::ios::binary | std::ios::trunc);
      if (!csv_out) {
        return report(util::Error::unavailable("export.write_failed").with("path", options.out));
      }
      sink = std::make_unique<util::CsvWriter>(csv_out);
    } else {
      sink = std::make_unique<util::XlsxWriter>(part.string());
    }
    if (list) {
      // The command line exports as the head of the whole tree (the operator holds the database anyway).
      app::Actor actor = app::command_line_actor();
      actor.role = domain::Role::head;
      app::ExportRequest request{*list, given(options.unit), given(options.from), given(options.to)};
      written = app::export_list(*(*runtime)->services, actor, {"cli", ""}, request, *sink, translate, progress);
    } else {
      auto filter = audit_filter_of(options);
      if (!filter) {
        written = util::fail(filter.error());
      } else {
        written = app::export_audit_log(*(*runtime)->services, app::command_line_actor(), {"cli", ""}, *filter,
                                        *sink, translate, progress);
      }
    }
  } catch (const std::exception&) {
    written = util::fail(util::Error::unavailable("export.write_failed").with("path", options.out));
  }
  std::cerr << "\n";
  std::error_code ec;
  if (!written) {
    std::filesystem::remove(part, ec);
    return report(written.error());
  }
  std::filesystem::rename(part, target, ec);
  if (ec) {
    std::filesystem::remove(part, ec);
    return report(util::Error::unavailable("export.write_failed").with("path", options.out));
  }
  say("cli.export_done", {{"count", std::to_string(*written)}, {"path", options.out}});
  return 0;
}

} // namespace patronage::cli
