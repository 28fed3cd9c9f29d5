#include "http/messages.hpp"
#include "support/test_server.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <memory>
#include <string>

namespace patronage::testing {
namespace {

constexpr std::string_view k_problem_prefix = "urn:patronage:problem:";

// A well-formed problem+json answer with `status` and the problem type for `key`,
// whose request_id is the X-Request-Id header.
::testing::AssertionResult is_problem(const HttpResult& res, int status, const std::string& key) {
  if (res.status != status) {
    return ::testing::AssertionFailure() << "status " << res.status << ", expected " << status << ": " << res.body;
  }
  auto type = res.headers.find("content-type");
  if (type == res.headers.end() || type->second != "application/problem+json") {
    return ::testing::AssertionFailure() << "Content-Type is not application/problem+json";
  }
  const auto body = res.json();
  if (!body.is_object()) {
    return ::testing::AssertionFailure() << "body is not a JSON object: " << res.body;
  }
  const auto& problem = body.as_object();
  for (const char* name : {"type", "title", "detail", "request_id"}) {
    if (!problem.contains(name) || !problem.at(name).is_string() || problem.at(name).as_string().empty()) {
      return ::testing::AssertionFailure() << "no string " << name << " in " << res.body;
    }
  }
  if (problem.at("type").as_string() != std::string(k_problem_prefix) + key) {
    return ::testing::AssertionFailure() << "type " << problem.at("type") << ", expected " << key;
  }
  if (!problem.contains("status") || problem.at("status") != boost::json::value(status)) {
    return ::testing::AssertionFailure() << "status member does not match in " << res.body;
  }
  auto id = res.headers.find("x-request-id");
  if (id == res.headers.end() || id->second != problem.at("request_id").as_string()) {
    return ::testing::AssertionFailure() << "request_id differs from the X-Request-Id header";
  }
  return ::testing::AssertionSuccess();
}

// The (field, reason) pairs of a validation problem.
std::vector<std::pair<std::string, std::string>> checked_field_errors(const HttpResult& res) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto body = res.json();
  if (!body.is_object() || !body.as_object().contains("errors")) {
    return out;
  }
  for (const auto& e : body.at("errors").as_array()) {
    const std::string message(e.at("message").as_string());
    EXPECT_FALSE(message.empty());
    EXPECT_EQ(message.find('{'), std::string::npos) << "unfilled placeholder in: " << message;
    out.emplace_back(e.at("field").as_string(), e.at("reason").as_string());
  }
  return out;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

class HttpProblems : public ::testing::TestWithParam<storage::Backend> {
protected:
  void SetUp() override {
    m_server = std::make_unique<TestServer>(GetParam());
    m_region = m_server->add_unit("Region", "region");
    m_server->add_user("root", "admin", m_region);
    m_admin = std::make_unique<TestClient>(m_server->port());
    ASSERT_EQ(m_admin->login("root").status, 200);
    m_units_before = unit_count();
    m_users_before = user_count();
  }

  size_t count_items(const std::string& target) {
    const auto res = m_admin->get(target);
    EXPECT_EQ(res.status, 200) << res.body;
    return res.status == 200 ? res.json().at("items").as_array().size() : 0;
  }
  size_t unit_count() { return count_items("/api/v1/units"); }
  size_t user_count() { return count_items("/api/v1/users"); }

  HttpResult post_unit(const std::string& body, const std::string& content_type = "application/json") {
    return m_admin->request("POST", "/api/v1/units", body, {{"Content-Type", content_type}});
  }
  std::string valid_unit(const std::string& extra = "") {
    return R"({"name":"Department","kind":"department","parent_id":")" + m_region + "\"" + extra + "}";
  }

  // SPEC §11: bad input changes nothing.
  void expect_nothing_written() {
    EXPECT_EQ(unit_count(), m_units_before);
    EXPECT_EQ(user_count(), m_users_before);
  }

