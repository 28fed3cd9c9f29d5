#include "storage/postgres/statement_cache.hpp"
#include "storage/interposed.hpp"

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <libpq-fe.h>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace patronage::storage::postgres {
namespace {

using PrepareFn = PGresult* (*)(PGconn*, const char*, const char*, int, const Oid*);
using ExecPreparedFn = PGresult* (*)(PGconn*, const char*, int, const char* const*, const int*, const int*, int);
using ExecParamsFn = PGresult* (*)(PGconn*, const char*, int, const Oid*, const char* const*, const int*, const int*,
                                   int);
using ExecFn = PGresult* (*)(PGconn*, const char*);
using FinishFn = void (*)(PGconn*);

// libpq's own functions, behind the ones this file defines.
struct Library {
  PrepareFn prepare = next_definition<PrepareFn>("PQprepare");
  ExecPreparedFn exec_prepared = next_definition<ExecPreparedFn>("PQexecPrepared");
  ExecParamsFn exec_params = next_definition<ExecParamsFn>("PQexecParams");
  ExecFn exec = next_definition<ExecFn>("PQexec");
  FinishFn finish = next_definition<FinishFn>("PQfinish");
  FinishFn reset = next_definition<FinishFn>("PQreset");
};

const Library& library() {
  static const Library functions;
  return functions;
}

std::atomic<bool>& enabled() {
  static std::atomic<bool> on{switched_on_by_environment("PATRONAGE_PG_STATEMENT_CACHE")};
  return on;
}

// One statement prepared on the server under our name.
struct Prepared {
  std::string name;
  std::string text;
  size_t users = 0;  // SOCI statements (aliases) and calls in progress using it
  bool kept = false; // in its connection's cache; else deallocated when the last user lets go
};
using PreparedPtr = std::shared_ptr<Prepared>;

struct Connection {
  std::list<PreparedPtr> recent;                                                  // kept, most recently used first
  std::unordered_map<std::string_view, std::list<PreparedPtr>::iterator> by_text; // views into the texts
  std::unordered_map<std::string, PreparedPtr> aliases;                           // SOCI's statement names
  std::vector<std::string> to_deallocate;                                         // ours, no longer used
};

struct Cache {
  std::mutex mutex;
  std::unordered_map<const PGconn*, Connection> connections;
  size_t kept = 0;
  std::atomic<size_t> hits{0};
  std::atomic<size_t> prepares{0};
  std::atomic<unsigned long long> next_name{0};
};

Cache& cache() {
  static Cache* const shared = new Cache(); // never destroyed: connections may end during static destruction
  return *shared;
}

// True when `caller` is code of SOCI's PostgreSQL backend: the cache stays out of other users of libpq.
bool called_from_soci(const void* caller) {
  static const void* const soci_base = library_base_of("factory_postgresql"); // exported by the backend
  thread_local LastCaller last;
  return is_code_of(soci_base, caller, last);
}

// The first word of `sql`, upper-cased, after blanks and opening parentheses.
std::string first_word(const char* sql) {
  std::string word;
  const char* at = sql;
  while (*at != '\0' && (std::isspace(static_cast<unsigned char>(*at)) != 0 || *at == '(')) {
    ++at;
  }
  while (std::isalpha(static_cast<unsigned char>(*at)) != 0 && word.size() < 8) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(*at)));
    ++at;
  }
  return word;
}

bool cacheable(const char* sql) {
  const std::string word = first_word(sql);
  return word == "SELECT" || word == "INSERT" || word == "UPDATE" || word == "DELETE" || word == "WITH" ||
         word == "VALUES";
}

bool changes_schema(const char* sql) {
  const std::string word = first_word(sql);
  return word == "CREATE" || word == "ALTER" || word == "DROP";
}

// Marks `prepared` no longer kept; deallocated now or when its last user lets go. Lock held.
void unkeep(Connection& connection, const PreparedPtr& prepared) {
  prepared->kept = false;
  --cache().kept;
  if (prepared->users == 0) {
    connection.to_deallocate.push_back(prepared->name);
  }
}

