#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "util/error.hpp"
#include "util/time.hpp"

namespace patronage::bench {

// A synthetic region for benchmarks (issue 7): households with ~3 persons each, a unit tree region → districts
// → centres, staff in every role, cases in every lifecycle state with their facts, and a network. The same
// `seed`, `households` and `today` give the same database.
struct RegionOptions {
  long long households = 100000;
  std::uint64_t seed = 1;
  std::string out;          // SQLite file; replaced if it exists
  util::Date today;         // the day the data ends on
  std::string password;     // of every staff account
  bool unsafe_fast = true;  // storage::bulk::Options::unsafe_fast and defer_checks
  std::function<void(double done, long long rows)> progress;
};

struct RegionSummary {
  long long rows = 0;
  long long households = 0;
  long long persons = 0;
  long long staff = 0;
  long long cases = 0;
  long long visits = 0;
  long long centres = 0;
};

// Creates and migrates `out`, then writes the region through storage::bulk. Fails with the storage error.
util::Result<RegionSummary> generate_region(const RegionOptions& options);

// The logins of the staff: "admin", "auditor", and per centre N (1-based, three digits) "head-cNNN",
// "secretary-cNNN", "coordinator-cNNN", "specialist-cNNN-MM", "expert-cNNN-MM", "volunteer-cNNN-MM".
std::string staff_login_scheme();

} // namespace patronage::bench
