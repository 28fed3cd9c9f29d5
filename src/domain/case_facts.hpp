#pragma once

#include "domain/case_state.hpp"
#include "domain/decision.hpp"
#include "util/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace patronage::domain {

// A person of the case whose consent matters (SPEC §3). Adult clients consent for themselves; every minor
// needs the consent of a legal representative, who is listed here too.
struct CasePerson {
  std::string id;
  util::Date birth_date;
  bool is_client = true;
  std::vector<std::string> legal_representative_of; // ids of the persons this one legally represents
  std::string name;                                  // "Last First", for messages people read
};

// SPEC §3, §11: consent to patronage (needed for `active`) or to personal-data processing.
enum class ConsentScope { patronage, personal_data };

std::string_view to_string(ConsentScope scope);
std::optional<ConsentScope> parse_consent_scope(std::string_view text);

// A written consent: valid from `signed_on` through `valid_until` (if any) until the day before `withdrawn_on`.
struct Consent {
  std::string signed_by;           // person id of the signer; the signer is always covered
  std::vector<std::string> covers; // person ids the signer consents for (minors they represent)
  ConsentScope scope = ConsentScope::patronage;
  std::optional<util::Date> signed_on; // none: not (yet) a written consent
  std::optional<util::Date> valid_until;
  std::optional<util::Date> withdrawn_on;
};

// A decision on the case as stored (SPEC §6). `planned_end` and `intensity` are carried by register and
// extend decisions. A decision whose id a later signed decision names in `corrects_id` no longer counts.
struct DecisionRecord {
  std::string id;
  DecisionKind kind = DecisionKind::register_case;
  util::Date date;
  bool is_signed = false;
  std::optional<util::Date> planned_end;
  std::optional<PatronageIntensity> intensity;
  std::string corrects_id;
};

// The families the case's lead specialist leads now, this case excluded (SPEC §3 caseload).
struct LeadCaseload {
  int intensive = 0;
  int standard = 0;
};

// Everything the lifecycle rules look at, filled by the app layer from storage.
struct CaseFacts {
  CaseState state = CaseState::signal;
  util::Date state_entered_on; // the day the case entered `state`
  util::Date opened_on;
  std::vector<CasePerson> persons;
  std::vector<Consent> consents;
  std::vector<DecisionRecord> decisions;
  std::optional<PatronageIntensity> intensity;
  std::optional<util::Date> planned_end;
  bool has_lead = false;      // the case has a lead specialist
  LeadCaseload lead_caseload; // of the lead, when there is one
};

// A head's permission to exceed a caseload limit (SPEC §3); granted only with a recorded reason. Whether the
// user may grant it is the permission policy's business, not the domain's.
struct HeadOverride {
  bool granted = false;
  std::string reason;
};

// What the user asks for with a transition.
struct TransitionRequest {
  std::string reason; // SPEC §3: every transition records why
  HeadOverride head_override;
};

// SPEC §3: the lifecycle rules; every rule is a configurable default.
struct LifecycleSettings {
  bool require_consent = true;              // consent of each adult client / each minor's representative
  bool require_register_decision = true;    // a signed council decision to register before `active`
  bool require_removal_decision = true;     // a signed decision to remove from the register before leaving `active`
  bool require_supervision_decision = true; // a signed decision before entering `supervision`
  bool block_visits_on_withdrawal = true;   // a withdrawn consent stops all visits but a closing one
  int adult_age = 18;
  int intensive_min_months = 4;     // planned end of intensive patronage at least this far ahead
  int intensive_max_months = 9;     // ... and at most this far
  int intensive_warning_months = 9; // warn after this long in active intensive patronage
  int extension_max_months = 9;     // an extension moves the planned end at most this far past its decision
  int intensive_limit = 2;          // intensive families per lead specialist
  int standard_limit = 15;          // standard families per lead specialist
  int foster_children_limit = 5;    // children per foster educator
  int supervision_max_months = 12;
  int agenda_notice_days = 30; // a term ending within this many days puts the case on the council's agenda
};

} // namespace patronage::domain
