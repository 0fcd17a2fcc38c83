#!/usr/bin/env python3
"""What `vaultkit verify --scan` finds in the coverage corpus, source by source and part by part.

    python bench/scan_report.py [--part tuning|heldback|all] [--json] [--steps FILE] [--budget 10]

Every source folder of the part is scanned as its own vault (`vaultkit verify FOLDER --scan
--json`). The report prints one Markdown line per source (its display equations, and its steps
by finding: proved, checked, does not follow, statement, conditional, not checked; the
definitions, approximations and inequalities that are not identities; the displays not read)
and the totals of each part. `--steps FILE` writes every "does not follow" of the tuning part
(note and line, the LaTeX, the reading and the counterexample) to FILE, to be read by hand;
held-back steps are never written out, only counted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from coverage_sample import PARTS, source_folders  # noqa: E402
from run import find_vaultkit  # noqa: E402

FINDINGS = ("proved", "checked", "does not follow", "statement", "conditional", "not checked")
KINDS = ("definition", "approximation", "inequality", "relation")


def scan(vault: Path, budget: float) -> dict:
    """vaultkit's scan of one vault, as JSON."""
    command = [str(find_vaultkit()), "verify", str(vault), "--scan", "--json", "--budget", str(budget)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def counts(report: dict) -> Counter:
    """The displays and every finding of one scan, flat."""
    summary = report["summary"]
    found = Counter({"displays": report["displays"], "not read": summary["not read"]})
    found.update({finding: summary[finding] for finding in FINDINGS})
    found.update({kind: summary["not an identity"][kind] for kind in KINDS})
    return found


COLUMNS = ("displays",) + FINDINGS + KINDS + ("not read",)


def table(rows: list[tuple[str, Counter]]) -> str:
    head = "| source | " + " | ".join(COLUMNS) + " |\n| --- |" + " ---: |" * len(COLUMNS) + "\n"
    return head + "".join(f"| {name} | " + " | ".join(str(c[k]) for k in COLUMNS) + " |\n" for name, c in rows)


def step_lines(source: str, report: dict) -> list[str]:
    """Every step that does not follow, for reading by hand."""
    lines = []
    for step in report["steps"]:
        if step["finding"] != "does not follow":
            continue
        lines.append(
            f"### {source}/{step['note']}:{step['line']}\n\n```latex\n{step['tex']}\n```\n\n"
            f"- reading: `{step['lhs']} {step['relation']} {step['rhs']}` ({step['kind']}; {step['assuming']})\n"
            f"- using lines: {step['using']}\n- {step['message']}\n"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=PARTS + ("all",), default="all")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--steps", type=Path, help="write the tuning part's steps that do not follow here")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds a step may take (default 10)")
    options = parser.parse_args()
    parts = PARTS if options.part == "all" else (options.part,)
    result: dict[str, dict[str, dict[str, int]]] = {}
    steps: list[str] = []
    for part in parts:
        result[part] = {}
        for folder in source_folders(part):
            report = scan(folder, options.budget)
            result[part][folder.name] = dict(counts(report))
            if part == "tuning":
                steps.extend(step_lines(folder.name, report))
    if options.steps is not None:
        options.steps.write_text("# Steps that do not follow (tuning part)\n\n" + "\n".join(steps), encoding="utf-8")
    if options.json:
        print(json.dumps(result, indent=2))
        return 0
    for part, sources in result.items():
        rows = [(name, Counter(c)) for name, c in sources.items()]
        total = sum((c for _, c in rows), Counter())
        print(f"### {part}\n\n" + table(rows + [(f"**{part}**", total)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
