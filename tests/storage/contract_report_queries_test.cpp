// The households report's queries (issue 16) on both backends: after the writes that change what they count — cases,
// plans, their measures and supersession, a household's categories, deletes, bulk loads, migration 27 on cases
// stored before it — storage::households_by_category and storage::households_by_patronage_type, read from the stored
// facts of the cases (storage/case_report_facts.hpp), equal the SQL they replaced (support/report_oracles.hpp).
#include <tuple>

#include <soci/soci.h>

#include "storage/bulk.hpp"
#include "storage/case_due.hpp"
#include "storage/imports.hpp"
#include "storage/plans.hpp"
#include "storage/reports.hpp"
#include "storage/storage_contract.hpp"
#include "support/report_oracles.hpp"

namespace patronage::testing {
namespace {

using storage::Tx;
using Counts = std::vector<storage::CodeCount>;

const std::vector<std::string> k_categories{"large_family", "low_income", "single_parent", "addiction"};

// Beside the seeded department "d" (/r/d/, case "k" of household "h", large family and low income): a department "e"
// with the case "ke" of household "h-e" (single parent, low income) and a second case "ke2" of "h" (one family
// counted once across units), and another region "o" with the case "ko" that no scope under /r/ may count.
class ReportQueriesContract : public RepositoryContract {
protected:
  void SetUp() override {
    RepositoryContract::SetUp();
    must(db(), [](Tx& tx) -> util::Status {
      storage::insert_unit(tx, {"e", std::string("r"), "Department E", "department", "/r/e/", 1000});
      storage::insert_unit(tx, {"o", std::nullopt, "Other region", "region", "/o/", 1000});
      for (const auto& [household_id, unit, categories] :
           {std::tuple{"h-e", "e", std::vector<std::string>{"single_parent", "low_income"}},
            std::tuple{"h-o", "o", std::vector<std::string>{"low_income"}}}) {
        storage::HouseholdRecord household;
        household.id = household_id;
        household.unit_id = unit;
        household.address = "ул. Садовая, 1";
        household.categories = categories;
        household.created_by = "head";
        storage::insert_household(tx, household);
      }
      for (const auto& [kase, household_id, unit] :
           {std::tuple{"ke", "h-e", "e"}, std::tuple{"ke2", "h", "e"}, std::tuple{"ko", "h-o", "o"}}) {
        auto record = case_of(kase, household_id);
        record.unit_id = unit;
        storage::insert_case(tx, record);
      }
      return {};
    });
  }

  // Stores the plan `id` of `case_id` with one measure per patronage type of `types`.
  static void plan(Tx& tx, const std::string& id, const std::string& case_id, int number,
                   const std::vector<std::string>& types) {
    storage::PlanRecord p;
    p.id = id;
    p.case_id = case_id;
    p.number = number;
    p.period_from = "2026-03-01";
    p.period_to = "2026-08-31";
    p.review_on = "2026-06-01";
    p.term = "6m";
    p.goals = "[]";
    p.created_by = "lead";
    storage::insert_plan(tx, p);
    int ordinal = 0;
    for (const auto& type : types) {
      storage::insert_measure(tx, {id + "-" + std::to_string(ordinal), id, case_id, ordinal, "g1", type, "Встреча",
                                   "specialist", "lead", "2026-04-01", "planned", "", 0, "lead"});
      ++ordinal;
    }
  }

  int expect_match(const std::string& what) {
    int compared = 0;
    must(db(), [&](Tx& tx) -> util::Status {
      compared = expect_households_match_scan(tx, what, k_categories,
                                              {{"2026-03-01", "2026-03-31"}, {"2026-01-01", "2026-12-31"}});
      return {};
    });
    return compared;
  }

  Counts types(const std::string& path) {
    Counts out;
    must(db(), [&](Tx& tx) -> util::Status {
      out = storage::households_by_patronage_type(tx, {path, "2026-01-01", "2026-12-31"});
      return {};
    });
    return out;
  }

