"""The safe expression reader: SymPy objects built from a whitelist, nothing evaluated."""

from __future__ import annotations

import re

import pytest
import sympy as sp

from vaultkit.checking.expr import ExpressionError, Reader
from vaultkit.checking.scope import Scope

x = sp.Symbol("x", real=True)
n = sp.Symbol("n", positive=True, integer=True)
j = sp.Symbol("j", integer=True)
X = sp.IndexedBase("w", real=True)


def reader() -> Reader:
    scope = Scope(symbols={"x": x, "n": n, "j": j}, indexed={"w": X})
    scope.functions["sigma"] = sp.Lambda(x, 1 / (1 + sp.exp(-x)))
    scope.definitions["Z"] = sp.Sum(sp.exp(X[j]), (j, 1, n))
    return Reader(scope)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x**2 + 3*x - 1", x**2 + 3 * x - 1),
        ("0.1 * x", x / 10),
        ("exp(-x) / (1 + exp(-x))", sp.exp(-x) / (1 + sp.exp(-x))),
        ("sigma(2*x)", 1 / (1 + sp.exp(-2 * x))),
        ("Z", sp.Sum(sp.exp(X[j]), (j, 1, n))),
        ("w[j] * KroneckerDelta(j, n)", X[j] * sp.KroneckerDelta(j, n)),
        ("Sum(w[j], (j, 1, n))", sp.Sum(X[j], (j, 1, n))),
        ("diff(sigma(x), x)", sp.Derivative(1 / (1 + sp.exp(-x)), x)),
        ("integrate(x, (x, 0, 1))", sp.Integral(x, (x, 0, 1))),
        ("pi + E + I + oo", sp.pi + sp.E + sp.I + sp.oo),
        ("-x", -x),
        ("Abs(x)**2", sp.Abs(x) ** 2),
    ],
)
def test_reads_the_allowed_language(text, expected):
    assert reader().expression(text) == expected


def test_diff_stays_unevaluated_for_the_engine():
    value = reader().expression("diff(x**3, x)")
    assert isinstance(value, sp.Derivative)
    assert value.doit() == 3 * x**2


def test_equation():
    assert reader().equation("sigma(x) == 1 - sigma(-x)") == (1 / (1 + sp.exp(-x)), 1 - 1 / (1 + sp.exp(x)))
    with pytest.raises(ExpressionError, match="LHS == RHS"):
        reader().equation("x < 1")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("__import__('os').system('true')", "only named functions"),
        ("x.__class__", "attribute access"),
        ("(lambda: 1)()", "only named functions"),
        ("[k for k in w]", "comprehension"),
        ("'text'", "literal"),
        ("y + 1", "unknown name y"),
        ("open(x)", "unknown function open"),
        ("exp(x, base=2)", "keyword"),
        ("w + 1", "indexed family"),
        ("x[1]", "only indexed names"),
        ("w[1:2]", "slices"),
        ("sigma", "is a function"),
        ("sigma(x, x)", "takes 1 argument"),
        ("x ^ 2", "use ** for powers"),
        ("x // 2", "//"),
        ("x / 0", "division by zero"),
        ("True", "literal"),
        ("1j", "literal"),
        ("", "empty"),
        ("x +", "not an expression"),
    ],
)
def test_refuses_everything_else(text, message):
    with pytest.raises(ExpressionError, match=re.escape(message)):
        reader().expression(text)


@pytest.mark.parametrize(
    "text",
    ["2**2**2**40", "10**100000", "factorial(10**6)", "binomial(10**5, 500)", "9" * 200, "x**100000", "(" * 500 + "x" + ")" * 500],
)
def test_hostile_sizes_are_errors_not_hangs(text):
    with pytest.raises(ExpressionError):  # at once: the size is refused before anything is computed
        reader().expression(text)


def test_huge_expression_is_refused():
    with pytest.raises(ExpressionError, match="longer than"):
        reader().expression("+".join(["x"] * 2000))


def test_bare_e_is_a_symbol_with_a_warning():
    read = reader()
    assert read.expression("e") == sp.Symbol("e")
    assert read.warnings and "Euler" in read.warnings[0]
