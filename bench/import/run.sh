#!/usr/bin/env bash
# Times `patronage import households --apply` of a generated register (issue 18): N households (default 100,000)
# with their members into a fresh SQLite database, duplicate checks included, then `import undo` of the batch it
# made. Target: under 60 s for 100,000.
#
#   bash bench/import/run.sh [N] [build dir] [report copy]
#
# Prints the dry run's, the apply's and the undo's wall and CPU time (user + system, all threads) and the load
# average before each; the lead records them in docs/benchmarks.md. With a third argument the dry run's report is kept
# there (to compare the duplicate findings of two builds).
set -euo pipefail
households=${1:-100000}
build=${2:-build}
report_copy=${3:-}
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

load() { cut -d ' ' -f 1-3 /proc/loadavg; }

echo "load before the dry run: $(load)"
/usr/bin/time -q -o "$work/time" -f "%e %U %S" \
  "$patronage" -d "$db" import households "$work/register.csv" --unit "$unit" --report "$work/report.csv" \
  | tail -n 1
read -r wall user sys < "$work/time"
echo "dry run: $wall s wall, $(echo "$user + $sys" | bc) s CPU"
if [ -n "$report_copy" ]; then
  cp "$work/report.csv" "$report_copy"
fi

echo "load before the apply: $(load)"
/usr/bin/time -q -o "$work/time" -f "%e %U %S" \
  "$patronage" -d "$db" import households "$work/register.csv" --unit "$unit" --apply > "$work/apply.txt" || true
tail -n 1 "$work/apply.txt"
read -r wall user sys < "$work/time"
echo "apply: $wall s wall, $(echo "$user + $sys" | bc) s CPU"

# The summary's last line names the batch: "... (batch <id>): ..." or "... (пакет <id>): ...".
batch=$(tail -n 1 "$work/apply.txt" | sed -n 's/.*(\(batch\|пакет\) \([^)]*\)).*/\2/p')
if [ -z "$batch" ]; then
  echo "undo: no batch applied"
  exit 1
fi
echo "load before the undo: $(load)"
/usr/bin/time -q -o "$work/time" -f "%e %U %S" "$patronage" -d "$db" import undo "$batch" | tail -n 1
read -r wall user sys < "$work/time"
echo "undo: $wall s wall, $(echo "$user + $sys" | bc) s CPU"
