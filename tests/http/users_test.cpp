#include "support/problems.hpp"
#include "support/test_server.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace patronage::testing {
namespace {

std::set<std::string> logins_of(const HttpResult& res) {
  std::set<std::string> out;
  const auto body = res.json();
  for (const auto& user : body.at("items").as_array()) {
    out.emplace(user.at("login").as_string());
  }
  return out;
}

std::set<std::string> keys_of(const boost::json::value& value) {
  std::set<std::string> out;
  for (const auto& [key, item] : value.as_object()) {
    out.emplace(key);
  }
  return out;
}

// The documented shape of a user (openapi.json: User); never a password or its hash.
const std::set<std::string> k_user_keys{"id",      "login",     "full_name", "role",
                                        "unit_id", "unit_name", "disabled",  "created_at"};

// One region with two institutions, A (with a department) and B, and staff in each:
//   Region: root (admin), quality (auditor)
//   A: head_a, spec_a;  A/Dept: expert_a1
//   B: head_b, spec_b
class HttpUsers : public ::testing::TestWithParam<storage::Backend> {
protected:
  void SetUp() override {
    m_server = std::make_unique<TestServer>(GetParam());
    m_region = m_server->add_unit("Region", "region");
    m_a = m_server->add_unit("Institution A", "institution", m_region);
    m_b = m_server->add_unit("Institution B", "institution", m_region);
    m_a_dept = m_server->add_unit("Department A1", "department", m_a);
    m_ids["root"] = m_server->add_user("root", "admin", m_region);
    m_ids["quality"] = m_server->add_user("quality", "auditor", m_region);
    m_ids["head_a"] = m_server->add_user("head_a", "head", m_a);
    m_ids["spec_a"] = m_server->add_user("spec_a", "specialist", m_a);
    m_ids["expert_a1"] = m_server->add_user("expert_a1", "expert", m_a_dept);
    m_ids["head_b"] = m_server->add_user("head_b", "head", m_b);
    m_ids["spec_b"] = m_server->add_user("spec_b", "specialist", m_b);
  }

  std::unique_ptr<TestClient> signed_in(const std::string& login) {
    auto client = std::make_unique<TestClient>(m_server->port());
    EXPECT_EQ(client->login(login).status, 200) << login;
    return client;
  }

  // Audit entries (action, entity_id) written by `user_id`, read by the auditor.
  std::vector<std::pair<std::string, std::string>> audit_by(const std::string& user_id) {
    auto auditor = signed_in("quality");
    const auto res = auditor->get("/api/v1/audit?user_id=" + user_id);
    EXPECT_EQ(res.status, 200) << res.body;
    std::vector<std::pair<std::string, std::string>> out;
    if (res.status == 200) {
      const auto body = res.json();
      for (const auto& e : body.at("items").as_array()) {
        EXPECT_EQ(e.at("user_id").as_string(), user_id);
        out.emplace_back(e.at("action").as_string(), e.at("entity_id").as_string());
      }
    }
    return out;
  }

  std::string new_user_body(const std::string& login, const std::string& unit) const {
    return R"({"login":")" + login + R"(","full_name":"Ольга Петрова","role":"specialist","unit_id":")" + unit +
           R"(","password":"a-long-password-1"})";
  }

  std::unique_ptr<TestServer> m_server;
  std::string m_region;
  std::string m_a;
  std::string m_b;
  std::string m_a_dept;
  std::map<std::string, std::string> m_ids;
};

TEST_P(HttpUsers, HeadListsOnlyTheirSubtree) {
  auto head_a = signed_in("head_a");
  const auto res = head_a->get("/api/v1/users");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(logins_of(res), (std::set<std::string>{"expert_a1", "head_a", "spec_a"}));
  const auto body = res.json();
  for (const auto& user : body.at("items").as_array()) {
    EXPECT_EQ(keys_of(user), k_user_keys);
  }

  auto head_b = signed_in("head_b");
  EXPECT_EQ(logins_of(head_b->get("/api/v1/users")), (std::set<std::string>{"head_b", "spec_b"}));

  auto root = signed_in("root");
  EXPECT_EQ(logins_of(root->get("/api/v1/users")).size(), m_ids.size());
}

TEST_P(HttpUsers, HeadCannotReadAUserOfAnotherInstitution) {
  auto head_a = signed_in("head_a");
  for (const char* login : {"spec_b", "head_b", "root"}) {
    SCOPED_TRACE(login);
    const auto res = head_a->get("/api/v1/users/" + m_ids[login]);
    EXPECT_EQ(res.status, 404);
    EXPECT_EQ(type_of(res), problem_uri("user.not_found"));
    EXPECT_EQ(res.body.find(login), std::string::npos) << "a refusal must not leak the user";
  }
  // The same answer as for an id that does not exist at all: ids cannot be probed.
  const auto missing = head_a->get("/api/v1/users/no-such-id");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(type_of(missing), problem_uri("user.not_found"));

  const auto own = head_a->get("/api/v1/users/" + m_ids["expert_a1"]);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json().at("login"), "expert_a1");
  EXPECT_EQ(own.json().at("unit_id").as_string(), m_a_dept);
  EXPECT_EQ(own.json().at("unit_name"), "Department A1");
  EXPECT_EQ(keys_of(own.json()), k_user_keys);
}

