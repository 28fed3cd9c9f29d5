#include "domain/role.hpp"

#include <array>
#include <utility>

namespace patronage::domain {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 8> k_role_names{{
    {Role::admin, "admin"},
    {Role::head, "head"},
    {Role::specialist, "specialist"},
    {Role::expert, "expert"},
    {Role::secretary, "secretary"},
    {Role::coordinator, "coordinator"},
    {Role::volunteer, "volunteer"},
    {Role::auditor, "auditor"},
}};

} // namespace

std::string_view to_string(Role role) {
  for (const auto& [r, name] : k_role_names) {
    if (r == role) {
      return name;
    }
  }
  return "unknown";
}

std::optional<Role> parse_role(std::string_view text) {
  for (const auto& [r, name] : k_role_names) {
    if (name == text) {
      return r;
    }
  }
  return std::nullopt;
}

} // namespace patronage::domain
