#!/usr/bin/env bash
# Installs every system package the project needs on Debian 12 (run as root).
# Safe to run again: apt skips what is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  libicu-dev libsodium-dev libexpected-dev libcli11-dev libtomlplusplus-dev
  libspdlog-dev libfmt-dev libxlsxwriter-dev libhowardhinnant-date-dev tzdata
  libzip-dev libpugixml-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  wrk nginx-light curl python3 chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
