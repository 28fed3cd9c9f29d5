#!/usr/bin/env python3
"""Loads a generated region (a SQLite file of bench/generate) into a PostgreSQL database, for the benchmarks.

    python3 bench/pg/load.py --sqlite build/bench-data/region-100000-seed1.db \
        --url postgresql://postgres@127.0.0.1:PORT/region100k --bin build/patronage \
        --key-out build/bench-pg/region100k.audit-key [--replace]

1. creates the database (with --replace, drops it first) and its schema with our own migrations
   (`patronage -d URL migrate`, under a throwaway audit key);
2. checks that both sides carry the same migrations (PostgreSQL may have newer ones after the file's, when they
   leave every table and column as it was: an index, a trigger) and the same tables with the same columns;
3. empties the tables (migrations seed a few rows), drops the secondary indexes, copies every table's rows with
   COPY (psql, text format; foreign-key triggers off for the session: the rows come from a consistent file),
   creates the indexes again and runs VACUUM ANALYZE;
4. compares every table on both sides: its row count and a digest of its rows (the sum of each row's MD5 in
   COPY's text form, so the order does not matter), exit 1 on a difference;
5. copies the region's audit key and anchor (FILE.audit-key and .audit-key.anchor beside the SQLite file) to
   --key-out and --key-out.anchor and runs `patronage audit verify` on the loaded database with it.

Serve the loaded database with that key: PATRONAGE_AUDIT_KEY_FILE=KEY_OUT patronage -d URL serve ...
(for PostgreSQL the server finds its key in audit.key_file, else beside the config file, else in
data/patronage.audit-key, see src/cli/safeguards.cpp). The schema has no sequences or identity columns (ids are
text, counters live in tables such as case_numbers and are copied), so nothing needs resetting after the copy.
Column types: INTEGER, BIGINT and TEXT on both sides (booleans are 0/1 integers, times Unix seconds, the audit
chain's hashes hex text); a value of another type (REAL, BLOB) stops the load.
`--check-only` skips 1-3 (compares an earlier load). `audit verify` gives the same verdict as on the SQLite file:
a region that bench/storage wrote to (it appends unkeyed audit entries) fails it on both sides alike.
Needs python3 and psql only. Use a copy of the SQLite file if a server may write to it meanwhile.
"""
import argparse
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse


def psql(url, sql, *, options=None, stdin=None):
    env = dict(os.environ)
    if options:
        env["PGOPTIONS"] = options
    out = subprocess.run(["psql", url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], env=env,
                         input=stdin, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"psql failed: {sql[:200]}\n{out.stderr}")
    return [line for line in out.stdout.splitlines() if line]


def admin_url(url):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def escape(value):
    if value is None:
        return "\\N"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"))
    raise TypeError(f"value of type {type(value).__name__}")


def copy_table(source, url, table, columns):
    """COPY of every row of `table`, streamed from SQLite to psql; returns the number of rows sent."""
    names = ", ".join(f'"{c}"' for c in columns)
    env = dict(os.environ, PGOPTIONS="-c session_replication_role=replica -c synchronous_commit=on")
    proc = subprocess.Popen(["psql", url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                             f"COPY {table} ({names}) FROM STDIN"], stdin=subprocess.PIPE, env=env,
                            text=True, encoding="utf-8", bufsize=1 << 20)
    rows = 0
    cursor = source.execute(f"SELECT {names} FROM {table}")
    batch = []
    for row in cursor:
        try:
            batch.append("\t".join(escape(v) for v in row))
        except TypeError as e:
            proc.kill()
            sys.exit(f"{table}: {e} in row {row!r}")
        rows += 1
        if len(batch) >= 10000:
            proc.stdin.write("\n".join(batch) + "\n")
            batch = []
    if batch:
        proc.stdin.write("\n".join(batch) + "\n")
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit(f"COPY {table} failed")
    return rows


def row_digest(lines):
    """Order-independent digest of rows in COPY text form: the sum of their MD5s modulo 2**128."""
    total = 0
    count = 0
    for line in lines:
        total += int.from_bytes(hashlib.md5(line.encode("utf-8")).digest(), "big")
        count += 1
    return count, total % (1 << 128)


def sqlite_digest(source, table, columns):
    names = ", ".join(f'"{c}"' for c in columns)
    return row_digest("\t".join(escape(v) for v in row) for row in source.execute(f"SELECT {names} FROM {table}"))


