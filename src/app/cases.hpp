#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/case_schedule.hpp"
#include "app/case_risk.hpp"
#include "app/context.hpp"
#include "domain/case_timeline.hpp"
#include "domain/decision.hpp"
#include "storage/case_records.hpp"
#include "storage/cases.hpp"
#include "storage/signals.hpp"
#include "util/error.hpp"

namespace patronage::app {

// Opens a case for `household_id` in state `signal` inside the caller's
// transaction (triage uses it); the actor becomes the lead when a specialist.
util::Result<storage::CaseRecord> open_case_in_tx(storage::Tx& tx, const Services& services, const Actor& actor,
                                                  const RequestMeta& meta, const std::string& household_id,
                                                  const std::string& signal_id);

util::Result<storage::CaseRecord> open_case(const Services& services, const Actor& actor, const RequestMeta& meta,
                                            const std::string& household_id);

// A next state and whether the rules allow it now; `blocked_by` names the rule.
struct NextState {
  std::string to;
  std::optional<util::Error> blocked_by;
};

// Everything the case page shows, as far as the actor may see it.
struct CaseView {
  storage::CaseRecord record;
  std::vector<storage::CaseMember> members;
  std::vector<storage::TransitionRecord> transitions;
  std::vector<storage::ConsentRecord> consents;
  std::vector<storage::DecisionRow> decisions;
  std::vector<domain::CaseWarning> warnings;
  std::vector<NextState> next_states;
  std::optional<NextVisit> next_visit; // SPEC §8: the visit the case owes next, if any
  std::optional<util::Date> supervision_end; // SPEC §3: the last day of supervision, when in supervision
  domain::CaseRelation relation = domain::CaseRelation::none;
  // SPEC §5, §10: risk level and early warnings; only for those who may read the diagnosis.
  std::optional<CaseRisk> risk;
  // The signals triaged into the case (the opening one, then those attached); for those who may read signals.
  std::vector<storage::SignalRecord> signals;
};

// 404 when the case does not exist or lies outside what `actor` may read.
util::Result<CaseView> get_case(const Services& services, const Actor& actor, const RequestMeta& meta,
                                const std::string& case_id);

// Cases the actor may read: all of the subtree for heads and secretaries, own cases for others. `number`, when
// given, keeps the cases with that number ("2026-0042", "2026-42", or "42" of any year; storage::case_number_pattern);
// field error "case.number_invalid" on "number" for anything else.
util::Result<std::vector<storage::CaseRecord>> list_cases(const Services& services, const Actor& actor,
                                                          const RequestMeta& meta, std::optional<std::string> state,
                                                          std::optional<std::string> number = std::nullopt);

struct TransitionInput {
  std::string to;
  std::string reason;
  std::string override_reason; // a head exceeding a caseload limit
};

// Moves the case when every lifecycle rule allows it; 409 naming the rule otherwise.
util::Result<storage::CaseRecord> transition_case(const Services& services, const Actor& actor,
                                                  const RequestMeta& meta, const std::string& case_id,
                                                  const TransitionInput& input);

struct TeamInput {
  std::optional<std::string> lead_id;
  std::vector<std::string> experts;
  std::vector<std::string> volunteers;
  std::optional<std::string> foster_educator_id; // SPEC §3: the educator the children are placed with
  std::string override_reason;                   // a head exceeding a limit
};

// Heads set the lead and the team (the team is replaced; an absent lead is kept). Members must be enabled users
// of the case's unit line with fitting roles (422 naming the field, "case.member_invalid"). The limits hold:
// a new lead's caseload ("case.caseload_exceeded"), each new volunteer's load ("volunteer.load_limit"), the
// foster educator's children ("case.foster_load_exceeded") — a head may exceed them with `override_reason`.
util::Result<std::vector<storage::CaseMember>> assign_team(const Services& services, const Actor& actor,
                                                           const RequestMeta& meta, const std::string& case_id,
                                                           const TeamInput& input);

struct DocumentInput {
  std::string file_name;
  std::string content_type;
  std::string content_base64;
};

struct ConsentInput {
  std::string signed_by;
  std::vector<std::string> covers;
  std::string scope;
  std::string signed_on;
  std::optional<std::string> valid_until;
  std::optional<DocumentInput> document;
};

util::Result<storage::ConsentRecord> add_consent(const Services& services, const Actor& actor,
                                                 const RequestMeta& meta, const std::string& case_id,
                                                 const ConsentInput& input);
util::Status withdraw_consent(const Services& services, const Actor& actor, const RequestMeta& meta,
                              const std::string& case_id, const std::string& consent_id,
                              const std::string& withdrawn_on);

// A draft decision (unsigned); validated by domain::validate_decision. The lead and team it names must be staff
// who may hold those places (422 "case.member_invalid" naming `lead_specialist_id` or `team[i]`), and its terms
// hold (domain::check_decision_terms; a head may exceed the intensive term with `override_reason`).
util::Result<storage::DecisionRow> record_decision(const Services& services, const Actor& actor,
                                                   const RequestMeta& meta, const std::string& case_id,
                                                   const domain::DecisionDraft& draft,
                                                   const std::string& override_reason = "");
// Signing makes it final: no route changes a signed decision; a correction is a new one. The named staff and the
// terms are checked again, and the lead and team the decision names become the case's (unless the case has
// ended), within the lead's caseload ("case.caseload_exceeded") unless a head overrides with `override_reason`.
util::Result<storage::DecisionRow> sign_decision(const Services& services, const Actor& actor,
                                                 const RequestMeta& meta, const std::string& decision_id,
                                                 const std::string& override_reason = "");

util::Result<storage::DocumentRecord> get_document(const Services& services, const Actor& actor,
                                                   const RequestMeta& meta, const std::string& document_id);

} // namespace patronage::app
