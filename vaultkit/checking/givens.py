"""Givens as constraints: a claim holds if it holds wherever all its givens hold.

Each given is solved for one of its symbols (exactly, every branch of the
solution kept: s² + c² = 1 gives c = ±√(1 − s²)), so points can be drawn that
satisfy it and a symbolic proof can work on each branch. A symbol that occurs
only inside |·| is solved for its modulus, with a free phase. A given with no
free symbols is decided at once; a false one, or givens that contradict each
other, make the claim an error. When a given cannot be solved, the claim can
still be proved by rewriting with it, but never declared false.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy

from .claims import Given
from .points import Variable, variable

Solver = Callable[[sympy.Expr, sympy.Symbol], list[sympy.Expr] | None]


@dataclass(frozen=True)
class Branch:
    """One way of satisfying the givens: symbols fixed in order (c := √(1 − s²), then s := …).

    A value may name symbols fixed after it, never before: substitute in order,
    evaluate in reverse.
    """

    solved: tuple[tuple[Variable, sympy.Expr], ...] = ()

    def substitute(self, expr: sympy.Expr) -> sympy.Expr:
        for var, value in self.solved:
            expr = expr.xreplace({var.symbol: value})
        return expr


@dataclass(frozen=True)
class Constraints:
    relied: tuple[Given, ...]  # the givens the claim depends on
    branches: tuple[Branch, ...]  # [Branch()] when there is nothing to solve
    problem: str | None = None  # no verdict can rest on these givens (false, contradictory)
    unsolved: str | None = None  # points satisfying them cannot be drawn: proofs only, never false


def relevant(givens: Sequence[Given], symbols: set) -> tuple[Given, ...]:
    """The givens that share symbols with the claim, directly or through other givens, and constant ones."""
    wanted, chosen = set(symbols), []
    changed = True
    while changed:
        changed = False
        for given in givens:
            free = (given.lhs - given.rhs).free_symbols
            if given not in chosen and (not free or free & wanted):
                chosen.append(given)
                wanted |= free
                changed = True
    return tuple(g for g in givens if g in chosen)


def constrain(givens: Sequence[Given], claim_symbols: set, solve: Solver, decide: Callable[[sympy.Expr], bool | None]) -> Constraints:
    """Solve the relevant givens in order; `decide(expr)` says whether a constant is zero (None: cannot tell)."""
    relied = relevant(givens, claim_symbols)
    branches = [Branch()]
    for given in relied:
        equation = given.lhs - given.rhs
        next_branches: list[Branch] = []
        for branch in branches:
            reduced = branch.substitute(equation)
            if not reduced.free_symbols:
                verdict = decide(reduced)
                if verdict is None:
                    return Constraints(relied, tuple(branches), f"cannot decide whether the given at {given.describe()} holds")
                if verdict:
                    next_branches.append(branch)
                continue
            solved = _solve_one(reduced, claim_symbols, solve)
            if solved is None:
                return Constraints(relied, tuple(branches), unsolved=f"cannot draw points that satisfy the given at {given.describe()}")
            next_branches.extend(Branch((*branch.solved, *step)) for step in solved)
        if not next_branches:
            what = "is false" if not equation.free_symbols else "contradicts the givens before it"
            return Constraints(relied, (), f"the given at {given.describe()} {what}")
        branches = next_branches
    return Constraints(relied, tuple(branches))


def _solve_one(equation: sympy.Expr, preferred: set, solve: Solver) -> list[tuple[tuple[Variable, sympy.Expr], ...]] | None:
    """Every branch of the equation solved for one symbol (the claim's own symbols first)."""
    candidates = sorted(equation.free_symbols, key=lambda s: (s not in preferred, str(s)))
    for symbol in candidates:
        if not isinstance(symbol, sympy.Symbol):
            continue
        solutions = solve(equation, symbol)
        if solutions:
            return [((variable(symbol), value),) for value in solutions]
        modulus = _by_modulus(equation, symbol, solve)
        if modulus:
            return modulus
    return None


def _by_modulus(equation: sympy.Expr, symbol: sympy.Symbol, solve: Solver) -> list | None:
    """|s|² + … = 1 for a complex s: solve for r = |s| ≥ 0 and let s = r·e^{iθ} with a free phase θ."""
    if symbol.is_extended_real or not equation.has(sympy.Abs(symbol)):
        return None
    radius = sympy.Dummy(f"abs_{symbol}", nonnegative=True)
    replaced = equation.xreplace({sympy.Abs(symbol): radius})
    if replaced.has(symbol):
        return None
    solutions = solve(replaced, radius)
    if not solutions:
        return None
    phase = sympy.Dummy(f"phase_{symbol}", real=True)
    return [
        ((variable(symbol), radius * sympy.exp(sympy.I * phase)), (variable(radius), value))
        for value in solutions
    ]
