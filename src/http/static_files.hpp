#pragma once

#include "http/call.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace patronage::http {

// Serves the built web app. The asset set is read into memory once, at
// construction, from the regular files under `root` (symlinks are skipped);
// a request is answered only when its decoded path names one of them, so no
// path of a request ever reaches the file system. "/assets/*" is cached for a
// year (their names carry a content hash), other files are revalidated by
// ETag; a "name.br" or "name.gz" beside a file is sent instead of it when the
// client accepts that encoding. Unknown paths without an extension get
// index.html so that the single-page app can route them. Read-only after
// construction, so any thread may call `serve`.
class StaticFiles {
public:
  // Throws std::runtime_error when `root` holds more than the limits allow
  // (a web root set to a system folder by mistake). An empty or missing
  // `root` serves nothing.
  explicit StaticFiles(const std::string& root);

  // std::nullopt when no asset fits (the caller answers 404).
  std::optional<Response> serve(const Call& call, const std::string& path) const;

  size_t size() const { return m_assets.size(); }

  static constexpr size_t k_max_files = 2000;
  static constexpr size_t k_max_bytes = size_t{128} << 20;

private:
  struct Asset {
    std::string body;
    std::string brotli;
    std::string gzip;
    std::string etag;
    std::string_view type;
  };
  const Asset* find(const std::string& path, std::string& name) const;

  std::unordered_map<std::string, Asset> m_assets; // by URL path, "/index.html"
};

std::string_view content_type_for(std::string_view path);

} // namespace patronage::http
