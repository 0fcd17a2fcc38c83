#!/usr/bin/env python3
"""Draw a seeded sample of translated display equations for reading by hand.

    python bench/coverage_sample.py [--part tuning|heldback] [--size 50] [--seed 2026]
    python bench/coverage_sample.py VAULT [--size 50] [--seed 2026]

Runs `vaultkit verify FOLDER --coverage --json` on every source folder of one part of the
corpus (bench/coverage/tuning/ by default, or bench/coverage/heldback/), each folder measured
as its own vault with its own preamble.sty, and merges the outcomes in folder order; a note
is named `<source folder>/<path in the source>`. With a VAULT argument, that vault alone is
read instead. It keeps the translated equations that are more than a lone name (they hold an
operator, a relation, a script or a command), draws `--size` of them at random with `--seed`,
and prints a Markdown table: note and line, the LaTeX, and vaultkit's reading. The table in
docs/coverage.md was made this way and each row read against its LaTeX.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import find_vaultkit  # noqa: E402

CORPUS = HERE / "coverage"
PARTS = ("tuning", "heldback")
NONTRIVIAL = re.compile(r"[=+\-*/^_<>!|]|\\[A-Za-z]")


def source_folders(part: str) -> list[Path]:
    """The source folders (`<owner>__<repo>/`) of one part of the corpus, in name order."""
    root = CORPUS / part
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "SOURCE.md").is_file())


def coverage(vault: Path) -> dict:
    """vaultkit's coverage report of one vault (`vaultkit verify VAULT --coverage --json`)."""
    command = [str(find_vaultkit()), "verify", str(vault), "--coverage", "--json"]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def merged_outcomes(part: str) -> tuple[list[dict], int]:
    """Every outcome of every source of `part`, each note prefixed with its source folder."""
    outcomes: list[dict] = []
    equations = 0
    for folder in source_folders(part):
        report = coverage(folder)
        equations += report["equations"]
        for outcome in report["outcomes"]:
            outcomes.append({**outcome, "note": f"{folder.name}/{outcome['note']}"})
    return outcomes, equations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", nargs="?", help="one vault to sample instead of a part of the corpus")
    parser.add_argument("--part", choices=PARTS, default="tuning")
    parser.add_argument("--size", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.vault:
        report = coverage(Path(args.vault))
        outcomes, equations = report["outcomes"], report["equations"]
    else:
        outcomes, equations = merged_outcomes(args.part)
    translated = [o for o in outcomes if o["translated"] and NONTRIVIAL.search(o["tex"])]
    print(f"{len(translated)} of {equations} display equations are translated and more than a name; "
          f"{min(args.size, len(translated))} drawn with seed {args.seed}.\n")
    print("| # | note:line | LaTeX | reading |")
    print("| ---: | --- | --- | --- |")
    for number, outcome in enumerate(random.Random(args.seed).sample(translated, min(args.size, len(translated))), 1):
        tex = " ".join(outcome["tex"].split()).replace("|", "\\|")
        reading = outcome["reading"].replace("\n", " ⏎ ").replace("|", "\\|")
        print(f"| {number} | `{outcome['note']}:{outcome['line']}` | `{tex}` | `{reading}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
