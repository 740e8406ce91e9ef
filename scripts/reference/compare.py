#!/usr/bin/env python3
"""Compares the engine's report tables with the independent references', cell by cell.

    scripts/reference/compare.py ENGINE_DIR REFERENCE_DIR [TABLE.csv ...]

Every table present in REFERENCE_DIR (or those named) must have the same header, the same rows in
the same order, equal text cells, and numbers equal to 1e-9 relative (1e-12 absolute near 0),
the tolerance of the golden-file tests. Prints a line per table and the first differences; exits 1
if any table differs. Used for the by-hand checks on the 100k benchmark set (docs/metrics.md).
"""
import csv
import math
import os
import sys


def number(text):
    try:
        value = float(text)
    except ValueError:
        return None
    return value


def same(a, b):
    if a == b:
        return True
    x, y = number(a), number(b)
    if x is None or y is None:
        return False
    if math.isinf(x) or math.isinf(y) or math.isnan(x) or math.isnan(y):
        return str(x) == str(y)
    return abs(x - y) <= max(1e-12, 1e-9 * max(abs(x), abs(y)))


def compare(engine, reference):
    with open(engine, newline="") as f:
        ours = list(csv.reader(f))
    with open(reference, newline="") as f:
        theirs = list(csv.reader(f))
    problems = []
    if ours[:1] != theirs[:1]:
        problems.append(f"header differs: {ours[:1]} vs {theirs[:1]}")
        return problems, 0
    if len(ours) != len(theirs):
        problems.append(f"{len(ours) - 1} rows vs {len(theirs) - 1}")
    header = theirs[0]
    cells = 0
    for line, (a, b) in enumerate(zip(ours[1:], theirs[1:]), start=2):
        for column, x, y in zip(header, a, b):
            cells += 1
            if not same(x, y):
                problems.append(f"line {line}, {column}: engine {x!r}, reference {y!r}")
    return problems, cells


def main(engine_dir, reference_dir, tables):
    tables = tables or sorted(name for name in os.listdir(reference_dir) if name.endswith(".csv"))
    failed = False
    for table in tables:
        problems, cells = compare(os.path.join(engine_dir, table), os.path.join(reference_dir, table))
        print(f"{table}: {cells} cells, {'same' if not problems else f'{len(problems)} differences'}")
        for problem in problems[:10]:
            print("   ", problem)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
