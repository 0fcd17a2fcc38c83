#!/usr/bin/env python3
"""How much of the coverage corpus vaultkit reads, source by source and part by part.

    python bench/coverage_report.py [--part tuning|heldback|all] [--top 15] [--json]

Every source folder under bench/coverage/tuning/ and bench/coverage/heldback/ is measured as
its own vault (with its own preamble.sty, if it has one) by `vaultkit verify FOLDER
--coverage --json`. The report prints Markdown tables: one line per source (its topic, from
the "Topic" line of its SOURCE.md; its notes; its display equations and how many vaultkit
read; the same for the equations that are not prose), the totals of each part and of the
whole corpus, and the most frequent causes of failure (the `cause` and `command` of each
failed outcome) in the tuning part; the held-back part's causes are not printed, since no rule
may be written from them. It prints no equation. `--json` prints the counts instead.

An equation is **prose** when nothing mathematical is left after deleting

  * every `\\text…{…}` (`\\text`, `\\textrm`, `\\textbf`, `\\textit`, …), `\\mathrm{…}` and
    `\\mbox{…}` whose content has a word of three or more letters (a CJK character counts as a
    word: those scripts write no spaces between words),
  * every spacing command (`\\,` `\\;` `\\:` `\\!` `\\ ` `\\quad` `\\qquad` `\\hspace{…}` …), the
    line and column breaks `\\\\` and `&`, and `~`,

where "something mathematical" is a letter, a digit or a command (`\\name`) and punctuation
and operators alone are not (an arrow written as a command, `\\Downarrow`, is an operator). An equation is **not prose** when it is not prose and is also
more than a lone name: it holds an operator, a relation, a script or a command (the
NONTRIVIAL pattern of bench/coverage_sample.py), so `$$\\theta$$` is left out as well.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from coverage_sample import NONTRIVIAL, PARTS, coverage, source_folders  # noqa: E402

from vaultkit.checking.macros import group_end  # noqa: E402

TEXTUAL = re.compile(r"\\(?:text[A-Za-z]*|mathrm|mbox)\s*\{")
SPACING = re.compile(
    r"\\(?:hspace|vspace|hskip|kern|mkern|mskip)\*?\s*(?:\{[^{}]*\}|-?[\d.]+\s*[a-z]{2})"
    r"|\\(?:quad|qquad|enspace|thinspace|medspace|thickspace|negthinspace|negmedspace|negthickspace"
    r"|space|nobreakspace|hfill|newline)(?![A-Za-z])"
    r"|\\\\(?:\[[^\]]*\])?|\\[,;:!> ]|[&~]"
)
ARROW = re.compile(  # an arrow between statements is an operator: `\\Downarrow` alone, `\\text{A} \\Rightarrow \\text{B}`
    r"\\(?:Downarrow|Uparrow|downarrow|uparrow|Rightarrow|Longrightarrow|Leftrightarrow|implies|iff|therefore"
    r"|because|to|rightarrow|longrightarrow|xrightarrow|mapsto)(?![A-Za-z])"
)
WORD = re.compile(r"[^\W\d_]{3,}|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
MATHEMATICAL = re.compile(r"[^\W_]|\\[A-Za-z]")


def without_words(tex: str) -> str:
    """`tex` without its `\\text…{…}`, `\\mathrm{…}` and `\\mbox{…}` that hold a word."""
    kept: list[str] = []
    position = 0
    while True:
        found = TEXTUAL.search(tex, position)
        if not found:
            break
        opening = found.end() - 1
        closing = group_end(tex, opening) - 1  # the index of the closing brace
        if closing < 0:
            break
        if WORD.search(tex[opening + 1:closing]):
            kept.append(tex[position:found.start()])
            kept.append(" ")
        else:
            kept.append(tex[position:closing + 1])
        position = closing + 1
    kept.append(tex[position:])
    return "".join(kept)


def is_prose(tex: str) -> bool:
    """Nothing mathematical is left once words in text commands, spacing and arrows are deleted."""
    return not MATHEMATICAL.search(ARROW.sub(" ", SPACING.sub(" ", without_words(tex))))


def is_mathematics(tex: str) -> bool:
    """Not prose, and more than a lone name."""
    return not is_prose(tex) and bool(NONTRIVIAL.search(tex))


def topic(folder: Path) -> str:
    """The short topic of a source: the first item in the parentheses of its SOURCE.md "Topic" line."""
    lines = (folder / "SOURCE.md").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line.startswith("- Topic:"):
            text = line[len("- Topic:"):]
            for more in lines[index + 1:]:
                if not more.startswith("  "):
                    break
                text += " " + more.strip()
            text = text.strip()
            inner = re.search(r"\(([^:,;)]+)", text)
            return (inner.group(1) if inner else text).strip()
    return ""


def measure(folder: Path) -> dict:
    """The counts of one source folder."""
    report = coverage(folder)
    outcomes = report["outcomes"]
    mathematics = [o for o in outcomes if is_mathematics(o["tex"])]
    causes = collections.Counter((o["cause"], o["command"]) for o in outcomes if not o["translated"])
    return {
        "source": folder.name,
        "topic": topic(folder),
        "notes": sum(1 for p in folder.rglob("*.md") if p.relative_to(folder).as_posix() != "SOURCE.md"),
        "equations": len(outcomes),
        "read": sum(1 for o in outcomes if o["translated"]),
        "not_prose": len(mathematics),
        "not_prose_read": sum(1 for o in mathematics if o["translated"]),
        "causes": causes,
    }


def totals(rows: list[dict]) -> dict:
    keys = ("notes", "equations", "read", "not_prose", "not_prose_read")
    summed = {key: sum(row[key] for row in rows) for key in keys}
    summed["sources"] = len(rows)
    return summed


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def counts(row: dict, bold: bool = False) -> list[str]:
    cells = [str(row["notes"]), str(row["equations"]), str(row["read"]), percent(row["read"], row["equations"]),
             str(row["not_prose"]), str(row["not_prose_read"]), percent(row["not_prose_read"], row["not_prose"])]
    return [f"**{cell}**" for cell in cells] if bold else cells


HEADER = ["notes", "display equations", "read", "%", "not prose", "read", "%"]
RIGHT = ["---:"] * len(HEADER)


def markdown(measured: dict[str, list[dict]], top: int) -> str:
    out: list[str] = []
    for part, rows in measured.items():
        out.append(f"### {part}\n")
        out.append(line(["source", "topic", *HEADER]))
        out.append(line(["---", "---", *RIGHT]))
        for row in rows:
            out.append(line([row["source"], row["topic"], *counts(row)]))
        out.append(line([f"**{part}**", f"**{len(rows)} sources**", *counts(totals(rows), bold=True)]))
        out.append("")
    out.append("### totals\n")
    out.append(line(["part", "sources", *HEADER]))
    out.append(line(["---", "---:", *RIGHT]))
    for part, rows in measured.items():
        summed = totals(rows)
        out.append(line([part, str(summed["sources"]), *counts(summed)]))
    everything = [row for rows in measured.values() for row in rows]
    summed = totals(everything)
    out.append(line(["**corpus**", f"**{summed['sources']}**", *counts(summed, bold=True)]))
    out.append("")
    for part, rows in measured.items():
        if part == "heldback":  # the held-back part measures the reader: its failures are not shown, so no
            continue  # rule is written from them
        causes: collections.Counter = collections.Counter()
        for row in rows:
            causes.update(row["causes"])
        failed = sum(causes.values())
        out.append(f"### why equations are not read: {part} (top {top} of {len(causes)} cause and command pairs, "
                   f"{failed} equations)\n")
        out.append(line(["cause", "command", "equations", "sources"]))
        out.append(line(["---", "---", "---:", "---:"]))
        for (cause, command), number in causes.most_common(top):
            spread = sum(1 for row in rows if row["causes"].get((cause, command)))
            shown = "`" + str(command).replace("|", "\\|").replace("`", "'") + "`" if command else "–"
            out.append(line([str(cause), shown, str(number), str(spread)]))
        out.append("")
    return "\n".join(out)


def as_json(measured: dict[str, list[dict]]) -> str:
    parts = {}
    for part, rows in measured.items():
        parts[part] = {"totals": totals(rows),
                       "sources": [{k: v for k, v in row.items() if k != "causes"} for row in rows]}
    everything = [row for rows in measured.values() for row in rows]
    return json.dumps({"parts": parts, "corpus": totals(everything)}, indent=2, ensure_ascii=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=(*PARTS, "all"), default="all")
    parser.add_argument("--top", type=int, default=15, help="causes listed per part")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args()
    parts = PARTS if args.part == "all" else (args.part,)
    measured = {part: [measure(folder) for folder in source_folders(part)] for part in parts}
    print(as_json(measured) if args.json else markdown(measured, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
