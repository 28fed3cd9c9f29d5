// The services report's counters (storage/delivery_day_counts.hpp, issue 16) on both backends: after deliveries are
// stored, after a bulk load and after migration 23 on deliveries stored before it, storage::delivery_totals equals
// the scan of the deliveries it replaced (support/report_oracles.hpp).
#include <tuple>

#include <soci/soci.h>

#include "storage/aid.hpp"
#include "storage/bulk.hpp"
#include "storage/delivery_day_counts.hpp"
#include "storage/reports.hpp"
#include "storage/storage_contract.hpp"
#include "support/report_oracles.hpp"

namespace patronage::testing {
namespace {

using storage::Tx;

// Beside the seeded department "d" (/r/d/, case "k" of household "h"): a second case "k2" of the same household in
// "d", a department "e" of the same region with the case "ke" of household "h-e", a second case "ke2" of household
// "h" in "e" (one family counted once across units), an empty department "x", and another region "o" with the case
// "ko" that no scope under /r/ may count.
class DeliveryDayCountsContract : public RepositoryContract {
protected:
  void SetUp() override {
    RepositoryContract::SetUp();
    must(db(), [](Tx& tx) -> util::Status {
      storage::insert_unit(tx, {"e", std::string("r"), "Department E", "department", "/r/e/", 1000});
      storage::insert_unit(tx, {"x", std::string("r"), "Department X", "department", "/r/x/", 1000});
      storage::insert_unit(tx, {"o", std::nullopt, "Other region", "region", "/o/", 1000});
      for (const auto& [household_id, unit] : {std::pair{"h-e", "e"}, std::pair{"h-o", "o"}}) {
        storage::HouseholdRecord household;
        household.id = household_id;
        household.unit_id = unit;
        household.address = "ул. Садовая, 1";
        household.created_by = "head";
        storage::insert_household(tx, household);
      }
      for (const auto& [kase, household_id, unit] :
           {std::tuple{"k2", "h", "d"}, std::tuple{"ke", "h-e", "e"}, std::tuple{"ke2", "h", "e"},
            std::tuple{"ko", "h-o", "o"}}) {
        auto record = case_of(kase, household_id);
        record.unit_id = unit;
        storage::insert_case(tx, record);
      }
      return {};
    });
  }

  static storage::DeliveryRecord delivery(const std::string& id, const std::string& case_id, const std::string& on,
                                          const std::string& service = "food_sets", long long quantity = 1,
                                          std::optional<long long> cost = std::nullopt) {
    return {id, case_id, service, on, quantity, service == "food_sets" ? "set" : "session", "ЦСО", cost, "lead", 5000};
  }

  // Compares in a transaction of its own, over March 2026 and a few of its days besides the oracle's own periods.
  int expect_match(const std::string& what) {
    int compared = 0;
    must(db(), [&](Tx& tx) -> util::Status {
      compared = expect_delivery_totals_match_scan(tx, what,
                                                   {{"2026-03-01", "2026-03-31"},
                                                    {"2026-03-10", "2026-03-10"},
                                                    {"2026-03-11", "2026-03-20"},
                                                    {"2026-03-31", "2026-04-01"},
                                                    {"2025-01-01", "2025-12-31"}});
      return {};
    });
    return compared;
  }

  std::vector<storage::DeliveryTotals> totals(const std::string& path, const std::string& from, const std::string& to) {
    std::vector<storage::DeliveryTotals> out;
    must(db(), [&](Tx& tx) -> util::Status {
      out = storage::delivery_totals(tx, {path, from, to});
      return {};
    });
    return out;
  }

  long long buckets() {
    long long n = -1;
    must(db(), [&](Tx& tx) -> util::Status {
      tx.sql() << "SELECT COUNT(*) FROM delivery_day_counts", soci::into(n);
      return {};
    });
    return n;
  }
};

using Totals = std::vector<storage::DeliveryTotals>;

TEST_P(DeliveryDayCountsContract, EveryDeliveryKeepsTheCountersEqualToTheScan) {
  EXPECT_EQ(expect_match("no deliveries"), 0);
  EXPECT_EQ(buckets(), 0);

  must(db(), [](Tx& tx) -> util::Status {
    // Two on the same day to the same household and service, one costed: one bucket.
    storage::insert_delivery(tx, delivery("d1", "k", "2026-03-10", "food_sets", 2, 150000));
    storage::insert_delivery(tx, delivery("d2", "k", "2026-03-10", "food_sets", 1));
    // The same household's other case in the same unit, and in another unit, the same day.
    storage::insert_delivery(tx, delivery("d3", "k2", "2026-03-10", "food_sets", 3, 50000));
    storage::insert_delivery(tx, delivery("d4", "ke2", "2026-03-10", "food_sets", 1, 0));
    // Another household, another service, the first and the last day of March.
    storage::insert_delivery(tx, delivery("d5", "ke", "2026-03-01", "consultation"));
    storage::insert_delivery(tx, delivery("d6", "ke", "2026-03-31", "consultation"));
    // The same service in a unit of the same day but in kilograms: a row of its own.
    auto kilos = delivery("d7", "ke", "2026-03-31", "food_sets", 12, 90000);
    kilos.unit = "kg";
    storage::insert_delivery(tx, kilos);
    // Another region.
    storage::insert_delivery(tx, delivery("d8", "ko", "2026-03-10", "food_sets", 5, 10000));
    return {};
  });
  EXPECT_GT(expect_match("inserted"), 10);
  EXPECT_EQ(totals("/r/", "2026-03-01", "2026-03-31"),
            (Totals{{"consultation", "session", 2, 1, 2, 0, 0},
                    {"food_sets", "kg", 1, 1, 12, 90000, 1},
                    {"food_sets", "set", 4, 1, 7, 200000, 3}}));
  EXPECT_EQ(totals("/r/e/", "2026-03-02", "2026-03-30"), (Totals{{"food_sets", "set", 1, 1, 1, 0, 1}}));
  EXPECT_EQ(totals("/r/x/", "2026-01-01", "2026-12-31"), Totals{});
  EXPECT_EQ(totals("/", "2026-03-10", "2026-03-10"), (Totals{{"food_sets", "set", 5, 2, 12, 210000, 4}}));
  // d1, d2 and d3 (one household, unit, day and service) share a bucket; d4, d5, d6, d7 and d8 each have one.
  EXPECT_EQ(buckets(), 6);

  // One more, later: the counters follow.
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_delivery(tx, delivery("d9", "k", "2026-03-31", "consultation", 1, 70000));
    return {};
  });
  EXPECT_GT(expect_match("one more"), 10);
}

