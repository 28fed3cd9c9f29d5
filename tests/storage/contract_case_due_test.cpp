#include "storage/case_due.hpp"

#include <soci/soci.h>

#include "storage_contract.hpp"

namespace patronage::testing {
namespace {

// The stored due values of the work list (migration 21): a round trip, and the triggers that remove a case's row
// and mark it when any of its inputs changes, the same on both backends.
class CaseDueContract : public RepositoryContract {
protected:
  static storage::CaseDue row() {
    storage::CaseDue due;
    due.case_id = "k";
    due.computed_on = "2026-11-23";
    due.recheck_on = "2026-12-01";
    due.settings_key = "key";
    due.family = "Иванова";
    due.risk_level = "critical";
    due.critical_since = "2026-11-20";
    due.warning_key = "warning.child_safety_concern";
    due.warning_params = R"([["date","2026-11-21"]])";
    due.items = {{0, "visit", "2026-11-21", "visit.critical_response"}, {1, "measure", "2026-11-27", "встреча"}};
    return due;
  }

  std::optional<storage::CaseDue> stored() {
    return must(db(), [](storage::Tx& tx) -> util::Result<std::optional<storage::CaseDue>> {
             return storage::find_case_due(tx, "k");
           }).value_or(std::nullopt);
  }

  std::vector<std::string> marked() {
    return must(db(), [](storage::Tx& tx) -> util::Result<std::vector<std::string>> {
             std::vector<std::string> ids;
             for (const auto& mark : storage::marked_case_due(tx, 10)) {
               ids.push_back(mark.case_id);
             }
             return ids;
           }).value_or(std::vector<std::string>{});
  }

