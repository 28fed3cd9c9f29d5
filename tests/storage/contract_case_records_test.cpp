// Consents, council decisions and documents of a case (storage/case_records.hpp, storage/council.hpp) on both
// backends.
#include "storage/case_records.hpp"
#include "storage/council.hpp"
#include "storage/storage_contract.hpp"

namespace patronage::testing {
namespace {

using storage::Tx;
using CaseRecordsContract = RepositoryContract;

storage::DecisionRow decision(const std::string& id, domain::DecisionKind kind, const std::string& meeting_date) {
  storage::DecisionRow d;
  d.id = id;
  d.case_id = "k";
  d.body = "council";
  d.meeting_date = meeting_date;
  d.protocol_number = "12";
  d.members_present = {"Соколова М. П.", "Морозова О. И."};
  d.kind = kind;
  d.patronage_types = {"psychological", "economic"};
  d.lead_id = "lead";
  d.grounds = "Основания";
  d.intensity = domain::PatronageIntensity::standard;
  d.created_by = "head";
  d.created_at = 5000;
  return d;
}

TEST_P(CaseRecordsContract, ConsentRoundTripAndWithdrawal) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_consent(tx, {"c1", "k", "p-adult", {"p-child"}, domain::ConsentScope::patronage, "2026-03-02", std::string("2027-03-02"),
                                 std::nullopt, std::nullopt, "lead", 5000});
    auto consents = storage::list_consents(tx, "k");
    EXPECT_EQ(consents.size(), 1U);
    if (!consents.empty()) {
      EXPECT_EQ(consents[0].covers, std::vector<std::string>{"p-child"});
      EXPECT_EQ(consents[0].valid_until, std::optional<std::string>("2027-03-02"));
      EXPECT_FALSE(consents[0].withdrawn_on);
    }
    storage::set_consent_withdrawn(tx, "c1", "2026-04-01");
    consents = storage::list_consents(tx, "k");
    EXPECT_EQ(consents.at(0).withdrawn_on, std::optional<std::string>("2026-04-01"));
    EXPECT_TRUE(storage::list_consents(tx, "ghost").empty());
    return {};
  });
  expect_conflict([](Tx& tx) {
    storage::insert_consent(tx, {"c2", "ghost", "p-adult", {}, domain::ConsentScope::patronage, "2026-03-02", std::nullopt, std::nullopt,
                                 std::nullopt, "lead", 5000});
  });
}

TEST_P(CaseRecordsContract, ADecisionStoredSignedKeepsItsSignerAndTime) {
  must(db(), [](Tx& tx) -> util::Status {
    auto row = decision("d1", domain::DecisionKind::register_case, "2026-04-01");
    row.is_signed = true;
    row.signed_by = "head";
    row.signed_at = 7000;
    storage::insert_decision(tx, row);
    const auto found = storage::find_decision(tx, "d1");
    EXPECT_TRUE(found && found->is_signed);
    EXPECT_EQ(found->signed_by, std::optional<std::string>("head"));
    EXPECT_EQ(found->signed_at, std::optional<long long>(7000));
    return {};
  });
}

TEST_P(CaseRecordsContract, DecisionRoundTripSignAndOrder) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_decision(tx, decision("d2", domain::DecisionKind::remove_from_register, "2026-05-01"));
    storage::insert_decision(tx, decision("d1", domain::DecisionKind::register_case, "2026-04-01"));
    const auto found = storage::find_decision(tx, "d1");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->members_present, (std::vector<std::string>{"Соколова М. П.", "Морозова О. И."}));
      EXPECT_EQ(found->patronage_types, (std::vector<std::string>{"psychological", "economic"}));
      EXPECT_EQ(found->intensity, domain::PatronageIntensity::standard);
      EXPECT_FALSE(found->is_signed);
      EXPECT_FALSE(found->planned_end);
    }
    storage::sign_decision(tx, "d1", "head", 6000);
    const auto signed_one = storage::find_decision(tx, "d1");
    EXPECT_TRUE(signed_one->is_signed);
    EXPECT_EQ(signed_one->signed_by, std::optional<std::string>("head"));
    EXPECT_EQ(signed_one->signed_at, std::optional<long long>(6000));
    const auto all = storage::list_decisions(tx, "k");
    EXPECT_EQ(all.size(), 2U);
    if (all.size() == 2) {
      EXPECT_EQ(all[0].id, "d1") << "by meeting date";
    }
    EXPECT_FALSE(storage::find_decision(tx, "ghost"));
    return {};
  });
  expect_conflict([](Tx& tx) { storage::insert_decision(tx, decision("d1", domain::DecisionKind::register_case, "2026-04-01")); });
}

TEST_P(CaseRecordsContract, MeetingDecisionsOfAPeriodAndSubtree) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_decision(tx, decision("d1", domain::DecisionKind::register_case, "2026-04-01"));
    storage::insert_decision(tx, decision("d2", domain::DecisionKind::remove_from_register, "2026-06-01"));
    const auto april = storage::list_meeting_decisions(tx, "/r/", "2026-04-01", "2026-04-30", 10);
    EXPECT_EQ(april.size(), 1U);
    if (!april.empty()) {
      EXPECT_EQ(april[0].id, "d1");
      EXPECT_EQ(april[0].case_state, "signal");
      EXPECT_EQ(april[0].address, "г. Энск, ул. Ленина, д. 12, кв. 34");
    }
    EXPECT_EQ(storage::list_meeting_decisions(tx, "/r/", "2026-01-01", "2026-12-31", 10).size(), 2U);
    EXPECT_TRUE(storage::list_meeting_decisions(tx, "/s/", "2026-01-01", "2026-12-31", 10).empty());
    return {};
  });
}

TEST_P(CaseRecordsContract, DocumentRoundTrip) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_document(tx, {"doc1", "k", "consent.pdf", "application/pdf", 4, "abcd", "JVBERg==", "lead", 5000});
    const auto found = storage::find_document(tx, "doc1");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->file_name, "consent.pdf");
      EXPECT_EQ(found->size_bytes, 4);
      EXPECT_EQ(found->content_base64, "JVBERg==");
    }
    EXPECT_FALSE(storage::find_document(tx, "ghost"));
    return {};
  });
  expect_conflict([](Tx& tx) {
    storage::insert_document(tx, {"doc2", "ghost", "a.pdf", "application/pdf", 1, "x", "AA==", "lead", 5000});
  });
}

TEST_P(CaseRecordsContract, ConsentPersonsOfAHousehold) {
  must(db(), [](Tx& tx) -> util::Status {
    const auto persons = storage::list_consent_persons(tx, "h");
    EXPECT_EQ(persons.size(), 2U);
    for (const auto& person : persons) {
      if (person.id == "p-adult") {
        EXPECT_EQ(person.represents, std::vector<std::string>{"p-child"});
        EXPECT_EQ(person.display_name, "Смирнова Татьяна");
      }
    }
    EXPECT_TRUE(storage::list_consent_persons(tx, "ghost").empty());
    return {};
  });
}

PATRONAGE_CONTRACT_BACKENDS(CaseRecordsContract);

} // namespace
} // namespace patronage::testing