void forget_kept(Connection& connection) {
  for (const auto& prepared : connection.recent) {
    unkeep(connection, prepared);
  }
  connection.by_text.clear();
  connection.recent.clear();
}

void forget_one(Connection& connection, const PreparedPtr& prepared) {
  if (!prepared->kept) {
    return;
  }
  const auto found = connection.by_text.find(prepared->text);
  if (found != connection.by_text.end()) {
    const auto position = found->second;
    connection.by_text.erase(found);
    connection.recent.erase(position);
  }
  unkeep(connection, prepared);
}

// One user of `prepared` lets go of it. Lock held.
void let_go(Connection& connection, const PreparedPtr& prepared) {
  if (--prepared->users == 0 && !prepared->kept) {
    connection.to_deallocate.push_back(prepared->name);
  }
}

void release(PGconn* conn, const PreparedPtr& prepared) {
  Cache& c = cache();
  const std::lock_guard lock(c.mutex);
  if (const auto found = c.connections.find(conn); found != c.connections.end()) {
    let_go(found->second, prepared);
  }
}

// The kept statement of `text` on `conn`, now in use (release() it), or nullptr.
PreparedPtr acquire(PGconn* conn, std::string_view text) {
  Cache& c = cache();
  const std::lock_guard lock(c.mutex);
  const auto connection = c.connections.find(conn);
  if (connection == c.connections.end()) {
    return nullptr;
  }
  const auto found = connection->second.by_text.find(text);
  if (found == connection->second.by_text.end()) {
    return nullptr;
  }
  auto& recent = connection->second.recent;
  recent.splice(recent.begin(), recent, found->second);
  ++found->second->get()->users;
  ++c.hits;
  return *found->second;
}

// Deallocates the statements of `conn` no longer used, unless its transaction failed (the server would refuse).
void deallocate_unused(PGconn* conn) {
  std::vector<std::string> names;
  {
    Cache& c = cache();
    const std::lock_guard lock(c.mutex);
    const auto connection = c.connections.find(conn);
    if (connection == c.connections.end() || connection->second.to_deallocate.empty() ||
        PQtransactionStatus(conn) == PQTRANS_INERROR) {
      return;
    }
    names.swap(connection->second.to_deallocate);
  }
  std::string sql;
  for (const auto& name : names) {
    sql += "DEALLOCATE " + name + ";";
  }
  PQclear(library().exec(conn, sql.c_str()));
}

// Prepares `text` on `conn` under a new name of ours and keeps it, in use (release() it). On failure, nullptr and
// the failed result in `*failure`.
PreparedPtr prepare_kept(PGconn* conn, const char* text, int parameters, PGresult** failure) {
  deallocate_unused(conn);
  Cache& c = cache();
  auto prepared = std::make_shared<Prepared>();
  prepared->name = "patronage_" + std::to_string(++c.next_name);
  prepared->text = text;
  PGresult* result = library().prepare(conn, prepared->name.c_str(), text, parameters, nullptr);
  ++c.prepares;
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    *failure = result;
    return nullptr;
  }
  PQclear(result);
  const std::lock_guard lock(c.mutex);
  Connection& connection = c.connections[conn];
  prepared->users = 1;
  if (connection.by_text.contains(prepared->text)) {
    return prepared; // cannot happen on a connection used by one thread at a time; used once, then deallocated
  }
  prepared->kept = true;
  ++c.kept;
  connection.recent.push_front(prepared);
  connection.by_text.emplace(prepared->text, connection.recent.begin());
  if (connection.recent.size() > k_statements_per_connection) {
    const PreparedPtr oldest = connection.recent.back(); // forget_one erases the list's copy
    forget_one(connection, oldest);
  }
  return prepared;
}

bool result_type_changed(const PGresult* result) {
  if (PQresultStatus(result) != PGRES_FATAL_ERROR) {
    return false;
  }
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  return state != nullptr && std::string_view(state) == "0A000" && message != nullptr &&
         std::strstr(message, "cached plan must not change result type") != nullptr;
}

