"""Adversarial claims: vaultkit's promise about verdicts, tested on a vault built to break it.

The promise: every claim comes back `proved`, `checked` (numerically, not a proof), `false` (with a
counterexample) or `error` (a refusal with a message); a false claim is never reported proved or checked; a true
claim is never reported false; and the same claim gets the same verdict on any line, in any note.

The vault (tests/adversarial_claims.py, tests/adversarial_claims_round2.py and tests/adversarial_claims_round3.py, one vault) holds several hundred claims, in `sympy` blocks and in `%% verify %%`
LaTeX, spread over notes in folders, each with an explicit id and an expected class decided by hand: branch
cuts, assumptions, tiny differences and huge cancellations, thresholds far from the origin, integer-only
identities, sums and products with symbolic bounds, improper integrals and limits, Gamma and binomials off the
integers, givens (constraints, constant-false and contradictory), identities that hold only at nice points or
only asymptotically, LaTeX notation traps and undefined functions.

The vault is verified once per module through the public API (`vaultkit.load`, `vaultkit.verify(vault,
use_cache=False)` with the default budget, cache in a temporary folder). Then, one test per claim:

  TRUE, TRUE_OR_ERROR     the verdict is not `false`            (a refusal is allowed, and counted by the bench)
  FALSE, FALSE_OR_ERROR   the verdict is not `proved`/`checked`; a `false` verdict carries a counterexample
  ERROR                   the verdict is `error`

and: every declared id is in the results exactly once, in the note that declares it; the members of each
SAME_VERDICT group get one verdict; notes without claims that do not opt in to a built-in derivation have no
status; a note that opts in gets the derivation's (not false) status; the vault's files are unchanged.

`python bench/adversarial.py` runs the same vault and prints the counts by class and trap.
"""

from __future__ import annotations

import os
import re

import pytest

import adversarial_claims as _round1
import adversarial_claims_round2 as _round2
import adversarial_claims_round3 as _round3
from adversarial_claims import ERROR, FALSE, FALSE_OR_ERROR, TRUE, TRUE_OR_ERROR

# All rounds of data share one vault (round 2's notes live under `round2/`, round 3's under `round3/`); ids must
# not collide.
assert not set(_round1.EXPECTED) & set(_round2.EXPECTED), set(_round1.EXPECTED) & set(_round2.EXPECTED)
assert not (set(_round1.EXPECTED) | set(_round2.EXPECTED)) & set(_round3.EXPECTED)
assert not {p for p, _ in _round1.NOTES} & {p for p, _ in _round2.NOTES}
assert not {p for p, _ in _round1.NOTES + _round2.NOTES} & {p for p, _ in _round3.NOTES}
NOTES = _round1.NOTES + _round2.NOTES + _round3.NOTES
EXPECTED = {**_round1.EXPECTED, **_round2.EXPECTED, **_round3.EXPECTED}
SAME_VERDICT = {**_round1.SAME_VERDICT, **_round2.SAME_VERDICT, **_round3.SAME_VERDICT}
NO_CLAIM_NOTES = list(_round1.NO_CLAIM_NOTES) + list(_round2.NO_CLAIM_NOTES) + list(_round3.NO_CLAIM_NOTES)
OPT_IN_NOTES = {**_round1.OPT_IN_NOTES, **_round2.OPT_IN_NOTES, **_round3.OPT_IN_NOTES}
from conftest import tree_snapshot, write_vault

pytestmark = pytest.mark.xdist_group("test_adversarial_claims")  # its tests share a module fixture: one worker runs them all

CLAIM_ID = re.compile(r"^claim ([A-Za-z0-9-]+):|%% verify ([A-Za-z0-9-]+) %%", re.M)


def _declared() -> dict[str, str]:
    """Claim id -> the note (vault-relative path) that declares it, read from the note texts."""
    where: dict[str, str] = {}
    for path, text in NOTES:
        for match in CLAIM_ID.finditer(text):
            claim_id = match.group(1) or match.group(2)
            assert claim_id not in where, f"{claim_id} declared twice in the test data"
            where[claim_id] = path
    return where


