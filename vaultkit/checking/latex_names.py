"""Names for the LaTeX reader: letters, Greek and upright names, constants, the scope's symbols and functions
applied to their arguments, and subscripts (a name `x_i`, an index `x[i]`). A part of the reader (see
`latex_reading.Reading` for what it calls on the rest); the methods marked as hooks hold the claim's rule, which
the free reading overrides."""

from __future__ import annotations

import sympy
from lark import Token, Tree
from sympy.core.function import AppliedUndef

from .latex_atoms import _atom
from .latex_reading import Reading
from .latex_syntax import (
    TranslationError, _Atom, _DECORATED, _DECORATIONS, _ELLIPSIS, _NAMED, _NONCOMMUTING, _Op, _VARIANTS, _label, _statements,
)
from .latex_values import _number


class Names(Reading):
    """What a name stands for in the note's scope, in a claim (the free reading overrides the hooks)."""

    def _name(self, atom: _Atom) -> sympy.Expr | _Op:
        prim = atom.prim
        assert isinstance(prim, Token)
        label = str(prim)
        if label in ("\\dagger", "\\top", "\\intercal"):
            raise TranslationError(f"{label} outside a superscript", command=label, cause="unsupported-construct")
        constant = self._constant(prim, atom.sub)
        if constant is not None:
            if atom.sub is not None:
                raise TranslationError(f"a subscript on {label}", command=label, cause="unsupported-construct")
            if constant == sympy.E and atom.sup is not None:
                value = self._exp(atom.sup)
            else:
                value = self._sup(constant, atom.sup)
            return self._times_call(value, atom)
        fixed = self._before_scope(atom)
        if fixed is not None:
            return fixed
        kind, value, shown = self._head(prim, atom.sub)
        if kind == "function":
            return self._application(atom, value, shown)
        if kind == "indexed":
            raise TranslationError(f"{shown} is an indexed family: write {shown}_i", command=shown,
                                   cause="unsupported-construct")
        if atom.call is not None and kind == "undeclared" and self._applies(atom):
            return self._undeclared_application(atom, value, shown)
        return self._times_call(self._sup(value, atom.sup), atom)

    def _before_scope(self, atom: _Atom) -> sympy.Expr | None:
        """Hook: a meaning settled before the scope is asked. A claim settles none; it refuses an `i` that could
        be the imaginary unit."""
        self._no_imaginary_guess(atom)
        return None

    def _exp(self, sup: Tree) -> sympy.Expr:
        node = sup.children[0]
        if isinstance(node, Token) and node.type == "STAR":
            raise TranslationError("e^*", command="^*", cause="unsupported-construct")
        return sympy.exp(self._arg(sup))

    # ------------------------------------------------------------ applications

    def _application(self, atom: _Atom, value: sympy.Basic | None, shown: str) -> sympy.Expr | _Op:
        """A function of the scope with its arguments."""
        if atom.call is None:
            raise TranslationError(
                f"{shown} is a function: write {shown}(…)", command=shown, cause="unsupported-construct"
            )
        self._no_power_before_call(atom, shown)
        arguments = self._arguments(atom.call)
        if isinstance(value, sympy.Lambda):
            expected = len(value.variables)
            if len(arguments) != expected:
                raise TranslationError(
                    f"{shown} takes {expected} argument(s), not {len(arguments)}", command=shown,
                    cause="unsupported-construct",
                )
        result = value(*arguments)  # a Lambda, or `symbols: f function`: any function, of any arguments
        return self._sup(result, atom.post_sup)

    @staticmethod
    def _no_power_before_call(atom: _Atom, shown: str) -> None:
        if atom.sup is not None:
            raise TranslationError(
                f"{shown}^…(…) is ambiguous: write ({shown}(…))^…", command=shown, cause="ambiguous"
            )

    def argument(self, statement: Tree) -> sympy.Expr:
        """Hook: an argument of a call, an expression (the free reading also reads events and conditions)."""
        return self.expression(statement)

    def _arguments(self, statements: list[Tree]) -> list[sympy.Expr]:
        """The arguments of a call; `p(a, b \\mid c, d)` is one: (a, b) given (c, d)."""
        arguments = [part for s in statements for part in _after_dots(self.argument(s))]
        given = [k for k, a in enumerate(arguments) if isinstance(a, AppliedUndef) and a.func.__name__ == "given"]
        if len(arguments) < 2 or len(given) != 1:
            return arguments
        k = given[0]
        event, condition = arguments[k].args
        events = [*arguments[:k], event]
        conditions = [condition, *arguments[k + 1 :]]

        def one(values: list[sympy.Expr]) -> sympy.Expr:
            return values[0] if len(values) == 1 else sympy.Tuple(*values)

        return [self._undefined("given")(one(events), one(conditions))]

    def _applies(self, atom: _Atom) -> bool:
        """Hook: an undeclared name before parentheses, applied as a function (True) or a factor of a product.

        `x^2(1 - x)` multiplies. In a claim a name that the equation uses elsewhere as a value multiplies too:
        `n(n+1)` beside `\\sum_{k=1}^{n}`, or with the inner n alone.
        """
        if atom.sup is not None:
            return False
        return not (atom.sub is None and str(atom.prim) in self.values)

    def _undeclared_application(self, atom: _Atom, value: sympy.Expr, shown: str) -> sympy.Expr:
        """Hook: `f(x)` with f not in the scope, an error in a claim."""
        raise TranslationError(
            f"{shown}(…): {shown} is not a function of the note's scope (define it, declare it as any "
            f"function with `symbols: {shown} function`, or declare {shown} as a symbol to multiply)",
            command=shown, cause="unknown-function",
        )

    def _no_imaginary_guess(self, atom: _Atom) -> None:
        """A claim's bare `i` is a name only where it is an index: in a subscript, or under `\\sum_{i=…}` or
        `\\prod`. Elsewhere it could be the imaginary unit, unless the scope declares it: an error."""
        prim = atom.prim
        if str(prim) != "i" or prim.type != "LETTER" or atom.sub is not None:
            return
        if self.indexing or "i" in self.bound or self._declared("i"):
            return
        both = "i is both an index and a factor here, and " if "i" in self.indices else ""
        raise TranslationError(
            f"i: {both}an undeclared i outside an index could be the imaginary unit: write \\mathrm{{i}} or "
            "\\imath for the imaginary unit, or declare i in a sympy block (symbols: i …)", command="i",
            cause="ambiguous",
        )

    # ------------------------------------------------------------ constants and the scope

    def _declared(self, name: str) -> bool:
        return self._lookup([name])[0] != "undeclared"

    def _constant(self, prim: Token, sub: Tree | None = None) -> sympy.Expr | None:
        text = str(prim)
        if text == "\\pi":
            return sympy.pi
        if text == "\\infty":
            return sympy.oo
        if text == "\\mathrm{e}":
            return sympy.E
        letter = self._letter_constant(prim, sub)
        if letter is not None:
            return letter
        if text in ("\\mathrm{i}", "\\imath", "\\mathrm{j}"):  # upright j: the engineers' imaginary unit
            letter = "j" if text == "\\mathrm{j}" else "i"
            if self.scope.defined(letter):
                raise TranslationError(
                    f"{text}: ambiguous, the note's scope declares a name {letter}", command=text, cause="ambiguous"
                )
            return sympy.I
        return None

    def _letter_constant(self, prim: Token, sub: Tree | None) -> sympy.Expr | None:
        """Hook: a plain letter that is a constant. A claim's undeclared e is Euler's number everywhere: e,
        e^{x}, e \\cdot e."""
        if str(prim) == "e" and prim.type == "LETTER" and sub is None and not self._declared("e"):
            return sympy.E
        return None

    def _lookup(self, names: list[str]) -> tuple[str, sympy.Basic | None]:
        scope = self.scope
        for name in names:
            if name in scope.definitions:
                return "value", scope.definitions[name]
            if name in scope.symbols:
                return "value", scope.symbols[name]
            if name in scope.functions:
                return "function", scope.functions[name]
            if name in scope.indexed:
                return "indexed", scope.indexed[name]
            if name in scope.ranges:
                return "value", scope.ranges[name].index
        return "undeclared", None

    def _undefined(self, name: str) -> type[sympy.Function]:
        """Hook: an undefined function (the free reading keeps its place in a product of operators)."""
        return sympy.Function(name)

    def _fallback(self, name: str, commutative: bool = True) -> sympy.Symbol:
        """Hook: the symbol of an undeclared name (the free reading keeps the order of operators)."""
        if not commutative:
            symbol = sympy.Symbol(name, commutative=False)
        else:
            symbol = sympy.Symbol(name, positive=True) if name == "hbar" else sympy.Symbol(name)
        self.undeclared.add(symbol)
        return symbol

    # ------------------------------------------------------------ heads and subscripts

    def _head(self, prim: Token, sub: Tree | None) -> tuple[str, sympy.Basic | None, str]:
        """What a name (with its subscript) stands for: (kind, value, label)."""
        label = str(prim)
        names = _candidates(prim)
        kind, value = self._lookup(names)
        if prim.type == "NAMED" and kind == "undeclared":
            if sub is not None:
                raise TranslationError(f"a subscript on {label}", command=label, cause="unsupported-construct")
            return self._unknown_named(label)
        if sub is None and kind == "undeclared":
            self._check_undeclared(prim)
        commutative = not (prim.type == "DECOR" and names[0].rsplit("_", 1)[-1] in _NONCOMMUTING)
        if sub is None:
            if kind == "undeclared":
                return "undeclared", self._fallback(names[-1], commutative), label
            return kind, value, label
        if kind == "indexed":
            indices = self._indices(sub)
            return "value", value[tuple(indices)] if len(indices) > 1 else value[indices[0]], label
        if kind == "function" and isinstance(value, sympy.Lambda):
            indices = self._indices(sub)
            if len(indices) == len(value.variables):
                return "value", value(*indices), label
        try:
            text = self._sub_text(sub)
            if self._indexed_by_bound(sub):  # \sum_i x_i: x_i varies with i, one family x[i]
                raise TranslationError("an index bound by a sum", cause="unsupported-construct")
        except TranslationError:
            family = self._family(names[-1], sub, commutative)
            if family is None:
                raise
            return "undeclared", family, label  # x_{n+1}, ε_{T,σ}
        compound = [f"{name}_{text}" for name in names]
        label = f"{label}_{{{text}}}"
        kind, value = self._lookup(compound)
        if kind == "undeclared":
            return "undeclared", self._fallback(compound[-1], commutative), label
        return kind, value, label

    def _indexed_by_bound(self, sub: Tree) -> bool:
        """Hook: a subscript that makes a family of the name. A claim's `x_i` is the name its scope declares."""
        return False

    def _unknown_named(self, label: str) -> tuple[str, sympy.Basic | None, str]:
        """Hook: an upright name the scope does not know, `\\operatorname{loss}`: an error in a claim."""
        raise TranslationError(
            f"{label} is not a function of the note's scope", command=label, cause="unknown-function"
        )

    def _check_undeclared(self, prim: Token) -> None:
        """Hook: an undeclared name without a subscript. A claim's bare e is Euler's number, so it cannot be a
        variable or an index."""
        if prim.type == "LETTER" and str(prim) == "e":
            raise TranslationError(
                "e: an undeclared e is Euler's number in a claim, so it cannot be a variable or an index; declare "
                "e in a sympy block (symbols: e …) to use it as a name", command="e", cause="ambiguous",
            )

    def _family(self, name: str, sub: Tree, commutative: bool) -> sympy.Expr | None:
        """Hook: a name whose subscript forms no name (`x_{n+1}`). None: a claim keeps the error."""
        return None

    def _indices(self, sub: Tree) -> list[sympy.Expr]:
        node = sub.children[0]
        if isinstance(node, Token):
            return [self._index_value(node)]
        statements = _statements(node.children[1])
        if not statements:
            raise TranslationError("a sign as a subscript", command="_", cause="syntax")
        if len(statements) == 1:
            letters = self._letters(statements[0])
            if letters is not None and len(letters) > 1:  # x_{ij}
                return [self._index_value(letter) for letter in letters]
        self._no_words_among(statements)
        self.indexing += 1  # x_{i+1}: this i is an index
        try:
            return [self.expression(s) for s in statements]
        finally:
            self.indexing -= 1

    def _no_words_among(self, statements: list[Tree]) -> None:
        """`k_{B,CGS}`, `T_{ij,kl}`: letters side by side in a list of indices are a word or several indices,
        never clearly a product (`x_{i,j+1}` is read)."""
        if len(statements) < 2:
            return
        for statement in statements:
            letters = self._letters(statement)
            if letters is not None and len(letters) > 1:
                raise TranslationError(
                    f"{''.join(map(str, letters))} in a list of indices: a label, several indices or a product? "
                    "Write \\text{…} for a label", command="_", cause="ambiguous",
                )

    def _letters(self, statement: Tree) -> list[Token] | None:
        """The names of `ij` or `k` written as a subscript, or None."""
        sums, relations = self.relation(statement)
        if relations or len(sums) != 1 or any(isinstance(c, Token) for c in sums[0].children):
            return None
        products = sums[0].children
        if len(products) != 1:
            return None
        letters = []
        for child in products[0].children:
            if isinstance(child, Token):
                return None
            atom = _atom(child)
            if not (isinstance(atom.prim, Token) and atom.bare() and atom.prim.type in ("LETTER", "SYM")):
                return None
            if atom.prim.type == "SYM" and _constant_name(atom.prim):
                return None
            letters.append(atom.prim)
        return letters

    def _index_value(self, prim: Token) -> sympy.Expr:
        if prim.type == "NUMBER":
            return _number(prim)
        if prim.type in ("LETTER", "SYM", "DECOR") and not _constant_name(prim):
            kind, value, label = self._head(prim, None)
            if kind in ("value", "undeclared"):
                return value
            raise TranslationError(f"{label} cannot be an index", command=label, cause="unsupported-construct")
        raise TranslationError(f"{prim} cannot be an index", command=str(prim), cause="unsupported-construct")

    def _sub_text(self, sub: Tree) -> str:
        """The name a subscript adds: `T_\\text{eff}` is T_eff, `x_{ij}` is x_ij."""
        node = sub.children[0]
        tokens = [node] if isinstance(node, Token) else self._sub_tokens(node)
        parts = []
        for token in tokens:
            if token.type in ("LETTER", "NUMBER"):
                parts.append(str(token))
            elif token.type in ("SYM", "NAMED") and (not _constant_name(token) or _label_pi(tokens)):
                parts.append(_base_name(token))
            else:
                raise TranslationError(
                    f"the subscript {token} does not form a name", command=str(token), cause="unsupported-construct"
                )
        return "".join(parts)

    def _sub_tokens(self, group: Tree) -> list[Token]:
        """The bare names and numbers of a braced subscript, one product of them, or an error."""
        statements = _statements(group.children[1])
        tokens: list[Token] = []
        ok = len(statements) == 1
        if ok:
            sums, relations = self.relation(statements[0])
            ok = not relations and len(sums[0].children) == 1 and not isinstance(sums[0].children[0], Token)
        if ok:
            for child in sums[0].children[0].children:
                atom = _atom(child) if not isinstance(child, Token) else None
                if atom is None or not atom.bare() or not isinstance(atom.prim, Token):
                    ok = False
                    break
                tokens.append(atom.prim)
        if not ok:
            raise TranslationError(
                f"the subscript {_label(group)} does not form a name", command=_label(group),
                cause="unsupported-construct",
            )
        return tokens


