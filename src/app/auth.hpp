#pragma once

#include <optional>
#include <string>

#include "app/context.hpp"
#include "storage/users.hpp"
#include "util/error.hpp"

namespace patronage::app {

// Sign-in runs in two steps so that the slow password check (argon2id) runs
// on a separate pool with no transaction open:
//   1. prepare_login: validates, refuses a locked account or address, loads the hash;
//   2. the caller checks the password against `LoginAttempt::password_hash`;
//   3. complete_login: records the outcome, the throttle and the audit entry.
struct LoginAttempt {
  std::string login;
  std::optional<storage::UserRecord> user;
  std::string password_hash; // a dummy hash for an unknown login, so timing does not tell
};

util::Result<LoginAttempt> prepare_login(const Services& services, const std::string& login,
                                         const std::string& password, const RequestMeta& meta);

struct SignedIn {
  Actor actor;
  std::string session_token; // goes to the cookie; only its hash is stored
  std::string csrf_token;
  long long expires_at = 0;
};

// `password_ok` is the result of step 2. On a wrong password: 401
// "auth.invalid_credentials" after the failure is counted and audited.
util::Result<SignedIn> complete_login(const Services& services, const LoginAttempt& attempt, bool password_ok,
                                      const RequestMeta& meta);

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
