#pragma once

#include <cstddef>

namespace patronage::storage::postgres {

// Prepared statements kept per connection, for SOCI's PostgreSQL backend (the counterpart of
// storage/sqlite/statement_cache.hpp).
//
// SOCI 4.0.3 sends a `prepare <<` statement as PQprepare under a name of its own, PQexecPrepared, then
// "DEALLOCATE name" when the statement object ends (three round trips), and a one-shot `sql << …` as PQexecParams
// (or PQexec without parameters): either way PostgreSQL parses and plans every statement anew, which was most of
// the database's CPU per request (docs/benchmarks.md, issue 16). This process therefore defines PQprepare,
// PQexecPrepared, PQexecParams, PQexec, PQfinish and PQreset itself (statement_cache.cpp), ahead of libpq in symbol
// lookup. A SELECT, INSERT, UPDATE, DELETE, WITH or VALUES text from SOCI's backend is prepared once per connection
// under a name of ours ("patronage_N"); SOCI's PQprepare of a text already kept is answered without a round trip,
// its name becomes an alias of ours, its PQexecPrepared runs ours, and its DEALLOCATE only drops the alias; a
// one-shot text runs as PQexecPrepared of ours. Results are read whole (SOCI's single-row mode is not used here and
// is not intercepted), so one prepared statement serves any number of SOCI statements at once.
//
// A failed prepare is not kept. At most `k_statements_per_connection` texts per connection, the least recently used
// are deallocated first (once no SOCI statement uses them). PQfinish and PQreset forget the connection's statements
// (a reset connection has none left on the server). DDL (CREATE, ALTER, DROP) through a connection forgets that
// connection's statements, and a kept statement whose result columns changed under it ("cached plan must not
// change result type") is forgotten, and prepared and run again when no transaction block was in progress.
// Thread-safe.

inline constexpr size_t k_statements_per_connection = 256;

struct StatementCacheStats {
  size_t hits = 0;     // statements run without being prepared again
  size_t prepares = 0; // statements prepared by the cache (PQprepare on the server)
  size_t kept = 0;     // texts kept now, all connections
};

// Puts the cache in the process: a static library's object is linked only when something refers to it, and
// open_connection (postgres_dialect.cpp) calls this. Cheap; resolves libpq's functions behind ours.
void install_statement_cache();

// Counters since the process started.
StatementCacheStats statement_cache_stats();

// Turns the cache on (the default) or off for statements prepared from now on; off, SOCI's calls go to libpq as
// they are (benchmarks compare the two in one run). Statements already kept stay until their connection ends or
// they are evicted. PATRONAGE_PG_STATEMENT_CACHE=0 in the environment starts it off.
void enable_statement_cache(bool on);

} // namespace patronage::storage::postgres
