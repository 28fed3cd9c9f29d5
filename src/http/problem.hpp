#pragma once

#include <cstddef>

#include <boost/json/object.hpp>

#include "http/call.hpp"
#include "util/error.hpp"

namespace patronage::http {

// The one place that maps an Error to an HTTP status.
Status status_of(const util::Error& error);

// At most this many field errors are listed in one problem; `errors_omitted`
// counts the rest.
inline constexpr size_t k_max_field_errors = 20;

// An application/problem+json response (RFC 9457) for `error`: a stable
// `type` ("urn:patronage:problem:<key>"), a translated `title` and `detail`,
// the request id, and for validation the list of invalid fields (the first
// k_max_field_errors of them).
Response problem(const Call& call, const util::Error& error);
// The same with more members (e.g. the per-field `conflicts` and `current` record of "record.conflict").
Response problem(const Call& call, const util::Error& error, const boost::json::object& extra);

// 500 with the request id; the caller logs the cause.
Response internal_error(const Call& call);

} // namespace patronage::http
