#include "domain/decision.hpp"

#include "domain/named_enum.hpp"
#include "domain/text_rules.hpp"

#include <algorithm>
#include <string>

namespace patronage::domain {
namespace {

constexpr NameTable<DecisionBody, 3> k_body_names{{
    {DecisionBody::council, "council"},
    {DecisionBody::commission_for_minors, "commission_for_minors"},
    {DecisionBody::interdepartmental_commission, "interdepartmental_commission"},
}};

constexpr NameTable<DecisionKind, 8> k_kind_names{{
    {DecisionKind::register_case, "register_case"},
    {DecisionKind::approve_plan, "approve_plan"},
    {DecisionKind::change_plan, "change_plan"},
    {DecisionKind::extend, "extend"},
    {DecisionKind::move_to_supervision, "move_to_supervision"},
    {DecisionKind::remove_from_register, "remove_from_register"},
    {DecisionKind::refer_elsewhere, "refer_elsewhere"},
    {DecisionKind::refuse_registration, "refuse_registration"},
}};

constexpr NameTable<PatronageType, 7> k_type_names{{
    {PatronageType::medical_social, "medical_social"},
    {PatronageType::psychological, "psychological"},
    {PatronageType::pedagogical, "pedagogical"},
    {PatronageType::economic, "economic"},
    {PatronageType::legal, "legal"},
    {PatronageType::household, "household"},
    {PatronageType::labour, "labour"},
}};

constexpr std::string_view k_required = "validation.required";

void require_text(std::vector<util::FieldError>& errors, std::string_view field, const std::string& value) {
  if (is_blank(value)) {
    errors.push_back({std::string(field), std::string(k_required)});
  }
}

void check_members(std::vector<util::FieldError>& errors, const std::vector<std::string>& members) {
  if (members.empty()) {
    errors.push_back({"members_present", std::string(k_required)});
    return;
  }
  for (size_t i = 0; i < members.size(); ++i) {
    if (is_blank(members[i])) {
      errors.push_back({"members_present[" + std::to_string(i) + "]", std::string(k_required)});
    }
  }
}

void check_patronage_types(std::vector<util::FieldError>& errors, const std::vector<PatronageType>& types) {
  for (size_t i = 0; i < types.size(); ++i) {
    if (std::find(types.begin(), types.begin() + static_cast<std::ptrdiff_t>(i), types[i]) !=
        types.begin() + static_cast<std::ptrdiff_t>(i)) {
      errors.push_back({"patronage_types[" + std::to_string(i) + "]", "validation.duplicate"});
    }
  }
}

// SPEC §6: a register decision names the lead, the team's work (patronage types) and the intensity;
// SPEC §3: intensive patronage needs a planned end date, and an extension needs a new one.
void check_kind_rules(std::vector<util::FieldError>& errors, const DecisionDraft& draft) {
  if (draft.kind == DecisionKind::register_case) {
    require_text(errors, "lead_specialist_id", draft.lead_specialist_id);
    if (!draft.intensity) {
      errors.push_back({"intensity", std::string(k_required)});
    }
    if (draft.patronage_types.empty()) {
      errors.push_back({"patronage_types", std::string(k_required)});
    }
    if (draft.intensity == PatronageIntensity::intensive && !draft.planned_end) {
      errors.push_back({"planned_end", std::string(k_required)});
    }
  }
  if (draft.kind == DecisionKind::extend && !draft.planned_end) {
    errors.push_back({"planned_end", std::string(k_required)});
  }
}

} // namespace

std::string_view to_string(DecisionBody body) {
  return name_of(k_body_names, body);
}
std::optional<DecisionBody> parse_decision_body(std::string_view text) {
  return value_of(k_body_names, text);
}

std::string_view to_string(DecisionKind kind) {
  return name_of(k_kind_names, kind);
}
std::optional<DecisionKind> parse_decision_kind(std::string_view text) {
  return value_of(k_kind_names, text);
}

std::string_view to_string(PatronageType type) {
  return name_of(k_type_names, type);
}
std::optional<PatronageType> parse_patronage_type(std::string_view text) {
  return value_of(k_type_names, text);
}

util::Status validate_decision(const DecisionDraft& draft, util::Date today) {
  std::vector<util::FieldError> errors;
  if (!draft.meeting_date) {
    errors.push_back({"meeting_date", std::string(k_required)});
  } else if (*draft.meeting_date > today) {
    errors.push_back({"meeting_date", "decision.meeting_date_in_future"});
  }
  require_text(errors, "protocol_number", draft.protocol_number);
  check_members(errors, draft.members_present);
  require_text(errors, "case_id", draft.case_id);
  require_text(errors, "grounds", draft.grounds);
  check_patronage_types(errors, draft.patronage_types);
  check_kind_rules(errors, draft);
  if (draft.planned_end && draft.meeting_date && *draft.planned_end <= *draft.meeting_date) {
    errors.push_back({"planned_end", "decision.planned_end_not_after_meeting"});
  }
  if (draft.is_correction) {
    require_text(errors, "corrects_decision_id", draft.corrects_decision_id);
  }
  if (!errors.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(errors)));
  }
  return {};
}

} // namespace patronage::domain
