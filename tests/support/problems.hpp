#pragma once

// Reading the problem answers (RFC 9457, src/http/problem.cpp) of the HTTP tests.

#include <string>
#include <vector>

#include "support/test_server.hpp"

namespace patronage::testing {

// The problem type of message key `key`: "urn:patronage:problem:<key>".
std::string problem_uri(const std::string& key);

// The "type" of a problem answer; the whole body when the answer has none, so that a failed comparison shows it.
std::string type_of(const HttpResult& result);

// The field names of a validation problem's "errors", in order; empty when there are none.
std::vector<std::string> fields_of(const HttpResult& result);

} // namespace patronage::testing
