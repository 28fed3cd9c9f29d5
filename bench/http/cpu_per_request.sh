#!/usr/bin/env bash
# The server CPU one scenario costs per request, which the machine's load does not skew the way latency is skewed.
#
#   bench/http/cpu_per_request.sh --db FILE --bin PATH --login L --password P [--scenario worklist] [--route R]
#                                 [--window 8]
#
# Runs bench/http/run.sh (static, then the scenario, for window + 4 s) on FILE (used in place: run.sh adds visits),
# reads the server's utime+stime from /proc/<pid>/stat over `window` seconds of the scenario's wrk run, and divides
# it by the requests to `route` (default /api/v1/<scenario>) that the server logged in the same window.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
db="" bin="" login="" password="" scenario="worklist" route="" window=8
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --login) login="$2"; shift 2 ;;
    --password) password="$2"; shift 2 ;;
    --scenario) scenario="$2"; shift 2 ;;
    --route) route="$2"; shift 2 ;;
    --window) window="$2"; shift 2 ;;
    -h|--help) sed -n 2,10p "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ -n "$db" && -n "$bin" && -n "$login" && -n "$password" ]] || { echo "--db, --bin, --login and --password are needed" >&2; exit 2; }
route="${route:-/api/v1/$scenario}"
db="$(cd "$(dirname "$db")" && pwd)/$(basename "$db")"
out="$(mktemp /tmp/cpu-per-request.XXXXXX)"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
bash "$here/run.sh" --db "$db" --bin "$bin" --login "$login" --password "$password" --duration $((window + 4)) \
  --scenarios "static $scenario" >"$out" 2>&1 &
runner=$!
pid="" port=""
while kill -0 "$runner" 2>/dev/null; do
  pid="$(pgrep -n -f "sqlite:$db serve" || true)"
  if [[ -n "$pid" ]]; then
    port="$(tr '\0' ' ' <"/proc/$pid/cmdline" | sed -n 's/.*--port \([0-9]*\).*/\1/p')"
    pgrep -f "wrk .*127.0.0.1:$port\$" >/dev/null && break
  fi
  sleep 0.2
done
[[ -n "$port" ]] || { cat "$out"; echo "the scenario did not start" >&2; exit 2; }
sleep 1
# run.sh's work folder, from the server's --web argument ("$work/no-web").
work="$(tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n 's|/no-web$||p')"
log="$work/server.log"
count() { grep -c "\"route\":\"$route\"" "$log" || true; }
n0="$(count)"; t0="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
sleep "$window"
n1="$(count)"; t1="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
wait "$runner" || true
cat "$out"
hz="$(getconf CLK_TCK)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v t=$((t1 - t0)) -v n=$((n1 - n0)) -v hz="$hz" -v w="$window" 'BEGIN {
  printf "server CPU over %d s of %s: %.2f s for %d requests = %.2f ms per request\n", w, "'"$route"'", t / hz, n, n ? 1000 * t / hz / n : 0
}'
rm -f "$out"
