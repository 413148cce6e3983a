#!/usr/bin/env python3
"""Renders README.md's table "Agreement with Volr's simulator" from what the cross-simulator test measured.

    scripts/cross-simulator-table.py [REPORT.json ...]

The reports are written by the tests that run the generated scripts (one cell per script run: samples, classes
agreeing, output counts equal, largest count difference, and the claim the test asserted): by default
GeneratedScriptsTest's (the examples and Fashion-MNIST networks, through the volr command) and then
CrossSimulatorTest's (a small convolutional network under every neuron model), rows in that order. Each cell reads "classes %, equal/total"
and, when some count differs, "±max difference". The test asserts the claim for every cell; this script refuses
(exit 1) to render a cell whose measurement is not exactly its claim, so the table shows no figure the test does
not hold it to: raise the claim in the test first. Python 3 standard library only.
"""
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ORDER = ["Brian2 script", "Brian2 cpp_standalone", "PyNN on Brian2", "PyNN on NEURON"]
DEFAULT = [os.path.join(ROOT, "tests", t, "target", "cross-simulator.json") for t in ("org.volr.cli.tests", "org.volr.gen.tests")]


def cell(c):
    text = "%d %%, %d/%d" % (round(100 * c["same_class"] / c["samples"]), c["counts_equal"], c["counts_total"])
    return text + (", ±%d" % c["max_count_difference"] if c["max_count_difference"] else "")


def loose(c):
    """Why a cell's claim is not its measurement, or None when the test asserts exactly the figures shown."""
    claim = c["claim"]
    classes = c["samples"] if claim["same_class"] is None else claim["same_class"]
    equal = c["counts_total"] if claim["counts_equal"] is None else claim["counts_equal"]
    measured = (c["same_class"], c["counts_equal"], c["max_count_difference"])
    claimed = (classes, equal, claim["max_count_difference"])
    return None if measured == claimed else "measured %s, test asserts %s" % (measured, claimed)


def main():
    reports = []
    for path in sys.argv[1:] or DEFAULT:
        with open(path, encoding="utf-8") as f:
            reports.append(json.load(f))
    cells = [c for r in reports for c in r["cells"]]
    problems = ["%s / %s: %s" % (c["row"], c["column"], loose(c)) for c in cells if loose(c)]
    if problems:
        sys.exit("cross-simulator-table.py: claims looser than the measurements (raise them in the test):\n  "
                 + "\n  ".join(problems))
    # Brian2's two devices side by side, then PyNN's backends; a column no test names here is appended
    columns = [c for c in ORDER if any(x["column"] == c for x in cells)]
    for c in cells:
        if c["column"] not in columns:
            columns.append(c["column"])
    rows = [r for report in reports for r in report["rows"] if any(c["row"] == r for c in cells)]
    by = {(c["row"], c["column"]): c for c in cells}
    versions = {"Brian2 %(brian2)s, PyNN %(pyNN)s, NEURON %(neuron)s" % r["versions"] for r in reports}
    print("<!-- rendered by scripts/cross-simulator-table.py from the output of %s (%s) -->"
          % (" and ".join(r["test"].rsplit(".", 1)[-1] for r in reports), "; ".join(sorted(versions))))
    print("| network (samples) | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for r in rows:
        print("| %s | %s |" % (r, " | ".join(cell(by[(r, col)]) if (r, col) in by else "—" for col in columns)))


if __name__ == "__main__":
    main()
