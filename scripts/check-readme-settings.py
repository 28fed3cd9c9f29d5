#!/usr/bin/env python3
"""Fails when README.md's settings table is not what `patronage config show --markdown` prints.

Usage: check-readme-settings.py PATRONAGE_BINARY [--write]
--write replaces the table in README.md (between the two marker comments).
"""
import os
import subprocess
import sys

BEGIN, END = "<!-- settings:begin -->\n", "<!-- settings:end -->\n"
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def main():
    binary, write = sys.argv[1], "--write" in sys.argv[2:]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATRONAGE_")}
    env["LANG"] = "en_US.UTF-8"
    table = subprocess.run([binary, "config", "show", "--markdown"], check=True, capture_output=True, text=True,
                           env=env, cwd=ROOT).stdout
    path = os.path.join(ROOT, "README.md")
    with open(path, encoding="utf-8") as f:
        readme = f.read()
    if BEGIN not in readme or END not in readme:
        print("README.md has no %s ... %s markers" % (BEGIN.strip(), END.strip()))
        return 1
    head, rest = readme.split(BEGIN, 1)
    current, tail = rest.split(END, 1)
    if current == table:
        return 0
    if write:
        with open(path, "w", encoding="utf-8") as f:
            f.write(head + BEGIN + table + END + tail)
        print("README.md: settings table rewritten")
        return 0
    print("README.md's settings table differs from `patronage config show --markdown`;"
          " run: python3 scripts/check-readme-settings.py build/patronage --write")
    return 1


if __name__ == "__main__":
    sys.exit(main())
