// Sign-in, throttling, sessions and sign-out (SPEC §11: sessions expire,
// login is rate-limited, every attempt is audited).
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "app/auth.hpp"
#include "app/users.hpp"
#include "app/app_fixture.hpp"

namespace patronage::testing {
namespace {

using util::ErrorCode;

class Auth : public AppTest {
protected:
  Auth() : m_unit(add_unit("Region", "region")), m_alice(add_user("alice", "specialist", m_unit.id)) {}

  // A wrong password for `login`, as the HTTP layer would run it.
  util::Result<app::SignedIn> fail_once(const std::string& login = "alice") { return sign_in(login, "wrong-password"); }

  storage::UnitRecord m_unit;
  storage::UserRecord m_alice;
};

TEST_P(Auth, SuccessCreatesASessionAndAuditsTheLogin) {
  auto signed_in = sign_in("alice");
  ASSERT_TRUE(signed_in) << signed_in.error().key;
  EXPECT_EQ(signed_in->actor.id, m_alice.id);
  EXPECT_EQ(signed_in->actor.login, "alice");
  EXPECT_EQ(signed_in->actor.role, domain::Role::specialist);
  EXPECT_EQ(signed_in->actor.unit_path, m_unit.path);
  EXPECT_FALSE(signed_in->session_token.empty());
  EXPECT_FALSE(signed_in->csrf_token.empty());
  EXPECT_NE(signed_in->session_token, signed_in->csrf_token);
  EXPECT_EQ(signed_in->expires_at, now() + settings().auth.absolute_timeout.count());

  auto session = find_session_by_token(signed_in->session_token);
  ASSERT_TRUE(session) << "the session is stored under the token's hash";
  EXPECT_EQ(session->user_id, m_alice.id);
  EXPECT_EQ(session->csrf_token, signed_in->csrf_token);
  EXPECT_EQ(session->address, "10.0.0.1");
  EXPECT_EQ(session->created_at, now());
  EXPECT_EQ(session->last_seen_at, now());
  EXPECT_EQ(session->expires_at, signed_in->expires_at);
  EXPECT_FALSE(session->revoked_at);
  EXPECT_FALSE(find_session_by_token(signed_in->csrf_token)) << "the raw token is not a key";

  auto logins = audited("auth.login");
  ASSERT_EQ(logins.size(), 1U);
  EXPECT_EQ(logins[0].user_id, m_alice.id);
  EXPECT_EQ(logins[0].entity, "user");
  EXPECT_EQ(logins[0].entity_id, m_alice.id);
  EXPECT_EQ(logins[0].address, "10.0.0.1");
  EXPECT_EQ(logins[0].request_id, "req-1");
  EXPECT_EQ(logins[0].at, now());
  EXPECT_TRUE(audited("auth.login_failed").empty());
}

TEST_P(Auth, TwoSignInsGetDifferentTokens) {
  auto first = sign_in("alice");
  auto second = sign_in("alice");
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->session_token, second->session_token);
  EXPECT_NE(first->csrf_token, second->csrf_token);
}

TEST_P(Auth, WrongPasswordIsRefusedButTheFailureIsCommitted) {
  auto result = fail_once();
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(result.error().key, "auth.invalid_credentials");

  auto failed = audited("auth.login_failed");
  ASSERT_EQ(failed.size(), 1U) << "the audit entry survives the error";
  EXPECT_EQ(failed[0].user_id, m_alice.id);
  EXPECT_EQ(failed[0].entity_id, m_alice.id);
  EXPECT_EQ(failed[0].address, "10.0.0.1");
  EXPECT_TRUE(audited("auth.login").empty());

  auto account = find_throttle("account:alice");
  ASSERT_TRUE(account) << "the failure is counted despite the error";
  EXPECT_EQ(account->failures, 1);
  EXPECT_EQ(account->window_start, now());
  EXPECT_EQ(account->locked_until, 0);
  auto address = find_throttle("address:10.0.0.1");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->failures, 1);
  EXPECT_TRUE(verify_chain().ok);
}

