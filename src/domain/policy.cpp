#include "domain/policy.hpp"

namespace patronage::domain {

bool in_subtree(const std::string& unit_path, const std::string& root_path) {
  return !root_path.empty() && unit_path.starts_with(root_path);
}

bool can(const Subject& subject, Action action, const Resource& resource) {
  const bool own_subtree = in_subtree(resource.unit_path, subject.unit_path);
  switch (action) {
  case Action::profile_read:
    return !subject.user_id.empty() && resource.owner_id == subject.user_id;
  case Action::user_read:
    return own_subtree && (subject.role == Role::admin || subject.role == Role::head ||
                           subject.role == Role::auditor || resource.owner_id == subject.user_id);
  case Action::user_manage:
  case Action::unit_manage:
  case Action::settings_manage:
    return own_subtree && subject.role == Role::admin;
  case Action::unit_read:
    return own_subtree && subject.role != Role::volunteer;
  case Action::audit_read:
  case Action::audit_verify:
    return own_subtree && (subject.role == Role::admin || subject.role == Role::auditor);
  }
  return false;
}

} // namespace patronage::domain
