#include "app/auth.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <mutex>

#include "app/audit_trail.hpp"
#include "storage/sessions.hpp"
#include "util/crypto.hpp"
#include "util/password.hpp"

namespace patronage::app {
namespace {

constexpr size_t k_max_login_length = 100;
constexpr size_t k_max_password_length = 1024;

// A hash of a random password at the current cost, checked for unknown
// logins so that they take as long as known ones.
std::string dummy_hash(const util::PasswordCost& cost) {
  static std::mutex mutex;
  static std::map<std::pair<unsigned long long, size_t>, std::string> hashes;
  const std::lock_guard lock(mutex);
  std::string& hash = hashes[{cost.ops, cost.memory_bytes}];
  if (hash.empty()) {
    hash = util::hash_password(util::random_token(), cost);
  }
  return hash;
}

long long seconds(util::Timestamp at) { return at.time_since_epoch().count(); }

std::string account_key(const std::string& login) { return "account:" + login; }
std::string address_key(const std::string& address) { return "address:" + address; }

// How long a sign-in from an address with `record`'s failures waits: nothing
// up to `address_max_failures`, then the step doubled per further failure, capped.
std::chrono::milliseconds address_delay(const AuthSettings& s, const std::optional<storage::ThrottleRecord>& record,
                                        long long now) {
  if (!record || now - record->window_start >= s.failure_window.count()) {
    return std::chrono::milliseconds{0};
  }
  const int excess = record->failures - s.address_max_failures;
  if (excess < 0 || s.address_max_delay.count() <= 0) {
    return std::chrono::milliseconds{0};
  }
  auto delay = s.address_delay_step;
  for (int i = 0; i < excess && delay < s.address_max_delay; ++i) {
    delay *= 2;
  }
  return std::min(delay, s.address_max_delay);
}

} // namespace

Actor actor_of(const storage::UserRecord& user) {
  return {user.id, user.login, user.full_name, user.role, user.unit_id, user.unit_path, user.unit_name};
}

util::Result<LoginAttempt> prepare_login(const Services& services, const std::string& login,
                                         const std::string& password, const RequestMeta& meta) {
  const AuthSettings& s = services.settings.auth;
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
    // The attempt is counted before the password is checked, in one atomic
    // statement: of any number of parallel guesses only `account_max_failures`
    // get through; a success clears the count again (complete_login).
    if (!storage::reserve_throttle_attempt(tx, account_key(login), now, s.failure_window.count(),
                                           s.account_max_failures, s.lockout.count())) {
      auto user = storage::find_user_by_login(tx, login);
      audit(tx, services, user ? user->id : "", meta, "auth.login_locked", "user", user ? user->id : "");
      return std::optional<LoginAttempt>{};
    }
    LoginAttempt attempt{login, storage::find_user_by_login(tx, login), {}, {}};
    attempt.delay = address_delay(s, storage::find_throttle(tx, address_key(meta.address)), now);
    return std::optional<LoginAttempt>{std::move(attempt)};
  });
  if (!outcome) {
    return util::fail(outcome.error());
  }
  if (!*outcome) {
    return util::fail(util::Error::locked("auth.locked"));
  }
  LoginAttempt attempt = std::move(**outcome);
  attempt.password_hash = attempt.user ? attempt.user->password_hash : dummy_hash(s.password_cost);
  return attempt;
}

PasswordCheck check_password(const AuthSettings& settings, const LoginAttempt& attempt, const std::string& password) {
  PasswordCheck check{util::verify_password(attempt.password_hash, password), {}};
  if (check.ok && attempt.user && !attempt.user->disabled &&
      util::password_weaker_than(attempt.password_hash, settings.password_cost)) {
    try {
      check.new_hash = util::hash_password(password, settings.password_cost);
    } catch (const std::exception&) {
      check.new_hash.clear(); // out of memory: keep the old hash, try at the next sign-in
    }
  }
  return check;
}

util::Result<SignedIn> complete_login(const Services& services, const LoginAttempt& attempt,
                                      const PasswordCheck& check, const RequestMeta& meta) {
  const AuthSettings& s = services.settings.auth;
  const bool accepted = check.ok && attempt.user && !attempt.user->disabled;
  auto outcome = services.db.transact([&](storage::Tx& tx) -> util::Result<std::optional<SignedIn>> {
    const long long now = seconds(services.clock.now());
    const std::string user_id = attempt.user ? attempt.user->id : "";
    if (!accepted) {
      // Audit first: appending locks the audit chain head until commit, so
      // parallel failures count one after another instead of losing updates
      // (PostgreSQL read-committed) or colliding on the throttle key. The
      // account's attempt was counted by prepare_login; the address counts
      // failures only and never locks (it slows down, see address_delay).
      audit(tx, services, user_id, meta, "auth.login_failed", "user", user_id);
      storage::count_throttle_failure(tx, address_key(meta.address), now, s.failure_window.count(),
                                      std::numeric_limits<int>::max(), 0);
      return std::optional<SignedIn>{};
    }
    storage::clear_throttle(tx, account_key(attempt.login));
    bool rehashed = false;
    if (!check.new_hash.empty()) {
      // Only over the hash that was checked: a password changed meanwhile stays.
      rehashed = storage::replace_password_hash(tx, user_id, attempt.user->password_hash, check.new_hash);
    }
    SignedIn signed_in{actor_of(*attempt.user), util::random_token(), util::random_token(), now + s.absolute_timeout.count()};
    storage::insert_session(tx, {util::sha256_hex(signed_in.session_token), user_id, signed_in.csrf_token,
                                 meta.address, now, now, signed_in.expires_at, std::nullopt});
    audit(tx, services, user_id, meta, "auth.login", "user", user_id,
          rehashed ? boost::json::object{{"password_rehashed", true}} : boost::json::object{});
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
    // Touched well within the idle timeout, so that an active user is never
    // taken for an idle one: at most every third of it.
    const long long touch_every = std::min<long long>(s.touch_interval.count(), s.idle_timeout.count() / 3);
    touch = now - session->last_seen_at >= touch_every;
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
