#include "storage/database_url.hpp"

namespace patronage::storage {

util::Result<DatabaseUrl> parse_database_url(std::string_view url) {
  constexpr std::string_view k_sqlite = "sqlite:";
  if (url.starts_with(k_sqlite) && url.size() > k_sqlite.size()) {
    return DatabaseUrl{Backend::sqlite, std::string(url.substr(k_sqlite.size()))};
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return DatabaseUrl{Backend::postgres, std::string(url)};
  }
  return util::fail(util::Error::field("database", "config.database_url_invalid"));
}

} // namespace patronage::storage
