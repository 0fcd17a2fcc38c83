#!/usr/bin/env python3
"""Draw a seeded sample of translated display equations for reading by hand.

    python bench/coverage_sample.py [VAULT] [--size 50] [--seed 2026]

Runs `vaultkit verify VAULT --coverage --json` (default VAULT: bench/coverage), keeps
the translated equations that are more than a lone name (they hold an operator, a
relation, a script or a command), draws `--size` of them at random with `--seed`, and
prints a Markdown table: note and line, the LaTeX, and vaultkit's reading. The table in
docs/claims.md was made this way and each row read against its LaTeX.
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
NONTRIVIAL = re.compile(r"[=+\-*/^_<>!|]|\\[A-Za-z]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", nargs="?", default=str(HERE / "coverage"))
    parser.add_argument("--size", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    command = [str(find_vaultkit()), "verify", args.vault, "--coverage", "--json"]
    report = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    translated = [o for o in report["outcomes"] if o["translated"] and NONTRIVIAL.search(o["tex"])]
    print(f"{len(translated)} of {report['equations']} display equations are translated and more than a name; "
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