// Runs `prepared` (in use) on `conn`. If its result columns changed under it, it is forgotten, and outside a
// transaction block prepared again (then `prepared` is the new one, in use) and run once more.
PGresult* run(PGconn* conn, PreparedPtr& prepared, int parameters, const char* const* values, const int* lengths,
              const int* formats, int result_format) {
  PGresult* result =
      library().exec_prepared(conn, prepared->name.c_str(), parameters, values, lengths, formats, result_format);
  if (!result_type_changed(result)) {
    return result;
  }
  {
    Cache& c = cache();
    const std::lock_guard lock(c.mutex);
    if (const auto connection = c.connections.find(conn); connection != c.connections.end()) {
      forget_one(connection->second, prepared);
    }
  }
  if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
    return result;
  }
  PGresult* failure = nullptr;
  PreparedPtr again = prepare_kept(conn, prepared->text.c_str(), parameters, &failure);
  if (again == nullptr) {
    PQclear(result);
    return failure;
  }
  PQclear(result);
  release(conn, prepared);
  prepared = std::move(again);
  return library().exec_prepared(conn, prepared->name.c_str(), parameters, values, lengths, formats, result_format);
}

// A one-shot statement of SOCI's: prepared once, then run by name.
PGresult* run_text(PGconn* conn, const char* text, int parameters, const char* const* values, const int* lengths,
                   const int* formats, int result_format) {
  PreparedPtr prepared = acquire(conn, text);
  if (prepared == nullptr) {
    PGresult* failure = nullptr;
    prepared = prepare_kept(conn, text, parameters, &failure);
    if (prepared == nullptr) {
      return failure;
    }
  }
  PGresult* result = run(conn, prepared, parameters, values, lengths, formats, result_format);
  release(conn, prepared);
  return result;
}

void forget_connection(const PGconn* conn) {
  Cache& c = cache();
  const std::lock_guard lock(c.mutex);
  if (const auto found = c.connections.find(conn); found != c.connections.end()) {
    c.kept -= found->second.recent.size();
    c.connections.erase(found);
  }
}

void schema_changing(PGconn* conn) {
  Cache& c = cache();
  const std::lock_guard lock(c.mutex);
  if (const auto found = c.connections.find(conn); found != c.connections.end()) {
    forget_kept(found->second);
  }
}

// The name in "DEALLOCATE name", or empty.
std::string_view deallocated_name(const char* sql) {
  constexpr std::string_view keyword = "DEALLOCATE ";
  const std::string_view text(sql);
  return text.starts_with(keyword) ? text.substr(keyword.size()) : std::string_view();
}

} // namespace

StatementCacheStats statement_cache_stats() {
  Cache& c = cache();
  const std::lock_guard lock(c.mutex);
  return {c.hits.load(), c.prepares.load(), c.kept};
}

void enable_statement_cache(bool on) {
  enabled() = on;
}

void install_statement_cache() {
  static_cast<void>(library());
}

} // namespace patronage::storage::postgres

