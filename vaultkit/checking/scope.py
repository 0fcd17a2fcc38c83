"""A note's mathematical scope: the names its `sympy` blocks declare and define.

Both readers of claims look names up here: the `sympy` block reader while it
builds the scope, and the LaTeX translator afterwards. Names never come from
anywhere else, so nothing a note writes can reach Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from .claims import IndexRange


@dataclass
class Scope:
    """Names visible to a note's claims, in the order they were declared."""

    symbols: dict[str, sympy.Symbol] = field(default_factory=dict)  # `symbols: x real`
    indexed: dict[str, sympy.IndexedBase] = field(default_factory=dict)  # `symbols: x indexed real` → x[i]
    definitions: dict[str, sympy.Expr] = field(default_factory=dict)  # `Z := …`
    functions: dict[str, sympy.Lambda | sympy.core.function.UndefinedFunction] = field(default_factory=dict)  # `sigma(x) := …`, `symbols: f function`
    ranges: dict[str, IndexRange] = field(default_factory=dict)  # `range: i = 1..n`, by index name
    givens: list[tuple[sympy.Expr, sympy.Expr]] = field(default_factory=list)  # `given: a == b`
    where: dict[str, str] = field(default_factory=dict)  # name → "path:line" where it was declared

    def defined(self, name: str) -> bool:
        return name in self.symbols or name in self.indexed or name in self.definitions or name in self.functions

    def value(self, name: str) -> sympy.Basic | None:
        """What a bare name stands for: a definition, a symbol or an indexed family."""
        if name in self.definitions:
            return self.definitions[name]
        if name in self.symbols:
            return self.symbols[name]
        return self.indexed.get(name)

    def merged(self, other: Scope) -> Scope:
        """`uses`: the other note's names first, then this note's own."""
        return Scope(
            symbols={**other.symbols, **self.symbols},
            indexed={**other.indexed, **self.indexed},
            definitions={**other.definitions, **self.definitions},
            functions={**other.functions, **self.functions},
            ranges={**other.ranges, **self.ranges},
            givens=[*other.givens, *self.givens],
            where={**other.where, **self.where},
        )
