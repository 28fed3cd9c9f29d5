// The visits report's counters (storage/visit_day_counts.hpp, issue 16) on both backends: after every kind of
// visit write, after a bulk load and after migration 19 on visits stored before it, storage::visit_counts equals
// the scan of the visits it replaced (support/visit_counts_oracle.hpp).
#include <soci/soci.h>

#include "storage/bulk.hpp"
#include "storage/reports.hpp"
#include "storage/storage_contract.hpp"
#include "storage/visit_day_counts.hpp"
#include "storage/visits.hpp"
#include "support/visit_counts_oracle.hpp"

namespace patronage::testing {
namespace {

using storage::Tx;

// Beside the seeded department "d" (/r/d/, case "k"): a department "e" of the same region with the case "ke",
// an empty department "x", and another region "o" with the case "ko" that no scope under /r/ may count.
class VisitDayCountsContract : public RepositoryContract {
protected:
  void SetUp() override {
    RepositoryContract::SetUp();
    must(db(), [](Tx& tx) -> util::Status {
      storage::insert_unit(tx, {"e", std::string("r"), "Department E", "department", "/r/e/", 1000});
      storage::insert_unit(tx, {"x", std::string("r"), "Department X", "department", "/r/x/", 1000});
      storage::insert_unit(tx, {"o", std::nullopt, "Other region", "region", "/o/", 1000});
      for (const auto& [kase, unit] : {std::pair{"ke", "e"}, std::pair{"ko", "o"}}) {
        storage::HouseholdRecord household;
        household.id = std::string("h-") + kase;
        household.unit_id = unit;
        household.address = "ул. Садовая, 1";
        household.created_by = "head";
        storage::insert_household(tx, household);
        auto record = case_of(kase, household.id);
        record.unit_id = unit;
        storage::insert_case(tx, record);
      }
      return {};
    });
  }

  static storage::VisitRecord visit(const std::string& id, const std::string& case_id, const std::string& planned_on,
                                    const std::string& kind = "home") {
    storage::VisitRecord v;
    v.id = id;
    v.case_id = case_id;
    v.planned_on = planned_on;
    v.kind = kind;
    v.participants = {"lead"};
    v.created_by = "lead";
    return v;
  }

  // Compares in a transaction of its own, over March 2026 and a few of its days besides the oracle's own periods.
  int expect_match(const std::string& what) {
    int compared = 0;
    must(db(), [&](Tx& tx) -> util::Status {
      compared = expect_visit_counts_match_scan(tx, what,
                                                {{"2026-03-01", "2026-03-31"},
                                                 {"2026-03-10", "2026-03-10"},
                                                 {"2026-03-11", "2026-03-20"},
                                                 {"2026-03-31", "2026-04-01"},
                                                 {"2025-01-01", "2025-12-31"}});
      return {};
    });
    return compared;
  }

  std::vector<storage::VisitCounts> counts(const std::string& path, const std::string& from, const std::string& to) {
    std::vector<storage::VisitCounts> out;
    must(db(), [&](Tx& tx) -> util::Status {
      out = storage::visit_counts(tx, {path, from, to});
      return {};
    });
    return out;
  }

  long long buckets() {
    long long n = -1;
    must(db(), [&](Tx& tx) -> util::Status {
      tx.sql() << "SELECT COUNT(*) FROM visit_day_counts", soci::into(n);
      return {};
    });
    return n;
  }

