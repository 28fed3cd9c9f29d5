// Times every report of SPEC §10 for the root unit over the last 12 months of a given database (the 1M-household
// region of bench/generate, say). Reads only: no migration, no audit entry, every transaction rolled back.
//
//   report_timing DATABASE_URL [--to YYYY-MM-DD] [--runs N] [--migrate] [--check]
//
// --migrate first applies pending migrations (the report indexes of migration 6, the visit counters of migration 19,
// the delivery counters and report indexes of migration 23, the households report's facts of migration 27): use it on
// a copy.
// --check then compares, for every unit's subtree over the year, the figures read from counters or by the new
// queries with the SQL they replaced (storage::*_by_scan, the tests' oracles), and fails on a difference.
// Prints one line per report: its name, the best and the median wall time of N runs in milliseconds, the median
// CPU time of this process (all of the work on SQLite; on PostgreSQL the server's part is not in it) and its row
// count.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/reports.hpp"
#include "storage/database.hpp"
#include "storage/reports.hpp"
#include "storage/units.hpp"
#include "util/time.hpp"

namespace {

using namespace patronage;

int usage() {
  std::fprintf(stderr, "usage: report_timing DATABASE_URL [--to YYYY-MM-DD] [--runs N] [--migrate] [--check]\n");
  return 2;
}

// The category codes the households report asks for (app/reports.cpp), for --check.
const std::vector<std::string> k_categories{"low_income",
                                            "large_family",
                                            "single_parent",
                                            "child_with_disability",
                                            "guardian_family",
                                            "adult_with_disability",
                                            "elderly_alone",
                                            "addiction",
                                            "juvenile_police_registration",
                                            "pregnant_in_difficulty",
                                            "refugee_or_migrant"};

// Compares each report read from counters or by a new query with its oracle in every unit's subtree; returns the
// number of differences (each printed).
int check_oracles(storage::Database& db, util::Date from, util::Date to) {
  int differences = 0;
  int compared = 0;
  (void)db.transact([&](storage::Tx& tx) -> util::Result<bool> {
    for (const auto& unit : storage::list_units_under(tx, "/")) {
      const auto scope = app::report_scope(unit.path, from, to);
      const auto expect = [&](bool same, const char* what) {
        ++compared;
        if (!same) {
          ++differences;
          std::printf("DIFFERENT: %s in %s\n", what, unit.path.c_str());
        }
      };
      expect(storage::visit_counts(tx, scope) == storage::visit_counts_by_scan(tx, scope), "visits");
      expect(storage::delivery_totals(tx, scope) == storage::delivery_totals_by_scan(tx, scope), "services");
      auto by_category = storage::households_by_category(tx, scope, k_categories);
      auto by_category_scan = storage::households_by_category_by_scan(tx, scope, k_categories);
      const auto by_code = [](const auto& a, const auto& b) { return a.code < b.code; };
      std::sort(by_category.begin(), by_category.end(), by_code);
      std::sort(by_category_scan.begin(), by_category_scan.end(), by_code);
      expect(by_category == by_category_scan, "households by category");
      auto by_type = storage::households_by_patronage_type(tx, scope);
      auto by_type_scan = storage::households_by_patronage_type_by_scan(tx, scope);
      std::sort(by_type.begin(), by_type.end(), by_code);
      std::sort(by_type_scan.begin(), by_type_scan.end(), by_code);
      expect(by_type == by_type_scan, "households by patronage type");
      auto by_state = storage::households_by_state(tx, scope);
      std::sort(by_state.begin(), by_state.end(), by_code);
      expect(storage::household_counts(tx, scope, k_categories).by_state == by_state, "households by state");
    }
    return util::fail(util::Error::conflict("rollback"));
  });
  std::printf("check: %d comparisons, %d different\n", compared, differences);
  return differences;
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    return usage();
  }
  const std::string url = argv[1];
  util::Date to = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  int runs = 3;
  bool migrate = false;
  bool check = false;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--to" && i + 1 < argc) {
      const auto parsed = util::parse_date(argv[++i]);
      if (!parsed) {
        return usage();
      }
      to = *parsed;
    } else if (arg == "--migrate") {
      migrate = true;
    } else if (arg == "--check") {
      check = true;
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      return usage();
    }
  }
  auto db = storage::Database::open(url);
  if (!db) {
    std::fprintf(stderr, "cannot open %s: %s\n", url.c_str(), db.error().key.c_str());
    return 1;
  }
  if (migrate) {
    if (auto applied = (*db)->migrate(); !applied) {
      std::fprintf(stderr, "migration failed: %s\n", applied.error().key.c_str());
      return 1;
    }
  }
  if (auto version = (*db)->schema_version(); !version || *version < 6) {
    std::fprintf(stderr, "warning: schema version below 6, the report indexes are missing\n");
  }
  util::SystemClock clock;
  app::Settings settings;
  const app::Services services{**db, clock, settings};
  const util::Date from = to - std::chrono::days{364};

  // The root unit: the shortest path.
  std::string root_path;
  (void)(*db)->transact([&](storage::Tx& tx) -> util::Result<bool> {
    for (const auto& unit : storage::list_units_under(tx, "/")) {
      if (!unit.parent_id && (root_path.empty() || unit.path.size() < root_path.size())) {
        root_path = unit.path;
      }
    }
    return util::fail(util::Error::conflict("rollback"));
  });
  if (root_path.empty()) {
    std::fprintf(stderr, "no unit in the database\n");
    return 1;
  }
  const auto scope = app::report_scope(root_path, from, to);
  std::printf("unit %s, %s .. %s, %d run(s)\n", root_path.c_str(), scope.from.c_str(), scope.to.c_str(), runs);
  std::printf("%-12s %10s %10s %10s %8s\n", "report", "best ms", "median ms", "cpu ms", "rows");
  double worst = 0;
  for (const auto& name : app::report_names()) {
    std::vector<double> times;
    std::vector<double> cpu;
    size_t rows = 0;
    for (int run = 0; run < runs; ++run) {
      const auto start = std::chrono::steady_clock::now();
      const std::clock_t cpu_start = std::clock();
      auto done = (*db)->transact([&](storage::Tx& tx) -> util::Result<bool> {
        rows = 0;
        for (const auto& table : app::compute_report(tx, services, name, scope, false)) {
          rows += table.table.rows.size();
        }
        return util::fail(util::Error::conflict("rollback")); // read-only: never commit
      });
      if (!done && done.error().key != "rollback") {
        std::fprintf(stderr, "%s failed: %s\n", name.c_str(), done.error().key.c_str());
        return 1;
      }
      times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      cpu.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    worst = std::max(worst, times[times.size() / 2]);
    std::printf("%-12s %10.1f %10.1f %10.1f %8zu\n", name.c_str(), times.front(), times[times.size() / 2],
                cpu[cpu.size() / 2], rows);
  }
  std::printf("slowest median: %.1f ms\n", worst);
  if (check && check_oracles(**db, from, to) != 0) {
    return 1;
  }
  return 0;
}