TEST_P(Auth, UnknownLoginLooksLikeAWrongPassword) {
  auto attempt = app::prepare_login(services(), "nobody", "whatever-pass", meta());
  ASSERT_TRUE(attempt);
  EXPECT_FALSE(attempt->user);
  EXPECT_FALSE(attempt->password_hash.empty()) << "a dummy hash is checked so timing does not tell";
  auto result = app::complete_login(services(), *attempt, false, meta());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(result.error().key, "auth.invalid_credentials");
  auto failed = audited("auth.login_failed");
  ASSERT_EQ(failed.size(), 1U);
  EXPECT_EQ(failed[0].user_id, "");
  ASSERT_TRUE(find_throttle("account:nobody"));
  EXPECT_EQ(find_throttle("account:nobody")->failures, 1);
}

TEST_P(Auth, UnknownLoginWithAPasswordThatMatchesTheDummyIsStillRefused) {
  auto attempt = app::prepare_login(services(), "nobody", "whatever-pass", meta());
  ASSERT_TRUE(attempt);
  auto result = app::complete_login(services(), *attempt, true, meta());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::unauthorized);
}

TEST_P(Auth, EmptyOrOversizedInputIsAValidationError) {
  auto empty = app::prepare_login(services(), "", "", meta());
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::invalid);
  EXPECT_TRUE(has_field(empty.error(), "login", "validation.required"));
  EXPECT_TRUE(has_field(empty.error(), "password", "validation.required"));
  auto long_login = app::prepare_login(services(), std::string(101, 'a'), std::string(1025, 'p'), meta());
  ASSERT_FALSE(long_login);
  EXPECT_TRUE(has_field(long_login.error(), "login", "validation.too_long"));
  EXPECT_TRUE(has_field(long_login.error(), "password", "validation.too_long"));
  EXPECT_EQ(audit_count(), 2) << "only the two fixture creations; bad input writes nothing";
}

TEST_P(Auth, FiveFailuresLockTheAccount) {
  const int max = settings().auth.account_max_failures;
  ASSERT_EQ(max, 5);
  for (int i = 0; i < max; ++i) {
    auto result = fail_once();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::unauthorized) << "attempt " << i + 1 << " is refused, not locked";
  }
  auto account = find_throttle("account:alice");
  ASSERT_TRUE(account);
  EXPECT_EQ(account->failures, max);
  EXPECT_EQ(account->locked_until, now() + settings().auth.lockout.count());

  // Even the right password is refused before it is checked.
  auto locked = app::prepare_login(services(), "alice", k_password, meta());
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::locked);
  EXPECT_EQ(locked.error().key, "auth.locked");
  auto entries = audited("auth.login_locked");
  ASSERT_EQ(entries.size(), 1U) << "the refusal is audited although it is an error";
  EXPECT_EQ(entries[0].user_id, m_alice.id);
  EXPECT_EQ(audited("auth.login_failed").size(), static_cast<size_t>(max));
}

TEST_P(Auth, LockExpiresAfterTheLockout) {
  for (int i = 0; i < settings().auth.account_max_failures; ++i) {
    ASSERT_FALSE(fail_once());
  }
  clock().advance(settings().auth.lockout - std::chrono::seconds{1});
  auto still = sign_in("alice");
  ASSERT_FALSE(still);
  EXPECT_EQ(still.error().code, ErrorCode::locked);

  clock().advance(std::chrono::seconds{1});
  auto open = sign_in("alice");
  ASSERT_TRUE(open) << open.error().key;
  EXPECT_FALSE(find_throttle("account:alice")) << "a success clears the account counter";
}

TEST_P(Auth, OtherAccountsAreNotLockedByOnesFailures) {
  add_user("bob", "specialist", m_unit.id);
  for (int i = 0; i < settings().auth.account_max_failures; ++i) {
    ASSERT_FALSE(fail_once());
  }
  auto bob = sign_in("bob");
  EXPECT_TRUE(bob) << bob.error().key;
}

TEST_P(Auth, SuccessResetsTheCount) {
  const int max = settings().auth.account_max_failures;
  for (int i = 0; i < max - 1; ++i) {
    ASSERT_FALSE(fail_once());
  }
  ASSERT_TRUE(sign_in("alice"));
  for (int i = 0; i < max - 1; ++i) {
    ASSERT_FALSE(fail_once());
  }
  auto again = sign_in("alice");
  EXPECT_TRUE(again) << "the count restarted after the success";
}

