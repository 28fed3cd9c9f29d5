#!/usr/bin/env python3
"""A bounded, seeded HTTP fuzzer for `patronage serve`.

Starts the real binary on a fresh SQLite demo database, signs in as several
roles, learns ids from the API, then for a bounded time sends requests built
from every route of src/http/openapi.json with mutated path parameters,
queries, JSON bodies and headers, plus raw malformed HTTP and hostile static
paths. It fails when

  * any answer has a status >= 500 (503 included: nothing here makes the
    storage unavailable, so a 503 is a defect too),
  * a request gets no answer within --timeout seconds (a hang),
  * the server process dies, or does not stop within 20 s of SIGTERM with exit 0,
  * a refused request (status >= 400) changed state: a digest of every table
    except the audit trail, sessions and sign-in throttling, read from the
    SQLite file with a separate read-only connection, is compared around it
    (the digest first waits, up to 10 s, until the server's after-commit
    refresher has stored the due items an earlier accepted write marked);
    a phase of requests that must all be refused (no session, no or a wrong
    CSRF token, a foreign Origin, malformed bodies, a read-only role writing)
    must get only 4xx and leave the digest unchanged,
  * a static path shows a file outside the web folder,
  * the server's peak RSS (VmRSS of /proc/<pid>/status, sampled every 50 ms)
    exceeds --max-rss-mb.

Python 3 standard library only; talks to 127.0.0.1 only. Exit code 0 when no
failure was found, 1 otherwise, 2 on a setup failure. Every failure is printed
with the raw request (and saved under --out when given) to reproduce it with
--replay.
"""

import argparse
import collections
import faulthandler
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "durability"))
import kill9  # noqa: E402  (find_binary, free_port)

HOST = "127.0.0.1"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# Demo accounts of README.md the fuzzer signs in with. Their user ids are kept
# out of the id pool, so that the fuzzer cannot disable or re-password them.
ACCOUNTS = {
    "admin": "demo-admin-2026",
    "head": "demo-head-2026",
    "ivanova": "demo-spec-2026",
    "secretary": "demo-secretary-2026",
    "coordinator": "demo-coord-2026",
    "volunteer": "demo-volunteer-2026",
    "auditor": "demo-auditor-2026",
}
# Tables whose changes are expected from any request, refused or not.
UNDIGESTED = {"audit_log", "audit_head", "sessions", "login_throttle", "schema_migrations"}
ID_RE = re.compile(rb'"([a-z2-7]{20})"')
PASSWD_MARK = b"root:x:0:0"


find_binary = kill9.find_binary
free_port = kill9.free_port


# ---------------------------------------------------------------- raw HTTP


class Answer:
    def __init__(self, status=None, headers=None, body=b"", error=None, elapsed=0.0):
        self.status = status
        self.headers = headers or {}
        self.body = body
        self.error = error  # "timeout", "reset", ... when no complete answer came
        self.elapsed = elapsed

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None


def parse_answer(data):
    """The first HTTP response in `data`: (status, headers, body) or None when incomplete."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return None
    head = data[:end].decode("latin-1").split("\r\n")
    parts = head[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        return (-1, {}, data)
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), value.strip())
    rest = data[end + 4:]
    if "content-length" in headers:
        try:
            length = int(headers["content-length"])
        except ValueError:
            return (-1, headers, rest)
        if len(rest) < length:
            return None
        return (int(parts[1]), headers, rest[:length])
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body, pos = b"", 0
        while True:
            eol = rest.find(b"\r\n", pos)
            if eol < 0:
                return None
            size = int(rest[pos:eol].split(b";")[0] or b"0", 16)
            if size == 0:
                return (int(parts[1]), headers, body)
            if len(rest) < eol + 2 + size + 2:
                return None
            body += rest[eol + 2:eol + 2 + size]
            pos = eol + 2 + size + 2
    return None  # until the connection closes


def exchange(port, raw, timeout, half_close=True):
    """Sends `raw` on a new connection and reads one answer."""
    started = time.monotonic()
    data = b""
    try:
        with socket.create_connection((HOST, port), timeout=timeout) as s:
            s.settimeout(timeout)
            try:
                s.sendall(raw)
                if half_close:
                    s.shutdown(socket.SHUT_WR)
            except OSError:
                pass  # the server may refuse (and close) before reading everything; read what it said
            deadline = started + timeout
            while True:
                parsed = parse_answer(data)
                if parsed is not None and parsed[0] != -1:
                    return Answer(parsed[0], parsed[1], parsed[2], None, time.monotonic() - started)
                left = deadline - time.monotonic()
                if left <= 0:
                    return Answer(error="timeout", body=data, elapsed=time.monotonic() - started)
                s.settimeout(left)
                try:
                    chunk = s.recv(1 << 16)
                except ConnectionResetError:
                    chunk = b""
                    if not data:
                        return Answer(error="reset", elapsed=time.monotonic() - started)
                if not chunk:
                    parsed = parse_answer(data + b"")
                    if data and data.startswith(b"HTTP/"):
                        end = data.find(b"\r\n\r\n")
                        status_line = data.split(b"\r\n", 1)[0].split(b" ")
                        if end >= 0 and len(status_line) > 1 and status_line[1].isdigit():
                            return Answer(int(status_line[1]), {}, data[end + 4:], None,
                                          time.monotonic() - started)
                    return Answer(error="closed" if not data else "garbled", body=data,
                                  elapsed=time.monotonic() - started)
                data += chunk
    except socket.timeout:
        return Answer(error="timeout", body=data, elapsed=time.monotonic() - started)
    except OSError as e:
        return Answer(error="connect: %s" % e, elapsed=time.monotonic() - started)


def build_request(method, target, headers, body=b""):
    lines = ["%s %s HTTP/1.1" % (method, target)]
    for name, value in headers:
        lines.append("%s: %s" % (name, value))
    head = "\r\n".join(lines).encode("utf-8", "surrogateescape") + b"\r\n\r\n"
    return head + body


# ---------------------------------------------------------------- the server


class Server:
    def __init__(self, binary, db_path, web_dir, log_path):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "a", encoding="utf-8", errors="replace")
        self.tail = collections.deque(maxlen=40)
        env = dict(os.environ, LANG="en_US.UTF-8")
        env.pop("PATRONAGE_DATABASE", None)
        self.proc = subprocess.Popen(
            [binary, "-d", "sqlite:" + db_path, "serve", "--listen", HOST, "--port", str(self.port), "--threads",
             "2", "--web", web_dir],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
            errors="replace")
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read_log, daemon=True)
        self.reader.start()
        self.peak_rss_kb = 0
        self.rss_stop = threading.Event()
        if not self.ready.wait(30):
            self.proc.kill()
            raise RuntimeError("the server did not start; see " + log_path)
        self.sampler = threading.Thread(target=self._sample_rss, daemon=True)
        self.sampler.start()

    def _read_log(self):
        for line in self.proc.stderr:
            self.log.write(line)
            self.tail.append(line.rstrip())
            try:
                if json.loads(line).get("msg") == "listening":
                    self.ready.set()
            except (ValueError, AttributeError):
                pass
        self.log.flush()

    def _sample_rss(self):
        path = "/proc/%d/status" % self.proc.pid
        while not self.rss_stop.is_set():
            try:
                with open(path) as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            self.peak_rss_kb = max(self.peak_rss_kb, int(line.split()[1]))
            except OSError:
                return
            self.rss_stop.wait(0.05)

    def alive(self):
        return self.proc.poll() is None

    def stop(self, grace=20):
        """SIGTERM; returns (exit code or None when it had to be killed, seconds)."""
        self.rss_stop.set()
        started = time.monotonic()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            code = None
        self.reader.join(5)
        self.log.close()
        return code, time.monotonic() - started


# ---------------------------------------------------------------- the state digest


def wait_for_due_items(con, seconds=10.0):
    """Waits until no case is marked for the server's after-commit refresher.

    An accepted write marks the cases whose due items it changes, and a thread of the server stores their rows
    after the commit (ARCHITECTURE.md, "computes the rows after the commit"): without this wait, that store
    would land beside a later refused request and look like its change. A mark left after `seconds` stays in
    the digest and shows as a change.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if con.execute("SELECT count(*) FROM case_due_dirty").fetchone()[0] == 0:
                return
        except sqlite3.OperationalError:
            return  # a schema before the marks
        time.sleep(0.01)


