#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace patronage::util {

// Fresh ids in the shape of random_id() (20 characters of lowercase base32) that follow each other in byte order:
// 6 random characters drawn once per sequence, a 6-character counter, then 8 random characters. Rows made with
// them land side by side in every index keyed by their id, so a bulk load writes each B-tree in one place instead
// of all over it; the random tail keeps an id unguessable from its neighbour's. Not thread-safe.
class IdSequence {
public:
  IdSequence();
  std::string next();

private:
  std::string m_prefix;
  std::uint64_t m_counter = 0;
  // Random bytes for the tails, drawn a pool at a time: a draw is a system call, and a register's 400,000 ids made
  // one each spent a fifth of the import's writing thread in the kernel.
  std::array<unsigned char, 4096> m_pool{};
  std::size_t m_pool_used = m_pool.size();
};

} // namespace patronage::util
