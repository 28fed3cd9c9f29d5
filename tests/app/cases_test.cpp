#include "app/cases.hpp"

#include "app_fixture.hpp"

namespace patronage::testing {
namespace {

class AppCases : public AppCaseTest {
protected:
  util::Result<storage::CaseRecord> move(const app::Actor& who, const std::string& case_id, const std::string& to,
                                         const std::string& reason = "по плану работы",
                                         const std::string& override_reason = "") {
    return app::transition_case(services(), who, meta(), case_id, {to, reason, override_reason});
  }
};

TEST_P(AppCases, TransitionsFollowTheLifecycleTableAndAreAudited) {
  const auto family = add_family();
  auto opened = app::open_case(services(), spec, meta(), family.household);
  ASSERT_TRUE(opened) << opened.error().key;
  EXPECT_EQ(opened->state, domain::CaseState::signal);
  EXPECT_EQ(opened->lead_id, spec.id) << "a specialist who opens a case leads it";
  EXPECT_EQ(audited("case.open").front().entity_id, opened->id);
  const auto id = opened->id;

  auto skipped = move(spec, id, "active");
  ASSERT_FALSE(skipped);
  EXPECT_EQ(skipped.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(skipped.error().key, "case.transition_not_allowed");
  EXPECT_EQ(param(skipped.error(), "from"), "signal");
  EXPECT_EQ(param(skipped.error(), "to"), "active");
  EXPECT_TRUE(has_field(move(spec, id, "assessment", "  ").error(), "reason", "case.reason_required"));
  EXPECT_TRUE(has_field(move(spec, id, "flying").error(), "to", "case.state_invalid"));
  EXPECT_TRUE(audited("case.transition").empty());
  EXPECT_EQ(stored_case(id).state, domain::CaseState::signal);

  auto assessed = move(spec, id, "assessment");
  ASSERT_TRUE(assessed) << assessed.error().key;
  EXPECT_EQ(stored_case(id).state, domain::CaseState::assessment);
  const auto entries = audited("case.transition");
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries.front().entity_id, id);
  EXPECT_NE(entries.front().details.find(R"("from":"signal")"), std::string::npos) << entries.front().details;
  EXPECT_NE(entries.front().details.find(R"("to":"assessment")"), std::string::npos) << entries.front().details;

  // To become active the case needs the family's consent, then a signed register decision.
  ASSERT_TRUE(move(spec, id, "awaiting_decision"));
  auto no_consent = move(spec, id, "active");
  ASSERT_FALSE(no_consent);
  EXPECT_EQ(no_consent.error().key, "case.consent_required");
  ASSERT_TRUE(app::add_consent(services(), spec, meta(), id,
                               {family.mother, {family.child}, "patronage", "2026-11-23", std::nullopt, std::nullopt}));
  auto no_decision = move(spec, id, "active");
  ASSERT_FALSE(no_decision);
  EXPECT_EQ(no_decision.error().key, "case.decision_required");
  EXPECT_EQ(stored_case(id).state, domain::CaseState::awaiting_decision);
  EXPECT_EQ(audited("case.transition").size(), 2U);
}

TEST_P(AppCases, AnActiveCaseClosesOnlyByADecisionAndTakesTheDecisionsTerms) {
  const auto c = open_active_case(spec);
  const auto record = stored_case(c.id);
  EXPECT_EQ(record.state, domain::CaseState::active);
  EXPECT_EQ(record.intensity, domain::PatronageIntensity::intensive);
  EXPECT_EQ(record.planned_end, "2027-05-23");
  auto closing = move(spec, c.id, "closing");
  ASSERT_FALSE(closing);
  EXPECT_EQ(closing.error().key, "case.removal_decision_required");
  EXPECT_EQ(stored_case(c.id).state, domain::CaseState::active);
}

TEST_P(AppCases, ARejectedCaseIsTerminalAndTheFamilyMayGetANewOne) {
  const auto family = add_family();
  auto opened = app::open_case(services(), spec, meta(), family.household);
  ASSERT_TRUE(opened);
  auto duplicate = app::open_case(services(), spec2, meta(), family.household);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().key, "case.already_open");
  EXPECT_EQ(param(duplicate.error(), "case_id"), opened->id);

  ASSERT_TRUE(move(spec, opened->id, "rejected", "семья не нуждается в патронаже"));
  EXPECT_EQ(stored_case(opened->id).state, domain::CaseState::rejected);
  for (const char* to : {"signal", "assessment", "active", "closed"}) {
    auto refused = move(head, opened->id, to);
    ASSERT_FALSE(refused) << to;
    EXPECT_EQ(refused.error().key, "case.transition_not_allowed") << to;
  }
  auto view = app::get_case(services(), spec, meta(), opened->id);
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->next_states.empty()) << "a terminal state leads nowhere";

