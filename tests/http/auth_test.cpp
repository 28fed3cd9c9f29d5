#include "support/problems.hpp"
#include "http/lifecycle_fixture.hpp"
#include "support/test_server.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "storage/sessions.hpp"
#include "storage/users.hpp"
#include "util/crypto.hpp"
#include "util/password.hpp"

namespace patronage::testing {
namespace {

// "a=b; Path=/; HttpOnly" → {"a=b", "Path=/", "HttpOnly"}.
std::vector<std::string> cookie_attributes(const std::string& header) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= header.size()) {
    const size_t end = std::min(header.find(';', pos), header.size());
    std::string part = header.substr(pos, end - pos);
    part.erase(0, part.find_first_not_of(' '));
    out.push_back(part);
    pos = end + 1;
  }
  return out;
}

class HttpAuth : public ::testing::TestWithParam<storage::Backend> {
protected:
  void SetUp() override {
    m_server = std::make_unique<TestServer>(GetParam());
    m_region = m_server->add_unit("Region", "region");
    m_admin_id = m_server->add_user("root", "admin", m_region);
    m_anna_id = m_server->add_user("anna", "specialist", m_region);
  }

  // Audit actions recorded about user `id`, newest first, read through the API by a fresh admin session.
  std::vector<std::string> audit_actions_about(const std::string& id) {
    TestClient admin(m_server->port());
    EXPECT_EQ(admin.login("root").status, 200);
    const auto res = admin.get("/api/v1/audit?entity=user&entity_id=" + id);
    EXPECT_EQ(res.status, 200) << res.body;
    std::vector<std::string> out;
    if (res.status == 200) {
      const auto body = res.json();
      for (const auto& entry : body.at("items").as_array()) {
        out.emplace_back(entry.at("action").as_string());
      }
    }
    return out;
  }

  size_t unit_count(TestClient& client) {
    const auto res = client.get("/api/v1/units");
    EXPECT_EQ(res.status, 200) << res.body;
    return res.status == 200 ? res.json().at("items").as_array().size() : 0;
  }

  std::string new_unit_body() const {
    return R"({"name":"Department","kind":"department","parent_id":")" + m_region + R"("})";
  }

  std::optional<storage::ThrottleRecord> throttle(const std::string& key) {
    return m_server->db()
        .transact([&](storage::Tx& tx) -> util::Result<std::optional<storage::ThrottleRecord>> {
          return storage::find_throttle(tx, key);
        })
        .value_or(std::nullopt);
  }

  // The client address recorded with the session of cookie `token`.
  std::string session_address(const std::string& token) {
    return m_server->db()
        .transact([&](storage::Tx& tx) -> util::Result<std::string> {
          auto session = storage::find_session(tx, util::sha256_hex(token));
          return session ? session->address : "(no session)";
        })
        .value_or("(error)");
  }

  std::string password_hash_of(const std::string& id) {
    return m_server->db()
        .transact([&](storage::Tx& tx) -> util::Result<std::string> {
          auto user = storage::find_user(tx, id);
          return user ? user->password_hash : "";
        })
        .value_or("");
  }

  util::FixedClock& clock() { return m_server->clock(); }
  const app::AuthSettings& auth() { return m_server->settings().auth; }

  std::unique_ptr<TestServer> m_server;
  std::string m_region;
  std::string m_admin_id;
  std::string m_anna_id;
};

TEST_P(HttpAuth, WrongPasswordIsRefusedAndAudited) {
  TestClient client(m_server->port());
  const auto res = client.login("anna", "wrong-password");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(type_of(res), problem_uri("auth.invalid_credentials"));
  EXPECT_EQ(res.headers.count("set-cookie"), 0U);
  EXPECT_TRUE(client.cookie().empty());
  EXPECT_EQ(client.get("/api/v1/me").status, 401);

  const auto actions = audit_actions_about(m_anna_id);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "auth.login_failed"), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "auth.login"), 0);
}

TEST_P(HttpAuth, UnknownLoginLooksLikeAWrongPassword) {
  TestClient client(m_server->port());
  const auto res = client.login("nobody", "wrong-password");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(type_of(res), problem_uri("auth.invalid_credentials"));
}