  std::unique_ptr<TestServer> m_server;
  std::unique_ptr<TestClient> m_admin;
  std::string m_region;
  size_t m_units_before = 0;
  size_t m_users_before = 0;
};

TEST_P(HttpProblems, ValidWriteIsAcceptedSoTheOthersProveSomething) {
  const auto res = post_unit(valid_unit());
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(unit_count(), m_units_before + 1);
}

TEST_P(HttpProblems, MalformedJson) {
  for (const std::string body : {R"({"name":"Department","kind":)", "{'name':'x'}", "", R"({"name":"a"} trailing)"}) {
    SCOPED_TRACE(body);
    EXPECT_TRUE(is_problem(post_unit(body), 400, "request.malformed_json"));
  }
  expect_nothing_written();
}

TEST_P(HttpProblems, WrongContentType) {
  for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""}) {
    SCOPED_TRACE(type);
    EXPECT_TRUE(is_problem(post_unit(valid_unit(), type), 400, "request.content_type"));
  }
  expect_nothing_written();
}

TEST_P(HttpProblems, BodyNotAnObject) {
  for (const std::string body : {"[]", R"(["Department","department"])", "42", R"("text")", "null", "true"}) {
    SCOPED_TRACE(body);
    EXPECT_TRUE(is_problem(post_unit(body), 400, "request.not_object"));
  }
  expect_nothing_written();
}

TEST_P(HttpProblems, WrongTypesNameEveryField) {
  const auto res = post_unit(R"({"name":5,"kind":["department"],"parent_id":true})");
  ASSERT_TRUE(is_problem(res, 422, "validation.failed"));
  EXPECT_EQ(checked_field_errors(res), (Fields{{"name", "validation.wrong_type"},
                                       {"kind", "validation.wrong_type"},
                                       {"parent_id", "validation.wrong_type"}}));

  const auto user =
      m_admin->post_json("/api/v1/users", R"({"login":"x1y","full_name":{"a":1},"role":"specialist","unit_id":")" +
                                              m_region + R"(","password":1234567890123})");
  ASSERT_TRUE(is_problem(user, 422, "validation.failed"));
  EXPECT_EQ(checked_field_errors(user), (Fields{{"full_name", "validation.wrong_type"}, {"password", "validation.wrong_type"}}))
      << "a password of the wrong type is not also reported as too short";
  expect_nothing_written();
}

TEST_P(HttpProblems, MissingAndTooLongFields) {
  const auto res = post_unit(R"({"name":")" + std::string(201, 'x') + R"("})");
  ASSERT_TRUE(is_problem(res, 422, "validation.failed"));
  EXPECT_EQ(checked_field_errors(res), (Fields{{"name", "validation.too_long"}, {"kind", "validation.required"}}));
  expect_nothing_written();
}

TEST_P(HttpProblems, UnknownFieldIsNamed) {
  const auto res = post_unit(valid_unit(R"(,"colour":"red")"));
  ASSERT_TRUE(is_problem(res, 422, "validation.failed"));
  EXPECT_EQ(checked_field_errors(res), (Fields{{"colour", "validation.unknown_field"}}));

  const auto login = m_admin->post_json("/api/v1/auth/login", R"({"login":"root","password":"x","remember":true})");
  ASSERT_TRUE(is_problem(login, 422, "validation.failed"));
  EXPECT_EQ(checked_field_errors(login), (Fields{{"remember", "validation.unknown_field"}}));
  expect_nothing_written();
}

TEST_P(HttpProblems, OversizedBody) {
  // The test server's body limit is 64 KiB.
  const std::string big = valid_unit(R"(,"note":")" + std::string(66 * 1024, 'a') + "\"");
  const auto res = post_unit(big);
  ASSERT_TRUE(is_problem(res, 413, "request.body_too_large"));
  EXPECT_EQ(res.json().at("params").at("limit"), "65536");
  expect_nothing_written();
}

TEST_P(HttpProblems, InvalidUtf8InsideString) {
  for (const std::string& bad :
       {std::string("\xff\xfe"), std::string("\xc3\x28"), std::string("a\xed\xa0\x80z"), std::string("\xf0\x9f\x98")}) {
    const auto res = post_unit(R"({"name":")" + bad + R"(","kind":"department","parent_id":")" + m_region + "\"}");
    EXPECT_TRUE(is_problem(res, 400, "request.malformed_json"));
  }
  expect_nothing_written();
}

