#!/usr/bin/env bash
# Issue 16's everyday screens on SQLite and PostgreSQL in one run, back to back:
#
#   bash bench/pg/screens.sh --region build/bench-data/region-100000-seed1.db --bin build/patronage \
#        [--pg-dir build/bench-pg] [--duration 10] [--runs "sqlite pg1 pg2"] [--shared-buffers 2GB] [--in-place]
#
# 1. starts the durable PostgreSQL of bench/pg/server.sh in --pg-dir (fsync and synchronous_commit on) and
#    prints its settings;
# 2. loads the region into the database REGION_NAME there once (bench/pg/load.py; kept for later runs, with
#    its audit key as --pg-dir/REGION_NAME.audit-key);
# 3. runs bench/http/run.sh (nginx in the same run, user specialist-c001-01) on a fresh copy of the region for
#    each of: sqlite (1 process on a copy of the SQLite file), pg1 (1 process on a copy of the loaded
#    database, CREATE DATABASE … TEMPLATE), pg2 (2 processes on one such copy, wrk's threads split between them).
# Each run starts from the same data (the write scenarios add visits). Output: build/bench-results/pg-<UTC>.txt.
# The region's SQLite file is only read. Needs the disk for one more copy of the SQLite file and two of the
# PostgreSQL database (the loaded one and the run's).
# --in-place (for a region too large to copy, 1M households: ~23 GB in PostgreSQL): pg1 and pg2 run on the loaded
# database itself, one after the other, with one copy of its audit key and anchor (so pg2 finds the anchor pg1
# moved); no sqlite run (it would need a copy of the file). So pg2 starts with the visits pg1 added (a few
# thousand rows among 18M at 1M: negligible, but not the same data), and the loaded database keeps them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
region="" bin="" pg_dir="$root/build/bench-pg" duration=10 runs="sqlite pg1 pg2" shared_buffers=2GB
login=specialist-c001-01 password=patronage-bench-2026 in_place=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --region) region="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --pg-dir) pg_dir="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --shared-buffers) shared_buffers="$2"; shift 2 ;;
    --in-place) in_place=1; shift ;;
    *) sed -n 2,20p "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
done
[[ -f "$region" && -x "$bin" ]] || { sed -n 4,5p "${BASH_SOURCE[0]}" >&2; exit 2; }
region="$(cd "$(dirname "$region")" && pwd)/$(basename "$region")"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
name="$(basename "$region" .db | tr -c 'a-z0-9\n' _)"

mkdir -p "$root/build/bench-results"
out="$root/build/bench-results/pg-$(date -u +%Y%m%dT%H%M%SZ).txt"
exec > >(tee "$out") 2>&1
echo "# everyday screens, SQLite vs PostgreSQL, $(date -u '+%Y-%m-%d %H:%M UTC'), region $region"
echo "# commit $(git -C "$root" rev-parse --short HEAD), binary $bin; load $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $in_place == 1 ]]; then
  echo "# --in-place: the PostgreSQL runs use the loaded database itself, one after the other: each run after the"
  echo "# first starts with the visits the runs before it added (and the database keeps them); no sqlite run"
fi

base_url="$(bash "$here/server.sh" start "$pg_dir" --shared-buffers "$shared_buffers")"
echo "# PostgreSQL: $(bash "$here/server.sh" settings "$pg_dir" | tr '\n' ' ')"
key="$pg_dir/$name.audit-key"
if [[ -z "$(psql "${base_url}postgres" -Atc "SELECT 1 FROM pg_database WHERE datname = '$name'")" || ! -f "$key" ]]; then
  echo "## loading $name into PostgreSQL"
  python3 "$here/load.py" --sqlite "$region" --url "$base_url$name" --bin "$bin" --key-out "$key" --replace
fi
psql "$base_url$name" -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
echo "# PostgreSQL database $name: $(psql "${base_url}postgres" -Atc "SELECT pg_size_pretty(pg_database_size('$name'))")"

scratch="$(mktemp -d "$root/build/bench-pg-run.XXXXXX")"
cleanup() {
  psql "${base_url}postgres" -qc "DROP DATABASE IF EXISTS bench_run" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
if [[ $in_place == 1 ]]; then
  # One copy of the key and its anchor for all the runs: each run's server moves the anchor on.
  cp "$key" "$scratch/pg.audit-key"
  cp "$key.anchor" "$scratch/pg.audit-key.anchor"
fi

http=(bash "$root/bench/http/run.sh" --bin "$bin" --login "$login" --password "$password" --duration "$duration")
for run in $runs; do
  echo
  case "$run" in
    sqlite)
      if [[ $in_place == 1 ]]; then
        echo "## SQLite: skipped (--in-place: no copy of the file, and the region is not written)"
        continue
      fi
      cp "$region" "$scratch/run.db"
      cp "${region%.db}.audit-key" "$scratch/run.audit-key"
      cp "${region%.db}.audit-key.anchor" "$scratch/run.audit-key.anchor"
      # The copy's pages are still being written back: the server's first fsyncs would wait for them (p99 of
      # 0.6-0.7 s in the first scenario's first seconds, none after a sync).
      sync
      echo "## SQLite, 1 process (a copy of $(basename "$region"))"
      "${http[@]}" --db "$scratch/run.db" || echo "bench/http/run.sh failed (exit $?)"
      rm -f "$scratch"/run.*
      ;;
    pg1|pg2)
      processes="${run#pg}"
      if [[ $in_place == 1 ]]; then
        db_run="$name"
        echo "## PostgreSQL, $processes process(es) (database $name itself, --in-place${pg_runs_before:+: with the visits of the $pg_runs_before run(s) before})"
        pg_runs_before=$((${pg_runs_before:-0} + 1))
      else
        db_run=bench_run
        psql "${base_url}postgres" -qc "DROP DATABASE IF EXISTS bench_run"
        psql "${base_url}postgres" -qc "CREATE DATABASE bench_run TEMPLATE $name STRATEGY FILE_COPY"
        cp "$key" "$scratch/pg.audit-key"
        cp "$key.anchor" "$scratch/pg.audit-key.anchor"
        echo "## PostgreSQL, $processes process(es) (a copy of database $name)"
      fi
      psql "${base_url}$db_run" -qc "SELECT pg_stat_statements_reset()" >/dev/null
      "${http[@]}" --url "${base_url}$db_run" --audit-key "$scratch/pg.audit-key" --processes "$processes" \
        --pg-data "$pg_dir/data" || echo "bench/http/run.sh failed (exit $?)"
      echo "# top statements by total time (pg_stat_statements, this run):"
      psql "${base_url}$db_run" -Atc "SELECT round(total_exec_time)::text || ' ms total, ' || calls || ' calls, ' ||
          round((total_exec_time / calls)::numeric, 3) || ' ms/call: ' || left(regexp_replace(query, '\s+', ' ', 'g'), 150)
          FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$db_run')
          ORDER BY total_exec_time DESC LIMIT 12" || true
      ;;
    *) echo "unknown run $run" ;;
  esac
done
echo
echo "# load at the end $(cut -d' ' -f1-3 /proc/loadavg); results in $out"
