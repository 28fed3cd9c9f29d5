#pragma once

#include <optional>
#include <string_view>

namespace patronage::domain {

// SPEC §1: the roles of the users of a service.
enum class Role { admin, head, specialist, expert, secretary, coordinator, volunteer, auditor };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

} // namespace patronage::domain