DECLARED = _declared()


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    import vaultkit

    base = tmp_path_factory.mktemp("adversarial")
    root = write_vault(base, dict(NOTES))
    old_cache = os.environ.get("VAULTKIT_CACHE_DIR")
    os.environ["VAULTKIT_CACHE_DIR"] = str(base / "cache")
    try:
        before = tree_snapshot(root)
        vault = vaultkit.load(root)
        verification = vaultkit.verify(vault, use_cache=False)
        after = tree_snapshot(root)
        graph = verification.annotate(vault.graph())
    finally:
        if old_cache is None:
            os.environ.pop("VAULTKIT_CACHE_DIR", None)
        else:
            os.environ["VAULTKIT_CACHE_DIR"] = old_cache
    by_id: dict[str, list] = {}
    for result in verification.results:
        by_id.setdefault(result.id, []).append(result)
    return {"results": verification.results, "by_id": by_id, "graph": graph, "before": before, "after": after}


def _one(run, claim_id):
    found = run["by_id"].get(claim_id, [])
    assert len(found) == 1, f"{claim_id}: expected exactly one result, found {len(found)}"
    return found[0]


def _describe(result) -> str:
    return (f"{result.note}:{result.line} {result.id}: {result.verdict.value} "
            f"[{result.method}] {result.message} counterexample={result.counterexample}")


def test_data_is_consistent():
    assert set(DECLARED) == set(EXPECTED), (
        f"declared but not expected: {sorted(set(DECLARED) - set(EXPECTED))}; "
        f"expected but not declared: {sorted(set(EXPECTED) - set(DECLARED))}"
    )
    for group, ids in SAME_VERDICT.items():
        assert len(ids) >= 2, group
        assert all(i in EXPECTED for i in ids), group
        assert len({EXPECTED[i] for i in ids}) == 1, f"{group}: members with different expected classes"


@pytest.mark.parametrize("claim_id", sorted(EXPECTED))
def test_claim(run, claim_id):
    expected = EXPECTED[claim_id]
    result = _one(run, claim_id)
    assert result.note == DECLARED[claim_id], f"{claim_id} reported in {result.note!r}, declared in {DECLARED[claim_id]!r}"
    verdict = result.verdict.value
    if expected in (TRUE, TRUE_OR_ERROR):
        assert verdict != "false", f"a true claim reported false: {_describe(result)}"
        assert verdict in ("proved", "checked", "error"), _describe(result)
    elif expected in (FALSE, FALSE_OR_ERROR):
        assert verdict not in ("proved", "checked"), f"a false claim reported {verdict}: {_describe(result)}"
        assert verdict in ("false", "error"), _describe(result)
        if verdict == "false":
            assert result.counterexample, f"false without a counterexample: {_describe(result)}"
    elif expected == ERROR:
        assert verdict == "error", f"must be refused: {_describe(result)}"
    else:  # pragma: no cover - guarded by test_data_is_consistent
        raise AssertionError(expected)
    if verdict == "error":
        assert result.message and result.message.strip(), f"a refusal without a message: {_describe(result)}"


def test_every_claim_reported_exactly_once(run):
    problems = {i: len(run["by_id"].get(i, [])) for i in EXPECTED if len(run["by_id"].get(i, [])) != 1}
    assert not problems, f"claim ids not reported exactly once (id: count): {problems}"


@pytest.mark.parametrize("group", sorted(SAME_VERDICT))
def test_same_verdict(run, group):
    verdicts = {}
    for claim_id in SAME_VERDICT[group]:
        found = run["by_id"].get(claim_id, [])
        verdicts[claim_id] = found[0].verdict.value if len(found) == 1 else f"{len(found)} results"
    assert len(set(verdicts.values())) == 1, f"the same claim got different verdicts: {verdicts}"


@pytest.mark.parametrize("path", NO_CLAIM_NOTES)
def test_no_status_without_claims_or_opt_in(run, path):
    assert not [r for r in run["results"] if r.note == path], f"{path} has claims"
    node = path[: -len(".md")]
    assert node in run["graph"].nodes
    assert run["graph"].nodes[node].get("status") is None, (
        f"{path} checks nothing and opts in to nothing, but has status {run['graph'].nodes[node].get('status')!r}"
    )


@pytest.mark.parametrize("path", sorted(OPT_IN_NOTES))
def test_opt_in_derivation_attaches(run, path):
    node = path[: -len(".md")]
    status = run["graph"].nodes[node].get("status")
    assert status in ("proved", "checked"), f"{path} opts in to {OPT_IN_NOTES[path]} but has status {status!r}"
    for name in OPT_IN_NOTES[path]:
        steps = [r for r in run["results"] if r.source == "builtin" and r.id.startswith(name + "/")]
        assert steps, f"no steps of the built-in derivation {name}"
        assert all(r.verdict.value in ("proved", "checked") for r in steps), [_describe(r) for r in steps]


def test_vault_unchanged(run):
    assert run["before"] == run["after"]
