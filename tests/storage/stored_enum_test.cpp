// Stored enums on both backends: a case's state, intensity, a consent's scope, a decision's kind, a referral's and a
// volunteer's status are read back as the domain's values, and a value the domain does not know fails the read loudly (naming the table, the column
// and the value) instead of being taken for another.
#include "storage/stored_enum.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "storage/case_records.hpp"
#include "storage/cases.hpp"
#include "storage/households.hpp"
#include "storage/partners.hpp"
#include "storage/units.hpp"
#include "storage/volunteers.hpp"
#include "support/test_db.hpp"

namespace patronage::storage {
namespace {

using testing::TestDatabase;

class StoredEnums : public ::testing::TestWithParam<Backend> {
protected:
  StoredEnums() : m_test_db(GetParam()) {
    auto done = db().transact([&](Tx& tx) -> util::Status {
      insert_unit(tx, {"r", std::nullopt, "Region", "region", "/r/", 1000});
      HouseholdRecord h;
      h.id = "h";
      h.unit_id = "r";
      h.address = "ул. Ленина, д. 1";
      h.created_by = "u";
      insert_household(tx, h);
      PersonRecord p;
      p.id = "p";
      p.household_id = "h";
      p.last_name = "Иванова";
      p.first_name = "Анна";
      insert_person(tx, p);
      CaseRecord c;
      c.id = "c";
      c.unit_id = "r";
      c.household_id = "h";
      c.state = domain::CaseState::active;
      c.intensity = domain::PatronageIntensity::intensive;
      c.state_entered_on = "2026-01-10";
      c.opened_on = "2026-01-01";
      insert_case(tx, c);
      insert_consent(tx, {"k", "c", "p", {"p"}, domain::ConsentScope::personal_data, "2026-01-02", std::nullopt,
                          std::nullopt, std::nullopt, "u", 1});
      DecisionRow d;
      d.id = "d";
      d.case_id = "c";
      d.body = "council";
      d.meeting_date = "2026-01-05";
      d.kind = domain::DecisionKind::move_to_supervision;
      d.created_by = "u";
      insert_decision(tx, d);
      PartnerRecord partner;
      partner.id = "pa";
      partner.unit_id = "r";
      partner.name = "Школа № 5";
      partner.type = "school";
      insert_partner(tx, partner);
      ReferralRecord referral;
      referral.id = "rf";
      referral.case_id = "c";
      referral.partner_id = "pa";
      referral.sent_on = "2026-01-06";
      referral.due_on = "2026-01-20";
      referral.status = domain::ReferralStatus::in_progress;
      insert_referral(tx, referral);
      VolunteerRecord v;
      v.id = "v";
      v.unit_id = "r";
      v.last_name = "Орлова";
      v.status = domain::VolunteerStatus::paused;
      v.status_since = "2026-01-07";
      insert_volunteer(tx, v);
      return {};
    });
    EXPECT_TRUE(done);
  }
  Database& db() { return m_test_db.db(); }

  // Stores `value` raw in `table`.`column` of the row `id`.
  void corrupt(const std::string& table, const std::string& column, const std::string& id, const std::string& value) {
    ASSERT_TRUE(db().transact([&](Tx& tx) -> util::Status {
      tx.sql() << "UPDATE " + table + " SET " + column + " = :v WHERE id = :id", soci::use(value), soci::use(id);
      return {};
    }));
  }

  // The message of the CorruptValue `read` throws, or "" when it throws none.
  template <typename Read> std::string corrupt_message(Read read) {
    std::string message;
    auto done = db().transact([&](Tx& tx) -> util::Status {
      try {
        read(tx);
      } catch (const CorruptValue& e) {
        message = e.what();
      }
      return {};
    });
    EXPECT_TRUE(done);
    return message;
  }

