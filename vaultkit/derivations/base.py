"""A built-in derivation: a named sequence of steps, each an identity the engine checks.

A step states one identity `lhs == rhs` between SymPy expressions built here, in
trusted package code, with the assumptions (real, positive, …) carried by its
symbols and the ranges of its free indices. Nothing in this module says whether
a step holds: `Derivation.claims()` turns the steps into claims, and the same
engine that checks notes' claims gives every verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from ..checking.claims import Claim, IndexRange

_STEP_ID = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")


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
    ranges: tuple[IndexRange, ...] = ()
    givens: tuple[tuple[sympy.Expr, sympy.Expr], ...] = ()

    def __post_init__(self) -> None:
        if not _STEP_ID.match(self.id):
            raise ValueError(f"step id {self.id!r}: use letters, digits and single '-'")
        for side in (self.lhs, self.rhs):
            if not isinstance(side, sympy.Basic):
                raise TypeError(f"step {self.id}: {side!r} is not a SymPy expression")


@dataclass(frozen=True)
class Derivation:
    """A named sequence of steps, attached to every note titled or aliased as one of `attaches_to`."""

    name: str
    title: str
    attaches_to: tuple[str, ...]
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

    def claims(self) -> tuple[Claim, ...]:
        """One claim per step: source "builtin", no note, line = the step's number (from 1)."""
        return tuple(
            Claim(
                note="",
                line=number,
                id=f"{self.name}/{step.id}",
                source="builtin",
                lhs=step.lhs,
                rhs=step.rhs,
                ranges=step.ranges,
                givens=step.givens,
                text=f"{sympy.sstr(step.lhs)} == {sympy.sstr(step.rhs)}",
            )
            for number, step in enumerate(self.steps, start=1)
        )
