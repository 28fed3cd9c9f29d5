#include "http/problem.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "http/messages.hpp"
#include "http/responses.hpp"

namespace patronage::http {
namespace {

std::string_view title_key(util::ErrorCode code) {
  switch (code) {
  case util::ErrorCode::invalid:
    return "title.invalid";
  case util::ErrorCode::unauthorized:
    return "title.unauthorized";
  case util::ErrorCode::forbidden:
    return "title.forbidden";
  case util::ErrorCode::not_found:
    return "title.not_found";
  case util::ErrorCode::conflict:
    return "title.conflict";
  case util::ErrorCode::locked:
    return "title.locked";
  case util::ErrorCode::too_large:
    return "title.too_large";
  case util::ErrorCode::unavailable:
    return "title.unavailable";
  }
  return "title.internal";
}

} // namespace

Status status_of(const util::Error& error) {
  switch (error.code) {
  case util::ErrorCode::invalid:
    // A malformed request is 400; a well-formed one that cannot be accepted is 422 (an Idempotency-Key sent
    // again with another request, as the IETF draft on the header says).
    return error.key.starts_with("request.") && error.key != "request.idempotency_key_reused"
               ? Status::bad_request
               : Status::unprocessable_entity;
  case util::ErrorCode::unauthorized:
    return Status::unauthorized;
  case util::ErrorCode::forbidden:
    return Status::forbidden;
  case util::ErrorCode::not_found:
    return error.key == "request.method_not_allowed" ? Status::method_not_allowed : Status::not_found;
  case util::ErrorCode::conflict:
    return Status::conflict;
  case util::ErrorCode::locked:
    return Status::too_many_requests;
  case util::ErrorCode::too_large:
    return Status::payload_too_large;
  case util::ErrorCode::unavailable:
    return Status::service_unavailable;
  }
  return Status::internal_server_error;
}

Response problem(const Call& call, const util::Error& error) { return problem(call, error, {}); }

Response problem(const Call& call, const util::Error& error, const boost::json::object& extra) {
  const Status status = status_of(error);
  boost::json::object body = extra;
  body["type"] = "urn:patronage:problem:" + error.key;
  body["title"] = translate(call.lang, title_key(error.code));
  body["status"] = static_cast<int>(status);
  body["detail"] = translate(call.lang, error.key, error.params);
  body["request_id"] = call.request_id;
  if (!error.params.empty()) {
    boost::json::object params;
    for (const auto& [name, value] : error.params) {
      params[name] = value;
    }
    body["params"] = std::move(params);
  }
  if (!error.fields.empty()) {
    // The first k_max_field_errors only: a body of many bad or unknown fields
    // must not turn into an answer many times its size.
    const size_t shown = std::min(error.fields.size(), k_max_field_errors);
    boost::json::array fields;
    fields.reserve(shown);
    for (size_t i = 0; i < shown; ++i) {
      const auto& f = error.fields[i];
      fields.push_back({{"field", f.field}, {"reason", f.reason}, {"message", translate(call.lang, f.reason, error.params)}});
    }
    body["errors"] = std::move(fields);
    if (error.fields.size() > shown) {
      body["errors_omitted"] = error.fields.size() - shown;
    }
  }
  Response res = json_response(call, status, body);
  res.set(boost::beast::http::field::content_type, "application/problem+json");
  return res;
}

Response internal_error(const Call& call) {
  boost::json::object body;
  body["type"] = "urn:patronage:problem:internal.error";
  body["title"] = translate(call.lang, "title.internal");
  body["status"] = 500;
  body["detail"] = translate(call.lang, "internal.error", {{"request_id", call.request_id}});
  body["request_id"] = call.request_id;
  Response res = json_response(call, Status::internal_server_error, body);
  res.set(boost::beast::http::field::content_type, "application/problem+json");
  return res;
}

} // namespace patronage::http
