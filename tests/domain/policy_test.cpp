// The permission matrix: every role × every action × where the record lies,
// against the rules of SPEC §1 and §11 (deny by default).
#include "domain/policy.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

namespace patronage::domain {
namespace {

constexpr std::array k_roles{Role::admin,     Role::head,        Role::specialist, Role::expert,
                             Role::secretary, Role::coordinator, Role::volunteer,  Role::auditor};

using Roles = unsigned;
constexpr Roles bit(Role role) { return 1U << static_cast<unsigned>(role); }
constexpr Roles k_nobody = 0;
constexpr Roles k_everyone = bit(Role::admin) | bit(Role::head) | bit(Role::specialist) | bit(Role::expert) |
                             bit(Role::secretary) | bit(Role::coordinator) | bit(Role::volunteer) |
                             bit(Role::auditor);
constexpr Roles k_admin = bit(Role::admin);
constexpr Roles k_head = bit(Role::head);
constexpr Roles k_admin_auditor = bit(Role::admin) | bit(Role::auditor);
constexpr Roles k_user_readers = bit(Role::admin) | bit(Role::head) | bit(Role::auditor);
constexpr Roles k_staff = k_everyone & ~bit(Role::volunteer);
constexpr Roles k_head_specialist = bit(Role::head) | bit(Role::specialist);
constexpr Roles k_head_secretary = bit(Role::head) | bit(Role::secretary);
constexpr Roles k_head_coordinator = bit(Role::head) | bit(Role::coordinator);
constexpr Roles k_partner_keepers = bit(Role::head) | bit(Role::specialist) | bit(Role::coordinator);
constexpr Roles k_partner_readers = k_partner_keepers | bit(Role::expert) | bit(Role::secretary);

// Where the record lies relative to the asking user (unit "/r/i/a/").
enum class Scope { own, subtree, other };

// Who may do `action` on a record that is the user's own (own unit, owner is
// the user), lies in a unit below theirs, or lies in a sibling unit, with no
// case relation. Family actions with a relation are in k_case_rows below.
struct Row {
  Action action;
  const char* name;
  Roles own;
  Roles subtree;
  Roles other;
};

// clang-format off
const std::vector<Row> k_rows{
    // Everyone reads their own profile, and nobody else's through this action.
    {Action::profile_read,      "profile_read",      k_everyone,        k_nobody,          k_nobody},
    // Admins, heads and auditors read the accounts of their subtree; anyone reads their own.
    {Action::user_read,         "user_read",         k_everyone,        k_user_readers,    k_nobody},
    // Admins manage accounts, units and settings of their own subtree only.
    {Action::user_manage,       "user_manage",       k_admin,           k_admin,           k_nobody},
    // Volunteers do not read units.
    {Action::unit_read,         "unit_read",         k_staff,           k_staff,           k_nobody},
    {Action::unit_manage,       "unit_manage",       k_admin,           k_admin,           k_nobody},
    // Only admins and auditors touch the audit log.
    {Action::audit_read,        "audit_read",        k_admin_auditor,   k_admin_auditor,   k_nobody},
    {Action::audit_verify,      "audit_verify",      k_admin_auditor,   k_admin_auditor,   k_nobody},
    {Action::settings_manage,   "settings_manage",   k_admin,           k_admin,           k_nobody},
    {Action::settings_read,     "settings_read",     k_admin,           k_admin,           k_nobody},
    // Family data without a case relation: the head sees the whole unit;
    // specialists work intake; secretaries record decisions; admins,
    // coordinators and auditors read no family data.
    {Action::household_read,    "household_read",    k_head,            k_head,            k_nobody},
    {Action::household_write,   "household_write",   k_head,            k_head,            k_nobody},
    {Action::sensitive_read,    "sensitive_read",    k_head,            k_head,            k_nobody},
    {Action::sensitive_write,   "sensitive_write",   k_head,            k_head,            k_nobody},
    {Action::duplicate_search,  "duplicate_search",  k_head_specialist, k_head_specialist, k_nobody},
    // Issue 18: heads load a register into their own subtree only.
    {Action::household_import,  "household_import",  k_head,            k_head,            k_nobody},
    {Action::signal_create,     "signal_create",     k_head_specialist, k_head_specialist, k_nobody},
    {Action::signal_read,       "signal_read",       k_head_specialist, k_head_specialist, k_nobody},
    {Action::signal_triage,     "signal_triage",     k_head_specialist, k_head_specialist, k_nobody},
    {Action::case_read,         "case_read",         k_head_secretary,  k_head_secretary,  k_nobody},
    {Action::case_write,        "case_write",        k_head,            k_head,            k_nobody},
    {Action::case_assign,       "case_assign",       k_head,            k_head,            k_nobody},
    {Action::caseload_override, "caseload_override", k_head,            k_head,            k_nobody},
    {Action::decision_record,   "decision_record",   k_head_secretary,  k_head_secretary,  k_nobody},
    {Action::decision_sign,     "decision_sign",     k_head_secretary,  k_head_secretary,  k_nobody},
    // Partner organisations: staff who work cases read them; heads, specialists and coordinators keep them.
    {Action::partner_read,      "partner_read",      k_partner_readers, k_partner_readers, k_nobody},
    {Action::partner_manage,    "partner_manage",    k_partner_keepers, k_partner_keepers, k_nobody},
    // Coordinators and heads manage volunteers and match them to any ward of the subtree.
    {Action::volunteer_manage,  "volunteer_manage",  k_head_coordinator, k_head_coordinator, k_nobody},
    {Action::volunteer_match,   "volunteer_match",   k_head_coordinator, k_head_coordinator, k_nobody},
    {Action::plan_approve,      "plan_approve",      k_head,            k_head,            k_nobody},
    // Admins keep the catalogue of services (SPEC §1: "catalogues").
    {Action::catalogue_manage,  "catalogue_manage",  k_admin,           k_admin,           k_nobody},
    // Exports and personal-data requests: heads of the subtree only; auditors get the audit log, not family lists.
    {Action::list_export,       "list_export",       k_head,            k_head,            k_nobody},
    {Action::person_export,     "person_export",     k_head,            k_head,            k_nobody},
    {Action::person_erase,      "person_erase",      k_head,            k_head,            k_nobody},
    // Reports (aggregates only): heads and auditors of the subtree.
    {Action::report_read,       "report_read",       k_head | bit(Role::auditor), k_head | bit(Role::auditor), k_nobody},
    // Staff see their colleagues' names (not accounts) in their subtree.
    {Action::staff_directory,   "staff_directory",   k_staff,           k_staff,           k_nobody},
    {Action::volunteer_view,    "volunteer_view",    k_nobody,          k_nobody,          k_nobody},
};
// clang-format on

// Family actions on a case in the user's subtree, by the user's relation to
// the case. In another unit every relation is denied.
struct CaseRow {
  Action action;
  const char* name;
  Roles member; // the user leads the case or is on its team
  Roles ward;   // the user is the case's volunteer
};

constexpr Roles k_member_specialist_expert = bit(Role::head) | bit(Role::specialist) | bit(Role::expert);

// clang-format off
const std::vector<CaseRow> k_case_rows{
    {Action::household_read,    "household_read",    k_member_specialist_expert,                    k_head},
    {Action::household_write,   "household_write",   k_head_specialist,                             k_head},
    {Action::sensitive_read,    "sensitive_read",    k_member_specialist_expert,                    k_head},
    {Action::sensitive_write,   "sensitive_write",   k_member_specialist_expert,                    k_head},
    {Action::duplicate_search,  "duplicate_search",  k_head_specialist,                             k_head_specialist},
    {Action::household_import,  "household_import",  k_head,                                        k_head},
    {Action::signal_create,     "signal_create",     k_head_specialist,                             k_head_specialist},
    {Action::signal_read,       "signal_read",       k_head_specialist,                             k_head_specialist},
    {Action::signal_triage,     "signal_triage",     k_head_specialist,                             k_head_specialist},
    {Action::case_read,         "case_read",         k_member_specialist_expert | bit(Role::secretary), k_head_secretary},
    {Action::case_write,        "case_write",        k_member_specialist_expert,                    k_head},
    {Action::case_assign,       "case_assign",       k_head,                                        k_head},
    {Action::caseload_override, "caseload_override", k_head,                                        k_head},
    {Action::decision_record,   "decision_record",   k_head_secretary,                              k_head_secretary},
    {Action::decision_sign,     "decision_sign",     k_head_secretary,                              k_head_secretary},
    {Action::partner_read,      "partner_read",      k_partner_readers,                             k_partner_readers},
    {Action::partner_manage,    "partner_manage",    k_partner_keepers,                             k_partner_keepers},
    {Action::volunteer_manage,  "volunteer_manage",  k_head_coordinator,                            k_head_coordinator},
    // The case's own specialists may also match a volunteer to their ward.
    {Action::volunteer_match,   "volunteer_match",   k_head_coordinator | bit(Role::specialist),    k_head_coordinator},
    {Action::plan_approve,      "plan_approve",      k_head,                                        k_head},
    {Action::catalogue_manage,  "catalogue_manage",  k_admin,                                       k_admin},
    {Action::list_export,       "list_export",       k_head,                                        k_head},
    {Action::person_export,     "person_export",     k_head,                                        k_head},
    {Action::person_erase,      "person_erase",      k_head,                                        k_head},
    {Action::report_read,       "report_read",       k_head | bit(Role::auditor),                   k_head | bit(Role::auditor)},
    {Action::staff_directory,   "staff_directory",   k_staff,                                       k_staff},
    // Only the case's own volunteer gets the narrow view; not even the head.
    {Action::volunteer_view,    "volunteer_view",    k_nobody,                                      bit(Role::volunteer)},
};
// clang-format on

constexpr auto k_unit = "/r/i/a/";
constexpr auto k_child_unit = "/r/i/a/d/";
constexpr auto k_sibling_unit = "/r/i/ab/"; // shares the text prefix "/r/i/a" but is not below it

Subject subject_of(Role role) { return {"me", role, k_unit}; }

Resource resource_at(Scope scope, CaseRelation relation = CaseRelation::none) {
  switch (scope) {
  case Scope::own:
    return {k_unit, "me", relation};
  case Scope::subtree:
    return {k_child_unit, "someone", relation};
  case Scope::other:
    return {k_sibling_unit, "someone", relation};
  }
  return {};
}

const char* scope_name(Scope scope) {
  switch (scope) {
  case Scope::own:
    return "own record";
  case Scope::subtree:
    return "same subtree";
  case Scope::other:
    return "other unit";
  }
  return "?";
}

const char* relation_name(CaseRelation relation) {
  switch (relation) {
  case CaseRelation::none:
    return "none";
  case CaseRelation::lead:
    return "lead";
  case CaseRelation::expert:
    return "expert";
  case CaseRelation::volunteer:
    return "volunteer";
  case CaseRelation::unassigned:
    return "unassigned";
  }
  return "?";
}

bool allowed(Roles roles, Role role) { return (roles & bit(role)) != 0; }

TEST(Policy, TheMatrixCoversEveryAction) {
  // Rows follow the enum order; Action::volunteer_view is the last
  // enumerator, so a new action added before it must get a row here.
  const size_t count = static_cast<size_t>(Action::volunteer_view) + 1;
  ASSERT_EQ(k_rows.size(), count);
  for (size_t i = 0; i < k_rows.size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(k_rows[i].action), i) << k_rows[i].name << " is out of order or duplicated";
  }
  for (const auto& row : k_case_rows) {
    EXPECT_GE(static_cast<size_t>(row.action), static_cast<size_t>(Action::household_read)) << row.name;
  }
  EXPECT_EQ(k_case_rows.size(), count - static_cast<size_t>(Action::household_read));
}

TEST(Policy, RoleActionScopeMatrix) {
  int checked = 0;
  for (const Row& row : k_rows) {
    for (Role role : k_roles) {
      for (Scope scope : {Scope::own, Scope::subtree, Scope::other}) {
        const Roles expected = scope == Scope::own ? row.own : scope == Scope::subtree ? row.subtree : row.other;
        EXPECT_EQ(can(subject_of(role), row.action, resource_at(scope)), allowed(expected, role))
            << to_string(role) << " / " << row.name << " / " << scope_name(scope);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(k_rows.size() * k_roles.size() * 3));
}

TEST(Policy, FamilyActionsByCaseRelation) {
  for (const CaseRow& row : k_case_rows) {
    for (Role role : k_roles) {
      for (CaseRelation relation : {CaseRelation::lead, CaseRelation::expert, CaseRelation::volunteer}) {
        const Roles expected = relation == CaseRelation::volunteer ? row.ward : row.member;
        for (Scope scope : {Scope::own, Scope::subtree}) {
          EXPECT_EQ(can(subject_of(role), row.action, resource_at(scope, relation)), allowed(expected, role))
              << to_string(role) << " / " << row.name << " / relation " << relation_name(relation) << " / "
              << scope_name(scope);
        }
        // A relation to a case in another unit grants nothing.
        EXPECT_FALSE(can(subject_of(role), row.action, resource_at(Scope::other, relation)))
            << to_string(role) << " / " << row.name << " / relation " << relation_name(relation) << " / other unit";
      }
    }
  }
}

TEST(Policy, ParentUnitIsOutsideTheSubtree) {
  const Resource parent{"/r/i/", "someone"};
  for (Role role : k_roles) {
    for (const Row& row : k_rows) {
      if (row.action == Action::staff_directory) {
        // The one exception: names of the staff above (the head or secretary who signed) are shown to staff.
        EXPECT_EQ(can(subject_of(role), row.action, parent), role != Role::volunteer) << to_string(role);
        continue;
      }
      EXPECT_FALSE(can(subject_of(role), row.action, parent)) << to_string(role) << " / " << row.name;
    }
  }
}

TEST(Policy, DenyByDefaultForAnEmptySubject) {
  const Subject nobody{"", Role::admin, ""};
  for (const Row& row : k_rows) {
    for (Scope scope : {Scope::own, Scope::subtree, Scope::other}) {
      EXPECT_FALSE(can(nobody, row.action, resource_at(scope))) << row.name << " / " << scope_name(scope);
    }
    EXPECT_FALSE(can(nobody, row.action, {"", ""})) << row.name;
  }
}

TEST(Policy, ProfileReadNeedsTheSameUser) {
  EXPECT_TRUE(can({"me", Role::volunteer, k_unit}, Action::profile_read, {k_unit, "me"}));
  EXPECT_FALSE(can({"me", Role::admin, k_unit}, Action::profile_read, {k_unit, "you"}));
  EXPECT_FALSE(can({"", Role::admin, k_unit}, Action::profile_read, {k_unit, ""}))
      << "an empty id is not an owner";
}

TEST(Policy, RootAdminManagesEverything) {
  const Subject root{"cli", Role::admin, "/"};
  for (const char* path : {"/", "/r/", "/r/i/a/", "/s/x/"}) {
    EXPECT_TRUE(can(root, Action::user_manage, {path, "someone"})) << path;
    EXPECT_TRUE(can(root, Action::unit_manage, {path, ""})) << path;
    EXPECT_TRUE(can(root, Action::audit_read, {path, ""})) << path;
    EXPECT_FALSE(can(root, Action::household_read, {path, ""})) << "admins read no family data: " << path;
  }
}

TEST(Policy, InSubtree) {
  EXPECT_TRUE(in_subtree("/r/a/", "/r/a/"));
  EXPECT_TRUE(in_subtree("/r/a/b/", "/r/a/"));
  EXPECT_TRUE(in_subtree("/r/a/", "/"));
  EXPECT_FALSE(in_subtree("/r/ab/", "/r/a/"));
  EXPECT_FALSE(in_subtree("/r/", "/r/a/"));
  EXPECT_FALSE(in_subtree("/r/a/", ""));
  EXPECT_FALSE(in_subtree("", "/r/a/"));
}

} // namespace
TEST(Policy, SpecialistsRegisterFamiliesThatNoCaseHoldsYet) {
  const Subject specialist{"s", Role::specialist, "/r/c/d/"};
  const Resource intake{"/r/c/d/", "", CaseRelation::unassigned};
  const Resource elsewhere{"/r/x/", "", CaseRelation::unassigned};
  for (auto action : {Action::household_read, Action::household_write, Action::sensitive_read, Action::sensitive_write}) {
    EXPECT_TRUE(can(specialist, action, intake));
    EXPECT_FALSE(can(specialist, action, elsewhere));
  }
  EXPECT_FALSE(can(specialist, Action::case_read, intake));
  EXPECT_FALSE(can({"e", Role::expert, "/r/c/d/"}, Action::household_read, intake));
  EXPECT_FALSE(can({"v", Role::volunteer, "/r/c/d/"}, Action::household_read, intake));
}

} // namespace patronage::domain
