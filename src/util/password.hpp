#pragma once

#include <string>
#include <string_view>

namespace patronage::util {

// argon2id cost; SPEC §11 asks for a memory-hard hash. The defaults are the
// production cost (64 MiB, 2 passes: ~60 ms on one core). Call only off the
// request threads.
struct PasswordCost {
  unsigned long long ops = 2;
  size_t memory_bytes = size_t{64} << 20;
};

// Encoded argon2id string (algorithm, cost and salt included). Throws
// std::runtime_error only when the OS cannot give the memory.
std::string hash_password(std::string_view password, const PasswordCost& cost = {});

// True when `password` matches `encoded`; false for a mismatch or a malformed hash.
bool verify_password(std::string_view encoded, std::string_view password);

// True when `encoded` was made with a different cost than `cost`.
bool password_needs_rehash(std::string_view encoded, const PasswordCost& cost = {});

// True when `encoded` is weaker than `cost`: not argon2id, or fewer passes or
// less memory than `cost` asks (a stronger stored hash is kept).
bool password_weaker_than(std::string_view encoded, const PasswordCost& cost);

} // namespace patronage::util