TEST_P(HttpAuth, SixthRapidFailureIsLockedOutUntilTheLockoutEnds) {
  ASSERT_EQ(auth().account_max_failures, 5);
  TestClient client(m_server->port());
  for (int i = 0; i < auth().account_max_failures; ++i) {
    const auto res = client.login("anna", "wrong-password");
    ASSERT_EQ(res.status, 401) << "attempt " << i + 1;
  }
  auto locked = client.login("anna"); // the right password
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(type_of(locked), problem_uri("auth.locked"));
  EXPECT_TRUE(client.cookie().empty());

  // The lock is per account: another account from the same address signs in.
  TestClient other(m_server->port());
  EXPECT_EQ(other.login("root").status, 200);

  clock().advance(auth().lockout - std::chrono::seconds{1});
  locked = client.login("anna");
  EXPECT_EQ(locked.status, 429) << "still locked one second before the end";

  clock().advance(std::chrono::seconds{1});
  EXPECT_EQ(client.login("anna").status, 200);
  EXPECT_EQ(client.get("/api/v1/me").status, 200);

  const auto actions = audit_actions_about(m_anna_id);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "auth.login_failed"), 5);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "auth.login_locked"), 2);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "auth.login"), 1);
}

TEST_P(HttpAuth, IdleSessionExpires) {
  TestClient client(m_server->port());
  ASSERT_EQ(client.login("anna").status, 200);
  const auto almost = auth().idle_timeout - std::chrono::seconds{1};
  // Activity keeps the session alive past one idle timeout in total...
  clock().advance(almost);
  ASSERT_EQ(client.get("/api/v1/me").status, 200);
  clock().advance(almost);
  ASSERT_EQ(client.get("/api/v1/me").status, 200);
  // ...but a whole idle timeout with no request ends it.
  clock().advance(auth().idle_timeout);
  const auto res = client.get("/api/v1/me");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(type_of(res), problem_uri("auth.session_expired"));
  // A request does not revive it, a write neither.
  EXPECT_EQ(client.post_json("/api/v1/units", new_unit_body()).status, 401);
}

TEST_P(HttpAuth, AbsoluteTimeoutEndsAnActiveSession) {
  TestClient client(m_server->port());
  ASSERT_EQ(client.login("anna").status, 200);
  const auto step = auth().idle_timeout - std::chrono::minutes{1};
  auto remaining = std::chrono::duration_cast<std::chrono::seconds>(auth().absolute_timeout);
  ASSERT_GT(remaining, step);
  while (remaining > step) {
    clock().advance(step);
    remaining -= step;
    ASSERT_EQ(client.get("/api/v1/me").status, 200) << "remaining " << remaining.count() << " s";
  }
  clock().advance(remaining - std::chrono::seconds{1});
  ASSERT_EQ(client.get("/api/v1/me").status, 200);
  clock().advance(std::chrono::seconds{1});
  const auto res = client.get("/api/v1/me");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(type_of(res), problem_uri("auth.session_expired"));
}

TEST_P(HttpAuth, LogoutEndsTheSessionAndClearsTheCookie) {
  TestClient client(m_server->port());
  ASSERT_EQ(client.login("anna").status, 200);
  const std::string token = client.cookie();
  const auto res = client.request("POST", "/api/v1/auth/logout");
  ASSERT_EQ(res.status, 204) << res.body;
  const auto attributes = cookie_attributes(res.headers.at("set-cookie"));
  EXPECT_EQ(attributes.front(), "patronage_session=");
  EXPECT_TRUE(has(attributes, "Max-Age=0"));
  EXPECT_TRUE(has(attributes, "Path=/"));

  ASSERT_EQ(client.cookie(), token); // a stale browser tab still sends it
  const auto me = client.get("/api/v1/me");
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(type_of(me), problem_uri("auth.session_expired"));
  EXPECT_EQ(client.request("POST", "/api/v1/auth/logout").status, 401);

  const auto actions = audit_actions_about(m_anna_id);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "auth.logout"), 1);
}

TEST_P(HttpAuth, WritesNeedTheSessionCsrfToken) {
  TestClient admin(m_server->port());
  ASSERT_EQ(admin.login("root").status, 200);
  const std::string token = admin.csrf();
  const size_t before = unit_count(admin);

  TestClient other(m_server->port());
  ASSERT_EQ(other.login("anna").status, 200);
  ASSERT_NE(other.csrf(), token);

  for (const std::string& wrong : {std::string(), std::string("wrong"), other.csrf(), token.substr(1)}) {
    SCOPED_TRACE("X-CSRF-Token: '" + wrong + "'");
    admin.csrf() = wrong; // empty: the header is not sent at all
    const auto res = admin.post_json("/api/v1/units", new_unit_body());
    EXPECT_EQ(res.status, 403);
    EXPECT_EQ(type_of(res), problem_uri("request.csrf"));
  }
  admin.csrf() = "";
  EXPECT_EQ(type_of(admin.request("POST", "/api/v1/auth/logout")), problem_uri("request.csrf"));
  EXPECT_EQ(admin.get("/api/v1/me").status, 200) << "a refused logout leaves the session alive";
  EXPECT_EQ(unit_count(admin), before);

  admin.csrf() = token;
  ASSERT_EQ(admin.post_json("/api/v1/units", new_unit_body()).status, 201);
  EXPECT_EQ(unit_count(admin), before + 1);
}

