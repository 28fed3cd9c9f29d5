#pragma once

#include <string>

#include "domain/role.hpp"

namespace patronage::domain {

// Everything a user may try to do. New capabilities add their actions here,
// and their rules in policy.cpp: this is the only place that grants access.
enum class Action {
  profile_read,   // one's own account
  user_read,      // staff accounts of a unit subtree
  user_manage,    // create, disable, reset passwords, revoke sessions
  unit_read,
  unit_manage,
  audit_read,     // the audit log
  audit_verify,
  settings_manage,
};

// Who asks. `unit_path` is the path of the user's unit ("/a/b/").
struct Subject {
  std::string user_id;
  Role role = Role::volunteer;
  std::string unit_path;
};

// What is asked about. `unit_path` is where the record belongs; `owner_id`
// is the user the record is about, when it is a user.
struct Resource {
  std::string unit_path;
  std::string owner_id;
};

// SPEC §1, §11: deny by default; heads and admins act on their unit's
// subtree; auditors read aggregates and the audit log only.
bool can(const Subject& subject, Action action, const Resource& resource);

bool in_subtree(const std::string& unit_path, const std::string& root_path);

} // namespace patronage::domain
