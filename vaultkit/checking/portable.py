"""A claim as text: its sides, ranges and givens in SymPy's `srepr`, read back by the safe reader.

A scan reads a display in one process and checks its steps in others; between
them a claim travels as `srepr` text, which is also exactly what its verdict
depends on. Its cache key is that text and the engine version, and nothing of
where it was written, so the same step gets the same verdict (and the same
cache entry) on any line of any note. Reading it back goes through
`srepr.read_srepr`, which builds SymPy objects without evaluating any text.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import sympy

from .claims import Claim, Given, IndexRange
from .srepr import SreprError, read_srepr
from .work import ENGINE_VERSION

FORMAT = "scan-3"  # bump when what a claim answers could change (its messages included): older entries are stale


@dataclass(frozen=True, slots=True)
class Portable:
    """A claim's content, as text: what its verdict depends on, and nothing else."""

    lhs: str
    rhs: str
    ranges: tuple[tuple[str, str, str], ...] = ()  # (index, low, high)
    givens: tuple[tuple[str, str, str, int], ...] = ()  # (lhs, rhs, note title, line)

    def key(self) -> str:
        payload = json.dumps([FORMAT, ENGINE_VERSION, self.lhs, self.rhs, self.ranges, self.givens])
        return hashlib.sha256(payload.encode()).hexdigest()

    def claim(self, note: str, line: int, ident: str, text: str = "") -> Claim:
        """The claim again, or one whose `problem` says why it could not be read back."""
        try:
            lhs, rhs = read_srepr(self.lhs), read_srepr(self.rhs)
            ranges = tuple(IndexRange(*(read_srepr(part) for part in bounds)) for bounds in self.ranges)
            givens = tuple(Given(read_srepr(a), read_srepr(b), title, at) for a, b, title, at in self.givens)
        except SreprError as error:
            return Claim(note, line, ident, "latex", None, None, text=text, problem=f"the engine cannot take it ({error})")
        return Claim(note, line, ident, "latex", lhs, rhs, ranges, givens, text)


def portable(claim: Claim) -> Portable:
    """The claim's content as text; only the ranges of its own free indices (the engine looks at no others)."""
    symbols = (claim.lhs - claim.rhs).free_symbols
    ranges = tuple(
        (sympy.srepr(r.index), sympy.srepr(r.low), sympy.srepr(r.high)) for r in claim.ranges if r.index in symbols
    )
    givens = tuple((sympy.srepr(g.lhs), sympy.srepr(g.rhs), g.note, g.line) for g in claim.givens)
    return Portable(sympy.srepr(claim.lhs), sympy.srepr(claim.rhs), ranges, givens)
