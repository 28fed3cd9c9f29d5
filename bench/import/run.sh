#!/usr/bin/env bash
# Times `patronage import households --apply` of a generated register (issue 18): N households (default 100,000)
# with their members into a fresh SQLite database, duplicate checks included. Target: under 60 s for 100,000.
#
#   bash bench/import/run.sh [N] [build dir]
#
# Prints the dry run's and the apply's wall time; the lead records them in docs/benchmarks.md.
set -euo pipefail
households=${1:-100000}
build=${2:-build}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
patronage="$build/patronage"
db="sqlite:$work/bench.db"

python3 "$here/generate.py" "$households" > "$work/register.csv"
rows=$(($(wc -l < "$work/register.csv") - 1))
"$patronage" -d "$db" migrate > /dev/null 2>&1
"$patronage" -d "$db" unit add --name "Область" --kind region > /dev/null
unit=$("$patronage" -d "$db" unit list 2>/dev/null | awk 'NR == 1 {print $1}')
echo "households: $households, rows (persons): $rows, unit: $unit"

start=$(date +%s.%N)
"$patronage" -d "$db" import households "$work/register.csv" --unit "$unit" --report "$work/report.csv" --progress \
  | tail -n 1
echo "dry run: $(echo "$(date +%s.%N) - $start" | bc) s"

start=$(date +%s.%N)
"$patronage" -d "$db" import households "$work/register.csv" --unit "$unit" --apply --progress | tail -n 1 || true
echo "apply: $(echo "$(date +%s.%N) - $start" | bc) s"
