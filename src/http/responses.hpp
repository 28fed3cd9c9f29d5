#pragma once

#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "http/call.hpp"
#include "http/problem.hpp"

namespace patronage::http {

// A JSON response with the request id header and no-store caching (API
// answers hold personal data and must not be cached).
Response json_response(const Call& call, Status status, const boost::json::value& body);
Response empty_response(const Call& call, Status status);

// The one way a route answers a use case's util::Result: `render(value)` with `status`, or the problem of its
// error. `render` is a serialiser of a *_views.hpp (or a lambda when it needs more than the value).
template <typename Result, typename Render>
Response answer(const Call& call, const Result& result, Status status, Render&& render) {
  return result ? json_response(call, status, std::forward<Render>(render)(*result)) : problem(call, result.error());
}

// {"items": [render(item), ...]}: the shape of every list answer.
template <typename Items, typename Render> boost::json::object items_json(const Items& items, Render&& render) {
  boost::json::array out;
  for (const auto& item : items) {
    out.push_back(render(item));
  }
  return {{"items", std::move(out)}};
}

} // namespace patronage::http
