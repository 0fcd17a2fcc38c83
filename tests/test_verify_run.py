"""The verify stage on real vaults: isolation, uses, cache, statuses and graph attributes."""

from __future__ import annotations

import time

import pytest

import vaultkit
from vaultkit.cli import main
from vaultkit.checking.claims import Verdict
from vaultkit.checking.run import verify
from conftest import tree_snapshot, write_vault

pytestmark = pytest.mark.xdist_group("test_verify_run")  # its tests share a module fixture: one worker runs them all

SOFTMAX = """---
aliases: [softmax function]
---
# Softmax

```sympy
symbols: x indexed real; T positive; n positive integer; i j k integer
range: i j k = 1..n
Z := Sum(exp(x[j]/T), (j, 1, n))
p(k) := exp(x[k]/T) / Z
claim normalized: Sum(p(i), (i, 1, n)) == 1
claim wrong: diff(log(Z), x[k]) == p(k)
```
"""

USER = """# Uses softmax

```sympy
uses: [[Softmax]]
claim scaled: 2*Sum(p(i), (i, 1, n)) == 2
```
"""

HOSTILE = """# Hostile

```sympy
symbols: y real
claim boom: 2**2**2**40 == 1
claim escape: __import__('os').system('touch pwned') == 0
claim fine: y + y == 2*y
```
"""


@pytest.fixture
def vault(tmp_path):
    return write_vault(
        tmp_path,
        {
            "ml/Softmax.md": SOFTMAX,
            "ml/User.md": USER,
            "Hostile.md": HOSTILE,
            "Plain.md": "No maths here. [[Softmax]]",
            "loop/A.md": "```sympy\nuses: [[B]]\nsymbols: a real\n```\n",
            "loop/B.md": "```sympy\nuses: [[A]]\nsymbols: b real\n```\n",
        },
    )


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    """One cache for the tests that are not about caching: each unit is checked once."""
    return tmp_path_factory.mktemp("cache")


def by_id(verification):  # noqa: ANN001, ANN201
    return {r.id: r for r in verification.results}


def test_verdicts_statuses_and_ancestry(vault, tmp_path, shared_cache):
    before = tree_snapshot(vault)
    loaded = vaultkit.load(vault)
    verification = verify(loaded, cache_dir=shared_cache)
    results = by_id(verification)
    assert results["normalized"].verdict is Verdict.PROVED
    assert results["wrong"].verdict is Verdict.FALSE
    assert results["wrong"].counterexample is not None
    assert results["scaled"].verdict is Verdict.PROVED  # names from the used note
    assert results["boom"].verdict is Verdict.ERROR
    assert results["escape"].verdict is Verdict.ERROR
    assert results["fine"].verdict is Verdict.PROVED
    assert not (vault / "pwned").exists() and not (tmp_path / "pwned").exists()
    assert verification.status["ml/Softmax"] is Verdict.FALSE
    assert verification.status["ml/User"] is Verdict.PROVED
    assert "Plain" not in verification.status
    assert verification.verified_ancestry["ml/User"] is False  # it uses a note with a false claim
    assert verification.verified_ancestry["Plain"] is True
    assert ("ml/User", "ml/Softmax", 4) in verification.uses
    assert tree_snapshot(vault) == before


def test_a_uses_cycle_is_an_error_on_the_uses_line(vault, shared_cache):
    verification = verify(vaultkit.load(vault), cache_dir=shared_cache)
    cycle = [r for r in verification.results if r.note.startswith("loop/") and "cycle" in r.message]
    assert {(r.note, r.line, r.verdict) for r in cycle} == {("loop/A.md", 2, Verdict.ERROR), ("loop/B.md", 2, Verdict.ERROR)}


def test_graph_gets_status_ancestry_and_uses_edges(vault, shared_cache):
    loaded = vaultkit.load(vault)
    graph = verify(loaded, cache_dir=shared_cache).annotate(loaded.graph())
    assert graph.nodes["ml/Softmax"]["status"] == "false"
    assert graph.nodes["Plain"]["status"] is None
    assert graph.nodes["ml/User"]["verified_ancestry"] is False
    assert graph.edges["ml/User", "ml/Softmax"]["kind"] == "uses"