  // Stores the row (which unmarks the case), then runs `sql`: the row must be gone and the case marked.
  void expect_marks(const std::string& sql) {
    must(db(), [](storage::Tx& tx) -> util::Status {
      storage::store_case_due(tx, row());
      return {};
    });
    ASSERT_TRUE(stored());
    ASSERT_TRUE(marked().empty());
    must(db(), [&](storage::Tx& tx) -> util::Status {
      tx.sql() << sql;
      return {};
    });
    EXPECT_FALSE(stored()) << sql;
    EXPECT_EQ(marked(), std::vector<std::string>{"k"}) << sql;
  }
};

TEST_P(CaseDueContract, ARowAndItsItemsComeBackAsStoredAndAreReplacedWhole) {
  must(db(), [](storage::Tx& tx) -> util::Status {
    storage::store_case_due(tx, row());
    return {};
  });
  EXPECT_EQ(stored(), row());
  auto changed = row();
  changed.items.pop_back();
  changed.recheck_on.reset();
  changed.warning_key.reset();
  must(db(), [&](storage::Tx& tx) -> util::Status {
    storage::store_case_due(tx, changed);
    return {};
  });
  EXPECT_EQ(stored(), changed);
  changed.items.clear();
  must(db(), [&](storage::Tx& tx) -> util::Status {
    storage::store_case_due(tx, changed);
    return {};
  });
  EXPECT_EQ(stored(), changed) << "a row without items";
  must(db(), [](storage::Tx& tx) -> util::Status {
    storage::delete_case_due(tx, "k");
    storage::delete_case_due(tx, "none");
    return {};
  });
  EXPECT_FALSE(stored());
}

TEST_P(CaseDueContract, EveryInputTableMarksItsCaseOnInsertUpdateAndDelete) {
  expect_marks("UPDATE cases SET version = version + 1 WHERE id = 'k'");
  expect_marks("INSERT INTO visits (id, case_id, planned_on, actual_on, kind, participants, purpose, home, relations, "
               "child_safety_checked, child_safety_concern, child_safety_note, actions, next_step, closing, "
               "missed_reason, created_by, created_at, updated_at, version) VALUES ('v1', 'k', '2026-11-23', "
               "'2026-11-23', 'home', '', '', '', '', 1, 1, '', '', '', 0, NULL, 'lead', 0, 0, 1)");
  expect_marks("UPDATE visits SET purpose = 'x' WHERE id = 'v1'");
  expect_marks("DELETE FROM visits WHERE id = 'v1'");
  expect_marks("INSERT INTO assessments (id, case_id, kind, on_date, author_id, data, sensitive, created_at) "
               "VALUES ('a1', 'k', 'needs', '2026-11-23', 'lead', '{}', '{}', 0)");
  expect_marks("INSERT INTO consents (id, case_id, signed_by, covers, scope, signed_on, valid_until, withdrawn_on, "
               "document_id, created_by, created_at) VALUES ('c1', 'k', 'p-adult', '', 'patronage', "
               "'2026-11-23', NULL, NULL, NULL, 'lead', 0)");
  expect_marks("UPDATE consents SET withdrawn_on = '2026-11-24' WHERE id = 'c1'");
  expect_marks("UPDATE persons SET last_name = 'Петрова' WHERE id = 'p-adult'");
  expect_marks("UPDATE households SET address = 'ул. Новая, 5' WHERE id = 'h'");
}

TEST_P(CaseDueContract, RowsOfOtherSettingsAreMarkedOnce) {
  must(db(), [](storage::Tx& tx) -> util::Status {
    storage::store_case_due(tx, row());
    return {};
  });
  auto count = must(db(), [](storage::Tx& tx) -> util::Result<long long> {
    return storage::mark_other_settings_dirty(tx, "key");
  });
  EXPECT_EQ(count.value_or(-1), 0);
  count = must(db(), [](storage::Tx& tx) -> util::Result<long long> {
    return storage::mark_other_settings_dirty(tx, "other");
  });
  EXPECT_EQ(count.value_or(-1), 1);
  count = must(db(), [](storage::Tx& tx) -> util::Result<long long> {
    return storage::mark_other_settings_dirty(tx, "other");
  });
  EXPECT_EQ(count.value_or(-1), 0) << "already marked";
  EXPECT_EQ(marked(), std::vector<std::string>{"k"});
}

// Migration 28: each mark counts a generation, and a row derived meanwhile is stored only at the generation it was
// derived from (app::CaseDueRefresher).
TEST_P(CaseDueContract, ARowIsStoredOnlyAtTheGenerationItWasDerivedFrom) {
  const auto marks = [&]() {
    return must(db(), [](storage::Tx& tx) -> util::Result<std::vector<storage::MarkedCase>> {
             return storage::marked_case_due(tx, 10);
           }).value_or(std::vector<storage::MarkedCase>{});
  };
  const auto touch = [&]() {
    must(db(), [](storage::Tx& tx) -> util::Status {
      tx.sql() << "UPDATE cases SET version = version + 1 WHERE id = 'k'";
      return {};
    });
  };
  touch();
  const auto first = marks();
  ASSERT_EQ(first.size(), 1U);
  EXPECT_EQ(first.front().case_id, "k");
  touch();
  const auto second = marks();
  ASSERT_EQ(second.size(), 1U);
  EXPECT_GT(second.front().generation, first.front().generation) << "a mark already there counts up";

  const auto store = [&](const storage::MarkedCase& at, const std::optional<storage::CaseDue>& due) {
    return must(db(), [&](storage::Tx& tx) -> util::Result<bool> {
             return storage::store_case_due_if_unchanged(tx, at, due);
           }).value_or(false);
  };
  EXPECT_FALSE(store(first.front(), row())) << "marked again since";
  EXPECT_FALSE(stored());
  EXPECT_EQ(marked(), std::vector<std::string>{"k"});
  EXPECT_TRUE(store(second.front(), row()));
  EXPECT_EQ(stored(), row());
  EXPECT_TRUE(marked().empty());
  EXPECT_FALSE(store(second.front(), row())) << "nothing marks it any more";

  // A mark stored and made again (a command's write refreshed it meanwhile, then another write marked it) starts
  // at a new generation: a refresher still holding the first one must not store its older row.
  touch();
  const auto third = marks();
  ASSERT_EQ(third.size(), 1U);
  EXPECT_TRUE(store(third.front(), row()));
  touch();
  EXPECT_FALSE(store(third.front(), row())) << "a new mark does not come back at a generation read before";
  EXPECT_FALSE(stored());
  EXPECT_TRUE(store(marks().front(), std::nullopt)) << "a closed case: its row is deleted";
  EXPECT_FALSE(stored());
  EXPECT_TRUE(marked().empty());
}

PATRONAGE_CONTRACT_BACKENDS(CaseDueContract);

} // namespace
} // namespace patronage::testing
