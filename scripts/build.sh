#!/usr/bin/env bash
# Builds the web application (web/dist) and the C++ targets named as arguments (all of them without any:
# the server, every test and benchmark). `scripts/run.sh` builds only `patronage`, the test command the rest.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -f web/package.json ]]; then
  source scripts/node-env.sh
  (cd web && { [[ -d node_modules && node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund; } && npm run build)
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build build -j"$(nproc)" ${1:+--target "$@"}
