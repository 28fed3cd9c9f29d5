#include "domain/policy.hpp"

namespace patronage::domain {

bool in_subtree(const std::string& unit_path, const std::string& root_path) {
  return !root_path.empty() && unit_path.starts_with(root_path);
}

bool in_unit_line(const std::string& a, const std::string& b) { return in_subtree(a, b) || in_subtree(b, a); }

namespace {

bool is_member(CaseRelation relation) { return relation == CaseRelation::lead || relation == CaseRelation::expert; }

// Family data inside the subject's subtree, by role and case relation.
bool can_on_family(Role role, Action action, CaseRelation relation) {
  switch (role) {
  case Role::head:
    return action != Action::volunteer_view;
  case Role::specialist:
    switch (action) {
    case Action::duplicate_search:
    case Action::signal_create:
    case Action::signal_read:
    case Action::signal_triage:
      return true;
    case Action::household_read:
    case Action::household_write:
    case Action::sensitive_read:
    case Action::sensitive_write:
      // SPEC §4: at intake a specialist registers a family that no case holds yet.
      return is_member(relation) || relation == CaseRelation::unassigned;
    case Action::case_read:
    case Action::case_write:
      return is_member(relation);
    case Action::partner_read:
    case Action::partner_manage:
      return true;
    case Action::volunteer_match:
      return is_member(relation);
    default:
      return false;
    }
  case Role::expert:
    switch (action) {
    case Action::partner_read:
      return true;
    case Action::household_read:
    case Action::sensitive_read:
    case Action::sensitive_write:
    case Action::case_read:
    case Action::case_write:
      return is_member(relation);
    default:
      return false;
    }
  case Role::secretary:
    switch (action) {
    case Action::partner_read:
    case Action::case_read:
    case Action::decision_record:
    case Action::decision_sign:
      return true;
    default:
      return false;
    }
  case Role::volunteer:
    return action == Action::volunteer_view && relation == CaseRelation::volunteer;
  case Role::coordinator:
    // SPEC §1: recruits, trains and assigns volunteers; reads no family data.
    switch (action) {
    case Action::partner_read:
    case Action::partner_manage:
    case Action::volunteer_manage:
    case Action::volunteer_match:
      return true;
    default:
      return false;
    }
  case Role::admin:
  case Role::auditor:
    return false;
  }
  return false;
}

} // namespace

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
  case Action::settings_read:
  case Action::catalogue_manage:
    return own_subtree && subject.role == Role::admin;
  case Action::unit_read:
    return own_subtree && subject.role != Role::volunteer;
  case Action::audit_read:
  case Action::audit_verify:
    return own_subtree && (subject.role == Role::admin || subject.role == Role::auditor);
  case Action::household_import:
    // SPEC §12: a register is imported by the head of the subtree it goes into (it writes families of every case
    // there and shows their matches); admins read no family data, specialists register one family at intake.
    return own_subtree && subject.role == Role::head;
  case Action::report_read:
    // SPEC §1: heads read reports, auditors see aggregates; admins read no family figures.
    return own_subtree && (subject.role == Role::head || subject.role == Role::auditor);
  case Action::staff_directory:
    // Colleagues' names on cases, decisions and history, of the subtree and of the units above it (the head or
    // secretary who signed); volunteers see only their wards.
    return subject.role != Role::volunteer &&
           (own_subtree || (!resource.unit_path.empty() && subject.unit_path.starts_with(resource.unit_path)));
  default:
    return own_subtree && can_on_family(subject.role, action, resource.relation);
  }
  return false;
}

} // namespace patronage::domain