  auto again = app::open_case(services(), spec2, meta(), family.household);
  ASSERT_TRUE(again) << again.error().key;
  EXPECT_NE(again->id, opened->id);
  EXPECT_EQ(again->lead_id, spec2.id);
}

TEST_P(AppCases, OnlyStaffOfTheCasesLineWithALeadsRoleMayLeadIt) {
  const auto family = add_family();
  auto opened = app::open_case(services(), spec, meta(), family.household);
  ASSERT_TRUE(opened);
  const auto id = opened->id;
  const auto before = audited("case.team").size();

  app::TeamInput team;
  team.lead_id = expert.id;
  auto refused = app::assign_team(services(), head, meta(), id, team);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "lead_id", "case.member_invalid")) << "an expert leads no case";
  team.lead_id = other_spec.id;
  refused = app::assign_team(services(), head, meta(), id, team);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "lead_id", "case.member_invalid")) << "a specialist of another centre";
  team.lead_id = spec2.id;
  team.experts = {volunteer.id};
  team.volunteers = {expert.id};
  refused = app::assign_team(services(), head, meta(), id, team);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "experts[0]", "case.member_invalid"));
  EXPECT_TRUE(has_field(refused.error(), "volunteers[0]", "case.member_invalid"));
  EXPECT_EQ(stored_case(id).lead_id, spec.id);
  EXPECT_EQ(audited("case.team").size(), before);

  team.experts = {expert.id};
  team.volunteers = {};
  auto members = app::assign_team(services(), head, meta(), id, team);
  ASSERT_TRUE(members) << members.error().key;
  EXPECT_EQ(stored_case(id).lead_id, spec2.id);
  EXPECT_EQ(members->size(), 2U);
  EXPECT_EQ(audited("case.team").size(), before + 1);
  EXPECT_FALSE(app::assign_team(services(), spec2, meta(), id, team)) << "only heads set the team";
}

TEST_P(AppCases, ALeadBeyondTheIntensiveCaseloadNeedsTheHeadsOverride) {
  settings().lifecycle.intensive_limit = 1;
  open_active_case(spec, "Первая");
  const auto family = add_family("Вторая");
  auto opened = app::open_case(services(), spec, meta(), family.household);
  ASSERT_TRUE(opened);
  ASSERT_TRUE(app::add_consent(services(), spec, meta(), opened->id,
                               {family.mother, {family.child}, "patronage", "2026-11-23", std::nullopt, std::nullopt}));
  auto recorded = app::record_decision(services(), secretary, meta(), opened->id, register_decision(opened->id, spec));
  ASSERT_TRUE(recorded) << recorded.error().key;
  // Signing makes the decision's lead the case's: the limit holds there first.
  auto signed_decision = app::sign_decision(services(), secretary, meta(), recorded->id);
  ASSERT_FALSE(signed_decision);
  EXPECT_EQ(signed_decision.error().key, "case.caseload_exceeded");
  signed_decision = app::sign_decision(services(), secretary, meta(), recorded->id, "нет другого специалиста");
  ASSERT_FALSE(signed_decision);
  EXPECT_EQ(signed_decision.error().key, "case.override_head_only");
  signed_decision = app::sign_decision(services(), head, meta(), recorded->id, "нет другого специалиста");
  ASSERT_TRUE(signed_decision) << signed_decision.error().key;
  EXPECT_NE(audited("decision.sign").front().details.find("head_override"), std::string::npos)
      << audited("decision.sign").front().details;
  ASSERT_TRUE(move(spec, opened->id, "assessment"));
  ASSERT_TRUE(move(spec, opened->id, "awaiting_decision"));

  auto over = move(spec, opened->id, "active");
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().key, "case.caseload_exceeded");
  auto not_head = move(spec, opened->id, "active", "по плану работы", "нет другого специалиста");
  ASSERT_FALSE(not_head);
  EXPECT_EQ(not_head.error().key, "case.override_head_only");
  auto overridden = move(head, opened->id, "active", "по плану работы", "нет другого специалиста");
  ASSERT_TRUE(overridden) << overridden.error().key;
  EXPECT_EQ(stored_case(opened->id).state, domain::CaseState::active);
  EXPECT_NE(audited("case.transition").front().details.find(R"("to":"active")"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, AppCases, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
