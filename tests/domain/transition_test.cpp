#include "domain/transition.hpp"
#include "lifecycle_fixture.hpp"

#include <array>
#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace patronage::domain::testing;

constexpr std::array<CaseState, 8> k_all_states{CaseState::signal, CaseState::assessment, CaseState::awaiting_decision,
                                                CaseState::active, CaseState::closing,    CaseState::supervision,
                                                CaseState::closed, CaseState::rejected};

// Facts in state `from` that satisfy every rule of every transition in the table leaving it on k_today.
CaseFacts ready_to_leave(CaseState from) {
  CaseFacts facts = family_awaiting_decision();
  facts.state = from;
  facts.state_entered_on = date("2026-11-02");
  facts.decisions.push_back(decision("rem", DecisionKind::remove_from_register, "2026-11-10"));
  facts.decisions.push_back(decision("sup", DecisionKind::move_to_supervision, "2026-11-10"));
  if (from == CaseState::supervision) {
    facts.state_entered_on = date("2026-06-01");
  }
  return facts;
}

std::string param(const util::Status& status, std::string_view name) {
  if (status) {
    return "<ok>";
  }
  for (const auto& [key, value] : status.error().params) {
    if (key == name) {
      return value;
    }
  }
  return "<missing>";
}

void expect_conflict(const util::Status& status, std::string_view key) {
  ASSERT_FALSE(status.has_value()) << "expected " << key;
  EXPECT_EQ(status.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(status.error().key, key);
}


util::Status activate(const CaseFacts& facts, const TransitionRequest& request = because("council decided"),
                      const LifecycleSettings& settings = k_settings) {
  return check_transition(facts, CaseState::active, request, settings, k_today);
}

TEST(TransitionTable, MatchesSpecTable) {
  using S = CaseState;
  EXPECT_EQ(next_states(S::signal), (std::vector<S>{S::assessment, S::rejected}));
  EXPECT_EQ(next_states(S::assessment), (std::vector<S>{S::awaiting_decision, S::rejected}));
  EXPECT_EQ(next_states(S::awaiting_decision), (std::vector<S>{S::active, S::rejected}));
  EXPECT_EQ(next_states(S::active), (std::vector<S>{S::closing}));
  EXPECT_EQ(next_states(S::closing), (std::vector<S>{S::supervision, S::closed}));
  EXPECT_EQ(next_states(S::supervision), (std::vector<S>{S::closed, S::active}));
  EXPECT_TRUE(next_states(S::closed).empty());
  EXPECT_TRUE(next_states(S::rejected).empty());
}

TEST(TransitionTable, AllowsExactlyTheTableForEveryPairOfStates) {
  int allowed = 0;
  for (auto from : k_all_states) {
    for (auto to : k_all_states) {
      const auto status = check_transition(ready_to_leave(from), to, because("reason"), k_settings, k_today);
      const bool in_table = is_transition_in_table(from, to);
      EXPECT_EQ(status.has_value(), in_table) << to_string(from) << " -> " << to_string(to);
      if (in_table) {
        ++allowed;
      } else {
        expect_conflict(status, "case.transition_not_allowed");
      }
    }
  }
  EXPECT_EQ(allowed, 11);
}

TEST(TransitionTable, RefusalNamesBothStates) {
  auto status =
      check_transition(ready_to_leave(CaseState::signal), CaseState::active, because("x"), k_settings, k_today);
  expect_conflict(status, "case.transition_not_allowed");
  EXPECT_EQ(param(status, "from"), "signal");
  EXPECT_EQ(param(status, "to"), "active");
}

TEST(TransitionTable, TerminalStatesCannotBeLeftEvenToThemselves) {
  for (auto from : {CaseState::closed, CaseState::rejected}) {
    for (auto to : k_all_states) {
      expect_conflict(check_transition(ready_to_leave(from), to, because("reopen"), k_settings, k_today),
                      "case.transition_not_allowed");
    }
  }
}

TEST(TransitionReason, EveryTransitionNeedsAReason) {
  for (auto from : k_all_states) {
    for (auto to : next_states(from)) {
      expect_field_error(check_transition(ready_to_leave(from), to, because(""), k_settings, k_today), "reason",
                         "case.reason_required");
      expect_field_error(check_transition(ready_to_leave(from), to, because(" \t\n"), k_settings, k_today), "reason",
                         "case.reason_required");
    }
  }
}

TEST(TransitionReason, TableIsCheckedBeforeReason) {
  expect_conflict(
      check_transition(ready_to_leave(CaseState::signal), CaseState::closed, because(""), k_settings, k_today),
      "case.transition_not_allowed");
}

TEST(Activation, AllowedWithConsentDecisionAndRoom) {
  EXPECT_TRUE(activate(family_awaiting_decision()));
}

TEST(Activation, AdultClientMustConsent) {
  auto facts = family_awaiting_decision();
  facts.consents.clear();
  auto status = activate(facts);
  expect_conflict(status, "case.consent_required");
  EXPECT_EQ(param(status, "person"), "mother");
}

TEST(Activation, EachMinorNeedsItsRepresentativesConsent) {
  auto facts = family_awaiting_decision();
  facts.consents = {consent("mother", {}, "2026-10-05")};
  auto status = activate(facts);
  expect_conflict(status, "case.consent_required");
  EXPECT_EQ(param(status, "person"), "son");
}

TEST(Activation, SomeoneWhoIsNotARepresentativeCannotConsentForAMinor) {
  auto facts = family_awaiting_decision();
  facts.persons.push_back({"aunt", date("1985-01-01"), false, {}, ""});
  facts.consents = {consent("mother", {}, "2026-10-05"), consent("aunt", {"son"}, "2026-10-05")};
  auto status = activate(facts);
  expect_conflict(status, "case.consent_required");
  EXPECT_EQ(param(status, "person"), "son");
}

TEST(Activation, MinorCannotConsentForThemselves) {
  auto facts = family_awaiting_decision();
  facts.consents = {consent("mother", {}, "2026-10-05"), consent("son", {}, "2026-10-05")};
  expect_conflict(activate(facts), "case.consent_required");
}

TEST(Activation, RepresentativeOutsideTheClientsMayConsent) {
  auto facts = family_awaiting_decision();
  facts.persons = {{"grandmother", date("1960-01-01"), false, {"son"}, ""}, {"son", date("2015-03-02"), true, {}, ""}};
  facts.consents = {consent("grandmother", {"son"}, "2026-10-05")};
  EXPECT_TRUE(activate(facts));
}

TEST(Activation, AdultNonClientNeedsNoConsent) {
  auto facts = family_awaiting_decision();
  facts.persons.push_back({"grandfather", date("1950-01-01"), false, {}, ""});
  EXPECT_TRUE(activate(facts));
}

TEST(Activation, EveryAdultClientMustConsent) {
  auto facts = family_awaiting_decision();
  facts.persons.push_back({"father", date("1988-01-01"), true, {"son"}, ""});
  auto status = activate(facts);
  expect_conflict(status, "case.consent_required");
  EXPECT_EQ(param(status, "person"), "father");
  facts.consents.push_back(consent("father", {}, "2026-11-23"));
  EXPECT_TRUE(activate(facts));
}

TEST(Activation, AdulthoodStartsOnTheEighteenthBirthday) {
  auto facts = family_awaiting_decision();
  facts.persons[1].birth_date = date("2008-11-24"); // 17 on k_today: the mother's consent covers him
  EXPECT_TRUE(activate(facts));
  facts.persons[1].birth_date = date("2008-11-23"); // 18 today: must consent himself
  auto status = activate(facts);
  expect_conflict(status, "case.consent_required");
  EXPECT_EQ(param(status, "person"), "son");
  facts.consents.push_back(consent("son", {}, "2026-11-23"));
  EXPECT_TRUE(activate(facts));
}

TEST(Activation, AdultAgeIsASetting) {
  auto facts = family_awaiting_decision();
  facts.persons[1].birth_date = date("2008-11-23");
  LifecycleSettings settings;
  settings.adult_age = 19;
  EXPECT_TRUE(activate(facts, because("x"), settings));
}

TEST(Activation, ConsentMustBeInForceToday) {
  auto facts = family_awaiting_decision();
  facts.consents[0].signed_on = date("2026-11-24");
  expect_conflict(activate(facts), "case.consent_required");
  facts.consents[0].signed_on = date("2026-11-23");
  EXPECT_TRUE(activate(facts));
  facts.consents[0].signed_on.reset();
  expect_conflict(activate(facts), "case.consent_required");
}

TEST(Activation, ExpiredConsentDoesNotCount) {
  auto facts = family_awaiting_decision();
  facts.consents[0].valid_until = date("2026-11-22");
  expect_conflict(activate(facts), "case.consent_required");
  facts.consents[0].valid_until = date("2026-11-23");
  EXPECT_TRUE(activate(facts));
}

TEST(Activation, WithdrawnConsentDoesNotCount) {
  auto facts = family_awaiting_decision();
  facts.consents[0].withdrawn_on = date("2026-11-23");
  expect_conflict(activate(facts), "case.consent_required");
  facts.consents[0].withdrawn_on = date("2026-11-24");
  EXPECT_TRUE(activate(facts));
}

TEST(Activation, PersonalDataConsentIsNotConsentToPatronage) {
  auto facts = family_awaiting_decision();
  facts.consents[0].scope = ConsentScope::personal_data;
  expect_conflict(activate(facts), "case.consent_required");
}

TEST(Activation, ConsentRuleCanBeSwitchedOff) {
  auto facts = family_awaiting_decision();
  facts.consents.clear();
  LifecycleSettings settings;
  settings.require_consent = false;
  EXPECT_TRUE(activate(facts, because("x"), settings));
}

TEST(Activation, NeedsASignedRegisterDecision) {
  auto facts = family_awaiting_decision();
  facts.decisions.clear();
  expect_conflict(activate(facts), "case.decision_required");

  facts = family_awaiting_decision();
  facts.decisions[0].is_signed = false;
  expect_conflict(activate(facts), "case.decision_required");

  facts = family_awaiting_decision();
  facts.decisions[0].kind = DecisionKind::approve_plan;
  expect_conflict(activate(facts), "case.decision_required");
}

TEST(Activation, DecisionDatedAfterTodayDoesNotCountYet) {
  auto facts = family_awaiting_decision();
  facts.decisions[0].date = date("2026-11-24");
  expect_conflict(activate(facts), "case.decision_required");
}

TEST(Activation, DecisionBeforeTheCaseWasOpenedIsNotForThisCase) {
  auto facts = family_awaiting_decision();
  facts.decisions[0].date = date("2026-09-30");
  expect_conflict(activate(facts), "case.decision_required");
}

TEST(Activation, CorrectedDecisionNoLongerCounts) {
  auto facts = family_awaiting_decision();
  auto refusal = decision("reg1-fix", DecisionKind::refuse_registration, "2026-11-21");
  refusal.corrects_id = "reg1";
  facts.decisions.push_back(refusal);
  expect_conflict(activate(facts), "case.decision_required");
  facts.decisions[1].is_signed = false; // an unsigned correction changes nothing yet
  EXPECT_TRUE(activate(facts));
}

TEST(Activation, DecisionRuleCanBeSwitchedOff) {
  auto facts = family_awaiting_decision();
  facts.decisions.clear();
  LifecycleSettings settings;
  settings.require_register_decision = false;
  EXPECT_TRUE(activate(facts, because("x"), settings)); // intensity and planned end from the case
}

TEST(Activation, NeedsAnIntensity) {
  auto facts = family_awaiting_decision();
  facts.decisions[0].intensity.reset();
  facts.intensity.reset();
  expect_conflict(activate(facts), "case.intensity_required");
}

TEST(Activation, TermsComeFromTheDecisionBeforeTheCase) {
  auto facts = family_awaiting_decision();
  facts.intensity = PatronageIntensity::standard;
  facts.planned_end.reset();
  auto terms = activation_terms(facts, k_today);
  ASSERT_TRUE(terms);
  EXPECT_EQ(terms->intensity, PatronageIntensity::intensive);
  EXPECT_EQ(terms->planned_end, date("2027-05-20"));
  facts.decisions[0].intensity.reset();
  facts.decisions[0].planned_end.reset();
  terms = activation_terms(facts, k_today);
  ASSERT_TRUE(terms);
  EXPECT_EQ(terms->intensity, PatronageIntensity::standard);
  EXPECT_FALSE(terms->planned_end);
}

TEST(Activation, IntensiveNeedsAPlannedEnd) {
  auto facts = family_awaiting_decision();
  facts.decisions[0].planned_end.reset();
  facts.planned_end.reset();
  expect_conflict(activate(facts), "case.planned_end_required");
}

TEST(Activation, IntensivePlannedEndWithinFourToNineMonths) {
  auto facts = family_awaiting_decision();
  auto with_end = [&](std::string_view end) {
    facts.decisions[0].planned_end = date(end);
    return activate(facts);
  };
  auto status = with_end("2027-03-22");
  expect_conflict(status, "case.planned_end_out_of_range");
  EXPECT_EQ(param(status, "earliest"), "2027-03-23");
  EXPECT_EQ(param(status, "latest"), "2027-08-23");
  EXPECT_TRUE(with_end("2027-03-23"));
  EXPECT_TRUE(with_end("2027-08-23"));
  expect_conflict(with_end("2027-08-24"), "case.planned_end_out_of_range");
}

TEST(Activation, StandardPatronageHasNoDurationRange) {
  auto facts = family_awaiting_decision();
  facts.decisions[0].intensity = PatronageIntensity::standard;
  facts.decisions[0].planned_end = date("2028-11-23");
  EXPECT_TRUE(activate(facts));
  facts.decisions[0].planned_end.reset();
  facts.planned_end.reset();
  EXPECT_TRUE(activate(facts));
}

TEST(Activation, DurationRangeIsASetting) {
  auto facts = family_awaiting_decision();
  facts.decisions[0].planned_end = date("2027-01-23");
  LifecycleSettings settings;
  expect_conflict(activate(facts, because("x"), settings), "case.planned_end_out_of_range");
  settings.intensive_min_months = 2;
  EXPECT_TRUE(activate(facts, because("x"), settings));
}

TEST(Activation, IntensiveCaseloadLimit) {
  auto facts = family_awaiting_decision();
  facts.lead_caseload = {2, 0};
  auto status = activate(facts);
  expect_conflict(status, "case.caseload_exceeded");
  EXPECT_EQ(param(status, "intensity"), "intensive");
  EXPECT_EQ(param(status, "count"), "2");
  EXPECT_EQ(param(status, "limit"), "2");
}

TEST(Activation, StandardCaseloadLimit) {
  auto facts = family_awaiting_decision();
  facts.decisions[0].intensity = PatronageIntensity::standard;
  facts.lead_caseload = {2, 14};
  EXPECT_TRUE(activate(facts)); // the intensive count does not limit standard patronage
  facts.lead_caseload = {0, 15};
  auto status = activate(facts);
  expect_conflict(status, "case.caseload_exceeded");
  EXPECT_EQ(param(status, "intensity"), "standard");
  EXPECT_EQ(param(status, "limit"), "15");
}

TEST(Activation, HeadMayOverrideTheCaseloadWithAReason) {
  auto facts = family_awaiting_decision();
  facts.lead_caseload = {2, 0};
  TransitionRequest request = because("council decided");
  request.head_override = {true, "no other specialist speaks the family's language"};
  EXPECT_TRUE(activate(facts, request));
  request.head_override.reason = "  ";
  expect_field_error(activate(facts, request), "override_reason", "case.override_reason_required");
  request.head_override = {false, "a reason without a grant"};
  expect_conflict(activate(facts, request), "case.caseload_exceeded");
}

TEST(Activation, NoActiveCaseWithoutALead) {
  auto facts = family_awaiting_decision();
  facts.has_lead = false;
  facts.lead_caseload = {};
  expect_conflict(activate(facts), "case.lead_required");
  TransitionRequest request = because("council decided");
  request.head_override = {true, "a head's override does not replace a lead"};
  expect_conflict(activate(facts, request), "case.lead_required");
}

TEST(Activation, RelapseChecksTheLeadsCaseloadAndLead) {
  auto facts = family_awaiting_decision();
  facts.state = CaseState::supervision;
  facts.state_entered_on = date("2026-06-01");
  facts.decisions.push_back(register_decision("reg2", "2026-11-20", PatronageIntensity::intensive, "2027-05-20"));
  facts.lead_caseload = {2, 0};
  expect_conflict(activate(facts), "case.caseload_exceeded");
  facts.has_lead = false;
  expect_conflict(activate(facts), "case.lead_required");
}

TEST(Closing, NeedsARemovalDecisionSinceActivation) {
  auto facts = family_active();
  auto close = [&](const LifecycleSettings& settings = k_settings) {
    return check_transition(facts, CaseState::closing, because("final analysis done"), settings, k_today);
  };
  expect_conflict(close(), "case.removal_decision_required");
  facts.decisions.push_back(decision("rem", DecisionKind::remove_from_register, "2026-03-01"));
  expect_conflict(close(), "case.removal_decision_required"); // before this activation
  facts.decisions.back().date = date("2026-11-20");
  facts.decisions.back().is_signed = false;
  expect_conflict(close(), "case.removal_decision_required");
  facts.decisions.back().is_signed = true;
  EXPECT_TRUE(close());
}

TEST(Closing, OtherDecisionKindsDoNotRemove) {
  auto facts = family_active();
  facts.decisions.push_back(decision("sup", DecisionKind::move_to_supervision, "2026-11-20"));
  facts.decisions.push_back(decision("ext", DecisionKind::extend, "2026-11-20"));
  expect_conflict(check_transition(facts, CaseState::closing, because("x"), k_settings, k_today),
                  "case.removal_decision_required");
}

TEST(Closing, RemovalRuleCanBeSwitchedOff) {
  LifecycleSettings settings;
  settings.require_removal_decision = false;
  EXPECT_TRUE(check_transition(family_active(), CaseState::closing, because("x"), settings, k_today));
}

CaseFacts family_closing() {
  auto facts = family_active();
  facts.state = CaseState::closing;
  facts.state_entered_on = date("2026-11-16");
  facts.decisions.push_back(decision("rem", DecisionKind::remove_from_register, "2026-11-13"));
  return facts;
}

TEST(Supervision, NeedsADecisionSinceClosingBegan) {
  auto facts = family_closing();
  auto supervise = [&](const LifecycleSettings& settings = k_settings) {
    return check_transition(facts, CaseState::supervision, because("follow-up watch"), settings, k_today);
  };
  expect_conflict(supervise(), "case.supervision_decision_required"); // removal came before closing began
  facts.decisions.push_back(decision("sup", DecisionKind::move_to_supervision, "2026-11-20"));
  EXPECT_TRUE(supervise());
  facts.decisions.back().date = date("2026-11-15");
  expect_conflict(supervise(), "case.supervision_decision_required");
  LifecycleSettings settings;
  settings.require_supervision_decision = false;
  EXPECT_TRUE(supervise(settings));
}

TEST(Supervision, RemovalDecisionOnTheDayClosingBeganCarriesIt) {
  auto facts = family_closing();
  facts.decisions.back().date = date("2026-11-16");
  EXPECT_TRUE(check_transition(facts, CaseState::supervision, because("x"), k_settings, k_today));
}

TEST(Closed, FromClosingNeedsOnlyAReason) {
  auto facts = family_closing();
  facts.decisions.clear();
  EXPECT_TRUE(check_transition(facts, CaseState::closed, because("goals reached"), k_settings, k_today));
}

CaseFacts family_in_supervision() {
  auto facts = family_closing();
  facts.state = CaseState::supervision;
  facts.state_entered_on = date("2026-11-18");
  facts.intensity = PatronageIntensity::standard;
  facts.decisions.push_back(decision("sup", DecisionKind::move_to_supervision, "2026-11-17"));
  return facts;
}

TEST(Closed, FromSupervisionNeedsOnlyAReason) {
  auto facts = family_in_supervision();
  facts.decisions.clear();
  facts.consents.clear();
  EXPECT_TRUE(check_transition(facts, CaseState::closed, because("watch ended"), k_settings, k_today));
}

TEST(Relapse, OldRegisterDecisionDoesNotReactivate) {
  auto facts = family_in_supervision();
  expect_conflict(activate(facts), "case.decision_required");
  EXPECT_EQ(activating_decision(facts, k_today), nullptr);
}

TEST(Relapse, NeedsARegisterDecisionAfterSupervisionBegan) {
  auto facts = family_in_supervision();
  facts.decisions.push_back(register_decision("reg2", "2026-11-18", PatronageIntensity::intensive, "2027-05-01"));
  expect_conflict(activate(facts), "case.decision_required"); // the same day is not after
  facts.decisions.back().date = date("2026-11-19");
  EXPECT_TRUE(activate(facts));
  ASSERT_NE(activating_decision(facts, k_today), nullptr);
  EXPECT_EQ(activating_decision(facts, k_today)->id, "reg2");
}

TEST(Relapse, StillNeedsConsentAndRoom) {
  auto facts = family_in_supervision();
  facts.decisions.push_back(register_decision("reg2", "2026-11-20", PatronageIntensity::intensive, "2027-05-01"));
  facts.consents[0].withdrawn_on = date("2026-11-19");
  expect_conflict(activate(facts), "case.consent_required");
  facts.consents.push_back(consent("mother", {"son"}, "2026-11-21"));
  facts.lead_caseload = {2, 0};
  expect_conflict(activate(facts), "case.caseload_exceeded");
}

// The app layer's part: record the transition and what it brings.
void move(CaseFacts& facts, CaseState to, std::string_view on) {
  const auto status = check_transition(facts, to, because("step"), k_settings, date(on));
  ASSERT_TRUE(status) << to_string(facts.state) << " -> " << to_string(to) << ": " << status.error().key;
  if (to == CaseState::active) {
    const auto terms = activation_terms(facts, date(on));
    facts.intensity = terms->intensity;
    facts.planned_end = terms->planned_end;
  }
  facts.state = to;
  facts.state_entered_on = date(on);
}

TEST(WholeLife, SignalToClosedWithARelapse) {
  CaseFacts facts;
  facts.state = CaseState::signal;
  facts.state_entered_on = date("2025-01-09");
  facts.opened_on = date("2025-01-09");
  facts.persons = {{"mother", date("1990-05-10"), true, {"son"}, ""}, {"son", date("2015-03-02"), true, {}, ""}};
  facts.has_lead = true;
  facts.lead_caseload = {1, 3};

  move(facts, CaseState::assessment, "2025-01-10");
  move(facts, CaseState::awaiting_decision, "2025-01-24");
  EXPECT_FALSE(check_transition(facts, CaseState::active, because("x"), k_settings, date("2025-02-03")));
  facts.consents.push_back(consent("mother", {"son"}, "2025-01-20"));
  facts.decisions.push_back(register_decision("reg1", "2025-02-03", PatronageIntensity::intensive, "2025-08-01"));
  move(facts, CaseState::active, "2025-02-03");
  EXPECT_EQ(facts.intensity, PatronageIntensity::intensive);
  EXPECT_EQ(facts.planned_end, date("2025-08-01"));

  EXPECT_FALSE(check_transition(facts, CaseState::closing, because("x"), k_settings, date("2025-08-01")));
  facts.decisions.push_back(decision("rem1", DecisionKind::remove_from_register, "2025-08-01"));
  move(facts, CaseState::closing, "2025-08-01");
  facts.decisions.push_back(decision("sup1", DecisionKind::move_to_supervision, "2025-08-15"));
  move(facts, CaseState::supervision, "2025-08-15");

  EXPECT_FALSE(check_transition(facts, CaseState::active, because("relapse"), k_settings, date("2026-01-12")));
  facts.decisions.push_back(register_decision("reg2", "2026-01-12", PatronageIntensity::intensive, "2026-07-12"));
  move(facts, CaseState::active, "2026-01-12");
  EXPECT_EQ(facts.planned_end, date("2026-07-12"));

  facts.decisions.push_back(decision("rem2", DecisionKind::remove_from_register, "2026-07-10"));
  move(facts, CaseState::closing, "2026-07-10");
  move(facts, CaseState::closed, "2026-07-24");
  EXPECT_TRUE(next_states(facts.state).empty());
}

TEST(WholeLife, RejectedAtEveryEarlyStage) {
  for (auto from : {CaseState::signal, CaseState::assessment, CaseState::awaiting_decision}) {
    CaseFacts facts;
    facts.state = from;
    EXPECT_TRUE(check_transition(facts, CaseState::rejected, because("no grounds"), k_settings, k_today));
  }
}

} // namespace
} // namespace patronage::domain
