"""Claims and verdicts: what the checking engine takes and what it answers.

A claim is an identity `lhs == rhs` between SymPy expressions, built by
vaultkit's own readers (never by evaluating note text), with the assumptions
carried by its symbols, the ranges of its indices, and the `given` rewrites of
its note. Claims and results are plain frozen values, so they can be sent to a
worker process and cached by content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

import sympy

Source = Literal["sympy", "latex", "builtin", "python", "frontmatter"]  # frontmatter: a bad `derivations:`


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


# A skipped block checked nothing: worse than any check, better than a failure.
_RANK = {Verdict.PROVED: 0, Verdict.CHECKED: 1, Verdict.SKIPPED: 2, Verdict.ERROR: 3, Verdict.FALSE: 4}
GOOD = frozenset({Verdict.PROVED, Verdict.CHECKED})  # the verdicts that vouch for a claim
BAD = frozenset({Verdict.FALSE, Verdict.ERROR})  # the verdicts that fail a run


def worst(verdicts: Iterable[Verdict]) -> Verdict | None:
    """The worst of some verdicts (a note's status), or None when there are none."""
    return max(verdicts, key=lambda verdict: verdict.rank, default=None)


def count(results: Iterable[Result]) -> dict[Verdict, int]:
    """How many results have each verdict, every verdict listed."""
    counted = {verdict: 0 for verdict in Verdict}
    for result in results:
        counted[result.verdict] += 1
    return counted


def failed(results: Iterable[Result]) -> bool:
    return any(result.verdict in BAD for result in results)


@dataclass(frozen=True, slots=True)
class IndexRange:
    """`range: i = 1..n`: the index runs from `low` to `high` (inclusive)."""

    index: sympy.Symbol
    low: sympy.Expr
    high: sympy.Expr


@dataclass(frozen=True, slots=True)
class Given:
    """`given: lhs == rhs`: a constraint. A claim holds if it holds wherever its givens hold."""

    lhs: sympy.Expr
    rhs: sympy.Expr
    note: str = ""  # title of the note that states it ("" for a built-in derivation)
    line: int = 0

    def describe(self) -> str:
        """`[[Note]]:12` (or the constraint itself when it comes from no note), for reports."""
        return f"[[{self.note}]]:{self.line}" if self.note else f"{sympy.sstr(self.lhs)} == {sympy.sstr(self.rhs)}"


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
    givens: tuple[Given, ...] = ()  # constraints in scope: the claim must hold wherever they all hold
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
    givens: tuple[str, ...] = ()  # the givens the verdict relies on, as `[[Note]]:line`
    incomplete: bool = False  # ran out of time or was stopped: another run may decide it, so never cached

    @property
    def derivation(self) -> str | None:
        """The built-in derivation this step belongs to (its id is `name/step`)."""
        return self.id.split("/", 1)[0] if self.source == "builtin" else None

    @classmethod
    def from_json(cls, item: dict) -> Result:
        """The inverse of `as_json`, for the cache and the Python sandbox."""
        return cls(
            str(item["note"]), int(item["line"]), str(item["id"]), item["source"], Verdict(item["verdict"]),
            str(item["method"]), float(item["seconds"]), str(item["message"]), item["counterexample"],
            tuple(str(g) for g in item.get("givens", ())), bool(item.get("incomplete", False)),
        )  # fmt: skip

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
            "givens": list(self.givens),
            "incomplete": self.incomplete,
        }
