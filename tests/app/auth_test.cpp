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

TEST_P(Auth, ManyFailuresFromOneAddressLockTheAddress) {
  const int max = settings().auth.address_max_failures;
  for (int i = 0; i < max; ++i) {
    // Different logins, so no single account reaches its own limit.
    app::LoginAttempt attempt{"guess" + std::to_string(i), std::nullopt, ""};
    ASSERT_FALSE(app::complete_login(services(), attempt, false, meta()));
  }
  auto locked = app::prepare_login(services(), "alice", k_password, meta());
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::locked);

  app::RequestMeta elsewhere{"10.0.0.2", "req-2"};
  auto other = app::prepare_login(services(), "alice", k_password, elsewhere);
  EXPECT_TRUE(other) << "another address is not locked";
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
  auto account = find_throttle("account:alice");
  ASSERT_TRUE(account);
  EXPECT_EQ(account->failures, k_threads * k_per_thread) << "no failure may be lost";
  EXPECT_EQ(audited("auth.login_failed").size(), static_cast<size_t>(k_threads * k_per_thread));
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
