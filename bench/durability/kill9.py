#!/usr/bin/env python3
"""kill -9 the Patronage server during a stream of writes; no acknowledged write may be lost.

SPEC §11: "No accepted write is lost on a crash or power cut." This script runs
`patronage serve` on a SQLite database, has several threads create units over
the HTTP API, sends SIGKILL to the server at a random moment, and then checks
the database file: every unit whose POST was answered 201 must be there, with
its audit entry, and `patronage audit verify` must still pass. Writes that were
in flight when the server died may or may not be there; both are fine.

The rounds share one database, so each round also proves that the server
starts again on a database left behind by a kill -9, and every check covers
all earlier rounds too.

Python 3 standard library only; talks to 127.0.0.1 only.
Exit code: 0 when nothing acknowledged was lost, the audit chain verifies and
no refused write was stored; 1 otherwise; 2 on a setup failure.
"""

import argparse
import http.client
import http.cookiejar
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

ADMIN_LOGIN = "admin"
ADMIN_PASSWORD = "demo-admin-2026"
HOST = "127.0.0.1"


def find_binary(explicit):
    candidates = [explicit, os.environ.get("PATRONAGE_BIN")]
    here = os.path.dirname(os.path.abspath(__file__))
    candidates += [os.path.join(here, "..", "..", "build", "patronage"), shutil.which("patronage")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    sys.exit("patronage binary not found: pass --bin or set PATRONAGE_BIN")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def run_cli(binary, db_path, *args):
    env = dict(os.environ, LANG="en_US.UTF-8")
    return subprocess.run([binary, "-d", "sqlite:" + db_path, *args], capture_output=True, text=True, env=env,
                          timeout=120)


class Server:
    """`patronage serve` in the background; ready once it logs "listening"."""

    def __init__(self, binary, db_path, port, log_path):
        self.port = port
        self.log = open(log_path, "a", encoding="utf-8")
        env = dict(os.environ, LANG="en_US.UTF-8")
        self.proc = subprocess.Popen(
            [binary, "-d", "sqlite:" + db_path, "serve", "--listen", HOST, "--port", str(port), "--web",
             os.path.join(os.path.dirname(db_path), "no-web")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read_log, daemon=True)
        self.reader.start()
        if not self.ready.wait(30):
            self.kill()
            raise RuntimeError("the server did not start; see " + log_path)

    def _read_log(self):
        for line in self.proc.stderr:
            self.log.write(line)
            try:
                if json.loads(line).get("msg") == "listening":
                    self.ready.set()
            except (ValueError, AttributeError):
                pass
        self.log.flush()

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.reader.join(5)
        self.log.close()


class Session:
    """Signed-in admin: cookie jar plus the CSRF token from the login response."""

    def __init__(self, port):
        self.base = "http://%s:%d" % (HOST, port)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  urllib.request.ProxyHandler({}))
        self.csrf = ""

    def request(self, method, path, body=None, timeout=10):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self.csrf and method != "GET":
            req.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(req, timeout=timeout) as res:
                return res.status, res.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def login(self, login=ADMIN_LOGIN, password=ADMIN_PASSWORD):
        status, body = self.request("POST", "/api/v1/auth/login", {"login": login, "password": password})
        if status != 200:
            raise RuntimeError("login failed: %d %s" % (status, body[:200]))
        self.csrf = json.loads(body)["csrf_token"]


class Writers:
    """Threads that create units until told to stop or a bound is reached."""

    def __init__(self, session, parent_id, round_no, threads, max_writes, max_seconds):
        self.session = session
        self.parent_id = parent_id
        self.prefix = "kill9-r%d-" % round_no
        self.threads = threads
        self.max_writes = max_writes
        self.deadline = time.monotonic() + max_seconds
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.sent = 0
        self.acked = set()      # answered 201
        self.refused = {}       # name -> HTTP status other than 201
        self.in_flight = set()  # sent, no answer yet
        self.failed = set()     # the connection broke: outcome unknown
        self.in_flight_at_kill = set()

    def _next_name(self, worker):
        with self.lock:
            if self.stop.is_set() or self.sent >= self.max_writes or time.monotonic() > self.deadline:
                return None
            self.sent += 1
            name = "%sw%d-%d-%s" % (self.prefix, worker, self.sent, uuid.uuid4().hex[:8])
            self.in_flight.add(name)
            return name

    def _work(self, worker):
        while True:
            name = self._next_name(worker)
            if name is None:
                return
            try:
                status, _ = self.session.request(
                    "POST", "/api/v1/units", {"name": name, "kind": "department", "parent_id": self.parent_id})
            except (OSError, urllib.error.URLError, http.client.HTTPException):
                with self.lock:
                    self.in_flight.discard(name)
                    self.failed.add(name)
                self.stop.set()
                return
            with self.lock:
                self.in_flight.discard(name)
                if status == 201:
                    self.acked.add(name)
                else:
                    self.refused[name] = status

    def start(self):
        self.workers = [threading.Thread(target=self._work, args=(i,), daemon=True) for i in range(self.threads)]
        for w in self.workers:
            w.start()

    def snapshot_in_flight(self):
        with self.lock:
            self.in_flight_at_kill = set(self.in_flight)

    def join(self):
        self.stop.set()
        for w in self.workers:
            w.join(30)


def stored_units(db_path):
    """Names and ids of kill9 units in the database file, and the ids with a unit.create audit entry."""
    con = sqlite3.connect(db_path, timeout=30)
    try:
        units = dict(con.execute("SELECT name, id FROM units WHERE name LIKE 'kill9-%'").fetchall())
        audited = {row[0] for row in con.execute(
            "SELECT entity_id FROM audit_log WHERE action = 'unit.create' AND entity = 'unit'")}
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    return units, audited, integrity


def institution_id(session):
    status, body = session.request("GET", "/api/v1/units")
    if status != 200:
        raise RuntimeError("GET /api/v1/units: %d" % status)
    for unit in json.loads(body)["items"]:
        if unit["kind"] == "institution":
            return unit["id"]
    raise RuntimeError("no institution among the demo units")


def run_round(args, binary, db_path, round_no, all_acked, rng):
    log_path = os.path.join(os.path.dirname(db_path), "server.log")
    server = Server(binary, db_path, free_port(), log_path)
    session = Session(server.port)
    session.login()
    parent = institution_id(session)
    writers = Writers(session, parent, round_no, args.writers, args.max_writes, args.max_seconds)
    delay = rng.uniform(args.min_delay, args.max_delay)
    started = time.monotonic()
    writers.start()
    # Kill at the chosen moment, or earlier if the writers ran out of work.
    while time.monotonic() - started < delay and any(w.is_alive() for w in writers.workers):
        time.sleep(0.01)
    writers_active = sum(1 for w in writers.workers if w.is_alive())
    writers.snapshot_in_flight()
    server.kill()
    killed_at = time.monotonic() - started
    writers.join()

    if args.sabotage and writers.acked:
        # Negative control: forget one acknowledged unit, as a server that
        # answered before committing would; the check below must catch it.
        con = sqlite3.connect(db_path, timeout=30)
        with con:
            con.execute("DELETE FROM units WHERE name = ?", (sorted(writers.acked)[0],))
        con.close()
    units, audited, integrity = stored_units(db_path)
    all_acked |= writers.acked
    lost = sorted(name for name in all_acked if name not in units)
    lost_audit = sorted(name for name in all_acked if name in units and units[name] not in audited)
    unknown = writers.in_flight_at_kill | writers.failed
    unknown_found = sum(1 for name in unknown if name in units)
    refused_stored = sorted(name for name in writers.refused if name in units)
    verify = run_cli(binary, db_path, "audit", "verify")
    statuses = {}
    for status in writers.refused.values():
        statuses[status] = statuses.get(status, 0) + 1

    print("round %d: killed after %.2f s (planned %.2f s), %d writes sent, %d of %d writers still writing at the kill"
          % (round_no, killed_at, delay, writers.sent, writers_active, args.writers))
    print("  acknowledged (201) this round: %d   found: %d   lost: %d" % (
        len(writers.acked), sum(1 for n in writers.acked if n in units),
        sum(1 for n in writers.acked if n not in units)))
    print("  acknowledged in all rounds so far: %d   lost: %d   stored without audit entry: %d" % (
        len(all_acked), len(lost), len(lost_audit)))
    print("  in flight at the kill: %d   outcome unknown in total: %d   of those found: %d, not found: %d" % (
        len(writers.in_flight_at_kill), len(unknown), unknown_found, len(unknown) - unknown_found))
    print("  refused writes: %d %s   refused but stored: %d" % (
        len(writers.refused), statuses if statuses else "", len(refused_stored)))
    print("  PRAGMA integrity_check: %s" % integrity)
    print("  patronage audit verify: exit %d: %s" % (verify.returncode, (verify.stdout + verify.stderr).strip()))
    for name in lost[:10]:
        print("  LOST:", name)
    return not lost and not lost_audit and not refused_stored and verify.returncode == 0 and integrity == "ok"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", help="the patronage binary (default: $PATRONAGE_BIN, build/patronage, PATH)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--writers", type=int, default=4, help="concurrent writer threads")
    parser.add_argument("--max-writes", type=int, default=3000, help="per round")
    parser.add_argument("--max-seconds", type=float, default=20.0, help="per round")
    parser.add_argument("--min-delay", type=float, default=1.0, help="seconds before the kill, at least")
    parser.add_argument("--max-delay", type=float, default=3.0, help="seconds before the kill, at most")
    parser.add_argument("--seed", type=int, help="random seed for the kill moments")
    parser.add_argument("--sabotage", action="store_true",
                        help="negative control: delete one acknowledged unit after each kill (must report FAIL)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder with the database and log")
    args = parser.parse_args()

    binary = find_binary(args.bin)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    folder = tempfile.mkdtemp(prefix="patronage-kill9-")
    db_path = os.path.join(folder, "patronage.db")
    print("binary: %s\ndatabase: %s\nseed: %d, rounds: %d, writers: %d" % (binary, db_path, seed, args.rounds,
                                                                         args.writers))
    ok = True
    try:
        demo = run_cli(binary, db_path, "demo")
        if demo.returncode != 0:
            print("patronage demo failed:", demo.stderr, file=sys.stderr)
            return 2
        all_acked = set()
        for round_no in range(1, args.rounds + 1):
            try:
                ok = run_round(args, binary, db_path, round_no, all_acked, rng) and ok
            except RuntimeError as e:
                print("round %d: setup failed: %s" % (round_no, e), file=sys.stderr)
                return 2
    finally:
        if args.keep:
            print("kept:", folder)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print("RESULT:", "PASS: no acknowledged write was lost" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
