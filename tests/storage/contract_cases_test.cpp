// Cases, their team and transitions (storage/cases.hpp) on both backends.
#include "storage/cases.hpp"
#include "storage/storage_contract.hpp"

namespace patronage::testing {
namespace {

using storage::Tx;
using CasesContract = RepositoryContract;

TEST_P(CasesContract, CaseRoundTripWithNumberAndReadFields) {
  must(db(), [](Tx& tx) -> util::Status {
    const auto found = storage::find_case(tx, "k");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->number, "2026-0001");
      EXPECT_EQ(found->state, domain::CaseState::signal);
      EXPECT_EQ(found->unit_path, "/r/d/");
      EXPECT_EQ(found->lead_id, std::optional<std::string>("lead"));
      EXPECT_EQ(found->lead_name, "Name of lead");
      EXPECT_EQ(found->household_address, "г. Энск, ул. Ленина, д. 12, кв. 34");
      EXPECT_EQ(found->family_name, "Смирнова");
      EXPECT_FALSE(found->intensity);
    }
    EXPECT_FALSE(storage::find_case(tx, "ghost"));
    return {};
  });
}

TEST_P(CasesContract, NumbersCountPerUnitAndYear) {
  must(db(), [](Tx& tx) -> util::Status {
    auto second = case_of("k2", "h");
    storage::insert_case(tx, second);
    auto next_year = case_of("k3", "h");
    next_year.opened_on = "2027-01-10";
    storage::insert_case(tx, next_year);
    EXPECT_EQ(second.number, "2026-0002");
    EXPECT_EQ(next_year.number, "2027-0001");
    EXPECT_EQ(storage::case_number_pattern("2026-2"), std::optional<std::string>("2026-0002"));
    storage::CaseFilter filter;
    filter.unit_path_prefix = "/r/";
    filter.number_pattern = storage::case_number_pattern("2");
    const auto found = storage::list_cases(tx, filter);
    EXPECT_EQ(found.size(), 1U);
    return {};
  });
}

TEST_P(CasesContract, UpdateStoresTheStateAndBumpsTheVersion) {
  must(db(), [](Tx& tx) -> util::Status {
    auto record = *storage::find_case(tx, "k");
    record.state = domain::CaseState::assessment;
    record.state_entered_on = "2026-03-05";
    record.intensity = domain::PatronageIntensity::standard;
    storage::update_case(tx, record);
    const auto found = storage::find_case(tx, "k");
    EXPECT_EQ(found->state, domain::CaseState::assessment);
    EXPECT_EQ(found->state_entered_on, "2026-03-05");
    EXPECT_EQ(found->intensity, domain::PatronageIntensity::standard);
    EXPECT_EQ(found->version, 2);
    return {};
  });
}

TEST_P(CasesContract, CaseNeedsAnExistingHouseholdAndLead) {
  expect_conflict([](Tx& tx) {
    auto record = case_of("k2", "ghost");
    storage::insert_case(tx, record);
  });
  expect_conflict([](Tx& tx) {
    auto record = case_of("k2", "h");
    record.lead_id = "ghost";
    storage::insert_case(tx, record);
  });
}

TEST_P(CasesContract, ListsFilterByUnitMemberAndState) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::upsert_case_member(tx, {"k", "lead", "lead", 5000});
    storage::CaseFilter filter;
    filter.unit_path_prefix = "/r/";
    EXPECT_EQ(storage::list_cases(tx, filter).size(), 1U);
    filter.member_user_id = "head";
    EXPECT_TRUE(storage::list_cases(tx, filter).empty());
    filter.member_user_id = "lead";
    filter.state = "active";
    EXPECT_TRUE(storage::list_cases(tx, filter).empty());
    filter.state = "signal";
    EXPECT_EQ(storage::list_cases(tx, filter).size(), 1U);
    filter.unit_path_prefix = "/s/";
    EXPECT_TRUE(storage::list_cases(tx, filter).empty());
    EXPECT_EQ(storage::list_cases_of_household(tx, "h").size(), 1U);
    return {};
  });
}