TEST_P(Auth, FailuresOutsideTheWindowDoNotAddUp) {
  const int max = settings().auth.account_max_failures;
  for (int i = 0; i < max - 1; ++i) {
    ASSERT_FALSE(fail_once());
  }
  clock().advance(settings().auth.failure_window);
  for (int i = 0; i < max - 1; ++i) {
    ASSERT_FALSE(fail_once());
  }
  EXPECT_EQ(find_throttle("account:alice")->failures, max - 1);
  auto ok = sign_in("alice");
  EXPECT_TRUE(ok) << "never more than max-1 failures in one window";
}

TEST_P(Auth, DisabledUserWithTheRightPasswordIsRefused) {
  const auto admin = add_user("root", "admin", m_unit.id);
  ASSERT_TRUE(app::set_disabled(services(), actor(admin), meta(), m_alice.id, true));
  auto result = sign_in("alice");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(result.error().key, "auth.invalid_credentials") << "no hint that the account exists";
  EXPECT_EQ(audited("auth.login_failed").size(), 1U);
  EXPECT_TRUE(audited("auth.login").empty());
}

TEST_P(Auth, AuthenticateResolvesTheSession) {
  auto signed_in = sign_in("alice");
  ASSERT_TRUE(signed_in);
  auto auth = app::authenticate(services(), signed_in->session_token);
  ASSERT_TRUE(auth) << auth.error().key;
  EXPECT_EQ(auth->actor.id, m_alice.id);
  EXPECT_EQ(auth->actor.login, "alice");
  EXPECT_EQ(auth->actor.unit_path, m_unit.path);
  EXPECT_EQ(auth->csrf_token, signed_in->csrf_token);

  auto empty = app::authenticate(services(), "");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(empty.error().key, "auth.required");
  auto unknown = app::authenticate(services(), "not-a-token");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().key, "auth.session_expired");
  auto csrf_as_token = app::authenticate(services(), signed_in->csrf_token);
  EXPECT_FALSE(csrf_as_token);
}

TEST_P(Auth, IdleSessionExpires) {
  auto signed_in = sign_in("alice");
  ASSERT_TRUE(signed_in);
  clock().advance(settings().auth.idle_timeout - std::chrono::seconds{1});
  ASSERT_TRUE(app::authenticate(services(), signed_in->session_token)) << "just inside the idle timeout";
  clock().advance(settings().auth.idle_timeout);
  auto expired = app::authenticate(services(), signed_in->session_token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(expired.error().key, "auth.session_expired");
}

TEST_P(Auth, ActivityKeepsTheSessionUntilItsAbsoluteEnd) {
  auto signed_in = sign_in("alice");
  ASSERT_TRUE(signed_in);
  const auto absolute = settings().auth.absolute_timeout;
  const auto step = settings().auth.idle_timeout / 2;
  std::chrono::seconds elapsed{0};
  while (elapsed + step < absolute) {
    clock().advance(step);
    elapsed += step;
    ASSERT_TRUE(app::authenticate(services(), signed_in->session_token)) << "at " << elapsed.count() << " s";
  }
  clock().advance(absolute - elapsed);
  auto expired = app::authenticate(services(), signed_in->session_token);
  ASSERT_FALSE(expired) << "activity does not extend the absolute end";
  EXPECT_EQ(expired.error().key, "auth.session_expired");
}

TEST_P(Auth, TouchOnlyAfterTheTouchInterval) {
  auto signed_in = sign_in("alice");
  ASSERT_TRUE(signed_in);
  const long long start = now();
  clock().advance(settings().auth.touch_interval - std::chrono::seconds{1});
  ASSERT_TRUE(app::authenticate(services(), signed_in->session_token));
  EXPECT_EQ(find_session_by_token(signed_in->session_token)->last_seen_at, start) << "no write for every request";
  clock().advance(std::chrono::seconds{1});
  ASSERT_TRUE(app::authenticate(services(), signed_in->session_token));
  EXPECT_EQ(find_session_by_token(signed_in->session_token)->last_seen_at, now());
}

TEST_P(Auth, RevokedSessionIsRefused) {
  auto signed_in = sign_in("alice");
  ASSERT_TRUE(signed_in);
  ASSERT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
    storage::revoke_session(tx, util::sha256_hex(signed_in->session_token), now());
    return {};
  }));
  auto refused = app::authenticate(services(), signed_in->session_token);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "auth.session_expired");
}

