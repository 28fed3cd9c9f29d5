// Households, persons, their sensitive fields and duplicate keys (storage/households.hpp) on both backends.
#include "storage/households.hpp"
#include "storage/storage_contract.hpp"

namespace patronage::testing {
namespace {

using storage::Tx;
using HouseholdsContract = RepositoryContract;

TEST_P(HouseholdsContract, HouseholdRoundTripWithItsUnitPath) {
  must(db(), [](Tx& tx) -> util::Status {
    const auto found = storage::find_household(tx, "h");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->unit_id, "d");
      EXPECT_EQ(found->unit_path, "/r/d/");
      EXPECT_EQ(found->address, "г. Энск, ул. Ленина, д. 12, кв. 34");
      EXPECT_EQ(found->categories, (std::vector<std::string>{"large_family", "low_income"}));
      EXPECT_EQ(found->created_by, "head");
      EXPECT_EQ(found->version, 1);
    }
    EXPECT_FALSE(storage::find_household(tx, "ghost"));
    return {};
  });
}

TEST_P(HouseholdsContract, HouseholdUpdateChecksTheVersion) {
  must(db(), [](Tx& tx) -> util::Status {
    auto household = *storage::find_household(tx, "h");
    household.address = "с. Луговое, ул. Полевая, д. 7";
    household.categories = {"single_parent"};
    EXPECT_TRUE(storage::update_household(tx, household, 1));
    EXPECT_FALSE(storage::update_household(tx, household, 1)) << "the stored version is 2 now";
    const auto found = storage::find_household(tx, "h");
    EXPECT_EQ(found->address, "с. Луговое, ул. Полевая, д. 7");
    EXPECT_EQ(found->categories, std::vector<std::string>{"single_parent"});
    EXPECT_EQ(found->version, 2);
    return {};
  });
}

TEST_P(HouseholdsContract, HouseholdNeedsAnExistingUnit) {
  expect_conflict([](Tx& tx) {
    storage::HouseholdRecord household;
    household.id = "h2";
    household.unit_id = "ghost";
    household.address = "г. Энск";
    household.created_by = "head";
    storage::insert_household(tx, household);
  });
}

TEST_P(HouseholdsContract, PersonRoundTripAndOrder) {
  must(db(), [](Tx& tx) -> util::Status {
    const auto adult = storage::find_person(tx, "p-adult");
    EXPECT_TRUE(adult);
    if (adult) {
      EXPECT_EQ(adult->household_id, "h");
      EXPECT_EQ(adult->birth_date, std::optional<std::string>("1988-04-17"));
      EXPECT_EQ(adult->household_role, "mother");
      EXPECT_EQ(adult->represents, std::vector<std::string>{"p-child"});
      EXPECT_FALSE(adult->pregnancy_due);
    }
    EXPECT_FALSE(storage::find_person(tx, "ghost"));
    const auto members = storage::list_persons(tx, "h");
    EXPECT_EQ(members.size(), 2U);
    if (members.size() == 2) {
      EXPECT_EQ(members[0].id, "p-adult") << "by creation time, then id";
      EXPECT_EQ(members[1].id, "p-child");
    }
    EXPECT_TRUE(storage::list_persons(tx, "ghost").empty());
    return {};
  });
}

TEST_P(HouseholdsContract, PersonUpdateChecksTheVersionAndKeepsNulls) {
  must(db(), [](Tx& tx) -> util::Status {
    auto adult = *storage::find_person(tx, "p-adult");
    adult.pregnant = true;
    adult.pregnancy_due = "2026-09-01";
    adult.birth_date = std::nullopt;
    EXPECT_TRUE(storage::update_person(tx, adult, 1));
    EXPECT_FALSE(storage::update_person(tx, adult, 1));
    const auto found = storage::find_person(tx, "p-adult");
    EXPECT_TRUE(found->pregnant);
    EXPECT_EQ(found->pregnancy_due, std::optional<std::string>("2026-09-01"));
    EXPECT_FALSE(found->birth_date);
    EXPECT_EQ(found->version, 2);
    return {};
  });
}

