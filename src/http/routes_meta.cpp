#include <boost/json.hpp>

#include "app/settings_listing.hpp"
#include "http/api.hpp"
#include "http/messages.hpp"
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
  // The configuration in effect, read-only, for the admin; "meaning" in the request's language.
  router.add_sync(Verb::get, "/api/v1/settings", Access::session, [&api](Call& call) {
    return answer(call, app::read_settings(api.services(), call.user(), call.meta()), Status::ok,
                  [&call](const auto& listing) {
                    return items_json(listing, [&call](const auto& entry) {
                      return boost::json::object{{"key", entry.key},
                                                 {"value", entry.value},
                                                 {"default", entry.default_value},
                                                 {"source", entry.source},
                                                 {"meaning", translate(call.lang, "setting." + entry.key)}};
                    });
                  });
  });
}

} // namespace patronage::http
