#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"

namespace patronage::embedded {
std::string_view openapi_json();
} // namespace patronage::embedded

namespace patronage::http {

void add_meta_routes(Router& router, Api& api) {
  router.add_sync(Verb::get, "/healthz", Access::open, [&api](Call& call) {
    auto version = api.services().db.schema_version();
    if (!version) {
      return problem(call, version.error());
    }
    return json_response(call, Status::ok, {{"status", "ok"}, {"schema_version", *version}});
  });
  router.add_sync(Verb::get, "/api/openapi.json", Access::open, [](Call& call) {
    Response res = empty_response(call, Status::ok);
    res.set(boost::beast::http::field::content_type, "application/json");
    res.set(boost::beast::http::field::cache_control, "no-cache");
    res.body() = std::string(embedded::openapi_json());
    return res;
  });
}

} // namespace patronage::http
