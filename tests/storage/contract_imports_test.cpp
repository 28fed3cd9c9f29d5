// Import batches and their records, the СНИЛС column, and the undo helpers (storage/imports.hpp) on both backends.
#include <algorithm>
#include <set>

#include "storage/case_records.hpp"
#include "storage/cases.hpp"
#include "storage/history.hpp"
#include "storage/imports.hpp"
#include "storage/search.hpp"
#include "storage/signals.hpp"
#include "storage/storage_contract.hpp"
#include "storage/visits.hpp"

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

    const auto terms_of_child = [&tx] {
      const auto hits = storage::scan_search_terms(tx, "", "/r/", 0, 1000);
      return std::count_if(hits.begin(), hits.end(), [](const auto& hit) { return hit.person_id == "p-child"; });
    };
    EXPECT_GT(terms_of_child(), 0);
    storage::replace_person_keys(tx, "p-child", {"n:x"});
    storage::delete_person(tx, "h", "p-child");
    EXPECT_FALSE(storage::find_person(tx, "p-child"));
    EXPECT_EQ(terms_of_child(), 0);
    return {};
  });
}

using Referenced = std::set<storage::RecordKey>;

void record(Tx& tx, const std::string& batch, const std::string& entity, const std::string& id,
            const std::string& action = "created") {
  if (!storage::find_import_batch(tx, batch)) {
    storage::insert_import_batch(tx, {batch, "abc", "file.csv", "cli", "anna", 1000});
  }
  storage::insert_import_record(tx, {batch, entity, id, 2, action, "", 1});
}

TEST_P(ImportsContract, ABatchsPersonsAreReferencedByConsentsVisitNotesSensitiveFieldsAndRepresentation) {
  must(db(), [](Tx& tx) -> util::Status {
    for (const auto* id : {"p-signer", "p-noted", "p-sensitive", "p-free"}) {
      storage::insert_person(tx, person(id, "h", "child", "2019-05-01"));
      record(tx, "b1", "person", id);
    }
    record(tx, "b1", "person", "p-child");
    record(tx, "b1", "person", "p-adult", "updated");
    storage::insert_consent(tx, {"c1", "k", "p-signer", {}, domain::ConsentScope::patronage, "2026-03-02",
                                 std::nullopt, std::nullopt, std::nullopt, "lead", 5000});
    storage::insert_consent(tx, {"c2", "k", "p-adult", {}, domain::ConsentScope::patronage, "2026-03-02",
                                 std::nullopt, std::nullopt, std::nullopt, "lead", 5000});
    storage::VisitRecord visit;
    visit.id = "v1";
    visit.case_id = "k";
    visit.planned_on = "2026-03-10";
    visit.kind = "home";
    visit.children = {{"p-noted", "Здорова"}};
    visit.created_by = "lead";
    storage::insert_visit(tx, visit);
    storage::upsert_sensitive(tx, {"p-sensitive", "астма", "", "", "", 5000});
    // The adult represents the child; the adult's own consent does not count: the batch only updated her.
    const Referenced referenced{
        {"person", "p-child"}, {"person", "p-noted"}, {"person", "p-sensitive"}, {"person", "p-signer"}};
    EXPECT_EQ(storage::referenced_batch_records(tx, "b1"), referenced);
    EXPECT_TRUE(storage::referenced_batch_records(tx, "other").empty());
    return {};
  });
}

TEST_P(ImportsContract, ABatchsHouseholdIsReferencedBySignalsAndByCasesAndPersonsMadeOutsideIt) {
  must(db(), [](Tx& tx) -> util::Status {
    record(tx, "b1", "household", "h");
    record(tx, "b1", "person", "p-adult");
    record(tx, "b1", "person", "p-child");
    EXPECT_EQ(storage::referenced_batch_records(tx, "b1"), (Referenced{{"household", "h"}, {"person", "p-child"}}))
        << "its case made since; the adult represents the child";
    auto adult = *storage::find_person(tx, "p-adult");
    adult.represents.clear();
    EXPECT_TRUE(storage::update_person(tx, adult, adult.version));
    record(tx, "b1", "case", "k");
    EXPECT_TRUE(storage::referenced_batch_records(tx, "b1").empty()) << "the family alone refers to itself";

    record(tx, "b2", "household", "h");
    record(tx, "b2", "person", "p-adult", "updated");
    record(tx, "b2", "person", "p-child");
    record(tx, "b2", "case", "k");
    EXPECT_EQ(storage::referenced_batch_records(tx, "b2"), (Referenced{{"household", "h"}}))
        << "a member it did not create";

    storage::SignalRecord signal;
    signal.id = "s1";
    signal.unit_id = "d";
    signal.source = "school";
    signal.urgency = "urgent";
    signal.household_id = "h";
    signal.created_by = "lead";
    storage::insert_signal(tx, signal);
    EXPECT_EQ(storage::referenced_batch_records(tx, "b1"), (Referenced{{"household", "h"}})) << "a signal";
    record(tx, "b3", "household", "h", "updated");
    EXPECT_TRUE(storage::referenced_batch_records(tx, "b3").empty()) << "an updated household stays";
    return {};
  });
}

TEST_P(ImportsContract, ABatchsCaseIsReferencedByWhatIsRecordedOnItAndIsDeletedWithItsHistory) {
  must(db(), [](Tx& tx) -> util::Status {
    record(tx, "b1", "case", "k");
    storage::upsert_case_member(tx, {"k", "lead", "lead", 4000});
    storage::insert_transition(tx, {"t1", "k", "", "signal", 4000, "2026-03-01", "head", "case.opened", ""});
    EXPECT_TRUE(storage::referenced_batch_records(tx, "b1").empty()) << "its lead and its own history are part of it";
    storage::upsert_case_member(tx, {"k", "head", "expert", 4100});
    EXPECT_EQ(storage::referenced_batch_records(tx, "b1"), (Referenced{{"case", "k"}})) << "a member added later";
    storage::delete_case(tx, "k");
    EXPECT_FALSE(storage::find_case(tx, "k"));
    EXPECT_TRUE(storage::list_transitions(tx, "k").empty());
    EXPECT_TRUE(storage::list_case_members(tx, "k").empty());
    return {};
  });
  must(db(), [](Tx& tx) -> util::Status {
    for (const auto* id : {"k-document", "k-history", "k-followed", "k-quiet"}) {
      auto opened = case_of(id, "h");
      storage::insert_case(tx, opened);
      record(tx, "b2", "case", id);
    }
    storage::insert_document(tx, {"doc1", "k-document", "a.pdf", "application/pdf", 1, "x", "AA==", "lead", 5000});
    storage::insert_history(tx, {"ch1", "case", "k-history", 5000, "head", {{"override", "", "причина"}}});
    auto later = case_of("k-later", "h");
    later.previous_case_id = "k-followed";
    storage::insert_case(tx, later);
    const Referenced referenced{{"case", "k-document"}, {"case", "k-followed"}, {"case", "k-history"}};
    EXPECT_EQ(storage::referenced_batch_records(tx, "b2"), referenced);
    return {};
  });
}

PATRONAGE_CONTRACT_BACKENDS(ImportsContract);

} // namespace
} // namespace patronage::testing
