// Agreements, plan versions and their measures (storage/plans.hpp) and assessments (storage/assessments.hpp) on
// both backends.
#include "storage/assessments.hpp"
#include "storage/plans.hpp"
#include "storage/storage_contract.hpp"

namespace patronage::testing {
namespace {

using storage::Tx;
using PlansContract = RepositoryContract;

storage::PlanRecord plan(const std::string& id, int number) {
  storage::PlanRecord p;
  p.id = id;
  p.case_id = "k";
  p.number = number;
  p.period_from = "2026-04-01";
  p.period_to = "2026-09-30";
  p.review_on = "2026-07-01";
  p.term = "short";
  p.goals = R"([{"id":"g1","text":"Доход","domain":"income"}])";
  p.created_by = "lead";
  p.created_at = 5000 + number;
  p.updated_at = 5000 + number;
  return p;
}

storage::MeasureRecord measure(const std::string& id, const std::string& plan_id, int ordinal) {
  return {id,       plan_id, "k",       ordinal, "g1", "economic", "Оформление пособия", "family", "мать", "2026-05-01",
          "planned", "",      5000, "lead"};
}

TEST_P(PlansContract, AgreementRoundTripNewestFirst) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_agreement(tx, {"a1", "k", "2026-04-01", "2026-04-01", "2027-04-01", "{}", "lead", 5000});
    storage::insert_agreement(tx, {"a2", "k", "2026-05-01", "2026-05-01", "2027-05-01", R"({"duties":[]})", "lead", 6000});
    const auto all = storage::list_agreements(tx, "k");
    EXPECT_EQ(all.size(), 2U);
    if (all.size() == 2) {
      EXPECT_EQ(all[0].id, "a2");
      EXPECT_EQ(all[0].content, R"({"duties":[]})");
    }
    EXPECT_TRUE(storage::list_agreements(tx, "ghost").empty());
    return {};
  });
  expect_conflict([](Tx& tx) {
    storage::insert_agreement(tx, {"a3", "ghost", "2026-04-01", "2026-04-01", "2027-04-01", "{}", "lead", 5000});
  });
}

TEST_P(PlansContract, PlanVersionsApprovalAndConcurrency) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_plan(tx, plan("pl1", 1));
    auto found = storage::find_plan(tx, "pl1");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_FALSE(found->approved_at);
      EXPECT_FALSE(found->supersedes_id);
      EXPECT_EQ(found->goals, R"([{"id":"g1","text":"Доход","domain":"income"}])");
    }
    storage::approve_plan(tx, "pl1", "head", 7000);
    EXPECT_EQ(storage::find_plan(tx, "pl1")->version, 2) << "an approval is a change";
    EXPECT_TRUE(storage::bump_plan_version(tx, "pl1", 2, 7001));
    EXPECT_FALSE(storage::bump_plan_version(tx, "pl1", 2, 7002)) << "someone changed it first";
    auto second = plan("pl2", 2);
    second.supersedes_id = "pl1";
    storage::insert_plan(tx, second);
    storage::set_plan_superseded(tx, "pl1", "pl2", 8000);
    found = storage::find_plan(tx, "pl1");
    EXPECT_EQ(found->approved_by, std::optional<std::string>("head"));
    EXPECT_EQ(found->superseded_by, std::optional<std::string>("pl2"));
    const auto versions = storage::list_plans(tx, "k");
    EXPECT_EQ(versions.size(), 2U);
    if (versions.size() == 2) {
      EXPECT_EQ(versions[0].id, "pl2") << "the newest version first";
    }
    EXPECT_FALSE(storage::find_plan(tx, "ghost"));
    return {};
  });
  expect_conflict([](Tx& tx) { storage::insert_plan(tx, plan("pl1", 3)); });
}

TEST_P(PlansContract, MeasuresInOrderAndUpdated) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_plan(tx, plan("pl1", 1));
    storage::insert_measure(tx, measure("m2", "pl1", 1));
    storage::insert_measure(tx, measure("m1", "pl1", 0));
    auto measures = storage::list_measures(tx, "pl1");
    EXPECT_EQ(measures.size(), 2U);
    if (measures.size() == 2) {
      EXPECT_EQ(measures[0].id, "m1");
      measures[0].status = "done";
      measures[0].result = "Пособие назначено";
      storage::update_measure(tx, measures[0]);
    }
    measures = storage::list_measures(tx, "pl1");
    EXPECT_EQ(measures.at(0).status, "done");
    EXPECT_EQ(measures.at(0).result, "Пособие назначено");
    EXPECT_TRUE(storage::list_measures(tx, "ghost").empty());
    return {};
  });
  expect_conflict([](Tx& tx) { storage::insert_measure(tx, measure("m3", "ghost", 0)); });
}

using AssessmentsContract = RepositoryContract;

TEST_P(AssessmentsContract, RoundTripNewestFirstAndByKind) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_assessment(tx, {"as1", "k", "needs", "2026-03-01", "lead", R"({"scores":[]})", "{}", 5000});
    storage::insert_assessment(tx, {"as2", "k", "inspection", "2026-03-05", "lead", R"({"rooms":2})",
                                    R"({"health":"астма"})", 5001});
    const auto found = storage::find_assessment(tx, "as2");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->data, R"({"rooms":2})");
      EXPECT_EQ(found->sensitive, R"({"health":"астма"})");
    }
    const auto all = storage::list_assessments(tx, "k");
    EXPECT_EQ(all.size(), 2U);
    if (all.size() == 2) {
      EXPECT_EQ(all[0].id, "as2");
    }
    const auto needs = storage::list_assessments(tx, "k", std::string("needs"));
    EXPECT_EQ(needs.size(), 1U);
    EXPECT_FALSE(storage::find_assessment(tx, "ghost"));
    return {};
  });
  expect_conflict([](Tx& tx) {
    storage::insert_assessment(tx, {"as3", "ghost", "needs", "2026-03-01", "lead", "{}", "{}", 5000});
  });
}

PATRONAGE_CONTRACT_BACKENDS(PlansContract);
PATRONAGE_CONTRACT_BACKENDS(AssessmentsContract);

} // namespace
} // namespace patronage::testing
