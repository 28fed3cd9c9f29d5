#!/usr/bin/env bash
# Builds the web application (web/dist) and the patronage binary (build/patronage).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -f web/package.json ]]; then
  (cd web && { [[ -d node_modules && node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund; } && npm run build)
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build build -j"$(nproc)"