TEST_P(HouseholdsContract, PersonNeedsAnExistingHouseholdAndAUniqueId) {
  expect_conflict([](Tx& tx) { storage::insert_person(tx, person("p-new", "ghost", "other", "1970-01-01")); });
  expect_conflict([](Tx& tx) { storage::insert_person(tx, person("p-adult", "h", "other", "1970-01-01")); });
}

TEST_P(HouseholdsContract, SensitiveUpsertReplaces) {
  must(db(), [](Tx& tx) -> util::Status {
    EXPECT_FALSE(storage::find_sensitive(tx, "p-adult"));
    storage::upsert_sensitive(tx, {"p-adult", "астма", "", "", "", 5000});
    storage::upsert_sensitive(tx, {"p-adult", "", "алкоголь", "", "", 6000});
    const auto found = storage::find_sensitive(tx, "p-adult");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->health, "");
      EXPECT_EQ(found->addiction, "алкоголь");
      EXPECT_EQ(found->updated_at, 6000);
    }
    return {};
  });
}

TEST_P(HouseholdsContract, CandidatesShareAKeyAndComeOnce) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::replace_person_keys(tx, "p-adult", {"k1", "k2"});
    storage::replace_person_keys(tx, "p-child", {"k3"});
    storage::replace_household_keys(tx, "h", {"a1", "a2"});
    const auto persons = storage::PersonCandidateFinder(tx).find({"k1", "k2", "k9"}, 10);
    EXPECT_EQ(persons.size(), 1U);
    if (!persons.empty()) {
      EXPECT_EQ(persons[0].person.id, "p-adult");
      EXPECT_EQ(persons[0].unit_path, "/r/d/");
    }
    EXPECT_TRUE(storage::PersonCandidateFinder(tx).find({"k9"}, 10).empty());
    EXPECT_EQ(storage::find_household_candidates(tx, {"a1", "a2"}, 10).size(), 1U);
    storage::replace_household_keys(tx, "h", {"a3"});
    EXPECT_TRUE(storage::find_household_candidates(tx, {"a1"}, 10).empty()) << "the old keys are replaced";
    return {};
  });
}

// One finder asked many times (an import's check) answers each search as a fresh finder does, with the
// rows written between the searches, and a search cut short by its limit does not spill into the next.
TEST_P(HouseholdsContract, APreparedCandidateFinderAnswersEverySearchAfresh) {
  must(db(), [&](storage::Tx& tx) -> util::Status {
    storage::replace_person_keys(tx, "p-adult", {"k1", "shared"});
    storage::replace_person_keys(tx, "p-child", {"k2", "shared"});
    storage::PersonCandidateFinder finder(tx);
    const auto first = finder.find({"shared"}, 1);
    EXPECT_EQ(first.size(), 1U);
    const auto both = finder.find({"shared", "k1"}, 10);
    EXPECT_EQ(both.size(), 2U) << "each person once";
    EXPECT_TRUE(finder.find({"k9"}, 10).empty());
    storage::replace_person_keys(tx, "p-adult", {"k9"});
    const auto moved = finder.find({"k9"}, 10);
    EXPECT_EQ(moved.size(), 1U);
    if (!moved.empty()) {
      EXPECT_EQ(moved[0].person.id, "p-adult");
      EXPECT_EQ(moved[0].unit_path, "/r/d/");
    }
    const auto child = finder.find({"k2"}, 10);
    EXPECT_EQ(child.size(), 1U);
    if (!child.empty()) {
      EXPECT_EQ(child[0].person.id, "p-child");
    }
    return {};
  });
}

PATRONAGE_CONTRACT_BACKENDS(HouseholdsContract);

} // namespace
} // namespace patronage::testing
