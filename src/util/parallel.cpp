#include "util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace patronage::util {

unsigned worker_threads(unsigned cap) {
  return std::clamp(std::thread::hardware_concurrency(), 1U, std::max(cap, 1U));
}

void parallel_for(std::size_t count, unsigned threads, std::size_t chunk,
                  const std::function<void(std::size_t begin, std::size_t end)>& work) {
  chunk = std::max<std::size_t>(chunk, 1);
  const auto chunks = (count + chunk - 1) / chunk;
  const auto helpers =
      static_cast<std::size_t>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(chunks, 1))) - 1;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto run = [&] {
    for (auto at = next.fetch_add(1); at < chunks && !failed.load(); at = next.fetch_add(1)) {
      try {
        work(at * chunk, std::min(count, (at + 1) * chunk));
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!first_error) {
          first_error = std::current_exception();
        }
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(helpers);
  for (std::size_t i = 0; i < helpers; ++i) {
    try {
      pool.emplace_back(run);
    } catch (const std::system_error&) {
      break; // no thread to be had: the ones running (the caller's at least) do the rest
    }
  }
  run();
  for (auto& thread : pool) {
    thread.join();
  }
  if (first_error) {
    std::rethrow_exception(first_error);
  }
}

} // namespace patronage::util