def test_an_unchanged_vault_comes_from_the_cache(vault, tmp_path):
    loaded = vaultkit.load(vault)
    first = verify(loaded, cache_dir=tmp_path / "cache")
    second = verify(loaded, cache_dir=tmp_path / "cache")
    # five notes with sympy blocks; no derivation, as no note asks for one
    assert (first.reused, second.reused) == (0, 5)
    assert first.attached == {} and not [r for r in first.results if r.source == "builtin"]
    assert [(r.id, r.verdict) for r in second.results] == [(r.id, r.verdict) for r in first.results]


def test_a_claim_that_runs_away_is_stopped_and_the_run_goes_on(tmp_path):
    slow = "```sympy\nsymbols: x real\nclaim slow: integrate(exp(x**7)*sin(x**5)*log(x), x) == 1\nclaim quick: x - x == 0\n```\n"
    vault = write_vault(tmp_path, {"Slow.md": slow})
    results = by_id(verify(vaultkit.load(vault), cache_dir=tmp_path / "cache", budget=1.0))
    assert results["slow"].verdict is Verdict.ERROR
    assert results["slow"].incomplete  # more time may decide it
    assert results["quick"].verdict is Verdict.PROVED and not results["quick"].incomplete
    again = verify(vaultkit.load(vault), cache_dir=tmp_path / "cache", budget=1.0)
    assert again.reused == 0  # a unit with an incomplete result is never cached


def test_cli_verify_exit_status_and_lines(vault, tmp_path, capsys, monkeypatch, shared_cache):
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(shared_cache))
    assert main(["verify", str(vault)]) == 1
    out = capsys.readouterr().out
    assert "ml/Softmax.md:11: PROVED normalized — " in out
    assert "ml/Softmax.md:12: FALSE wrong — the sides differ at" in out
    clean = write_vault(tmp_path, {"N.md": "```sympy\nsymbols: a real\nclaim: a*a == a**2\n```\n"}, name="clean")
    assert main(["verify", str(clean), "--json"]) == 0
    assert '"verdict": "proved"' in capsys.readouterr().out


PYTHON_BLOCK = """# Sigmoid by code

```python derivation
from sympy import symbols, exp, diff
x = symbols("x", real=True)
s = 1 / (1 + exp(-x))
claim("sigmoid-derivative", diff(s, x), s * (1 - s))
claim("too-strong", diff(s, x), s**2)
```

```python derivation
import os
open(os.path.join(os.getcwd(), "scratch.txt"), "w").write("x")
claim("workdir-is-temporary", 1, 1)
raise RuntimeError("boom")
```
"""


def test_python_blocks_are_skipped_unless_asked(tmp_path, shared_cache):
    vault = write_vault(tmp_path, {"Code.md": PYTHON_BLOCK})
    before = tree_snapshot(vault)
    skipped = verify(vaultkit.load(vault), cache_dir=shared_cache)
    assert [(r.line, r.verdict) for r in skipped.results] == [(3, Verdict.SKIPPED), (11, Verdict.SKIPPED)]
    ran = verify(vaultkit.load(vault), cache_dir=shared_cache, run_python=True)
    found = {(r.line, r.id, r.verdict) for r in ran.results}
    assert found == {
        (7, "sigmoid-derivative", Verdict.PROVED),
        (8, "too-strong", Verdict.FALSE),
        (14, "workdir-is-temporary", Verdict.PROVED),
        (15, "Code:15", Verdict.ERROR),
    }
    assert "RuntimeError: boom" in next(r.message for r in ran.results if r.verdict is Verdict.ERROR)
    assert tree_snapshot(vault) == before  # the block wrote only in its own temporary folder
    again = verify(vaultkit.load(vault), cache_dir=shared_cache, run_python=True)
    assert again.reused == 2 and {(r.line, r.id, r.verdict) for r in again.results} == found


def test_a_skipped_block_checks_nothing_so_the_note_is_not_verified(tmp_path, shared_cache):
    vault = write_vault(
        tmp_path,
        {
            "Code.md": "```sympy\nsymbols: a real\nclaim: a + a == 2*a\n```\n\n" + PYTHON_BLOCK,
            "Checked.md": "```sympy\nsymbols: a real\nclaim: a*a == a**2\n```\n",
        },
    )
    verification = verify(vaultkit.load(vault), cache_dir=shared_cache)
    assert verification.status["Code"] is Verdict.SKIPPED  # proved, and skipped: not everything was checked
    assert verification.verified_ancestry["Code"] is False
    assert verification.status["Checked"] is Verdict.PROVED and verification.verified_ancestry["Checked"]
    assert not verification.failed  # skipping is not failing


