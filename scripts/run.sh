#!/usr/bin/env bash
# One command for a fresh Debian 12 machine (as root): installs packages,
# builds, creates data/patronage.db with demo data if absent, serves on
# http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/build.sh patronage

export PATRONAGE_DATABASE="${PATRONAGE_DATABASE:-sqlite:data/patronage.db}"
./build/patronage demo
exec ./build/patronage serve "$@"
