#!/usr/bin/env bash
# Runs every GoogleTest executable of a build tree whole, in two shards each, two at a time:
#
#   scripts/run-test-binaries.sh BUILD_DIR
#
# For the sanitizer tree. ctest starts one process per test, and a sanitized executable takes 0.4–0.8 s of CPU
# only to start (ASan's shadow memory, the relocations of a 300 MB binary): about a thousand starts were minutes of
# the suite. Here each executable starts twice. Output goes to BUILD_DIR/test-logs/; a failing shard's log is
# printed, and the exit status is non-zero when any shard failed or ran over 20 minutes.
set -euo pipefail
build=${1:?usage: run-test-binaries.sh BUILD_DIR}
logs="$build/test-logs"
rm -rf "$logs"
mkdir -p "$logs"
shards=2

run_shard() { # run_shard BINARY INDEX
  local name log
  name=$(basename "$1")
  log="$logs/$name.$2.log"
  # The tests expect their folder as the working directory, as ctest gives it.
  if (cd "$(dirname "$1")" && GTEST_TOTAL_SHARDS=$shards GTEST_SHARD_INDEX=$2 timeout -k 10 1200 "./$name" --gtest_brief=1) >"$log" 2>&1; then
    echo "passed: $name shard $2: $(grep -m 1 -o 'PASSED  \] [0-9]* tests\?' "$log" | cut -d' ' -f4-)"
  else
    echo "FAILED: $name shard $2"
    tail -n 200 "$log"
    return 1
  fi
}
export -f run_shard
export logs shards

binaries=("$build"/tests/*_tests)
[[ -x "${binaries[0]}" ]] || { echo "no test executables in $build/tests" >&2; exit 2; }
for binary in "${binaries[@]}"; do
  for ((index = 0; index < shards; index++)); do echo "$binary $index"; done
done | xargs -P 2 -L 1 bash -c 'run_shard "$0" "$1"'
