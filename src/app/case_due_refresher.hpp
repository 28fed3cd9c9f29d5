#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "app/context.hpp"

namespace patronage::app {

// Keeps the work list's stored due items (app/case_due.hpp) after the writes instead of inside them: a write's
// triggers only mark its cases (migration 28 counts each mark's generation), and after its commit this thread
// derives the marked cases in a read transaction, then stores each row in a short write transaction only if its
// mark's generation is unchanged; a case marked again meanwhile stays marked for the next round. On SQLite the
// derivation so runs beside the one writer instead of holding its lock (issue 16: a third of a visit's time).
// Meanwhile the work list derives a marked case itself, as it does a row that does not hold, so what it shows is
// the same. A row left marked by a stop or a crash is computed at the next start (keep_case_due). Rounds are at
// least a short pause apart, so that under a stream of writes to the same cases the marks of many commits are
// derived once, not once per commit.
class CaseDueRefresher {
public:
  // Replaces the write hook of keep_case_due (call that first) by this thread; `services` must outlive it.
  explicit CaseDueRefresher(const Services& services);
  // Stops the thread after its current round and puts keep_case_due's write hook back.
  ~CaseDueRefresher();
  CaseDueRefresher(const CaseDueRefresher&) = delete;
  CaseDueRefresher& operator=(const CaseDueRefresher&) = delete;

  // Waits until every write committed before the call has had its round (for tests and the CLI), without the
  // pause between rounds.
  void flush();

private:
  // What the commit hook reaches: it may still run on a writer's thread while the refresher stops.
  struct Signal {
    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable done;
    long long requested = 0; // rounds asked for by commits and flushes
    long long finished = 0;  // the `requested` the last finished round started at
    int flushing = 0;        // flushes waiting: they skip the pause between rounds
    bool stopping = false;
    void notify();
  };

  void run();

  const Services& m_services;
  std::shared_ptr<Signal> m_signal = std::make_shared<Signal>();
  std::thread m_thread;
};

// One round: derives up to `limit` marked cases in a read transaction and stores those whose mark is unchanged.
// Returns how many were marked when it read them.
util::Result<size_t> refresh_marked_after_commit(const Services& services, size_t limit);

} // namespace patronage::app
