#pragma once

#include "domain/role.hpp"

#include <optional>
#include <string>

namespace patronage::domain {

// The places a member of staff can be named to on a case or beside it (SPEC §1, §6, §8, §9).
enum class StaffPlace {
  lead,               // the case manager: a specialist, or a head who leads it himself
  team_member,        // an expert or a specialist working on the case (a decision's team, the case's experts)
  foster_educator,    // SPEC §3: the educator the children are placed with (a specialist or an expert)
  case_volunteer,     // a volunteer (patron) serving the case
  visit_participant,  // anyone of staff who went on a visit, but not admins and auditors
  coordinator,        // the coordinator of a volunteer (or a head)
  measure_specialist, // SPEC §7: a plan measure's responsible specialist: who may lead or work on a case
};

// SPEC §1: whether a user of `role` may hold `place`.
bool role_fits(StaffPlace place, Role role);

// A user as the reference rules see it.
struct StaffUser {
  Role role = Role::auditor;
  std::string unit_path;
  bool disabled = false;
};

// SPEC §1, §11: a person of staff named to `place` on a record of unit `unit_path` must be an existing
// (`user` set), enabled user whose role fits the place and whose unit lies in the record's unit line
// (in_unit_line). True when every condition holds; the caller names the field and the reason.
bool eligible_staff(const std::optional<StaffUser>& user, StaffPlace place, const std::string& unit_path);

} // namespace patronage::domain
