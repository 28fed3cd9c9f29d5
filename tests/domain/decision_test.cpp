#include "domain/decision.hpp"
#include "lifecycle_fixture.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace patronage::domain::testing;

DecisionDraft register_draft() {
  DecisionDraft draft;
  draft.body = DecisionBody::council;
  draft.meeting_date = date("2026-11-20");
  draft.protocol_number = "14/2026";
  draft.members_present = {"head-1", "psychologist-2"};
  draft.case_id = "case-7";
  draft.kind = DecisionKind::register_case;
  draft.patronage_types = {PatronageType::psychological, PatronageType::pedagogical};
  draft.lead_specialist_id = "specialist-3";
  draft.grounds = "neglect of children";
  draft.intensity = PatronageIntensity::intensive;
  draft.planned_end = date("2027-05-20");
  return draft;
}

// The invalid fields of `draft` on k_today as "field:reason", in order; empty when it is valid.
std::vector<std::string> problems(const DecisionDraft& draft) {
  const auto status = validate_decision(draft, k_today);
  std::vector<std::string> result;
  if (!status) {
    EXPECT_EQ(status.error().code, util::ErrorCode::invalid);
    EXPECT_EQ(status.error().key, "validation.failed");
    for (const auto& field : status.error().fields) {
      result.push_back(field.field + ":" + field.reason);
    }
  }
  return result;
}

using Problems = std::vector<std::string>;

TEST(DecisionNames, RoundTripEveryValue) {
  for (auto body :
       {DecisionBody::council, DecisionBody::commission_for_minors, DecisionBody::interdepartmental_commission}) {
    EXPECT_EQ(parse_decision_body(to_string(body)), body);
  }
  for (auto kind : {DecisionKind::register_case, DecisionKind::approve_plan, DecisionKind::change_plan,
                    DecisionKind::extend, DecisionKind::move_to_supervision, DecisionKind::remove_from_register,
                    DecisionKind::refer_elsewhere, DecisionKind::refuse_registration}) {
    EXPECT_EQ(parse_decision_kind(to_string(kind)), kind);
  }
  for (auto type : {PatronageType::medical_social, PatronageType::psychological, PatronageType::pedagogical,
                    PatronageType::economic, PatronageType::legal, PatronageType::household, PatronageType::labour}) {
    EXPECT_EQ(parse_patronage_type(to_string(type)), type);
  }
  EXPECT_EQ(to_string(DecisionKind::remove_from_register), "remove_from_register");
  EXPECT_EQ(to_string(PatronageType::medical_social), "medical_social");
  EXPECT_FALSE(parse_decision_kind("register"));
  EXPECT_FALSE(parse_decision_body(""));
  EXPECT_FALSE(parse_patronage_type("medical-social"));
}

TEST(DecisionValidation, AcceptsACompleteRegisterDecision) {
  EXPECT_EQ(problems(register_draft()), Problems{});
}

TEST(DecisionValidation, ReportsEveryMissingCommonField) {
  DecisionDraft draft;
  draft.kind = DecisionKind::approve_plan;
  EXPECT_EQ(problems(draft), (Problems{"meeting_date:validation.required", "protocol_number:validation.required",
                                       "members_present:validation.required", "case_id:validation.required",
                                       "grounds:validation.required"}));
}

TEST(DecisionValidation, MeetingDateNotInTheFuture) {
  auto draft = register_draft();
  draft.meeting_date = k_today;
  draft.planned_end = date("2027-05-20");
  EXPECT_EQ(problems(draft), Problems{});
  draft.meeting_date = date("2026-11-24");
  EXPECT_EQ(problems(draft), Problems{"meeting_date:decision.meeting_date_in_future"});
}

TEST(DecisionValidation, BlankTextIsMissing) {
  auto draft = register_draft();
  draft.protocol_number = "  ";
  draft.members_present = {"head-1", " "};
  EXPECT_EQ(problems(draft),
            (Problems{"protocol_number:validation.required", "members_present[1]:validation.required"}));
}

TEST(DecisionValidation, RegisterNeedsLeadIntensityAndTypes) {
  auto draft = register_draft();
  draft.lead_specialist_id.clear();
  draft.intensity.reset();
  draft.patronage_types.clear();
  EXPECT_EQ(problems(draft), (Problems{"lead_specialist_id:validation.required", "intensity:validation.required",
                                       "patronage_types:validation.required"}));
}

TEST(DecisionValidation, IntensiveRegisterNeedsAPlannedEnd) {
  auto draft = register_draft();
  draft.planned_end.reset();
  EXPECT_EQ(problems(draft), Problems{"planned_end:validation.required"});
  draft.intensity = PatronageIntensity::standard;
  EXPECT_EQ(problems(draft), Problems{});
}

TEST(DecisionValidation, OtherKindsNeedNoLeadOrTypes) {
  auto draft = register_draft();
  draft.lead_specialist_id.clear();
  draft.intensity.reset();
  draft.patronage_types.clear();
  draft.planned_end.reset();
  for (auto kind :
       {DecisionKind::approve_plan, DecisionKind::change_plan, DecisionKind::move_to_supervision,
        DecisionKind::remove_from_register, DecisionKind::refer_elsewhere, DecisionKind::refuse_registration}) {
    draft.kind = kind;
    EXPECT_EQ(problems(draft), Problems{}) << to_string(kind);
  }
}

TEST(DecisionValidation, ExtensionNeedsANewPlannedEnd) {
  auto draft = register_draft();
  draft.kind = DecisionKind::extend;
  draft.planned_end.reset();
  EXPECT_EQ(problems(draft), Problems{"planned_end:validation.required"});
}

TEST(DecisionValidation, PlannedEndAfterTheMeeting) {
  auto draft = register_draft();
  draft.planned_end = draft.meeting_date;
  EXPECT_EQ(problems(draft), Problems{"planned_end:decision.planned_end_not_after_meeting"});
}

TEST(DecisionValidation, PatronageTypesAppearOnce) {
  auto draft = register_draft();
  draft.patronage_types = {PatronageType::legal, PatronageType::economic, PatronageType::legal};
  EXPECT_EQ(problems(draft), Problems{"patronage_types[2]:validation.duplicate"});
}

TEST(DecisionValidation, CorrectionNamesTheDecisionItCorrects) {
  auto draft = register_draft();
  draft.is_correction = true;
  EXPECT_EQ(problems(draft), Problems{"corrects_decision_id:validation.required"});
  draft.corrects_decision_id = "decision-41";
  EXPECT_EQ(problems(draft), Problems{});
}

TEST(DecisionValidation, AnyBodyMayDecide) {
  auto draft = register_draft();
  for (auto body : {DecisionBody::commission_for_minors, DecisionBody::interdepartmental_commission}) {
    draft.body = body;
    EXPECT_EQ(problems(draft), Problems{});
  }
}

} // namespace
} // namespace patronage::domain
