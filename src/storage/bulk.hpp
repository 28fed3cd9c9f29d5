#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "storage/dialect.hpp"
#include "storage/page_cache.hpp"
#include "util/error.hpp"

namespace soci {
class session;
class statement;
} // namespace soci

namespace patronage::storage {
class Tx;
} // namespace patronage::storage

namespace patronage::storage::bulk {

// The bulk path: loads many rows into a database through prepared SOCI statements that are reused for the whole
// load, binding whole batches of rows at once (SOCI vector binding) and committing every
// `Options::rows_per_commit` rows. Used by the synthetic-region generator (bench/generate) and meant for
// imports. A Loader is used by one thread; it owns one connection, which its own writer thread drives: a full
// batch is handed over (double buffering) and written while the caller fills the next one. Loader::within writes
// into a transaction someone else owns instead (an import's).

struct Options {
  // Rows (over all tables) per transaction.
  size_t rows_per_commit = 50000;
  // Rows per table bound and executed at once.
  size_t batch_rows = 1000;
  // SQLite only, for loading a NEW database that is thrown away when the load fails: no journal and
  // synchronous=OFF while loading (a failed load or a power cut during it leaves a corrupt file), then WAL,
  // synchronous=FULL and a checkpoint in finish(), so that the finished file is as durable as one written by the
  // server. Off: every commit is durable (WAL, synchronous=FULL), as everywhere else.
  bool unsafe_fast = false;
  // SQLite only, for a NEW database whose rows are consistent by construction: no foreign-key checks while
  // loading, and the secondary indexes of the loaded tables dropped when a table is first asked for and
  // created again (same SQL, sorted in one pass) in finish(). A failed load leaves a file without them.
  bool defer_checks = false;
  // SQLite page cache for the load, in KiB.
  long long cache_kib = 256 * 1024;
  // Each batch of a table named in key_columns_of written in the byte order of its key: the rows land in neighbouring
  // B-tree pages one after another instead of all over the table. Where a table keeps its rows (WITHOUT ROWID) the
  // order is the key's whatever the order of writing, so nothing else changes.
  bool in_key_order = false;
};

struct Null {};
// One column value of a row. Strings are copied when added.
using Value = std::variant<Null, long long, std::string_view>;

class Loader;

// The buffered rows of one table. Obtained from Loader::table; lives as long as its Loader.
class Table {
public:
  ~Table();
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  // Adds one row: exactly one value per column, in the order of the columns; a string for a text column, an
  // integer for an integer column, Null for either. A row may be written (and committed) at any later add() or
  // at Loader::finish(); the rows of a table are written in the order added.
  // A failed write is reported by Loader::finish(); rows added after it are dropped.
  void add(std::initializer_list<Value> values);
  size_t rows_added() const { return m_added; }

  struct Buffers; // the rows being filled and those handed to the writer (bulk.cpp)

private:
  friend class Loader;
  Table(Loader& loader, const std::string& name, const std::vector<std::string>& columns);
  void submit();          // caller's thread: hands the filled rows to the writer
  void write_handed();    // writer thread

  void sort_handed();     // writer thread: the handed rows in the order of their key

  Loader& m_loader;
  std::unique_ptr<Buffers> m_buffers;
  size_t m_added = 0;
};

class Loader {
public:
  // Opens its own connection to the database at `url` (migrated beforehand by Database::migrate) and begins the
  // first transaction. Fails with `unavailable` when the database cannot be opened.
  static util::Result<std::unique_ptr<Loader>> open(std::string_view url, const Options& options = {});
  // A Loader that writes into `tx`, an open write transaction whose owner commits or rolls it back: it never
  // begins, commits or rolls back, ignores rows_per_commit, unsafe_fast and defer_checks, and writes each batch on
  // the caller's thread, so the caller may use `tx` between add() calls (pending rows are written at a full batch,
  // at execute() and at finish(): call finish() before reading what was added). On SQLite the connection's page
  // cache is `cache_kib` while the Loader lives (a large transaction that overflows it writes pages to the WAL
  // again and again), then what it was.
  static std::unique_ptr<Loader> within(Tx& tx, const Options& options = {});
  ~Loader();
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;

  // The table `name` with `columns`; an integer column is named with the suffix ":int" ("created_at:int"). The
  // same name returns the same Table. Tables are written in the order they were first asked for, so ask for a
  // parent table before its children (foreign keys are checked).
  Table& table(const std::string& name, const std::vector<std::string>& columns);
  // The table `name` with its columns of storage/bulk_tables.hpp (columns_of); throws std::out_of_range for a table
  // that has no list there.
  Table& table(const std::string& name);

  // Runs one statement (e.g. an UPDATE of a head row) inside the current transaction after writing every
  // pending row. Fails with the first error of the load.
  util::Status execute(const std::string& sql);

  // Writes every pending row and commits; for SQLite with unsafe_fast, restores synchronous=FULL and checkpoints
  // the WAL into the database file. On failure nothing after the last commit is kept. When rows of `visits` or
  // `service_deliveries` were added, their report counters are rebuilt from every row before the commit
  // (storage/visit_day_counts.hpp, storage/delivery_day_counts.hpp); until then, and after a failed load, they do not
  // count the loaded rows.
  util::Status finish();

  // Rows added so far over all tables.
  long long rows() const { return m_rows; }

private:
  friend class Table;
  Loader(std::unique_ptr<soci::session> sql, std::unique_ptr<Dialect> dialect, const Options& options);
  Loader(soci::session& sql, const Dialect& dialect, const Options& options); // within a transaction
  void row_added(Table& table);
  void write_all();
  void fail(const std::exception& e);
  void enqueue(std::function<void()> job, Table::Buffers* release = nullptr);
  void drain();
  void writer_loop();
  bool failed();

  std::unique_ptr<soci::session> m_own_sql;   // open(): the Loader's own connection
  std::unique_ptr<Dialect> m_own_dialect;
  soci::session* m_sql = nullptr;
  const Dialect* m_dialect = nullptr;
  Options m_options;
  bool m_within = false; // writes into a borrowed transaction (within())
  std::optional<WidePageCache> m_cache; // within(): the borrowed connection's, while the Loader lives
  std::optional<util::Error> m_error;
  std::atomic<bool> m_failed{false}; // m_error is set (read without the writer's lock)
  std::vector<std::unique_ptr<Table>> m_tables;
  std::vector<std::string> m_deferred_indexes; // CREATE INDEX statements to run in finish()
  std::vector<std::string> m_deferred_triggers; // CREATE TRIGGER statements of case_report_facts, for finish()
  struct Writer;
  std::unique_ptr<Writer> m_writer;
  long long m_rows = 0;
  size_t m_since_commit = 0;
  bool m_open = false;
};

} // namespace patronage::storage::bulk
