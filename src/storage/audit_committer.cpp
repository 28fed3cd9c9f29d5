#include "storage/audit_committer.hpp"

#include <future>

namespace patronage::storage {

AuditCommitter::AuditCommitter(Database& db) : m_db(db), m_thread([this] { run(); }) {}

AuditCommitter::~AuditCommitter() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_one();
  m_thread.join();
}

void AuditCommitter::submit(std::vector<AuditEntry> entries, Done done) {
  {
    std::lock_guard lock(m_mutex);
    m_queue.push_back({std::move(entries), std::move(done)});
  }
  m_wake.notify_one();
}

util::Status AuditCommitter::commit(std::vector<AuditEntry> entries) {
  std::promise<util::Status> promise;
  auto outcome = promise.get_future();
  submit(std::move(entries), [&promise](util::Status status) { promise.set_value(std::move(status)); });
  return outcome.get();
}

long long AuditCommitter::batches() const {
  std::lock_guard lock(m_mutex);
  return m_batches;
}

void AuditCommitter::run() {
  std::vector<Pending> batch;
  std::vector<AuditEntry> entries;
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
    if (m_queue.empty()) {
      return;
    }
    batch.swap(m_queue);
    lock.unlock();
    entries.clear();
    for (Pending& pending : batch) {
      std::move(pending.entries.begin(), pending.entries.end(), std::back_inserter(entries));
    }
    util::Status status = m_db.transact([&](Tx& tx) -> util::Status {
      append_audit_batch(tx, entries);
      return {};
    });
    for (Pending& pending : batch) {
      pending.done(status);
    }
    batch.clear();
    lock.lock();
    ++m_batches;
  }
}

} // namespace patronage::storage