TEST_P(HttpAuth, CrossSiteOriginIsRefused) {
  TestClient admin(m_server->port());
  ASSERT_EQ(admin.login("root").status, 200);
  const size_t before = unit_count(admin);
  const auto res = admin.request("POST", "/api/v1/units", new_unit_body(),
                                 {{"Content-Type", "application/json"}, {"Origin", "http://evil.example"}});
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(type_of(res), problem_uri("request.origin"));
  EXPECT_EQ(unit_count(admin), before);

  // Login is a write too: a foreign page cannot sign a browser in (login CSRF).
  TestClient victim(m_server->port());
  const auto login = victim.request("POST", "/api/v1/auth/login", R"({"login":"anna","password":"correct-horse-1"})",
                                    {{"Content-Type", "application/json"}, {"Origin", "https://evil.example"}});
  EXPECT_EQ(login.status, 403);
  EXPECT_EQ(type_of(login), problem_uri("request.origin"));
  EXPECT_EQ(login.headers.count("set-cookie"), 0U);

  // Our own origin is fine.
  const auto own = admin.request(
      "POST", "/api/v1/units", new_unit_body(),
      {{"Content-Type", "application/json"}, {"Origin", "http://127.0.0.1:" + std::to_string(m_server->port())}});
  EXPECT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(unit_count(admin), before + 1);
}

TEST_P(HttpAuth, SessionCookieFlags) {
  TestClient client(m_server->port());
  const auto res = client.login("anna");
  ASSERT_EQ(res.status, 200);
  const auto attributes = cookie_attributes(res.headers.at("set-cookie"));
  ASSERT_FALSE(attributes.empty());
  EXPECT_TRUE(attributes.front().starts_with("patronage_session="));
  EXPECT_GE(client.cookie().size(), 20U) << "the token must be long enough not to be guessed";
  EXPECT_TRUE(has(attributes, "HttpOnly"));
  EXPECT_TRUE(has(attributes, "SameSite=Strict"));
  EXPECT_TRUE(has(attributes, "Path=/"));
  EXPECT_TRUE(has(attributes, "Max-Age=" + std::to_string(auth().absolute_timeout.count())));
  EXPECT_FALSE(has(attributes, "Secure")) << "the test server is plain HTTP";

  const auto body = res.json();
  EXPECT_EQ(body.at("user").at("login"), "anna");
  EXPECT_FALSE(body.at("csrf_token").as_string().empty());
  EXPECT_NE(body.at("csrf_token").as_string(), client.cookie());
  EXPECT_EQ(res.body.find(client.cookie()), std::string::npos) << "the session token is only in the cookie";
}

