"""The ordered list of points at which a claim is tested.

First random points (each variable drawn by its assumptions), then, variable by
variable in turn, its special values and the thresholds of the claim with the
other variables random, so that every trap is visited whatever the number of
variables. The whole list is fixed by the claim's content.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

import sympy

from .claims import IndexRange
from .numeric import Instance
from .ball import Evaluator, Undecided, Undefined, Unsupported, ball, exact, precision
from .critical import arguments, crossings, solutions
from .points import RANDOM_POINTS, Variable, admits, beside, index_values, random_value, specials, variable

MAX_POINTS = 400


def variables_for(instances: Sequence[Instance], ranges: Iterable[IndexRange]) -> list[Variable]:
    """The claim's free variables, in a fixed order: the symbols the givens solve for are not among them."""
    by_index = {r.index: r for r in ranges}
    solved = {var.symbol for i in instances for var, _ in i.solved}
    exprs = [e for i in instances for e in (i.lhs, i.rhs, *(value for _, value in i.solved))]
    labels = {element.base.label for e in exprs for element in e.atoms(sympy.Indexed)}
    free = {s for e in exprs for s in e.free_symbols if isinstance(s, sympy.Symbol)} - solved - labels
    small = set()
    for e in exprs:
        for total in e.atoms(sympy.Sum, sympy.Product):
            small |= {s for limit in total.limits for bound in limit[1:] for s in sympy.S(bound).free_symbols}
    for index in [s for s in free if s in by_index]:
        bounds = by_index[index]
        small |= sympy.S(bounds.low).free_symbols | sympy.S(bounds.high).free_symbols
        free |= {s for s in small if isinstance(s, sympy.Symbol)} - solved
    return [
        variable(symbol, small=symbol in small, index_range=by_index.get(symbol))
        for symbol in sorted(free, key=lambda s: (s in by_index, str(s)))
    ]


def plan_points(variables: Sequence[Variable], instances: Sequence[Instance], rng: random.Random) -> list[dict]:
    """Random points, then every variable's special values and critical points in turn (round robin)."""
    if not variables:
        return [{}]
    points = [_random_point(variables, rng, wide=n >= RANDOM_POINTS * 2 // 3) for n in range(RANDOM_POINTS)]
    critical = [found for i in instances for side in (i.lhs, i.rhs) for found in arguments(side)]
    critical += sum_bounds(instances)
    constants = sorted({int(n) for i in instances for side in (i.lhs, i.rhs) for n in side.atoms(sympy.Integer)})
    sweeps = [_sweep(var, variables, critical, constants, rng) for var in variables]
    for position in range(max((len(s) for s in sweeps), default=0)):
        points.extend(s[position] for s in sweeps if position < len(s))
    return [p for p in points if p is not None][:MAX_POINTS]


def _sweep(var: Variable, variables: Sequence[Variable], critical: list, constants: list[int], rng: random.Random) -> list:
    """One variable over its special values, then onto each critical value the claim's arguments give it."""
    sweep = [_random_point(variables, rng, fixed={var.symbol: value}) for value in specials(var, constants)]
    if var.range is not None:
        base = _random_point(variables, rng)
        if base is not None:
            sweep.extend({**base, var.symbol: sympy.Integer(k)} for k in index_values(var.range, base))
        return sweep
    for argument, levels in dict.fromkeys(critical):
        if var.symbol not in argument.free_symbols:
            continue
        base = _random_point(variables, rng)
        if base is None:
            continue
        try:
            values = solutions(argument, var.symbol, base, levels)
            around = [v for value in values for v in (value, *beside(value, var.integer))]
            if not values and var.real and not var.integer:
                around = crossings(argument, var.symbol, base, levels, _real_value)
        except Exception:  # noqa: BLE001 - SymPy failing on one argument costs its critical points only
            continue
        sweep.extend(_in_ranges({**base, var.symbol: v}, variables, rng) for v in around if admits(var, v))
        paired = _pairs(var, [v for v in around[:PAIRED] if admits(var, v)], variables, base)
        sweep.extend(_in_ranges(point, variables, rng) for point in paired)
    return sweep


PAIRED = 4  # critical values of one argument at which each other symbol is swept over a few values
_PARTNERS = tuple(sympy.S(v) for v in ("-1", "2", "1/2", "-1/2", "I"))


def _pairs(var: Variable, values: list, variables: Sequence[Variable], base: dict) -> list[dict]:
    """At a critical value (x = 0), each other symbol at a few values of both signs: 0^a · 0^b ≠ 0^(a+b)
    only when Re a < 0 < Re(a + b)."""
    pairs = []
    for value in values:
        for other in variables:
            if other is var or other.range is not None or other.integer:
                continue
            pairs.extend({**base, var.symbol: value, other.symbol: w} for w in _PARTNERS if admits(other, w))
    return pairs


def _in_ranges(point: dict, variables: Sequence[Variable], rng: random.Random) -> dict | None:
    """The point with each free index moved into its range where a new bound left it outside (None if empty)."""
    for var in variables:
        if var.range is not None:
            low = int(sympy.S(var.range.low).xreplace(point))
            high = int(sympy.S(var.range.high).xreplace(point))
            if high < low:
                return None
            if not low <= int(point[var.symbol]) <= high:
                point[var.symbol] = sympy.Integer(rng.randint(low, high))
    return point


def _real_value(expr: sympy.Expr, at: sympy.Rational) -> float | None:
    """A real expression of one symbol at a rational point, roughly (for finding where it crosses a level)."""
    (symbol,) = expr.free_symbols
    try:
        with precision(64):
            value = ball(Evaluator({symbol: exact(at)}).value(expr))
    except (Undefined, Undecided, Unsupported, ValueError, ZeroDivisionError, OverflowError):
        return None
    if not (value.is_finite() and value.imag.contains(0)):
        return None
    return float(value.real.mid())


def sum_bounds(instances: Sequence[Instance]) -> list[tuple[sympy.Expr, tuple]]:
    """(upper bound − index, levels): a sum Σⱼ₌₁ⁿ g(j) whose g breaks at j = 97 changes at n = 97, so the
    critical values of each summand's index become critical values of the bound."""
    found = []
    for instance in instances:
        for side in (instance.lhs, instance.rhs):
            for total in side.atoms(sympy.Sum, sympy.Product):
                index, _, high = total.limits[-1]
                for argument, levels in arguments(total.function):
                    if index in argument.free_symbols:
                        found.append((argument.xreplace({index: high}), levels))
    return found


def _random_point(variables: Sequence[Variable], rng: random.Random, wide: bool = False, fixed: dict | None = None) -> dict | None:
    """A random value for every variable (free indices last, inside their ranges); None if a range is empty."""
    point = dict(fixed or {})
    for var in variables:
        if var.symbol not in point and var.range is None:
            point[var.symbol] = random_value(var, rng, wide)
    for var in variables:
        if var.range is not None and var.symbol not in point:
            low = int(sympy.S(var.range.low).xreplace(point))
            high = int(sympy.S(var.range.high).xreplace(point))
            if high < low:
                return None
            point[var.symbol] = sympy.Integer(rng.randint(low, high))
    return point
