"""A built-in derivation: a named sequence of steps, each an identity to check.

Plain data, written in trusted package code: a step states one identity
`lhs == rhs` between SymPy expressions, with the assumptions (real, positive, …)
carried by its symbols, the ranges of its free indices as `(index, low, high)`
and its constraints as `(lhs, rhs)` pairs. Nothing here says whether a step
holds, and nothing here knows the checking engine: `vaultkit.checking.builtin`
turns the steps into claims, and the engine that checks notes' claims gives
every verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

_STEP_ID = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")

Range = tuple[sympy.Symbol, sympy.Expr, sympy.Expr]  # (index, low, high): the index runs from low to high
Constraint = tuple[sympy.Expr, sympy.Expr]  # (lhs, rhs): the step need hold only where lhs == rhs


@dataclass(frozen=True)
class Step:
    """One identity of a derivation.

    `text` is one sentence saying what the step shows and why; `latex` is the
    step as display LaTeX (trusted, written with the step, never translated);
    `lhs == rhs` is what is actually checked.
    """

    id: str
    text: str
    latex: str
    lhs: sympy.Expr
    rhs: sympy.Expr
    ranges: tuple[Range, ...] = ()
    givens: tuple[Constraint, ...] = ()

    def __post_init__(self) -> None:
        if not _STEP_ID.match(self.id):
            raise ValueError(f"step id {self.id!r}: use letters, digits and single '-'")
        for side in (self.lhs, self.rhs, *(e for pair in self.givens for e in _pair(self.id, pair, 2))):
            if not isinstance(side, sympy.Basic):
                raise TypeError(f"step {self.id}: {side!r} is not a SymPy expression")
        for index, low, high in (_pair(self.id, r, 3) for r in self.ranges):
            if not isinstance(index, sympy.Symbol) or not all(isinstance(b, sympy.Basic) for b in (low, high)):
                raise TypeError(f"step {self.id}: a range is (index symbol, low, high), not {(index, low, high)!r}")


def _pair(step: str, value: object, size: int) -> tuple:
    if not isinstance(value, tuple) or len(value) != size:
        raise TypeError(f"step {step}: expected a tuple of {size}, not {value!r}")
    return value


@dataclass(frozen=True)
class Derivation:
    """A named sequence of steps. A note asks for it with `derivations: [name]` in its frontmatter."""

    name: str
    title: str
    summary: str
    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        if not _STEP_ID.match(self.name):
            raise ValueError(f"derivation name {self.name!r}: use letters, digits and single '-'")
        seen: set[str] = set()
        for step in self.steps:
            if step.id in seen:
                raise ValueError(f"derivation {self.name}: step id {step.id!r} used twice")
            seen.add(step.id)
