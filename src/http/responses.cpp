#include "http/responses.hpp"

#include <boost/json/serialize.hpp>

namespace patronage::http {

Response json_response(const Call& call, Status status, const boost::json::value& body) {
  Response res{status, call.request.version()};
  res.set(boost::beast::http::field::content_type, "application/json; charset=utf-8");
  res.set(boost::beast::http::field::cache_control, "no-store");
  res.set("X-Request-Id", call.request_id);
  res.body() = boost::json::serialize(body);
  return res;
}

Response empty_response(const Call& call, Status status) {
  Response res{status, call.request.version()};
  res.set(boost::beast::http::field::cache_control, "no-store");
  res.set("X-Request-Id", call.request_id);
  return res;
}

} // namespace patronage::http
