#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/case_facts.hpp"
#include "import/plan.hpp"
#include "storage/cases.hpp"
#include "storage/households.hpp"
#include "storage/imports.hpp"
#include "util/time.hpp"

namespace patronage::import {

// What the check decided about a family's case (docs/import.md "Cases").
struct CasePlan {
  const CaseRow* row = nullptr;
  bool open = false;           // the load opens it
  std::string existing_number; // the family's open case already stored, which the file's is taken for
  std::optional<std::string> lead_id;
  std::string previous_case_id; // SPEC §3: the family's closed case the new one follows
  util::Date opened_on;
  util::Date state_since;
};

// Checks the cases a file asks for against the registry with the rules the app holds a case to when it is opened
// and moved (SPEC §3), one family at a time, in the import's transaction. Issues name the case's row and column:
// - a state entered before the case was opened ("import.case_dates_order", {opened_on}; the opening day defaults to
//   the import's), a case in `signal` said to have entered it after it was opened ("import.case_signal_since");
// - the actor may open no case in the family's unit: "import.case_forbidden" (the import's heads always may);
// - the lead's login is not an enabled user who may lead a case of the family's unit line (domain::eligible_staff
//   through app::check_staff): "import.case_lead_invalid" — an unknown login and another unit's user alike, so
//   logins cannot be probed;
// - the lead's caseload (domain::check_caseload, counting the cases this file opens for them) when the state
//   counts toward it;
// - each transition from `signal` to the file's state passes domain::check_transition on the day the case entered
//   its state, with the grounds as its reason: blank grounds are "import.case_grounds_required", any other rule
//   its own key;
// - two families of the file that are one stored household both with a case: "import.case_twice" ({row}).
// A family with an open case already stored (or one an earlier batch of the same file opened) keeps it: the
// plan is not `open` and names that case; no issue.
class CaseChecker {
public:
  CaseChecker(storage::Tx& tx, const app::Services& services, const app::Actor& actor, const Plan& plan,
              const storage::ImportedRows& earlier, std::vector<Issue>& issues);

  // `existing` is the stored household the family was matched to (nullptr for a new family), `unit_path` the
  // family's unit. std::nullopt when the case has an issue.
  std::optional<CasePlan> check(const CaseRow& row, const storage::HouseholdRecord* existing,
                                const std::string& unit_path);

private:
  void issue(const CaseRow& row, Field field, std::string value, std::string key,
             std::vector<std::pair<std::string, std::string>> params = {});
  bool check_lifecycle(const CaseRow& row, CasePlan& plan);

  storage::Tx& m_tx;
  const app::Services& m_services;
  const app::Actor& m_actor;
  const Plan& m_plan;
  const storage::ImportedRows& m_earlier; // what earlier batches of the file made
  std::vector<Issue>& m_issues;
  util::Date m_today;
  std::map<std::string, domain::LeadCaseload> m_planned_load; // by lead id: what this file opens for them
  std::map<std::string, int> m_household_cases;               // stored household id → the row of its case
};

// Opens the case `plan` describes for the stored household `household` in the caller's transaction: numbered by
// the year it was opened (storage::insert_case), its lead a member, its history the transitions from `signal`
// dated as the file gives them (opened: "case.opened"; later ones: the grounds), recorded as made by `actor`.
storage::CaseRecord open_imported_case(storage::Tx& tx, const app::Services& services, const app::Actor& actor,
                                       const CasePlan& plan, const storage::HouseholdRecord& household);

} // namespace patronage::import
