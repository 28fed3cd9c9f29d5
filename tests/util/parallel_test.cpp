#include "util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <gtest/gtest.h>
#include <stdexcept>
#include <vector>

namespace patronage::util {
namespace {

TEST(ParallelFor, CallsEveryIndexOnceInRangesOfAtMostTheChunk) {
  for (const unsigned threads : {1U, 2U, 8U}) {
    std::vector<int> calls(1001, 0);
    std::atomic<bool> too_long{false};
    parallel_for(calls.size(), threads, 64, [&](std::size_t begin, std::size_t end) {
      too_long = too_long || end - begin > 64;
      for (auto i = begin; i < end; ++i) {
        ++calls[i];
      }
    });
    EXPECT_FALSE(too_long);
    EXPECT_EQ(std::count(calls.begin(), calls.end(), 1), 1001) << threads << " threads";
  }
}

TEST(ParallelFor, NothingToDoCallsNothing) {
  bool called = false;
  parallel_for(0, 2, 16, [&](std::size_t, std::size_t) { called = true; });
  EXPECT_FALSE(called);
}

TEST(ParallelFor, AThrownExceptionReachesTheCaller) {
  EXPECT_THROW(parallel_for(100, 2, 10,
                            [](std::size_t begin, std::size_t) {
                              if (begin == 50) {
                                throw std::runtime_error("fold failed");
                              }
                            }),
               std::runtime_error);
}

TEST(WorkerThreads, AtLeastOneAtMostTheCap) {
  EXPECT_GE(worker_threads(4), 1U);
  EXPECT_LE(worker_threads(4), 4U);
  EXPECT_EQ(worker_threads(1), 1U);
  EXPECT_EQ(worker_threads(0), 1U);
}

} // namespace
} // namespace patronage::util
