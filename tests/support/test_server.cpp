#include "support/test_server.hpp"

#include <future>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "app/case_due.hpp"
#include "app/units.hpp"
#include "app/users.hpp"
#include "util/log.hpp"
#include "util/password.hpp"

namespace patronage::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

constexpr util::PasswordCost k_cheap_cost{1, size_t{1} << 16};

util::Timestamp start_time() { return *util::parse_timestamp("2026-11-23T09:00:00Z"); }

} // namespace

TestServer::TestServer(storage::Backend backend, http::ApiOptions api) : m_db(backend, 6), m_clock(start_time()) {
  util::init_logging("warn"); // request lines would drown the test output
  m_settings.auth.password_cost = k_cheap_cost; // add_user hashes at it: no rehash at sign-in
  m_services = std::make_unique<app::Services>(app::Services{m_db.db(), m_clock, m_settings});
  if (auto kept = app::keep_case_due(*m_services); !kept) {
    throw std::runtime_error("keep_case_due failed: " + kept.error().key);
  }
  http::ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.body_limit = 64 * 1024;
  options.shutdown_grace = std::chrono::seconds{5};
  m_api = std::make_unique<http::Api>(*m_services, std::move(api));
  m_server = std::make_unique<http::Server>(options, *m_api);
  std::promise<unsigned short> ready;
  auto port = ready.get_future();
  m_thread = std::thread([this, &ready] {
    auto result = m_server->run([&ready](unsigned short p) { ready.set_value(p); });
    if (!result) {
      ready.set_value(0);
    }
  });
  m_port = port.get();
  if (m_port == 0) {
    throw std::runtime_error("test server did not start");
  }
}

TestServer::~TestServer() {
  m_server->stop();
  m_thread.join();
}

std::string TestServer::add_unit(const std::string& name, const std::string& kind, const std::string& parent_id) {
  app::NewUnit unit{name, kind, parent_id.empty() ? std::nullopt : std::optional<std::string>(parent_id)};
  auto created = app::create_unit(*m_services, app::command_line_actor(), {"test", "test"}, unit);
  if (!created) {
    throw std::runtime_error("add_unit failed: " + created.error().key);
  }
  return created->id;
}

std::string TestServer::add_user(const std::string& login, const std::string& role, const std::string& unit_id,
                                 const std::string& password) {
  app::NewUser user{login, login + " " + role, role, unit_id, util::hash_password(password, k_cheap_cost)};
  auto created = app::create_user(*m_services, app::command_line_actor(), {"test", "test"}, user);
  if (!created) {
    throw std::runtime_error("add_user failed: " + created.error().key);
  }
  return created->id;
}

const boost::json::value& HttpResult::json() const {
  if (!m_json) {
    boost::system::error_code ec;
    auto value = boost::json::parse(body, ec);
    m_json = ec ? boost::json::value(nullptr) : std::move(value);
  }
  return *m_json;
}

HttpResult TestClient::request(const std::string& method, const std::string& target, const std::string& body,
                               std::map<std::string, std::string> headers) {
  asio::io_context ioc;
  asio::ip::tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  stream.connect(resolver.resolve("127.0.0.1", std::to_string(m_port)));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(m_port));
  req.set(bhttp::field::accept_language, m_language);
  if (!m_cookie.empty()) {
    req.set(bhttp::field::cookie, "patronage_session=" + m_cookie);
  }
  if (!m_csrf.empty() && method != "GET") {
    req.set("X-CSRF-Token", m_csrf);
  }
  if (!m_forwarded.empty()) {
    req.set("X-Forwarded-For", m_forwarded);
  }
  for (const auto& [name, value] : headers) {
    req.set(name, value);
  }
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(stream, buffer, parser);
  auto res = parser.release();
  HttpResult result;
  result.status = res.result_int();
  for (const auto& field : res) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    result.headers[name] = std::string(field.value());
  }
  result.body = res.body();
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  return result;
}

HttpResult TestClient::login(const std::string& login, const std::string& password) {
  boost::json::object body{{"login", login}, {"password", password}};
  auto result = post_json("/api/v1/auth/login", boost::json::serialize(body));
  if (result.status == 200) {
    const auto& cookie = result.headers["set-cookie"];
    const auto start = cookie.find('=') + 1;
    m_cookie = cookie.substr(start, cookie.find(';') - start);
    m_csrf = std::string(result.json().at("csrf_token").as_string());
  }
  return result;
}

} // namespace patronage::testing