TEST_P(HttpProblems, DetailFollowsAcceptLanguage) {
  const std::string key = "request.not_object";
  m_admin->language() = "en-GB,en;q=0.9,ru;q=0.5";
  auto res = post_unit("[]");
  ASSERT_TRUE(is_problem(res, 400, key));
  EXPECT_EQ(res.json().at("detail").as_string(), http::translate(http::Lang::en, key));
  EXPECT_EQ(res.json().at("detail").as_string(), "The request body must be a JSON object.");

  for (const std::string language : {"", "ru-RU,ru;q=0.9", "de"}) {
    SCOPED_TRACE("Accept-Language: " + language);
    m_admin->language() = language;
    res = post_unit("[]");
    ASSERT_TRUE(is_problem(res, 400, key));
    EXPECT_EQ(res.json().at("detail").as_string(), http::translate(http::Lang::ru, key));
    EXPECT_NE(res.json().at("detail").as_string(), http::translate(http::Lang::en, key));
  }

  // Field messages are translated too.
  m_admin->language() = "en";
  res = post_unit(valid_unit(R"(,"colour":"red")"));
  ASSERT_TRUE(is_problem(res, 422, "validation.failed"));
  EXPECT_EQ(res.json().at("errors").at(0).at("message").as_string(), "Unknown field.");
}

TEST_P(HttpProblems, UnknownApiRoute) {
  TestClient anonymous(m_server->port());
  for (const std::string target : {"/api/v1/nothing", "/api/v1/users/abc/nothing", "/api/v2/users", "/api/"}) {
    SCOPED_TRACE(target);
    EXPECT_TRUE(is_problem(anonymous.get(target), 404, "request.route_not_found"));
    EXPECT_TRUE(is_problem(m_admin->get(target), 404, "request.route_not_found"));
  }
  EXPECT_TRUE(is_problem(m_admin->post_json("/api/v1/nothing", "{}"), 404, "request.route_not_found"));
}

TEST_P(HttpProblems, WrongMethodOnKnownPath) {
  TestClient anonymous(m_server->port());
  EXPECT_TRUE(is_problem(m_admin->request("DELETE", "/api/v1/units"), 405, "request.method_not_allowed"));
  EXPECT_TRUE(is_problem(m_admin->request("PUT", "/api/v1/users/some-id", "{}", {{"Content-Type", "application/json"}}),
                         405, "request.method_not_allowed"));
  EXPECT_TRUE(is_problem(anonymous.get("/api/v1/auth/login"), 405, "request.method_not_allowed"));
  EXPECT_TRUE(is_problem(m_admin->request("PATCH", "/api/v1/me"), 405, "request.method_not_allowed"));
  expect_nothing_written();
}

TEST_P(HttpProblems, EachRequestHasItsOwnId) {
  const auto first = post_unit("[]");
  const auto second = post_unit("[]");
  ASSERT_TRUE(is_problem(first, 400, "request.not_object"));
  ASSERT_TRUE(is_problem(second, 400, "request.not_object"));
  EXPECT_NE(first.headers.at("x-request-id"), second.headers.at("x-request-id"));
}

TEST_P(HttpProblems, RefusedUserCreationWritesNothing) {
  const std::string unit = m_region;
  const auto cases = std::vector<std::pair<std::string, Fields>>{
      {R"({"login":"Bad Login","full_name":"N","role":"specialist","unit_id":")" + unit +
           R"(","password":"long-enough-1"})",
       {{"login", "user.login_invalid"}}},
      {R"({"login":"newbie","full_name":"N","role":"wizard","unit_id":")" + unit + R"(","password":"long-enough-1"})",
       {{"role", "user.role_invalid"}}},
      {R"({"login":"newbie","full_name":"N","role":"specialist","unit_id":"nope","password":"long-enough-1"})",
       {{"unit_id", "unit.not_found"}}},
      {R"({"login":"newbie","full_name":"N","role":"specialist","unit_id":")" + unit + R"(","password":"short"})",
       {{"password", "validation.password_too_short"}}},
  };
  for (const auto& [body, fields] : cases) {
    SCOPED_TRACE(body);
    const auto res = m_admin->post_json("/api/v1/users", body);
    ASSERT_TRUE(is_problem(res, 422, "validation.failed"));
    EXPECT_EQ(checked_field_errors(res), fields);
  }
  expect_nothing_written();
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpProblems, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
