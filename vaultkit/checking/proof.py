"""Symbolic stages that try to reduce lhs − rhs to zero; a zero is a proof.

Each stage has a slice of the time allowed. A proof is only reported after the
numeric stage has found no counterexample at the special points (SymPy's closed
forms can miss an edge case such as an empty sum).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import sympy

from .claims import IndexRange
from .deadline import OutOfTime, time_limit


def _abs_squared(expr: sympy.Expr) -> sympy.Expr:
    """|z|² → z·conj(z), so that sums of squared moduli can cancel."""
    return expr.replace(
        lambda e: e.is_Pow and isinstance(e.base, sympy.Abs) and e.exp.is_even is True,
        lambda e: (e.base.args[0] * sympy.conjugate(e.base.args[0])) ** (e.exp / 2),
    )


def _pull_constants(expr: sympy.Expr) -> sympy.Expr:
    """Σᵢ c·f(i) → c·Σᵢ f(i) for every factor c that does not depend on the index."""

    def pull(s: sympy.Sum) -> sympy.Expr:
        indices = [limit[0] for limit in s.limits]
        independent, dependent = [], []
        for factor in sympy.Mul.make_args(s.function):
            (dependent if any(factor.has(i) for i in indices) else independent).append(factor)
        if not independent:
            return s
        return sympy.Mul(*independent) * sympy.Sum(sympy.Mul(*dependent), *s.limits)

    return expr.replace(lambda e: isinstance(e, sympy.Sum), pull)


def _rename_indices(expr: sympy.Expr, depth: int = 0) -> sympy.Expr:
    """Give each sum's bound index a name fixed by its nesting depth, so Σ_i f(i) and Σ_j f(j) match."""
    if isinstance(expr, sympy.Sum):
        function, limits = expr.function, []
        for offset, (index, low, high) in enumerate(expr.limits):
            canonical = sympy.Symbol(f"_sum{depth}_{offset}", **_integer_assumptions(index))
            function = function.xreplace({index: canonical})
            limits.append((canonical, _rename_indices(low, depth), _rename_indices(high, depth)))
        return sympy.Sum(_rename_indices(function, depth + 1), *limits)
    if not expr.args:
        return expr
    return expr.func(*(_rename_indices(arg, depth) for arg in expr.args))


def _canonical_sums(expr: sympy.Expr) -> sympy.Expr:
    return sympy.simplify(_rename_indices(_pull_constants(sympy.expand(expr))))


def _integer_assumptions(index: sympy.Symbol) -> dict:
    return {"integer": True} if index.is_integer else {}


STAGES: tuple[tuple[str, Callable[[sympy.Expr], sympy.Expr]], ...] = (
    ("structural", lambda d: d),
    ("expand", sympy.expand),
    ("cancel", lambda d: sympy.cancel(sympy.together(d))),
    ("doit + simplify", lambda d: sympy.simplify(d.doit())),
    ("sum canonicalisation", lambda d: _canonical_sums(d.doit())),
    ("|z|² rewrite", lambda d: sympy.simplify(sympy.expand(_abs_squared(d.doit())))),
    ("exp rewrite", lambda d: sympy.simplify(d.doit().rewrite(sympy.exp))),
)


def _within_ranges(expr: sympy.Expr, ranges: tuple[IndexRange, ...]) -> sympy.Expr:
    """Settle conditions an index's range makes true: differentiating Σⱼ f(xⱼ) by x_k leaves
    Piecewise((…, (k >= 1) & (k <= n)), (0, True)), and k runs from 1 to n."""
    if not ranges or not expr.has(sympy.Piecewise):
        return expr
    known: dict = {}
    for limits in ranges:
        index, low, high = limits.index, sympy.S(limits.low), sympy.S(limits.high)
        for relation in (index >= low, low <= index, index <= high, high >= index):
            if isinstance(relation, sympy.core.relational.Relational):
                known[relation] = sympy.true
    settled = expr.replace(
        lambda e: isinstance(e, sympy.Piecewise),
        lambda e: sympy.Piecewise(*((value, condition.xreplace(known)) for value, condition in e.args)),
    )
    return sympy.simplify(settled)


def prove(diff: sympy.Expr, budget: float, ranges: tuple[IndexRange, ...] = ()) -> str | None:
    """The name of the first stage that reduces `diff` to 0 within `budget` seconds, or None."""
    deadline = time.perf_counter() + budget
    stages = STAGES
    if diff.has(sympy.Sum, sympy.Product):  # closed forms of sums are slow to find and rarely needed
        stages = (*STAGES[:3], STAGES[4], STAGES[3], *STAGES[5:])
    if ranges:  # ∂/∂x_k of Σⱼ f(xⱼ) leaves (k in 1..n) conditions: settled straight after doit, it is quick
        stages = (
            *stages[:3],
            ("index ranges", lambda d: _within_ranges(d.doit(), ranges)),
            *stages[3:],
            ("index ranges", lambda d: _within_ranges(sympy.simplify(d.doit()), ranges)),
        )
    for name, stage in stages:
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        try:
            with time_limit(min(left, max(budget / 3, 0.5))):
                if stage(diff) == 0:
                    return name
        except OutOfTime:
            continue
        except Exception:  # noqa: BLE001 - a stage SymPy cannot finish proves nothing; the next may
            continue
    left = deadline - time.perf_counter()
    if left > 0:
        try:
            with time_limit(left):
                if diff.doit().equals(0) is True:
                    return "equals"
        except (OutOfTime, Exception):  # noqa: BLE001 - no proof
            pass
    return None
