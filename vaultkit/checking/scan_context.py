"""What a step may be checked with besides itself: the note's earlier definitions, its written condition,
positive values.

Each is a second reading of the same step, never a change of its verdict by
guesswork: a step that holds only once line 12's `E = mc^2` is put in is
reported as following *using line 12*; one that holds only for positive values
is reported so; a condition `x > 0` written beside the step becomes the
assumption that x is positive, which is exactly what it says.
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy
from sympy.core.function import AppliedUndef

from .scan import Definition

ROUNDS = 3  # definitions that use definitions: substituted this deep
MAX_NODES = 5_000  # a substitution that grows a step beyond this is not tried
INTEGER_NAMES = frozenset("i j k l n N".split())  # names that count, taken as integers with positive values
_SIGNS = {">": "positive", "\\gt": "positive", "<": "negative", "\\lt": "negative", "\\ge": "nonnegative",
          "\\geq": "nonnegative", "\\geqslant": "nonnegative", "\\le": "nonpositive", "\\leq": "nonpositive",
          "\\leqslant": "nonpositive", "\\ne": "nonzero", "\\neq": "nonzero"}  # fmt: skip
_MIRRORED = {"positive": "negative", "negative": "positive", "nonnegative": "nonpositive",
             "nonpositive": "nonnegative", "nonzero": "nonzero"}  # fmt: skip

Sides = tuple[sympy.Expr, sympy.Expr]


def substituted(sides: Sides, known: Iterable[Definition]) -> tuple[Sides, tuple[int, ...]] | None:
    """Both sides with the latest definition of each name put in (a few rounds deep), and the lines used;
    None when no definition applies or the result would be too large."""
    latest: dict[sympy.Basic, Definition] = {}
    varied = {v for side in sides for d in side.atoms(sympy.Derivative) for v in d.variables}
    for definition in known:
        if definition.name not in varied:  # β = v/c beside dγ/dβ: the variable of a derivative stays a variable
            latest[definition.name] = definition
    used: set[int] = set()
    for _ in range(ROUNDS):
        changed = False
        for definition in latest.values():
            new = tuple(_put(side, definition) for side in sides)
            if new != sides:
                sides, changed = new, True
                used.add(definition.line)
        if not changed:
            break
        if sum(sympy.count_ops(side, visual=False) for side in sides) > MAX_NODES:
            return None
    return (sides, tuple(sorted(used))) if used else None


def _put(expr: sympy.Expr, definition: Definition) -> sympy.Expr:
    if not definition.parameters:
        return _put_name(expr.xreplace({definition.name: definition.value}), definition)
    parameters, value = definition.parameters, definition.value

    def apply(applied: AppliedUndef) -> sympy.Expr:
        return value.xreplace(dict(zip(parameters, applied.args)))

    return expr.replace(lambda e: isinstance(e, AppliedUndef) and e.func == definition.name, apply)


def _put_name(expr: sympy.Expr, definition: Definition) -> sympy.Expr:
    """`γ = 1/\\sqrt{1 - β^2}`, then `\\frac{dγ}{dβ}` (γ(β)): the name's value is the function of the variables it is
    written in; `N = n^2(n^2 - 1)/12`, then `N(4)`: of its one variable at 4 (and `γ(v/c)` at β = v/c)."""
    name, value = definition.name, definition.value
    if not isinstance(name, sympy.Symbol):
        return expr
    free = value.free_symbols

    def apply(applied: AppliedUndef) -> sympy.Expr:
        if all(isinstance(a, sympy.Symbol) for a in applied.args) and set(applied.args) <= free:
            return value
        if len(applied.args) == 1 and len(free) == 1:  # N(4), γ(v/c): its one variable there
            return value.xreplace({next(iter(free)): applied.args[0]})
        return applied

    return expr.replace(lambda e: isinstance(e, AppliedUndef) and str(e.func) == name.name, apply)


def positive(sides: Sides) -> tuple[Sides, str] | None:
    """Every symbol that assumes nothing taken positive, and the usual index names (`n`, `k`, …) positive
    integers; with the text that says so. None when there is no such symbol, or a limit could change meaning."""
    if any(side.has(sympy.Limit) for side in sides):
        return None
    plain = {s for side in sides for s in side.free_symbols if isinstance(s, sympy.Symbol) and _plain(s)}
    if not plain:
        return None
    counting = sorted(s.name for s in plain if s.name in INTEGER_NAMES)
    replacing = {s: sympy.Symbol(s.name, positive=True, integer=s.name in INTEGER_NAMES or None) for s in plain}
    said = "every symbol positive" + (f", {' and '.join(counting)} integer" if counting else "")
    return tuple(side.xreplace(replacing) for side in sides), said  # type: ignore[return-value]


def commuted(sides: Sides) -> tuple[Sides, str] | None:
    """The sides with every symbol read in written order (`G M`, `\\hat{H}`) made an ordinary number, and the
    text that says so; None when there is none. The engine checks numbers, not operators: what it finds then
    holds for numbers only, and a counterexample may not refute a step about operators or matrices."""
    ordered = sorted({s for side in sides for s in side.free_symbols if _ordered(s)}, key=str)
    if not ordered:
        return None
    replacing = {s: sympy.Symbol(s.name) for s in ordered}
    said = f"{', '.join(s.name for s in ordered)} commute{'s' if len(ordered) == 1 else ''}"
    return tuple(side.xreplace(replacing) for side in sides), said  # type: ignore[return-value]


def _ordered(symbol: sympy.Basic) -> bool:
    """A symbol whose only assumption is that it does not commute."""
    return isinstance(symbol, sympy.Symbol) and getattr(symbol, "_assumptions_orig", None) == {"commutative": False}


def assuming(sides: Sides, statements: Iterable) -> tuple[Sides, str] | None:
    """A condition made of `x > 0`, `y \\ne 0`, … on symbols of the step that assume nothing, as their
    assumptions, and the condition as text; None when any part of it cannot be said that way."""
    signs: dict[str, str] = {}
    for statement in statements:
        if len(statement.relations) != 1 or statement.relations[0] not in _SIGNS:
            return None
        left, right = statement.values
        sign = _SIGNS[statement.relations[0]]
        if isinstance(left, sympy.Symbol) and right == 0:
            signs[left.name] = sign
        elif isinstance(right, sympy.Symbol) and left == 0:
            signs[right.name] = _MIRRORED[sign]
        else:
            return None
    free = {s.name: s for side in sides for s in side.free_symbols if isinstance(s, sympy.Symbol)}
    if not signs or any(name not in free or not _plain(free[name]) for name in signs):
        return None
    replacing = {free[name]: sympy.Symbol(name, **{sign: True}) for name, sign in signs.items()}
    text = ", ".join(f"{name} {sign}" for name, sign in sorted(signs.items()))
    return tuple(side.xreplace(replacing) for side in sides), text  # type: ignore[return-value]


def _plain(symbol: sympy.Symbol) -> bool:
    """A commutative symbol that assumes nothing (an undeclared name of the free reading)."""
    return not getattr(symbol, "_assumptions_orig", None) and symbol.is_commutative is not False
