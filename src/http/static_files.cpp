#include "http/static_files.hpp"

#include "util/crypto.hpp"
#include "util/log.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace patronage::http {
namespace {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Whether `accept_encoding` lists `coding` without "q=0".
bool accepts(std::string_view accept_encoding, std::string_view coding) {
  size_t pos = 0;
  while (pos < accept_encoding.size()) {
    const size_t end = std::min(accept_encoding.find(',', pos), accept_encoding.size());
    std::string_view item = accept_encoding.substr(pos, end - pos);
    pos = end + 1;
    while (!item.empty() && item.front() == ' ') {
      item.remove_prefix(1);
    }
    const size_t semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    while (!name.empty() && name.back() == ' ') {
      name.remove_suffix(1);
    }
    if (name != coding) {
      continue;
    }
    if (semi == std::string_view::npos) {
      return true;
    }
    std::string_view params = item.substr(semi + 1);
    const size_t q = params.find("q=");
    if (q == std::string_view::npos) {
      return true;
    }
    const std::string_view value = params.substr(q + 2);
    return !(value.starts_with("0") && value.find_first_of("123456789") == std::string_view::npos);
  }
  return false;
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

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) {
    if (!root.empty()) {
      util::log(util::LogLevel::warn, "web root not found, serving no web app", {{"web_root", root}});
    }
    return;
  }
  const fs::path base = fs::canonical(root);
  std::unordered_map<std::string, std::string> compressed; // "/a.js.br" -> bytes
  size_t bytes = 0;
  for (auto it = fs::recursive_directory_iterator(base, fs::directory_options::none, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto& entry = *it;
    if (entry.is_symlink(ec) || !entry.is_regular_file(ec)) {
      continue;
    }
    if (m_assets.size() + compressed.size() >= k_max_files) {
      throw std::runtime_error("web root " + root + " holds more than " + std::to_string(k_max_files) + " files");
    }
    bytes += entry.file_size(ec);
    if (bytes > k_max_bytes) {
      throw std::runtime_error("web root " + root + " holds more than " + std::to_string(k_max_bytes >> 20) + " MiB");
    }
    const std::string name = "/" + entry.path().lexically_relative(base).generic_string();
    if (name.ends_with(".br") || name.ends_with(".gz")) {
      compressed[name] = read_whole(entry.path());
      continue;
    }
    Asset asset;
    asset.body = read_whole(entry.path());
    asset.etag = util::sha256_hex(asset.body).substr(0, 32);
    asset.type = content_type_for(name);
    m_assets.emplace(name, std::move(asset));
  }
  for (auto& [name, bytes_of] : compressed) {
    const auto original = m_assets.find(name.substr(0, name.size() - 3));
    if (original == m_assets.end()) {
      continue; // a compressed file is served only as a variant of its original
    }
    (name.ends_with(".br") ? original->second.brotli : original->second.gzip) = std::move(bytes_of);
  }
}

const StaticFiles::Asset* StaticFiles::find(const std::string& path, std::string& name) const {
  name = path == "/" ? "/index.html" : path;
  if (const auto it = m_assets.find(name); it != m_assets.end()) {
    return &it->second;
  }
  if (fs::path(name).has_extension()) {
    return nullptr;
  }
  name = "/index.html";
  const auto index = m_assets.find(name);
  return index == m_assets.end() ? nullptr : &index->second;
}

std::optional<Response> StaticFiles::serve(const Call& call, const std::string& path) const {
  std::string name;
  const Asset* asset = find(path, name);
  if (asset == nullptr) {
    return std::nullopt;
  }
  const Request& request = call.request;
  Response res{Status::ok, request.version()};
  res.set(bhttp::field::content_type, asset->type);
  res.set(bhttp::field::cache_control,
          name.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  const std::string* body = &asset->body;
  std::string etag = asset->etag;
  if (!asset->brotli.empty() || !asset->gzip.empty()) {
    res.set(bhttp::field::vary, "Accept-Encoding");
    const std::string_view accepted = request[bhttp::field::accept_encoding];
    if (!asset->brotli.empty() && accepts(accepted, "br")) {
      body = &asset->brotli;
      res.set(bhttp::field::content_encoding, "br");
      etag += "-br";
    } else if (!asset->gzip.empty() && accepts(accepted, "gzip")) {
      body = &asset->gzip;
      res.set(bhttp::field::content_encoding, "gzip");
      etag += "-gz";
    }
  }
  etag = "\"" + etag + "\"";
  res.set(bhttp::field::etag, etag);
  if (request[bhttp::field::if_none_match] == etag) {
    res.result(Status::not_modified);
    return res;
  }
  res.content_length(body->size());
  if (request.method() != Verb::head) {
    res.body() = *body;
  }
  return res;
}

} // namespace patronage::http
