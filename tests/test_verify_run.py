"""The verify stage on real vaults: isolation, uses, cache, statuses and graph attributes."""

from __future__ import annotations

import time

import pytest

import vaultkit
from vaultkit.cli import main
from vaultkit.checking.claims import Verdict
from vaultkit.checking.run import verify
from conftest import tree_snapshot, write_vault

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
    started = time.perf_counter()
    second = verify(loaded, cache_dir=tmp_path / "cache")
    assert time.perf_counter() - started < 2.0
    # five notes with sympy blocks, and the derivation attached to Softmax
    assert (first.reused, second.reused) == (0, 6)
    assert [(r.id, r.verdict) for r in second.results] == [(r.id, r.verdict) for r in first.results]


def test_a_claim_that_runs_away_is_stopped_and_the_run_goes_on(tmp_path):
    slow = "```sympy\nsymbols: x real\nclaim slow: integrate(exp(x**7)*sin(x**5)*log(x), x) == 1\nclaim quick: x - x == 0\n```\n"
    vault = write_vault(tmp_path, {"Slow.md": slow})
    started = time.perf_counter()
    results = by_id(verify(vaultkit.load(vault), cache_dir=tmp_path / "cache", budget=1.0))
    assert time.perf_counter() - started < 30
    assert results["slow"].verdict is Verdict.ERROR
    assert results["quick"].verdict is Verdict.PROVED


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
    ran = verify(vaultkit.load(vault), cache_dir=shared_cache, run_python=True, budget=3.0)
    found = {(r.line, r.id, r.verdict) for r in ran.results}
    assert found == {
        (7, "sigmoid-derivative", Verdict.PROVED),
        (8, "too-strong", Verdict.FALSE),
        (14, "workdir-is-temporary", Verdict.PROVED),
        (15, "Code:15", Verdict.ERROR),
    }
    assert "RuntimeError: boom" in next(r.message for r in ran.results if r.verdict is Verdict.ERROR)
    assert tree_snapshot(vault) == before  # the block wrote only in its own temporary folder
    again = verify(vaultkit.load(vault), cache_dir=shared_cache, run_python=True, budget=3.0)
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
