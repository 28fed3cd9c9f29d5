// The households report's queries of migration 23 (issue 16) on both backends: after the writes that change what
// they count — plans, their measures and supersession, a household's categories — storage::households_by_category and
// storage::households_by_patronage_type equal the SQL they replaced (support/report_oracles.hpp).
#include <tuple>

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

PATRONAGE_CONTRACT_BACKENDS(ReportQueriesContract);

} // namespace
} // namespace patronage::testing
