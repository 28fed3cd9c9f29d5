#include "http/static_files.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

namespace patronage::http {
namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool safe_path(const std::string& path) {
  return path.find("..") == std::string::npos && path.find('\\') == std::string::npos &&
         path.find('\0') == std::string::npos;
}

} // namespace

std::string_view content_type_for(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> k_types{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".webp", "image/webp"},
  }};
  for (const auto& [ext, type] : k_types) {
    if (path.ends_with(ext)) {
      return type;
    }
  }
  return "application/octet-stream";
}

std::optional<Response> StaticFiles::serve(const Call& call, const std::string& path) const {
  if (m_root.empty() || !safe_path(path)) {
    return std::nullopt;
  }
  std::string relative = path == "/" ? "/index.html" : path;
  auto body = read_file(std::filesystem::path(m_root) / relative.substr(1));
  const bool has_extension = std::filesystem::path(relative).has_extension();
  if (!body && !has_extension) {
    relative = "/index.html";
    body = read_file(std::filesystem::path(m_root) / "index.html");
  }
  if (!body) {
    return std::nullopt;
  }
  Response res{Status::ok, call.request.version()};
  res.set(boost::beast::http::field::content_type, content_type_for(relative));
  res.set(boost::beast::http::field::cache_control,
          relative.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  res.content_length(body->size());
  if (call.request.method() != Verb::head) {
    res.body() = std::move(*body);
  }
  return res;
}

} // namespace patronage::http
