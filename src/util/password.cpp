#include "util/password.hpp"

#include <array>
#include <stdexcept>

#include <sodium.h>

#include "util/crypto.hpp"

namespace patronage::util {

std::string hash_password(std::string_view password, const PasswordCost& cost) {
  (void)random_token(1); // initialises libsodium once
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), cost.ops, cost.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return {out.data()};
}

bool verify_password(std::string_view encoded, std::string_view password) {
  if (encoded.size() >= crypto_pwhash_STRBYTES) {
    return false;
  }
  std::array<char, crypto_pwhash_STRBYTES> buffer{};
  std::copy(encoded.begin(), encoded.end(), buffer.begin());
  return crypto_pwhash_str_verify(buffer.data(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view encoded, const PasswordCost& cost) {
  if (encoded.size() >= crypto_pwhash_STRBYTES) {
    return true;
  }
  std::array<char, crypto_pwhash_STRBYTES> buffer{};
  std::copy(encoded.begin(), encoded.end(), buffer.begin());
  return crypto_pwhash_str_needs_rehash(buffer.data(), cost.ops, cost.memory_bytes) != 0;
}

} // namespace patronage::util
