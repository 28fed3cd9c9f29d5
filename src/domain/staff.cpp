#include "domain/staff.hpp"

#include "domain/policy.hpp"

namespace patronage::domain {

bool role_fits(StaffPlace place, Role role) {
  switch (place) {
  case StaffPlace::lead:
    return role == Role::specialist || role == Role::head;
  case StaffPlace::team_member:
  case StaffPlace::foster_educator:
    return role == Role::expert || role == Role::specialist;
  case StaffPlace::case_volunteer:
    return role == Role::volunteer;
  case StaffPlace::visit_participant:
    return role != Role::admin && role != Role::auditor;
  case StaffPlace::coordinator:
    return role == Role::coordinator || role == Role::head;
  case StaffPlace::measure_specialist:
    return role_fits(StaffPlace::lead, role) || role_fits(StaffPlace::team_member, role);
  }
  return false;
}

bool eligible_staff(const std::optional<StaffUser>& user, StaffPlace place, const std::string& unit_path) {
  return user && !user->disabled && role_fits(place, user->role) && in_unit_line(user->unit_path, unit_path);
}

} // namespace patronage::domain
