"""Claims and verdicts: what the checking engine takes and what it answers.

A claim is an identity `lhs == rhs` between SymPy expressions, built by
vaultkit's own readers (never by evaluating note text), with the assumptions
carried by its symbols, the ranges of its indices, and the `given` rewrites of
its note. Claims and results are plain frozen values, so they can be sent to a
worker process and cached by content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

import sympy

Source = Literal["sympy", "latex", "builtin", "python"]


class Verdict(str, Enum):
    PROVED = "proved"  # symbolic rewriting reduced lhs - rhs to 0
    CHECKED = "checked"  # sides agree at random points; not a proof
    FALSE = "false"  # a confirmed counterexample
    ERROR = "error"  # could not be checked
    SKIPPED = "skipped"  # a Python block without --run-python

    @property
    def rank(self) -> int:
        """Worse verdicts rank higher: a note's status is its worst verdict."""
        return _RANK[self]


_RANK = {Verdict.PROVED: 0, Verdict.SKIPPED: 1, Verdict.CHECKED: 2, Verdict.ERROR: 3, Verdict.FALSE: 4}


@dataclass(frozen=True, slots=True)
class IndexRange:
    """`range: i = 1..n`: the index runs from `low` to `high` (inclusive)."""

    index: sympy.Symbol
    low: sympy.Expr
    high: sympy.Expr


@dataclass(frozen=True)
class Claim:
    """One identity to check, and where it was written."""

    note: str  # vault-relative path of the note ("" for a built-in derivation)
    line: int
    id: str
    source: Source
    lhs: sympy.Expr | None  # None when the claim could not be read (see `problem`)
    rhs: sympy.Expr | None
    ranges: tuple[IndexRange, ...] = ()
    givens: tuple[tuple[sympy.Expr, sympy.Expr], ...] = ()  # lhs is replaced by rhs before checking
    text: str = ""  # the claim as written, for reports
    problem: str | None = None  # why it could not be read: the claim is then an error


@dataclass(frozen=True)
class Result:
    """The engine's answer for one claim."""

    note: str
    line: int
    id: str
    source: Source
    verdict: Verdict
    method: str = ""  # "simplify", "numeric (12 points)", …
    seconds: float = 0.0
    message: str = ""
    counterexample: dict[str, str] | None = field(default=None)

    def as_json(self) -> dict:
        return {
            "note": self.note,
            "line": self.line,
            "id": self.id,
            "source": self.source,
            "verdict": self.verdict.value,
            "method": self.method,
            "seconds": round(self.seconds, 4),
            "message": self.message,
            "counterexample": self.counterexample,
        }