def test_verified_ancestry_follows_long_chains_of_uses(tmp_path):
    from vaultkit.checking.run import _ancestry

    count = 5000  # far deeper than Python's recursion limit
    vault = vaultkit.load(write_vault(tmp_path, {f"N{i}.md": f"# N{i}\n" for i in range(count)}), jobs=1)
    chain = [(f"N{i}", f"N{i + 1}", 1) for i in range(count - 1)]
    sound = _ancestry(vault, {f"N{count - 1}": Verdict.FALSE}, chain)
    assert not any(sound[f"N{i}"] for i in range(count))  # the false claim at the end taints every ancestor
    sound = _ancestry(vault, {"N10": Verdict.ERROR}, chain + [("N3", "N1", 1)])
    assert [sound[f"N{i}"] for i in range(12)] == [False] * 11 + [True]
    assert sound["N4000"] is True
    cyclic = _ancestry(vault, {}, [("N1", "N2", 1), ("N2", "N1", 1), ("N0", "N1", 1)])
    assert (cyclic["N0"], cyclic["N1"], cyclic["N2"], cyclic["N3"]) == (False, False, False, True)


def test_cli_show_and_graph_with_verify(vault, tmp_path, capsys, monkeypatch, shared_cache):
    import json

    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(shared_cache))
    assert main(["show", "softmax function", "--vault", str(vault), "--verify"]) == 0
    out = capsys.readouterr().out
    assert "status     false  (verified ancestry: no)" in out
    assert "ml/Softmax.md:12: FALSE wrong — the sides differ at" in out
    assert main(["graph", str(vault), "--verify", "-o", str(tmp_path / "g.json")]) == 0
    nodes = {n["id"]: n for n in json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["nodes"]}
    assert (nodes["ml/User"]["status"], nodes["ml/User"]["verified_ancestry"]) == ("proved", False)
    assert nodes["Plain"]["status"] is None


# ---------------------------------------------------------------- built-in derivations only when asked

USER_SOFTMAX = "# Softmax\n\nMy own notes on the softmax. Nothing here is checked.\n"


def test_a_note_named_after_a_derivation_gets_nothing_unless_it_asks(tmp_path, shared_cache):
    vault = write_vault(tmp_path, {"Softmax.md": USER_SOFTMAX, "Logistic.md": "---\naliases: [Sigmoid]\n---\nText.\n"})
    verification = verify(vaultkit.load(vault), cache_dir=shared_cache)
    assert verification.results == () and verification.status == {} and verification.attached == {}
    graph = verification.annotate(vaultkit.load(vault).graph())
    assert graph.nodes["Softmax"]["status"] is None and graph.nodes["Softmax"]["derivations"] == []


def test_a_note_that_asks_gets_the_derivation(tmp_path, shared_cache):
    asks = "---\nderivations: [softmax-partition-function]\n---\n" + USER_SOFTMAX
    one = "---\nderivations: Sigmoid-Two-Class-Softmax\n---\nOne name, any case.\n"
    vault = write_vault(tmp_path, {"Softmax.md": asks, "Other.md": one, "Empty.md": "---\nderivations:\n---\nx\n"})
    verification = verify(vaultkit.load(vault), cache_dir=shared_cache)
    assert verification.attached == {"Softmax": ("softmax-partition-function",), "Other": ("sigmoid-two-class-softmax",)}
    steps = [r for r in verification.results if r.derivation == "softmax-partition-function"]
    assert len(steps) == 7 and all(r.verdict in (Verdict.PROVED, Verdict.CHECKED) for r in steps)
    assert verification.status["Softmax"] in (Verdict.PROVED, Verdict.CHECKED)
    assert {r.derivation for r in verification.results} == {"softmax-partition-function", "sigmoid-two-class-softmax"}
    assert "Empty" not in verification.status and not verification.failed


def test_an_unknown_derivation_is_an_error_on_the_note(tmp_path, shared_cache, capsys, monkeypatch):
    text = "---\ntags: [ml]\nderivations:\n  - softmax-partition-function\n  - softmax-partition\n---\nText.\n"
    vault = write_vault(tmp_path, {"Softmax.md": text, "Odd.md": "---\nderivations: {a: 1}\n---\n"})
    verification = verify(vaultkit.load(vault), cache_dir=shared_cache)
    errors = [r for r in verification.results if r.source == "frontmatter"]
    assert [(r.note, r.line, r.verdict) for r in errors] == [("Odd.md", 2, Verdict.ERROR), ("Softmax.md", 3, Verdict.ERROR)]
    assert "'softmax-partition'" in errors[1].message
    for name in ("amplitude-normalization", "softmax-partition-function", "sigmoid-two-class-softmax", "wick-rotation"):
        assert name in errors[1].message and name in errors[0].message
    assert verification.status["Softmax"] is Verdict.ERROR and verification.status["Odd"] is Verdict.ERROR
    assert verification.attached == {"Softmax": ("softmax-partition-function",)}  # the known name still counts
    assert verification.failed
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(shared_cache))
    assert main(["verify", str(vault)]) == 1
    assert "Softmax.md:3: ERROR Softmax:3 — derivations: no built-in derivation called 'softmax-partition';" in (
        capsys.readouterr().out
    )


