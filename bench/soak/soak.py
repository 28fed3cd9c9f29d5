#!/usr/bin/env python3
"""A bounded soak of the Patronage server: mixed load for a fixed time, RSS sampled every minute.

Starts `patronage serve` on a fresh SQLite demo database, signs in as a
specialist, and sends a steady, rate-limited mix of the everyday requests
(work list, case list, case page, quick search, visits tab, and a write: the
household's notes read and changed in place, so the data read stays the same
size all along — only the audit log grows, on disk) from several threads for `--minutes`. Every `--sample-seconds` it records the
server's RSS (VmRSS of /proc/<pid>/status), requests done and statuses since
the last sample. At the end it prints the table and checks that memory is
flat: the RSS of the second half grows by at most `--max-growth-mb` over its
own first sample, the process never died, and no answer had a status >= 500.

Python 3 standard library only; talks to 127.0.0.1 only.
Exit code: 0 when the checks hold, 1 when one fails, 2 on a setup failure.
"""

import argparse
import collections
import json
import os
import random
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "durability"))
import kill9  # noqa: E402  (the server and session helpers)

LOGIN, PASSWORD = "ivanova", "demo-spec-2026"
QUERIES = ["Смир", "Иван", "Петр", "Кузн", "smir", "Соко", "Мор", "Вас"]


def rss_kb(pid):
    with open("/proc/%d/status" % pid, encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Load:
    """Threads sending the mix at a bounded total rate until `stop` is set."""

    def __init__(self, session, cases, rate, threads, seed):
        self.session = session
        self.cases = cases  # (case id, household id)
        self.interval = threads / float(rate)
        self.threads = threads
        self.seed = seed
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.failures = []
        self.workers = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(threads)]

    def start(self):
        for worker in self.workers:
            worker.start()

    def join(self):
        self.stop.set()
        for worker in self.workers:
            worker.join(30)

    def take(self):
        with self.lock:
            out, self.statuses = self.statuses, collections.Counter()
            return out

    def _one(self, rng):
        case_id, household_id = rng.choice(self.cases)
        roll = rng.random()
        if roll < 0.25:
            return "GET", "/api/v1/worklist", None
        if roll < 0.35:
            return "GET", "/api/v1/cases", None
        if roll < 0.65:
            return "GET", "/api/v1/cases/" + case_id, None
        if roll < 0.80:
            return "GET", "/api/v1/search?q=" + urllib.parse.quote(rng.choice(QUERIES)), None
        if roll < 0.90:
            return "GET", "/api/v1/cases/%s/visits" % case_id, None
        return "PATCH", "/api/v1/households/" + household_id, {"notes": "soak %d" % rng.randrange(1000)}

    def _run(self, index):
        rng = random.Random(self.seed * 1000 + index)
        next_at = time.monotonic() + rng.random() * self.interval
        while not self.stop.is_set():
            delay = next_at - time.monotonic()
            if delay > 0 and self.stop.wait(delay):
                break
            next_at += self.interval
            method, path, body = self._one(rng)
            try:
                if method == "PATCH":
                    status, current = self.session.request("GET", path, None, timeout=30)
                    body["version"] = json.loads(current).get("version", 1) if status == 200 else 1
                status, _ = self.session.request(method, path, body, timeout=30)
            except Exception as e:  # noqa: BLE001 (a dead server shows here)
                status = "error"
                with self.lock:
                    self.failures.append("%s %s: %s" % (method, path, e))
            with self.lock:
                self.statuses[status] += 1
                if isinstance(status, int) and (status >= 500 or status in (400, 401, 403, 404, 422)):
                    self.failures.append("%s %s: %d" % (method, path, status))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin")
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--sample-seconds", type=float, default=60)
    parser.add_argument("--rate", type=float, default=60, help="requests per second in all")
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--max-growth-mb", type=float, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    binary = kill9.find_binary(args.bin)
    folder = tempfile.mkdtemp(prefix="patronage-soak-")
    db_path = os.path.join(folder, "soak.db")
    demo = kill9.run_cli(binary, db_path, "demo")
    if demo.returncode != 0:
        print("demo failed:", demo.stderr)
        return 2
    server = kill9.Server(binary, db_path, kill9.free_port(), os.path.join(folder, "server.log"))
    session = kill9.Session(server.port)
    session.login(LOGIN, PASSWORD)
    status, body = session.request("GET", "/api/v1/cases")
    cases = json.loads(body) if status == 200 else []
    cases = cases.get("items", cases) if isinstance(cases, dict) else cases
    case_ids = [(c["id"], c["household_id"]) for c in cases if isinstance(c, dict) and "household_id" in c]
    if not case_ids:
        print("no cases visible to", LOGIN, status, body[:200])
        server.kill()
        return 2

    print("soak: %.0f min at %.0f req/s from %d threads on %d cases, RSS every %.0f s" %
          (args.minutes, args.rate, args.threads, len(case_ids), args.sample_seconds))
    print("%8s %10s %10s  %s" % ("minute", "RSS MB", "requests", "statuses"))
    load = Load(session, case_ids, args.rate, args.threads, args.seed)
    samples = [(0.0, rss_kb(server.proc.pid) / 1024.0)]
    started = time.monotonic()
    load.start()
    alive = True
    while time.monotonic() - started < args.minutes * 60:
        time.sleep(min(args.sample_seconds, max(0.0, args.minutes * 60 - (time.monotonic() - started))))
        if server.proc.poll() is not None:
            alive = False
            break
        statuses = load.take()
        minute = (time.monotonic() - started) / 60
        samples.append((minute, rss_kb(server.proc.pid) / 1024.0))
        print("%8.1f %10.1f %10d  %s" % (minute, samples[-1][1], sum(statuses.values()),
                                          dict(sorted(statuses.items(), key=str))), flush=True)
    load.join()
    if alive:
        server.kill()

    second_half = [rss for minute, rss in samples if minute >= args.minutes / 2]
    growth = (max(second_half) - second_half[0]) if len(second_half) > 1 else 0.0
    peak = max(rss for _, rss in samples)
    print("peak RSS %.1f MB; growth over the second half %.1f MB (limit %.1f)" % (peak, growth, args.max_growth_mb))
    problems = []
    if not alive:
        problems.append("the server died")
    if growth > args.max_growth_mb:
        problems.append("memory grows")
    if load.failures:
        problems.append("%d failed requests, first: %s" % (len(load.failures), load.failures[0]))
    if not args.keep:
        kill9.shutil.rmtree(folder, ignore_errors=True)
    print("RESULT: " + ("FAIL: " + "; ".join(problems) if problems else "PASS"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