TEST_P(HttpUsers, SpecialistSeesOnlySelfAndCannotCreate) {
  auto spec = signed_in("spec_a");
  const auto list = spec->get("/api/v1/users");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(logins_of(list), (std::set<std::string>{"spec_a"}));
  EXPECT_EQ(spec->get("/api/v1/users/" + m_ids["spec_a"]).status, 200);
  EXPECT_EQ(spec->get("/api/v1/users/" + m_ids["head_a"]).status, 404);

  const auto created = spec->post_json("/api/v1/users", new_user_body("sneaky", m_a));
  EXPECT_EQ(created.status, 403) << created.body;
  EXPECT_EQ(type_of(created), problem_uri("auth.forbidden"));
  EXPECT_EQ(spec->request("POST", "/api/v1/users/" + m_ids["head_a"] + "/disable").status, 404);

  auto root = signed_in("root");
  EXPECT_FALSE(logins_of(root->get("/api/v1/users")).contains("sneaky"));
  EXPECT_EQ(signed_in("head_a")->request("POST", "/api/v1/users/" + m_ids["spec_a"] + "/disable").status, 403)
      << "heads read accounts but do not manage them";
}

TEST_P(HttpUsers, AdminCreatesAUserWithoutExposingThePassword) {
  auto root = signed_in("root");
  const auto res = root->post_json("/api/v1/users", new_user_body("olga.p", m_b));
  ASSERT_EQ(res.status, 201) << res.body;
  const auto user = res.json();
  EXPECT_EQ(keys_of(user), k_user_keys);
  EXPECT_EQ(user.at("login"), "olga.p");
  EXPECT_EQ(user.at("full_name"), "Ольга Петрова");
  EXPECT_EQ(user.at("role"), "specialist");
  EXPECT_EQ(user.at("unit_id").as_string(), m_b);
  EXPECT_EQ(user.at("disabled"), false);
  EXPECT_EQ(user.at("created_at"), "2026-11-23T09:00:00Z");
  EXPECT_EQ(res.body.find("a-long-password-1"), std::string::npos);
  EXPECT_EQ(res.body.find("argon2"), std::string::npos);
  EXPECT_EQ(res.body.find("hash"), std::string::npos);

  const std::string id(user.at("id").as_string());
  const auto read = root->get("/api/v1/users/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json(), user);
  EXPECT_TRUE(logins_of(signed_in("head_b")->get("/api/v1/users")).contains("olga.p"));

  TestClient olga(m_server->port());
  ASSERT_EQ(olga.login("olga.p", "a-long-password-1").status, 200);
  EXPECT_EQ(olga.get("/api/v1/me").json().at("user").at("id").as_string(), id);
}

TEST_P(HttpUsers, DuplicateLoginIsAFieldError) {
  auto root = signed_in("root");
  ASSERT_EQ(root->post_json("/api/v1/users", new_user_body("olga.p", m_a)).status, 201);
  for (const std::string login : {"olga.p", "spec_b"}) {
    SCOPED_TRACE(login);
    const auto res = root->post_json("/api/v1/users", new_user_body(login, m_b));
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(type_of(res), problem_uri("validation.failed"));
    const auto body = res.json();
    const auto& errors = body.at("errors").as_array();
    ASSERT_EQ(errors.size(), 1U);
    EXPECT_EQ(errors[0].at("field"), "login");
    EXPECT_EQ(errors[0].at("reason"), "user.login_taken");
  }
  EXPECT_EQ(logins_of(root->get("/api/v1/users")).size(), m_ids.size() + 1);
}

TEST_P(HttpUsers, DisablingEndsTheUsersSessionAtOnce) {
  auto spec = signed_in("spec_b");
  ASSERT_EQ(spec->get("/api/v1/me").status, 200);

  auto root = signed_in("root");
  const auto disabled = root->request("POST", "/api/v1/users/" + m_ids["spec_b"] + "/disable");
  ASSERT_EQ(disabled.status, 204) << disabled.body;

  const auto me = spec->get("/api/v1/me");
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(type_of(me), problem_uri("auth.session_expired"));
  EXPECT_EQ(spec->login("spec_b").status, 401) << "a disabled account cannot sign in again";
  EXPECT_EQ(root->get("/api/v1/users/" + m_ids["spec_b"]).json().at("disabled"), true);

  // Disabling oneself is refused, and enabling lets the user back in.
  const auto self = root->request("POST", "/api/v1/users/" + m_ids["root"] + "/disable");
  EXPECT_EQ(self.status, 409);
  EXPECT_EQ(type_of(self), problem_uri("user.cannot_disable_self"));
  ASSERT_EQ(root->request("POST", "/api/v1/users/" + m_ids["spec_b"] + "/enable").status, 204);
  EXPECT_EQ(spec->login("spec_b").status, 200);
  EXPECT_EQ(spec->get("/api/v1/me").status, 200);
}

TEST_P(HttpUsers, EverySuccessfulReadIsAudited) {
  auto head_a = signed_in("head_a");
  ASSERT_EQ(head_a->get("/api/v1/users").status, 200);
  ASSERT_EQ(head_a->get("/api/v1/users/" + m_ids["spec_a"]).status, 200);
  ASSERT_EQ(head_a->get("/api/v1/users/" + m_ids["expert_a1"]).status, 200);
  ASSERT_EQ(head_a->get("/api/v1/users/" + m_ids["spec_b"]).status, 404);

  const auto entries = audit_by(m_ids["head_a"]);
  auto count = [&](const std::string& action, const std::string& entity_id) {
    return std::count(entries.begin(), entries.end(), std::pair<std::string, std::string>{action, entity_id});
  };
  EXPECT_EQ(count("user.list", ""), 1);
  EXPECT_EQ(count("user.read", m_ids["spec_a"]), 1);
  EXPECT_EQ(count("user.read", m_ids["expert_a1"]), 1);
  EXPECT_EQ(count("user.read", m_ids["spec_b"]), 0) << "a refused read reads nothing";
  EXPECT_EQ(count("auth.login", m_ids["head_a"]), 1);
  EXPECT_EQ(entries.size(), 4U);
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpUsers, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