TEST_P(Auth, LogoutRevokesAndAudits) {
  auto first = sign_in("alice");
  auto second = sign_in("alice");
  ASSERT_TRUE(first && second);
  clock().advance(std::chrono::seconds{10});
  ASSERT_TRUE(app::logout(services(), first->actor, first->session_token, meta()));
  EXPECT_EQ(find_session_by_token(first->session_token)->revoked_at, std::optional<long long>(now()));
  EXPECT_FALSE(app::authenticate(services(), first->session_token));
  EXPECT_TRUE(app::authenticate(services(), second->session_token)) << "only this browser is signed out";
  auto logouts = audited("auth.logout");
  ASSERT_EQ(logouts.size(), 1U);
  EXPECT_EQ(logouts[0].user_id, m_alice.id);
}

TEST_P(Auth, DisablingAUserEndsTheirSession) {
  const auto admin = add_user("root", "admin", m_unit.id);
  auto signed_in = sign_in("alice");
  ASSERT_TRUE(signed_in);
  ASSERT_TRUE(app::set_disabled(services(), actor(admin), meta(), m_alice.id, true));
  auto refused = app::authenticate(services(), signed_in->session_token);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "auth.session_expired");
}

TEST_P(Auth, PasswordPolicy) {
  EXPECT_TRUE(app::check_password_policy(settings().auth, "long-enough-1"));
  auto short_pw = app::check_password_policy(settings().auth, "short");
  ASSERT_FALSE(short_pw);
  EXPECT_EQ(short_pw.error().code, ErrorCode::invalid);
  ASSERT_EQ(short_pw.error().fields.size(), 1U);
  EXPECT_EQ(short_pw.error().fields[0].field, "password");
  EXPECT_FALSE(app::check_password_policy(settings().auth, std::string(2000, 'x')));
}

TEST_P(Auth, ParallelFailuresAreAllCounted) {
  // A brute force runs in parallel; the throttle must count every attempt and
  // each must get the normal answer.
  constexpr int k_threads = 4;
  constexpr int k_per_thread = 5;
  auto attempt = app::prepare_login(services(), "alice", "wrong-password", meta());
  ASSERT_TRUE(attempt);
  std::vector<std::thread> threads;
  std::vector<std::vector<std::string>> keys(k_threads);
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < k_per_thread; ++i) {
        auto result = app::complete_login(services(), *attempt, false, meta());
        keys[t].push_back(result ? "signed-in" : result.error().key);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (int t = 0; t < k_threads; ++t) {
    for (const auto& key : keys[t]) {
      EXPECT_EQ(key, "auth.invalid_credentials") << "thread " << t;
    }
  }
  auto address = find_throttle("address:10.0.0.1");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->failures, k_threads * k_per_thread) << "no failure may be lost";
  EXPECT_EQ(audited("auth.login_failed").size(), static_cast<size_t>(k_threads * k_per_thread));
}

// Issue 12, finding "lockout bypassed by concurrency": the lock used to be
// checked before argon2 and counted after it, so guesses in flight together
// were all evaluated. Now each is counted before its password is checked.
TEST_P(Auth, GuessesInFlightTogetherGetNoMoreThanTheLimit) {
  const int max = settings().auth.account_max_failures;
  ASSERT_EQ(max, 5);
  // 20 guesses all pass step 1 before any of them is checked (the widest race).
  std::vector<app::LoginAttempt> reserved;
  int locked = 0;
  for (int i = 0; i < 20; ++i) {
    auto attempt = app::prepare_login(services(), "alice", "wrong-" + std::to_string(i), meta());
    if (attempt) {
      reserved.push_back(std::move(*attempt));
    } else {
      EXPECT_EQ(attempt.error().code, ErrorCode::locked);
      ++locked;
    }
  }
  EXPECT_EQ(reserved.size(), static_cast<size_t>(max)) << "only the limit may reach the password check";
  EXPECT_EQ(locked, 20 - max);
  for (const auto& attempt : reserved) {
    EXPECT_FALSE(app::complete_login(services(), attempt, false, meta()));
  }
  auto right = sign_in("alice");
  ASSERT_FALSE(right) << "the right password is not even checked once the account is locked";
  EXPECT_EQ(right.error().key, "auth.locked");
  EXPECT_EQ(audited("auth.login_failed").size(), static_cast<size_t>(max));
  EXPECT_EQ(audited("auth.login_locked").size(), static_cast<size_t>(20 - max + 1));
  EXPECT_TRUE(audited("auth.login").empty());

  clock().advance(settings().auth.lockout);
  EXPECT_TRUE(sign_in("alice")) << "the lockout ends";
}

