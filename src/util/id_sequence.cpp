#include "util/id_sequence.hpp"

#include <string_view>

#include <sodium.h>

#include "util/crypto.hpp"

namespace patronage::util {
namespace {

// random_id()'s characters in byte order, so that a larger counter writes a larger id.
constexpr std::string_view k_ordered = "234567abcdefghijklmnopqrstuvwxyz";
constexpr size_t k_prefix = 6;
constexpr size_t k_counter = 6;
constexpr size_t k_tail = 8;

} // namespace

IdSequence::IdSequence() : m_prefix(random_id().substr(0, k_prefix)) {}

std::string IdSequence::next() {
  std::string id = m_prefix;
  id.resize(k_prefix + k_counter);
  auto n = m_counter++;
  for (size_t i = 0; i < k_counter; ++i) {
    id[k_prefix + k_counter - 1 - i] = k_ordered[n % 32];
    n /= 32;
  }
  if (m_pool_used + k_tail > m_pool.size()) {
    randombytes_buf(m_pool.data(), m_pool.size());
    m_pool_used = 0;
  }
  for (size_t i = 0; i < k_tail; ++i) {
    id.push_back(k_ordered[m_pool[m_pool_used++] % 32]);
  }
  return id;
}

} // namespace patronage::util