TEST_P(DeliveryDayCountsContract, ARolledBackDeliveryLeavesNoCounter) {
  auto failed = db().transact([](Tx& tx) -> util::Status {
    storage::insert_delivery(tx, delivery("d1", "k", "2026-03-10"));
    return util::fail(util::Error::conflict("test.rolled_back"));
  });
  EXPECT_FALSE(failed);
  EXPECT_EQ(buckets(), 0);
}

TEST_P(DeliveryDayCountsContract, ABulkLoadOfDeliveriesRebuildsTheCounters) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_delivery(tx, delivery("d0", "ke", "2026-03-05"));
    auto loader = storage::bulk::Loader::within(tx, {.batch_rows = 2});
    auto& deliveries = loader->table("service_deliveries");
    int n = 0;
    for (const auto* kase : {"k", "k2", "ke", "ke2", "ko"}) {
      for (const auto* day : {"2026-03-01", "2026-03-10", "2026-03-31"}) {
        ++n;
        const bool costed = n % 3 != 0;
        deliveries.add({"b" + std::to_string(n), kase, n % 2 == 0 ? "food_sets" : "consultation", day,
                        static_cast<long long>(n), n % 2 == 0 ? "set" : "session", "ЦСО",
                        costed ? storage::bulk::Value{n * 1000LL} : storage::bulk::Null{}, "lead", 5000LL});
      }
    }
    EXPECT_TRUE(loader->finish());
    return {};
  });
  EXPECT_GT(expect_match("bulk load"), 10);
}

// Migration 23 on a database whose deliveries were stored before it: the version, the table and the migration's
// indexes are taken away (the indexes it drops put back), the deliveries written straight into
// `service_deliveries`, and migrate() applies 23 again.
TEST_P(DeliveryDayCountsContract, TheMigrationCountsTheDeliveriesStoredBeforeIt) {
  must(db(), [](Tx& tx) -> util::Status {
    tx.sql() << "DROP TABLE delivery_day_counts";
    for (const auto* index : {"plan_measures_due_report", "plans_current", "cases_report", "plans_case_current",
                              "plan_measures_plan_type", "referrals_sent_report", "referral_history_answer"}) {
      tx.sql() << std::string("DROP INDEX ") + index;
    }
    tx.sql() << "CREATE INDEX plan_measures_due_on ON plan_measures(due_on)";
    tx.sql() << "CREATE INDEX referrals_sent ON referrals(sent_on)";
    tx.sql() << "DELETE FROM schema_migrations WHERE version = 23";
    int n = 0;
    for (const auto* kase : {"k", "k2", "ke", "ke2", "ko"}) {
      for (const auto* day : {"2026-02-28", "2026-03-01", "2026-03-10", "2026-03-31"}) {
        for (const auto* service : {"food_sets", "consultation"}) {
          ++n;
          const std::string cost = n % 3 == 0 ? "NULL" : std::to_string(n * 100);
          tx.sql() << "INSERT INTO service_deliveries (id, case_id, service_code, delivered_on, quantity, unit, "
                      "provider, cost, created_by, created_at) VALUES ('m" +
                          std::to_string(n) + "', '" + kase + "', '" + service + "', '" + day + "', " +
                          std::to_string(n) + ", 'set', 'ЦСО', " + cost + ", 'lead', 0)";
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
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_delivery(tx, delivery("after", "ke2", "2026-03-10", "food_sets", 4, 1000));
    return {};
  });
  expect_match("a delivery after the migration");
}

PATRONAGE_CONTRACT_BACKENDS(DeliveryDayCountsContract);

} // namespace
} // namespace patronage::testing