  Counts categories(const std::string& path) {
    Counts out;
    must(db(), [&](Tx& tx) -> util::Status {
      out = storage::households_by_category(tx, {path, "2026-01-01", "2026-12-31"}, k_categories);
      return {};
    });
    return out;
  }
};

TEST_P(ReportQueriesContract, PlansAndCategoriesAreCountedAsTheReplacedSqlCountsThem) {
  EXPECT_GT(expect_match("no plans"), 3);
  EXPECT_EQ(types("/r/"), Counts{});
  EXPECT_EQ(categories("/r/"), (Counts{{"large_family", 1}, {"low_income", 2}, {"single_parent", 1}}));

  // A plan per case; the family "h" has a plan in each of its two cases.
  must(db(), [](Tx& tx) -> util::Status {
    plan(tx, "pk1", "k", 1, {"psychological", "legal"});
    plan(tx, "pke", "ke", 1, {"economic", "legal"});
    plan(tx, "pke2", "ke2", 1, {"psychological"});
    plan(tx, "pko", "ko", 1, {"labour"});
    return {};
  });
  EXPECT_GT(expect_match("plans"), 6);
  EXPECT_EQ(types("/r/"), (Counts{{"economic", 1}, {"legal", 2}, {"psychological", 1}}));
  EXPECT_EQ(types("/r/d/"), (Counts{{"legal", 1}, {"psychological", 1}}));

  // A new version of k's plan supersedes the first: only the current one's measures count.
  must(db(), [](Tx& tx) -> util::Status {
    plan(tx, "pk2", "k", 2, {"household"});
    storage::set_plan_superseded(tx, "pk1", "pk2", 6000);
    return {};
  });
  EXPECT_GT(expect_match("superseded"), 6);
  EXPECT_EQ(types("/r/d/"), (Counts{{"household", 1}}));
  EXPECT_EQ(types("/"), (Counts{{"economic", 1}, {"household", 1}, {"labour", 1}, {"legal", 1}, {"psychological", 1}}));

  // The family's categories change, one listed twice.
  must(db(), [](Tx& tx) -> util::Status {
    auto household = storage::find_household(tx, "h");
    EXPECT_TRUE(household);
    if (household) {
      household->categories = {"addiction", "low_income", "addiction"};
      EXPECT_TRUE(storage::update_household(tx, *household, household->version));
    }
    return {};
  });
  EXPECT_GT(expect_match("categories changed"), 6);
  EXPECT_EQ(categories("/r/"), (Counts{{"addiction", 1}, {"low_income", 2}, {"single_parent", 1}}));
  EXPECT_EQ(categories("/r/x/"), Counts{});
}

// Writes outside the storage functions too (the triggers are the one place that keeps the facts): a measure's type
// and plan changed, a measure and a plan deleted, a case moved to another household, an imported case and household
// removed as an undo removes them.
TEST_P(ReportQueriesContract, TheFactsFollowEveryKindOfChange) {
  must(db(), [](Tx& tx) -> util::Status {
    plan(tx, "pk1", "k", 1, {"psychological", "legal"});
    plan(tx, "pke", "ke", 1, {"economic", "legal"});
    plan(tx, "pke2", "ke2", 1, {"psychological"});
    return {};
  });
  EXPECT_GT(expect_match("plans"), 6);

  must(db(), [](Tx& tx) -> util::Status {
    tx.sql() << "UPDATE plan_measures SET patronage_type = 'labour' WHERE id = 'pk1-1'";
    return {};
  });
  EXPECT_GT(expect_match("a measure's type changed"), 6);
  EXPECT_EQ(types("/r/d/"), (Counts{{"labour", 1}, {"psychological", 1}}));

  must(db(), [](Tx& tx) -> util::Status {
    tx.sql() << "UPDATE plan_measures SET plan_id = 'pke', case_id = 'ke' WHERE id = 'pk1-0'";
    return {};
  });
  EXPECT_GT(expect_match("a measure moved to another plan"), 6);
  EXPECT_EQ(types("/r/d/"), (Counts{{"labour", 1}}));

  must(db(), [](Tx& tx) -> util::Status {
    tx.sql() << "DELETE FROM plan_measures WHERE id = 'pke-1'";
    return {};
  });
  EXPECT_GT(expect_match("a measure deleted"), 6);

  must(db(), [](Tx& tx) -> util::Status {
    tx.sql() << "DELETE FROM plan_measures WHERE plan_id = 'pke2'";
    tx.sql() << "DELETE FROM plans WHERE id = 'pke2'";
    return {};
  });
  EXPECT_GT(expect_match("a plan deleted"), 6);

  must(db(), [](Tx& tx) -> util::Status {
    tx.sql() << "UPDATE plans SET superseded_by = 'pk1' WHERE id = 'pke'"; // as if superseded, then not
    tx.sql() << "UPDATE plans SET superseded_by = NULL WHERE id = 'pke'";
    tx.sql() << "UPDATE cases SET household_id = 'h-o' WHERE id = 'ke2'";
    return {};
  });
  EXPECT_GT(expect_match("a case moved to another household"), 6);
  EXPECT_EQ(categories("/r/e/"), (Counts{{"low_income", 2}, {"single_parent", 1}}));

  // An import undo: a case and then its household removed, with no plan (as an imported case has none).
  must(db(), [](Tx& tx) -> util::Status {
    storage::HouseholdRecord household;
    household.id = "h-new";
    household.unit_id = "e";
    household.address = "ул. Садовая, 2";
    household.categories = {"addiction"};
    household.created_by = "head";
    storage::insert_household(tx, household);
    auto record = case_of("k-new", "h-new");
    record.unit_id = "e";
    storage::insert_case(tx, record);
    return {};
  });
  EXPECT_GT(expect_match("an imported case"), 6);
  EXPECT_EQ(categories("/r/e/"), (Counts{{"addiction", 1}, {"low_income", 2}, {"single_parent", 1}}));
  must(db(), [](Tx& tx) -> util::Status {
    storage::delete_case(tx, "k-new");
    storage::delete_household(tx, "h-new");
    return {};
  });
  EXPECT_GT(expect_match("the import undone"), 6);
  long long rows = 0;
  long long cases = 0;
  must(db(), [&](Tx& tx) -> util::Status {
    tx.sql() << "SELECT COUNT(*) FROM case_report_facts", soci::into(rows);
    tx.sql() << "SELECT COUNT(*) FROM cases", soci::into(cases);
    return {};
  });
  EXPECT_EQ(rows, cases) << "one row per case, none left of a removed case";
}

// A bulk load inside a transaction (an import's) runs the triggers row by row; without its checks (the generator's,
// SQLite only) it drops them, writes children before their parents, and rebuilds the facts at the end.
TEST_P(ReportQueriesContract, ABulkLoadKeepsOrRebuildsTheFacts) {
  const auto load = [](storage::bulk::Loader& loader, const std::string& prefix, bool children_first) {
    auto& households = loader.table("households");
    auto& cases = loader.table("cases");
    auto& plans = loader.table("plans");
    auto& measures = loader.table("plan_measures");
    const auto add = [&](int n) {
      const std::string h = prefix + "h" + std::to_string(n);
      const std::string k = prefix + "k" + std::to_string(n);
      const std::string pl = prefix + "p" + std::to_string(n);
      const std::string unit = n % 2 == 0 ? "d" : "e";
      const auto household = [&] {
        households.add({h, unit, "ул. Садовая, 3", "", n % 3 == 0 ? "low_income,addiction" : "single_parent", "",
                        "head", 3000LL, 3000LL, 1LL});
      };
      const auto kase = [&] {
        cases.add({k, unit, h, storage::bulk::Null{}, "active", "2026-03-01", "2026-03-01", storage::bulk::Null{},
                   storage::bulk::Null{}, "lead", storage::bulk::Null{}, 4000LL, 4000LL, 1LL});
      };
      const auto plan_and_measures = [&](bool measures_first) {
        const auto measure = [&](int ordinal, const char* type) {
          measures.add({pl + "-" + std::to_string(ordinal), pl, k, static_cast<long long>(ordinal), "g1", type,
                        "Встреча", "specialist", "lead", "2026-04-01", "planned", "", 0LL, "lead"});
        };
        const auto the_plan = [&] {
          plans.add({pl, k, 1LL, storage::bulk::Null{}, storage::bulk::Null{}, "2026-03-01", "2026-08-31",
                     "2026-06-01", "6m", "[]", storage::bulk::Null{}, storage::bulk::Null{}, "lead", 5000LL, 5000LL,
                     1LL});
        };
        if (measures_first) {
          measure(0, "legal");
          measure(1, n % 2 == 0 ? "economic" : "legal");
          the_plan();
        } else {
          the_plan();
          measure(0, "legal");
          measure(1, n % 2 == 0 ? "economic" : "legal");
        }
      };
      if (children_first) {
        plan_and_measures(true);
        kase();
        household();
      } else {
        household();
        kase();
        plan_and_measures(false);
      }
    };
    for (int n = 0; n < 7; ++n) {
      add(n);
    }
  };
  must(db(), [&](Tx& tx) -> util::Status {
    auto loader = storage::bulk::Loader::within(tx, {.batch_rows = 2});
    load(*loader, "w", false);
    EXPECT_TRUE(loader->finish());
    return {};
  });
  EXPECT_GT(expect_match("a bulk load in a transaction"), 6);

  if (GetParam() == storage::Backend::sqlite) {
    auto loader = storage::bulk::Loader::open(url(), {.batch_rows = 2, .defer_checks = true});
    ASSERT_TRUE(loader) << loader.error().key;
    load(**loader, "u", true);
    ASSERT_TRUE((*loader)->finish());
    EXPECT_GT(expect_match("a bulk load without checks"), 6);
    long long triggers = 0;
    must(db(), [&](Tx& tx) -> util::Status {
      tx.sql() << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'case_report_facts_%'",
          soci::into(triggers);
      return {};
    });
    EXPECT_EQ(triggers, 12) << "the dropped triggers are back";
    // The due items' triggers were dropped too (a member's would read every case): each open case is marked for the
    // next start and keeps no row (migration 21).
    long long due_triggers = 0;
    long long unmarked = -1;
    long long rows_of_marked = -1;
    must(db(), [&](Tx& tx) -> util::Status {
      tx.sql() << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'case_due_%'",
          soci::into(due_triggers);
      tx.sql() << "SELECT COUNT(*) FROM cases WHERE state NOT IN ('closed', 'rejected') "
                  "AND id NOT IN (SELECT case_id FROM case_due_dirty)",
          soci::into(unmarked);
      tx.sql() << "SELECT COUNT(*) FROM case_due WHERE case_id IN (SELECT case_id FROM case_due_dirty)",
          soci::into(rows_of_marked);
      return {};
    });
    EXPECT_EQ(due_triggers, static_cast<long long>(3 * storage::case_due_inputs().size()));
    EXPECT_EQ(unmarked, 0);
    EXPECT_EQ(rows_of_marked, 0);
    must(db(), [](Tx& tx) -> util::Status {
      plan(tx, "pu", "uk1", 2, {"household"});
      tx.sql() << "UPDATE plans SET superseded_by = 'pu' WHERE id = 'up1'";
      return {};
    });
    EXPECT_GT(expect_match("a write after the bulk load"), 6);
  }
}

// Migration 27 on cases, households, plans and measures stored before it: the table and its triggers taken away and
// migrate() applies 27 again.
TEST_P(ReportQueriesContract, TheMigrationFillsTheFactsOfEveryStoredCase) {
  must(db(), [](Tx& tx) -> util::Status {
    plan(tx, "pk1", "k", 1, {"psychological", "legal"});
    plan(tx, "pko", "ko", 1, {"labour"});
    if (tx.dialect().name() == "sqlite") {
      for (const auto* table : {"cases", "households", "plans", "plan_measures"}) {
        for (const auto* event : {"insert", "update", "delete"}) {
          tx.sql() << std::string("DROP TRIGGER case_report_facts_") + table + "_" + event;
        }
      }
    } else {
      tx.sql() << "DROP FUNCTION case_report_facts_keep() CASCADE";
    }
    tx.sql() << "DROP TABLE case_report_facts";
    tx.sql() << "DELETE FROM schema_migrations WHERE version = 27";
    plan(tx, "pke", "ke", 1, {"economic"});
    return {};
  });
  const auto applied = db().migrate();
  ASSERT_TRUE(applied) << applied.error().key;
  EXPECT_EQ(*applied, 1);
  EXPECT_GT(expect_match("migrated"), 6);
  EXPECT_EQ(types("/r/"), (Counts{{"economic", 1}, {"legal", 1}, {"psychological", 1}}));
  must(db(), [](Tx& tx) -> util::Status {
    plan(tx, "pke2", "ke2", 1, {"household"});
    return {};
  });
  EXPECT_GT(expect_match("a plan after the migration"), 6);
}

PATRONAGE_CONTRACT_BACKENDS(ReportQueriesContract);

} // namespace
} // namespace patronage::testing
