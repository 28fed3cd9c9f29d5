#include "util/error.hpp"

namespace patronage::util {

Error Error::invalid(std::string key, std::vector<FieldError> fields) {
  return {ErrorCode::invalid, std::move(key), {}, std::move(fields)};
}

Error Error::field(std::string field, std::string reason) {
  return invalid("validation.failed", {{std::move(field), std::move(reason)}});
}

Error Error::unauthorized(std::string key) { return {ErrorCode::unauthorized, std::move(key), {}, {}}; }
Error Error::forbidden(std::string key) { return {ErrorCode::forbidden, std::move(key), {}, {}}; }
Error Error::not_found(std::string key) { return {ErrorCode::not_found, std::move(key), {}, {}}; }
Error Error::conflict(std::string key) { return {ErrorCode::conflict, std::move(key), {}, {}}; }
Error Error::locked(std::string key) { return {ErrorCode::locked, std::move(key), {}, {}}; }
Error Error::too_large(std::string key) { return {ErrorCode::too_large, std::move(key), {}, {}}; }
Error Error::unavailable(std::string key) { return {ErrorCode::unavailable, std::move(key), {}, {}}; }

Error&& Error::with(std::string name, std::string value) && {
  params.emplace_back(std::move(name), std::move(value));
  return std::move(*this);
}

} // namespace patronage::util
