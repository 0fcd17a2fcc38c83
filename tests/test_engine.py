"""The checking engine: true claims proved or checked, false ones false with a confirmed counterexample."""

from __future__ import annotations

import sympy as sp

from vaultkit.checking.claims import Claim, Given, IndexRange, Verdict
from vaultkit.checking.engine import check

x = sp.Symbol("x", real=True)
T = sp.Symbol("T", positive=True)
n = sp.Symbol("n", positive=True, integer=True)
i, j, k = sp.symbols("i j k", integer=True)
X = sp.IndexedBase("x", real=True)
RANGES = (IndexRange(i, 1, n), IndexRange(j, 1, n), IndexRange(k, 1, n))
sigma = 1 / (1 + sp.exp(-x))
Z = sp.Sum(sp.exp(X[j] / T), (j, 1, n))


def p(index: sp.Expr) -> sp.Expr:
    return sp.exp(X[index] / T) / Z


def claim(lhs, rhs, ranges=(), givens=(), name="c") -> Claim:  # noqa: ANN001
    return Claim("n.md", 3, name, "sympy", sp.S(lhs), sp.S(rhs), ranges, givens)


def test_sigmoid_derivative_is_proved():
    result = check(claim(sp.diff(sigma, x), sigma * (1 - sigma)))
    assert result.verdict is Verdict.PROVED
    assert result.method
    assert (result.note, result.line, result.id, result.source) == ("n.md", 3, "c", "sympy")


def test_a_claim_true_at_nice_points_only_is_false():
    """σ′ = σ² agrees with the truth at x = 0: testing only nice points is not enough."""
    assert (sp.diff(sigma, x) - sigma**2).subs(x, 0) == 0
    result = check(claim(sp.diff(sigma, x), sigma**2))
    assert result.verdict is Verdict.FALSE
    point = sp.S(result.counterexample["x"])
    assert abs(point) > 0.1
    left, right = sp.Float(result.counterexample["lhs"]), sp.Float(result.counterexample["rhs"])
    assert abs(left - right) > 1e-3
    assert abs(left - sp.diff(sigma, x).subs(x, point)) < 1e-9


def test_softmax_normalisation_is_proved_by_sum_canonicalisation():
    result = check(claim(sp.Sum(p(i), (i, 1, n)), 1, RANGES))
    assert result.verdict is Verdict.PROVED
    assert result.method == "sum canonicalisation"


def test_softmax_normalisation_to_two_is_false_for_a_concrete_n():
    result = check(claim(sp.Sum(p(i), (i, 1, n)), 2, RANGES))
    assert result.verdict is Verdict.FALSE
    assert int(result.counterexample["n"]) >= 1
    assert abs(sp.Float(result.counterexample["lhs"]) - 1) < 1e-9


def test_log_partition_gradient_is_checked_at_free_index_values():
    result = check(claim(sp.diff(sp.log(Z), X[k]), p(k) / T, RANGES))
    assert result.verdict in (Verdict.PROVED, Verdict.CHECKED)
    if result.verdict is Verdict.CHECKED:
        assert "not a proof" in result.message


def test_log_partition_gradient_without_temperature_is_false():
    result = check(claim(sp.diff(sp.log(Z), X[k]), p(k), RANGES))
    assert result.verdict is Verdict.FALSE
    assert {"n", "k", "T"} <= set(result.counterexample)


def test_assumptions_are_respected_when_drawing_points():
    """√(y²) = y holds for positive y and is false for real y."""
    y = sp.Symbol("y", positive=True)
    assert check(claim(sp.sqrt(y**2), y)).verdict is Verdict.PROVED
    assert check(claim(sp.sqrt(x**2), x)).verdict is Verdict.FALSE


def test_complex_amplitudes_and_moduli():
    a, b = sp.symbols("alpha beta")
    norm = sp.sqrt(sp.Abs(a) ** 2 + sp.Abs(b) ** 2)
    assert check(claim(sp.Abs(a / norm) ** 2 + sp.Abs(b / norm) ** 2, 1)).verdict is Verdict.PROVED
    phi = sp.Symbol("phi", real=True)
    assert check(claim(sp.Abs(sp.exp(sp.I * phi) * a) ** 2, sp.Abs(a) ** 2)).verdict is Verdict.PROVED
    assert check(claim(sp.Abs(a + b) ** 2, sp.Abs(a) ** 2 + sp.Abs(b) ** 2)).verdict is Verdict.FALSE


def test_undefined_functions_are_tested_with_concrete_functions():
    psi, tau = sp.Function("psi"), sp.Symbol("tau", positive=True)
    wrong = claim(sp.Derivative(psi(x, tau), tau), sp.Derivative(psi(x, tau), x, 2))
    assert check(wrong).verdict is Verdict.FALSE
    right = claim(sp.Derivative(psi(x, tau) * 2, tau), 2 * sp.Derivative(psi(x, tau), tau))
    assert check(right).verdict is Verdict.PROVED


def test_givens_rewrite_before_checking():
    a, b = sp.symbols("alpha beta")
    givens = (Given(sp.Abs(b) ** 2, 1 - sp.Abs(a) ** 2, "Qubit", 4),)
    assert check(claim(sp.Abs(a) ** 2 + sp.Abs(b) ** 2, 1, givens=givens)).verdict is Verdict.PROVED
    assert check(claim(sp.Abs(a) ** 2 + sp.Abs(b) ** 2, 1)).verdict is Verdict.FALSE


def test_unreadable_claim_is_an_error():
    broken = Claim("n.md", 9, "bad", "latex", None, None, problem="unknown command \\nabla")
    result = check(broken)
    assert result.verdict is Verdict.ERROR
    assert result.message == "unknown command \\nabla"


def test_a_claim_with_no_numeric_value_is_an_error_not_checked():
    f = sp.Function("f")
    result = check(claim(sp.Integral(f(x), (x, 0, 1)), sp.Symbol("c")))
    assert result.verdict in (Verdict.ERROR, Verdict.FALSE)
    assert result.verdict is not Verdict.CHECKED


def test_results_are_reproducible():
    first = check(claim(sp.diff(sigma, x), sigma**2))
    second = check(claim(sp.diff(sigma, x), sigma**2))
    assert first.counterexample == second.counterexample


def test_a_kink_that_could_not_be_settled_decides_nothing(monkeypatch):
    """d/dx min(x², 1) has no value at x = 1, where the claim's right side is 1: a false claim. When SymPy's
    one-sided limits there fail or run out of time (a loaded machine), the point is never tested, and a proof
    that rewrites lhs − rhs to 0 elsewhere must not make the claim proved: the verdict is an error."""
    import vaultkit.checking.prepare as prepare

    x = sp.Symbol("x", real=True)
    false_claim = claim(sp.Derivative(sp.Min(x**2, 1), x), 2 * x * sp.Heaviside(1 - x**2))
    assert check(false_claim, budget=30).verdict is Verdict.FALSE  # settled: the counterexample at x = 1
    monkeypatch.setattr(prepare, "_kink_value", lambda *arguments: (_ for _ in ()).throw(ValueError("no limit")))
    unsettled = check(false_claim, budget=30)
    assert unsettled.verdict is Verdict.ERROR and "kink" in unsettled.message
