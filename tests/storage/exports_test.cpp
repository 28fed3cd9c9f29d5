// storage::export_rows on both backends: keyset pages cover every row once, in id order; the unit subtree and
// the period filter; null columns stay null.
#include "storage/exports.hpp"

#include <algorithm>
#include <tuple>

#include <gtest/gtest.h>

#include "storage/households.hpp"
#include "storage/units.hpp"
#include "support/test_db.hpp"

namespace patronage::storage {
namespace {

using testing::TestDatabase;

class ExportRows : public ::testing::TestWithParam<Backend> {
protected:
  ExportRows() : m_test_db(GetParam()) {
    auto done = db().transact([&](Tx& tx) -> util::Status {
      insert_unit(tx, {"r", std::nullopt, "Region", "region", "/r/", 1000});
      insert_unit(tx, {"a", "r", "Centre A", "institution", "/r/a/", 1000});
      insert_unit(tx, {"ab", "r", "Centre AB", "institution", "/r/ab/", 1000});
      // 2026-11-20 .. 2026-11-24 at noon UTC, one household a day; the last one in the sibling "ab".
      for (int i = 0; i < 5; ++i) {
        HouseholdRecord h;
        h.id = "h" + std::to_string(i);
        h.unit_id = i == 4 ? "ab" : "a";
        h.address = "ул. Ленина, д. " + std::to_string(i);
        h.created_by = "u";
        h.created_at = 1795176000LL + 86400LL * i; // 2026-11-20T12:00Z + i days
        h.updated_at = h.created_at;
        insert_household(tx, h);
      }
      return {};
    });
    EXPECT_TRUE(done);
  }
  Database& db() { return m_test_db.db(); }

  std::vector<ExportRow> rows(const ExportScope& scope, int page_size) {
    std::vector<ExportRow> out;
    auto done = db().transact([&](Tx& tx) -> util::Result<long long> {
      return export_rows(tx, ExportList::households, scope, [&](const ExportRow& row) { out.push_back(row); },
                         page_size);
    });
    EXPECT_TRUE(done);
    EXPECT_EQ(done.value_or(-1), static_cast<long long>(out.size()));
    return out;
  }

  TestDatabase m_test_db;
};

TEST_P(ExportRows, PagesCoverEveryRowOnceInIdOrder) {
  for (int page : {1, 2, 3, 500}) {
    auto all = rows({"/r/", std::nullopt, std::nullopt}, page);
    ASSERT_EQ(all.size(), 5U) << "page " << page;
    for (size_t i = 0; i < all.size(); ++i) {
      ASSERT_TRUE(all[i][0]);
      EXPECT_EQ(*all[i][0], "h" + std::to_string(i)) << "page " << page;
    }
  }
  const auto& columns = export_columns(ExportList::households);
  ASSERT_EQ(rows({"/r/", std::nullopt, std::nullopt}, 2)[0].size(), columns.size());
}

TEST_P(ExportRows, KeepsToTheSubtreeAndThePeriod) {
  auto a = rows({"/r/a/", std::nullopt, std::nullopt}, 2);
  EXPECT_EQ(a.size(), 4U) << "the sibling /r/ab/ shares the text prefix but is not below /r/a/";
  auto period = rows({"/r/", std::string("2026-11-21"), std::string("2026-11-22")}, 1);
  ASSERT_EQ(period.size(), 2U);
  EXPECT_EQ(*period[0][0], "h1");
  EXPECT_EQ(*period[1][0], "h2");
  const auto first = rows({"/r/", std::string("2026-11-24"), std::nullopt}, 2);
  ASSERT_EQ(first.size(), 1U);
  EXPECT_EQ(*first[0][0], "h4");
  // No member: one row, its person columns null.
  const auto& columns = export_columns(ExportList::households);
  const auto last_name = std::find(columns.begin(), columns.end(), "last_name") - columns.begin();
  EXPECT_FALSE(first[0][last_name]);
}

// A household is a row per member, in the household page's order (created_at, then id); a page holds whole
// households, so every page size gives every row once.
TEST_P(ExportRows, AHouseholdIsARowPerMemberAndPagesKeepItsRowsTogether) {
  auto done = db().transact([&](Tx& tx) -> util::Status {
    for (const auto& [household, id, name, at] : std::vector<std::tuple<std::string, std::string, std::string, long long>>{
             {"h1", "p-b", "Анна", 10}, {"h1", "p-a", "Пётр", 20}, {"h1", "p-c", "Иван", 20}, {"h3", "p-d", "Ольга", 5}}) {
      PersonRecord p;
      p.id = id;
      p.household_id = household;
      p.last_name = "Смирнов";
      p.first_name = name;
      p.sex = "female";
      p.created_at = at;
      p.updated_at = at;
      insert_person(tx, p);
    }
    return {};
  });
  ASSERT_TRUE(done);
  const auto& columns = export_columns(ExportList::households);
  const auto first_name = std::find(columns.begin(), columns.end(), "first_name") - columns.begin();
  for (int page : {1, 2, 500}) {
    auto all = rows({"/r/", std::nullopt, std::nullopt}, page);
    std::vector<std::string> seen;
    for (const auto& row : all) {
      seen.push_back(*row[0] + ":" + row[first_name].value_or("-"));
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"h0:-", "h1:Анна", "h1:Пётр", "h1:Иван", "h2:-", "h3:Ольга", "h4:-"}))
        << "page " << page;
  }
}

TEST_P(ExportRows, EveryListRunsOnAnEmptySubtree) {
  for (auto list : {ExportList::cases, ExportList::visits, ExportList::services}) {
    auto done = db().transact([&](Tx& tx) -> util::Result<long long> {
      return export_rows(tx, list, {"/r/", std::string("2026-01-01"), std::string("2026-12-31")},
                         [](const ExportRow&) {}, 10);
    });
    ASSERT_TRUE(done);
    EXPECT_EQ(*done, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportRows, ::testing::ValuesIn(testing::test_backends()),
                         [](const auto& info) { return testing::backend_name(info.param); });

} // namespace
} // namespace patronage::storage
