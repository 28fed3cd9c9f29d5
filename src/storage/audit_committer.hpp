#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/audit.hpp"
#include "storage/database.hpp"
#include "util/error.hpp"

namespace patronage::storage {

// Group commit for the audit entries of read use cases. Reads run in read
// transactions and only queue their entries here; one thread appends every
// entry queued meanwhile in ONE write transaction (the chain in queue order,
// one fsync) and then reports to each submitter. While a batch commits, the
// next one gathers, so the audit costs a fraction of an fsync per read
// instead of a write lock and an fsync each.
//
// A submitter must not answer its request before `done` reports success:
// only then is the entry durable. On failure nothing of the batch is stored
// and every submitter of it gets the error.
class AuditCommitter {
public:
  using Done = std::function<void(util::Status)>;

  // Starts the committer thread; `db` must outlive this object.
  explicit AuditCommitter(Database& db);
  // Commits what is queued, then joins the thread.
  ~AuditCommitter();
  AuditCommitter(const AuditCommitter&) = delete;
  AuditCommitter& operator=(const AuditCommitter&) = delete;

  // Queues `entries` (seq and hashes are assigned at commit, keeping their
  // order and the order of submissions). `done` runs on the committer thread,
  // so it must be short (post the result elsewhere). Thread-safe.
  void submit(std::vector<AuditEntry> entries, Done done);

  // Submits and blocks until the entries are durable (command line, tests).
  util::Status commit(std::vector<AuditEntry> entries);

  // How many batches were committed (or failed) so far; for tests and logs.
  long long batches() const;

private:
  struct Pending {
    std::vector<AuditEntry> entries;
    Done done;
  };
  void run();

  Database& m_db;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::vector<Pending> m_queue;
  bool m_stopping = false;
  long long m_batches = 0;
  std::thread m_thread; // last: starts after the members above exist
};

} // namespace patronage::storage
