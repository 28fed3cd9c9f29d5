// Signals (storage/signals.hpp), service catalogue and deliveries (storage/aid.hpp), change history
// (storage/history.hpp) and idempotency keys (storage/idempotency.hpp) on both backends.
#include "storage/aid.hpp"
#include "storage/history.hpp"
#include "storage/idempotency.hpp"
#include "storage/signals.hpp"
#include "storage/storage_contract.hpp"

namespace patronage::testing {
namespace {

using storage::Tx;
using SignalsContract = RepositoryContract;
using AidContract = RepositoryContract;
using HistoryContract = RepositoryContract;
using IdempotencyContract = RepositoryContract;

storage::SignalRecord signal(const std::string& id, long long deadline_at, const std::string& unit_id = "d") {
  storage::SignalRecord s;
  s.id = id;
  s.unit_id = unit_id;
  s.received_at = 1000;
  s.source = "school";
  s.source_details = "Школа № 7";
  s.reported = "Ребёнок не посещает занятия";
  s.address = "г. Энск, ул. Ленина, д. 12";
  s.persons = {{"Смирнов", "Артём", "", std::string("2014-09-02")}, {"Смирнова", "Татьяна", "", std::nullopt}};
  s.urgency = "urgent";
  s.deadline_at = deadline_at;
  s.created_by = "lead";
  s.created_at = 1000;
  return s;
}

TEST_P(SignalsContract, SignalRoundTripWithPersons) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_signal(tx, signal("s1", 5000));
    const auto found = storage::find_signal(tx, "s1");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->unit_path, "/r/d/");
      EXPECT_EQ(found->persons.size(), 2U);
      if (found->persons.size() == 2) {
        EXPECT_EQ(found->persons[0].birth_date, std::optional<std::string>("2014-09-02"));
        EXPECT_FALSE(found->persons[1].birth_date);
      }
      EXPECT_FALSE(found->triaged_at);
      EXPECT_FALSE(found->case_id);
    }
    EXPECT_FALSE(storage::find_signal(tx, "ghost"));
    return {};
  });
  expect_conflict([](Tx& tx) { storage::insert_signal(tx, signal("s2", 5000, "ghost")); });
}

TEST_P(SignalsContract, TriageOnceThenListedWithItsCase) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_signal(tx, signal("s1", 9000));
    storage::insert_signal(tx, signal("s2", 5000));
    auto open = storage::list_open_signals(tx, "/r/", 10);
    EXPECT_EQ(open.size(), 2U);
    if (open.size() == 2) {
      EXPECT_EQ(open[0].id, "s2") << "nearest deadline first";
    }
    auto triaged = *storage::find_signal(tx, "s1");
    triaged.triage_outcome = "open_case";
    triaged.triage_reason = "Основания есть";
    triaged.triaged_at = 2000;
    triaged.triaged_by = "lead";
    triaged.household_id = "h";
    triaged.case_id = "k";
    EXPECT_TRUE(storage::record_triage(tx, triaged));
    EXPECT_FALSE(storage::record_triage(tx, triaged)) << "someone triaged it first";
    EXPECT_EQ(storage::list_open_signals(tx, "/r/", 10).size(), 1U);
    const auto of_case = storage::list_signals_of_case(tx, "k");
    EXPECT_EQ(of_case.size(), 1U);
    if (!of_case.empty()) {
      EXPECT_EQ(of_case[0].triage_outcome, std::optional<std::string>("open_case"));
      EXPECT_EQ(of_case[0].triaged_by, std::optional<std::string>("lead"));
    }
    EXPECT_TRUE(storage::list_open_signals(tx, "/s/", 10).empty());
    return {};
  });
}

TEST_P(AidContract, CatalogueSeededAppendedAndVersioned) {
  must(db(), [](Tx& tx) -> util::Status {
    const auto seeded = storage::list_catalogue(tx);
    EXPECT_FALSE(seeded.empty()) << "the migrations seed the catalogue";
    storage::insert_catalogue_entry(tx, {"taxi", "urgent", "trip", "Такси", "Taxi", true, 0, 5000, 1});
    const auto all = storage::list_catalogue(tx);
    EXPECT_EQ(all.size(), seeded.size() + 1);
    EXPECT_EQ(all.back().code, "taxi") << "appended after the last one";
    auto entry = *storage::find_catalogue_entry(tx, "taxi");
    entry.active = false;
    EXPECT_TRUE(storage::update_catalogue_entry(tx, entry, 1));
    EXPECT_FALSE(storage::update_catalogue_entry(tx, entry, 1));
    const auto found = storage::find_catalogue_entry(tx, "taxi");
    EXPECT_FALSE(found->active);
    EXPECT_EQ(found->version, 2);
    EXPECT_FALSE(storage::find_catalogue_entry(tx, "ghost"));
    return {};
  });
  expect_conflict(
      [](Tx& tx) { storage::insert_catalogue_entry(tx, {"food_sets", "ordinary", "set", "", "", true, 0, 5000, 1}); });
}