def pg_digest(url, table, columns):
    names = ", ".join(f'"{c}"' for c in columns)
    proc = subprocess.Popen(["psql", url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                             f"COPY (SELECT {names} FROM {table}) TO STDOUT"], stdout=subprocess.PIPE,
                            text=True, encoding="utf-8", bufsize=1 << 20)
    result = row_digest(line.rstrip("\n") for line in proc.stdout)
    if proc.wait() != 0:
        sys.exit(f"COPY {table} TO STDOUT failed")
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sqlite", required=True)
    ap.add_argument("--url", required=True, help="postgresql://USER@HOST:PORT/DATABASE (created if missing)")
    ap.add_argument("--bin", required=True, help="the patronage binary")
    ap.add_argument("--key-out", required=True, help="where to put the audit key for the loaded database")
    ap.add_argument("--replace", action="store_true", help="drop the database first if it exists")
    ap.add_argument("--check-only", action="store_true", help="only compare an earlier load with the file")
    args = ap.parse_args()
    started = time.monotonic()

    # immutable: no lock and no -wal/-shm files beside the region (it must not change during the load).
    source = sqlite3.connect(f"file:{os.path.abspath(args.sqlite)}?mode=ro&immutable=1", uri=True)
    key_in = os.path.splitext(args.sqlite)[0] + ".audit-key"
    if not os.path.exists(key_in) or not os.path.exists(key_in + ".anchor"):
        sys.exit(f"no audit key and anchor beside the region: {key_in}(.anchor)")

    admin, name = admin_url(args.url)
    if not args.check_only:
        if psql(admin, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
            if not args.replace:
                sys.exit(f"database {name} exists (use --replace to drop it)")
            psql(admin, f'DROP DATABASE "{name}"')
        psql(admin, f'CREATE DATABASE "{name}"')
        with tempfile.TemporaryDirectory() as scratch:
            env = dict(os.environ, PATRONAGE_AUDIT_KEY_FILE=os.path.join(scratch, "migrate.audit-key"),
                       LANG="en_US.UTF-8")
            subprocess.run([args.bin, "-d", args.url, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)

    want = [r[0] for r in source.execute("SELECT version FROM schema_migrations ORDER BY version")]
    have = [int(v) for v in psql(args.url, "SELECT version FROM schema_migrations ORDER BY version")]
    # The binary may be newer than the file (a shared region left at an older migration, which this loader only
    # reads): accepted when the file's migrations are the first ones of PostgreSQL's and the tables and columns
    # below are still the same, i.e. the newer migrations added indexes (built with the others after the copy),
    # triggers or PostgreSQL-only functions. A newer migration that changed rows would not show here: the rows
    # copied are the file's.
    if have[:len(want)] != want:
        sys.exit(f"migrations differ: SQLite {want[-3:]}…, PostgreSQL {have[-3:]}… (migrate the SQLite copy first)")
    if len(have) > len(want):
        print(f"note: PostgreSQL is at migrations {have[len(want):]} beyond the file's last ({want[-1]}); "
              f"loading when the tables and columns are the same", flush=True)

    tables = [r[0] for r in source.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'schema_migrations' ORDER BY name")]
    pg_tables = set(psql(args.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                                   "AND table_name != 'schema_migrations'"))
    if set(tables) != pg_tables:
        sys.exit(f"tables differ: only in SQLite {set(tables) - pg_tables}, only in PostgreSQL {pg_tables - set(tables)}")
    columns = {}
    for t in tables:
        columns[t] = [r[1] for r in source.execute(f"PRAGMA table_info({t})")]
        pg_columns = psql(args.url, f"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                                    f"AND table_name = '{t}'")
        if set(columns[t]) != set(pg_columns):
            sys.exit(f"columns of {t} differ: {sorted(columns[t])} vs {sorted(pg_columns)}")

    if not args.check_only:
        load(source, args.url, tables, columns)
    return check(source, args, tables, columns, name, key_in, started)


def load(source, url, tables, columns):
    # Secondary indexes (not those of primary keys and unique constraints) are built again after the copy.
    indexes = psql(url, "SELECT indexdef FROM pg_indexes i WHERE schemaname = 'public' AND NOT EXISTS "
                             "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)")
    index_names = psql(url, "SELECT indexname FROM pg_indexes i WHERE schemaname = 'public' AND NOT EXISTS "
                                 "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)")
    psql(url, "TRUNCATE " + ", ".join(tables))
    for index in index_names:
        psql(url, f'DROP INDEX "{index}"')

    for t in tables:
        t0 = time.monotonic()
        rows = copy_table(source, url, t, columns[t])
        print(f"{t}: {rows} rows in {time.monotonic() - t0:.1f} s", flush=True)
    t0 = time.monotonic()
    for index in indexes:
        psql(url, index, options="-c maintenance_work_mem=1GB")
    print(f"{len(indexes)} indexes built in {time.monotonic() - t0:.1f} s", flush=True)
    t0 = time.monotonic()
    psql(url, "VACUUM (ANALYZE)")
    print(f"VACUUM ANALYZE in {time.monotonic() - t0:.1f} s", flush=True)


def check(source, args, tables, columns, name, key_in, started):
    bad = 0
    rows = 0
    t0 = time.monotonic()
    for t in tables:
        sqlite_side = sqlite_digest(source, t, columns[t])
        pg_side = pg_digest(args.url, t, columns[t])
        rows += sqlite_side[0]
        if sqlite_side != pg_side:
            print(f"TABLE DIFFERS: {t}: SQLite {sqlite_side[0]} rows, PostgreSQL {pg_side[0]} rows"
                  f"{'' if sqlite_side[0] != pg_side[0] else ', same count, other contents'}")
            bad += 1
    print(f"tables: {len(tables) - bad} of {len(tables)} equal in row count and row digest, {rows} rows "
          f"(checked in {time.monotonic() - t0:.0f} s)")

    os.makedirs(os.path.dirname(os.path.abspath(args.key_out)), exist_ok=True)
    for suffix in ("", ".anchor"):
        shutil.copyfile(key_in + suffix, args.key_out + suffix)
        os.chmod(args.key_out + suffix, 0o600)
    env = dict(os.environ, PATRONAGE_AUDIT_KEY_FILE=args.key_out, LANG="en_US.UTF-8")
    verified = subprocess.run([args.bin, "-d", args.url, "audit", "verify"], env=env, capture_output=True, text=True)
    print(f"audit verify (compare with its verdict on the SQLite file): exit {verified.returncode} "
          f"{verified.stdout.strip()} {verified.stderr.strip()}"[:400])
    size = psql(args.url, f"SELECT pg_size_pretty(pg_database_size('{name}'))")[0]
    print(f"loaded {name} ({size}) in {time.monotonic() - started:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
