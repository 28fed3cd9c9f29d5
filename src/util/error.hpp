#pragma once

#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace patronage::util {

// What kind of failure happened; the HTTP layer maps each to one status.
enum class ErrorCode {
  invalid,         // the input is malformed or breaks a field rule (422/400)
  unauthorized,    // no valid session or wrong credentials (401)
  forbidden,       // the permission policy said no (403)
  not_found,       // no such record, or the caller may not know it exists (404)
  conflict,        // a business rule blocks the action in the record's state (409)
  locked,          // too many attempts; try later (429)
  too_large,       // the request body is over the limit (413)
  unavailable,     // the database or another dependency failed (503)
};

// One invalid field: `field` is a JSON path such as "members[0].birth_date";
// `reason` is a message key from the translation files.
struct FieldError {
  std::string field;
  std::string reason;
};

// A failure the caller should expect. `key` is a stable message key (also used
// as the problem type), e.g. "case.consent_required"; `params` fill the
// `{name}` placeholders of the translated text.
struct Error {
  ErrorCode code = ErrorCode::invalid;
  std::string key;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<FieldError> fields;

  static Error invalid(std::string key, std::vector<FieldError> fields = {});
  static Error field(std::string field, std::string reason);
  static Error unauthorized(std::string key);
  static Error forbidden(std::string key = "auth.forbidden");
  static Error not_found(std::string key = "record.not_found");
  static Error conflict(std::string key);
  static Error locked(std::string key);
  static Error too_large(std::string key);
  static Error unavailable(std::string key = "storage.unavailable");

  Error&& with(std::string name, std::string value) &&;
};

template <typename T> using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(Error error) { return tl::unexpected<Error>(std::move(error)); }

} // namespace patronage::util
