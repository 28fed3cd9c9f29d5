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
  settings_read,  // the configuration in effect (read-only; SPEC §1: admins keep the settings)
  // Personal data of families (SPEC §2-§6, §11).
  household_read,       // households, members and their non-sensitive fields
  household_write,
  sensitive_read,       // health, addiction, violence, police fields
  sensitive_write,
  duplicate_search,     // see likely matches at intake, to avoid parallel cases
  household_import,     // load a register of families from a file into a unit subtree (issue 18)
  signal_create,
  signal_read,
  signal_triage,
  case_read,
  case_write,           // transitions, consents, team notes
  case_assign,          // set the lead and the team
  caseload_override,    // exceed a caseload limit with a reason
  decision_record,      // record a council decision (a draft)
  decision_sign,
  partner_read,         // partner organisations of a unit subtree (SPEC §9)
  partner_manage,
  volunteer_manage,     // volunteer records, training, status, contact logs
  volunteer_match,      // a ward's wishes, volunteer proposals, assigning a volunteer
  plan_approve,         // approve a plan of measures (SPEC §7: a head approves the plan)
  catalogue_manage,     // the catalogue of services and material aid (SPEC §8)
  list_export,          // export a unit subtree's households, cases, visits or services as CSV/XLSX
  person_export,        // everything held about one person (SPEC §11: a personal-data request)
  person_erase,         // anonymise one person, irreversibly (SPEC §11: "when the law allows")
  report_read,          // aggregate reports of a unit subtree (SPEC §10); no personal data in them
  staff_directory,      // names and roles of the staff of a unit subtree, to show names instead of ids
  volunteer_view,       // a volunteer's narrow view of their ward
};

// How the user stands to the case a record belongs to. `unassigned`: the
// record belongs to no case yet (a family being registered at intake).
enum class CaseRelation { none, lead, expert, volunteer, unassigned };

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
  CaseRelation relation = CaseRelation::none;
};

// SPEC §1, §11: deny by default. Heads act on their unit's subtree; a
// specialist on the cases they lead or are on; an expert on the cases they
// are on; a volunteer sees only their wards' non-sensitive fields; admins
// manage accounts and units but read no family data; auditors read the
// audit log and aggregates only.
bool can(const Subject& subject, Action action, const Resource& resource);

bool in_subtree(const std::string& unit_path, const std::string& root_path);

// SPEC §1: the same unit line — `a` and `b` are the same unit, or one lies above the other. Staff may serve a
// case (and a coordinator a volunteer) of their unit line only.
bool in_unit_line(const std::string& a, const std::string& b);

} // namespace patronage::domain
