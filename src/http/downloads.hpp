#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "http/call.hpp"
#include "util/error.hpp"
#include "util/table.hpp"

namespace patronage::http {

enum class DownloadFormat { csv, xlsx };

// "csv" / "xlsx" → the format; std::nullopt otherwise.
std::optional<DownloadFormat> parse_download_format(std::string_view text);

// Fills a table sink of `format` by `write` into a temporary file (rows go
// to disk as they come, not into a growing buffer), then answers the file as
// an attachment "<base_name>.<csv|xlsx>" and removes it. When `write` fails
// the answer is its problem+json and no file is left behind.
Response table_download(const Call& call, DownloadFormat format, const std::string& base_name,
                        const std::function<util::Result<long long>(util::TableSink&)>& write);

// The `format` query parameter: std::nullopt when absent; a problem answer in
// `error` when present but neither csv nor xlsx.
std::optional<DownloadFormat> download_format(const Call& call, std::optional<Response>& error);

} // namespace patronage::http
