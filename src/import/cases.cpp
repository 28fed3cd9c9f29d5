#include "import/cases.hpp"

#include "app/case_access.hpp"
#include "app/clock.hpp"
#include "domain/case_load.hpp"
#include "domain/policy.hpp"
#include "domain/transition.hpp"
#include "storage/imports.hpp"
#include "storage/users.hpp"
#include "util/crypto.hpp"

namespace patronage::import {
namespace {

// SPEC §3: the forward path from `signal` to `to` (`to` excluded when it is `signal`): the states a case passes
// on its way, each reached by one transition of the table.
std::vector<domain::CaseState> path_to(domain::CaseState to) {
  std::vector<domain::CaseState> path;
  auto at = domain::CaseState::signal;
  while (at != to && path.size() < 8) {
    const auto next = domain::next_states(at);
    if (next.empty()) {
      break;
    }
    at = next.front(); // the table lists the forward step first; `rejected` is never on the way
    path.push_back(at);
  }
  return path;
}

} // namespace

CaseChecker::CaseChecker(storage::Tx& tx, const app::Services& services, const app::Actor& actor, const Plan& plan,
                         const storage::ImportedRows& earlier, std::vector<Issue>& issues)
    : m_tx(tx), m_services(services), m_actor(actor), m_plan(plan), m_earlier(earlier), m_issues(issues),
      m_today(app::today(services)) {}

void CaseChecker::issue(const CaseRow& row, Field field, std::string value, std::string key,
                        std::vector<std::pair<std::string, std::string>> params) {
  const auto column = m_plan.case_columns.find(field);
  m_issues.push_back({row.row, column == m_plan.case_columns.end() ? std::string(field_code(field)) : column->second,
                      std::move(value), std::move(key), std::move(params)});
}

std::optional<CasePlan> CaseChecker::check(const CaseRow& row, const storage::HouseholdRecord* existing,
                                           const std::string& unit_path) {
  CasePlan plan;
  plan.row = &row;
  plan.opened_on = row.opened_on ? *util::parse_date(*row.opened_on) : m_today;
  plan.state_since = row.state_since ? *util::parse_date(*row.state_since) : plan.opened_on;
  if (plan.state_since < plan.opened_on) {
    // Only the import's day stands in for an opening day the file leaves empty.
    issue(row, Field::case_state_since, *row.state_since, "import.case_dates_order",
          {{"opened_on", util::format_date(plan.opened_on)}});
    return std::nullopt;
  }
  if (row.state == domain::CaseState::signal && row.state_since && plan.state_since != plan.opened_on) {
    // A case in `signal` has been in it since it was opened.
    issue(row, Field::case_state_since, *row.state_since, "import.case_signal_since",
          {{"opened_on", util::format_date(plan.opened_on)}});
    return std::nullopt;
  }
  // The same permission as opening a case at triage (app::open_case_in_tx).
  if (!domain::can(m_actor.subject(), domain::Action::signal_triage, {unit_path, ""})) {
    issue(row, Field::case_state, std::string(domain::to_string(row.state)), "import.case_forbidden");
    return std::nullopt;
  }
  if (existing != nullptr) {
    if (auto earlier = m_household_cases.find(existing->id); earlier != m_household_cases.end()) {
      issue(row, Field::case_state, std::string(domain::to_string(row.state)), "import.case_twice",
            {{"row", std::to_string(earlier->second)}});
      return std::nullopt;
    }
    m_household_cases.emplace(existing->id, row.row);
    // SPEC §4: no parallel cases: a family's open case stays the one, whatever the file says of it (an earlier
    // batch of this file opened it, or the service registered it in Patronage already).
    for (const auto& stored : storage::list_cases_of_household(m_tx, existing->id)) {
      if (stored.state == domain::CaseState::closed) {
        plan.previous_case_id = stored.id; // SPEC §3: a reopened case links to the old one
      } else if (!domain::is_terminal(stored.state)) {
        plan.existing_number = stored.number;
        return plan;
      }
    }
    // This file's case of the family was opened and has ended since: the file does not open it again.
    if (auto earlier = m_earlier.find({"case", row.row}); earlier != m_earlier.end()) {
      if (auto stored = storage::find_case(m_tx, earlier->second); stored && stored->household_id == existing->id) {
        plan.existing_number = stored->number;
        return plan;
      }
    }
  }
  if (!row.lead_login.empty()) {
    const auto user = storage::find_user_by_login(m_tx, row.lead_login);
    std::vector<util::FieldError> fields;
    if (!app::check_staff(m_tx, fields, "case_lead", user ? user->id : "", domain::StaffPlace::lead, unit_path,
                          "import.case_lead_invalid")) {
      issue(row, Field::case_lead, row.lead_login, "import.case_lead_invalid");
      return std::nullopt;
    }
    plan.lead_id = user->id;
  }
  if (!check_lifecycle(row, plan)) {
    return std::nullopt;
  }
  plan.open = true;
  return plan;
}

bool CaseChecker::check_lifecycle(const CaseRow& row, CasePlan& plan) {
  const auto& settings = m_services.settings.lifecycle;
  const auto intensity = domain::PatronageIntensity::standard; // a case gets its intensity when it becomes active
  domain::CaseFacts facts;
  facts.state = domain::CaseState::signal;
  facts.opened_on = plan.opened_on;
  facts.state_entered_on = plan.opened_on;
  facts.has_lead = plan.lead_id.has_value();
  if (plan.lead_id) {
    const auto stored = storage::count_led_cases(m_tx, *plan.lead_id, "");
    const auto& planned = m_planned_load[*plan.lead_id];
    facts.lead_caseload = {stored.intensive + planned.intensive, stored.standard + planned.standard};
  }
  // SPEC §3: a limit holds on every path that makes someone responsible.
  if (plan.lead_id && domain::counts_toward_caseload(row.state)) {
    if (auto ok = domain::check_caseload(facts.lead_caseload, intensity, {}, settings); !ok) {
      issue(row, Field::case_lead, row.lead_login, ok.error().key, ok.error().params);
      return false;
    }
  }
  // SPEC §3: the case moves forward only through the table, each step with its reason and under its rules.
  for (const auto next : path_to(row.state)) {
    const domain::TransitionRequest request{row.grounds, {}};
    if (auto allowed = domain::check_transition(facts, next, request, settings, plan.state_since); !allowed) {
      const bool reason = !allowed.error().fields.empty() && allowed.error().fields.front().field == "reason";
      if (reason) {
        issue(row, Field::case_grounds, row.grounds, "import.case_grounds_required",
              {{"state", std::string(domain::to_string(next))}});
      } else {
        issue(row, Field::case_state, std::string(domain::to_string(row.state)), allowed.error().key,
              allowed.error().params);
      }
      return false;
    }
    facts.state = next;
    facts.state_entered_on = plan.state_since;
  }
  if (plan.lead_id && domain::counts_toward_caseload(row.state)) {
    ++m_planned_load[*plan.lead_id].standard;
  }
  return true;
}

storage::CaseRecord open_imported_case(storage::Tx& tx, const app::Services& services, const app::Actor& actor,
                                       const CasePlan& plan, const storage::HouseholdRecord& household) {
  const auto now = app::now_of(services);
  const auto opened_on = util::format_date(plan.opened_on);
  const auto since = util::format_date(plan.state_since);
  storage::CaseRecord record;
  record.id = util::random_id();
  record.unit_id = household.unit_id;
  record.unit_path = household.unit_path;
  record.household_id = household.id;
  record.state = plan.row->state;
  record.state_entered_on = plan.row->state == domain::CaseState::signal ? opened_on : since;
  record.opened_on = opened_on;
  record.lead_id = plan.lead_id;
  record.previous_case_id = plan.previous_case_id;
  record.created_at = now;
  record.updated_at = now;
  storage::insert_case(tx, record);
  if (record.lead_id) {
    storage::upsert_case_member(tx, {record.id, *record.lead_id, "lead", now});
  }
  storage::insert_transition(tx, {util::random_id(), record.id, "", "signal", now, opened_on, actor.id, "case.opened", ""});
  std::string from = "signal";
  for (const auto next : path_to(plan.row->state)) {
    std::string to(domain::to_string(next));
    storage::insert_transition(tx, {util::random_id(), record.id, from, to, now, since, actor.id, plan.row->grounds, ""});
    from = std::move(to);
  }
  return record;
}

} // namespace patronage::import
