#include "util/password.hpp"

#include <array>
#include <optional>
#include <charconv>
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

namespace {

// The value of `name=` ("m", "t") in the parameter part of an encoded hash.
std::optional<unsigned long long> parameter(std::string_view params, std::string_view name) {
  size_t pos = 0;
  while (pos <= params.size()) {
    const size_t end = std::min(params.find(',', pos), params.size());
    const auto item = params.substr(pos, end - pos);
    if (item.size() > name.size() && item.substr(0, name.size()) == name && item[name.size()] == '=') {
      unsigned long long value = 0;
      const auto digits = item.substr(name.size() + 1);
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec != std::errc() || ptr != digits.data() + digits.size()) {
        return std::nullopt;
      }
      return value;
    }
    pos = end + 1;
  }
  return std::nullopt;
}

} // namespace

bool password_weaker_than(std::string_view encoded, const PasswordCost& cost) {
  // $argon2id$v=19$m=65536,t=2,p=1$salt$hash
  constexpr std::string_view k_prefix = "$argon2id$";
  if (!encoded.starts_with(k_prefix)) {
    return true;
  }
  const auto rest = encoded.substr(k_prefix.size());
  const size_t params_start = rest.find('$');
  if (params_start == std::string_view::npos) {
    return true;
  }
  const auto params_part = rest.substr(params_start + 1);
  const auto params = params_part.substr(0, params_part.find('$'));
  const auto memory_kib = parameter(params, "m");
  const auto passes = parameter(params, "t");
  if (!memory_kib || !passes) {
    return true;
  }
  return *passes < cost.ops || *memory_kib < cost.memory_bytes / 1024;
}

} // namespace patronage::util
