#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "app/auth.hpp"
#include "storage/audit.hpp"
#include "storage/units.hpp"
#include "storage/users.hpp"

namespace patronage::http {

// JSON shapes of the API (documented in openapi.json). Never the password hash.
boost::json::object user_json(const storage::UserRecord& user);
boost::json::object actor_json(const app::Actor& actor);
boost::json::object unit_json(const storage::UnitRecord& unit);
boost::json::object audit_json(const storage::AuditEntry& entry);

// An optional field of an answer: the text, or null.
boost::json::value nullable(const std::optional<std::string>& text);
// A list of texts (ids, codes) as a JSON array.
boost::json::array strings(const std::vector<std::string>& items);
// An optional enum field: its wire name (the domain's to_string), or null.
template <typename E> boost::json::value nullable_name(const std::optional<E>& value) {
  return value ? boost::json::value(to_string(*value)) : boost::json::value(nullptr);
}

} // namespace patronage::http
