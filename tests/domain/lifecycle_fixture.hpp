#pragma once

#include "domain/case_facts.hpp"
#include "util/time.hpp"

#include <chrono>
#include <gtest/gtest.h>
#include <string_view>
#include <utility>

namespace patronage::domain::testing {

inline util::Date date(std::string_view text) {
  return *util::parse_date(text);
}

inline util::Date date(int y, unsigned m, unsigned d) {
  return util::Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

inline util::Timestamp at(std::string_view text) {
  return *util::parse_timestamp(text);
}

// `status` is a validation failure naming one field, for `reason`.
inline void expect_field_error(const util::Status& status, std::string_view field, std::string_view reason) {
  ASSERT_FALSE(status.has_value()) << "expected " << reason;
  EXPECT_EQ(status.error().code, util::ErrorCode::invalid);
  EXPECT_EQ(status.error().key, "validation.failed");
  ASSERT_EQ(status.error().fields.size(), 1U);
  EXPECT_EQ(status.error().fields[0].field, field);
  EXPECT_EQ(status.error().fields[0].reason, reason);
}

// The default lifecycle settings (SPEC §2's numbers).
inline const LifecycleSettings k_settings{};

// The fixed "today" of the lifecycle tests, a Monday.
inline const util::Date k_today = date("2026-11-23");

// A signed decision of `kind` dated `on`.
inline DecisionRecord decision(std::string id, DecisionKind kind, std::string_view on) {
  DecisionRecord record;
  record.id = std::move(id);
  record.kind = kind;
  record.date = date(on);
  record.is_signed = true;
  return record;
}

inline DecisionRecord register_decision(std::string id, std::string_view on, PatronageIntensity intensity,
                                        std::string_view planned_end) {
  DecisionRecord record = decision(std::move(id), DecisionKind::register_case, on);
  record.intensity = intensity;
  record.planned_end = date(planned_end);
  return record;
}

// A patronage consent signed by `signer` for `covers`, in force from `signed_on`.
inline Consent consent(std::string signer, std::vector<std::string> covers, std::string_view signed_on) {
  Consent c;
  c.signed_by = std::move(signer);
  c.covers = std::move(covers);
  c.signed_on = date(signed_on);
  return c;
}

// A mother (adult client) and her son (a minor she represents), both consenting through the mother's signature,
// with a signed register decision for intensive patronage ending within the allowed 4–9 months: everything
// `active` needs on k_today.
inline CaseFacts family_awaiting_decision() {
  CaseFacts facts;
  facts.state = CaseState::awaiting_decision;
  facts.state_entered_on = date("2026-11-02");
  facts.opened_on = date("2026-10-01");
  facts.persons = {{"mother", date("1990-05-10"), true, {"son"}, ""}, {"son", date("2015-03-02"), true, {}, ""}};
  facts.consents = {consent("mother", {"son"}, "2026-10-05")};
  facts.decisions = {register_decision("reg1", "2026-11-20", PatronageIntensity::intensive, "2027-05-20")};
  facts.intensity = PatronageIntensity::intensive;
  facts.planned_end = date("2027-05-20");
  facts.has_lead = true;
  facts.lead_caseload = {1, 5};
  return facts;
}

// The same family after activation on 2026-03-02 (so on k_today it has been active for almost 9 months).
inline CaseFacts family_active() {
  CaseFacts facts = family_awaiting_decision();
  facts.state = CaseState::active;
  facts.state_entered_on = date("2026-03-02");
  facts.opened_on = date("2026-01-15");
  facts.consents = {consent("mother", {"son"}, "2026-01-20")};
  facts.decisions = {register_decision("reg1", "2026-02-27", PatronageIntensity::intensive, "2026-11-30")};
  facts.planned_end = date("2026-11-30");
  return facts;
}

inline TransitionRequest because(std::string reason) {
  return TransitionRequest{std::move(reason), {}};
}

} // namespace patronage::domain::testing
