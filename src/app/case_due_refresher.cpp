#include "app/case_due_refresher.hpp"

#include <chrono>

#include "app/case_due.hpp"
#include "app/clock.hpp"
#include "storage/write_hook.hpp"
#include "util/log.hpp"

namespace patronage::app {
namespace {

constexpr size_t k_round = 200;
// Short beside the time a person takes to go from a form back to the work list, which meanwhile derives a marked
// case itself.
constexpr auto k_pause = std::chrono::milliseconds(20);

struct Derived {
  storage::MarkedCase marked;
  std::optional<storage::CaseDue> due; // derive_if_open
};

} // namespace

util::Result<size_t> refresh_marked_after_commit(const Services& services, size_t limit) {
  std::vector<Derived> derived;
  auto read = services.db.read([&](storage::Tx& tx) -> util::Status {
    const auto day = today(services);
    for (auto& marked : storage::marked_case_due(tx, static_cast<int>(limit))) {
      auto due = derive_if_open(tx, services, marked.case_id, day);
      derived.push_back({std::move(marked), std::move(due)});
    }
    return {};
  });
  if (!read) {
    return util::fail(read.error());
  }
  if (derived.empty()) {
    return size_t{0};
  }
  auto stored = services.db.transact([&](storage::Tx& tx) -> util::Status {
    for (const auto& one : derived) {
      storage::store_case_due_if_unchanged(tx, one.marked, one.due);
    }
    return {};
  });
  if (!stored) {
    return util::fail(stored.error());
  }
  return derived.size();
}

CaseDueRefresher::CaseDueRefresher(const Services& services) : m_services(services) {
  m_thread = std::thread([this] { run(); });
  storage::set_write_hook(m_services.db, {});
  storage::set_commit_hook(m_services.db, [signal = m_signal] { signal->notify(); });
  // Whatever a write marked before the hooks changed hands.
  m_signal->notify();
}

CaseDueRefresher::~CaseDueRefresher() {
  storage::set_commit_hook(m_services.db, {});
  {
    std::lock_guard lock(m_signal->mutex);
    m_signal->stopping = true;
  }
  m_signal->wake.notify_all();
  m_thread.join();
  refresh_in_each_write(m_services);
}

void CaseDueRefresher::Signal::notify() {
  {
    std::lock_guard lock(mutex);
    ++requested;
  }
  wake.notify_one();
}

void CaseDueRefresher::flush() {
  Signal& s = *m_signal;
  std::unique_lock lock(s.mutex);
  const long long wanted = ++s.requested;
  ++s.flushing;
  s.wake.notify_one();
  s.done.wait(lock, [&] { return s.finished >= wanted || s.stopping; });
  --s.flushing;
}

void CaseDueRefresher::run() {
  Signal& s = *m_signal;
  std::unique_lock lock(s.mutex);
  for (;;) {
    s.wake.wait(lock, [&] { return s.stopping || s.requested > s.finished; });
    if (s.stopping) {
      break;
    }
    const long long round = s.requested;
    lock.unlock();
    // Rounds until one finds fewer than a full batch marked; its own store's commit asks for one more, which finds
    // nothing or what was marked again meanwhile.
    for (;;) {
      auto done = refresh_marked_after_commit(m_services, k_round);
      if (!done) {
        // The rows stay marked: the work list derives them meanwhile, and the next write's round tries again.
        util::log(util::LogLevel::error, "due items not refreshed", {{"error", done.error().key}});
        break;
      }
      if (*done < k_round) {
        break;
      }
    }
    lock.lock();
    s.finished = round;
    s.done.notify_all();
    s.wake.wait_for(lock, k_pause, [&] { return s.stopping || s.flushing > 0; });
  }
  s.done.notify_all();
}

} // namespace patronage::app
