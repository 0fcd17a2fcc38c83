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
from .points import (
    RANDOM_POINTS,
    Variable,
    admits,
    index_values,
    random_value,
    specials,
    thresholds,
    variable,
)

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
    """Random points, then every variable's special values and thresholds in turn (round robin)."""
    if not variables:
        return [{}]
    points = [_random_point(variables, rng, wide=n >= RANDOM_POINTS * 2 // 3) for n in range(RANDOM_POINTS)]
    sweeps = [_sweep(var, variables, instances, rng) for var in variables]
    for position in range(max((len(s) for s in sweeps), default=0)):
        points.extend(s[position] for s in sweeps if position < len(s))
    return [p for p in points if p is not None][:MAX_POINTS]


def _sweep(var: Variable, variables: Sequence[Variable], instances: Sequence[Instance], rng: random.Random) -> list:
    constants = sorted({int(n) for i in instances for side in (i.lhs, i.rhs) for n in side.atoms(sympy.Integer)})
    values = specials(var, constants)
    for instance in instances:
        for side in (instance.lhs, instance.rhs):
            values += [v for v in thresholds(side, [var.symbol]).get(var.symbol, []) if admits(var, v)]
    sweep = []
    for value in dict.fromkeys(values):
        sweep.append(_random_point(variables, rng, fixed={var.symbol: value}))
    if var.range is not None:
        base = _random_point(variables, rng)
        if base is not None:
            for k in index_values(var.range, base):
                sweep.append({**base, var.symbol: sympy.Integer(k)})
    return sweep


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
