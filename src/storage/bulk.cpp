#include "storage/bulk.hpp"
#include "storage/bulk_tables.hpp"
#include "storage/database.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <limits>
#include <mutex>
#include <numeric>
#include <thread>

#include <soci/soci.h>

#include "storage/case_due.hpp"
#include "storage/case_report_facts.hpp"
#include "storage/database_url.hpp"
#include "storage/delivery_day_counts.hpp"
#include "storage/postgres/postgres_dialect.hpp"
#include "storage/sqlite/sqlite_dialect.hpp"
#include "storage/visit_day_counts.hpp"
#include "util/log.hpp"

namespace patronage::storage::bulk {

// Every column is bound once, by reference, to a vector of `batch` values (`bound`); the caller fills a second set
// (`fill`). A full batch swaps the contents of the two (the bound vector objects stay where SOCI points) and the
// writer thread executes the statement over the bound rows in one call, so SOCI crosses into the driver once per
// batch, not once per row, and the caller's work overlaps the database's.
struct Table::Buffers {
  struct Columns {
    std::vector<std::vector<std::string>> text;
    std::vector<std::vector<long long>> ints;
    std::vector<std::vector<soci::indicator>> inds; // per column

    void resize(size_t rows) {
      for (auto& column : text) {
        column.resize(rows);
      }
      for (auto& column : ints) {
        column.resize(rows);
      }
      for (auto& column : inds) {
        column.resize(rows, soci::i_ok);
      }
    }
    void swap(Columns& other) {
      for (size_t i = 0; i < text.size(); ++i) {
        text[i].swap(other.text[i]);
      }
      for (size_t i = 0; i < ints.size(); ++i) {
        ints[i].swap(other.ints[i]);
      }
      for (size_t i = 0; i < inds.size(); ++i) {
        inds[i].swap(other.inds[i]);
      }
    }
  };