  // Changes the stored visit `id` with `change` through update_visit, at its current version.
  template <typename Change> void edit(const std::string& id, Change&& change) {
    must(db(), [&](Tx& tx) -> util::Status {
      auto stored = storage::find_visit(tx, id);
      EXPECT_TRUE(stored) << id;
      if (stored) {
        change(*stored);
        EXPECT_TRUE(storage::update_visit(tx, *stored, stored->version)) << id;
      }
      return {};
    });
  }
};

TEST_P(VisitDayCountsContract, EveryVisitWriteKeepsTheCountersEqualToTheScan) {
  EXPECT_EQ(expect_match("no visits"), 0);
  EXPECT_EQ(buckets(), 0);

  // Planned, made (on the day, late, early), missed, in three units, on the first and last day of March.
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_visit(tx, visit("v1", "k", "2026-03-01"));
    auto made = visit("v2", "k", "2026-03-10");
    made.actual_on = "2026-03-10";
    storage::insert_visit(tx, made);
    auto late = visit("v3", "k", "2026-03-10");
    late.actual_on = "2026-03-12";
    storage::insert_visit(tx, late);
    auto early = visit("v4", "ke", "2026-03-31", "phone");
    early.actual_on = "2026-03-30";
    storage::insert_visit(tx, early);
    auto missed = visit("v5", "ke", "2026-03-31", "office");
    missed.missed_reason = "Семья не открыла дверь";
    storage::insert_visit(tx, missed);
    auto elsewhere = visit("v6", "ko", "2026-03-10");
    elsewhere.actual_on = "2026-03-10";
    storage::insert_visit(tx, elsewhere);
    return {};
  });
  EXPECT_GT(expect_match("inserted"), 10);
  using Counts = std::vector<storage::VisitCounts>;
  EXPECT_EQ(counts("/r/", "2026-03-01", "2026-03-31"),
            (Counts{{"home", 3, 2, 0, 1}, {"office", 1, 0, 1, 0}, {"phone", 1, 1, 0, 1}}));
  EXPECT_EQ(counts("/r/d/", "2026-03-10", "2026-03-10"), (Counts{{"home", 2, 2, 0, 1}}));
  EXPECT_EQ(counts("/r/x/", "2026-01-01", "2026-12-31"), Counts{});
  EXPECT_EQ(buckets(), 5);

  // Recording a planned visit, late.
  edit("v1", [](storage::VisitRecord& v) { v.actual_on = "2026-03-02"; });
  expect_match("v1 recorded late");
  // Marking one missed: its actual date goes, the reason comes.
  edit("v2", [](storage::VisitRecord& v) {
    v.actual_on.reset();
    v.missed_reason = "Болезнь";
  });
  expect_match("v2 missed");
  // A missed visit made after all: the reason stays, and it counts as made, not missed.
  edit("v5", [](storage::VisitRecord& v) { v.actual_on = "2026-03-31"; });
  expect_match("v5 made with a missed reason");
  // The actual date moved after the planned one: no longer on time.
  edit("v4", [](storage::VisitRecord& v) { v.actual_on = "2026-04-02"; });
  expect_match("v4 late");
  // The kind changed: the visit moves to another bucket of the same day.
  edit("v3", [](storage::VisitRecord& v) { v.kind = "joint_event"; });
  expect_match("v3 kind");
  // The planned day moved out of the month, and back to its last day: the emptied bucket goes.
  edit("v1", [](storage::VisitRecord& v) { v.planned_on = "2026-04-01"; });
  expect_match("v1 moved to April");
  EXPECT_EQ(counts("/r/d/", "2026-03-01", "2026-03-01"), Counts{});
  edit("v1", [](storage::VisitRecord& v) { v.planned_on = "2026-03-31"; });
  expect_match("v1 moved to March 31");
  // Nothing counted changes: the counters stay.
  edit("v6", [](storage::VisitRecord& v) { v.purpose = "Другая цель"; });
  EXPECT_GT(expect_match("v6 purpose"), 10);
  EXPECT_EQ(counts("/", "2026-03-31", "2026-03-31"),
            (Counts{{"home", 1, 1, 0, 1}, {"office", 1, 1, 0, 1}, {"phone", 1, 1, 0, 0}}));
}

TEST_P(VisitDayCountsContract, AStaleVersionChangesNoCounter) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_visit(tx, visit("v1", "k", "2026-03-10"));
    auto changed = visit("v1", "k", "2026-03-20", "phone");
    changed.actual_on = "2026-03-20";
    EXPECT_FALSE(storage::update_visit(tx, changed, 2));
    EXPECT_FALSE(storage::update_visit(tx, visit("ghost", "k", "2026-03-20"), 1));
    return {};
  });
  expect_match("stale version");
  EXPECT_EQ(counts("/r/", "2026-03-01", "2026-03-31"), (std::vector<storage::VisitCounts>{{"home", 1, 0, 0, 0}}));
}