TEST_P(AidContract, DeliveriesLatestFirst) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_delivery(tx, {"dl1", "k", "food_sets", "2026-03-01", 2, "set", "ЦСО", 300000, "lead", 5000});
    storage::insert_delivery(tx, {"dl2", "k", "consultation", "2026-03-05", 1, "session", "Психолог", std::nullopt,
                                  "lead", 5001});
    const auto all = storage::list_deliveries(tx, "k");
    EXPECT_EQ(all.size(), 2U);
    if (all.size() == 2) {
      EXPECT_EQ(all[0].id, "dl2");
      EXPECT_FALSE(all[0].cost);
      EXPECT_EQ(all[1].cost, std::optional<long long>(300000));
    }
    EXPECT_TRUE(storage::list_deliveries(tx, "ghost").empty());
    return {};
  });
  expect_conflict([](Tx& tx) {
    storage::insert_delivery(tx, {"dl3", "ghost", "food_sets", "2026-03-01", 1, "set", "", std::nullopt, "lead", 5000});
  });
}

TEST_P(HistoryContract, RoundTripDropsSensitiveValues) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_history(tx, {"hi1", "household", "h", 5000, "lead", {{"address", "старый", "новый", false}}});
    storage::insert_history(tx, {"hi2", "person", "p-adult", 5001, "lead",
                                 {{"health", std::string("астма"), std::string("нет"), true},
                                  {"phone", std::nullopt, std::string("+7"), false}}});
    const auto of_person = storage::list_history(tx, "person", "p-adult");
    EXPECT_EQ(of_person.size(), 1U);
    if (!of_person.empty()) {
      const auto& changes = of_person[0].changes;
      EXPECT_EQ(changes.size(), 2U);
      if (changes.size() == 2) {
        EXPECT_TRUE(changes[0].sensitive);
        EXPECT_FALSE(changes[0].old_value) << "a sensitive field keeps only its name";
        EXPECT_FALSE(changes[0].new_value);
        EXPECT_FALSE(changes[1].old_value);
        EXPECT_EQ(changes[1].new_value, std::optional<std::string>("+7"));
      }
    }
    const auto of_household = storage::list_household_history(tx, "h");
    EXPECT_EQ(of_household.size(), 2U) << "the household's rows and its members'";
    if (of_household.size() == 2) {
      EXPECT_EQ(of_household[0].id, "hi1") << "oldest first";
    }
    EXPECT_TRUE(storage::list_history(tx, "visit", "ghost").empty());
    return {};
  });
  expect_conflict([](Tx& tx) { storage::insert_history(tx, {"hi1", "household", "h", 5000, "lead", {}}); });
}

storage::IdempotencyRecord key(const std::string& request_id, long long created_at = 5000) {
  storage::IdempotencyRecord r;
  r.user_id = "lead";
  r.key = "key-1";
  r.request_hash = "hash";
  r.request_id = request_id;
  r.entity = "visit";
  r.entity_id = "v1";
  r.created_at = created_at;
  return r;
}

TEST_P(IdempotencyContract, InsertStoreAnswerAndFind) {
  must(db(), [](Tx& tx) -> util::Status {
    EXPECT_FALSE(storage::find_idempotency(tx, "lead", "key-1"));
    storage::insert_idempotency(tx, key("req-1"));
    EXPECT_FALSE(storage::store_idempotency_answer(tx, "lead", "key-1", "req-other", 201, "application/json", "{}"))
        << "only the request that inserted the row stores its answer";
    EXPECT_TRUE(storage::store_idempotency_answer(tx, "lead", "key-1", "req-1", 201, "application/json", R"({"a":1})"));
    const auto found = storage::find_idempotency(tx, "lead", "key-1");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->status, 201);
      EXPECT_EQ(found->body, R"({"a":1})");
      EXPECT_EQ(found->entity_id, "v1");
    }
    EXPECT_FALSE(storage::find_idempotency(tx, "head", "key-1")) << "keys are per user";
    return {};
  });
  expect_conflict([](Tx& tx) {
    storage::insert_idempotency(tx, key("req-2"));
    storage::insert_idempotency(tx, key("req-3"));
  });
}

TEST_P(IdempotencyContract, DeleteForgetAndPurge) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_idempotency(tx, key("req-1"));
    storage::delete_idempotency(tx, "lead", "key-1", "req-other");
    EXPECT_TRUE(storage::find_idempotency(tx, "lead", "key-1")) << "another request deletes nothing";
    EXPECT_TRUE(storage::store_idempotency_answer(tx, "lead", "key-1", "req-1", 200, "application/json", "{}"));
    storage::forget_idempotency_answers(tx);
    const auto forgotten = storage::find_idempotency(tx, "lead", "key-1");
    EXPECT_TRUE(forgotten);
    if (forgotten) {
      EXPECT_EQ(forgotten->status, 0);
      EXPECT_EQ(forgotten->body, "");
    }
    storage::purge_idempotency(tx, 5001);
    EXPECT_FALSE(storage::find_idempotency(tx, "lead", "key-1"));
    storage::insert_idempotency(tx, key("req-2"));
    storage::delete_idempotency(tx, "lead", "key-1", "req-2");
    EXPECT_FALSE(storage::find_idempotency(tx, "lead", "key-1"));
    return {};
  });
}

PATRONAGE_CONTRACT_BACKENDS(SignalsContract);
PATRONAGE_CONTRACT_BACKENDS(AidContract);
PATRONAGE_CONTRACT_BACKENDS(HistoryContract);
PATRONAGE_CONTRACT_BACKENDS(IdempotencyContract);

} // namespace
} // namespace patronage::testing
