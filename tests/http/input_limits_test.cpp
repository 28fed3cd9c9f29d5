// Limits on what one request may make the server hold (issue 12, findings 1
// and 3): a body limit per route applied while reading, a cap on the field
// errors of one answer, on the values and depth of one JSON body, and no
// control characters in text fields.
#include <fstream>
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sodium.h>

#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "lifecycle_fixture.hpp"
#include "support/problems.hpp"

namespace patronage::testing {
namespace {

namespace asio = boost::asio;

// The (field, reason) pairs of a validation problem.
std::vector<std::pair<std::string, std::string>> field_errors(const HttpResult& res) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!res.json().is_object() || !res.json().as_object().contains("errors")) {
    return out;
  }
  for (const auto& e : res.json().at("errors").as_array()) {
    out.emplace_back(e.at("field").as_string(), e.at("reason").as_string());
  }
  return out;
}

// {"k0":0,"k1":0,...}: `count` members, none of them known to any route.
std::string unknown_keys(size_t count) {
  std::string body = "{";
  for (size_t i = 0; i < count; ++i) {
    body += (i == 0 ? "\"k" : ",\"k") + std::to_string(i) + "\":0";
  }
  return body + "}";
}

// Sends `raw` as it is on a new connection and returns everything the server
// answers until it closes (or 5 s pass).
std::string raw_exchange(unsigned short port, const std::string& raw) {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  boost::system::error_code ec;
  asio::write(socket, asio::buffer(raw), ec);
  std::string answer;
  char chunk[4096];
  for (;;) {
    const size_t n = socket.read_some(asio::buffer(chunk), ec);
    answer.append(chunk, n);
    if (ec) {
      break;
    }
  }
  return answer;
}

// The resident set of this process (the in-process server and the client), in KiB.
long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) {
      return std::stol(line.substr(6));
    }
  }
  return -1;
}

class InputLimits : public ::testing::TestWithParam<storage::Backend> {
protected:
  void SetUp() override {
    m_world = std::make_unique<LifecycleWorld>(GetParam());
    m_world->add_family();
    m_spec = std::make_unique<TestClient>(m_world->client("spec"));
    auto opened = m_spec->post_json("/api/v1/cases", R"({"household_id":")" + m_world->household + R"("})");
    ASSERT_EQ(opened.status, 201) << opened.body;
    m_case = text(opened.json(), "id");
  }

  unsigned short port() { return m_world->server.port(); }
  std::string consents() { return "/api/v1/cases/" + m_case + "/consents"; }
  std::string consent_with_scan(const std::string& scan_base64) {
    return R"({"signed_by":")" + m_world->mother + R"(","covers":[")" + m_world->child +
           R"("],"scope":"patronage","signed_on":"2026-11-23","document":{"file_name":"scan.pdf",)"
           R"("content_type":"application/pdf","content_base64":")" +
           scan_base64 + R"("}})";
  }
  HttpResult login_body(const std::string& body) {
    TestClient anonymous(port());
    return anonymous.post_json("/api/v1/auth/login", body);
  }
  long long count(const std::string& table) {
    return m_world->server.db().read([&](storage::Tx& tx) -> util::Result<long long> {
      long long n = 0;
      tx.sql() << "SELECT count(*) FROM " + table, soci::into(n);
      return n;
    }).value_or(-1);
  }

  std::unique_ptr<LifecycleWorld> m_world;
  std::unique_ptr<TestClient> m_spec;
  std::string m_case;
};

TEST_P(InputLimits, SignInTakesOnlyASmallBody) {
  // Under the JSON default (64 KiB in tests) but over sign-in's 16 KiB: refused while reading.
  const std::string padded = R"({"login":"spec","password":")" + std::string(20 * 1024, 'x') + "\"}";
  const auto over = login_body(padded);
  ASSERT_EQ(over.status, 413) << over.body.substr(0, 300);
  EXPECT_EQ(type_of(over), problem_uri("request.body_too_large"));
  EXPECT_EQ(over.json().at("params").at("limit").as_string(), std::to_string(http::k_small_body_limit));
  EXPECT_EQ(over.headers.at("content-type"), "application/problem+json");

  // The probe's 6.5 MB sign-in body: a small 413, the connection closed cleanly, the server fine.
  const auto huge = login_body("{" + std::string(6'500'000, ' ') + "}");
  ASSERT_EQ(huge.status, 413);
  EXPECT_EQ(type_of(huge), problem_uri("request.body_too_large"));
  EXPECT_LT(huge.body.size(), 2048U);
  EXPECT_EQ(huge.headers.at("connection"), "close");
  EXPECT_EQ(login_body(R"({"login":"spec","password":"correct-horse-1"})").status, 200);
}

