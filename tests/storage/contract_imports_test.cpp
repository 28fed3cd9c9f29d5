// Import batches and their records, the СНИЛС column, and the undo helpers (storage/imports.hpp) on both backends.
#include <algorithm>

#include "storage/cases.hpp"
#include "storage/imports.hpp"
#include "storage/search.hpp"
#include "storage/storage_contract.hpp"

namespace patronage::testing {
namespace {

using storage::Tx;
using ImportsContract = RepositoryContract;

TEST_P(ImportsContract, BatchAndRecordsRoundTripAndAreFoundByFileAndRow) {
  must(db(), [](Tx& tx) -> util::Status {
    EXPECT_TRUE(storage::imported_rows(tx, "abc").empty());
    storage::insert_import_batch(tx, {"b1", "abc", "file.csv", "cli", "anna", 1000});
    storage::insert_import_record(tx, {"b1", "household", "h", 2, "updated", R"({"x":1})", 2});
    storage::insert_import_record(tx, {"b1", "household", "h", 3, "updated", R"({"x":2})", 3});
    storage::insert_import_record(tx, {"b1", "person", "p-adult", 2, "created", "", 1});
    storage::ImportBatchRecord counted{"b1", "abc", "file.csv", "cli", "anna", 1000, 0, 1, 1, 0};
    storage::update_import_batch_counts(tx, counted);
    auto batch = storage::find_import_batch(tx, "b1");
    EXPECT_TRUE(batch);
    EXPECT_EQ(batch->operator_name, "anna");
    EXPECT_EQ(batch->households_updated, 1);
    EXPECT_EQ(batch->persons_created, 1);
    const auto records = storage::list_import_records(tx, "b1");
    EXPECT_EQ(records.size(), 2U);
    EXPECT_EQ(records[0].before, R"({"x":1})") << "a household met twice keeps its first state";
    EXPECT_EQ(records[0].after_version, 3);
    const storage::ImportedRows made{{{"household", 2}, "h"}, {{"person", 2}, "p-adult"}};
    EXPECT_EQ(storage::imported_rows(tx, "abc"), made) << "a household met twice is found by its first row";
    EXPECT_TRUE(storage::imported_rows(tx, "other").empty());
    storage::delete_import_batch(tx, "b1");
    EXPECT_FALSE(storage::find_import_batch(tx, "b1"));
    EXPECT_TRUE(storage::list_import_records(tx, "b1").empty());
    return {};
  });
}

TEST_P(ImportsContract, SnilsIsStoredFoundAndUnique) {
  must(db(), [](Tx& tx) -> util::Status {
    auto adult = *storage::find_person(tx, "p-adult");
    EXPECT_EQ(adult.snils, std::nullopt);
    adult.snils = "11223344595";
    EXPECT_TRUE(storage::update_person(tx, adult, adult.version));
    EXPECT_EQ(storage::find_person_by_snils(tx, "11223344595")->id, "p-adult");
    EXPECT_EQ(storage::find_person_by_snils(tx, "99999999901"), std::nullopt);
    return {};
  });
  expect_conflict([](Tx& tx) {
    auto child = *storage::find_person(tx, "p-child");
    child.snils = "11223344595";
    storage::update_person(tx, child, child.version);
  });
}

TEST_P(ImportsContract, RestoreWritesVersionAndTimeAndDeleteRemovesTheTrail) {
  must(db(), [](Tx& tx) -> util::Status {
    auto before = *storage::find_household(tx, "h");
    auto changed = before;
    changed.phone = "+7 900 999-99-99";
    EXPECT_TRUE(storage::update_household(tx, changed, before.version));
    storage::restore_household(tx, before);
    const auto restored = *storage::find_household(tx, "h");
    EXPECT_EQ(restored.phone, before.phone);
    EXPECT_EQ(restored.version, before.version);
    EXPECT_EQ(restored.updated_at, before.updated_at);

    auto person = *storage::find_person(tx, "p-child");
    auto renamed = person;
    renamed.first_name = "Пелагея";
    EXPECT_TRUE(storage::update_person(tx, renamed, person.version));
    storage::restore_person(tx, person);
    EXPECT_EQ(storage::find_person(tx, "p-child")->first_name, person.first_name);
    EXPECT_EQ(storage::find_person(tx, "p-child")->version, person.version);

    EXPECT_GT(storage::household_references(tx, "h", {}), 0) << "its case and members";
    EXPECT_EQ(storage::person_references(tx, "p-child"), 1) << "the adult represents the child";
    auto adult = *storage::find_person(tx, "p-adult");
    adult.represents.clear();
    EXPECT_TRUE(storage::update_person(tx, adult, adult.version));
    EXPECT_EQ(storage::person_references(tx, "p-child"), 0);
    const auto terms_of_child = [&tx] {
      const auto hits = storage::scan_search_terms(tx, "", "/r/", 0, 1000);
      return std::count_if(hits.begin(), hits.end(), [](const auto& hit) { return hit.person_id == "p-child"; });
    };
    EXPECT_GT(terms_of_child(), 0);
    storage::replace_person_keys(tx, "p-child", {"n:x"});
    storage::delete_person(tx, person);
    EXPECT_FALSE(storage::find_person(tx, "p-child"));
    EXPECT_EQ(terms_of_child(), 0);
    return {};
  });
}

TEST_P(ImportsContract, ACaseCountsWhatIsRecordedOnItAndIsDeletedWithItsHistory) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::upsert_case_member(tx, {"k", "lead", "lead", 4000});
    storage::insert_transition(tx, {"t1", "k", "", "signal", 4000, "2026-03-01", "head", "case.opened", ""});
    EXPECT_EQ(storage::case_references(tx, "k"), 0) << "its lead and its own history are part of it";
    EXPECT_EQ(storage::household_references(tx, "h", {"p-adult", "p-child"}), 1) << "the case";
    EXPECT_EQ(storage::household_references(tx, "h", {"p-adult", "p-child"}, {"k"}), 0) << "the batch's own case";
    storage::upsert_case_member(tx, {"k", "head", "expert", 4100});
    EXPECT_EQ(storage::case_references(tx, "k"), 1) << "a team member added later";
    storage::delete_case(tx, "k");
    EXPECT_FALSE(storage::find_case(tx, "k"));
    EXPECT_TRUE(storage::list_transitions(tx, "k").empty());
    EXPECT_TRUE(storage::list_case_members(tx, "k").empty());
    EXPECT_EQ(storage::household_references(tx, "h", {"p-adult", "p-child"}), 0);
    return {};
  });
}

PATRONAGE_CONTRACT_BACKENDS(ImportsContract);

} // namespace
} // namespace patronage::testing
