#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace patronage::util {

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// Lowercase hex HMAC-SHA256 of `data` under `key` (any length; 32 bytes intended).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// `count` raw random bytes from the OS CSPRNG (keys).
std::string random_bytes(size_t count);

// `bytes` random bytes from the OS CSPRNG, encoded base64url without padding.
std::string random_token(size_t bytes = 32);

// The bytes of standard base64 `text` (RFC 4648 alphabet, padded); std::nullopt when it is not that.
std::optional<std::string> decode_base64(std::string_view text);

// An opaque record id: 20 characters of lowercase base32 (100 random bits).
std::string random_id();
// A record id of the same shape whose first 9 characters count the milliseconds since 1970 in an alphabet in
// ASCII order, then 55 random bits: ids made later sort later (as far as the system clock goes forward), so an
// index on them takes each new row at its right edge, where the last ones went, instead of at a random leaf. For
// rows written many times a second (visits); the time it shows is no secret to whoever may read the row.
std::string ordered_id();
// Whether `text` has the shape of random_id() (an id from this or another Patronage, or of util::IdSequence).
bool looks_like_random_id(std::string_view text);

// Constant-time comparison of two strings of any length.
bool equal_constant_time(std::string_view a, std::string_view b);

} // namespace patronage::util
