#pragma once

namespace soci {
class session;
}

namespace patronage::storage {

class Dialect;
class Tx;

// While it lives, a SQLite connection keeps up to `kib` KiB of pages in memory (PRAGMA cache_size, never less than
// SQLite's usual 2,000), then what it kept before; nothing on PostgreSQL. For one transaction that changes more pages
// than the usual cache holds: past it, each changed page is written to the WAL and read back again and again. Pages
// are taken only as the transaction needs them. Used on the connection's own thread, inside its transaction; a
// failure to put the size back is logged, not thrown.
class WidePageCache {
public:
  WidePageCache(soci::session& sql, const Dialect& dialect, long long kib);
  WidePageCache(Tx& tx, long long kib);
  ~WidePageCache();
  WidePageCache(const WidePageCache&) = delete;
  WidePageCache& operator=(const WidePageCache&) = delete;

private:
  soci::session* m_sql = nullptr; // SQLite only
  long long m_before = 0;
};

} // namespace patronage::storage
