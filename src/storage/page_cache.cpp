#include "storage/page_cache.hpp"

#include <algorithm>
#include <string>

#include <soci/soci.h>

#include "storage/database.hpp"
#include "storage/dialect.hpp"
#include "util/log.hpp"

namespace patronage::storage {

namespace {

// SQLite's own default: 2,000 KiB.
constexpr long long k_least_kib = 2000;

} // namespace

WidePageCache::WidePageCache(soci::session& sql, const Dialect& dialect, long long kib) {
  if (dialect.name() != "sqlite") {
    return;
  }
  sql << "PRAGMA cache_size", soci::into(m_before);
  // Negative: a size in KiB rather than in pages.
  sql << "PRAGMA cache_size = " + std::to_string(-std::max(kib, k_least_kib));
  m_sql = &sql;
}

WidePageCache::WidePageCache(Tx& tx, long long kib) : WidePageCache(tx.sql(), tx.dialect(), kib) {}

WidePageCache::~WidePageCache() {
  if (m_sql == nullptr) {
    return;
  }
  try {
    *m_sql << "PRAGMA cache_size = " + std::to_string(m_before);
  } catch (const std::exception& e) {
    util::log(util::LogLevel::error, "cannot restore the page cache size", {{"error", e.what()}});
  }
}

} // namespace patronage::storage
