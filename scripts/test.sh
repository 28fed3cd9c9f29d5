#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs packages, builds, runs
# the C++ tests on SQLite and a throwaway PostgreSQL, the web unit and
# end-to-end tests, and the C++ tests again under ASan+UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
phase_started=$SECONDS
phase() { echo "== $1 took $((SECONDS - phase_started)) s"; phase_started=$SECONDS; }

bash scripts/install-deps.sh
phase "installing packages"
# The web app is built and tested with the Node.js scripts/node-env.sh fetches from the npm registry, the one a
# fresh Debian 12 (whose own nodejs is 18) gets, even where the system has a newer one.
export PATRONAGE_NODE_FROM_NPM=1
source scripts/node-env.sh
# Line tables only (-g1): a sanitizer's report and perf still name file and line, and the two builds, most of the
# suite's time on two cores, take a quarter less CPU than with full debug information (-g).
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" >/dev/null
bash scripts/build.sh
phase "build"

# The sanitizer tree builds from here on in the background, at the scheduler's idle priority (SCHED_IDLE): it takes
# only the CPU the phases below leave. Built after them it was 631 s of a 46-minute suite; beside them, 198 of its 215
# steps were done when the end-to-end tests ended (which took ~180 s longer), and the suite took 44.6 minutes.
# Since storage, domain, app and http compile in unity batches too, it takes 731 s of CPU instead of 1,022 s, and the
# build above 534 s instead of 759 s (fresh trees at nice 10, ccache recaching, /usr/bin/time). A fresh clone's
# suite then took 25.9 minutes (2026-12-07: build 337 s, the rest of the sanitizer build 149 s), on a host that also
# ran the unchanged C++ tests in 178 s against 329 s before, so not all of the drop is the unity builds.
# Its own process group (set -m), so that a failing suite stops it whole on the way out.
mkdir -p build-asan
asan_log=build-asan/build.log
set -m
( chrt --idle 0 cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
    -DPATRONAGE_SANITIZE=ON && chrt --idle 0 cmake --build build-asan -j"$(nproc)" ) >"$asan_log" 2>&1 &
asan_build=$!
set +m
trap 'kill -- "-$asan_build" 2>/dev/null || true' EXIT

echo "== C++ tests (SQLite and PostgreSQL)"
bash scripts/with-postgres.sh ctest --test-dir build --output-on-failure -j2 --timeout 300
phase "C++ tests"

echo "== HTTP fuzzer, 90 s (bench/fuzz/README.md; a hang fails it with what was in flight)"
python3 bench/fuzz/http_fuzz.py --bin build/patronage --seconds 90 --seed 20261123
phase "HTTP fuzzer"

if [[ -f web/package.json ]]; then
  echo "== web unit tests"
  (cd web && npm run test)
  phase "web unit tests"
  echo "== end-to-end tests in Chromium"
  bash scripts/e2e.sh
  phase "end-to-end tests"
fi

# On SQLite only: both backends ran above. On both, this run took 651 s of a 53-minute suite (session 8), over the
# 45 minutes the suite must stay under; the PostgreSQL half adds only the libpq calls to what it checks.
echo "== C++ tests under AddressSanitizer and UndefinedBehaviorSanitizer (SQLite)"
wait "$asan_build" || { tail -n 100 "$asan_log"; echo "== the sanitizer build failed: $asan_log"; exit 1; }
phase "rest of the sanitizer build"
# Each test executable whole (scripts/run-test-binaries.sh), not a process per test as ctest starts them: a sanitized
# executable takes up to a second of CPU only to start.
export PATRONAGE_TEST_BACKENDS=sqlite ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
bash scripts/run-test-binaries.sh build-asan
ctest --test-dir build-asan --output-on-failure --timeout 600 -R '^bench_generate_smoke$'
phase "C++ tests under the sanitizers"

echo "== all tests passed in $((SECONDS - started)) s"