  std::string name;
  std::string sql;
  std::vector<bool> is_int;
  std::vector<size_t> slot; // index into text or ints, per column
  Columns fill;
  Columns bound;
  size_t batch = 0;
  size_t key_columns = 0; // the leading columns that are the key (Options::in_key_order)
  size_t count = 0;       // rows in `fill`
  size_t bound_count = 0; // rows in `bound`, written by the writer
  bool busy = false;      // the writer has not written `bound` yet; guarded by the writer's mutex
  std::unique_ptr<soci::statement> statement;
};

struct Loader::Writer {
  std::mutex mutex;
  std::condition_variable changed;
  struct Job {
    std::function<void()> run;
    Table::Buffers* release = nullptr; // its hand-over ends with the job
  };
  std::deque<Job> jobs;
  bool running = false; // a job is being run
  bool stop = false;
  std::thread thread;
};

Table::Table(Loader& loader, const std::string& name, const std::vector<std::string>& columns)
    : m_loader(loader), m_buffers(std::make_unique<Buffers>()) {
  auto& b = *m_buffers;
  b.name = name;
  b.batch = std::max<size_t>(loader.m_options.batch_rows, 1);
  std::string names;
  std::string values;
  for (const auto& column : columns) {
    const bool is_int = column.ends_with(":int");
    const std::string bare = is_int ? column.substr(0, column.size() - 4) : column;
    b.is_int.push_back(is_int);
    b.slot.push_back(is_int ? b.fill.ints.size() : b.fill.text.size());
    for (auto* set : {&b.fill, &b.bound}) {
      if (is_int) {
        set->ints.emplace_back();
      } else {
        set->text.emplace_back();
      }
      set->inds.emplace_back();
    }
    names += (names.empty() ? "" : ", ") + bare;
    values += (values.empty() ? ":v" : ", :v") + std::to_string(b.fill.inds.size());
  }
  b.sql = "INSERT INTO " + name + " (" + names + ") VALUES (" + values + ")";
  b.fill.resize(b.batch);
  b.bound.resize(b.batch);
}

Table::~Table() = default;

void Table::add(std::initializer_list<Value> values) {
  auto& b = *m_buffers;
  if (m_loader.failed()) {
    return;
  }
  if (values.size() != b.is_int.size()) {
    std::lock_guard lock(m_loader.m_writer->mutex);
    if (!m_loader.m_error) {
      m_loader.m_error = util::Error::invalid("storage.bulk_columns").with("table", b.name);
      m_loader.m_failed = true;
    }
    return;
  }
  size_t column = 0;
  for (const auto& value : values) {
    auto& ind = b.fill.inds[column][b.count];
    if (std::holds_alternative<Null>(value)) {
      ind = soci::i_null;
    } else if (b.is_int[column]) {
      const auto* number = std::get_if<long long>(&value);
      b.fill.ints[b.slot[column]][b.count] = number != nullptr ? *number : 0;
      ind = soci::i_ok;
    } else {
      const auto* text = std::get_if<std::string_view>(&value);
      b.fill.text[b.slot[column]][b.count].assign(text != nullptr ? *text : std::string_view{});
      ind = soci::i_ok;
    }
    ++column;
  }
  ++b.count;
  ++m_added;
  m_loader.row_added(*this);
}

void Table::submit() {
  auto& b = *m_buffers;
  if (b.count == 0) {
    return;
  }
  auto& writer = *m_loader.m_writer;
  {
    std::unique_lock lock(writer.mutex);
    writer.changed.wait(lock, [&] { return !b.busy; });
    b.busy = true;
  }
  b.fill.swap(b.bound);
  b.bound_count = b.count;
  b.count = 0;
  m_loader.enqueue([this] { write_handed(); }, &b);
}

void Table::sort_handed() {
  auto& b = *m_buffers;
  std::vector<size_t> order(b.bound_count);
  std::iota(order.begin(), order.end(), size_t{0});
  // NULL first, then by value; text by bytes, as SQLite's BINARY collation orders it.
  const auto less = [&b](size_t x, size_t y) {
    for (size_t column = 0; column < b.key_columns; ++column) {
      const bool x_null = b.bound.inds[column][x] == soci::i_null;
      const bool y_null = b.bound.inds[column][y] == soci::i_null;
      if (x_null || y_null) {
        if (x_null != y_null) {
          return x_null;
        }
        continue;
      }
      const auto slot = b.slot[column];
      const int compared = b.is_int[column] ? (b.bound.ints[slot][x] < b.bound.ints[slot][y]   ? -1
                                               : b.bound.ints[slot][x] > b.bound.ints[slot][y] ? 1
                                                                                               : 0)
                                            : b.bound.text[slot][x].compare(b.bound.text[slot][y]);
      if (compared != 0) {
        return compared < 0;
      }
    }
    return false;
  };
  std::stable_sort(order.begin(), order.end(), less);
  const auto reorder = [&order](auto& values) {
    std::remove_reference_t<decltype(values)> sorted(values.size());
    for (size_t i = 0; i < order.size(); ++i) {
      sorted[i] = std::move(values[order[i]]);
    }
    values.swap(sorted); // the vector object SOCI is bound to stays; its contents change
  };
  for (auto& column : b.bound.text) {
    reorder(column);
  }
  for (auto& column : b.bound.ints) {
    reorder(column);
  }
  for (auto& column : b.bound.inds) {
    reorder(column);
  }
}

void Table::write_handed() {
  auto& b = *m_buffers;
  if (b.bound_count != b.batch) {
    b.bound.resize(b.bound_count);
  }
  if (b.key_columns > 0) {
    sort_handed();
  }
  // SOCI's PostgreSQL backend (4.0.3) sends a re-executed vector-bound statement the values of its first execution
  // again (a second batch repeated the first's keys): there each batch gets its own statement, one prepare per batch.
  if (!b.statement || m_loader.m_dialect->name() != "sqlite") {
    b.statement.reset();
    b.statement = std::make_unique<soci::statement>(*m_loader.m_sql);
    for (size_t column = 0; column < b.is_int.size(); ++column) {
      if (b.is_int[column]) {
        b.statement->exchange(soci::use(b.bound.ints[b.slot[column]], b.bound.inds[column]));
      } else {
        b.statement->exchange(soci::use(b.bound.text[b.slot[column]], b.bound.inds[column]));
      }
    }
    b.statement->alloc();
    b.statement->prepare(b.sql);
    b.statement->define_and_bind();
  }
  b.statement->execute(true);
  if (b.bound_count != b.batch) {
    b.bound.resize(b.batch);
  }
}

util::Result<std::unique_ptr<Loader>> Loader::open(std::string_view url_text, const Options& options) {
  auto url = parse_database_url(url_text);
  if (!url) {
    return util::fail(url.error());
  }
  auto sql = std::make_unique<soci::session>();
  std::unique_ptr<Dialect> dialect;
  try {
    if (url->backend == Backend::sqlite) {
      dialect = std::make_unique<sqlite::SqliteDialect>();
      sqlite::open_connection(*sql, url->target);
    } else {
      dialect = std::make_unique<postgres::PostgresDialect>("");
      postgres::open_connection(*sql, url->target);
    }
    dialect->prepare_connection(*sql);
    if (url->backend == Backend::sqlite) {
      const std::string cache = std::to_string(-std::max(options.cache_kib, 2000LL));
      *sql << "PRAGMA cache_size = " + cache;
      if (options.unsafe_fast) {
        // No journal at all: every page is written once, not to the WAL and again at the checkpoint.
        *sql << "PRAGMA journal_mode = OFF";
        *sql << "PRAGMA synchronous = OFF";
      }
      if (options.defer_checks) {
        *sql << "PRAGMA foreign_keys = OFF";
      }
    }
    *sql << dialect->begin_write();
  } catch (const std::exception& e) {
    util::log(util::LogLevel::error, "cannot open database for a bulk load", {{"error", e.what()}});
    return util::fail(util::Error::unavailable("storage.cannot_open").with("reason", e.what()));
  }
  return std::unique_ptr<Loader>(new Loader(std::move(sql), std::move(dialect), options));
}

std::unique_ptr<Loader> Loader::within(Tx& tx, const Options& options) {
  return std::unique_ptr<Loader>(new Loader(tx.sql(), tx.dialect(), options));
}

Loader::Loader(std::unique_ptr<soci::session> sql, std::unique_ptr<Dialect> dialect, const Options& options)
    : m_own_sql(std::move(sql)), m_own_dialect(std::move(dialect)), m_sql(m_own_sql.get()),
      m_dialect(m_own_dialect.get()), m_options(options), m_open(true) {
  m_writer = std::make_unique<Writer>();
  m_options.rows_per_commit = std::max<size_t>(m_options.rows_per_commit, 1);
  m_writer->thread = std::thread([this] { writer_loop(); });
}

Loader::Loader(soci::session& sql, const Dialect& dialect, const Options& options)
    : m_sql(&sql), m_dialect(&dialect), m_options(options), m_within(true) {
  m_writer = std::make_unique<Writer>();
  m_options.rows_per_commit = std::numeric_limits<size_t>::max();
  m_options.unsafe_fast = false;
  m_options.defer_checks = false;
  m_cache.emplace(sql, dialect, options.cache_kib);
}

Loader::~Loader() {
  if (m_writer->thread.joinable()) {
    {
      std::lock_guard lock(m_writer->mutex);
      m_writer->stop = true;
    }
    m_writer->changed.notify_all();
    m_writer->thread.join();
  }
  // Statements first: they belong to the session.
  m_tables.clear();
  m_cache.reset();
  if (m_open) {
    try {
      *m_sql << "ROLLBACK";
    } catch (const std::exception& e) {
      util::log(util::LogLevel::error, "bulk load rollback failed", {{"error", e.what()}});
    }
  }
}

void Loader::writer_loop() {
  auto& w = *m_writer;
  std::unique_lock lock(w.mutex);
  for (;;) {
    w.changed.wait(lock, [&] { return w.stop || !w.jobs.empty(); });
    if (w.jobs.empty()) {
      return;
    }
    auto job = std::move(w.jobs.front());
    w.jobs.pop_front();
    w.running = true;
    const bool skip = m_error.has_value();
    lock.unlock();
    std::optional<util::Error> error;
    if (!skip) {
      try {
        job.run();
      } catch (const std::exception& e) {
        error = m_dialect->classify(e);
      }
    }
    lock.lock();
    if (error && !m_error) {
      m_error = std::move(error);
      m_failed = true;
    }
    // A write job ends its table's hand-over whether it ran or not.
    if (job.release != nullptr) {
      job.release->busy = false;
    }
    w.running = false;
    w.changed.notify_all();
  }
}

void Loader::enqueue(std::function<void()> job, Table::Buffers* release) {
  if (m_within) {
    // The borrowed session is the caller's: it is written on the caller's thread, between its own statements.
    if (!failed()) {
      try {
        job();
      } catch (const std::exception& e) {
        fail(e);
      }
    }
    if (release != nullptr) {
      release->busy = false;
    }
    return;
  }
  {
    std::lock_guard lock(m_writer->mutex);
    m_writer->jobs.push_back({std::move(job), release});
  }
  m_writer->changed.notify_all();
}

void Loader::drain() {
  std::unique_lock lock(m_writer->mutex);
  m_writer->changed.wait(lock, [&] { return m_writer->jobs.empty() && !m_writer->running; });
}

bool Loader::failed() {
  return m_failed; // checked at every row: a lock there was a tenth of an import's filling thread
}

Table& Loader::table(const std::string& name) {
  auto& found = table(name, columns_of(name));
  found.m_buffers->key_columns = m_options.in_key_order ? std::min(key_columns_of(name), found.m_buffers->is_int.size()) : 0;
  return found;
}

Table& Loader::table(const std::string& name, const std::vector<std::string>& columns) {
  for (auto& table : m_tables) {
    if (table->m_buffers->name == name) {
      return *table;
    }
  }
  drain();
  if (m_options.defer_checks && m_dialect->name() == "sqlite" && !m_error) {
    try {
      std::vector<std::string> names(64);
      std::vector<std::string> statements(64);
      *m_sql << "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL",
          soci::use(name), soci::into(names), soci::into(statements);
      for (size_t i = 0; i < names.size(); ++i) {
        m_deferred_indexes.push_back(statements[i]);
        *m_sql << "DROP INDEX " + names[i];
      }
      // Without those indexes each row's trigger would read whole tables (a member's: every case, for its
      // household's): the report's facts are rebuilt instead, and every case's due items marked, in finish().
      names.resize(64);
      statements.resize(64);
      *m_sql << "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t "
                "AND (name LIKE 'case\\_report\\_facts\\_%' ESCAPE '\\' "
                "OR name LIKE 'case\\_due\\_%' ESCAPE '\\')",
          soci::use(name), soci::into(names), soci::into(statements);
      for (size_t i = 0; i < names.size(); ++i) {
        m_deferred_triggers.push_back(statements[i]);
        *m_sql << "DROP TRIGGER " + names[i];
      }
    } catch (const std::exception& e) {
      fail(e);
    }
  }
  m_tables.push_back(std::unique_ptr<Table>(new Table(*this, name, columns)));
  return *m_tables.back();
}

void Loader::fail(const std::exception& e) {
  std::lock_guard lock(m_writer->mutex);
  if (!m_error) {
    m_error = m_dialect->classify(e);
    m_failed = true;
  }
}

void Loader::write_all() {
  for (auto& table : m_tables) {
    table->submit();
  }
}

void Loader::row_added(Table& table) {
  ++m_rows;
  ++m_since_commit;
  // With foreign keys checked, a full batch hands over every table, parents first, so that a child row never
  // reaches the database before its parent; without the checks only the full table is handed over.
  if (table.m_buffers->count >= table.m_buffers->batch) {
    if (m_options.defer_checks) {
      table.submit();
    } else {
      write_all();
    }
  }
  if (m_since_commit >= m_options.rows_per_commit) {
    write_all();
    enqueue([this] {
      *m_sql << "COMMIT";
      *m_sql << m_dialect->begin_write();
    });
    m_since_commit = 0;
  }
}

util::Status Loader::execute(const std::string& statement) {
  write_all();
  drain();
  if (!m_error) {
    try {
      *m_sql << statement;
    } catch (const std::exception& e) {
      fail(e);
    }
  }
  if (m_error) {
    return util::fail(*m_error);
  }
  return {};
}

util::Status Loader::finish() {
  write_all();
  drain();
  if (m_error) {
    return util::fail(*m_error);
  }
  // The rows of `visits` and `service_deliveries` went in without their report counters (visit_day_counts.hpp,
  // delivery_day_counts.hpp): every row is counted again in one grouped statement, once the indexes it reads are back.
  const auto loaded = [this](const std::string& name) {
    return std::any_of(m_tables.begin(), m_tables.end(),
                       [&](const auto& table) { return table->m_buffers->name == name; });
  };
  try {
    if (!m_within) {
      for (const auto& statement : m_deferred_indexes) {
        *m_sql << statement;
      }
    }
    if (loaded("visits")) {
      for (const auto& statement : visit_day_counts_rebuild()) {
        *m_sql << statement;
      }
    }
    if (loaded("service_deliveries")) {
      for (const auto& statement : delivery_day_counts_rebuild()) {
        *m_sql << statement;
      }
    }
    if (!m_deferred_triggers.empty()) {
      for (const auto& statement : m_deferred_triggers) {
        *m_sql << statement;
      }
      for (const auto& statement : case_report_facts_rebuild(*m_dialect)) {
        *m_sql << statement;
      }
      for (const auto& statement : case_due_mark_all(*m_dialect)) {
        *m_sql << statement;
      }
    }
    if (m_within) {
      return {}; // the transaction's owner commits
    }
    *m_sql << "COMMIT";
    m_open = false;
    if (m_dialect->name() == "sqlite") {
      *m_sql << "PRAGMA foreign_keys = ON";
      if (m_options.unsafe_fast) {
        *m_sql << "PRAGMA journal_mode = WAL";
      }
      *m_sql << "PRAGMA synchronous = FULL";
      *m_sql << "PRAGMA wal_checkpoint(TRUNCATE)";
    }
  } catch (const std::exception& e) {
    fail(e);
    return util::fail(*m_error);
  }
  return {};
}

} // namespace patronage::storage::bulk