def digest(db_path):
    """SHA-256 per table of every table but UNDIGESTED, read through a read-only connection."""
    con = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True, timeout=30)
    try:
        wait_for_due_items(con)
        con.text_factory = bytes
        tables = [r[0].decode() for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = {}
        con.execute("BEGIN")
        for table in tables:
            if table in UNDIGESTED:
                continue
            h = hashlib.sha256()
            for row in con.execute('SELECT * FROM "%s" ORDER BY 1' % table):
                h.update(repr(row).encode())
            out[table] = h.hexdigest()
        con.execute("COMMIT")
        return out
    finally:
        con.close()


def changed_tables(before, after):
    return sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))


# ---------------------------------------------------------------- OpenAPI


class Route:
    def __init__(self, method, template, op, spec):
        self.method = method.upper()
        self.template = template
        self.params = re.findall(r"{([^}]+)}", template)
        self.query = [p for p in self._parameters(op, spec) if p.get("in") == "query"]
        self.body_schema = None
        content = op.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            self.body_schema = content["application/json"].get("schema")
        self.enums = {}
        for p in self._parameters(op, spec):
            if p.get("in") == "path" and "enum" in p.get("schema", {}):
                self.enums[p["name"]] = p["schema"]["enum"]

    @staticmethod
    def _parameters(op, spec):
        out = []
        for p in op.get("parameters", []):
            if "$ref" in p:
                p = resolve(spec, p["$ref"])
            out.append(p)
        return out

    def __repr__(self):
        return "%s %s" % (self.method, self.template)


def resolve(spec, ref):
    node = spec
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def load_routes(spec):
    routes = []
    for template, item in spec["paths"].items():
        common = item.get("parameters", [])
        for method, op in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                op = dict(op)
                op["parameters"] = common + op.get("parameters", [])
                routes.append(Route(method, template, op, spec))
    return routes


# ---------------------------------------------------------------- generators


HOSTILE_SEGMENTS = [
    "", "%2F", "..", "%2e%2e", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "../../etc/passwd", "%00", "a%00b", "%",
    "%zz", "%ff%fe", "Щербакова", "%D0%A9", "\U0001F600", "%F0%9F%98%80", "' OR '1'='1", "1;DROP TABLE users",
    "-1", "0", "99999999999999999999999", "1e999", "NaN", "null", "true", "[]", "{}", "%20", "+", "a b",
    "\\", "%5C", "*", "?", "#", "~", ".", "%2e", "AAAAAAAAAAAAAAAAAAAA", "aaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaa1", "%c0%ae%c0%ae", "%e2%80%ae", "%0d%0aSet-Cookie:%20x=1",
]

CONTROL = "".join(chr(c) for c in list(range(0, 32)) + [127]) + "\u2028\u2029\u202e\ufeff"


