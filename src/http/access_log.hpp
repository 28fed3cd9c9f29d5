#pragma once

#include "http/call.hpp"

namespace patronage::http {

// One JSON line per request: request id, user id, method, route, status,
// duration; never bodies or query strings (they may hold personal data).
void log_request(const Call& call, const Response& response);

} // namespace patronage::http
