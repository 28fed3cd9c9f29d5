#include "domain/council_agenda.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace std::chrono_literals;

constexpr util::Date k_today{std::chrono::year{2026} / 11 / 23};

CaseFacts facts_in(CaseState state) {
  CaseFacts facts;
  facts.state = state;
  facts.opened_on = k_today - std::chrono::days{60};
  facts.state_entered_on = k_today - std::chrono::days{10};
  return facts;
}

DecisionRecord signed_decision(DecisionKind kind, util::Date on) {
  DecisionRecord d;
  d.id = "d1";
  d.kind = kind;
  d.date = on;
  d.is_signed = true;
  return d;
}

std::vector<AgendaReason> reasons(const CaseFacts& facts, const AgendaFacts& extra = {}) {
  std::vector<AgendaReason> out;
  for (const auto& item : council_agenda(facts, extra, k_today)) {
    out.push_back(item.reason);
  }
  return out;
}

TEST(CouncilAgenda, AwaitingDecisionUntilRegisteredOrRefused) {
  auto facts = facts_in(CaseState::awaiting_decision);
  EXPECT_EQ(reasons(facts), std::vector<AgendaReason>{AgendaReason::registration});
  EXPECT_EQ(council_agenda(facts, {}, k_today).front().proposed_kind, DecisionKind::register_case);
  facts.decisions.push_back(signed_decision(DecisionKind::register_case, k_today));
  EXPECT_TRUE(reasons(facts).empty());
  facts.decisions.front().kind = DecisionKind::refuse_registration;
  EXPECT_TRUE(reasons(facts).empty());
  facts.decisions.front().is_signed = false;
  EXPECT_EQ(reasons(facts, {false, {DecisionKind::refuse_registration}}),
            (std::vector<AgendaReason>{AgendaReason::registration, AgendaReason::draft_unsigned}));
}

TEST(CouncilAgenda, ClosingNeedsARemovalDecision) {
  auto facts = facts_in(CaseState::closing);
  EXPECT_EQ(reasons(facts), std::vector<AgendaReason>{AgendaReason::removal});
  facts.decisions.push_back(signed_decision(DecisionKind::remove_from_register, k_today));
  EXPECT_TRUE(reasons(facts).empty());
}

TEST(CouncilAgenda, ActiveNearItsPlannedEndOrWithAPlanToApprove) {
  auto facts = facts_in(CaseState::active);
  facts.planned_end = k_today + std::chrono::days{90};
  EXPECT_TRUE(reasons(facts).empty());
  facts.planned_end = k_today + std::chrono::days{20};
  EXPECT_EQ(reasons(facts), std::vector<AgendaReason>{AgendaReason::extension_due});
  facts.planned_end = k_today + std::chrono::days{90};
  EXPECT_EQ(reasons(facts, {true, {}}), std::vector<AgendaReason>{AgendaReason::plan_approval});
}

TEST(CouncilAgenda, WithdrawnConsentPutsTheCaseBeforeTheCouncil) {
  auto facts = facts_in(CaseState::active);
  facts.persons.push_back({"p1", k_today - std::chrono::days{365 * 30}, true, {}, ""});
  Consent consent;
  consent.signed_by = "p1";
  consent.signed_on = k_today - std::chrono::days{30};
  facts.consents.push_back(consent);
  EXPECT_TRUE(reasons(facts).empty());
  facts.consents.front().withdrawn_on = k_today;
  EXPECT_EQ(reasons(facts), std::vector<AgendaReason>{AgendaReason::consent_withdrawn});
}

TEST(CouncilAgenda, SupervisionEndsAfterTwelveMonths) {
  auto facts = facts_in(CaseState::supervision);
  EXPECT_TRUE(reasons(facts).empty());
  facts.state_entered_on = k_today - std::chrono::days{350};
  EXPECT_EQ(reasons(facts), std::vector<AgendaReason>{AgendaReason::supervision_ending});
}

TEST(CouncilAgenda, EarlyAndTerminalStatesAreNotOnIt) {
  for (auto state : {CaseState::signal, CaseState::assessment, CaseState::closed, CaseState::rejected}) {
    EXPECT_TRUE(reasons(facts_in(state)).empty()) << to_string(state);
  }
}

} // namespace
} // namespace patronage::domain
