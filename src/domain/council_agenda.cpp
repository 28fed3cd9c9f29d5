#include "domain/council_agenda.hpp"

#include "domain/case_consent.hpp"
#include "domain/case_decisions.hpp"
#include "domain/month_arithmetic.hpp"

namespace patronage::domain {

std::string_view to_string(AgendaReason reason) {
  switch (reason) {
  case AgendaReason::registration:
    return "registration";
  case AgendaReason::consent_withdrawn:
    return "consent_withdrawn";
  case AgendaReason::removal:
    return "removal";
  case AgendaReason::extension_due:
    return "extension_due";
  case AgendaReason::supervision_ending:
    return "supervision_ending";
  case AgendaReason::plan_approval:
    return "plan_approval";
  case AgendaReason::draft_unsigned:
    return "draft_unsigned";
  }
  return "registration";
}

std::vector<AgendaItem> council_agenda(const CaseFacts& facts, const AgendaFacts& extra, util::Date today,
                                       const LifecycleSettings& settings) {
  std::vector<AgendaItem> out;
  const auto state = facts.state;
  const bool registered = state == CaseState::active || state == CaseState::closing || state == CaseState::supervision;
  // SPEC §3: the council decides to register (or not) a case awaiting its decision.
  if (state == CaseState::awaiting_decision &&
      latest_decision(facts, {DecisionKind::register_case, DecisionKind::refuse_registration}, facts.opened_on,
                      today) == nullptr) {
    out.push_back({AgendaReason::registration, DecisionKind::register_case});
  }
  // SPEC §3: withdrawing consent puts the case before the council.
  if ((registered || state == CaseState::awaiting_decision) && consent_withdrawn(facts, today, settings)) {
    out.push_back({AgendaReason::consent_withdrawn, DecisionKind::remove_from_register});
  }
  // SPEC §3: leaving `active` needs a decision to remove the family from the register.
  if (state == CaseState::closing &&
      latest_decision(facts, {DecisionKind::remove_from_register, DecisionKind::move_to_supervision},
                      facts.state_entered_on, today) == nullptr) {
    out.push_back({AgendaReason::removal, DecisionKind::remove_from_register});
  }
  // SPEC §3: an extension needs a new decision.
  if (state == CaseState::active && facts.planned_end &&
      *facts.planned_end <= today + std::chrono::days{settings.agenda_notice_days}) {
    out.push_back({AgendaReason::extension_due, DecisionKind::extend});
  }
  // SPEC §3: supervision lasts up to 12 months.
  if (state == CaseState::supervision &&
      add_months(facts.state_entered_on, settings.supervision_max_months) <=
          today + std::chrono::days{settings.agenda_notice_days}) {
    out.push_back({AgendaReason::supervision_ending, DecisionKind::remove_from_register});
  }
  if (extra.plan_awaiting_approval && (registered || state == CaseState::awaiting_decision)) {
    out.push_back({AgendaReason::plan_approval, DecisionKind::approve_plan});
  }
  for (const auto kind : extra.unsigned_drafts) {
    out.push_back({AgendaReason::draft_unsigned, kind});
  }
  return out;
}

} // namespace patronage::domain
