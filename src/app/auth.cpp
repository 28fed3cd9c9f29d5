#include "app/auth.hpp"

#include "app/audit_trail.hpp"
#include "storage/sessions.hpp"
#include "util/crypto.hpp"
#include "util/password.hpp"

namespace patronage::app {
namespace {

constexpr size_t k_max_login_length = 100;
constexpr size_t k_max_password_length = 1024;

const std::string& dummy_hash() {
  static const std::string k_hash = util::hash_password(util::random_token());
  return k_hash;
}

long long seconds(util::Timestamp at) { return at.time_since_epoch().count(); }

bool is_locked(storage::Tx& tx, const std::string& key, long long now) {
  auto record = storage::find_throttle(tx, key);
  return record && record->locked_until > now;
}

void count_failure(storage::Tx& tx, const std::string& key, int max_failures, const AuthSettings& s, long long now) {
  storage::count_throttle_failure(tx, key, now, s.failure_window.count(), max_failures, s.lockout.count());
}

std::string account_key(const std::string& login) { return "account:" + login; }
std::string address_key(const std::string& address) { return "address:" + address; }

} // namespace

Actor actor_of(const storage::UserRecord& user) {
  return {user.id, user.login, user.full_name, user.role, user.unit_id, user.unit_path, user.unit_name};
}

util::Result<LoginAttempt> prepare_login(const Services& services, const std::string& login,
                                         const std::string& password, const RequestMeta& meta) {
  std::vector<util::FieldError> fields;
  if (login.empty()) {
    fields.push_back({"login", "validation.required"});
  } else if (login.size() > k_max_login_length) {
    fields.push_back({"login", "validation.too_long"});
  }
  if (password.empty()) {
    fields.push_back({"password", "validation.required"});
  } else if (password.size() > k_max_password_length) {
    fields.push_back({"password", "validation.too_long"});
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  auto outcome = services.db.transact([&](storage::Tx& tx) -> util::Result<std::optional<LoginAttempt>> {
    const long long now = seconds(services.clock.now());
    if (is_locked(tx, account_key(login), now) || is_locked(tx, address_key(meta.address), now)) {
      auto user = storage::find_user_by_login(tx, login);
      audit(tx, services, user ? user->id : "", meta, "auth.login_locked", "user", user ? user->id : "");
      return std::optional<LoginAttempt>{};
    }
    LoginAttempt attempt{login, storage::find_user_by_login(tx, login), {}};
    return std::optional<LoginAttempt>{std::move(attempt)};
  });
  if (!outcome) {
    return util::fail(outcome.error());
  }
  if (!*outcome) {
    return util::fail(util::Error::locked("auth.locked"));
  }
  LoginAttempt attempt = std::move(**outcome);
  attempt.password_hash = attempt.user ? attempt.user->password_hash : dummy_hash();
  return attempt;
}

util::Result<SignedIn> complete_login(const Services& services, const LoginAttempt& attempt, bool password_ok,
                                      const RequestMeta& meta) {
  const AuthSettings& s = services.settings.auth;
  const bool accepted = password_ok && attempt.user && !attempt.user->disabled;
  auto outcome = services.db.transact([&](storage::Tx& tx) -> util::Result<std::optional<SignedIn>> {
    const long long now = seconds(services.clock.now());
    const std::string user_id = attempt.user ? attempt.user->id : "";
    if (!accepted) {
      // Audit first: appending locks the audit chain head until commit, so
      // parallel failures count one after another instead of losing updates
      // (PostgreSQL read-committed) or colliding on the throttle key.
      audit(tx, services, user_id, meta, "auth.login_failed", "user", user_id);
      count_failure(tx, account_key(attempt.login), s.account_max_failures, s, now);
      count_failure(tx, address_key(meta.address), s.address_max_failures, s, now);
      return std::optional<SignedIn>{};
    }
    storage::clear_throttle(tx, account_key(attempt.login));
    SignedIn signed_in{actor_of(*attempt.user), util::random_token(), util::random_token(), now + s.absolute_timeout.count()};
    storage::insert_session(tx, {util::sha256_hex(signed_in.session_token), user_id, signed_in.csrf_token,
                                 meta.address, now, now, signed_in.expires_at, std::nullopt});
    audit(tx, services, user_id, meta, "auth.login", "user", user_id);
    return std::optional<SignedIn>{std::move(signed_in)};
  });
  if (!outcome) {
    return util::fail(outcome.error());
  }
  if (!*outcome) {
    return util::fail(util::Error::unauthorized("auth.invalid_credentials"));
  }
  return std::move(**outcome);
}

util::Result<Authenticated> authenticate(const Services& services, const std::string& session_token) {
  if (session_token.empty()) {
    return util::fail(util::Error::unauthorized("auth.required"));
  }
  const AuthSettings& s = services.settings.auth;
  const std::string token_hash = util::sha256_hex(session_token);
  const long long now = seconds(services.clock.now());
  // A read transaction: every request passes here, and only one in
  // `touch_interval` needs to write, in its own short write transaction.
  bool touch = false;
  auto found = services.db.read([&](storage::Tx& tx) -> util::Result<Authenticated> {
    auto session = storage::find_session(tx, token_hash);
    if (!session || session->revoked_at || now >= session->expires_at ||
        now - session->last_seen_at >= s.idle_timeout.count()) {
      return util::fail(util::Error::unauthorized("auth.session_expired"));
    }
    auto user = storage::find_user(tx, session->user_id);
    if (!user || user->disabled) {
      return util::fail(util::Error::unauthorized("auth.session_expired"));
    }
    touch = now - session->last_seen_at >= s.touch_interval.count();
    return Authenticated{actor_of(*user), session->csrf_token};
  });
  if (found && touch) {
    auto touched = services.db.transact([&](storage::Tx& tx) -> util::Status {
      storage::touch_session(tx, token_hash, now);
      return {};
    });
    if (!touched) {
      return util::fail(touched.error());
    }
  }
  return found;
}

util::Status logout(const Services& services, const Actor& actor, const std::string& session_token,
                    const RequestMeta& meta) {
  return services.db.transact([&](storage::Tx& tx) -> util::Status {
    storage::revoke_session(tx, util::sha256_hex(session_token), seconds(services.clock.now()));
    audit(tx, services, actor.id, meta, "auth.logout", "user", actor.id);
    return {};
  });
}

util::Status check_password_policy(const AuthSettings& settings, const std::string& password) {
  if (password.size() < settings.password_min_length) {
    return util::fail(util::Error::field("password", "validation.password_too_short")
                          .with("min", std::to_string(settings.password_min_length)));
  }
  if (password.size() > k_max_password_length) {
    return util::fail(util::Error::field("password", "validation.too_long"));
  }
  return {};
}

} // namespace patronage::app
