#pragma once

#include <string_view>
#include <vector>

#include "domain/case_facts.hpp"
#include "domain/decision.hpp"
#include "util/time.hpp"

namespace patronage::domain {

// SPEC §6: why a case is before the council, derived from the lifecycle rules of SPEC §3 and §7.
enum class AgendaReason {
  registration,       // awaiting_decision and no decision to register or refuse yet
  consent_withdrawn,  // a withdrawn consent puts the case before the council (SPEC §3)
  removal,            // closing: leaving `active` needs a decision to remove or to move to supervision
  extension_due,      // active with the planned end within the notice period or past: extend or close
  supervision_ending, // supervision reaches its maximum length: remove from the register
  plan_approval,      // the latest plan of measures awaits approval (SPEC §7)
  draft_unsigned,     // a decision was recorded but not signed yet
};

std::string_view to_string(AgendaReason reason);

// One reason with the kind of decision that answers it.
struct AgendaItem {
  AgendaReason reason = AgendaReason::registration;
  DecisionKind proposed_kind = DecisionKind::register_case;

  bool operator==(const AgendaItem&) const = default;
};

// What the agenda looks at besides the case facts.
struct AgendaFacts {
  bool plan_awaiting_approval = false;
  std::vector<DecisionKind> unsigned_drafts; // kinds of the case's unsigned decisions
};

// The reasons why the case of `facts` is on the council's agenda on `today`, in AgendaReason order; empty when
// it need not come before the council. Terminal, signal and assessment cases are never on it, except for their
// unsigned drafts.
std::vector<AgendaItem> council_agenda(const CaseFacts& facts, const AgendaFacts& extra, util::Date today,
                                       const LifecycleSettings& settings = {});

} // namespace patronage::domain
