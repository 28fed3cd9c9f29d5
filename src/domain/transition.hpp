#pragma once

#include "domain/case_facts.hpp"
#include "domain/case_state.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

#include <optional>
#include <vector>

namespace patronage::domain {

// SPEC §3: the states `from` may move to (empty for a terminal state).
std::vector<CaseState> next_states(CaseState from);
bool is_transition_in_table(CaseState from, CaseState to);

// The signed register decision that lets `facts` become active on `today`: the latest one in force dated on
// or after the case was opened — or, to come back from supervision (relapse), a new one dated after supervision
// began. nullptr when there is none; the pointer is into `facts.decisions`.
const DecisionRecord* activating_decision(const CaseFacts& facts, util::Date today);

// What a case takes on when it becomes active: the intensity and planned end of its activating decision, each
// falling back to the case's own. std::nullopt when neither names an intensity.
struct ActivationTerms {
  PatronageIntensity intensity = PatronageIntensity::standard;
  std::optional<util::Date> planned_end;
};
std::optional<ActivationTerms> activation_terms(const CaseFacts& facts, util::Date today);

// Decides whether the case described by `facts` may move to `to` on `today`. Success: the transition is
// allowed; the caller records it with `request.reason`. Failures, checked in this order:
// - not in the SPEC §3 table: Error::conflict("case.transition_not_allowed") with params `from`, `to`;
// - blank reason: Error::field("reason", "case.reason_required");
// - to `active`: "case.consent_required" (param `person`), "case.decision_required",
//   "case.intensity_required", "case.planned_end_required", "case.planned_end_out_of_range",
//   "case.lead_required" (no lead specialist), then the caseload errors of check_caseload (the head override comes from `request`);
// - `active` → `closing`: "case.removal_decision_required";
// - `closing` → `supervision`: "case.supervision_decision_required".
// Each decision rule can be switched off in `settings`.
util::Status check_transition(const CaseFacts& facts, CaseState to, const TransitionRequest& request,
                              const LifecycleSettings& settings, util::Date today);

} // namespace patronage::domain
