"""Concrete stand-ins for a claim's undefined functions: an identity for every f holds for each of them.

Several unrelated families (a cubic with a cross term, an exponential with a
sine, a rational-exponential mix), each with random rational coefficients drawn
from the claim's own seed, so `f(0) = 1` or `f(x) = f(-x)` fails for most of
them while the product rule holds for all.
"""

from __future__ import annotations

import random
import sympy
from sympy.core.function import AppliedUndef

FAMILIES = 3


def _coefficient(rng: random.Random) -> sympy.Rational:
    value = 0
    while abs(value) < 64:  # not near 0: a vanishing coefficient would hide a term
        value = rng.randint(-1536, 1536)
    return sympy.Rational(value, 1024)


def _body(family: int, u: sympy.Expr, v: sympy.Expr, c: list[sympy.Rational]) -> sympy.Expr:
    if family == 0:
        return c[0] + c[1] * u + c[2] * u**2 + c[3] * u**3 + c[4] * u * v
    if family == 1:
        return c[0] * sympy.exp(c[1] * u) + c[2] * sympy.sin(c[3] * v + c[4])
    return (c[0] + c[1] * u) * sympy.exp(c[2] * v) + c[3] * sympy.cos(c[4] * u)


def test_function(arity: int, family: int, rng: random.Random) -> sympy.Lambda:
    """A smooth function of `arity` arguments from one family, its coefficients drawn from `rng`."""
    arguments = sympy.symbols(f"_t0:{arity}")
    u = sum((_coefficient(rng) * a for a in arguments), sympy.S.Zero)
    v = sum((_coefficient(rng) * a for a in arguments), sympy.S.Zero)
    coefficients = [_coefficient(rng) for _ in range(5)]
    return sympy.Lambda(arguments, _body(family, u, v, coefficients))


def choose(expr: sympy.Expr, family: int, seed: int) -> dict[tuple, sympy.Lambda]:
    """A test function of the family for every undefined function (and arity) applied in `expr`."""
    applied = sorted({(a.func, len(a.args)) for a in expr.atoms(AppliedUndef)}, key=lambda k: (str(k[0]), k[1]))
    return {
        (function, arity): test_function(arity, family, random.Random(f"{seed}:{function}:{arity}:{family}"))
        for function, arity in applied
    }


def apply(expr: sympy.Expr, chosen: dict[tuple, sympy.Lambda]) -> sympy.Expr:
    """`expr` with each applied undefined function replaced by its chosen test function."""
    if not chosen:
        return expr
    return expr.replace(
        lambda e: isinstance(e, AppliedUndef) and (e.func, len(e.args)) in chosen,
        lambda e: chosen[(e.func, len(e.args))](*e.args),
    )