TEST_P(Auth, ParallelGuessesThenTheRightPasswordIsLocked) {
  constexpr int k_threads = 8;
  constexpr int k_per_thread = 6;
  std::vector<std::thread> threads;
  std::vector<std::vector<std::string>> keys(k_threads);
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < k_per_thread; ++i) {
        auto result = sign_in("alice", "wrong-" + std::to_string(t) + "-" + std::to_string(i));
        keys[t].push_back(result ? "signed-in" : result.error().key);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  int evaluated = 0;
  for (const auto& list : keys) {
    for (const auto& key : list) {
      EXPECT_TRUE(key == "auth.invalid_credentials" || key == "auth.locked") << key;
      evaluated += key == "auth.invalid_credentials" ? 1 : 0;
    }
  }
  EXPECT_EQ(evaluated, settings().auth.account_max_failures) << "passwords checked";
  auto right = sign_in("alice");
  ASSERT_FALSE(right);
  EXPECT_EQ(right.error().key, "auth.locked");
}

TEST_P(Auth, ASuccessWithinTheLimitReleasesTheReservation) {
  const int max = settings().auth.account_max_failures;
  // max - 1 wrong guesses and the right password are in flight together.
  std::vector<app::LoginAttempt> wrong;
  for (int i = 0; i < max - 1; ++i) {
    auto attempt = app::prepare_login(services(), "alice", "wrong-password", meta());
    ASSERT_TRUE(attempt);
    wrong.push_back(std::move(*attempt));
  }
  auto right = app::prepare_login(services(), "alice", k_password, meta());
  ASSERT_TRUE(right) << "the last attempt within the limit is checked";
  EXPECT_FALSE(app::prepare_login(services(), "alice", "another-guess", meta())) << "the limit is used up";
  auto signed_in = app::complete_login(services(), *right, app::check_password(settings().auth, *right, k_password),
                                       meta());
  ASSERT_TRUE(signed_in) << signed_in.error().key;
  EXPECT_FALSE(find_throttle("account:alice")) << "a success clears the account's count";
  EXPECT_TRUE(sign_in("alice"));
}

// Issue 12, finding "one address locks everyone out": failures of other
// accounts from an address slow it down but never refuse a right password.
TEST_P(Auth, ManyFailuresFromOneAddressSlowItDownButTheRightPasswordSignsIn) {
  auto& s = settings().auth;
  s.address_delay_step = std::chrono::milliseconds{100};
  s.address_max_delay = std::chrono::milliseconds{1000};
  const int max = s.address_max_failures;
  for (int i = 0; i < max; ++i) {
    // Unknown logins, so no account reaches its own limit.
    auto failed = sign_in("guess" + std::to_string(i), "wrong-password");
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().key, "auth.invalid_credentials") << "attempt " << i + 1;
  }
  auto slowed = app::prepare_login(services(), "alice", k_password, meta());
  ASSERT_TRUE(slowed) << "the address is never locked: " << slowed.error().key;
  EXPECT_EQ(slowed->delay, std::chrono::milliseconds{100});
  auto signed_in = app::complete_login(services(), *slowed, app::check_password(s, *slowed, k_password), meta());
  EXPECT_TRUE(signed_in) << "the right password signs in";

  // Each further failure doubles the wait, up to the cap.
  std::vector<long long> delays;
  for (int i = 0; i < 6; ++i) {
    ASSERT_FALSE(sign_in("more" + std::to_string(i), "wrong-password"));
    auto attempt = app::prepare_login(services(), "alice", k_password, meta());
    ASSERT_TRUE(attempt);
    delays.push_back(attempt->delay.count());
    ASSERT_TRUE(app::complete_login(services(), *attempt, true, meta()));
  }
  EXPECT_EQ(delays, (std::vector<long long>{200, 400, 800, 1000, 1000, 1000}));

  app::RequestMeta elsewhere{"10.0.0.2", "req-2"};
  auto other = app::prepare_login(services(), "alice", k_password, elsewhere);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->delay.count(), 0) << "another address is not slowed down";

  clock().advance(s.failure_window);
  auto later = app::prepare_login(services(), "alice", k_password, meta());
  ASSERT_TRUE(later);
  EXPECT_EQ(later->delay.count(), 0) << "the failures leave the window";
}