class Generator:
    def __init__(self, rng, spec):
        self.rng = rng
        self.spec = spec
        self.ids = []
        self.words = ["", "a", "x" * 21, "2026-01-01", "1900-01-01", "9999-12-31", "2026-02-30", "ru", "en"]

    # --- values
    def hostile_string(self):
        r = self.rng.random()
        if r < 0.15:
            return "".join(self.rng.choice(CONTROL) for _ in range(self.rng.randint(1, 20)))
        if r < 0.3:
            return "x" * self.rng.choice([201, 1001, 1001, 10001, 10001, 100001, 1 << 20])
        if r < 0.4:
            return "\U0001F600" * self.rng.randint(1, 3000)
        if r < 0.5:
            return "Щ" * self.rng.choice([50, 500, 5000])
        if r < 0.6:
            return self.rng.choice(HOSTILE_SEGMENTS)
        if r < 0.7:
            return "\ud800"  # a lone surrogate: json.dumps writes \\ud800
        if r < 0.8 and self.ids:
            return self.rng.choice(self.ids)
        return self.rng.choice(self.words)

    def wrong_type(self):
        return self.rng.choice([None, True, False, 0, -1, 1.5, 1e308, -1e308, 2 ** 64, -(2 ** 63) - 1, "", [], {},
                                [None], {"a": 1}, "1", "true", self.hostile_string()])

    def deep(self):
        depth = self.rng.choice([64, 200, 1000, 10000, 100000])
        if self.rng.random() < 0.5:
            return "[" * depth + "]" * depth
        return '{"a":' * depth + "1" + "}" * depth

    def many_keys(self):
        count = self.rng.choice([1000, 20000, 100000, 550000])
        return "{" + ",".join('"k%d":%d' % (i, i) for i in range(count)) + "}"

    def from_schema(self, schema, depth=0):
        if schema is None or depth > 8:
            return None
        if "$ref" in schema:
            return self.from_schema(resolve(self.spec, schema["$ref"]), depth + 1)
        for key in ("oneOf", "anyOf"):
            if key in schema:
                return self.from_schema(self.rng.choice(schema[key]), depth + 1)
        if "allOf" in schema:
            out = {}
            for part in schema["allOf"]:
                value = self.from_schema(part, depth + 1)
                if isinstance(value, dict):
                    out.update(value)
            return out
        if "enum" in schema:
            return self.rng.choice(schema["enum"])
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = self.rng.choice(kind)
        if kind == "object" or "properties" in schema:
            out = {}
            for name, sub in schema.get("properties", {}).items():
                if name in schema.get("required", []) or self.rng.random() < 0.6:
                    out[name] = self.from_schema(sub, depth + 1)
            return out
        if kind == "array":
            return [self.from_schema(schema.get("items"), depth + 1) for _ in range(self.rng.randint(0, 3))]
        if kind == "integer":
            return self.rng.choice([0, 1, 2, 5, schema.get("minimum", 0), schema.get("maximum", 10)])
        if kind == "number":
            return self.rng.choice([0, 0.5, 3.0])
        if kind == "boolean":
            return self.rng.random() < 0.5
        if kind == "string":
            fmt = schema.get("format", "")
            if fmt == "date":
                return self.rng.choice(["2026-11-23", "2025-01-31", "2010-05-05"])
            if fmt == "date-time":
                return "2026-11-23T09:00:00Z"
            if self.ids and self.rng.random() < 0.3:
                return self.rng.choice(self.ids)
            return self.rng.choice(["Тест", "test value", "a", "Иванова Анна"])
        return None

    def mutate_value(self, value, depth=0):
        """Replaces a random node of `value` by a hostile one; returns the new value."""
        if depth < 6 and isinstance(value, dict) and value and self.rng.random() < 0.7:
            key = self.rng.choice(list(value))
            value[key] = self.mutate_value(value[key], depth + 1)
            return value
        if depth < 6 and isinstance(value, list) and value and self.rng.random() < 0.7:
            i = self.rng.randrange(len(value))
            value[i] = self.mutate_value(value[i], depth + 1)
            return value
        r = self.rng.random()
        if r < 0.4:
            return self.wrong_type()
        if r < 0.8:
            return self.hostile_string()
        if isinstance(value, dict):
            value[self.hostile_string()[:100] or "x"] = self.wrong_type()
            return value
        return [value] * self.rng.randint(1, 50)

    def body(self, route):
        """Bytes of a JSON body for `route`: valid-looking, mutated or broken; at most 9 MiB."""
        body = self._body(route)
        return body if len(body) <= (9 << 20) else body[:9 << 20]

    def _body(self, route):
        base = self.from_schema(route.body_schema) if route.body_schema else {}
        r = self.rng.random()
        if r < 0.2:
            return json.dumps(base).encode("utf-8", "surrogatepass")
        if r < 0.6:
            for _ in range(self.rng.randint(1, 3)):
                base = self.mutate_value(base)
            return json.dumps(base).encode("utf-8", "surrogatepass")
        text = json.dumps(base).encode("utf-8", "surrogatepass")
        choice = self.rng.randrange(12)
        if choice == 0:
            return text[:self.rng.randrange(len(text) + 1)]  # truncated
        if choice == 1:
            return self.deep().encode()
        if choice == 2:
            return self.many_keys().encode() if self.rng.random() < 0.3 else b'{"a":1,"a":2,"a":3}'
        if choice == 3:  # invalid UTF-8 inside a string
            return b'{"name": "\xff\xfe\xc3\x28\xed\xa0\x80", "login": "\xc0\xaf"}'
        if choice == 4:  # raw control characters and NUL inside strings
            return b'{"name": "a\x00b\x01\x1b[31m", "full_name": "x\r\ny"}'
        if choice == 5:
            return text + b" trailing garbage"
        if choice == 6:
            return self.rng.choice([b"", b"null", b"[]", b"1", b'"x"', b"\x00", b"{", b"}", b"[1,]", b"{'a':1}",
                                    b"NaN", b"Infinity", b"-0", b"1e99999", b"\xef\xbb\xbf{}"])
        if choice == 7:
            return json.dumps([base] * self.rng.randint(2, 50)).encode("utf-8", "surrogatepass")
        if choice == 8:
            return b'{"n": ' + b"9" * self.rng.choice([30, 400, 100000]) + b"}"
        if choice == 9:
            return b'{"s": "' + b"\\u0000" * 1000 + b'\\ud800\\udfff\\udc00"}'
        if choice == 10:
            return bytes(self.rng.randrange(256) for _ in range(self.rng.randint(1, 2000)))
        return b'{"a": "' + b"x" * self.rng.choice([1 << 16, 1 << 20, (6 << 20), (9 << 20)]) + b'"}'

    def segment(self, route, name):
        if name in route.enums and self.rng.random() < 0.6:
            return str(self.rng.choice(route.enums[name]))
        r = self.rng.random()
        if r < 0.55 and self.ids:
            return self.rng.choice(self.ids)
        if r < 0.65:
            return self.rng.choice(self.words) or "x"
        if r < 0.72:
            return "y" * self.rng.choice([100, 5000, 40000])
        return self.rng.choice(HOSTILE_SEGMENTS)

    def query(self, route):
        pairs = []
        for p in route.query:
            if self.rng.random() < 0.7:
                schema = p.get("schema", {})
                value = self.from_schema(schema) if self.rng.random() < 0.6 else self.hostile_string()
                pairs.append((p["name"], value))
        if self.rng.random() < 0.2:
            pairs.append((self.hostile_string()[:50], self.hostile_string()))
        if self.rng.random() < 0.1 and pairs:
            pairs += pairs  # repeated parameters
        if not pairs:
            return ""
        return "?" + "&".join("%s=%s" % (quote(str(k)), quote(str(v))) for k, v in pairs)


