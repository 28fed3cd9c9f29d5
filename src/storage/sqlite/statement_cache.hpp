#pragma once

#include <cstddef>

namespace patronage::storage::sqlite {

// Prepared statements kept per connection, for SOCI's SQLite backend.
//
// SOCI prepares every statement anew (sqlite3_prepare_v2) and finalizes it when done, so each query of a request
// paid SQLite's parser and planner again: the largest share of a case read's CPU (docs/benchmarks.md, issue 16).
// This process therefore defines sqlite3_prepare_v2, sqlite3_finalize, sqlite3_close and sqlite3_close_v2 itself
// (statement_cache.cpp), ahead of libsqlite3 in symbol lookup: a finalized statement is reset, its bindings
// cleared, and kept idle for its connection; the next prepare of the same text on the same connection takes it
// back instead of compiling it. A statement is never shared: one handed out is out of the cache until it is
// finalized. Closing a connection finalizes its idle statements first. Only prepares made by SOCI's backend are
// kept: libsqlite3 calls these symbols itself (sqlite3_exec, ALTER TABLE), and those pass straight through, as do
// texts holding more than one statement (a tail). At most `k_statements_per_connection` idle statements per connection,
// the least recently used go first. Thread-safe.

inline constexpr size_t k_statements_per_connection = 256;

struct StatementCacheStats {
  size_t hits = 0;   // prepares answered from the cache
  size_t misses = 0; // prepares that compiled
  size_t idle = 0;   // statements kept idle now, all connections
};

// Counters since the process started.
StatementCacheStats statement_cache_stats();

// Turns the cache on (the default) or off for prepares from now on; off, every prepare compiles and every
// finalize finalizes, as without the cache (benchmarks compare the two in one run). Idle statements stay until
// their connection closes or they are evicted. PATRONAGE_SQLITE_STATEMENT_CACHE=0 in the environment starts it off.
void enable_statement_cache(bool on);

} // namespace patronage::storage::sqlite
