"""Notation only the free reading knows: kets, bras and brakets, expectation values and matrices. A mixin of
`latex._Translator`, which reads the labels and cells with its own grammar."""

from __future__ import annotations

import re

import sympy
from lark import Token, Tree

from .latex_syntax import (
    TranslationError, _NOTATION, _parse,
)


class Notation:
    """Bra-ket notation and matrices of `latex._Translator` (a mixin)."""

    def _quantum(self, prim: Token) -> sympy.Expr:
        """`|\\psi\\rangle`, `\\langle\\phi|`, `\\langle\\phi|\\psi\\rangle`, `\\langle A\\rangle` (free reading)."""
        from sympy.physics.quantum import Bra, InnerProduct, Ket

        if str(prim).startswith("\\vkmatrix"):
            return self._matrix(str(prim))
        match = _NOTATION.match(str(prim))
        assert match is not None
        command, first, second = match.group(1), match.group(2), match.group(3)
        if command == "braket" and second is None:  # \braket{a|b}
            first, bar, second = first.partition("|")
            if not bar:
                raise TranslationError(f"{prim}: \\braket{{a|b}} expected", command="\\braket", cause="syntax")
        labels = [self._state_label(text, str(prim)) for text in (first, second) if text is not None]
        if command == "ket":
            return Ket(labels[0])
        if command == "bra":
            return Bra(labels[0])
        if command == "braket":
            return InnerProduct(Bra(labels[0]), Ket(labels[1]))
        return self._undefined("expectation")(labels[0])

    def _state_label(self, text: str, shown: str) -> sympy.Expr:
        """A ket's label: `00` and `+` are names of states, not the number 0 or a sign."""
        stripped = text.strip()
        if re.fullmatch(r"[0-9]+|[+-]|\\pm|\\uparrow|\\downarrow|[0-9]*[+-]", stripped):
            return sympy.Symbol(stripped.lstrip("\\"))
        return self._label_value(text, shown)

    def _matrix(self, text: str) -> sympy.Expr:
        kind, body = re.fullmatch(r"\\vkmatrix\{([a-zA-Z]+)\}\{([0-9a-f]*)\}", text).groups()  # type: ignore[union-attr]
        try:
            source = bytes.fromhex(body).decode()
        except ValueError:
            raise TranslationError("a malformed matrix", command=f"\\begin{{{kind}}}", cause="syntax") from None
        rows = [row for row in re.split(r"\\\\(?:\[[^\]]*\])?", source) if row.strip()]
        literal_order, self.literal_order = self.literal_order, False  # numbers and names in cells commute
        try:
            cells = [[self._label_value(cell, f"\\begin{{{kind}}}") for cell in row.split("&")] for row in rows]
        finally:
            self.literal_order = literal_order
        if not cells or len({len(row) for row in cells}) != 1:
            raise TranslationError(f"\\begin{{{kind}}}: rows of different lengths", command=f"\\begin{{{kind}}}",
                                   cause="syntax")
        if any(not c.is_commutative for row in cells for c in row):
            raise TranslationError(f"\\begin{{{kind}}} of operators", command=f"\\begin{{{kind}}}",
                                   cause="unsupported-construct")
        matrix = sympy.ImmutableMatrix(cells)
        return sympy.Determinant(matrix) if kind == "vmatrix" else matrix

    def _label_value(self, text: str, shown: str) -> sympy.Expr:
        if not text.strip():
            raise TranslationError(f"{shown}: an empty label", command=shown, cause="syntax")
        statements = [c for c in _parse(text, self.free).children if isinstance(c, Tree)]
        if len(statements) != 1:
            raise TranslationError(f"{shown}: one label expected", command=shown, cause="unsupported-construct")
        return self.expression(statements[0])
