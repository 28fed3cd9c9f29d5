#include "http/api.hpp"
#include "support/test_db.hpp"
#include "support/test_server.hpp"

#include <algorithm>
#include <boost/beast/http/verb.hpp>
#include <boost/json.hpp>
#include <cctype>
#include <gtest/gtest.h>
#include <set>
#include <string>

namespace patronage::testing {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string method_name(http::Verb verb) {
  return lower(boost::beast::http::to_string(verb));
}

bool is_write(http::Verb verb) {
  return verb != http::Verb::get && verb != http::Verb::head;
}

// Follows a local "$ref" ("#/components/...") inside `doc`; a value without one is returned as is.
const boost::json::value& resolve(const boost::json::value& doc, const boost::json::value& value) {
  if (!value.is_object() || !value.as_object().contains("$ref")) {
    return value;
  }
  const std::string ref(value.at("$ref").as_string());
  boost::system::error_code ec;
  const auto* target = doc.find_pointer(ref.substr(1), ec);
  if (target == nullptr) {
    ADD_FAILURE() << "unresolved $ref " << ref;
    static const boost::json::value k_null;
    return k_null;
  }
  return *target;
}

// The parameter names of `location` ("path", "header", ...) an operation declares, refs resolved.
std::set<std::string> parameters_in(const boost::json::value& doc, const boost::json::object& operation,
                                    std::string_view location) {
  std::set<std::string> out;
  if (const auto* params = operation.if_contains("parameters")) {
    for (const auto& param : params->as_array()) {
      const auto& p = resolve(doc, param);
      if (p.is_object() && p.at("in").as_string() == location) {
        out.emplace(p.at("name").as_string());
      }
    }
  }
  return out;
}

// The document as the running server serves it, and the routes an Api over the same code registers.
class HttpOpenApi : public ::testing::TestWithParam<storage::Backend> {
protected:
  void SetUp() override {
    TestServer server(GetParam());
    TestClient client(server.port());
    const auto res = client.get("/api/openapi.json");
    ASSERT_EQ(res.status, 200);
    EXPECT_TRUE(res.headers.at("content-type").starts_with("application/json"));
    m_doc = res.json();
    ASSERT_TRUE(m_doc.is_object()) << "the served document is not a JSON object";
  }

  const boost::json::object* operation(const std::string& pattern, const std::string& method) const {
    const auto* paths = m_doc.as_object().if_contains("paths");
    if (paths == nullptr || !paths->is_object()) {
      return nullptr;
    }
    const auto* item = paths->as_object().if_contains(pattern);
    if (item == nullptr || !item->is_object()) {
      return nullptr;
    }
    const auto* op = item->as_object().if_contains(method);
    return op != nullptr && op->is_object() ? &op->as_object() : nullptr;
  }

  boost::json::value m_doc;
};

// Owns everything an Api needs, so that its route table can be read without a server.
struct RouteTable {
  explicit RouteTable(storage::Backend backend)
      : database(backend, 1), clock(util::Timestamp{}),
        api(app::Services{database.db(), clock, settings}, test_api_options()) {}

  const std::vector<http::Route>& routes() const { return api.router().routes(); }