TEST_P(CasesContract, OpenOnlyLeavesClosedAndRejectedCasesOutBeforeTheLimit) {
  must(db(), [](Tx& tx) -> util::Status {
    // Newer than the open case "k": with the limit at 1, the open one is found only when the closed are left out.
    for (const auto& [id, state] : {std::pair{"closed", domain::CaseState::closed},
                                    std::pair{"rejected", domain::CaseState::rejected}}) {
      auto record = case_of(id, "h");
      record.created_at = 9000;
      record.state = state;
      storage::insert_case(tx, record);
    }
    storage::CaseFilter filter;
    filter.unit_path_prefix = "/r/";
    filter.limit = 1;
    EXPECT_NE(storage::list_cases(tx, filter).at(0).id, "k");
    filter.open_only = true;
    const auto open = storage::list_cases(tx, filter);
    EXPECT_EQ(open.size(), 1U);
    EXPECT_EQ(open.at(0).id, "k");
    return {};
  });
}

TEST_P(CasesContract, MembersUpsertRelateAndRemove) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::upsert_case_member(tx, {"k", "lead", "lead", 5000});
    storage::upsert_case_member(tx, {"k", "head", "expert", 5001});
    storage::upsert_case_member(tx, {"k", "head", "volunteer", 5002});
    const auto members = storage::list_case_members(tx, "k");
    EXPECT_EQ(members.size(), 2U) << "an upsert replaces the role";
    EXPECT_EQ(storage::case_relation(tx, "k", "lead"), domain::CaseRelation::lead);
    EXPECT_EQ(storage::case_relation(tx, "k", "head"), domain::CaseRelation::volunteer);
    storage::remove_case_member(tx, "k", "head");
    EXPECT_EQ(storage::case_relation(tx, "k", "head"), domain::CaseRelation::none);
    EXPECT_EQ(storage::household_relation(tx, "h", "lead"), domain::CaseRelation::lead);
    return {};
  });
  expect_conflict([](Tx& tx) { storage::upsert_case_member(tx, {"ghost", "lead", "lead", 5000}); });
}

TEST_P(CasesContract, TransitionsInOrder) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_transition(tx, {"t1", "k", "", "signal", 5000, "2026-03-01", "lead", "case.opened", ""});
    storage::insert_transition(tx, {"t2", "k", "signal", "assessment", 5001, "2026-03-02", "lead", "Изучение", ""});
    const auto transitions = storage::list_transitions(tx, "k");
    EXPECT_EQ(transitions.size(), 2U);
    if (transitions.size() == 2) {
      EXPECT_EQ(transitions[0].from_state, "");
      EXPECT_EQ(transitions[1].to_state, "assessment");
      EXPECT_EQ(transitions[1].reason, "Изучение");
    }
    EXPECT_TRUE(storage::list_transitions(tx, "ghost").empty());
    return {};
  });
  expect_conflict([](Tx& tx) {
    storage::insert_transition(tx, {"t3", "ghost", "", "signal", 5000, "2026-03-01", "lead", "case.opened", ""});
  });
}

TEST_P(CasesContract, CountsOfLedCasesAndMinors) {
  must(db(), [](Tx& tx) -> util::Status {
    auto active = case_of("k2", "h");
    active.state = domain::CaseState::active;
    active.intensity = domain::PatronageIntensity::intensive;
    storage::insert_case(tx, active);
    const auto counts = storage::count_led_cases(tx, "lead", "");
    EXPECT_EQ(counts.intensive, 1);
    EXPECT_EQ(storage::count_led_cases(tx, "lead", "k2").intensive, 0);
    EXPECT_EQ(storage::count_minors(tx, "h", "2008-03-01"), 1);
    return {};
  });
}

PATRONAGE_CONTRACT_BACKENDS(CasesContract);

} // namespace
} // namespace patronage::testing
