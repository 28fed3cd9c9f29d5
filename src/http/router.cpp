#include "http/router.hpp"

#include <stdexcept>

namespace patronage::http {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t end = path.find('/', start);
    const auto piece = path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!piece.empty()) {
      out.emplace_back(piece);
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return out;
}

void Router::add(Verb method, std::string pattern, Access access, Handler handler) {
  auto segments = split_path(pattern);
  m_routes.push_back({method, std::move(pattern), access, std::move(handler), std::move(segments)});
}

void Router::add_sync(Verb method, std::string pattern, Access access, SyncHandler handler) {
  add(method, std::move(pattern), access,
      [handler = std::move(handler)](Call& call) -> boost::asio::awaitable<Response> { co_return handler(call); });
}

void Router::set_body_limit(Verb method, std::string_view pattern, size_t limit) {
  for (Route& route : m_routes) {
    if (route.method == method && route.pattern == pattern) {
      route.body_limit = limit;
      return;
    }
  }
  throw std::logic_error("no route " + std::string(pattern) + " to set a body limit for");
}

Router::Match Router::match(Verb method, std::string_view path) const {
  const auto parts = split_path(path);
  Match result;
  for (const Route& route : m_routes) {
    if (route.segments.size() != parts.size()) {
      continue;
    }
    std::map<std::string, std::string> params;
    bool same = true;
    for (size_t i = 0; i < parts.size() && same; ++i) {
      const std::string& seg = route.segments[i];
      if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
        params[seg.substr(1, seg.size() - 2)] = parts[i];
      } else {
        same = seg == parts[i];
      }
    }
    if (!same) {
      continue;
    }
    if (route.method != method) {
      result.path_known = true;
      continue;
    }
    result.route = &route;
    result.params = std::move(params);
    return result;
  }
  return result;
}

} // namespace patronage::http
