#!/usr/bin/env bash
# Starts patronage on a fresh SQLite database with demo data and runs the
# Playwright tests (Debian's chromium) against it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh

work=$(mktemp -d /tmp/patronage-e2e.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# PATRONAGE_BIN: the binary to test (a helper's own build dir); ./build/patronage by default.
bin=${PATRONAGE_BIN:-./build/patronage}
export PATRONAGE_DATABASE="sqlite:$work/e2e.db"
# The service, the browser and the test runner all work in Moscow, as a service and its staff do: "today" is the
# same day for the three at any hour (from 21:00 UTC a UTC browser's today is the service's yesterday).
export PATRONAGE_TIME_ZONE=Europe/Moscow TZ=Europe/Moscow
"$bin" demo >/dev/null
"$bin" serve --port "$port" --web web/dist >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done

(cd web && PATRONAGE_E2E_URL="http://127.0.0.1:$port" npm run e2e)
