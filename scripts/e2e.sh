#!/usr/bin/env bash
# Starts patronage on a fresh SQLite database with demo data and runs the
# Playwright tests (Debian's chromium) against it.
#
#   scripts/e2e.sh [playwright arguments, e.g. a spec file]
#
# The specs run in PATRONAGE_E2E_SHARDS shards at once (2 unless set), each with its own server and database:
# a spec spends most of its time waiting on the page (it used about a third of a core), so two shards take about
# half the time on two cores. Each shard's output is printed when it ends.
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

runners=()
for ((shard = 1; shard <= shards; shard++)); do
  start_server "$shard"
  (cd web && PATRONAGE_E2E_URL="http://127.0.0.1:$(cat "$work/port-$shard")" npx playwright test \
    --shard="$shard/$shards" --output="test-results/artifacts-$shard" "$@") >"$work/shard-$shard.log" 2>&1 &
  runners+=($!)
done

status=0
for ((shard = 1; shard <= shards; shard++)); do
  wait "${runners[shard - 1]}" || status=1
  echo "-- end-to-end shard $shard of $shards"
  cat "$work/shard-$shard.log"
done
exit $status
