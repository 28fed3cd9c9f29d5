// patronage_generate: writes a synthetic region into a new SQLite database (issue 7).
//
//   patronage_generate --households 1000000 --out /work/bench-data/region-1000000.db [--seed 1]
//                      [--today YYYY-MM-DD] [--password TEXT] [--durable] [--quiet]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "region.hpp"

namespace {

constexpr auto k_default_password = "patronage-bench-2026";

int usage() {
  std::fprintf(stderr,
               "usage: patronage_generate --out FILE [--households N (100000)] [--seed S (1)] [--today YYYY-MM-DD]\n"
               "                          [--password TEXT (%s)] [--durable] [--quiet]\n"
               "  --durable: synchronous=FULL during the load too (slower); by default the load runs with\n"
               "             synchronous=OFF and makes the file durable (FULL + WAL checkpoint) at the end.\n",
               k_default_password);
  return 2;
}

void draw(double done, long long rows, std::chrono::steady_clock::time_point start) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  constexpr int k_width = 40;
  const int filled = static_cast<int>(done * k_width);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(k_width, '.');
  const double eta = done > 0 ? seconds / done - seconds : 0;
  std::fprintf(stderr, "\r[%s] %5.1f%%  %lld rows  %.0f rows/s  %.0fs elapsed  ETA %.0fs ", bar.c_str(),
               done * 100, rows, seconds > 0 ? rows / seconds : 0.0, seconds, eta);
  std::fflush(stderr);
}

} // namespace

int main(int argc, char** argv) {
  using namespace patronage;
  bench::RegionOptions options;
  options.password = k_default_password;
  options.today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--households") {
      options.households = std::atoll(value().c_str());
    } else if (arg == "--seed") {
      options.seed = std::strtoull(value().c_str(), nullptr, 10);
    } else if (arg == "--out") {
      options.out = value();
    } else if (arg == "--today") {
      const auto day = util::parse_date(value());
      if (!day) {
        return usage();
      }
      options.today = *day;
    } else if (arg == "--password") {
      options.password = value();
    } else if (arg == "--durable") {
      options.unsafe_fast = false;
    } else if (arg == "--quiet") {
      quiet = true;
    } else {
      return usage();
    }
  }
  if (options.out.empty() || options.households < 1 || options.password.empty()) {
    return usage();
  }
  const auto start = std::chrono::steady_clock::now();
  if (!quiet) {
    options.progress = [start](double done, long long rows) { draw(done, rows, start); };
  }
  auto summary = bench::generate_region(options);
  if (!quiet) {
    std::fputc('\n', stderr);
  }
  if (!summary) {
    std::fprintf(stderr, "generation failed: %s\n", summary.error().key.c_str());
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("generated %s: %lld households, %lld persons, %lld cases, %lld visits, %lld staff in %lld centres; "
              "%lld rows in %.1f s (%.0f rows/s); today %s, seed %llu\n",
              options.out.c_str(), summary->households, summary->persons, summary->cases, summary->visits,
              summary->staff, summary->centres, summary->rows, seconds, summary->rows / seconds,
              util::format_date(options.today).c_str(), static_cast<unsigned long long>(options.seed));
  std::printf("staff logins: %s; password of every account: %s\n", bench::staff_login_scheme().c_str(),
              options.password.c_str());
  return 0;
}
