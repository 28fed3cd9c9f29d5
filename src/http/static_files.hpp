#pragma once

#include <optional>
#include <string>

#include "http/call.hpp"

namespace patronage::http {

// Serves the built web app from `root`: files with their content type,
// "/assets/*" cached for a year (their names carry a content hash), other
// files revalidated; unknown paths without an extension get index.html so
// that the single-page app can route them.
class StaticFiles {
public:
  explicit StaticFiles(std::string root) : m_root(std::move(root)) {}
  // std::nullopt when no file fits (the caller answers 404).
  std::optional<Response> serve(const Call& call, const std::string& path) const;

private:
  std::string m_root;
};

std::string_view content_type_for(std::string_view path);

} // namespace patronage::http
