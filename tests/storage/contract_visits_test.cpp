// Visits with their children's notes and child-safety checks (storage/visits.hpp) on both backends.
#include "storage/storage_contract.hpp"
#include "storage/visits.hpp"

namespace patronage::testing {
namespace {

using storage::Tx;
using VisitsContract = RepositoryContract;

storage::VisitRecord visit(const std::string& id, const std::string& planned_on) {
  storage::VisitRecord v;
  v.id = id;
  v.case_id = "k";
  v.planned_on = planned_on;
  v.kind = "home";
  v.participants = {"lead", "head"};
  v.purpose = "Плановое посещение";
  v.created_by = "lead";
  v.created_at = 5000;
  v.updated_at = 5000;
  return v;
}

// A visit made on the day it was planned.
storage::VisitRecord made(const std::string& id, const std::string& day) {
  auto v = visit(id, day);
  v.actual_on = day;
  return v;
}

TEST_P(VisitsContract, VisitRoundTripWithChildren) {
  must(db(), [](Tx& tx) -> util::Status {
    auto made = visit("v1", "2026-03-10");
    made.actual_on = "2026-03-10";
    made.children = {{"p-child", "Здорова, посещает сад"}};
    made.child_safety_checked = true;
    made.child_safety_concern = true;
    made.child_safety_note = "Синяк на руке";
    storage::insert_visit(tx, made);
    const auto found = storage::find_visit(tx, "v1");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->status(), "done");
      EXPECT_EQ(found->participants, (std::vector<std::string>{"lead", "head"}));
      EXPECT_EQ(found->children.size(), 1U);
      EXPECT_TRUE(found->child_safety_concern);
      EXPECT_FALSE(found->missed_reason);
    }
    EXPECT_FALSE(storage::find_visit(tx, "ghost"));
    return {};
  });
}

TEST_P(VisitsContract, UpdateChecksTheVersionAndReplacesChildren) {
  must(db(), [](Tx& tx) -> util::Status {
    auto planned = visit("v1", "2026-03-10");
    planned.children = {{"p-child", "a"}, {"p-adult", "b"}};
    storage::insert_visit(tx, planned);
    planned.missed_reason = "Семья не открыла дверь";
    planned.children = {{"p-child", "c"}};
    EXPECT_TRUE(storage::update_visit(tx, planned, 1));
    EXPECT_FALSE(storage::update_visit(tx, planned, 1));
    const auto found = storage::find_visit(tx, "v1");
    EXPECT_EQ(found->status(), "missed");
    EXPECT_EQ(found->version, 2);
    EXPECT_EQ(found->children.size(), 1U);
    return {};
  });
}

TEST_P(VisitsContract, ListsAndDaysOfACase) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_visit(tx, made("v1", "2026-03-01"));
    auto late = made("v2", "2026-03-20");
    late.closing = true;
    late.child_safety_checked = true;
    storage::insert_visit(tx, late);
    storage::insert_visit(tx, visit("v3", "2026-04-01"));
    const auto all = storage::list_visits(tx, "k");
    EXPECT_EQ(all.size(), 3U);
    if (all.size() == 3) {
      EXPECT_EQ(all[0].id, "v3") << "latest first";
    }
    EXPECT_EQ(storage::last_visit_on(tx, "k"), std::optional<std::string>("2026-03-20"));
    EXPECT_EQ(storage::first_planned_visit_on(tx, "k"), std::optional<std::string>("2026-04-01"));
    EXPECT_TRUE(storage::closing_visit_made_since(tx, "k", "2026-03-15"));
    EXPECT_FALSE(storage::closing_visit_made_since(tx, "k", "2026-03-21"));
    EXPECT_FALSE(storage::last_visit_on(tx, "ghost"));
    EXPECT_TRUE(storage::list_visits(tx, "ghost").empty());
    return {};
  });
}

// Two visits of one day recorded in the same second: the one recorded later comes first. Visit ids are made in
// time order (util::ordered_id), so the id decides; the print view of "the latest visit" reads the first.
TEST_P(VisitsContract, OfTwoVisitsOfOneDayAndSecondTheLaterRecordedComesFirst) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_visit(tx, made("3aaaaaaaaaaaaaaaaaaa", "2026-03-01"));
    storage::insert_visit(tx, made("3aaaaaaabaaaaaaaaaaa", "2026-03-01"));
    const auto all = storage::list_visits(tx, "k");
    EXPECT_EQ(all.size(), 2U);
    if (all.size() == 2) {
      EXPECT_EQ(all[0].id, "3aaaaaaabaaaaaaaaaaa");
    }
    return {};
  });
}

TEST_P(VisitsContract, VisitNeedsAnExistingCaseAndChild) {
  expect_conflict([](Tx& tx) {
    auto orphan = visit("v1", "2026-03-01");
    orphan.case_id = "ghost";
    storage::insert_visit(tx, orphan);
  });
  expect_conflict([](Tx& tx) {
    auto unknown_child = visit("v2", "2026-03-01");
    unknown_child.children = {{"ghost", "note"}};
    storage::insert_visit(tx, unknown_child);
  });
}

PATRONAGE_CONTRACT_BACKENDS(VisitsContract);

} // namespace
} // namespace patronage::testing
