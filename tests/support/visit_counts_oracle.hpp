#pragma once

// The oracle of the visits report's counters (issue 16): storage::visit_counts, summed from visit_day_counts,
// must equal storage::visit_counts_by_scan, the scan of every visit it replaced, for any scope and period.

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "storage/reports.hpp"

namespace patronage::storage {

inline void PrintTo(const VisitCounts& c, std::ostream* os) {
  *os << "{" << c.kind << ": planned " << c.planned << ", made " << c.made << ", missed " << c.missed
      << ", on time " << c.on_time << "}";
}

} // namespace patronage::storage

namespace patronage::testing {

using Period = std::pair<std::string, std::string>;

// Compares both in `tx` for the subtree of every unit, the whole tree ("/") and a path without units, over
// `periods` and, from the stored visits, the whole range, its first and its last day alone; and checks that no
// bucket is empty or negative. Returns the number of comparisons with at least one row, so that a caller can
// check it compared something. `what` names the state in a failure.
inline int expect_visit_counts_match_scan(storage::Tx& tx, const std::string& what,
                                          std::vector<Period> periods = {}) {
  std::vector<std::string> paths{"/", "/no-such-unit/"};
  {
    soci::rowset<std::string> rows = (tx.sql().prepare << "SELECT path FROM units ORDER BY path");
    for (const auto& path : rows) {
      paths.push_back(path);
    }
  }
  std::string first;
  std::string last;
  soci::indicator first_ind = soci::i_null;
  soci::indicator last_ind = soci::i_null;
  tx.sql() << "SELECT MIN(planned_on), MAX(planned_on) FROM visits", soci::into(first, first_ind),
      soci::into(last, last_ind);
  periods.emplace_back("0001-01-01", "9999-12-31");
  if (first_ind == soci::i_ok && last_ind == soci::i_ok) {
    periods.emplace_back(first, first);
    periods.emplace_back(last, last);
    periods.emplace_back(first, last);
  }
  int compared = 0;
  for (const auto& path : paths) {
    for (const auto& [from, to] : periods) {
      storage::ReportScope scope;
      scope.unit_path = path;
      scope.from = from;
      scope.to = to;
      const auto counted = storage::visit_counts(tx, scope);
      EXPECT_EQ(counted, storage::visit_counts_by_scan(tx, scope))
          << what << ": " << path << " " << from << ".." << to;
      compared += counted.empty() ? 0 : 1;
    }
  }
  long long odd = -1;
  tx.sql() << "SELECT COUNT(*) FROM visit_day_counts WHERE planned <= 0 OR made < 0 OR missed < 0 OR on_time < 0",
      soci::into(odd);
  EXPECT_EQ(odd, 0) << what << ": buckets with no visit or a negative figure";
  return compared;
}

} // namespace patronage::testing
