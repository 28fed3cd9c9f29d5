#pragma once

#include "domain/case_state.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace patronage::domain {

// SPEC §6: the bodies that meet and decide on cases.
enum class DecisionBody { council, commission_for_minors, interdepartmental_commission };

// SPEC §6: what a decision does to a case. `refuse_registration` records a council's "no" to a case
// awaiting its decision.
enum class DecisionKind {
  register_case,
  approve_plan,
  change_plan,
  extend,
  move_to_supervision,
  remove_from_register,
  refer_elsewhere,
  refuse_registration,
};

// SPEC §7: the patronage types of a decision or of a plan measure.
enum class PatronageType { medical_social, psychological, pedagogical, economic, legal, household, labour };

std::string_view to_string(DecisionBody body);
std::optional<DecisionBody> parse_decision_body(std::string_view text);

std::string_view to_string(DecisionKind kind);
std::optional<DecisionKind> parse_decision_kind(std::string_view text);

std::string_view to_string(PatronageType type);
std::optional<PatronageType> parse_patronage_type(std::string_view text);

// A decision as the secretary enters it, before it is signed (SPEC §6). A correction is a new decision of the
// same kind that names the decision it corrects: signed decisions are never edited.
struct DecisionDraft {
  DecisionBody body = DecisionBody::council;
  std::optional<util::Date> meeting_date;
  std::string protocol_number;
  std::vector<std::string> members_present;
  std::string case_id;
  DecisionKind kind = DecisionKind::register_case;
  std::vector<PatronageType> patronage_types;
  std::string lead_specialist_id;
  std::vector<std::string> team;
  std::string grounds;
  std::optional<PatronageIntensity> intensity;
  std::optional<util::Date> planned_end;
  bool is_correction = false;
  std::string corrects_decision_id;
};

// Checks `draft` on `today`. Success when every rule holds; otherwise one Error::invalid("validation.failed")
// listing every broken field (JSON names of DecisionDraft members, e.g. "protocol_number" or
// "patronage_types[2]") with the reason key "validation.required", "validation.duplicate",
// "decision.meeting_date_in_future" or "decision.planned_end_not_after_meeting".
// Rules: meeting date given and not after `today`; protocol number, case, grounds and at least one member
// present; a register decision names the lead specialist, the intensity and the patronage types (and a
// planned end when intensive); an extension carries the new planned end; a correction names the decision
// it corrects; a planned end falls after the meeting.
util::Status validate_decision(const DecisionDraft& draft, util::Date today);

} // namespace patronage::domain
