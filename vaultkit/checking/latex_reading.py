"""What the parts of the LaTeX reader may call on one another.

The reader is one recursive descent over the parse tree, written in parts: `latex_reader.ClaimReader` reads
statements, sums, products, factors and scripts; `latex_names.Names` reads names and subscripts;
`latex_calculus.Calculus` reads operators; `latex_notation.Notation` the notation only the free reading knows.
An operator's body is a product, a subscript holds expressions, a ket's label is a factor: so each part calls
back into the others, and only through the methods listed here. Each part is a subclass of `Reading`; the
readers that join them (`ClaimReader`, `FreeReader`) provide every method.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import sympy
from lark import Token, Tree

from .latex_syntax import _Atom, _Op
from .scope import Scope

Items = list[tuple[str | None, Tree | Token]]  # the factors of a product, each with the operator before it
Step = tuple[sympy.Expr, int, sympy.Expr | None]  # a value read from items, where reading stopped, a dx reached


class Reading(ABC):
    """The reader as its parts see it."""

    scope: Scope
    undeclared: set[sympy.Basic]  # the symbols made for names the scope does not declare
    bound: list[str]  # the variables of the sums and products being read
    indexing: int  # > 0 while a subscript is read as an index: x_{i+1}
    values: frozenset[str]  # a claim's names written somewhere as a value (see `latex_syntax._letter_uses`)
    indices: frozenset[str]  # a claim's names written in a subscript somewhere

    # ------------------------------------------------------------ from the reader (ClaimReader)

    @abstractmethod
    def relation(self, statement: Tree) -> tuple[list[Tree], list[Token]]:
        """The sums of a statement and the relations between them."""

    @abstractmethod
    def expression(self, statement: Tree) -> sympy.Expr:
        """A statement that must be one expression, no relation."""

    @abstractmethod
    def sum(self, node: Tree) -> sympy.Expr:
        """A sum of products: a bound, a limit's point."""

    @abstractmethod
    def factor(self, node: Tree | Token) -> sympy.Expr | _Op:
        """One factor, or an operator waiting for what it acts on."""

    @abstractmethod
    def _sequence(self, items: Items, i: int, need_differential: bool) -> Step:
        """The product of items[i:]: an operator's body, up to an integral's differential when one is needed."""

    @abstractmethod
    def _unit(self, items: Items, i: int, need_differential: bool) -> Step:
        """items[i] alone, or the operator there with what it acts on."""

    @abstractmethod
    def _arg(self, arg: Tree) -> sympy.Expr:
        """A one-token or braced argument: of a script, of `\\frac`, `\\sqrt`."""

    @abstractmethod
    def _sup(self, value: sympy.Expr, sup: Tree | None) -> sympy.Expr:
        """A value raised to (or conjugated, transposed by) a superscript."""

    @abstractmethod
    def _parenthesised(self, atom: _Atom) -> sympy.Expr:
        """The value in the parentheses after a name or an operator."""

    @abstractmethod
    def _times_call(self, value: sympy.Expr, atom: _Atom) -> sympy.Expr:
        """A value times the parentheses that follow it, `x^2(1 - x)`."""

    # ------------------------------------------------------------ from the names (Names)

    @abstractmethod
    def _head(self, prim: Token, sub: Tree | None) -> tuple[str, sympy.Basic | None, str]:
        """What a name with its subscript stands for: (kind, value, label)."""

    @abstractmethod
    def _lookup(self, names: list[str]) -> tuple[str, sympy.Basic | None]:
        """The first of the names the scope declares: (kind, value)."""

    @abstractmethod
    def _letters(self, statement: Tree) -> list[Token] | None:
        """The names of a subscript `ij` or `k`, or None."""

    @abstractmethod
    def _fallback(self, name: str, commutative: bool = True) -> sympy.Symbol:
        """The symbol of a name the scope does not declare."""

    @abstractmethod
    def _undefined(self, name: str) -> type[sympy.Function]:
        """An undefined function of that name."""

    # ------------------------------------------------------------ from the operators (Calculus)

    @abstractmethod
    def _variable(self, atom: _Atom) -> sympy.Expr:
        """A variable of differentiation, integration, summation or a limit."""

    @abstractmethod
    def _script_atom(self, arg: Tree, label: str) -> _Atom:
        """The one name in an operator's subscript."""

    @abstractmethod
    def _prefixed_name(self, items: Items, i: int, prefixes: tuple[str, ...], kinds: tuple[str, ...]) -> _Atom | None:
        """The name right after a bare prefix (`d`, `\\Delta`) at items[i], or None."""
