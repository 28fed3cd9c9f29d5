#!/usr/bin/env bash
# HTTP load benchmark of `patronage serve` beside nginx serving the same bytes.
#
#   bench/http/run.sh [--db FILE] [--duration 10] [--bin PATH] [--threads 2] [--connections 32]
#                     [--wrk-threads 2] [--login ivanova --password demo-spec-2026] [--keep]
#                     [--scenarios "static case_read worklist search visit_write mixed"]
#                     [--url postgresql://… --audit-key FILE [--processes 2] [--pg-data DIR]]
#
# Without --db a fresh demo database is made with `patronage demo` in a temp folder.
# A database given with --db (or --url) is used in place: the write scenarios add visits to it.
# --url runs the server on a PostgreSQL database (bench/pg/load.py loads a region into one) with the
# audit key FILE; --processes 2 starts two servers on it, each on its own port with --threads each,
# and wrk's threads alternate between the ports (-t a multiple of the processes); --pg-data, the data
# folder of its server (bench/pg/server.sh), adds the PostgreSQL processes' CPU per request.
# The server and nginx run on 127.0.0.1 with the same number of threads/workers
# (--threads), and wrk uses the same connections and threads for every scenario.
# Prints requests/s, p50/p99, errors, the ratio to nginx, the server's peak RSS (VmHWM) and its CPU per request.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
db=""
duration=10
bin="${PATRONAGE_BIN:-/work/build-perf/patronage}"
threads=2
connections=32
wrk_threads=2
login="ivanova"
password="demo-spec-2026"
keep=0
scenarios="static case_read worklist search visit_write mixed"
search_terms=""
url=""
audit_key=""
processes=1
pg_data=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --wrk-threads) wrk_threads="$2"; shift 2 ;;
    --login) login="$2"; shift 2 ;;
    --password) password="$2"; shift 2 ;;
    --search-terms) search_terms="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
    --audit-key) audit_key="$2"; shift 2 ;;
    --processes) processes="$2"; shift 2 ;;
    --pg-data) pg_data="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n 2,17p "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

[[ -x "$bin" ]] || { echo "patronage binary not found: $bin (build target patronage, RelWithDebInfo)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed" >&2; exit 2; }
nginx_bin="${NGINX_BIN:-/usr/sbin/nginx}"

work="$(mktemp -d /tmp/patronage-http-bench.XXXXXX)"
server_pids=()
nginx_pid=""
cleanup() {
  for pid in "${server_pids[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  if [[ $keep -eq 0 ]]; then rm -rf "$work"; else echo "kept: $work"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [[ -n "$url" ]]; then
  [[ -n "$audit_key" ]] || { echo "--url needs --audit-key (the key bench/pg/load.py put beside the load)" >&2; exit 2; }
  database="$url"
  export PATRONAGE_AUDIT_KEY_FILE="$audit_key"
else
  [[ $processes -eq 1 ]] || { echo "--processes 2 needs --url: a SQLite database takes one server" >&2; exit 2; }
  if [[ -z "$db" ]]; then
    db="$work/demo.db"
    LANG=en_US.UTF-8 "$bin" -d "sqlite:$db" demo >/dev/null 2>"$work/demo.log"
  fi
  db="$(cd "$(dirname "$db")" && pwd)/$(basename "$db")"
  database="sqlite:$db"
fi

ports=()
for i in $(seq 1 "$processes"); do
  port="$(free_port)"
  LANG=en_US.UTF-8 "$bin" -d "$database" serve --listen 127.0.0.1 --port "$port" --threads "$threads" \
    --web "$work/no-web" >"$work/server$i.log" 2>&1 &
  server_pids+=($!)
  ports+=("$port")
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "server $i did not start:"; cat "$work/server$i.log"; exit 2; }
done
base="http://127.0.0.1:${ports[0]}"
export PATRONAGE_PORTS="${ports[*]}"

