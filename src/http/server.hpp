#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "http/call.hpp"
#include "util/error.hpp"

namespace patronage::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  unsigned threads = 0; // 0: one per core
  // The body limit of requests whose handler names none (RequestHandler::body_limit): JSON routes.
  size_t body_limit = size_t{256} << 10;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds shutdown_grace{15};
};

// What the server asks of the application for each request.
class RequestHandler {
public:
  virtual ~RequestHandler() = default;
  virtual boost::asio::awaitable<Response> handle(const Request& request, std::string address) = 0;
  // An answer for a request the server refused before a handler ran (too large, malformed).
  virtual Response refuse(const Request& header, const util::Error& error) = 0;
  // The largest body the request with this header may carry, in bytes, asked
  // once the header is read and before the body is; 0: ServerOptions::body_limit.
  virtual size_t body_limit(const Request& /*header*/) const { return 0; }
};

// A Boost.Beast HTTP/1.1 server on a pool of threads: keep-alive, read and
// idle timeouts, a body limit per request (413 before the body is buffered),
// and a graceful stop on SIGTERM/SIGINT (the
// listener closes, requests in flight finish, then the threads return).
class Server {
public:
  Server(ServerOptions options, RequestHandler& handler);
  // Binds and serves until stopped; returns the error when binding fails.
  // `on_ready(port)` runs once listening (the actual port when options.port is 0).
  util::Status run(const std::function<void(unsigned short)>& on_ready = {});
  // Asks a running server to stop gracefully; safe from any thread.
  void stop();

private:
  ServerOptions m_options;
  RequestHandler& m_handler;
  std::atomic<bool> m_stop_requested{false};
};

} // namespace patronage::http
