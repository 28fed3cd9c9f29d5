#include "storage/sessions.hpp"

#include <soci/soci.h>

namespace patronage::storage {

void insert_session(Tx& tx, const SessionRecord& s) {
  tx.sql() << "INSERT INTO sessions (token_hash, user_id, csrf_token, address, created_at, last_seen_at, expires_at) "
              "VALUES (:h, :u, :c, :a, :cr, :ls, :ex)",
      soci::use(s.token_hash), soci::use(s.user_id), soci::use(s.csrf_token), soci::use(s.address),
      soci::use(s.created_at), soci::use(s.last_seen_at), soci::use(s.expires_at);
}

std::optional<SessionRecord> find_session(Tx& tx, const std::string& token_hash) {
  SessionRecord s;
  long long revoked = 0;
  soci::indicator revoked_ind = soci::i_ok;
  tx.sql() << "SELECT token_hash, user_id, csrf_token, address, created_at, last_seen_at, expires_at, revoked_at "
              "FROM sessions WHERE token_hash = :h",
      soci::use(token_hash), soci::into(s.token_hash), soci::into(s.user_id), soci::into(s.csrf_token),
      soci::into(s.address), soci::into(s.created_at), soci::into(s.last_seen_at), soci::into(s.expires_at),
      soci::into(revoked, revoked_ind);
  if (!tx.sql().got_data()) {
    return std::nullopt;
  }
  if (revoked_ind == soci::i_ok) {
    s.revoked_at = revoked;
  }
  return s;
}

void touch_session(Tx& tx, const std::string& token_hash, long long at) {
  tx.sql() << "UPDATE sessions SET last_seen_at = :t WHERE token_hash = :h", soci::use(at), soci::use(token_hash);
}

void revoke_session(Tx& tx, const std::string& token_hash, long long at) {
  tx.sql() << "UPDATE sessions SET revoked_at = :t WHERE token_hash = :h AND revoked_at IS NULL", soci::use(at),
      soci::use(token_hash);
}

int revoke_user_sessions(Tx& tx, const std::string& user_id, long long at) {
  soci::statement st = (tx.sql().prepare << "UPDATE sessions SET revoked_at = :t WHERE user_id = :u AND "
                                            "revoked_at IS NULL",
                        soci::use(at), soci::use(user_id));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

std::optional<ThrottleRecord> find_throttle(Tx& tx, const std::string& key) {
  ThrottleRecord r;
  tx.sql() << "SELECT throttle_key, failures, window_start, locked_until FROM login_throttle WHERE throttle_key = :k",
      soci::use(key), soci::into(r.key), soci::into(r.failures), soci::into(r.window_start),
      soci::into(r.locked_until);
  if (!tx.sql().got_data()) {
    return std::nullopt;
  }
  return r;
}

void save_throttle(Tx& tx, const ThrottleRecord& r) {
  clear_throttle(tx, r.key);
  tx.sql() << "INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) "
              "VALUES (:k, :f, :w, :l)",
      soci::use(r.key), soci::use(r.failures), soci::use(r.window_start), soci::use(r.locked_until);
}

void clear_throttle(Tx& tx, const std::string& key) {
  tx.sql() << "DELETE FROM login_throttle WHERE throttle_key = :k", soci::use(key);
}

void count_throttle_failure(Tx& tx, const std::string& key, long long now, long long window, int max_failures,
                            long long lockout) {
  const long long locked_until = now + lockout;
  const int first_locks = max_failures <= 1 ? 1 : 0;
  // Each placeholder is used once: SOCI binds by position on SQLite.
  tx.sql() << "INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) "
              "VALUES (:k, 1, :now1, CASE WHEN :first_locks = 1 THEN :lock1 ELSE 0 END) "
              "ON CONFLICT (throttle_key) DO UPDATE SET "
              "failures = CASE WHEN :now2 - login_throttle.window_start >= :win1 THEN 1 "
              "ELSE login_throttle.failures + 1 END, "
              "locked_until = CASE WHEN (CASE WHEN :now3 - login_throttle.window_start >= :win2 THEN 1 "
              "ELSE login_throttle.failures + 1 END) >= :max THEN :lock2 ELSE login_throttle.locked_until END, "
              "window_start = CASE WHEN :now4 - login_throttle.window_start >= :win3 THEN :now5 "
              "ELSE login_throttle.window_start END",
      soci::use(key), soci::use(now), soci::use(first_locks), soci::use(locked_until), soci::use(now),
      soci::use(window), soci::use(now), soci::use(window), soci::use(max_failures), soci::use(locked_until),
      soci::use(now), soci::use(window), soci::use(now);
}

bool reserve_throttle_attempt(Tx& tx, const std::string& key, long long now, long long window, int max_failures,
                              long long lockout) {
  const long long lock = now + lockout;
  const long long first_lock = max_failures <= 1 ? lock : 0;
  // Each placeholder is used once: SOCI binds by position on SQLite. The SET
  // expressions read the row as it was; the WHERE refuses a locked key, and
  // then no row is written (0 affected rows) on either backend.
  soci::statement st =
      (tx.sql().prepare << "INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) "
                           "VALUES (:k, 1, :now1, :first_lock) "
                           "ON CONFLICT (throttle_key) DO UPDATE SET "
                           "failures = CASE WHEN :now2 - login_throttle.window_start >= :win1 THEN 1 "
                           "ELSE login_throttle.failures + 1 END, "
                           "locked_until = CASE WHEN (CASE WHEN :now3 - login_throttle.window_start >= :win2 THEN 1 "
                           "ELSE login_throttle.failures + 1 END) >= :max THEN :lock ELSE 0 END, "
                           "window_start = CASE WHEN :now4 - login_throttle.window_start >= :win3 THEN :now5 "
                           "ELSE login_throttle.window_start END "
                           "WHERE login_throttle.locked_until <= :now6",
       soci::use(key), soci::use(now), soci::use(first_lock), soci::use(now), soci::use(window), soci::use(now),
       soci::use(window), soci::use(max_failures), soci::use(lock), soci::use(now), soci::use(window),
       soci::use(now), soci::use(now));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

} // namespace patronage::storage
