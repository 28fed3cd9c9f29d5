#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <boost/json/value.hpp>

#include "app/context.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "support/test_db.hpp"
#include "util/time.hpp"

namespace patronage::testing {

// Options of a test server's Api: no web app, one password thread.
inline http::ApiOptions test_api_options(std::string web_root = "") {
  http::ApiOptions options;
  options.web_root = std::move(web_root);
  options.password_threads = 1;
  return options;
}

// The whole HTTP stack on a fresh database of `backend`, listening on a free
// port of 127.0.0.1 in a background thread. Time is a FixedClock that tests
// move with `clock()`. Demo-like fixture users are created by `add_user`.
class TestServer {
public:
  explicit TestServer(storage::Backend backend, http::ApiOptions api = test_api_options());
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  unsigned short port() const { return m_port; }
  util::FixedClock& clock() { return m_clock; }
  app::Settings& settings() { return m_settings; }
  storage::Database& db() { return m_db.db(); }
  const std::string& db_url() const { return m_db.url(); }
  const app::Services& services() const { return *m_services; }

  // A unit under `parent_id` (empty: a root region); returns its id.
  std::string add_unit(const std::string& name, const std::string& kind, const std::string& parent_id = "");
  // A user with a cheap password hash (tests only); returns the user id.
  std::string add_user(const std::string& login, const std::string& role, const std::string& unit_id,
                       const std::string& password = "correct-horse-1");

private:
  TestDatabase m_db;
  util::FixedClock m_clock;
  app::Settings m_settings;
  std::unique_ptr<app::Services> m_services;
  std::unique_ptr<http::Api> m_api;
  std::unique_ptr<http::Server> m_server;
  std::thread m_thread;
  unsigned short m_port = 0;
};

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers; // lowercase names
  std::string body;
  // The body parsed once, null when it is not JSON; the reference lives as long as this result.
  const boost::json::value& json() const;

private:
  mutable std::optional<boost::json::value> m_json;
};

// A tiny blocking HTTP/1.1 client that keeps the session cookie and the CSRF
// token like a browser tab would.
class TestClient {
public:
  explicit TestClient(unsigned short port) : m_port(port) {}

  HttpResult request(const std::string& method, const std::string& target, const std::string& body = "",
                     std::map<std::string, std::string> headers = {});
  HttpResult get(const std::string& target) { return request("GET", target); }
  HttpResult post_json(const std::string& target, const std::string& body) {
    return request("POST", target, body, {{"Content-Type", "application/json"}});
  }
  // Signs in; on success remembers the cookie and CSRF token.
  HttpResult login(const std::string& login, const std::string& password = "correct-horse-1");

  std::string& cookie() { return m_cookie; }
  std::string& csrf() { return m_csrf; }
  std::string& language() { return m_language; }
  // Sent as X-Forwarded-For when not empty (believed only from a trusted proxy).
  std::string& address() { return m_forwarded; }

private:
  unsigned short m_port;
  std::string m_cookie;
  std::string m_csrf;
  std::string m_language = "ru";
  std::string m_forwarded;
};

} // namespace patronage::testing