# One login up front; every wrk connection sends the same session cookie and
# the CSRF token the login answer carries (as the web client does).
login_json="$(curl -fs -c "$work/cookies" -H 'Content-Type: application/json' \
  -d "{\"login\":\"$login\",\"password\":\"$password\"}" "$base/api/v1/auth/login")" ||
  { echo "login as $login failed" >&2; exit 2; }
export PATRONAGE_CSRF="$(jq -r .csrf_token <<<"$login_json")"
export PATRONAGE_COOKIE="$(awk '$6 == "patronage_session" {print $7}' "$work/cookies")"
export PATRONAGE_BENCH_DIR="$here"
auth=(-H "Cookie: patronage_session=$PATRONAGE_COOKIE" -H "Accept-Language: en")

# Cases the user may read; the open ones, accepting a visit, are the write targets.
curl -fs "${auth[@]}" "$base/api/v1/cases" | jq -r '(.items // .)[] | .id' | head -n 5000 >"$work/read_ids"
[[ -s "$work/read_ids" ]] || { echo "user $login sees no cases" >&2; exit 2; }
today="$(date -u +%F)"
: >"$work/write_ids"
curl -fs "${auth[@]}" "$base/api/v1/cases" |
  jq -r '(.items // .)[] | select(.state != "closed" and .state != "rejected") | .id' | head -n 300 |
  while read -r id; do
    code="$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -H "X-CSRF-Token: $PATRONAGE_CSRF" \
      -H 'Content-Type: application/json' \
      -d "{\"planned_on\":\"$today\",\"kind\":\"home\",\"purpose\":\"wrk benchmark\"}" "$base/api/v1/cases/$id/visits")"
    [[ "$code" == 201 ]] && echo "$id" >>"$work/write_ids"
  done
export PATRONAGE_READ_IDS="$work/read_ids" PATRONAGE_WRITE_IDS="$work/write_ids"

if [[ -n "$search_terms" ]]; then
  cp "$search_terms" "$work/search_terms"
else
  printf '%s\n' Иван Петр Смирн Кузн Соко Попов Лебед Козлов Новик Морозов Волков Соловь Васил Зайц Павлов >"$work/search_terms"
fi
export PATRONAGE_SEARCH_TERMS="$work/search_terms"

# nginx serves a file with exactly the bytes of one case JSON.
first_id="$(head -n 1 "$work/read_ids")"
curl -fs "${auth[@]}" "$base/api/v1/cases/$first_id" >"$work/case.json"
case_bytes="$(stat -c %s "$work/case.json")"
nginx_port="$(free_port)"
mkdir -p "$work/nginx/html" "$work/nginx/logs"
cp "$work/case.json" "$work/nginx/html/case.json"
# Started as root, nginx workers would run as "nobody" and not read the temp folder.
cat >"$work/nginx/nginx.conf" <<EOF
user $(id -un) $(id -gn);
worker_processes $threads;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  sendfile on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp_body;
  proxy_temp_path $work/nginx/tmp_proxy;
  fastcgi_temp_path $work/nginx/tmp_fastcgi;
  uwsgi_temp_path $work/nginx/tmp_uwsgi;
  scgi_temp_path $work/nginx/tmp_scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/html;
  }
}
EOF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>>"$work/nginx/logs/error.log" &
nginx_pid=$!
for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$nginx_port/case.json" >/dev/null 2>&1 && break
  sleep 0.1
done

peak_rss() { # per server process, "a+b MB" with two
  local out=""
  for pid in "${server_pids[@]}"; do
    out+="${out:++}$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")"
  done
  echo "$out MB"
}
# CPU seconds (user + system) of the server processes, and of the PostgreSQL server's processes (the
# postmaster's children: backends, WAL writer, checkpointer) when --pg-data names its data folder.
ticks="$(getconf CLK_TCK)"
cpu_of() { awk -v t="$ticks" '{ s += $14 + $15 } END { printf "%.3f", s / t }' "$@" 2>/dev/null || echo 0; }
server_cpu() { cpu_of $(printf '/proc/%s/stat ' "${server_pids[@]}"); }
pg_pid=""
[[ -n "$pg_data" ]] && pg_pid="$(head -n 1 "$pg_data/postmaster.pid")"
db_cpu() {
  [[ -n "$pg_pid" ]] || { echo 0; return; }
  cpu_of $(pgrep -P "$pg_pid" | sed 's|.*|/proc/&/stat|')
}

