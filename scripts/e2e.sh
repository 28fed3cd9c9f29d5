#!/usr/bin/env bash
# Starts patronage on a fresh SQLite database with demo data and runs the
# Playwright tests (Debian's chromium) against it.
#
#   scripts/e2e.sh [playwright arguments, e.g. a spec file]
#
# The specs run in PATRONAGE_E2E_SHARDS runners at once (2 unless set), each with its own server and database:
# a spec spends most of its time waiting on the page (it used about a third of a core), so two runners take about
# half the time on two cores. Each runner takes the next spec file from one queue, the longest known first, so
# neither waits long for the other at the end (Playwright's own --shard splits by test count, and the long specs fell
# into one shard).
# With arguments, they go to Playwright as they are, split with --shard. Each runner's output is printed when it
# ends.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh

shards=${PATRONAGE_E2E_SHARDS:-2}
work=$(mktemp -d /tmp/patronage-e2e.XXXXXX)
# PATRONAGE_BIN: the binary to test (a helper's own build dir); ./build/patronage by default.
bin=${PATRONAGE_BIN:-./build/patronage}
# The service, the browser and the test runner all work in Moscow, as a service and its staff do: "today" is the
# same day for the three at any hour (from 21:00 UTC a UTC browser's today is the service's yesterday).
export PATRONAGE_TIME_ZONE=Europe/Moscow TZ=Europe/Moscow
servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

start_server() { # start_server SHARD: prints the server's port
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PATRONAGE_DATABASE="sqlite:$work/e2e-$1.db" "$bin" demo >/dev/null
  PATRONAGE_DATABASE="sqlite:$work/e2e-$1.db" "$bin" serve --port "$port" --web web/dist >"$work/server-$1.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
    sleep 0.1
  done
  echo "$port" >"$work/port-$1"
}

# The longest spec files first (minutes, measured in the suite); the others follow in name order.
longest_first=(russian-walk full-cycle casework a11y import capture instruments visit-conflict)
queue="$work/queue"
if [[ $# -eq 0 ]]; then
  for name in "${longest_first[@]}"; do echo "e2e/$name.spec.ts"; done >"$queue"
  (cd web && ls e2e/*.spec.ts) | grep -v -x -F -f "$queue" >>"$queue" || true
fi

next_spec() { # prints the next spec file of the queue and takes it out; nothing when the queue is empty
  flock "$queue.lock" sh -c 'head -n 1 "$1"; sed -i 1d "$1"' _ "$queue"
}

run_shard() { # run_shard SHARD [playwright arguments]
  local shard=$1 status=0 spec
  shift
  local url="http://127.0.0.1:$(cat "$work/port-$shard")"
  if [[ $# -gt 0 ]]; then
    (cd web && PATRONAGE_E2E_URL="$url" npx playwright test --shard="$shard/$shards" \
      --output="test-results/artifacts-$shard" "$@") || status=1
    return $status
  fi
  while spec=$(next_spec) && [[ -n $spec ]]; do
    (cd web && PATRONAGE_E2E_URL="$url" npx playwright test "$spec" --output="test-results/artifacts-$shard/$(basename "$spec" .spec.ts)") ||
      status=1
  done
  return $status
}

runners=()
for ((shard = 1; shard <= shards; shard++)); do
  start_server "$shard"
  run_shard "$shard" "$@" >"$work/shard-$shard.log" 2>&1 &
  runners+=($!)
done

status=0
for ((shard = 1; shard <= shards; shard++)); do
  wait "${runners[shard - 1]}" || status=1
  echo "-- end-to-end runner $shard of $shards"
  cat "$work/shard-$shard.log"
done
exit $status
