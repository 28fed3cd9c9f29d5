#include "http/json_views.hpp"
#include "http/json_time.hpp"

#include "util/time.hpp"

namespace patronage::http {

boost::json::array strings(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& item : items) {
    out.emplace_back(item);
  }
  return out;
}

boost::json::value nullable(const std::optional<std::string>& text) {
  return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

boost::json::object user_json(const storage::UserRecord& user) {
  return {{"id", user.id},
          {"login", user.login},
          {"full_name", user.full_name},
          {"role", std::string(domain::to_string(user.role))},
          {"unit_id", user.unit_id},
          {"unit_name", user.unit_name},
          {"disabled", user.disabled},
          {"created_at", iso(user.created_at)}};
}

boost::json::object actor_json(const app::Actor& actor) {
  return {{"id", actor.id},
          {"login", actor.login},
          {"full_name", actor.full_name},
          {"role", std::string(domain::to_string(actor.role))},
          {"unit_id", actor.unit_id},
          {"unit_name", actor.unit_name}};
}

boost::json::object unit_json(const storage::UnitRecord& unit) {
  boost::json::object out{{"id", unit.id}, {"name", unit.name}, {"kind", unit.kind}};
  out["parent_id"] = unit.parent_id ? boost::json::value(*unit.parent_id) : boost::json::value(nullptr);
  return out;
}

boost::json::object audit_json(const storage::AuditEntry& e) {
  return {{"seq", e.seq},           {"at", iso(e.at)},         {"user_id", e.user_id},
          {"action", e.action},     {"entity", e.entity},      {"entity_id", e.entity_id},
          {"address", e.address},   {"request_id", e.request_id}, {"details", e.details},
          {"hash", e.hash}};
}

} // namespace patronage::http
