#include "http/downloads.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>

#include "http/problem.hpp"
#include "util/crypto.hpp"
#include "util/csv_writer.hpp"
#include "util/files.hpp"
#include "util/log.hpp"
#include "util/xlsx_writer.hpp"

namespace patronage::http {
namespace {

struct TempFile {
  std::filesystem::path path;
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

constexpr std::string_view k_xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

} // namespace

std::optional<DownloadFormat> parse_download_format(std::string_view text) {
  if (text == "csv") {
    return DownloadFormat::csv;
  }
  if (text == "xlsx") {
    return DownloadFormat::xlsx;
  }
  return std::nullopt;
}

std::optional<DownloadFormat> download_format(const Call& call, std::optional<Response>& error) {
  const auto text = call.query_value("format");
  if (!text) {
    return std::nullopt;
  }
  auto format = parse_download_format(*text);
  if (!format) {
    error = problem(call, util::Error::field("format", "export.format_invalid"));
  }
  return format;
}

Response table_download(const Call& call, DownloadFormat format, const std::string& base_name,
                        const std::function<util::Result<long long>(util::TableSink&)>& write) {
  const bool csv = format == DownloadFormat::csv;
  TempFile file{std::filesystem::temp_directory_path() /
                ("patronage-export-" + util::random_token(12) + (csv ? ".csv" : ".xlsx"))};
  util::Result<long long> written = util::fail(util::Error::unavailable());
  try {
    // Personal data: the temporary file is the server's alone (0600, not over an existing file).
    if (const int error = util::create_private_file(file.path.string(), false); error != 0) {
      throw std::system_error(error, std::generic_category(), file.path.string());
    }
    if (csv) {
      std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
      util::CsvWriter sink(out);
      written = write(sink);
    } else {
      auto sink = std::make_unique<util::XlsxWriter>(file.path.string());
      written = write(*sink);
    }
  } catch (const std::exception& e) {
    util::log(util::LogLevel::error, "export failed", {{"request_id", call.request_id}, {"error", e.what()}});
    return problem(call, util::Error::unavailable("export.write_failed"));
  }
  if (!written) {
    return problem(call, written.error());
  }
  std::ifstream in(file.path, std::ios::binary);
  Response res{Status::ok, call.request.version()};
  res.body().assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  res.set(boost::beast::http::field::content_type, csv ? std::string_view("text/csv; charset=utf-8") : k_xlsx_type);
  res.set(boost::beast::http::field::content_disposition,
          "attachment; filename=\"" + base_name + (csv ? ".csv" : ".xlsx") + "\"");
  res.set(boost::beast::http::field::cache_control, "no-store");
  res.set("X-Request-Id", call.request_id);
  res.set("X-Row-Count", std::to_string(*written));
  res.prepare_payload();
  return res;
}

} // namespace patronage::http