def _constant_name(prim: Token) -> bool:
    return str(prim) in ("\\pi", "\\infty", "\\mathrm{e}", "\\mathrm{i}", "\\imath", "\\mathrm{j}", "\\partial")


def _base_name(prim: Token) -> str:
    text = str(prim)
    if prim.type == "LETTER":
        return text
    if prim.type == "DECOR":  # \mathbf{x} → x_vec, \hat{H} → H_hat, \mathcal{L} → L_cal
        match = _DECORATED.match(text)
        assert match is not None
        base = match.group(2).lstrip("\\")
        return f"{_VARIANTS.get(base, base)}_{_DECORATIONS[match.group(1)]}"
    if prim.type == "NAMED":
        match = _NAMED.match(text)
        assert match is not None
        return match.group(2).strip()
    if text == "\\ldots":
        return "…"
    if text == "\\vkplaceholder":
        return "·"
    return _VARIANTS.get(text[1:], text[1:])


def _candidates(prim: Token) -> list[str]:
    text = str(prim)
    if prim.type == "SYM" and text[1:] in _VARIANTS:
        return [text[1:], _VARIANTS[text[1:]]]
    return [_base_name(prim)]


def _label_pi(tokens: list[Token]) -> bool:
    """`m_\\pi`, `f_\\pi`: π alone in a subscript labels (the pion), it indexes nothing."""
    return len(tokens) == 1 and str(tokens[0]) == "\\pi"


def _after_dots(argument: sympy.Expr) -> list[sympy.Expr]:
    """`f(p_1, p_2, \\dots p_m)`: the dots and the last argument, a comma left out, not a product `…·p_m`."""
    if isinstance(argument, sympy.Mul) and len(argument.args) > 1 and argument.args[0] == _ELLIPSIS:
        return [_ELLIPSIS, sympy.Mul(*argument.args[1:])]
    return [argument]
