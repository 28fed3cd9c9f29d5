#include "domain/transition.hpp"

#include "domain/case_consent.hpp"
#include "domain/case_decisions.hpp"
#include "domain/case_load.hpp"
#include "domain/text_rules.hpp"

#include <algorithm>
#include <string>

namespace patronage::domain {
namespace {

util::Status check_activation(const CaseFacts& facts, const TransitionRequest& request,
                              const LifecycleSettings& settings, util::Date today) {
  // SPEC §3: no `active` without written consent and a council decision to register.
  if (settings.require_consent) {
    if (auto consent = check_consent_cover(facts, today, settings); !consent) {
      return consent;
    }
  }
  if (settings.require_register_decision && activating_decision(facts, today) == nullptr) {
    return util::fail(util::Error::conflict("case.decision_required"));
  }
  const auto terms = activation_terms(facts, today);
  if (!terms) {
    return util::fail(util::Error::conflict("case.intensity_required"));
  }
  // SPEC §3: intensive patronage runs 4–9 months; a planned end date is required.
  if (terms->intensity == PatronageIntensity::intensive) {
    if (!terms->planned_end) {
      return util::fail(util::Error::conflict("case.planned_end_required"));
    }
    if (auto range = check_intensive_planned_end(*terms->planned_end, today, settings); !range) {
      return range;
    }
  }
  // SPEC §3, §6: an active case has a lead specialist, the one the decision names.
  if (!facts.has_lead) {
    return util::fail(util::Error::conflict("case.lead_required"));
  }
  return check_caseload(facts.lead_caseload, terms->intensity, request.head_override, settings);
}

// SPEC §3: leaving `active` needs a council decision to remove the family from the register.
util::Status check_removal(const CaseFacts& facts, const LifecycleSettings& settings, util::Date today) {
  if (settings.require_removal_decision &&
      latest_decision(facts, {DecisionKind::remove_from_register}, facts.state_entered_on, today) == nullptr) {
    return util::fail(util::Error::conflict("case.removal_decision_required"));
  }
  return {};
}

util::Status check_supervision(const CaseFacts& facts, const LifecycleSettings& settings, util::Date today) {
  const auto kinds = {DecisionKind::move_to_supervision, DecisionKind::remove_from_register};
  if (settings.require_supervision_decision &&
      latest_decision(facts, kinds, facts.state_entered_on, today) == nullptr) {
    return util::fail(util::Error::conflict("case.supervision_decision_required"));
  }
  return {};
}

} // namespace

std::vector<CaseState> next_states(CaseState from) {
  switch (from) {
  case CaseState::signal:
    return {CaseState::assessment, CaseState::rejected};
  case CaseState::assessment:
    return {CaseState::awaiting_decision, CaseState::rejected};
  case CaseState::awaiting_decision:
    return {CaseState::active, CaseState::rejected};
  case CaseState::active:
    return {CaseState::closing};
  case CaseState::closing:
    return {CaseState::supervision, CaseState::closed};
  case CaseState::supervision:
    return {CaseState::closed, CaseState::active};
  case CaseState::closed:
  case CaseState::rejected:
    return {};
  }
  return {};
}

bool is_transition_in_table(CaseState from, CaseState to) {
  const auto targets = next_states(from);
  return std::find(targets.begin(), targets.end(), to) != targets.end();
}

const DecisionRecord* activating_decision(const CaseFacts& facts, util::Date today) {
  // SPEC §3: a relapse from supervision needs a new decision, not the one that registered the case before.
  const util::Date not_before =
      facts.state == CaseState::supervision ? facts.state_entered_on + std::chrono::days{1} : facts.opened_on;
  return latest_decision(facts, {DecisionKind::register_case}, not_before, today);
}

std::optional<ActivationTerms> activation_terms(const CaseFacts& facts, util::Date today) {
  const DecisionRecord* decision = activating_decision(facts, today);
  const auto intensity = decision != nullptr && decision->intensity ? decision->intensity : facts.intensity;
  if (!intensity) {
    return std::nullopt;
  }
  const auto planned_end = decision != nullptr && decision->planned_end ? decision->planned_end : facts.planned_end;
  return ActivationTerms{*intensity, planned_end};
}

util::Status check_transition(const CaseFacts& facts, CaseState to, const TransitionRequest& request,
                              const LifecycleSettings& settings, util::Date today) {
  if (!is_transition_in_table(facts.state, to)) {
    return util::fail(util::Error::conflict("case.transition_not_allowed")
                          .with("from", std::string(to_string(facts.state)))
                          .with("to", std::string(to_string(to))));
  }
  // SPEC §3: each transition is recorded with who, when and why.
  if (is_blank(request.reason)) {
    return util::fail(util::Error::field("reason", "case.reason_required"));
  }
  if (to == CaseState::active) {
    return check_activation(facts, request, settings, today);
  }
  if (facts.state == CaseState::active) {
    return check_removal(facts, settings, today);
  }
  if (to == CaseState::supervision) {
    return check_supervision(facts, settings, today);
  }
  return {};
}

} // namespace patronage::domain