// Issue 12: parallel guesses were all evaluated (the lock was checked before
// argon2 and counted after it) and the right password was accepted.
TEST_P(HttpAuth, ParallelGuessesAreCutOffAtTheLimit) {
  ASSERT_EQ(auth().account_max_failures, 5);
  constexpr int k_threads = 10;
  constexpr int k_per_thread = 4;
  std::vector<std::thread> threads;
  std::vector<std::vector<int>> statuses(k_threads);
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      TestClient client(m_server->port());
      for (int i = 0; i < k_per_thread; ++i) {
        statuses[t].push_back(client.login("anna", "wrong-" + std::to_string(t) + "-" + std::to_string(i)).status);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  int evaluated = 0;
  for (const auto& list : statuses) {
    for (const int status : list) {
      EXPECT_TRUE(status == 401 || status == 429) << status;
      evaluated += status == 401 ? 1 : 0;
    }
  }
  EXPECT_EQ(evaluated, auth().account_max_failures) << "guesses whose password was checked";
  TestClient owner(m_server->port());
  const auto right = owner.login("anna");
  EXPECT_EQ(right.status, 429);
  EXPECT_EQ(type_of(right), problem_uri("auth.locked"));
  EXPECT_TRUE(owner.cookie().empty());
}

// Issue 12: 20 failures for unknown names from one address made every
// sign-in from it 429, right passwords included.
TEST_P(HttpAuth, FailuresFromOneAddressSlowItDownButTheRightPasswordSignsIn) {
  m_server->settings().auth.address_delay_step = std::chrono::milliseconds{300};
  TestClient attacker(m_server->port());
  for (int i = 0; i < auth().address_max_failures; ++i) {
    ASSERT_EQ(attacker.login("nobody" + std::to_string(i), "wrong-password").status, 401) << "attempt " << i + 1;
  }
  TestClient colleague(m_server->port()); // the same address
  const auto started = std::chrono::steady_clock::now();
  const auto res = colleague.login("anna");
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(res.status, 200) << res.body;
  EXPECT_GE(waited, std::chrono::milliseconds{300}) << "the address is slowed down";
  EXPECT_EQ(colleague.get("/api/v1/me").status, 200);
}

// With no trusted proxy X-Forwarded-For is ignored: a client cannot pick the
// address its failures are counted under.
TEST_P(HttpAuth, ForwardedForIsIgnoredWithoutATrustedProxy) {
  TestClient client(m_server->port());
  client.address() = "198.51.100.7";
  ASSERT_EQ(client.login("anna", "wrong-password").status, 401);
  ASSERT_EQ(client.login("root").status, 200);
  const auto failures = throttle("address:127.0.0.1");
  ASSERT_TRUE(failures);
  EXPECT_EQ(failures->failures, 1);
  EXPECT_FALSE(throttle("address:198.51.100.7"));
  EXPECT_EQ(session_address(client.cookie()), "127.0.0.1");
}

// Behind a trusted reverse proxy the client is the rightmost X-Forwarded-For
// entry that is not a trusted proxy; what the client wrote left of it is ignored.
TEST_P(HttpAuth, BehindATrustedProxyTheClientIsTakenFromForwardedFor) {
  http::ApiOptions options = test_api_options();
  options.trusted_proxies = {"127.0.0.1", "10.0.0.2"};
  m_server = std::make_unique<TestServer>(GetParam(), options);
  m_region = m_server->add_unit("Region", "region");
  m_server->add_user("anna", "specialist", m_region);
  m_server->settings().auth.address_delay_step = std::chrono::seconds{3};

  TestClient attacker(m_server->port());
  attacker.address() = "203.0.113.66, 198.51.100.7"; // a spoofed entry, then what the proxy saw
  for (int i = 0; i < auth().address_max_failures; ++i) {
    ASSERT_EQ(attacker.login("nobody" + std::to_string(i), "wrong-password").status, 401);
  }
  ASSERT_TRUE(throttle("address:198.51.100.7"));
  EXPECT_EQ(throttle("address:198.51.100.7")->failures, auth().address_max_failures);
  EXPECT_FALSE(throttle("address:203.0.113.66"));
  EXPECT_FALSE(throttle("address:127.0.0.1")) << "the proxy itself is not the client";

  // Another user behind the same proxy is not slowed down by the attacker.
  TestClient colleague(m_server->port());
  colleague.address() = "198.51.100.8, 10.0.0.2"; // through a second trusted proxy
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(colleague.login("anna").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds{3}) << "no wait";
  EXPECT_EQ(session_address(colleague.cookie()), "198.51.100.8");

  // A request without the header is the proxy's own.
  TestClient direct(m_server->port());
  ASSERT_EQ(direct.login("anna").status, 200);
  EXPECT_EQ(session_address(direct.cookie()), "127.0.0.1");
}

// Issue 12: with an idle timeout of 1 minute, last_seen_at touched only every
// 60 s let active users be signed out.
TEST_P(HttpAuth, AShortIdleTimeoutKeepsAnActiveUserSignedIn) {
  m_server->settings().auth.idle_timeout = std::chrono::seconds{60};
  TestClient client(m_server->port());
  ASSERT_EQ(client.login("anna").status, 200);
  for (int i = 1; i <= 8; ++i) {
    clock().advance(std::chrono::seconds{40});
    ASSERT_EQ(client.get("/api/v1/me").status, 200) << "after " << 40 * i << " s";
  }
  clock().advance(std::chrono::seconds{60});
  EXPECT_EQ(client.get("/api/v1/me").status, 401);
}

// Issue 15: the sign-in replaces a hash weaker than the current cost.
TEST_P(HttpAuth, SignInRehashesAWeakerPassword) {
  const util::PasswordCost current{2, size_t{64} << 10};
  const std::string before = password_hash_of(m_anna_id);
  ASSERT_TRUE(util::password_weaker_than(before, current));
  m_server->settings().auth.password_cost = current;
  TestClient client(m_server->port());
  ASSERT_EQ(client.login("anna").status, 200);
  const std::string after = password_hash_of(m_anna_id);
  EXPECT_NE(after, before);
  EXPECT_FALSE(util::password_needs_rehash(after, current)) << after;
  TestClient again(m_server->port());
  EXPECT_EQ(again.login("anna").status, 200) << "the same password still signs in";
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpAuth, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
