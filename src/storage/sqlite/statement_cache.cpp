#include "storage/sqlite/statement_cache.hpp"
#include "storage/interposed.hpp"

#include <dlfcn.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace patronage::storage::sqlite {
namespace {

using PrepareFn = int (*)(sqlite3*, const char*, int, sqlite3_stmt**, const char**);
using FinalizeFn = int (*)(sqlite3_stmt*);
using CloseFn = int (*)(sqlite3*);

// libsqlite3's own functions, behind the ones this file defines.
struct Library {
  PrepareFn prepare_v2 = next_definition<PrepareFn>("sqlite3_prepare_v2");
  FinalizeFn finalize = next_definition<FinalizeFn>("sqlite3_finalize");
  CloseFn close = next_definition<CloseFn>("sqlite3_close");
  CloseFn close_v2 = next_definition<CloseFn>("sqlite3_close_v2");
};

const Library& library() {
  static const Library functions;
  return functions;
}

std::atomic<bool>& enabled() {
  static std::atomic<bool> on{switched_on_by_environment("PATRONAGE_SQLITE_STATEMENT_CACHE")};
  return on;
}

struct Idle {
  std::string sql;
  sqlite3_stmt* stmt = nullptr;
};

// The idle statements of one connection, most recently kept first.
class ConnectionStatements {
public:
  sqlite3_stmt* take(std::string_view sql) {
    const auto found = m_by_sql.find(sql);
    if (found == m_by_sql.end()) {
      return nullptr;
    }
    const auto position = found->second;
    sqlite3_stmt* stmt = position->stmt;
    m_by_sql.erase(found);
    m_recent.erase(position);
    return stmt;
  }

  // Keeps `stmt`; returns the statement evicted to make room, or nullptr.
  sqlite3_stmt* keep(std::string sql, sqlite3_stmt* stmt) {
    m_recent.push_front({std::move(sql), stmt});
    m_by_sql.emplace(m_recent.front().sql, m_recent.begin());
    if (m_recent.size() <= k_statements_per_connection) {
      return nullptr;
    }
    const auto oldest = std::prev(m_recent.end());
    const auto [first, last] = m_by_sql.equal_range(oldest->sql);
    for (auto entry = first; entry != last; ++entry) {
      if (entry->second == oldest) {
        m_by_sql.erase(entry);
        break;
      }
    }
    sqlite3_stmt* evicted = oldest->stmt;
    m_recent.erase(oldest);
    return evicted;
  }

  std::vector<sqlite3_stmt*> take_all() {
    std::vector<sqlite3_stmt*> all;
    for (const auto& idle : m_recent) {
      all.push_back(idle.stmt);
    }
    m_by_sql.clear();
    m_recent.clear();
    return all;
  }

  size_t size() const { return m_recent.size(); }

private:
  std::list<Idle> m_recent;
  std::unordered_multimap<std::string_view, std::list<Idle>::iterator> m_by_sql; // views into m_recent's texts
};

struct Cache {
  std::mutex mutex;
  std::unordered_map<sqlite3*, ConnectionStatements> idle;
  // Statements handed out that may be kept when finalized, with their text.
  std::unordered_map<sqlite3_stmt*, std::string> out;
  size_t idle_count = 0;
  std::atomic<size_t> hits{0};
  std::atomic<size_t> misses{0};
};

Cache& cache() {
  static Cache* const shared = new Cache(); // never destroyed: connections may close during static destruction
  return *shared;
}

// True when `caller` is code of SOCI's SQLite backend. libsqlite3 calls its own sqlite3_prepare_v2 and
// sqlite3_finalize too (sqlite3_exec, ALTER TABLE), through the same symbols; those statements are its business.
bool called_from_soci(const void* caller) {
  static const void* const soci_base = library_base_of("factory_sqlite3"); // exported by the backend
  thread_local LastCaller last;
  return is_code_of(soci_base, caller, last);
}

// The text SQLite reads: up to `length` bytes or the first NUL.
std::string_view text_of(const char* sql, int length) {
  return length < 0 ? std::string_view(sql) : std::string_view(sql, strnlen(sql, static_cast<size_t>(length)));
}

bool only_blanks(std::string_view rest) {
  return rest.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

int close_with(CloseFn close, sqlite3* db) {
  Cache& c = cache();
  std::vector<sqlite3_stmt*> idle;
  {
    const std::lock_guard lock(c.mutex);
    if (const auto found = c.idle.find(db); found != c.idle.end()) {
      idle = found->second.take_all();
      c.idle_count -= idle.size();
      c.idle.erase(found);
    }
    // Statements still out when their connection closes are finalized for real later.
    std::erase_if(c.out, [db](const auto& entry) { return sqlite3_db_handle(entry.first) == db; });
  }
  for (sqlite3_stmt* stmt : idle) {
    library().finalize(stmt);
  }
  return close(db);
}

} // namespace

StatementCacheStats statement_cache_stats() {
  Cache& c = cache();
  const std::lock_guard lock(c.mutex);
  return {c.hits.load(), c.misses.load(), c.idle_count};
}

void enable_statement_cache(bool on) { enabled() = on; }

} // namespace patronage::storage::sqlite