TEST_P(VisitDayCountsContract, ARolledBackWriteLeavesNoCounter) {
  auto failed = db().transact([](Tx& tx) -> util::Status {
    storage::insert_visit(tx, visit("v1", "k", "2026-03-10"));
    return util::fail(util::Error::conflict("test.rolled_back"));
  });
  EXPECT_FALSE(failed);
  EXPECT_EQ(buckets(), 0);
}

TEST_P(VisitDayCountsContract, ABulkLoadOfVisitsRebuildsTheCounters) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_visit(tx, visit("v0", "ke", "2026-03-05"));
    auto loader = storage::bulk::Loader::within(tx, {.batch_rows = 2});
    auto& visits = loader->table("visits");
    int n = 0;
    for (const auto* kase : {"k", "ke", "ko"}) {
      for (const auto* day : {"2026-03-01", "2026-03-10", "2026-03-31"}) {
        const std::string id = "b" + std::to_string(++n);
        const bool made = n % 3 != 0;
        const bool missed = n % 3 == 0 && n % 2 == 0;
        visits.add({id, kase, day, made ? storage::bulk::Value{n % 2 == 0 ? "2026-03-15" : day} : storage::bulk::Null{},
                    n % 4 == 0 ? "office" : "home", "lead", "", "", "", 0LL, 0LL, "", "", "", 0LL,
                    missed ? storage::bulk::Value{"Уехали"} : storage::bulk::Null{}, "lead", 0LL, 0LL, 1LL});
      }
    }
    EXPECT_TRUE(loader->finish());
    return {};
  });
  EXPECT_GT(expect_match("bulk load"), 10);
}

// Migration 19 on a database whose visits were stored before it: the version and the table are taken away, the
// visits written straight into `visits`, and migrate() applies 19 again.
TEST_P(VisitDayCountsContract, TheMigrationCountsTheVisitsStoredBeforeIt) {
  must(db(), [](Tx& tx) -> util::Status {
    tx.sql() << "DROP TABLE visit_day_counts";
    tx.sql() << "DELETE FROM schema_migrations WHERE version = 19";
    int n = 0;
    for (const auto* kase : {"k", "ke", "ko"}) {
      for (const auto* day : {"2026-02-28", "2026-03-01", "2026-03-10", "2026-03-31"}) {
        for (const auto* kind : {"home", "phone"}) {
          const std::string id = "m" + std::to_string(++n);
          const std::string actual = n % 3 == 0 ? "NULL" : n % 2 == 0 ? "'2026-03-05'" : std::string("'") + day + "'";
          const std::string missed = n % 3 == 0 && n % 2 == 0 ? "'Уехали'" : "NULL";
          tx.sql() << "INSERT INTO visits (id, case_id, planned_on, actual_on, kind, participants, purpose, home, "
                      "relations, child_safety_checked, child_safety_concern, child_safety_note, actions, next_step, "
                      "closing, missed_reason, created_by, created_at, updated_at, version) VALUES ('" +
                          id + "', '" + kase + "', '" + day + "', " + actual + ", '" + kind +
                          "', 'lead', '', '', '', 0, 0, '', '', '', 0, " + missed + ", 'lead', 0, 0, 1)";
        }
      }
    }
    return {};
  });
  const auto applied = db().migrate();
  ASSERT_TRUE(applied) << applied.error().key;
  EXPECT_EQ(*applied, 1);
  EXPECT_GT(expect_match("migrated"), 10);
  // And the writes keep them from there.
  edit("m1", [](storage::VisitRecord& v) { v.planned_on = "2026-03-11"; });
  edit("m2", [](storage::VisitRecord& v) { v.actual_on.reset(); });
  expect_match("edited after the migration");
}

PATRONAGE_CONTRACT_BACKENDS(VisitDayCountsContract);

} // namespace
} // namespace patronage::testing
