#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "app/context.hpp"
#include "storage/users.hpp"
#include "util/error.hpp"

namespace patronage::app {

// Sign-in runs in three steps so that the slow password check (argon2id)
// runs on a separate pool with no transaction open:
//   1. prepare_login: validates, reserves one attempt of the account (refused
//      when the account is locked), loads the hash and tells how long the
//      client address must wait;
//   2. the caller waits `LoginAttempt::delay` (a timer, no thread blocked) and
//      runs check_password (slow: argon2id, and a new hash when the stored one
//      is weaker than the current cost);
//   3. complete_login: records the outcome, the throttle and the audit entry,
//      and stores the new hash of a successful sign-in.
struct LoginAttempt {
  std::string login;
  std::optional<storage::UserRecord> user;
  std::string password_hash; // a dummy hash for an unknown login, so timing does not tell
  // How long to wait before checking the password: the address has had more
  // than `address_max_failures` failures in the window. Never a refusal.
  std::chrono::milliseconds delay{0};
};

// Refuses with 429 "auth.locked" (audited) when the account has used up its
// attempts: the attempt is counted here, atomically, BEFORE the password is
// checked, so parallel guesses cannot pass the limit.
util::Result<LoginAttempt> prepare_login(const Services& services, const std::string& login,
                                         const std::string& password, const RequestMeta& meta);

// The outcome of step 2.
struct PasswordCheck {
  bool ok = false;
  std::string new_hash; // non-empty: replaces the stored (weaker) hash on success
};

// Step 2, slow and CPU-bound: call it off the request threads.
PasswordCheck check_password(const AuthSettings& settings, const LoginAttempt& attempt, const std::string& password);

struct SignedIn {
  Actor actor;
  std::string session_token; // goes to the cookie; only its hash is stored
  std::string csrf_token;
  long long expires_at = 0;
};

// On a wrong password: 401 "auth.invalid_credentials" after the failure is
// counted and audited. On success the account's count is cleared and a
// `check.new_hash` replaces the stored hash (unless the password changed meanwhile).
util::Result<SignedIn> complete_login(const Services& services, const LoginAttempt& attempt,
                                      const PasswordCheck& check, const RequestMeta& meta);

// The same with no new hash (tests and callers that checked the password themselves).
inline util::Result<SignedIn> complete_login(const Services& services, const LoginAttempt& attempt, bool password_ok,
                                             const RequestMeta& meta) {
  return complete_login(services, attempt, PasswordCheck{password_ok, {}}, meta);
}

struct Authenticated {
  Actor actor;
  std::string csrf_token;
};

// Resolves a session cookie token. 401 "auth.session_expired" when the
// session is unknown, revoked, idle too long or past its absolute end, or
// its user is disabled.
util::Result<Authenticated> authenticate(const Services& services, const std::string& session_token);

// Revokes the session; audited as "auth.logout".
util::Status logout(const Services& services, const Actor& actor, const std::string& session_token,
                    const RequestMeta& meta);

// The password rules for new passwords: field errors on "password".
util::Status check_password_policy(const AuthSettings& settings, const std::string& password);

Actor actor_of(const storage::UserRecord& user);

} // namespace patronage::app
