#!/usr/bin/env bash
# Checks a load of bench/pg/load.py: starts `patronage serve` on the SQLite region and on the PostgreSQL copy,
# signs in as the same user on both, and compares answers of the everyday screens byte for byte (after jq -S):
# the case list, N case pages, the work list, name searches, a household, the visits tab of a case.
#
#   bash bench/pg/compare.sh --bin build/patronage --sqlite FILE --url postgresql://… --audit-key KEY \
#        [--login specialist-c001-01 --password patronage-bench-2026] [--cases 20]
#
# Reads only (the reads' audit entries are written, nothing else). Prints one line per answer and exits 1 when
# any differs; the differing pair is kept in a temp folder and its path printed.
set -euo pipefail

bin="" sqlite="" url="" key="" login="specialist-c001-01" password="patronage-bench-2026" cases=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --sqlite) sqlite="$2"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
    --audit-key) key="$2"; shift 2 ;;
    --login) login="$2"; shift 2 ;;
    --password) password="$2"; shift 2 ;;
    --cases) cases="$2"; shift 2 ;;
    *) sed -n 2,9p "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
done
[[ -x "$bin" && -f "$sqlite" && -n "$url" && -f "$key" ]] || { sed -n 6,7p "${BASH_SOURCE[0]}" >&2; exit 2; }

work="$(mktemp -d /tmp/patronage-pg-compare.XXXXXX)"
pids=()
differ=0
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [[ $differ -eq 0 ]] && rm -rf "$work" || echo "kept: $work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start() { # start NAME DATABASE [env...]: sets $base (not in a subshell: the pid must reach cleanup)
  local name="$1" database="$2" port
  shift 2
  port="$(free_port)"
  env LANG=en_US.UTF-8 "$@" "$bin" -d "$database" serve --listen 127.0.0.1 --port "$port" --threads 2 \
    --web "$work/no-web" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  base="http://127.0.0.1:$port"
}
start sqlite "sqlite:$sqlite"
sqlite_base="$base"
start pg "$url" PATRONAGE_AUDIT_KEY_FILE="$key"
pg_base="$base"

cookie_of() { # cookie_of BASE NAME
  curl -fs -c "$work/$2.cookies" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$login\",\"password\":\"$password\"}" "$1/api/v1/auth/login" >/dev/null
  awk '$6 == "patronage_session" {print $7}' "$work/$2.cookies"
}
sqlite_cookie="$(cookie_of "$sqlite_base" sqlite)"
pg_cookie="$(cookie_of "$pg_base" pg)"

tag_of() { printf '%s' "$1" | tr -c 'A-Za-z0-9' _; }
same() { # same PATH: GET on both, compare the sorted JSON
  local path="$1" tag
  tag="$(tag_of "$path")"
  curl -fs -H "Cookie: patronage_session=$sqlite_cookie" -H 'Accept-Language: en' "$sqlite_base$path" |
    jq -S . >"$work/$tag.sqlite.json"
  curl -fs -H "Cookie: patronage_session=$pg_cookie" -H 'Accept-Language: en' "$pg_base$path" |
    jq -S . >"$work/$tag.pg.json"
  if cmp -s "$work/$tag.sqlite.json" "$work/$tag.pg.json"; then
    printf 'same     %-60s %7s bytes\n' "$path" "$(stat -c %s "$work/$tag.pg.json")"
  else
    printf 'DIFFERS  %-60s (%s)\n' "$path" "$(diff "$work/$tag.sqlite.json" "$work/$tag.pg.json" | head -c 300 | tr '\n' ' ')"
    differ=1
  fi
}

same /api/v1/cases
same /api/v1/worklist
for q in %D0%98%D0%B2%D0%B0%D0%BD %D0%A1%D0%BC%D0%B8%D1%80%D0%BD %D0%9A%D1%83%D0%B7%D0%BD %D0%9F%D0%B5%D1%82%D1%80; do
  same "/api/v1/search?q=$q" # Иван, Смирн, Кузн, Петр
done
ids="$(jq -r '(.items // .)[] | .id' "$work/$(tag_of /api/v1/cases).pg.json" | head -n "$cases")"
for id in $ids; do
  same "/api/v1/cases/$id"
done
first="$(head -n 1 <<<"$ids")"
same "/api/v1/cases/$first/visits"
household="$(jq -r '.household_id // .household.id // empty' "$work/$(tag_of "/api/v1/cases/$first").pg.json")"
[[ -n "$household" ]] && same "/api/v1/households/$household"
[[ $differ -eq 0 ]] && echo "all answers equal" || { echo "some answers differ"; exit 1; }