// Issue 12, finding "idle timeout logs active users out": last_seen_at was
// touched only every touch_interval (60 s), so an idle timeout of 1 minute
// ended sessions of users active every 40 s.
TEST_P(Auth, AShortIdleTimeoutKeepsAnActiveUserSignedIn) {
  settings().auth.idle_timeout = std::chrono::seconds{60};
  ASSERT_EQ(settings().auth.touch_interval, std::chrono::seconds{60});
  auto signed_in = sign_in("alice");
  ASSERT_TRUE(signed_in);
  for (int i = 1; i <= 10; ++i) {
    clock().advance(std::chrono::seconds{40});
    ASSERT_TRUE(app::authenticate(services(), signed_in->session_token)) << "after " << 40 * i << " s";
  }
  clock().advance(std::chrono::seconds{60});
  EXPECT_FALSE(app::authenticate(services(), signed_in->session_token)) << "a minute of nothing ends it";
}

// Issue 15: a stored hash weaker than the current cost is replaced at sign-in.
TEST_P(Auth, AWeakerHashIsReplacedAtSignIn) {
  const std::string before = m_alice.password_hash;
  settings().auth.password_cost = util::PasswordCost{2, size_t{128} << 10};
  ASSERT_TRUE(util::password_weaker_than(before, settings().auth.password_cost));
  ASSERT_TRUE(sign_in("alice"));
  const auto after = find_user(m_alice.id)->password_hash;
  EXPECT_NE(after, before);
  EXPECT_FALSE(util::password_needs_rehash(after, settings().auth.password_cost)) << after;
  EXPECT_TRUE(util::verify_password(after, k_password));
  EXPECT_EQ(find_user(m_alice.id)->updated_at, m_alice.updated_at) << "the user did not change";
  auto logins = audited("auth.login");
  ASSERT_EQ(logins.size(), 1U);
  EXPECT_EQ(logins[0].details, R"({"password_rehashed":true})");

  ASSERT_TRUE(sign_in("alice"));
  EXPECT_EQ(find_user(m_alice.id)->password_hash, after) << "rehashed once";
  EXPECT_TRUE(sign_in("alice", "wrong-password").error().key == "auth.invalid_credentials");
  EXPECT_EQ(find_user(m_alice.id)->password_hash, after);
}

TEST_P(Auth, AStrongerHashIsKept) {
  const std::string stronger = util::hash_password(k_password, util::PasswordCost{2, size_t{128} << 10});
  ASSERT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
    storage::update_password_hash(tx, m_alice.id, stronger, now());
    return {};
  }));
  ASSERT_TRUE(sign_in("alice"));
  EXPECT_EQ(find_user(m_alice.id)->password_hash, stronger);
}

TEST_P(Auth, ARehashDoesNotUndoAPasswordChangedMeanwhile) {
  settings().auth.password_cost = util::PasswordCost{2, size_t{64} << 10};
  auto attempt = app::prepare_login(services(), "alice", k_password, meta());
  ASSERT_TRUE(attempt);
  const auto check = app::check_password(settings().auth, *attempt, k_password);
  ASSERT_TRUE(check.ok);
  ASSERT_FALSE(check.new_hash.empty());
  const std::string changed = util::hash_password("a-new-password-2", settings().auth.password_cost);
  const auto admin = add_user("root", "admin", m_unit.id);
  ASSERT_TRUE(app::set_password(services(), actor(admin), meta(), m_alice.id, changed));
  (void)app::complete_login(services(), *attempt, check, meta());
  EXPECT_EQ(find_user(m_alice.id)->password_hash, changed);
}

TEST_P(Auth, EveryAttemptKeepsTheChainIntact) {
  ASSERT_TRUE(sign_in("alice"));
  for (int i = 0; i < settings().auth.account_max_failures; ++i) {
    ASSERT_FALSE(fail_once());
  }
  ASSERT_FALSE(sign_in("alice"));
  auto report = verify_chain();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.checked, audit_count());
}

INSTANTIATE_TEST_SUITE_P(Backends, Auth, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
