#include "app/case_schedule.hpp"

#include "app/case_risk.hpp"
#include "domain/case_consent.hpp"
#include "domain/visit_schedule.hpp"
#include "storage/visits.hpp"
#include "storage/worklist.hpp"

namespace patronage::app {
namespace {

// The last day the case became active (a relapse registers it again).
util::Date registered_on(storage::Tx& tx, const storage::CaseRecord& record) {
  std::optional<util::Date> on;
  for (const auto& t : storage::list_transitions(tx, record.id)) {
    if (t.to_state == "active") {
      on = util::parse_date(t.on_date);
    }
  }
  if (on) {
    return *on;
  }
  return util::parse_date(record.state_entered_on).value_or(util::Date{});
}

// The latest withdrawal of a patronage consent that still stands on `today` (domain::consent_withdrawn).
std::optional<util::Date> withdrawal_on(const domain::CaseFacts& facts, util::Date today,
                                        const domain::LifecycleSettings& settings) {
  if (!domain::consent_withdrawn(facts, today, settings)) {
    return std::nullopt;
  }
  std::optional<util::Date> latest;
  for (const auto& consent : facts.consents) {
    if (consent.scope == domain::ConsentScope::patronage && consent.withdrawn_on && *consent.withdrawn_on <= today &&
        (!latest || *consent.withdrawn_on > *latest)) {
      latest = consent.withdrawn_on;
    }
  }
  return latest;
}

} // namespace

ScheduleRisk risk_for_schedule(const CaseRisk& standing) {
  ScheduleRisk out;
  out.warnings = standing.warnings;
  if (standing.risk) {
    out.level = standing.risk->level;
    out.assessed = true;
    out.assessed_on = standing.assessed_on ? util::parse_date(*standing.assessed_on) : std::nullopt;
    if (out.level == domain::RiskLevel::critical) {
      out.critical_since = out.assessed_on;
    }
  }
  return out;
}

CaseSchedule case_schedule(storage::Tx& tx, const Services& services, const storage::CaseRecord& record,
                           const domain::CaseFacts& facts, util::Date today) {
  return case_schedule(tx, services, record, facts, today,
                       case_risk(tx, record.id, today, services.settings.assessment));
}

CaseSchedule case_schedule(storage::Tx& tx, const Services& services, const storage::CaseRecord& record,
                           const domain::CaseFacts& facts, util::Date today, const CaseRisk& standing) {
  CaseSchedule out;
  out.risk = risk_for_schedule(standing);
  if (const auto last = storage::last_visit_on(tx, record.id)) {
    out.last_visit_on = util::parse_date(*last);
  }

  domain::ScheduleInput input;
  input.stage = domain::schedule_stage(record.state);
  input.level = out.risk.level;
  input.registered_on = registered_on(tx, record);
  input.last_visit_on = out.last_visit_on;
  if (const auto planned = storage::first_planned_visit_on(tx, record.id)) {
    input.planned_on = util::parse_date(*planned);
  }
  input.critical_since = out.risk.critical_since;
  const auto pregnancy = storage::household_pregnancy(tx, record.household_id);
  input.pregnant = pregnancy.pregnant;
  for (const auto& text : pregnancy.due_dates) {
    const auto due = util::parse_date(text);
    if (due) {
      out.pregnancy_due_dates.push_back(*due);
    }
    if (due && *due <= today && (!input.maternity_discharge_on || *due > *input.maternity_discharge_on)) {
      input.maternity_discharge_on = due;
    }
  }
  input.consent_withdrawn_on = withdrawal_on(facts, today, services.settings.lifecycle);
  if (input.consent_withdrawn_on) {
    input.closing_visit_done =
        storage::closing_visit_made_since(tx, record.id, util::format_date(*input.consent_withdrawn_on));
  }
  if (auto due = domain::next_visit_due(input, services.settings.schedule)) {
    out.next_visit = NextVisit{due->due_on, due->reason, domain::days_overdue(due->due_on, today)};
  }

  // SPEC §10: score and level warnings of the assessments and child-safety concerns at visits (app::case_risk).
  out.warnings = out.risk.warnings;
  return out;
}

} // namespace patronage::app
