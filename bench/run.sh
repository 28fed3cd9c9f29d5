#!/usr/bin/env bash
# The benchmark suite of issue 7 in one command:
#
#   bash bench/run.sh [--households 100000] [--seed 1] [--seconds 5] [--build DIR] [--skip-http] [--skip-reports]
#
# 1. builds the bench targets optimised (RelWithDebInfo) in DIR (default build-bench in the repository);
# 2. generates the synthetic region, cached as DIR/bench-data/region-<households>-seed<seed>.db;
# 3. runs bench/storage (storage layer against raw sqlite3) on it;
# 4. runs bench/http/run.sh and report_timing on it when they exist (skipped with a message otherwise);
# and writes everything to build/bench-results/<UTC timestamp>.txt in the repository.
# Not part of the test command. At 100k households the whole suite takes about 10 minutes on 2 cores.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
households=100000
seed=1
seconds=5
build="$root/build-bench"
skip_http=0
skip_reports=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --households) households="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --skip-http) skip_http=1; shift ;;
    --skip-reports) skip_reports=1; shift ;;
    *) echo "usage: bash bench/run.sh [--households N] [--seed S] [--seconds S] [--build DIR] [--skip-http] [--skip-reports]" >&2
       exit 2 ;;
  esac
done

results="$root/build/bench-results"
mkdir -p "$results"
out="$results/$(date -u +%Y%m%dT%H%M%SZ).txt"
exec > >(tee "$out") 2>&1
echo "# Patronage benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), households=$households seed=$seed"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

launcher=()
if command -v ccache > /dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" > /dev/null
targets=(patronage_generate patronage_storage_bench)
have_reports=0
if grep -q "add_executable(report_timing" "$root/bench/CMakeLists.txt" && [[ $skip_reports -eq 0 ]]; then
  targets+=(report_timing)
  have_reports=1
fi
have_http=0
if [[ -x "$root/bench/http/run.sh" || -f "$root/bench/http/run.sh" ]] && [[ $skip_http -eq 0 ]]; then
  targets+=(patronage)
  have_http=1
fi
echo "## build: ${targets[*]}"
cmake --build "$build" --target "${targets[@]}" -j2 | tail -1

data="$build/bench-data"
db="$data/region-$households-seed$seed.db"
mkdir -p "$data"
if [[ -f "$db" && -f "$db.done" ]]; then
  echo "## region: cached $db"
else
  echo "## region: generating $households households (seed $seed)"
  rm -f "$db" "$db.done"
  "$build/bench/patronage_generate" --households "$households" --seed "$seed" --out "$db" 2>&1 |
    grep -v '"migration applied"' | tr '\r' '\n' | grep -v '^\[' || true
  [[ -f "$db" ]] || { echo "generation failed" >&2; exit 1; }
  touch "$db.done"
fi
"$build/bench/patronage_storage_bench" --db "$db" --check

echo "## storage layer vs raw sqlite3"
"$build/bench/patronage_storage_bench" --db "$db" --seconds "$seconds" 2>&1 | grep -v '"migration applied"'

if [[ $have_http -eq 1 ]]; then
  echo "## HTTP (bench/http/run.sh)"
  bash "$root/bench/http/run.sh" --db "$db" --bin "$build/patronage" --login specialist-c001-01 \
    --password patronage-bench-2026 || echo "bench/http/run.sh failed (exit $?)"
else
  echo "## HTTP: skipped (bench/http/run.sh not present or --skip-http)"
fi

if [[ $have_reports -eq 1 ]]; then
  echo "## reports (report_timing)"
  "$build/bench/report_timing" "sqlite:$db" || echo "report_timing failed (exit $?)"
else
  echo "## reports: skipped (no report_timing target or --skip-reports)"
fi
echo "# results written to $out"
