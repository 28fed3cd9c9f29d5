#pragma once

// The oracles of the reports read from counters or by new queries (issue 16): storage::delivery_totals, summed from
// delivery_day_counts, must equal storage::delivery_totals_by_scan, the scan of the deliveries it replaced; the
// households report's categories and patronage types must equal the SQL they replaced. For any scope and period.

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "storage/reports.hpp"

namespace patronage::storage {

inline void PrintTo(const DeliveryTotals& d, std::ostream* os) {
  *os << "{" << d.service_code << "/" << d.unit << ": deliveries " << d.deliveries << ", households " << d.households
      << ", quantity " << d.quantity << ", cost " << d.cost << ", costed " << d.costed << "}";
}

inline void PrintTo(const CodeCount& c, std::ostream* os) { *os << "{" << c.code << ": " << c.count << "}"; }

} // namespace patronage::storage

namespace patronage::testing {

using ReportPeriod = std::pair<std::string, std::string>;

namespace report_oracles {

inline std::vector<std::string> scopes_of(storage::Tx& tx) {
  std::vector<std::string> paths{"/", "/no-such-unit/"};
  soci::rowset<std::string> rows = (tx.sql().prepare << "SELECT path FROM units ORDER BY path");
  for (const auto& path : rows) {
    paths.push_back(path);
  }
  return paths;
}

// `periods`, the whole range of days, and from `column` of `table`: its first day, its last day and the range
// between them.
inline std::vector<ReportPeriod> periods_of(storage::Tx& tx, std::vector<ReportPeriod> periods, const std::string& table,
                                            const std::string& column) {
  std::string first;
  std::string last;
  soci::indicator first_ind = soci::i_null;
  soci::indicator last_ind = soci::i_null;
  tx.sql() << "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + table, soci::into(first, first_ind),
      soci::into(last, last_ind);
  periods.emplace_back("0001-01-01", "9999-12-31");
  if (first_ind == soci::i_ok && last_ind == soci::i_ok) {
    periods.emplace_back(first, first);
    periods.emplace_back(last, last);
    periods.emplace_back(first, last);
  }
  return periods;
}

// The codes in byte order: the oracle's ORDER BY follows the database's collation, the C++ count does not.
inline std::vector<storage::CodeCount> sorted(std::vector<storage::CodeCount> rows) {
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  return rows;
}

} // namespace report_oracles

// Compares the services report's counters with the scan in `tx` for the subtree of every unit, the whole tree ("/")
// and a path without units, over `periods` and, from the stored deliveries, the whole range, its first and its last
// day alone; and checks that no bucket is empty or negative. Returns the number of comparisons with at least one
// row, so that a caller can check it compared something. `what` names the state in a failure.
inline int expect_delivery_totals_match_scan(storage::Tx& tx, const std::string& what,
                                             std::vector<ReportPeriod> periods = {}) {
  periods = report_oracles::periods_of(tx, std::move(periods), "service_deliveries", "delivered_on");
  int compared = 0;
  for (const auto& path : report_oracles::scopes_of(tx)) {
    for (const auto& [from, to] : periods) {
      const storage::ReportScope scope{path, from, to};
      const auto counted = storage::delivery_totals(tx, scope);
      EXPECT_EQ(counted, storage::delivery_totals_by_scan(tx, scope))
          << what << ": " << path << " " << from << ".." << to;
      compared += counted.empty() ? 0 : 1;
    }
  }
  long long odd = -1;
  tx.sql() << "SELECT COUNT(*) FROM delivery_day_counts WHERE deliveries <= 0 OR costed < 0 OR costed > deliveries",
      soci::into(odd);
  EXPECT_EQ(odd, 0) << what << ": buckets with no delivery or an impossible figure";
  return compared;
}

// Compares the households report's categories (of `categories`) and patronage types, read from the stored facts of
// the cases (case_report_facts.hpp), with the SQL they replaced, and its states with households_by_state, in the same
// scopes as above and over `periods` and the whole range of the cases' opening days. Returns the number of
// comparisons with at least one row.
inline int expect_households_match_scan(storage::Tx& tx, const std::string& what,
                                        const std::vector<std::string>& categories,
                                        std::vector<ReportPeriod> periods = {}) {
  periods = report_oracles::periods_of(tx, std::move(periods), "cases", "opened_on");
  int compared = 0;
  for (const auto& path : report_oracles::scopes_of(tx)) {
    for (const auto& [from, to] : periods) {
      const storage::ReportScope scope{path, from, to};
      const auto by_category = storage::households_by_category(tx, scope, categories);
      EXPECT_EQ(report_oracles::sorted(by_category),
                report_oracles::sorted(storage::households_by_category_by_scan(tx, scope, categories)))
          << what << ": categories, " << path << " " << from << ".." << to;
      const auto by_type = storage::households_by_patronage_type(tx, scope);
      EXPECT_EQ(report_oracles::sorted(by_type),
                report_oracles::sorted(storage::households_by_patronage_type_by_scan(tx, scope)))
          << what << ": patronage types, " << path << " " << from << ".." << to;
      const auto by_state = storage::household_counts(tx, scope, categories).by_state;
      EXPECT_EQ(by_state, report_oracles::sorted(storage::households_by_state(tx, scope)))
          << what << ": states, " << path << " " << from << ".." << to;
      compared += by_category.empty() && by_type.empty() ? 0 : 1;
    }
  }
  return compared;
}

} // namespace patronage::testing
