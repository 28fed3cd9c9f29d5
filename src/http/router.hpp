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

struct Route {
  Verb method;
  std::string pattern; // "/api/v1/users/{id}", as in the OpenAPI document
  Access access;
  Handler handler;
  std::vector<std::string> segments;
};

// Maps method + path to a handler. Patterns are literal segments or "{name}"
// captures of one segment. Built at start-up, then read-only and thread-safe.
class Router {
public:
  void add(Verb method, std::string pattern, Access access, Handler handler);
  void add_sync(Verb method, std::string pattern, Access access, SyncHandler handler);

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
