"""sympy blocks: statements into a scope and claims; bad statements are errors on their line."""

from __future__ import annotations

import sympy as sp

from vaultkit.checking.blocks import Block, read_blocks, uses_targets
from vaultkit.checking.claims import Given, Verdict
from vaultkit.checking.engine import check
from vaultkit.checking.scope import Scope

SOFTMAX = """# Softmax over n logits at temperature T
symbols: x indexed real; T positive; n positive integer; i j k integer
range: i j k = 1..n
Z := Sum(exp(x[j]/T), (j, 1, n))
p(k) := exp(x[k]/T) / Z
claim softmax-normalized: Sum(p(i), (i, 1, n)) == 1
claim: diff(log(Z), x[k]) == p(k) / T
"""


def test_the_spec_example_reads_into_two_claims_that_pass():
    reading = read_blocks("ml/Softmax.md", "Softmax", [Block(SOFTMAX, 5)])
    assert [(c.line, c.id, c.problem) for c in reading.claims] == [
        (10, "softmax-normalized", None),
        (11, "Softmax:11", None),
    ]
    scope = reading.scope
    assert scope.symbols["T"].is_positive and scope.symbols["n"].is_integer
    assert scope.indexed["x"][1].is_real
    assert set(scope.ranges) == {"i", "j", "k"}
    assert [check(c).verdict for c in reading.claims] == [Verdict.PROVED, Verdict.PROVED]


def test_blocks_of_a_note_share_one_scope_top_to_bottom():
    first = Block("symbols: a real\nf(t) := a*t", 3)
    second = Block("claim twice: f(2) == 2*a", 20)
    (claim,) = read_blocks("n.md", "N", [first, second]).claims
    assert (claim.line, claim.lhs, claim.rhs) == (20, 2 * sp.Symbol("a", real=True), 2 * sp.Symbol("a", real=True))


def test_given_rewrites_the_notes_claims():
    text = "symbols: alpha beta\ngiven: Abs(beta)**2 == 1 - Abs(alpha)**2\nclaim: Abs(alpha)**2 + Abs(beta)**2 == 1"
    (claim,) = read_blocks("n.md", "N", [Block(text, 1)]).claims
    assert claim.givens == (Given(sp.Abs(sp.Symbol("beta")) ** 2, 1 - sp.Abs(sp.Symbol("alpha")) ** 2, "N", 2),)
    assert check(claim).verdict is Verdict.PROVED


def test_each_bad_statement_is_an_error_on_its_own_line_and_the_rest_still_counts():
    text = "symbols: y real\nbogus\nclaim: z == 1\nsymbols: y positive negative\ny := 2\nclaim ok: y + y == 2*y"
    claims = read_blocks("n.md", "N", [Block(text, 1)]).claims
    assert [(c.line, c.id, c.problem is not None) for c in claims] == [
        (2, "N:2", True),
        (3, "N:3", True),
        (4, "N:4", True),
        (5, "N:5", True),
        (6, "ok", False),
    ]
    assert "unknown name z" in claims[1].problem
    assert "already declared at line 1" in claims[3].problem


def test_a_used_notes_names_come_first_and_may_be_shadowed():
    used = read_blocks("a.md", "A", [Block("symbols: b real\ng(t) := 2*t", 1)]).scope
    reading = read_blocks("b.md", "B", [Block("symbols: b positive\nclaim: g(b) == b + b", 1)], Scope().merged(used))
    (claim,) = reading.claims
    assert claim.problem is None
    assert claim.lhs == 2 * sp.Symbol("b", positive=True)


def test_uses_targets_are_found_without_reading_expressions():
    text = "uses: [[Partition function]], [[Boltzmann distribution|B]] # comment\nclaim: nonsense ==="
    assert uses_targets([Block(text, 4)]) == [("Partition function", 4), ("Boltzmann distribution", 4)]


def test_contradictory_assumptions_and_reserved_names():
    claims = read_blocks("n.md", "N", [Block("symbols: exp real\nsymbols: q positive negative", 1)]).claims
    assert ["built-in name" in c.problem for c in claims] == [True, False]
    assert "contradictory" in claims[1].problem


def test_a_misspelt_assumption_is_an_error_not_a_new_symbol():
    text = "symbols: a postive\nclaim: sqrt(a**2) == a\nsymbols: alpha b\nclaim fine: b - b == 0"
    claims = read_blocks("n.md", "N", [Block(text, 1)]).claims
    assert [(c.line, c.id) for c in claims] == [(1, "N:1"), (2, "N:2"), (4, "fine")]
    assert "postive: not an assumption; did you mean positive?" in claims[0].problem
    assert "unknown name a" in claims[1].problem  # nothing was declared by the bad line
    assert claims[2].problem is None  # names far from every assumption are names
