#!/usr/bin/env python3
"""The real-code benchmark's bookkeeping for scripts/realcode.sh.

  realcode_cases.py select BENCH_DIR SMOKE [ID...]   the artifacts to fetch: gav, extra, exclude
  realcode_cases.py judge BENCH_DIR WORK_DIR SMOKE [ID...]   the table and the last line

A case is reported by a tool when it has a finding of the case's check in the case's file within
LINE_SLACK lines of the case's line (the loop statement; a finding sits on the loop's keyword or,
for a stream, on the terminal call, which may be a line or two further down).
"""
import csv
import json
import re
import sys
from pathlib import Path

LINE_SLACK = 2
CASE_COLUMNS = ["id", "gav", "file", "method", "line", "check", "verdict", "evidence"]
ARTIFACT_COLUMNS = ["gav", "extra", "exclude", "smoke"]
WARNING = re.compile(r"^(?P<file>.*\.java):(?P<line>\d+): warning: \[(?P<check>\w+)\]")


def rows(path, columns):
    with open(path, newline="", encoding="utf-8") as f:
        lines = [l for l in f if l.strip() and not l.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if reader.fieldnames != columns:
        sys.exit(f"realcode: {path}: columns must be {columns}, got {reader.fieldnames}")
    return list(reader)


def selected(bench, smoke, ids):
    cases = rows(bench / "cases.tsv", CASE_COLUMNS)
    artifacts = {a["gav"]: a for a in rows(bench / "artifacts.tsv", ARTIFACT_COLUMNS)}
    problems = [f"{c['id']}: artifact {c['gav']} not in artifacts.tsv"
                for c in cases if c["gav"] not in artifacts]
    seen = set()
    for c in cases:
        if c["id"] in seen:
            problems.append(f"{c['id']}: duplicate id")
        seen.add(c["id"])
        if c["verdict"] not in ("TP", "FP"):
            problems.append(f"{c['id']}: verdict must be TP or FP, got {c['verdict']}")
    unknown = set(ids) - seen
    if unknown:
        problems.append(f"unknown case ids: {sorted(unknown)}")
    if problems:
        sys.exit("realcode: " + "; ".join(problems))
    if ids:
        cases = [c for c in cases if c["id"] in ids]
    elif smoke:
        cases = [c for c in cases if artifacts[c["gav"]]["smoke"] == "yes"]
    return cases, artifacts


def workdir(work, gav):
    return work / gav.replace(":", "_")


def scanner_findings(work, gav):
    path = workdir(work, gav) / "scanner.json"
    if not path.exists():
        return None
    report = json.loads(path.read_text(encoding="utf-8"))
    return [(f["check"], f["file"], int(f["line"])) for f in report["findings"]]


def plugin_findings(work, gav):
    """The plugin's warnings, or None when the sources did not compile (or were not run)."""
    wd = workdir(work, gav)
    out = wd / "plugin.out"
    if not out.exists():
        return None
    rc = re.search(r"javac rc:\s+(\d+)", out.read_text(encoding="utf-8"))
    if not rc or rc.group(1) != "0":
        return None
    found = []
    for line in (wd / "javac.log").read_text(encoding="utf-8", errors="replace").splitlines():
        m = WARNING.match(line)
        if m and "lockstepcanary" not in m.group("file"):
            found.append((m.group("check"), m.group("file"), int(m.group("line"))))
    return found


def reports(findings, case):
    line = int(case["line"])
    return any(check == case["check"]
               and file.replace("\\", "/").endswith("/" + case["file"])
               and abs(found - line) <= LINE_SLACK
               for check, file, found in findings)


def judge(bench, work, smoke, ids):
    cases, _ = selected(bench, smoke, ids)
    table = []
    tp = tp_found = fp = fp_reported = agree = not_compiled = wrong = 0
    by_gav = {}
    for c in cases:
        if c["gav"] not in by_gav:
            by_gav[c["gav"]] = (scanner_findings(work, c["gav"]), plugin_findings(work, c["gav"]))
        scanned, compiled = by_gav[c["gav"]]
        s = None if scanned is None else reports(scanned, c)
        p = None if compiled is None else reports(compiled, c)
        expected = c["verdict"] == "TP"
        if expected:
            tp += 1
            tp_found += bool(s)
        else:
            fp += 1
            fp_reported += bool(s)
        if compiled is None:
            not_compiled += 1
        elif p == s:
            agree += 1
        ok = s == expected and (p is None or p == expected)
        wrong += not ok
        table.append((c["id"], c["verdict"], c["check"],
                      "n.r." if s is None else ("reported" if s else "-"),
                      "n.c." if p is None else ("reported" if p else "-"),
                      "ok" if ok else "WRONG"))
    header = ("case", "verdict", "check", "scanner", "plugin", "")
    widths = [max(len(str(r[i])) for r in table + [header]) for i in range(len(header))]
    for r in [header] + table:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
    print()
    for gav, (scanned, compiled) in by_gav.items():
        cited = [c for c in cases if c["gav"] == gav]
        others = [f for f in (scanned or []) if not any(reports([f], c) for c in cited)]
        print(f"{gav}: scanner {'not run' if scanned is None else len(scanned)} findings"
              f" ({len(others)} outside the cases), plugin "
              f"{'did not compile' if compiled is None else len(compiled)}")
    reported = tp_found + fp_reported
    precision = f"{100 * tp_found / reported:.0f} %" if reported else "n/a"
    print(f"precision on the cases reported: {precision}; recall on the TPs: "
          f"{tp_found}/{tp}")
    print(f"realcode: cases {len(cases)}, TP found {tp_found}/{tp}, FP reported {fp_reported}/{fp},"
          f" plugin=scanner on {agree}/{len(cases)}"
          + (f" ({not_compiled} not compiled)" if not_compiled else ""))
    return 0 if wrong == 0 else 1


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    mode, bench = argv[1], Path(argv[2])
    if mode == "select":
        smoke, ids = argv[3] == "true", set(argv[4:])
        cases, artifacts = selected(bench, smoke, ids)
        for gav in dict.fromkeys(c["gav"] for c in cases):
            a = artifacts[gav]
            # "-" for an empty field: bash's read collapses consecutive tabs
            print("\t".join([gav, a["extra"] or "-", a["exclude"] or "-"]))
        return 0
    if mode == "judge":
        return judge(bench, Path(argv[3]), argv[4] == "true", set(argv[5:]))
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
