#!/usr/bin/env bash
# What parsing and planning every statement anew costs PostgreSQL: three statements of a case page (the case with
# its household, lead and surname; its consents; its transitions, as the server sends them) for a random open case,
# run by pgbench with the extended protocol (parse + plan every time, as our SOCI path does, which also prepares a
# named statement in a round trip of its own) and with prepared statements (parsed once per connection, a generic
# plan after five runs). Prints transactions/s and the PostgreSQL server's CPU per transaction, in turn, `--rounds`
# times each. Reads only.
#
#   bash bench/pg/prepared.sh --url postgresql://postgres@127.0.0.1:PORT/DATABASE [--seconds 8] [--rounds 2]
set -euo pipefail

url="" seconds=8 rounds=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) url="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) sed -n 9p "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
done
[[ -n "$url" ]] || { sed -n 9p "${BASH_SOURCE[0]}" >&2; exit 2; }
pgbench="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pgbench"
work="$(mktemp -d /tmp/patronage-pg-prepared.XXXXXX)"
trap 'rm -rf "$work"' EXIT

ids="$(psql "$url" -Atc "SELECT string_agg(quote_literal(id), ',') FROM (SELECT id FROM cases
  WHERE state NOT IN ('closed', 'rejected') ORDER BY id LIMIT 200) t")"
count="$(psql "$url" -Atc "SELECT COUNT(*) FROM cases WHERE state NOT IN ('closed', 'rejected')")"
(( count > 200 )) && count=200
cat >"$work/case.sql" <<EOF
\\set n random(1, $count)
SELECT c.id, c.unit_id, n.path, c.household_id, c.signal_id, c.state, c.state_entered_on, c.opened_on, c.intensity, c.planned_end, c.lead_id, c.previous_case_id, c.created_at, c.updated_at, c.version, h.address, COALESCE(u.full_name, ''), COALESCE(c.case_number, ''), COALESCE((SELECT p.last_name FROM persons p WHERE p.household_id = c.household_id ORDER BY p.created_at, COALESCE(p.birth_date, ''), p.id LIMIT 1), ''), h.categories FROM cases c JOIN units n ON n.id = c.unit_id JOIN households h ON h.id = c.household_id LEFT JOIN users u ON u.id = c.lead_id WHERE c.id = (ARRAY[$ids])[:n];
SELECT id, case_id, signed_by, covers, scope, signed_on, valid_until, withdrawn_on, document_id, created_by, created_at FROM consents WHERE case_id = (ARRAY[$ids])[:n] ORDER BY created_at, id;
SELECT id, case_id, from_state, to_state, at, on_date, user_id, reason, override_reason FROM case_transitions WHERE case_id = (ARRAY[$ids])[:n] ORDER BY ordinal;
EOF

ticks="$(getconf CLK_TCK)"
# CPU seconds of pgbench's own backends (other processes come and go: autovacuum, psql).
db_cpu() { awk -v t="$ticks" '{ s += $14 + $15 } END { printf "%.3f", s / t }' $(sed 's|.*|/proc/&/stat|' <<<"$backends") 2>/dev/null; }

for round in $(seq 1 "$rounds"); do
  for mode in extended prepared; do
    "$pgbench" -n -c 2 -j 1 -T "$seconds" -M "$mode" -f "$work/case.sql" "$url" >"$work/out" 2>&1 &
    pid=$!
    sleep 1 # the clients connect (pgbench's first connection, a check, has ended by then)
    backends="$(psql "$url" -Atc "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench'" |
      while read -r p; do [[ -e /proc/$p/stat ]] && echo "$p"; done)"
    before="$(db_cpu)" t0="$(date +%s.%N)"
    # The last reading while every backend still lives (they end with pgbench, at a moment a loaded machine moves).
    after="$before" t1="$t0"
    while kill -0 "$pid" 2>/dev/null; do
      sleep 0.5
      if now="$(db_cpu)"; then after="$now" t1="$(date +%s.%N)"; fi
    done
    wait "$pid"
    tps="$(awk '/^tps/ {print $3}' "$work/out")"
    awk -v m="$mode" -v r="$round" -v tps="$tps" -v a="$before" -v b="$after" -v s="$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" \
      -v l="$(cut -d' ' -f1 /proc/loadavg)" \
      'BEGIN {printf "round %d %-9s %8.0f tx/s   PostgreSQL CPU %.3f ms per tx (3 statements, over %.1f s)   load %s\n", r, m, tps, (b - a) * 1000 / (tps * s), s, l}'
  done
done
