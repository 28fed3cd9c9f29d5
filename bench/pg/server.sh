#!/usr/bin/env bash
# A durable PostgreSQL 15 server for the benchmarks (not for the tests: scripts/with-postgres.sh is the
# throwaway, fsync=off one). Unlike that one it keeps fsync, synchronous_commit and full_page_writes on,
# so a committed write is on disk as in production, and its data folder survives between runs.
#
#   bash bench/pg/server.sh start DIR [--shared-buffers 2GB] [--port 55432] [--max-wal-size 8GB]
#                                                           # initdb on first use, then start
#   bash bench/pg/server.sh stop DIR
#   bash bench/pg/server.sh settings DIR                                        # the settings that matter here
#
# `start` prints the server's URL, postgresql://postgres@127.0.0.1:PORT/ (add the database name), and keeps
# the port in DIR/port. pg_stat_statements is preloaded (create the extension in a database to read it).
# DIR holds the data folder (DIR/data) and the log (DIR/server.log); remove DIR to drop everything.
# --max-wal-size: the WAL kept on disk between checkpoints (up to about that much). The benchmarks use 8GB; a
# large load on a nearly full disk can start with less (1GB) and the server be restarted with 8GB after it.
set -euo pipefail

usage() { sed -n 6,9p "${BASH_SOURCE[0]}" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
action="$1"
dir="$2"
shift 2
shared_buffers="2GB"
max_wal_size="8GB"
port=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shared-buffers) shared_buffers="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --max-wal-size) max_wal_size="$2"; shift 2 ;;
    *) usage ;;
  esac
done

pgbin=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg=()
if [[ $(id -u) == 0 ]]; then
  as_pg=(runuser -u postgres --)
fi
url_of() { echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/"; }

case "$action" in
  start)
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    chmod 755 "$dir"
    [[ $(id -u) == 0 ]] && chown postgres "$dir"
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      "${as_pg[@]}" "$pgbin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    if [[ -z "$port" ]]; then
      if [[ -f "$dir/port" ]]; then
        port="$(cat "$dir/port")"
      else
        port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      fi
    fi
    if "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      url_of # already running (with the settings it was started with)
      exit 0
    fi
    echo "$port" >"$dir/port"
    # Durable: fsync, synchronous_commit and full_page_writes keep their defaults (on); they are named here
    # so that `settings` shows them and nobody turns them off by accident.
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 -o "-p $port -k $dir \
      -c listen_addresses=127.0.0.1 -c max_connections=100 \
      -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c wal_sync_method=fdatasync \
      -c shared_buffers=$shared_buffers -c effective_cache_size=8GB -c work_mem=16MB \
      -c maintenance_work_mem=1GB -c max_wal_size=$max_wal_size -c checkpoint_timeout=15min \
      -c random_page_cost=1.1 -c jit=off \
      -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" start >/dev/null
    url_of
    ;;
  stop)
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  settings)
    psql "$(url_of)postgres" -Atc "SELECT name || '=' || current_setting(name) FROM pg_settings WHERE name IN
      ('server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers',
       'effective_cache_size', 'work_mem', 'maintenance_work_mem', 'max_wal_size', 'checkpoint_timeout',
       'random_page_cost', 'jit', 'max_connections') ORDER BY name"
    ;;
  *) usage ;;
esac
