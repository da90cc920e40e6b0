#!/usr/bin/env python3
"""The real-code benchmark's bookkeeping for scripts/realcode.sh.

  realcode_cases.py select BENCH_DIR SMOKE [ID...]   the artifacts to fetch: gav, extra, exclude
  realcode_cases.py judge BENCH_DIR WORK_DIR SMOKE [ID...]   the table and the last line

A case is reported by a tool when it has a finding of the case's check in the case's file within
LINE_SLACK lines of the case's line (the loop statement, or the line where a stream pipeline or a
forEach call starts; the slack absorbs a finding a line or two off, e.g. on a split loop header). A case with a
wait_line is about one wait of a loop that has others: it is reported only when such a finding
also cites that line of the case's file as a hop of a wait chain (the scanner's JSON
findings[].chains[][]; the plugin's message text, "<File>.java:<wait_line>").
"""
import csv
import json
import re
import sys
from pathlib import Path

LINE_SLACK = 2
CASE_COLUMNS = ["id", "gav", "file", "method", "line", "wait_line", "check", "verdict", "evidence"]
ARTIFACT_COLUMNS = ["gav", "extra", "exclude", "smoke"]
CHECKS = {
    "SerialAwaitInLoop",
    "FakeConcurrency",
    "OversizedWindow",
    "SerialFanOut",
    "UnboundedFanOut",
    "BlockingOnCommonPool",
    "LockHeldAcrossWait",
}
WARNING = re.compile(r"^(?P<file>.*\.java):(?P<line>\d+): warning: \[(?P<check>\w+)\] ?(?P<text>.*)")
CITED = re.compile(r"([\w$]+\.java):(\d+)")
CARET = re.compile(r"^\s*\^\s*$")


def rows(path, columns):
    with open(path, newline="", encoding="utf-8") as f:
        lines = [l for l in f if l.strip() and not l.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, restval=None)
    if reader.fieldnames != columns:
        sys.exit(f"realcode: {path}: columns must be {columns}, got {reader.fieldnames}")
    result = list(reader)
    for number, row in enumerate(result, start=2):
        if None in row.values() or None in row:
            sys.exit(f"realcode: {path}: row {number} ({row.get(columns[0])}) does not have"
                     f" {len(columns)} tab-separated fields")
    return result


def selected(bench, smoke, ids):
    cases = rows(bench / "cases.tsv", CASE_COLUMNS)
    artifact_rows = rows(bench / "artifacts.tsv", ARTIFACT_COLUMNS)
    artifacts = {a["gav"]: a for a in artifact_rows}
    problems = [f"{c['id']}: artifact {c['gav']} not in artifacts.tsv"
                for c in cases if c["gav"] not in artifacts]
    if len(artifacts) != len(artifact_rows):
        problems.append("artifacts.tsv: a gav is listed twice")
    used = {c["gav"] for c in cases}
    problems += [f"artifacts.tsv: {gav} has no case" for gav in artifacts if gav not in used]
    for a in artifact_rows:
        if a["smoke"] not in ("yes", "no"):
            problems.append(f"artifacts.tsv: {a['gav']}: smoke must be yes or no")
        if len(a["gav"].split(":")) != 3:
            problems.append(f"artifacts.tsv: {a['gav']}: gav must be group:artifact:version")
    seen = set()
    for c in cases:
        if c["id"] in seen:
            problems.append(f"{c['id']}: duplicate id")
        seen.add(c["id"])
        if c["verdict"] not in ("TP", "FP"):
            problems.append(f"{c['id']}: verdict must be TP or FP, got {c['verdict']}")
        if c["check"] not in CHECKS:
            problems.append(f"{c['id']}: unknown check {c['check']}")
        if not c["line"].isdigit() or not (c["wait_line"] == "" or c["wait_line"].isdigit()):
            problems.append(f"{c['id']}: line and wait_line must be numbers (wait_line may be empty)")
        if not c["file"].endswith(".java") or c["file"].startswith("/"):
            problems.append(f"{c['id']}: file must be a .java path inside the sources jar")
        if not c["evidence"].strip():
            problems.append(f"{c['id']}: no evidence")
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


class Finding:
    """One finding: its check, file, line and the (file name, line) pairs its wait chains cite."""

    def __init__(self, check, file, line, cited):
        self.check, self.file, self.line, self.cited = check, file.replace("\\", "/"), line, cited


def scanner_findings(work, gav):
    """The scanner's findings, or None when it did not run."""
    path = workdir(work, gav) / "scanner.json"
    if not path.exists():
        return None
    report = json.loads(path.read_text(encoding="utf-8"))
    return [Finding(f["check"], f["file"], int(f["line"]),
                    {(Path(hop["file"]).name, int(hop["line"]))
                     for chain in f.get("chains", []) for hop in chain})
            for f in report["findings"]]


