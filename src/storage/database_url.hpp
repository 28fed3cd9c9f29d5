#pragma once

#include <string>
#include <string_view>

#include "util/error.hpp"

namespace patronage::storage {

enum class Backend { sqlite, postgres };

// A parsed database URL: "sqlite:PATH" (PATH may be ":memory:") or
// "postgresql://user:pass@host:port/db?..." (passed to libpq as given).
struct DatabaseUrl {
  Backend backend = Backend::sqlite;
  std::string target; // the SQLite path, or the libpq connection URI
};

util::Result<DatabaseUrl> parse_database_url(std::string_view url);

} // namespace patronage::storage