# run_wrk NAME URL SCRIPT: runs wrk, keeps its output in $work/NAME.txt.
run_wrk() {
  cpu0="$(server_cpu)" db0="$(db_cpu)"
  wrk -t "$wrk_threads" -c "$connections" -d "${duration}s" --latency -s "$here/$3.lua" "$2" >"$work/$1.txt" 2>&1 || true
  cpu1="$(server_cpu)" db1="$(db_cpu)"
}
field() { # field NAME: requests/s p50 p99 errors, from wrk's report
  local f="$work/$1.txt"
  local rps p50 p99 non2xx sock
  rps="$(awk '/Requests\/sec/ {print $2}' "$f")"
  p50="$(awk '$1 == "50%" {print $2}' "$f")"
  p99="$(awk '$1 == "99%" {print $2}' "$f")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' "$f")"
  sock="$(awk '/Socket errors/ {print $0}' "$f" | sed 's/.*errors: //')"
  echo "${rps:-0}|${p50:--}|${p99:--}|${non2xx:-0}|${sock:-none}"
}

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: $processes × $bin --threads $threads on ${db:-$url} ($(wc -l <"$work/read_ids") readable cases, $(wc -l <"$work/write_ids") writable)"
echo "nginx: worker_processes $threads, static file of $case_bytes bytes (the JSON of case $first_id)"
echo "wrk: -t $wrk_threads -c $connections -d ${duration}s --latency; user $login"
echo
printf '%-12s %10s %9s %9s %8s %8s %10s %9s %9s\n' scenario req/s p50 p99 errors "÷nginx" "peak RSS" "cpu/req" "db cpu/req"
nginx_rps=""
for s in $scenarios; do
  case "$s" in
    static) run_wrk static "http://127.0.0.1:$nginx_port" static ;;
    search)
      code="$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$base/api/v1/search?q=%D0%98%D0%B2")"
      if [[ "$code" == 404 ]]; then
        printf '%-12s skipped: GET /api/v1/search does not exist yet\n' search
        continue
      fi
      run_wrk search "$base" search ;;
    case_read|worklist|visit_write|mixed) run_wrk "$s" "$base" "$s" ;;
    *) echo "unknown scenario $s" >&2; continue ;;
  esac
  IFS='|' read -r rps p50 p99 errors sock <<<"$(field "$s")"
  if [[ "$s" == static ]]; then
    nginx_rps="$rps"
    ratio="1.00"
    rss="(nginx)"
    cpu="-" dbcpu="-"
  else
    ratio="$([[ -n "$nginx_rps" ]] && awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}' || echo -)"
    rss="$(peak_rss)"
    # CPU in ms per request wrk completed ("N requests in …").
    n_req="$(awk '/requests in/ {print $1}' "$work/$s.txt")"
    per_req() { awk -v a="$1" -v b="$2" -v n="${n_req:-0}" 'BEGIN {printf "%.2fms", (n > 0 ? (b - a) * 1000 / n : 0)}'; }
    cpu="$(per_req "$cpu0" "$cpu1")"
    dbcpu="$([[ -n "$pg_pid" ]] && per_req "$db0" "$db1" || echo -)"
  fi
  [[ "$sock" != none ]] && errors="$errors+sock"
  printf '%-12s %10.0f %9s %9s %8s %8s %10s %9s %9s\n' "$s" "$rps" "$p50" "$p99" "$errors" "$ratio" "$rss" "$cpu" "$dbcpu"
done
echo
echo "server log lines with errors: $(cat "$work"/server*.log | grep -c '"level":"error"' || true)"
