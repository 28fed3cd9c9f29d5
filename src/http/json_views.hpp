#pragma once

#include <boost/json/object.hpp>

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

} // namespace patronage::http