extern "C" {

PGresult* PQprepare(PGconn* conn, const char* name, const char* query, int parameters, const Oid* types) {
  using namespace patronage::storage::postgres;
  if (!enabled().load() || conn == nullptr || name == nullptr || query == nullptr || types != nullptr ||
      !cacheable(query) || !called_from_soci(__builtin_return_address(0))) {
    if (conn != nullptr && query != nullptr && changes_schema(query)) {
      schema_changing(conn);
    }
    return library().prepare(conn, name, query, parameters, types);
  }
  PreparedPtr prepared = acquire(conn, query);
  if (prepared == nullptr) {
    PGresult* failure = nullptr;
    prepared = prepare_kept(conn, query, parameters, &failure);
    if (prepared == nullptr) {
      return failure;
    }
  }
  Cache& c = cache();
  {
    const std::lock_guard lock(c.mutex);
    Connection& connection = c.connections[conn];
    auto& alias = connection.aliases[name];
    if (alias != nullptr) { // SOCI reuses a name only after deallocating it; if not, the old one is let go
      let_go(connection, alias);
    }
    alias = prepared;
  }
  return PQmakeEmptyPGresult(conn, PGRES_COMMAND_OK);
}

PGresult* PQexecPrepared(PGconn* conn, const char* name, int parameters, const char* const* values, const int* lengths,
                         const int* formats, int result_format) {
  using namespace patronage::storage::postgres;
  PreparedPtr prepared;
  if (conn != nullptr && name != nullptr) {
    Cache& c = cache();
    const std::lock_guard lock(c.mutex);
    if (const auto connection = c.connections.find(conn); connection != c.connections.end()) {
      if (const auto alias = connection->second.aliases.find(name); alias != connection->second.aliases.end()) {
        prepared = alias->second;
        ++prepared->users;
      }
    }
  }
  if (prepared == nullptr) {
    return library().exec_prepared(conn, name, parameters, values, lengths, formats, result_format);
  }
  const PreparedPtr before = prepared;
  PGresult* result = run(conn, prepared, parameters, values, lengths, formats, result_format);
  if (prepared != before) { // prepared again: the alias follows
    Cache& c = cache();
    const std::lock_guard lock(c.mutex);
    if (const auto connection = c.connections.find(conn); connection != c.connections.end()) {
      if (const auto alias = connection->second.aliases.find(name); alias != connection->second.aliases.end()) {
        let_go(connection->second, alias->second);
        alias->second = prepared;
        ++prepared->users;
      }
    }
  }
  release(conn, prepared);
  return result;
}

PGresult* PQexecParams(PGconn* conn, const char* query, int parameters, const Oid* types, const char* const* values,
                       const int* lengths, const int* formats, int result_format) {
  using namespace patronage::storage::postgres;
  if (!enabled().load() || conn == nullptr || query == nullptr || types != nullptr || !cacheable(query) ||
      !called_from_soci(__builtin_return_address(0))) {
    if (conn != nullptr && query != nullptr && changes_schema(query)) {
      schema_changing(conn);
    }
    return library().exec_params(conn, query, parameters, types, values, lengths, formats, result_format);
  }
  return run_text(conn, query, parameters, values, lengths, formats, result_format);
}

PGresult* PQexec(PGconn* conn, const char* query) {
  using namespace patronage::storage::postgres;
  if (conn == nullptr || query == nullptr) {
    return library().exec(conn, query);
  }
  if (const std::string_view name = deallocated_name(query); !name.empty()) {
    Cache& c = cache();
    const std::lock_guard lock(c.mutex);
    if (const auto connection = c.connections.find(conn); connection != c.connections.end()) {
      auto& aliases = connection->second.aliases;
      if (const auto alias = aliases.find(std::string(name)); alias != aliases.end()) {
        let_go(connection->second, alias->second);
        aliases.erase(alias);
        return PQmakeEmptyPGresult(conn, PGRES_COMMAND_OK);
      }
    }
    return library().exec(conn, query);
  }
  if (changes_schema(query)) {
    schema_changing(conn);
    return library().exec(conn, query);
  }
  // Without parameters SOCI sends its one-shot statements by the simple protocol, which takes several statements
  // in one text: only a text without a semicolon can be a single statement to prepare.
  if (enabled().load() && std::strchr(query, ';') == nullptr && cacheable(query) &&
      called_from_soci(__builtin_return_address(0))) {
    return run_text(conn, query, 0, nullptr, nullptr, nullptr, 0);
  }
  return library().exec(conn, query);
}

void PQfinish(PGconn* conn) {
  patronage::storage::postgres::forget_connection(conn);
  patronage::storage::postgres::library().finish(conn);
}

void PQreset(PGconn* conn) {
  patronage::storage::postgres::forget_connection(conn);
  patronage::storage::postgres::library().reset(conn);
}

} // extern "C"