def plugin_status(work, gav):
    """(findings, why): findings None when the plugin has no result, why says n.c. or n.r."""
    wd = workdir(work, gav)
    out = wd / "plugin.out"
    if not (wd / "plugin.done").exists() or not out.exists():
        return None, "n.r."  # fetching failed, or not run
    text = out.read_text(encoding="utf-8", errors="replace")
    rc = re.search(r"javac rc:\s+(\d+)", text)
    if not rc:
        return None, "n.r."
    if rc.group(1) != "0":
        return None, "n.c."
    canary = re.search(r"SerialAwaitInLoop canary:\s+(\d+)", text)
    if canary and canary.group(1) != "1":
        return None, "n.r."  # compiled, but the check did not run
    found = []
    current = None
    for line in (wd / "javac.log").read_text(encoding="utf-8", errors="replace").splitlines():
        m = WARNING.match(line)
        if m:
            current = None
            # Lockstep's checks only (javac's own lint warnings, [removal] and the like, share the form)
            if m.group("check") in CHECKS and "lockstepcanary" not in m.group("file"):
                current = Finding(m.group("check"), m.group("file"), int(m.group("line")), set())
                current.text = m.group("text")
                found.append(current)
        elif current is not None:
            if CARET.match(line) or re.match(r"^\S.*\.java:\d+: ", line):
                current = None
            else:
                current.text += "\n" + line
    for f in found:
        # the last line before the caret is the source line javac echoes, not the message
        message = f.text.rsplit("\n", 1)[0] if "\n" in f.text else f.text
        f.cited = {(name, int(n)) for name, n in CITED.findall(message)}
    return found, ""


def keys(findings):
    """(check, path inside the sources, line) of each finding, to compare the two tools."""
    return {(f.check, re.sub(r"^(.*?/)?src/", "", f.file, count=1), f.line) for f in findings}


def reports(findings, case):
    line = int(case["line"])
    name = Path(case["file"]).name
    wait = int(case["wait_line"]) if case["wait_line"] else None
    return any(f.check == case["check"]
               and (f.file == case["file"] or f.file.endswith("/" + case["file"]))
               and abs(f.line - line) <= LINE_SLACK
               and (wait is None or (name, wait) in f.cited)
               for f in findings)


def judge(bench, work, smoke, ids):
    cases, _ = selected(bench, smoke, ids)
    table = []
    tp = tp_found = fp = fp_reported = agree = not_compiled = not_run = wrong = 0
    by_gav = {}
    for c in cases:
        if c["gav"] not in by_gav:
            by_gav[c["gav"]] = (scanner_findings(work, c["gav"]), *plugin_status(work, c["gav"]))
        scanned, compiled, why = by_gav[c["gav"]]
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
            not_compiled += why == "n.c."
            not_run += why != "n.c."
        elif p == s:
            agree += 1
        # n.c. is a known state of an artifact (benchmarks/realcode/README.md); n.r. is a failure
        ok = s == expected and (p == expected if compiled is not None else why == "n.c.")
        wrong += not ok
        where = c["file"].rsplit("/", 1)[-1] + ":" + c["line"] + (
            "@" + c["wait_line"] if c["wait_line"] else "")
        table.append((c["id"], c["verdict"], where,
                      "n.r." if s is None else ("reported" if s else "-"),
                      why if p is None else ("reported" if p else "-"),
                      "ok" if ok else "WRONG"))
    header = ("case", "verdict", "loop (@wait)", "scanner", "plugin", "")
    widths = [max(len(str(r[i])) for r in table + [header]) for i in range(len(header))]
    for r in [header] + table:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
    print()
    for gav, (scanned, compiled, why) in by_gav.items():
        cited = [c for c in cases if c["gav"] == gav]
        others = [f for f in (scanned or []) if not any(reports([f], c) for c in cited)]
        plugin = {"n.c.": "did not compile", "n.r.": "not run"}.get(why) if compiled is None \
            else f"{len(compiled)} findings"
        if scanned is not None and compiled is not None:
            s_keys, p_keys = keys(scanned), keys(compiled)
            if s_keys != p_keys:
                plugin += (f" ({len(p_keys - s_keys)} only in the plugin, {len(s_keys - p_keys)}"
                           f" only in the scanner)")
        print(f"{gav}: scanner {'not run' if scanned is None else f'{len(scanned)} findings'}"
              f" ({len(others)} outside the cases), plugin {plugin}")
    reported = tp_found + fp_reported
    precision = f"{100 * tp_found / reported:.0f} %" if reported else "n/a"
    print(f"scanner precision on the cases reported: {precision}; recall on the TPs: "
          f"{tp_found}/{tp}; cases not as judged: {wrong}")
    notes = [f"{not_compiled} not compiled"] if not_compiled else []
    notes += [f"{not_run} not run"] if not_run else []
    print(f"realcode: cases {len(cases)}, TP found {tp_found}/{tp}, FP reported {fp_reported}/{fp},"
          f" plugin=scanner on {agree}/{len(cases)}"
          + (f" ({', '.join(notes)})" if notes else ""))
    return 0 if wrong == 0 else 1


def main(argv):
    if len(argv) < 4:
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
    if mode == "judge" and len(argv) >= 5:
        return judge(bench, Path(argv[3]), argv[4] == "true", set(argv[5:]))
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