  TestDatabase database;
  util::FixedClock clock;
  app::Settings settings;
  http::Api api;
};

TEST_P(HttpOpenApi, IsOpenApi31) {
  const auto& doc = m_doc.as_object();
  ASSERT_TRUE(doc.contains("openapi"));
  ASSERT_TRUE(doc.at("openapi").is_string());
  const std::string version(doc.at("openapi").as_string());
  EXPECT_TRUE(version.starts_with("3.1.")) << "openapi: " << version;
  ASSERT_TRUE(doc.contains("info"));
  EXPECT_TRUE(doc.at("info").at("title").is_string());
  EXPECT_TRUE(doc.at("info").at("version").is_string());
  ASSERT_TRUE(doc.contains("paths"));
  EXPECT_TRUE(doc.at("paths").is_object());
}

TEST_P(HttpOpenApi, DocumentsEveryRoute) {
  RouteTable table(GetParam());
  ASSERT_FALSE(table.routes().empty());
  for (const auto& route : table.routes()) {
    EXPECT_NE(operation(route.pattern, method_name(route.method)), nullptr)
        << "openapi.json lacks the route " << method_name(route.method) << " " << route.pattern;
  }
}

TEST_P(HttpOpenApi, DocumentsNoRouteThatDoesNotExist) {
  RouteTable table(GetParam());
  std::set<std::pair<std::string, std::string>> registered;
  for (const auto& route : table.routes()) {
    registered.emplace(route.pattern, method_name(route.method));
  }
  static const std::set<std::string> k_methods{"get", "put", "post", "delete", "options", "head", "patch", "trace"};
  for (const auto& [path, item] : m_doc.at("paths").as_object()) {
    for (const auto& [key, value] : item.as_object()) {
      if (k_methods.contains(std::string(key))) {
        EXPECT_TRUE(registered.contains({std::string(path), std::string(key)}))
            << "openapi.json documents " << key << " " << path << " but the server has no such route";
      }
    }
  }
}

TEST_P(HttpOpenApi, DeclaresPathParametersSecurityAndCsrf) {
  RouteTable table(GetParam());
  for (const auto& route : table.routes()) {
    const std::string method = method_name(route.method);
    const auto* op = operation(route.pattern, method);
    if (op == nullptr) {
      continue; // reported by DocumentsEveryRoute
    }
    SCOPED_TRACE(method + " " + route.pattern);
    std::set<std::string> captures;
    for (const auto& segment : route.segments) {
      if (segment.size() > 2 && segment.front() == '{') {
        captures.insert(segment.substr(1, segment.size() - 2));
      }
    }
    EXPECT_EQ(parameters_in(m_doc, *op, "path"), captures);

    ASSERT_TRUE(op->contains("security")) << "each operation states its security explicitly";
    const auto& security = op->at("security").as_array();
    const bool cookie = std::any_of(security.begin(), security.end(), [](const boost::json::value& requirement) {
      return requirement.as_object().contains("cookieAuth");
    });
    const bool csrf = parameters_in(m_doc, *op, "header").contains("X-CSRF-Token");
    if (route.access == http::Access::session) {
      EXPECT_TRUE(cookie) << "a session route must require cookieAuth";
      EXPECT_EQ(csrf, is_write(route.method)) << "X-CSRF-Token is a parameter of exactly the session writes";
      EXPECT_EQ(parameters_in(m_doc, *op, "header").contains("Idempotency-Key"), is_write(route.method))
          << "every session write takes an Idempotency-Key (docs/offline.md)";
    } else {
      EXPECT_TRUE(security.empty()) << "an open route must have `security: []`";
      EXPECT_FALSE(csrf);
    }
  }
}

TEST_P(HttpOpenApi, ErrorsAreProblemJson) {
  RouteTable table(GetParam());
  for (const auto& route : table.routes()) {
    const auto* op = operation(route.pattern, method_name(route.method));
    if (op == nullptr) {
      continue;
    }
    SCOPED_TRACE(method_name(route.method) + " " + route.pattern);
    ASSERT_TRUE(op->contains("responses"));
    bool has_success = false;
    for (const auto& [code, response] : op->at("responses").as_object()) {
      if (code.starts_with("2")) {
        has_success = true;
        continue;
      }
      const auto& resolved = resolve(m_doc, response);
      ASSERT_TRUE(resolved.is_object()) << code;
      const auto* content = resolved.as_object().if_contains("content");
      ASSERT_NE(content, nullptr) << code << " has no content";
      const auto* problem = content->as_object().if_contains("application/problem+json");
      ASSERT_NE(problem, nullptr) << code << " is not application/problem+json";
      EXPECT_EQ(problem->at("schema").at("$ref").as_string(), "#/components/schemas/Problem") << code;
    }
    EXPECT_TRUE(has_success);
  }
}

TEST_P(HttpOpenApi, SharedComponents) {
  const auto& components = m_doc.at("components");
  const auto& cookie = components.at("securitySchemes").at("cookieAuth");
  EXPECT_EQ(cookie.at("type").as_string(), "apiKey");
  EXPECT_EQ(cookie.at("in").as_string(), "cookie");
  EXPECT_EQ(cookie.at("name").as_string(), http::k_session_cookie);

  const auto& problem = components.at("schemas").at("Problem");
  const auto& properties = problem.at("properties").as_object();
  for (const char* name : {"type", "title", "status", "detail", "request_id", "params", "errors"}) {
    EXPECT_TRUE(properties.contains(name)) << "Problem lacks " << name;
  }
  const auto& field_error = resolve(m_doc, properties.at("errors").at("items"));
  for (const char* name : {"field", "reason", "message"}) {
    EXPECT_TRUE(field_error.at("properties").as_object().contains(name)) << "errors[] lacks " << name;
  }

  // Request bodies are as strict as the server: unknown fields are refused.
  for (const char* name : {"LoginRequest", "NewUser", "NewUnit", "PasswordChange"}) {
    const auto& schema = components.at("schemas").at(name);
    EXPECT_EQ(schema.at("additionalProperties"), boost::json::value(false)) << name;
    EXPECT_FALSE(schema.at("required").as_array().empty()) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpOpenApi, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
