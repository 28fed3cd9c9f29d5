#pragma once

#include <cstddef>
#include <functional>

namespace patronage::util {

// How many threads a CPU-bound job may use: the hardware's, at least 1, at most `cap`.
unsigned worker_threads(unsigned cap);

// Calls `work(begin, end)` for consecutive ranges of at most `chunk` indexes covering [0, `count`), on up to
// `threads` threads, the caller's among them. Ranges are handed out in order as threads become free, so uneven work
// still spreads. Returns once every call has returned; the first exception a call throws is rethrown here after the
// running calls finish (the ranges not yet started are skipped). `work` is called concurrently for disjoint ranges,
// so it must only read what it shares and write what belongs to its range.
void parallel_for(std::size_t count, unsigned threads, std::size_t chunk,
                  const std::function<void(std::size_t begin, std::size_t end)>& work);

} // namespace patronage::util
