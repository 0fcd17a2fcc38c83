#!/usr/bin/env python3
"""Run the adversarial claims vault (tests/adversarial_claims.py, adversarial_claims_round2.py and adversarial_claims_round3.py) and print how the verdicts fall.

    python bench/adversarial.py [--json] [--budget S] [--violations] [--keep DIR]

Writes the vault into a temporary folder, runs `vaultkit.verify(vault, use_cache=False)` once (with an empty
temporary `VAULTKIT_CACHE_DIR`), and prints, for each expected class, the counts of proved / checked / false /
error / missing verdicts and the number of violations:

  false passed   a FALSE or FALSE_OR_ERROR claim reported proved or checked (or a FALSE claim reported false
                 without a counterexample)
  true failed    a TRUE or TRUE_OR_ERROR claim reported false
  not refused    an ERROR claim reported anything but error
  missing        a declared claim id absent from the results (or present more than once)

then the same by trap class, the groups of SAME_VERDICT whose members disagree, the notes that must have no
status but got one, and the total run time. `--violations` lists every violation; `--json` prints one JSON
object with all of it instead.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import types  # noqa: E402

import adversarial_claims as _round1  # noqa: E402
import adversarial_claims_round2 as _round2  # noqa: E402
import adversarial_claims_round3 as _round3  # noqa: E402

# All rounds of data in one vault (round 2's notes live under `round2/`, round 3's under `round3/`).
data = types.SimpleNamespace(
    TRUE=_round1.TRUE, FALSE=_round1.FALSE, ERROR=_round1.ERROR, TRUE_OR_ERROR=_round1.TRUE_OR_ERROR,
    FALSE_OR_ERROR=_round1.FALSE_OR_ERROR, CLASSES=_round1.CLASSES,
    NOTES=_round1.NOTES + _round2.NOTES + _round3.NOTES,
    EXPECTED={**_round1.EXPECTED, **_round2.EXPECTED, **_round3.EXPECTED},
    SAME_VERDICT={**_round1.SAME_VERDICT, **_round2.SAME_VERDICT, **_round3.SAME_VERDICT},
    EQUIVALENT_FORMS={**getattr(_round2, "EQUIVALENT_FORMS", {}), **getattr(_round3, "EQUIVALENT_FORMS", {})},
    NO_CLAIM_NOTES=list(_round1.NO_CLAIM_NOTES) + list(_round2.NO_CLAIM_NOTES) + list(_round3.NO_CLAIM_NOTES),
    OPT_IN_NOTES={**_round1.OPT_IN_NOTES, **_round2.OPT_IN_NOTES, **_round3.OPT_IN_NOTES},
    TRAPS={**_round1.TRAPS, **_round2.TRAPS, **_round3.TRAPS},
)
assert len(data.EXPECTED) == len(_round1.EXPECTED) + len(_round2.EXPECTED) + len(_round3.EXPECTED), (
    "claim ids collide between rounds")

VERDICTS = ("proved", "checked", "false", "error", "skipped", "missing")


def trap_of(claim_id: str) -> str:
    """The trap class of a claim id, by its longest matching prefix in `data.TRAPS`."""
    best = ""
    for prefix in data.TRAPS:
        if claim_id.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return data.TRAPS.get(best, "other")


def violation(expected: str, verdict: str, counterexample) -> str | None:
    """The kind of violation of one claim, or None."""
    if verdict == "missing":
        return "missing"
    if expected in (data.TRUE, data.TRUE_OR_ERROR):
        return "true failed" if verdict == "false" else None
    if expected in (data.FALSE, data.FALSE_OR_ERROR):
        if verdict in ("proved", "checked"):
            return "false passed"
        if verdict == "false" and not counterexample:
            return "false without counterexample"
        return None
    if expected == data.ERROR:
        return None if verdict == "error" else "not refused"
    raise ValueError(expected)


def write_vault(root: Path) -> None:
    for rel, text in data.NOTES:
        path = root.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def run(budget: float | None, keep: str | None) -> dict:
    import vaultkit

    with tempfile.TemporaryDirectory(prefix="vaultkit-adversarial-") as tmp:
        root = Path(keep) if keep else Path(tmp) / "vault"
        root.mkdir(parents=True, exist_ok=True)
        write_vault(root)
        os.environ["VAULTKIT_CACHE_DIR"] = str(Path(tmp) / "cache")
        start = time.perf_counter()
        vault = vaultkit.load(root)
        kwargs = {"use_cache": False}
        if budget is not None:
            kwargs["budget"] = budget
        verification = vaultkit.verify(vault, **kwargs)
        seconds = time.perf_counter() - start
        graph = verification.annotate(vault.graph())

    by_id = collections.defaultdict(list)
    for result in verification.results:
        by_id[result.id].append(result)

    claims = []
    for claim_id, expected in data.EXPECTED.items():
        found = by_id.get(claim_id, [])
        if len(found) == 1:
            r = found[0]
            verdict = r.verdict.value
            claims.append({
                "id": claim_id, "expected": expected, "verdict": verdict, "trap": trap_of(claim_id),
                "note": r.note, "line": r.line, "source": r.source, "method": r.method,
                "seconds": r.seconds, "message": r.message, "counterexample": r.counterexample,
                "violation": violation(expected, verdict, r.counterexample),
            })
        else:
            claims.append({
                "id": claim_id, "expected": expected, "verdict": "missing", "trap": trap_of(claim_id),
                "note": None, "line": None, "source": None, "method": None, "seconds": None,
                "message": f"found {len(found)} results with this id", "counterexample": None,
                "violation": "missing",
            })

    verdict_of = {c["id"]: c["verdict"] for c in claims}
    disagreeing = {
        group: {i: verdict_of[i] for i in ids}
        for group, ids in data.SAME_VERDICT.items()
        if len({verdict_of[i] for i in ids}) > 1
    }
    equivalent = {
        group: {i: verdict_of[i] for i in ids}
        for group, ids in data.EQUIVALENT_FORMS.items()
        if len({verdict_of[i] for i in ids}) > 1
    }
    status = {}
    for rel in list(data.NO_CLAIM_NOTES) + list(data.OPT_IN_NOTES):
        node = rel[:-3]
        status[rel] = graph.nodes[node].get("status") if node in graph.nodes else "absent"
    return {"seconds": seconds, "claims": claims, "same_verdict_disagreements": disagreeing,
            "equivalent_form_disagreements": equivalent, "status": status}


def table(claims: list[dict], key: str) -> list[dict]:
    rows = collections.OrderedDict()
    for c in claims:
        row = rows.setdefault(c[key], {key: c[key], "n": 0, **{v: 0 for v in VERDICTS},
                                       "false passed": 0, "true failed": 0, "not refused": 0, "other": 0})
        row["n"] += 1
        row[c["verdict"]] += 1
        v = c["violation"]
        if v in ("false passed", "true failed", "not refused"):
            row[v] += 1
        elif v:
            row["other"] += 1
    return list(rows.values())


def print_table(rows: list[dict], key: str) -> None:
    cols = [key, "n", "proved", "checked", "false", "error", "missing", "false passed", "true failed",
            "not refused", "other"]
    width = max([len(key)] + [len(str(r[key])) for r in rows])
    print(f"{cols[0]:<{width}} " + " ".join(f"{c:>12}" for c in cols[1:]))
    total = {c: 0 for c in cols[1:]}
    for r in rows:
        print(f"{str(r[key]):<{width}} " + " ".join(f"{r[c]:>12}" for c in cols[1:]))
        for c in cols[1:]:
            total[c] += r[c]
    print(f"{'total':<{width}} " + " ".join(f"{total[c]:>12}" for c in cols[1:]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--budget", type=float, default=None, help="seconds a claim (default: vaultkit's)")
    parser.add_argument("--violations", action="store_true", help="list every violation")
    parser.add_argument("--keep", metavar="DIR", help="write the vault to DIR and keep it")
    args = parser.parse_args(argv)

    report = run(args.budget, args.keep)
    claims = report["claims"]
    by_class = table(sorted(claims, key=lambda c: data.CLASSES.index(c["expected"])), "expected")
    by_trap = table(sorted(claims, key=lambda c: c["trap"]), "trap")
    violations = [c for c in claims if c["violation"]]

    if args.json:
        json.dump({**report, "by_class": by_class, "by_trap": by_trap, "violations": len(violations)},
                  sys.stdout, indent=1, default=str)
        print()
        return 0

    print(f"{len(claims)} claims, {sum(1 for c in claims if c['source'] == 'latex')} LaTeX; "
          f"run time {report['seconds']:.1f} s\n")
    print_table(by_class, "expected")
    print()
    print_table(by_trap, "trap")
    print()
    print(f"violations: {len(violations)} "
          f"(false passed {sum(c['violation'] == 'false passed' for c in claims)}, "
          f"true failed {sum(c['violation'] == 'true failed' for c in claims)}, "
          f"not refused {sum(c['violation'] == 'not refused' for c in claims)}, "
          f"other {sum(c['violation'] not in (None, 'false passed', 'true failed', 'not refused') for c in claims)})")
    dis = report["same_verdict_disagreements"]
    print(f"SAME_VERDICT groups that disagree: {len(dis)} of {len(data.SAME_VERDICT)}")
    for group, verdicts in dis.items():
        print(f"  {group}: " + ", ".join(f"{i}={v}" for i, v in verdicts.items()))
    eq = report["equivalent_form_disagreements"]
    print(f"EQUIVALENT_FORMS groups (different texts, same mathematics) that disagree: {len(eq)} of {len(data.EQUIVALENT_FORMS)}")
    for group, verdicts in eq.items():
        print(f"  {group}: " + ", ".join(f"{i}={v}" for i, v in verdicts.items()))
    print("status of notes without claims (must be None) and opt-in notes (must be proved/checked):")
    for rel, st in report["status"].items():
        print(f"  {rel}: {st}")
    if args.violations:
        print()
        for c in violations:
            print(f"{c['id']}: expected {c['expected']}, got {c['verdict']} ({c['violation']}) — "
                  f"{c['note']}:{c['line']} — {c['message']}")
    print(f"\ntotal run time {report['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