  TestDatabase m_test_db;
};

TEST_P(StoredEnums, ReadBackAsTheDomainsValues) {
  ASSERT_TRUE(db().transact([&](Tx& tx) -> util::Status {
    const auto c = find_case(tx, "c");
    EXPECT_TRUE(c);
    if (c) {
      EXPECT_EQ(c->state, domain::CaseState::active);
      EXPECT_EQ(c->intensity, domain::PatronageIntensity::intensive);
    }
    const auto consents = list_consents(tx, "c");
    EXPECT_EQ(consents.size(), 1U);
    if (!consents.empty()) {
      EXPECT_EQ(consents[0].scope, domain::ConsentScope::personal_data);
    }
    const auto d = find_decision(tx, "d");
    EXPECT_TRUE(d);
    if (d) {
      EXPECT_EQ(d->kind, domain::DecisionKind::move_to_supervision);
      EXPECT_EQ(d->intensity, std::nullopt);
    }
    EXPECT_EQ(find_referral(tx, "rf")->status, domain::ReferralStatus::in_progress);
    EXPECT_EQ(find_volunteer(tx, "v")->status, domain::VolunteerStatus::paused);
    return {};
  }));
}

TEST_P(StoredEnums, AnUnknownCaseStateFailsTheReadNamingTableColumnAndValue) {
  corrupt("cases", "state", "c", "reopened");
  const auto message = corrupt_message([](Tx& tx) { find_case(tx, "c"); });
  EXPECT_NE(message.find("cases.state"), std::string::npos) << message;
  EXPECT_NE(message.find("'reopened'"), std::string::npos) << message;
  EXPECT_NE(corrupt_message([](Tx& tx) { list_cases_of_household(tx, "h"); }), "");
  EXPECT_NE(corrupt_message([](Tx& tx) { list_cases(tx, {"/r/", std::nullopt, std::nullopt, std::nullopt, 10}); }),
            "");
  // Through a use case's transaction the read fails as unavailable (logged), never as a case in another state.
  auto read = db().transact([&](Tx& tx) -> util::Result<domain::CaseState> { return find_case(tx, "c")->state; });
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, util::ErrorCode::unavailable);
}

TEST_P(StoredEnums, OtherUnknownEnumsFailTheirReadsToo) {
  corrupt("cases", "intensity", "c", "weekly");
  EXPECT_NE(corrupt_message([](Tx& tx) { find_case(tx, "c"); }).find("cases.intensity holds unknown value 'weekly'"),
            std::string::npos);
  corrupt("consents", "scope", "k", "everything");
  EXPECT_NE(corrupt_message([](Tx& tx) { list_consents(tx, "c"); }).find("consents.scope"), std::string::npos);
  corrupt("decisions", "kind", "d", "pardon");
  EXPECT_NE(corrupt_message([](Tx& tx) { find_decision(tx, "d"); }).find("decisions.kind"), std::string::npos);
  corrupt("decisions", "intensity", "d", "");
  corrupt("decisions", "kind", "d", "extend");
  EXPECT_NE(corrupt_message([](Tx& tx) { list_decisions(tx, "c"); }).find("decisions.intensity holds unknown value ''"),
            std::string::npos);
}

TEST_P(StoredEnums, AnUnknownReferralOrVolunteerStatusFailsTheRead) {
  corrupt("referrals", "status", "rf", "lost");
  EXPECT_NE(corrupt_message([](Tx& tx) { find_referral(tx, "rf"); }).find("referrals.status holds unknown value 'lost'"),
            std::string::npos);
  EXPECT_NE(corrupt_message([](Tx& tx) { list_referrals(tx, "c"); }), "");
  corrupt("volunteers", "status", "v", "retired");
  EXPECT_NE(corrupt_message([](Tx& tx) { find_volunteer(tx, "v"); }).find("volunteers.status holds unknown value"),
            std::string::npos);
}

TEST(StoredDate, ARequiredStoredDateThatDoesNotParseFailsNamingTheColumn) {
  EXPECT_EQ(stored_date("cases", "opened_on", "2026-02-28"), util::parse_date("2026-02-28"));
  try {
    stored_date("cases", "opened_on", "2026-02-30");
    ADD_FAILURE() << "no CorruptValue";
  } catch (const CorruptValue& e) {
    EXPECT_STREQ(e.what(), "corrupt stored value: cases.opened_on holds unknown value '2026-02-30'");
  }
  EXPECT_THROW(stored_date("decisions", "meeting_date", ""), CorruptValue);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoredEnums, ::testing::ValuesIn(testing::test_backends()),
                         [](const auto& info) { return testing::backend_name(info.param); });

} // namespace
} // namespace patronage::storage