extern "C" {

int sqlite3_prepare_v2(sqlite3* db, const char* sql, int length, sqlite3_stmt** stmt, const char** tail) {
  using namespace patronage::storage::sqlite;
  const auto& sqlite = library();
  if (!enabled().load() || db == nullptr || sql == nullptr || stmt == nullptr ||
      !called_from_soci(__builtin_return_address(0))) {
    return sqlite.prepare_v2(db, sql, length, stmt, tail);
  }
  const std::string_view text = text_of(sql, length);
  Cache& c = cache();
  {
    const std::lock_guard lock(c.mutex);
    if (const auto found = c.idle.find(db); found != c.idle.end()) {
      if (sqlite3_stmt* kept = found->second.take(text)) {
        --c.idle_count;
        c.out.emplace(kept, std::string(text));
        ++c.hits;
        *stmt = kept;
        if (tail != nullptr) {
          *tail = sql + text.size();
        }
        return SQLITE_OK;
      }
    }
  }
  const char* rest = nullptr;
  const int rc = sqlite.prepare_v2(db, sql, length, stmt, &rest);
  if (tail != nullptr) {
    *tail = rest;
  }
  ++c.misses;
  if (rc == SQLITE_OK && *stmt != nullptr && rest != nullptr &&
      only_blanks(text.substr(static_cast<size_t>(rest - sql)))) {
    const std::lock_guard lock(c.mutex);
    c.out.emplace(*stmt, std::string(text));
  }
  return rc;
}

int sqlite3_finalize(sqlite3_stmt* stmt) {
  using namespace patronage::storage::sqlite;
  const auto& sqlite = library();
  if (stmt == nullptr) {
    return sqlite.finalize(stmt);
  }
  Cache& c = cache();
  std::string text;
  {
    const std::lock_guard lock(c.mutex);
    const auto found = c.out.find(stmt);
    if (found == c.out.end()) {
      return sqlite.finalize(stmt);
    }
    text = std::move(found->second);
    c.out.erase(found);
  }
  // sqlite3_reset answers what sqlite3_finalize would: the error of the last step, if it failed.
  const int rc = sqlite3_reset(stmt);
  if (rc != SQLITE_OK || !enabled().load()) {
    return sqlite.finalize(stmt);
  }
  sqlite3_clear_bindings(stmt);
  sqlite3_stmt* evicted = nullptr;
  {
    const std::lock_guard lock(c.mutex);
    auto& statements = c.idle[sqlite3_db_handle(stmt)];
    evicted = statements.keep(std::move(text), stmt);
    if (evicted == nullptr) {
      ++c.idle_count;
    }
  }
  if (evicted != nullptr) {
    sqlite.finalize(evicted);
  }
  return SQLITE_OK;
}

int sqlite3_close(sqlite3* db) {
  return patronage::storage::sqlite::close_with(patronage::storage::sqlite::library().close, db);
}

int sqlite3_close_v2(sqlite3* db) {
  return patronage::storage::sqlite::close_with(patronage::storage::sqlite::library().close_v2, db);
}

} // extern "C"
