#!/usr/bin/env python3
"""Every message key the server can send has a Russian and an English text.

Scans src/ for string literals that look like message keys in the places keys
are made (Error factories, field errors, warnings, reasons) and checks them
against locales/server/{ru,en}.json; also checks both files have the same keys.
Prints the missing keys and exits 1 when any is missing.
"""
import json
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
duplicates = []


def catalogue(name):
    """The texts of one language; a key written twice is a problem (the JSON reader would keep only the last)."""
    pairs = json.loads((root / f"locales/server/{name}.json").read_text(encoding="utf-8"), object_pairs_hook=list)
    seen = set()
    for key, _ in pairs:
        if key in seen:
            duplicates.append(f"{key}: written twice in {name}.json")
        seen.add(key)
    return dict(pairs)


ru = catalogue("ru")
en = catalogue("en")

prefixes = ("auth", "backup", "case", "cli", "config", "consent", "decision", "document", "household", "internal",
            "match", "person", "record", "referral", "request", "risk", "server", "signal", "storage", "unit",
            "user", "validation", "visit", "volunteer", "warning", "audit", "duplicate", "assessment", "plan")
key_re = re.compile(r'"((?:%s)\.[a-z_]+(?:\.[a-z_]+)*)"' % "|".join(prefixes))
used = set()
# Lines that name audit actions or configuration keys, not messages.
not_messages = re.compile(r"audit\(|read\(table|read_seconds\(|at_path|key_[a-z]+(<[a-z]+>)?\(|not_above\(|apply_flag")
for path in (root / "src").rglob("*.[ch]pp"):
    for line in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"Error::field\(\"[a-z_.\[\]0-9]+\"", "Error::field(", line.split("//")[0])
        if not_messages.search(line):
            continue
        for match in key_re.finditer(line):
            used.add(match.group(1))

problems = list(duplicates)
for key in sorted(used):
    for name, catalogue in (("ru", ru), ("en", en)):
        if key not in catalogue:
            problems.append(f"{key}: no {name} text")
for key in sorted(set(ru) ^ set(en)):
    problems.append(f"{key}: in only one of ru.json / en.json")

for problem in problems:
    print(problem)
print(f"{len(used)} keys used in src/, {len(ru)} translated; {len(problems)} problems")
sys.exit(1 if problems else 0)
