#include "domain/case_consent.hpp"
#include "lifecycle_fixture.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace patronage::domain::testing;

TEST(ConsentInForce, FromSigningThroughExpiryUntilWithdrawal) {
  Consent c = consent("mother", {}, "2026-11-01");
  EXPECT_FALSE(is_consent_in_force(c, date("2026-10-31")));
  EXPECT_TRUE(is_consent_in_force(c, date("2026-11-01")));
  c.valid_until = date("2026-12-31");
  EXPECT_TRUE(is_consent_in_force(c, date("2026-12-31")));
  EXPECT_FALSE(is_consent_in_force(c, date("2027-01-01")));
  c.withdrawn_on = date("2026-11-23");
  EXPECT_TRUE(is_consent_in_force(c, date("2026-11-22")));
  EXPECT_FALSE(is_consent_in_force(c, date("2026-11-23")));
}

TEST(ConsentWithdrawn, FalseWhileAllConsentsStand) {
  EXPECT_FALSE(consent_withdrawn(family_active(), k_today));
}

TEST(ConsentWithdrawn, TrueFromTheDayOfWithdrawal) {
  auto facts = family_active();
  facts.consents[0].withdrawn_on = date("2026-11-23");
  EXPECT_FALSE(consent_withdrawn(facts, date("2026-11-22")));
  EXPECT_TRUE(consent_withdrawn(facts, k_today));
}

TEST(ConsentWithdrawn, CountsAWithdrawalForAMinorByTheRepresentative) {
  auto facts = family_active();
  facts.persons = {{"grandmother", date("1960-01-01"), false, {"son"}, ""}, {"son", date("2015-03-02"), true, {}, ""}};
  facts.consents = {consent("grandmother", {"son"}, "2026-01-20")};
  facts.consents[0].withdrawn_on = date("2026-11-20");
  EXPECT_TRUE(consent_withdrawn(facts, k_today));
}

TEST(ConsentWithdrawn, IgnoresConsentsOfPeopleOutsideTheCase) {
  auto facts = family_active();
  Consent stranger = consent("stranger", {"stranger_child"}, "2026-01-20");
  stranger.withdrawn_on = date("2026-11-20");
  facts.consents.push_back(stranger);
  EXPECT_FALSE(consent_withdrawn(facts, k_today));
}

TEST(ConsentWithdrawn, IgnoresPersonalDataConsent) {
  auto facts = family_active();
  Consent data = consent("mother", {}, "2026-01-20");
  data.scope = ConsentScope::personal_data;
  data.withdrawn_on = date("2026-11-20");
  facts.consents.push_back(data);
  EXPECT_FALSE(consent_withdrawn(facts, k_today));
}

TEST(ConsentWithdrawn, ANewConsentAfterTheWithdrawalEndsIt) {
  auto facts = family_active();
  facts.consents[0].withdrawn_on = date("2026-11-10");
  facts.consents.push_back(consent("mother", {"son"}, "2026-11-09")); // signed before: does not answer it
  EXPECT_TRUE(consent_withdrawn(facts, k_today));
  facts.consents.back().signed_on = date("2026-11-10");
  EXPECT_FALSE(consent_withdrawn(facts, k_today));
}

TEST(ConsentWithdrawn, ANewConsentMustCoverTheSamePerson) {
  auto facts = family_active();
  facts.consents[0].withdrawn_on = date("2026-11-10");
  facts.consents.push_back(consent("mother", {}, "2026-11-15")); // the son is still without consent
  EXPECT_TRUE(consent_withdrawn(facts, k_today));
}

TEST(VisitAllowed, BlockedAfterWithdrawalExceptTheClosingVisit) {
  auto facts = family_active();
  EXPECT_TRUE(check_visit_allowed(facts, false, k_today));
  facts.consents[0].withdrawn_on = date("2026-11-20");
  const auto status = check_visit_allowed(facts, false, k_today);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(status.error().key, "case.consent_withdrawn_visits_blocked");
  EXPECT_TRUE(check_visit_allowed(facts, true, k_today));
  EXPECT_TRUE(check_visit_allowed(facts, false, date("2026-11-19")));
}

TEST(VisitAllowed, BlockingIsASetting) {
  auto facts = family_active();
  facts.consents[0].withdrawn_on = date("2026-11-20");
  LifecycleSettings settings;
  settings.block_visits_on_withdrawal = false;
  EXPECT_TRUE(check_visit_allowed(facts, false, k_today, settings));
}

TEST(CheckConsentCover, ReportsTheFirstUncoveredPerson) {
  auto facts = family_active();
  EXPECT_TRUE(check_consent_cover(facts, k_today, {}));
  facts.persons.push_back({"daughter", date("2019-06-01"), true, {}, "Иванова Вера"});
  const auto status = check_consent_cover(facts, k_today, {});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().key, "case.consent_required");
  ASSERT_EQ(status.error().params.size(), 1U);
  EXPECT_EQ(status.error().params[0].second, "daughter") << "the id: a secretary reads this message too";
}

TEST(ConsentScopeNames, RoundTrip) {
  for (auto scope : {ConsentScope::patronage, ConsentScope::personal_data}) {
    EXPECT_EQ(parse_consent_scope(to_string(scope)), scope);
  }
  EXPECT_FALSE(parse_consent_scope("everything"));
}

} // namespace
} // namespace patronage::domain
