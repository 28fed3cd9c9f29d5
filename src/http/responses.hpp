#pragma once

#include <boost/json/value.hpp>

#include "http/call.hpp"

namespace patronage::http {

// A JSON response with the request id header and no-store caching (API
// answers hold personal data and must not be cached).
Response json_response(const Call& call, Status status, const boost::json::value& body);
Response empty_response(const Call& call, Status status);

} // namespace patronage::http