TEST_P(InputLimits, AChunkedBodyStopsAtTheRouteLimit) {
  const std::string chunk(8 * 1024, ' ');
  std::string raw = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) { // 32 KiB in all: over sign-in's 16 KiB, under the JSON default
    raw += "2000\r\n" + chunk + "\r\n";
  }
  raw += "0\r\n\r\n";
  const std::string answer = raw_exchange(port(), raw);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("request.body_too_large"), std::string::npos);
}

TEST_P(InputLimits, GetsAndUnknownPathsTakeOnlyASmallBody) {
  TestClient anonymous(port());
  const std::string body(20 * 1024, ' ');
  EXPECT_EQ(anonymous.request("GET", "/healthz", body, {{"Content-Type", "application/json"}}).status, 413);
  EXPECT_EQ(anonymous.request("POST", "/api/v1/nothing", body, {{"Content-Type", "application/json"}}).status, 413);
  EXPECT_EQ(anonymous.request("POST", "/index.html", body, {{"Content-Type", "text/plain"}}).status, 413);
}

TEST_P(InputLimits, ManyUnknownFieldsGiveASmallAnswer) {
  const size_t keys = 5000; // about 50 KB: under the JSON limit and the value cap
  const auto res = m_spec->post_json("/api/v1/households", unknown_keys(keys));
  ASSERT_EQ(res.status, 422) << res.body.substr(0, 300);
  EXPECT_EQ(type_of(res), problem_uri("validation.failed"));
  EXPECT_LT(res.body.size(), 10'000U);
  const auto& errors = res.json().at("errors").as_array();
  ASSERT_EQ(errors.size(), http::k_max_field_errors);
  // "address" is required, then every unknown field: the rest are counted, not listed.
  EXPECT_EQ(errors.at(0).at("field"), "address");
  EXPECT_EQ(errors.at(1).at("field"), "k0");
  EXPECT_EQ(errors.at(1).at("reason"), "validation.unknown_field");
  EXPECT_EQ(res.json().at("errors_omitted").as_int64(), static_cast<long long>(keys + 1 - http::k_max_field_errors));
}

TEST_P(InputLimits, TooManyValuesAreRefusedBeforeTheBodyIsBuilt) {
  // 100,000 members (about 1.1 MB) fit the consent route's scan limit but not the value cap.
  const auto many = m_spec->post_json(consents(), unknown_keys(100'000));
  ASSERT_EQ(many.status, 413) << many.body.substr(0, 300);
  EXPECT_EQ(type_of(many), problem_uri("request.body_too_complex"));
  EXPECT_EQ(many.json().at("params").at("max_values").as_string(), std::to_string(http::k_max_json_values));
  EXPECT_LT(many.body.size(), 2048U);

  std::string array = "{\"covers\":[";
  for (size_t i = 0; i < http::k_max_json_values; ++i) {
    array += i == 0 ? "0" : ",0";
  }
  array += "]}";
  EXPECT_EQ(type_of(m_spec->post_json(consents(), array)), problem_uri("request.body_too_complex"))
      << "array elements count too";

  // At the cap (the object and its members) the body is read as usual and fails validation.
  const auto at_cap = m_spec->post_json(consents(), unknown_keys(http::k_max_json_values - 1));
  EXPECT_EQ(at_cap.status, 422) << at_cap.body.substr(0, 300);
  EXPECT_EQ(type_of(at_cap), problem_uri("validation.failed"));
  EXPECT_LT(at_cap.body.size(), 10'000U);
  EXPECT_EQ(count("consents"), 0);
}

TEST_P(InputLimits, DeepNestingIsRefusedNotACrash) {
  const size_t depth = 10'000;
  const std::string deep = R"({"address":)" + std::string(depth, '[') + std::string(depth, ']') + "}";
  const auto res = m_spec->post_json("/api/v1/households", deep);
  ASSERT_EQ(res.status, 413) << res.body.substr(0, 300);
  EXPECT_EQ(type_of(res), problem_uri("request.body_too_complex"));
  EXPECT_EQ(res.json().at("params").at("max_depth").as_string(), std::to_string(http::k_max_json_depth));
  // Just over the depth limit too; at it, an ordinary validation answer.
  const auto over = m_spec->post_json("/api/v1/households", "{\"address\":" + std::string(http::k_max_json_depth, '[') +
                                                                std::string(http::k_max_json_depth, ']') + "}");
  EXPECT_EQ(type_of(over), problem_uri("request.body_too_complex"));
  const auto at = m_spec->post_json("/api/v1/households", "{\"address\":" + std::string(http::k_max_json_depth - 1, '[') +
                                                              std::string(http::k_max_json_depth - 1, ']') + "}");
  EXPECT_EQ(at.status, 422) << at.body.substr(0, 300);
  EXPECT_EQ(m_spec->get("/api/v1/me").status, 200) << "the server still answers";
}

TEST_P(InputLimits, AFiveMebibyteConsentScanIsStillAccepted) {
  std::string pdf = "%PDF-1.4\n";
  pdf += std::string((size_t{5} << 20) - 4096 - pdf.size(), 'x');
  const std::string body = consent_with_scan(base64(pdf));
  ASSERT_GT(body.size(), size_t{6} << 20) << "over every JSON route's limit";
  const auto res = m_spec->post_json(consents(), body);
  ASSERT_EQ(res.status, 201) << res.body.substr(0, 300);
  const auto document = m_spec->get("/api/v1/documents/" + text(res.json(), "document_id"));
  ASSERT_EQ(document.status, 200);
  EXPECT_EQ(document.json().at("size_bytes").as_int64(), static_cast<long long>(pdf.size()));

  // Over the scan limit (5 MiB) plus the consent's fields: refused while reading.
  const std::string too_big = consent_with_scan(std::string((size_t{7} << 20) + (size_t{64} << 10), 'A'));
  const auto refused = m_spec->post_json(consents(), too_big);
  EXPECT_EQ(refused.status, 413);
  EXPECT_EQ(type_of(refused), problem_uri("request.body_too_large"));
  EXPECT_EQ(count("documents"), 1);
}

TEST_P(InputLimits, HostileBodiesLeaveTheMemoryAlone) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's quarantine keeps freed memory resident; RSS tells nothing here";
#endif
  const long before = resident_kib();
  ASSERT_GT(before, 0);
  const std::string huge_login = "{" + std::string(6'500'000, ' ') + "}";
  const std::string many_keys = unknown_keys(100'000);
  const std::string some_keys = unknown_keys(5000);
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(login_body(huge_login).status, 413);
    ASSERT_EQ(m_spec->post_json(consents(), many_keys).status, 413);
    ASSERT_EQ(m_spec->post_json("/api/v1/households", some_keys).status, 422);
  }
  const long after = resident_kib();
  // The probe saw 2 GB kept after four such requests; allow 64 MiB of allocator slack.
  EXPECT_LT(after - before, 64 * 1024) << "VmRSS " << before << " kB -> " << after << " kB";
}

TEST_P(InputLimits, ControlCharactersAreRefusedInTextFields) {
  const auto households_before = count("households");
  for (const std::string& address : {std::string("\\u0000"), std::string("A\\u0001B"), std::string("A\\u001fB"),
                                    std::string("ул. Ленина\\u0000, д. 1")}) {
    SCOPED_TRACE(address);
    const auto res = m_spec->post_json("/api/v1/households", R"({"address":")" + address + "\"}");
    ASSERT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(field_errors(res), (std::vector<std::pair<std::string, std::string>>{
                                     {"address", "validation.control_character"}}));
  }
  // A single-line field holds no line break or tab either.
  const auto broken = m_spec->post_json("/api/v1/households", R"({"address":"ул. Ленина\nд. 1"})");
  ASSERT_EQ(broken.status, 422) << broken.body;
  EXPECT_EQ(field_errors(broken),
            (std::vector<std::pair<std::string, std::string>>{{"address", "validation.not_single_line"}}));
  // Free text keeps its lines and tabs, never a NUL.
  const auto nul_note = m_spec->post_json("/api/v1/households", R"({"address":"ул. Ленина, д. 1","notes":"a\u0000b"})");
  EXPECT_EQ(field_errors(nul_note),
            (std::vector<std::pair<std::string, std::string>>{{"notes", "validation.control_character"}}));
  EXPECT_EQ(count("households"), households_before);

  const auto person = m_spec->post_json("/api/v1/households/" + m_world->household + "/persons",
                                        R"({"last_name":"A\u0001B","first_name":"\u0000","sex":"female",)"
                                        R"("household_role":"other","birth_date":"1990-01-01"})");
  ASSERT_EQ(person.status, 422) << person.body;
  EXPECT_EQ(field_errors(person), (std::vector<std::pair<std::string, std::string>>{
                                      {"last_name", "validation.control_character"},
                                      {"first_name", "validation.control_character"}}));
  EXPECT_EQ(person.json().at("errors").at(0).at("message").as_string(),
            "Значение содержит недопустимый управляющий символ (например, NUL).");

  const auto noted =
      m_spec->post_json("/api/v1/households", R"({"address":"ул. Ленина, д. 2","notes":"строка 1\nстрока 2\r\n\tитог"})");
  ASSERT_EQ(noted.status, 201) << noted.body;
  EXPECT_EQ(noted.json().at("notes").as_string(), "строка 1\nстрока 2\r\n\tитог");
  EXPECT_EQ(count("households"), households_before + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, InputLimits, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