def quote(text):
    from urllib.parse import quote as q
    if isinstance(text, bool):
        text = "true" if text else "false"
    return q(str(text).encode("utf-8", "surrogatepass"), safe="")


# ---------------------------------------------------------------- sessions


class Session:
    def __init__(self, login, cookie, csrf, user_id):
        self.login = login
        self.cookie = cookie
        self.csrf = csrf
        self.user_id = user_id


def login(port, name, password, timeout):
    body = json.dumps({"login": name, "password": password}).encode()
    raw = build_request("POST", "/api/v1/auth/login", [
        ("Host", "%s:%d" % (HOST, port)), ("Content-Type", "application/json"), ("Content-Length", len(body)),
        ("Connection", "close")], body)
    answer = exchange(port, raw, timeout)
    if answer.status != 200:
        raise RuntimeError("login %s: %s %s" % (name, answer.status or answer.error, answer.body[:200]))
    cookie = answer.headers.get("set-cookie", "").split(";")[0]
    data = answer.json()
    return Session(name, cookie, data["csrf_token"], data.get("user", {}).get("id", ""))


# ---------------------------------------------------------------- the fuzzer


class Fuzzer:
    def __init__(self, args, server, db_path, spec, rng):
        self.args = args
        self.server = server
        self.port = server.port
        self.db_path = db_path
        self.spec = spec
        self.rng = rng
        self.gen = Generator(rng, spec)
        self.routes = load_routes(spec)
        self.sessions = {}
        self.statuses = collections.Counter()
        self.errors = collections.Counter()
        self.failures = []
        self.lock = threading.Lock()
        self.protected_ids = set()
        self.slowest = [0.0, ""]  # changed in place: the concurrent phase's workers share it
        self.in_flight = {}  # thread id -> (started, first bytes of the request), for a hang report

    # --- bookkeeping
    @property
    def requests(self):
        """Requests sent so far, by every worker (the counters are shared; an int copied per worker is not)."""
        with self.lock:
            return sum(self.statuses.values()) + sum(self.errors.values())

    def fail(self, kind, raw, detail):
        with self.lock:
            self.failures.append((kind, raw, detail))
            index = len(self.failures)
        if self.args.out:
            with open(os.path.join(self.args.out, "failure-%03d.http" % index), "wb") as f:
                f.write(raw)
        return index

    def send(self, raw, kind="api", check_static=False, half_close=True):
        me = threading.get_ident()
        self.in_flight[me] = (time.monotonic(), raw[:200])
        answer = exchange(self.port, raw, self.args.timeout, half_close)
        with self.lock:
            self.in_flight.pop(me, None)
            if answer.status is not None:
                self.statuses[answer.status] += 1
            else:
                self.errors[answer.error.split(":")[0]] += 1
            if answer.elapsed > self.slowest[0]:
                self.slowest[:] = [answer.elapsed, raw[:120]]
        if answer.status is not None and answer.status >= 500:
            self.fail("status %d" % answer.status, raw, answer.body[:300])
        if answer.error == "timeout":
            self.fail("no answer within %.0f s" % self.args.timeout, raw, answer.body[:300])
        if answer.error and answer.error.startswith("connect"):
            self.fail("cannot connect", raw, answer.error)
        if check_static and PASSWD_MARK in answer.body:
            self.fail("a file outside the web folder was served", raw, answer.body[:300])
        if not self.server.alive():
            self.fail("server died (exit %s)" % self.server.proc.poll(), raw, "\n".join(self.server.tail))
            raise ServerDied()
        return answer

    def request(self, method, target, session=None, body=None, headers=None, csrf=True, origin=None,
                content_type="application/json"):
        hs = [("Host", "%s:%d" % (HOST, self.port)), ("Connection", "close")]
        if session is not None:
            hs.append(("Cookie", session.cookie))
            if csrf is True:
                hs.append(("X-CSRF-Token", session.csrf))
            elif csrf:
                hs.append(("X-CSRF-Token", csrf))
        if origin:
            hs.append(("Origin", origin))
        if body is not None:
            if content_type:
                hs.append(("Content-Type", content_type))
            hs.append(("Content-Length", str(len(body))))
        hs += headers or []
        return build_request(method, target, hs, body or b"")

    # --- set-up
    def sign_in(self):
        for name, password in ACCOUNTS.items():
            self.sessions[name] = login(self.port, name, password, self.args.timeout)
            self.protected_ids.add(self.sessions[name].user_id)

    def relogin_if_needed(self, session):
        answer = self.send(self.request("GET", "/api/v1/me", session))
        if answer.status == 401:
            try:
                fresh = login(self.port, session.login, ACCOUNTS[session.login], self.args.timeout)
                session.cookie, session.csrf = fresh.cookie, fresh.csrf
            except RuntimeError as e:
                self.fail("cannot sign in again as %s" % session.login, b"", str(e))

    def learn_ids(self):
        """Ids from every parameterless GET, then one level of GETs by id, as each role."""
        found = set()
        for route in self.routes:
            if route.method == "GET" and not route.params:
                for session in self.sessions.values():
                    found |= self._ids_of(self.send(self.request("GET", route.template, session)))
        pool = sorted(found - self.protected_ids)
        for route in self.routes:
            if route.method == "GET" and route.params and pool:
                for _ in range(6):
                    target = route.template
                    for name in route.params:
                        target = target.replace("{%s}" % name, self.rng.choice(pool), 1)
                    session = self.rng.choice(list(self.sessions.values()))
                    found |= self._ids_of(self.send(self.request("GET", target, session)))
        self.gen.ids = sorted(found - self.protected_ids)
        names = set()
        for route in self.routes:
            for values in route.enums.values():
                names |= {str(v) for v in values}
        self.gen.words += sorted(names)

    @staticmethod
    def _ids_of(answer):
        return {m.decode() for m in ID_RE.findall(answer.body or b"")}

    # --- generated requests
    def target(self, route):
        target = route.template
        for name in route.params:
            target = target.replace("{%s}" % name, quote_path(self.gen.segment(route, name)), 1)
        if self.rng.random() < 0.5:
            target += self.gen.query(route)
        return target

    def random_api_request(self):
        route = self.rng.choice(self.routes)
        method = route.method
        if self.rng.random() < 0.05:
            method = self.rng.choice(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
                                      "PROPFIND", "get", "X" * 300])
        if route.template == "/api/v1/auth/logout" and self.rng.random() < 0.9:
            return None  # would end the fuzzer's own sessions most of the time
        session = None if self.rng.random() < 0.1 else self.rng.choice(list(self.sessions.values()))
        target = self.target(route)
        body = None
        if route.body_schema is not None or (method not in ("GET", "HEAD") and self.rng.random() < 0.3):
            body = self.gen.body(route)
        if route.template == "/api/v1/auth/login":
            # Never with a fuzzer account's login: a lockout would end the run's sessions.
            value = self.gen.from_schema(route.body_schema) or {}
            if isinstance(value, dict):
                value["login"] = "fuzz-" + str(self.rng.randrange(1000))
                body = json.dumps(self.gen.mutate_value(value) if self.rng.random() < 0.5 else value).encode(
                    "utf-8", "surrogatepass")
                sent = json.loads(body)
                if isinstance(sent, dict) and isinstance(sent.get("login"), str) and sent["login"] in ACCOUNTS:
                    return None
        csrf, origin, headers, content_type = True, None, [], "application/json"
        r = self.rng.random()
        if r < 0.08:
            csrf = False
        elif r < 0.14:
            csrf = self.rng.choice(["wrong", "", "x" * 5000, session.csrf.upper() if session else "A"])
        elif r < 0.2:
            origin = self.rng.choice(["http://evil.example", "null", "http://127.0.0.1:1", "https://127.0.0.1",
                                      "http://%s:%d.evil" % (HOST, self.port), "\x00"])
        elif r < 0.25:
            content_type = self.rng.choice([None, "text/plain", "application/json; charset=latin1",
                                            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                                            "application/json" + "x" * 1000])
        elif r < 0.32:
            headers = [self.hostile_header()]
        raw = self.request(method, target, session, body, headers, csrf, origin, content_type)
        if self.rng.random() < 0.06:
            raw = self.break_framing(raw, body)
        return raw

    def hostile_header(self):
        return self.rng.choice([
            ("X-Big", "a" * self.rng.choice([8000, 33000, 70000])),
            ("Accept-Language", self.rng.choice(["", "xx", "*", "ru;q=abc", "en-US,en;q=0.9," * 500, "\xff"])),
            ("X-Forwarded-For", self.rng.choice(["", "garbage", "1.2.3.4, " * 1000, "::1", "999.1.1.1"])),
            ("Cookie", self.rng.choice(["", "patronage_session=", "patronage_session=" + "a" * 5000,
                                        "a=b; " * 2000, "patronage_session=x; patronage_session=y", "\x01=\x02"])),
            ("Expect", "100-continue"),
            ("Transfer-Encoding", self.rng.choice(["gzip", "chunked, identity", "identity"])),
            ("Range", "bytes=0-1,2-3"),
            ("If-None-Match", "\"" + "x" * 3000 + "\""),
            ("Accept-Encoding", "gzip, br, " * 300),
        ])

    def break_framing(self, raw, body):
        """Bad Content-Length and chunked oddities."""
        head, _, rest = raw.partition(b"\r\n\r\n")
        lines = [l for l in head.split(b"\r\n") if not l.lower().startswith(b"content-length")]
        choice = self.rng.randrange(8)
        body = body or b""
        if choice == 0:
            lines.append(b"Content-Length: " + self.rng.choice([b"-1", b"abc", b"1e3", b"99999999999999999999",
                                                                b"0x10", b" ", b"1, 2"]))
            return b"\r\n".join(lines) + b"\r\n\r\n" + body
        if choice == 1:
            lines.append(b"Content-Length: %d" % (len(body) + self.rng.randint(1, 1000)))  # more than sent
            return b"\r\n".join(lines) + b"\r\n\r\n" + body
        if choice == 2:
            lines.append(b"Content-Length: %d" % max(0, len(body) - self.rng.randint(1, 10)))  # less than sent
            return b"\r\n".join(lines) + b"\r\n\r\n" + body
        if choice == 3:
            lines += [b"Content-Length: 5", b"Content-Length: 7"]
            return b"\r\n".join(lines) + b"\r\n\r\n" + body
        if choice == 4:
            lines += [b"Transfer-Encoding: chunked", b"Content-Length: %d" % len(body)]
            return b"\r\n".join(lines) + b"\r\n\r\n" + b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
        lines.append(b"Transfer-Encoding: chunked")
        if choice == 5:  # well-formed chunks, split small, with extensions and a trailer
            size = max(7, len(body) // 4096)  # joined, not appended: a megabyte body in 7-byte pieces was quadratic
            pieces = (body[i:i + size] for i in range(0, len(body), size))
            out = b"".join(b"%x;ext=1\r\n%s\r\n" % (len(piece), piece) for piece in pieces)
            return b"\r\n".join(lines) + b"\r\n\r\n" + out + b"0\r\nX-Trailer: 1\r\n\r\n"
        if choice == 6:
            sizes = [b"fffffffffffffffff", b"-1", b"zz", b"1" * 40, b"7fffffff", b""]
            return b"\r\n".join(lines) + b"\r\n\r\n" + self.rng.choice(sizes) + b"\r\n" + body + b"\r\n0\r\n\r\n"
        return b"\r\n".join(lines) + b"\r\n\r\n" + b"%x\r\n%s" % (len(body) + 5, body)  # cut short

    def raw_malformed(self):
        base = b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n"
        choice = self.rng.randrange(18)
        if choice == 0:
            return bytes(self.rng.randrange(256) for _ in range(self.rng.randint(1, 3000)))
        if choice == 1:
            return base[:self.rng.randrange(len(base))]
        if choice == 2:
            return base.replace(b"\r\n", b"\n")
        if choice == 3:
            return b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n"  # obs-fold
        if choice == 4:
            return b"GET /api/v1/me HTTP/1.1\r\nHost x\r\n\r\n"
        if choice == 5:
            return b"GET /api/v1/me HTTP/1.1\r\nX: a\x00b\r\n\r\n"
        if choice == 6:
            return b"GET /" + b"a" * self.rng.choice([9000, 40000, 200000]) + b" HTTP/1.1\r\n\r\n"
        if choice == 7:
            return b"GET /healthz HTTP/1.1\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(5000)) + b"\r\n"
        if choice == 8:
            return self.rng.choice([b"GET /healthz HTTP/2.0\r\n\r\n", b"GET /healthz HTTP/0.9\r\n\r\n",
                                    b"GET /healthz\r\n\r\n", b"GET /healthz HTTP/1.0\r\n\r\n",
                                    b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", b"GET /healthz HTTP/9.9\r\n\r\n"])
        if choice == 9:
            return self.rng.choice([b"GET http://evil.example/api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n",
                                    b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
                                    b"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n",
                                    b"GET api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n",
                                    b"GET  /healthz  HTTP/1.1\r\n\r\n", b" GET /healthz HTTP/1.1\r\n\r\n"])
        if choice == 10:  # pipelined
            return base * self.rng.randint(2, 50)
        if choice == 11:
            return b"\r\n" * self.rng.randint(1, 100) + base
        if choice == 12:
            return b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"login\":"
        if choice == 13:
            return b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + \
                b"1\r\n{\r\n" * self.rng.randint(1, 20000) + b"0\r\n\r\n"
        if choice == 14:
            return b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n" + b"x" * 10
        if choice == 15:
            return b"G\xc3\x89T /healthz HTTP/1.1\r\n\r\n"
        if choice == 16:
            return b"GET /api/v1/m\xffe HTTP/1.1\r\nHost: \xff\xfe\r\n\r\n"
        return b"POST /api/v1/units HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n" + b"{" * 1000

    def static_request(self):
        path = self.rng.choice([
            "//etc/passwd", "/%2F..%2F..%2Fetc%2Fpasswd", "/%2Fetc%2Fpasswd", "/../../../../etc/passwd",
            "/assets/../../../../etc/passwd", "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/assets/..%2F..%2F..%2Fetc%2Fpasswd", "/..%5c..%5c..%5cetc%5cpasswd", "/%c0%ae%c0%ae/etc/passwd",
            "/index.html%00.js", "/index.html/", "/assets/", "/assets", "/.git/config", "/assets/app.js",
            "/assets/app.js.gz", "/assets/app.js%3f", "/index.html", "/", "/cases/abc", "/%", "/%zz",
            "/" + "a/" * 3000, "/\U0001F600", "/assets/%00", "/assets//app.js", "/./index.html",
            "/proc/self/environ", "/assets/../index.html", "/" + "%2e%2e%2f" * 20 + "etc/passwd",
            "/api/../../etc/passwd", "/api/v1/../../../etc/passwd", "/favicon.ico", "/robots.txt",
        ])
        hs = [("Host", "x"), ("Connection", "close")]
        if self.rng.random() < 0.3:
            hs.append(("Accept-Encoding", self.rng.choice(["gzip", "br", "gzip, br", "*", "identity;q=0"])))
        if self.rng.random() < 0.2:
            hs.append(("If-None-Match", self.rng.choice(["*", "\"x\"", "W/\"x\"", "\"" + "a" * 1000])))
        method = self.rng.choice(["GET", "GET", "GET", "HEAD", "POST", "DELETE"])
        return build_request(method, path, hs)

    # --- phases
    def phase_refused(self, seconds):
        """Requests that must all be refused; the digest must not move."""
        deadline = time.monotonic() + seconds
        writes = [r for r in self.routes if r.method != "GET" and r.template != "/api/v1/auth/login"]
        before = digest(self.db_path)
        sent = 0
        while time.monotonic() < deadline:
            route = self.rng.choice(writes)
            target = route.template
            for name in route.params:
                target = target.replace("{%s}" % name, quote_path(self.gen.segment(route, name)), 1)
            body = json.dumps(self.gen.from_schema(route.body_schema) if route.body_schema else {}).encode(
                "utf-8", "surrogatepass")
            session = self.rng.choice([s for n, s in self.sessions.items() if n != "auditor"])
            how = self.rng.randrange(7)
            if how == 0:
                if route.template == "/api/v1/auth/logout":
                    continue  # signing out without a session may well be a no-op
                raw, why = self.request(route.method, target, None, body), "no session"
            elif how == 1:
                raw, why = self.request(route.method, target, session, body, csrf=False), "no CSRF token"
            elif how == 2:
                raw, why = self.request(route.method, target, session, body, csrf="0" * 43), "a wrong CSRF token"
            elif how == 3:
                raw, why = self.request(route.method, target, session, body, origin="http://evil.example"), \
                    "a foreign Origin"
            elif how == 4:
                bad = self.rng.choice([b"{", b'{"a":"\xff"}', b'{"name":"a\x00"}', b"[" * 100000, b"x",
                                       b'{"a":1} 2', b'{"a":' * 5000 + b"1" + b"}" * 5000])
                raw, why = self.request(route.method, target, session, bad), "malformed JSON"
                if route.body_schema is None:
                    continue  # a route without a body may ignore it
            elif how == 5:
                if route.template in ("/api/v1/auth/logout", "/api/v1/users/{id}/password"):
                    continue
                raw, why = self.request(route.method, target, self.sessions["auditor"], body), \
                    "the auditor writing"
            else:
                big = b'{"a":"' + b"x" * (9 << 20) + b'"}'
                raw, why = self.request(route.method, target, session, big), "a body over 8 MiB"
                if self.rng.random() < 0.8:
                    continue  # slow; a few are enough
            answer = self.send(raw)
            sent += 1
            if answer.status is not None and not 400 <= answer.status < 500:
                self.fail("accepted a request that must be refused (%s): %d" % (why, answer.status), raw,
                          answer.body[:300])
        after = digest(self.db_path)
        if before != after:
            self.fail("refused requests changed the tables %s" % changed_tables(before, after), b"", "")
        return sent

    def phase_random(self, seconds, check_digest):
        deadline = time.monotonic() + seconds
        last = digest(self.db_path) if check_digest else None
        sent = 0
        while time.monotonic() < deadline:
            r = self.rng.random()
            static = False
            if r < 0.72:
                raw = self.random_api_request()
            elif r < 0.87:
                raw = self.raw_malformed()
            else:
                raw, static = self.static_request(), True
            if raw is None:
                continue
            answer = self.send(raw, check_static=static)
            sent += 1
            if check_digest:
                now = digest(self.db_path)
                if now != last and (answer.status is None or answer.status >= 400):
                    self.fail("refused request (%s) changed the tables %s" % (answer.status or answer.error,
                                                                             changed_tables(last, now)), raw,
                              answer.body[:300])
                last = now
            if answer.status == 401 and sent % 5 == 0:
                for session in self.sessions.values():
                    self.relogin_if_needed(session)
        return sent

    def phase_concurrent(self, seconds, workers):
        deadline = time.monotonic() + seconds
        died = threading.Event()
        seeds = [self.rng.randrange(1 << 30) for _ in range(workers)]

        def work(seed):
            local = Fuzzer.__new__(Fuzzer)
            local.__dict__.update(self.__dict__)
            local.rng = random.Random(seed)
            local.gen = Generator(local.rng, self.spec)
            local.gen.ids, local.gen.words = self.gen.ids, self.gen.words
            try:
                while time.monotonic() < deadline and not died.is_set():
                    r = local.rng.random()
                    if r < 0.8:
                        raw = local.random_api_request()
                    else:
                        raw = local.raw_malformed()
                    if raw is not None:
                        local.send(raw)
            except ServerDied:
                died.set()

        threads = [threading.Thread(target=work, args=(s,)) for s in seeds]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if died.is_set():
            raise ServerDied()


class ServerDied(Exception):
    pass


def quote_path(segment):
    """A path segment as sent: hostile ones that are already percent-encoded go as they are."""
    if "%" in segment or segment in ("..", "."):
        return segment.replace(" ", "%20").replace("#", "%23").replace("?", "%3F")
    return quote(segment)


def make_web_dir(folder):
    web = os.path.join(folder, "web")
    os.makedirs(os.path.join(web, "assets"))
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<!doctype html><title>fuzz</title><script src=/assets/app.js></script>")
    with open(os.path.join(web, "assets", "app.js"), "w") as f:
        f.write("console.log('fuzz');\n" * 100)
    return web


def start_watchdog(fuzzer, server, seconds):
    """When the run overruns, prints what is still waiting for an answer and where every thread is, then exits 3."""
    def watch():
        time.sleep(seconds)
        now = time.monotonic()
        print("\n== HANG: the run is %.0f s over; requests waiting for an answer:" % seconds, flush=True)
        for started, raw in list(fuzzer.in_flight.values()):
            print("  %.1f s: %r" % (now - started, raw), flush=True)
        print("server alive: %s; its last log lines:\n%s" % (server.alive(), "\n".join(server.tail)), flush=True)
        faulthandler.dump_traceback(all_threads=True)
        os._exit(3)
    threading.Thread(target=watch, daemon=True).start()


def replay(args):
    with open(args.replay, "rb") as f:
        raw = f.read()
    answer = exchange(args.port, raw, args.timeout)
    print("status:", answer.status, "error:", answer.error, "seconds: %.2f" % answer.elapsed)
    sys.stdout.write(answer.body[:2000].decode("utf-8", "replace") + "\n")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", help="the patronage binary (default: $PATRONAGE_BIN, build/patronage)")
    parser.add_argument("--seconds", type=float, default=90, help="total fuzzing time after set-up")
    parser.add_argument("--seed", type=int, help="random seed (printed; default: random)")
    parser.add_argument("--workers", type=int, default=4, help="threads of the concurrent phase")
    parser.add_argument("--timeout", type=float, default=10, help="seconds a request may take")
    parser.add_argument("--max-rss-mb", type=float, default=300, help="fail when the server's peak RSS exceeds it")
    parser.add_argument("--out", help="a folder for failure-NNN.http files and the server log")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (database, log)")
    parser.add_argument("--replay", help="send one saved raw request to --port and print the answer")
    parser.add_argument("--port", type=int, help="with --replay: the port of a running server")
    args = parser.parse_args()
    if args.replay:
        return replay(args)

    binary = find_binary(args.bin)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    with open(os.path.join(ROOT, "src", "http", "openapi.json"), encoding="utf-8") as f:
        spec = json.load(f)
    folder = tempfile.mkdtemp(prefix="patronage-fuzz-")
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    db_path = os.path.join(folder, "patronage.db")
    log_path = os.path.join(args.out or folder, "server.log")
    print("binary: %s\nseed: %d  seconds: %g  workers: %d  RSS cap: %g MB\nrerun: %s --seed %d --seconds %g" % (
        binary, seed, args.seconds, args.workers, args.max_rss_mb, sys.argv[0], seed, args.seconds), flush=True)
    started = time.monotonic()
    server = None
    fuzzer = None
    stopped = (None, 0.0)
    try:
        env = dict(os.environ, LANG="en_US.UTF-8")
        env.pop("PATRONAGE_DATABASE", None)
        demo = subprocess.run([binary, "-d", "sqlite:" + db_path, "demo"], capture_output=True, text=True, env=env,
                              timeout=300)
        if demo.returncode != 0:
            print("patronage demo failed:", demo.stderr, file=sys.stderr)
            return 2
        server = Server(binary, db_path, make_web_dir(folder), log_path)
        fuzzer = Fuzzer(args, server, db_path, spec, rng)
        start_watchdog(fuzzer, server, args.seconds + 240)
        try:
            fuzzer.sign_in()
            fuzzer.learn_ids()
            print("set-up: %d routes, %d ids learnt, %.1f s" % (len(fuzzer.routes), len(fuzzer.gen.ids),
                                                              time.monotonic() - started), flush=True)
            budget = args.seconds
            t = time.monotonic()
            n = fuzzer.phase_refused(budget * 0.15)
            print("phase refused: %d requests in %.1f s" % (n, time.monotonic() - t), flush=True)
            t = time.monotonic()
            n = fuzzer.phase_random(budget * 0.55, check_digest=True)
            print("phase random (digest after each): %d requests in %.1f s" % (n, time.monotonic() - t), flush=True)
            t = time.monotonic()
            before = fuzzer.requests
            fuzzer.phase_concurrent(budget * 0.30, args.workers)
            print("phase concurrent (%d workers): %d requests in %.1f s" % (
                args.workers, fuzzer.requests - before, time.monotonic() - t), flush=True)
            health = fuzzer.send(build_request("GET", "/healthz", [("Host", "x"), ("Connection", "close")]))
            if health.status != 200:
                fuzzer.fail("healthz after the run: %s" % (health.status or health.error), b"", "")
        except ServerDied:
            pass
    except RuntimeError as e:
        print("set-up failed:", e, file=sys.stderr)
        if server:
            server.stop()
        return 2
    finally:
        if server and server.proc.poll() is None:
            stopped = server.stop()
    peak_mb = server.peak_rss_kb / 1024.0
    if fuzzer is None:
        return 2
    if stopped[0] not in (0, None) or (stopped[0] is None and not fuzzer.failures):
        fuzzer.fail("SIGTERM: exit %s after %.1f s (expected 0 within 20 s)" % stopped[0:2], b"", "")
    if peak_mb > args.max_rss_mb:
        fuzzer.fail("peak RSS %.0f MB > %g MB" % (peak_mb, args.max_rss_mb), b"", "")
    elapsed = time.monotonic() - started
    print("\n== summary (seed %d)" % seed)
    print("requests: %d in %.1f s (%.0f/s)" % (fuzzer.requests, elapsed, fuzzer.requests / max(elapsed, 1e-9)))
    print("statuses:", " ".join("%d:%d" % kv for kv in sorted(fuzzer.statuses.items())))
    print("no HTTP answer:", " ".join("%s:%d" % kv for kv in sorted(fuzzer.errors.items())) or "none",
          "(malformed requests may be closed without an answer)")
    print("peak RSS: %.0f MB   slowest: %.2f s %r" % (peak_mb, fuzzer.slowest[0], fuzzer.slowest[1]))
    print("SIGTERM: exit %s after %.1f s" % stopped[0:2])
    kinds = collections.Counter(kind for kind, _, _ in fuzzer.failures)
    for kind, count in sorted(kinds.items()):
        print("FAILURE x%d: %s" % (count, kind))
    shown = set()
    for index, (kind, raw, detail) in enumerate(fuzzer.failures, 1):
        if kind in shown:
            continue
        shown.add(kind)
        print("\n-- failure %d: %s" % (index, kind))
        if raw:
            text = repr(raw[:1500])
            print("request (%d bytes%s): %s" % (len(raw), ", first 1500" if len(raw) > 1500 else "", text))
        if detail:
            print("answer/detail:", detail if isinstance(detail, str) else detail.decode("utf-8", "replace"))
    if args.out:
        print("\nfailure requests saved in %s (replay: %s --replay FILE --port PORT)" % (args.out, sys.argv[0]))
    if args.keep:
        print("kept:", folder)
    else:
        shutil.rmtree(folder, ignore_errors=True)
    print("RESULT:", "PASS" if not fuzzer.failures else "FAIL (%d failures)" % len(fuzzer.failures))
    return 0 if not fuzzer.failures else 1


if __name__ == "__main__":
    sys.exit(main())
