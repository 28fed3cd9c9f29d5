#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "http/call.hpp"

namespace patronage::http {

using Handler = std::function<boost::asio::awaitable<Response>(Call&)>;
using SyncHandler = std::function<Response(Call&)>;

// Whether a route needs a signed-in session (and, for writes, a CSRF token).
enum class Access { open, session };

// Request body limits that differ from the server's default for JSON routes
// (ServerOptions::body_limit). The server applies a route's limit while it
// reads, before the body is buffered.
inline constexpr size_t k_small_body_limit = size_t{16} << 10; // sign-in; GET/HEAD and unknown paths
inline constexpr size_t k_large_body_limit = size_t{2} << 20;  // plans, agreements: many long texts
inline constexpr size_t k_import_body_limit = size_t{20} << 20; // a register to import, in base64

struct Route {
  Verb method;
  std::string pattern; // "/api/v1/users/{id}", as in the OpenAPI document
  Access access;
  Handler handler;
  std::vector<std::string> segments;
  size_t body_limit = 0; // bytes; 0: the server's default
};

// Maps method + path to a handler. Patterns are literal segments or "{name}"
// captures of one segment. Built at start-up, then read-only and thread-safe.
class Router {
public:
  void add(Verb method, std::string pattern, Access access, Handler handler);
  void add_sync(Verb method, std::string pattern, Access access, SyncHandler handler);
  // Gives the route `method` + `pattern` (added before) its own body limit in
  // bytes; throws std::logic_error when there is no such route.
  void set_body_limit(Verb method, std::string_view pattern, size_t limit);

  struct Match {
    const Route* route = nullptr;
    bool path_known = false; // some route has this path with another method
    std::map<std::string, std::string> params;
  };
  Match match(Verb method, std::string_view path) const;

  const std::vector<Route>& routes() const { return m_routes; }

private:
  std::vector<Route> m_routes;
};

std::vector<std::string> split_path(std::string_view path);

} // namespace patronage::http
