#pragma once

#include <optional>
#include <string>

#include "storage/database.hpp"

namespace patronage::storage {

// A signed-in browser. Only the SHA-256 of the cookie token is stored.
struct SessionRecord {
  std::string token_hash;
  std::string user_id;
  std::string csrf_token;
  std::string address;
  long long created_at = 0;
  long long last_seen_at = 0;
  long long expires_at = 0; // absolute end
  std::optional<long long> revoked_at;
};

void insert_session(Tx& tx, const SessionRecord& session);
std::optional<SessionRecord> find_session(Tx& tx, const std::string& token_hash);
void touch_session(Tx& tx, const std::string& token_hash, long long at);
void revoke_session(Tx& tx, const std::string& token_hash, long long at);
// Revokes every live session of `user_id`; returns how many.
int revoke_user_sessions(Tx& tx, const std::string& user_id, long long at);

// Failed-login counter for one key ("account:LOGIN" or "address:IP").
struct ThrottleRecord {
  std::string key;
  int failures = 0;
  long long window_start = 0;
  long long locked_until = 0;
};

std::optional<ThrottleRecord> find_throttle(Tx& tx, const std::string& key);
void save_throttle(Tx& tx, const ThrottleRecord& record);
void clear_throttle(Tx& tx, const std::string& key);

// Reserves one sign-in attempt for `key` BEFORE its password is checked, in
// one atomic upsert: false (nothing changed) while `key` is locked; else the
// attempt is counted (a new window when the old one is `window` seconds old)
// and the attempt that reaches `max_failures` locks `key` until
// `now + lockout` for every later one. A success clears the record.
bool reserve_throttle_attempt(Tx& tx, const std::string& key, long long now, long long window, int max_failures,
                              long long lockout);

// Counts one failure for `key` in one atomic statement (concurrent failures
// are all counted): starts a new window when the old one is `window` seconds
// old, and locks until `now + lockout` once `max_failures` is reached.
void count_throttle_failure(Tx& tx, const std::string& key, long long now, long long window, int max_failures,
                            long long lockout);

} // namespace patronage::storage