def test_ancestry_comes_only_from_what_a_note_uses(tmp_path, shared_cache):
    vault = write_vault(
        tmp_path,
        {
            "Bad.md": "```sympy\nsymbols: a real\nclaim: a + a == 3*a\n```\n",
            "Softmax.md": "[[Bad]] is linked, not used.\n",
            "User.md": "```sympy\nuses: [[Bad]]\n```\n",
        },
    )
    verification = verify(vaultkit.load(vault), cache_dir=shared_cache)
    assert verification.verified_ancestry["Softmax"] is True and "Softmax" not in verification.status
    assert verification.verified_ancestry["User"] is False and "User" not in verification.status


# ---------------------------------------------------------------- units, time limits and the cache


def test_the_default_budget_is_generous_and_the_cli_agrees():
    from vaultkit import cli
    from vaultkit.checking.run import DEFAULT_BUDGET

    assert DEFAULT_BUDGET == cli.DEFAULT_BUDGET == 60.0
    for command in ("verify", "derive"):
        assert cli._parser().parse_args([command]).budget == DEFAULT_BUDGET


def test_the_cache_key_does_not_hold_the_budget(vault, tmp_path):
    loaded = vaultkit.load(vault)
    first = verify(loaded, cache_dir=tmp_path / "cache", budget=20.0)
    second = verify(loaded, cache_dir=tmp_path / "cache", budget=45.0)
    assert (first.reused, second.reused) == (0, 5)
    assert [(r.id, r.verdict) for r in second.results] == [(r.id, r.verdict) for r in first.results]


def test_the_three_kinds_of_unit_follow_one_protocol(vault, tmp_path):
    from vaultkit.checking.builtin import DerivationUnit
    from vaultkit.checking.python import PythonBlock
    from vaultkit.checking.work import note_works

    works, _ = note_works(vaultkit.load(vault))
    units = [works[0], DerivationUnit("wick-rotation"), PythonBlock("Code.md", "Code", "claim('a', 1, 1)\n", 3)]
    assert [u.id for u in units] == [f"note:{works[0].path}", "derivation:wick-rotation", "python:Code.md:3"]
    for unit in units:
        assert len(unit.key()) == 64 and unit.key() == unit.key()
        assert unit.wall_limit(60.0) > unit.wall_limit(1.0) >= 10
        (stopped,) = unit.stopped("ran out of time after 9 s; raise --budget")
        assert stopped.verdict is Verdict.ERROR and stopped.incomplete
    assert units[0].wall_limit(60.0) >= 60.0 * 1.5 * (1 + len(works[0].equations))  # scales with its claims


class _Sleeper:
    """A unit whose process runs over its wall limit."""

    id = "sleeper"

    def key(self) -> str:
        return "5" * 64

    def wall_limit(self, budget: float) -> float:
        return 1.0

    def run(self, budget: float) -> list:
        time.sleep(30)
        return []

    def stopped(self, message: str) -> list:
        from vaultkit.checking.claims import Result

        return [Result("S.md", 1, "sleeper", "sympy", Verdict.ERROR, message=message, incomplete=True)]


def test_a_unit_that_runs_over_is_stopped_incomplete_and_never_cached(tmp_path):
    from vaultkit.checking.cache import ResultCache
    from vaultkit.checking.run import _run_cached

    cache = ResultCache(tmp_path / "cache", None)
    done, reused = _run_cached([_Sleeper()], 60.0, 1, cache, show_progress=False)
    assert reused == 0
    (result,) = done["sleeper"]
    assert result.incomplete and result.message == "ran out of time after 1 s; raise --budget"
    assert cache.get(_Sleeper().key()) is None
    cache.put(_Sleeper().key(), [result])  # the cache itself refuses incomplete results too
    assert cache.get(_Sleeper().key()) is None
