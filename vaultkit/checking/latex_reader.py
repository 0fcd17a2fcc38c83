"""The claim reader: the SymPy a claim's parse tree stands for, refusing whatever it would have to guess.

`ClaimReader` reads statements, sums, products, factors, scripts and functions; names come from `Names`
(`latex_names`) and operators from `Calculus` (`latex_calculus`). Wherever the free reading
(`latex_free_reader.FreeReader`) accepts more, the claim's rule is a small hook method that it overrides.
"""

from __future__ import annotations

import sympy
from lark import Token, Tree

from .latex_atoms import _atom
from .latex_calculus import Calculus
from .latex_names import Names
from .latex_reading import Items, Step
from .latex_syntax import (
    MAX_DEPTH, MAX_EXPONENT, MAX_FACTORIAL, TranslationError, _Atom, _BINOMIALS, _ELLIPSIS, _FUNCTIONS, _NAMED, _Op,
    _label, _letter_uses, _no_tuple, _parse, _script_token, _single_digit, _statements,
)
from .latex_values import _checked, _factorial, _number, _power
from .scope import Scope


class ClaimReader(Names, Calculus):
    """The strict reading of a claim: unknown names and ambiguous constructs are errors."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.depth = 0
        self.undeclared: set[sympy.Basic] = set()
        # One letter means one thing in an equation (see `_letter_uses`).
        self.values: frozenset[str] = frozenset()  # names written somewhere as a value: n(n+1) multiplies
        self.indices: frozenset[str] = frozenset()  # names written in a subscript somewhere
        self.bound: list[str] = []  # the variables of the sums and products being read
        self.separators: list[list[str]] = []  # what is written before each statement: `,`, `\\quad`, `\\text{if}`
        self.indexing = 0  # > 0 while a subscript is read as an index: x_{i+1}

    def parse(self, tex: str) -> Tree:
        """The parse tree of a claim; the reader learns which letters it writes as values and as indices."""
        tree = _parse(tex, False, None)
        self.values, self.indices = _letter_uses(tree)
        return tree

    # ------------------------------------------------------------ statements

    def relation(self, statement: Tree) -> tuple[list[Tree], list[Token]]:
        sums = [c for c in statement.children if isinstance(c, Tree)]
        relations = [c for c in statement.children if isinstance(c, Token)]
        if len(relations) == len(sums):
            self._leading_relation(relations)
        return sums, relations

    def _leading_relation(self, relations: list[Token]) -> None:
        """Hook: a statement that begins with its relation, `= b`. A claim needs what comes before."""
        raise TranslationError(f"nothing before {relations[0]}", command=str(relations[0]), cause="syntax")

    def expression(self, statement: Tree) -> sympy.Expr:
        sums, relations = self.relation(statement)
        if relations:
            raise TranslationError(
                f"{relations[0]}: a relation where an expression was expected", command=str(relations[0]),
                cause="relation",
            )
        return self.sum(sums[0])

    # ------------------------------------------------------------ sums and products

    def sum(self, node: Tree) -> sympy.Expr:
        self._enter(node)
        try:
            terms: list[sympy.Expr] = []
            negative = False
            last = max(i for i, child in enumerate(node.children) if not isinstance(child, Token))
            for position, child in enumerate(node.children):
                if isinstance(child, Token):
                    negative = str(child) == "-"
                    continue
                value = self.product(child)
                rest = self._without_dots(value) if position < last else None
                if rest is not None:
                    terms.append(_ELLIPSIS)  # `a - b \cdots - c`: the dots stand for terms, not a factor
                    value = rest
                terms.append(-value if negative else value)
                negative = False
            if len(terms) == 1:
                return _checked(terms[0])
            self._after_terms(terms)
            _no_tuple(terms)
            return _checked(sympy.Add(*terms))
        finally:
            self.depth -= 1

    def _after_terms(self, terms: list[sympy.Expr]) -> None:
        """Hook: terms that cannot stand side by side as read. A claim's are read as written."""

    def _without_dots(self, term: sympy.Expr) -> sympy.Expr | None:
        """Hook: a term that ends in dots standing for more terms, without them; a claim has no dots."""
        return None

    def product(self, node: Tree) -> sympy.Expr:
        items: Items = []
        op: str | None = None
        for child in node.children:
            if isinstance(child, Token):
                op = str(child)
            else:
                items.append((op, child))
                op = ""
        value, end, variable = self._sequence(items, 0, need_differential=False)
        assert end == len(items) and variable is None
        return value

    def _sequence(self, items: Items, i: int, need_differential: bool) -> Step:
        """Multiply items[i:]; inside an integral stop at its differential and return its variable."""
        parts: list[tuple[str | None, sympy.Expr]] = []
        first = True
        while i < len(items):
            op = None if first else items[i][0]
            first = False
            if need_differential and not op and self._is_differential(items, i):
                return self._combine(parts), i + 2, self._variable(_atom(items[i + 1][1]))
            pair = self._prefixed_pair(items, i, op, need_differential)
            if pair is not None:
                parts.append((op, pair))
                i += 2
                continue
            if not need_differential and not op and self._is_differential(items, i) and not self.scope.defined("d"):
                differential = "d" + _label(items[i + 1][1])
                raise TranslationError(
                    f"{differential}: a differential outside an integral or derivative is not supported",
                    command=differential, cause="unsupported-construct",
                )
            if op == "" and self._is_number(items[i][1]) and self._is_number(items[i - 1][1], bare=True):
                raise TranslationError(
                    f"{_label(items[i - 1][1])} {_label(items[i][1])}: two numbers side by side are ambiguous "
                    "(write \\cdot)", command=_label(items[i][1]), cause="ambiguous",
                )
            value, i, variable = self._unit(items, i, need_differential)
            parts.append((op, value))
            if variable is not None:
                return self._combine(parts), i, variable
        return self._combine(parts), i, None

    def _prefixed_pair(self, items: Items, i: int, op: str | None, need_differential: bool) -> sympy.Expr | None:
        """Hook: two items read as one name, a differential `dU` or an increment `Δx`; a claim reads each."""
        return None

    @staticmethod
    def _is_number(node: Tree | Token, bare: bool = False) -> bool:
        atom = _atom(node)
        return isinstance(atom.prim, Token) and atom.prim.type == "NUMBER" and (not bare or atom.bare())

    def _unit(self, items: Items, i: int, need_differential: bool) -> Step:
        """One factor, or an operator with what it acts on."""
        self._enter(items[i][1])
        try:
            meaning = self.factor(items[i][1])
            if not isinstance(meaning, _Op):
                return meaning, i + 1, None
            return self._act(meaning, items, i, need_differential)
        finally:
            self.depth -= 1

    def _act(self, op: _Op, items: Items, i: int, need_differential: bool) -> Step:
        """An operator and what it acts on: a function the next factor, an integral its body up to the
        differential, a sum, product, limit or derivative the rest of the product."""
        if op.kind == "func":
            return self._function_unit(op, items, i, need_differential)
        if op.kind == "int":
            return self._integral(op, items, i, need_differential)
        # sum, prod, lim, deriv: the rest of the product
        if i + 1 < len(items):
            self._no_explicit_op(items, i + 1, op.label)
            body, j, variable = self._operand(op, items[: self._body_end(op, items, i)], i, need_differential)
            if op.lead is not None:
                body = op.lead * body
            self._no_outside_factor(op, items[i + 1 : j])
        elif op.lead is not None:
            body, j, variable = op.lead, i + 1, None
        else:
            raise TranslationError(f"{op.label} with nothing to act on", command=op.label, cause="syntax")
        return self._apply(op, body), j, variable

    def _combine(self, parts: list[tuple[str | None, sympy.Expr]]) -> sympy.Expr:
        """Multiply left to right; `a / b` divides by b alone, and `a / b c` is refused as ambiguous."""
        factors: list[sympy.Expr] = []
        previous = None
        for op, factor in parts:
            if op == "" and previous in ("/", "\\div"):
                raise TranslationError(
                    "a/b c is ambiguous (a/(bc) or (a/b)c): write \\frac{…}{…} or parentheses", command=previous,
                    cause="ambiguous",
                )
            product = self._vector_product(op, factors[-1], factor) if factors else None
            if product is not None:
                factors[-1] = product
                previous = op
                continue
            if op in ("/", "\\div"):
                if factor == 0:
                    raise TranslationError("division by zero", command=op, cause="unsupported-construct")
                factor = sympy.Pow(factor, -1)
            factors.append(factor)
            previous = op
        if len(factors) == 1:
            return factors[0]
        _no_tuple(factors)
        return _checked(sympy.Mul(*factors)) if factors else sympy.Integer(1)

    def _vector_product(self, op: str | None, left: sympy.Expr, right: sympy.Expr) -> sympy.Expr | None:
        """Hook: `a \\cdot b`, `a \\times b` of two vectors, a dot or a cross product; a claim has no vectors."""
        return None

    # ------------------------------------------------------------ factors

    def factor(self, node: Tree | Token) -> sympy.Expr | _Op:
        self._enter(node)
        try:
            atom = _atom(node)
            value = self._factor(atom)
            if atom.factorial:
                if atom.call is not None and isinstance(atom.prim, Token) and atom.prim.type == "FUNC":
                    raise TranslationError(  # \log(n)! : log(n!) to its author, (log n)! to the grammar
                        f"{atom.prim}(…)!: write {atom.prim}((…)!) or ({atom.prim}(…))!", command="!",
                        cause="ambiguous",
                    )
                if isinstance(value, _Op):
                    raise TranslationError(f"{value.label}!", command="!", cause="syntax")
                value = _factorial(value)
            return value
        finally:
            self.depth -= 1

    def _factor(self, atom: _Atom) -> sympy.Expr | _Op:
        prim = atom.prim
        if isinstance(prim, Token):
            return self._token_factor(atom, prim)
        if atom.sub is not None:
            raise TranslationError(
                f"a subscript on {_label(prim)}: evaluation bars and subscripted groups are not supported",
                command="_", cause="unsupported-construct",
            )
        if prim.data == "frac" and str(prim.children[0])[1:] in _BINOMIALS:
            value = self._binomial(prim)
        elif prim.data == "frac":
            value = self._frac(prim)
            if isinstance(value, _Op):
                if atom.sup is not None or atom.call is not None:
                    raise TranslationError(
                        f"{value.label} with a superscript or call", command=value.label, cause="unsupported-construct"
                    )
                return value
        elif prim.data == "sqrt":
            value = self._sqrt(prim)
        elif prim.data in ("group", "paren"):
            value = self._group(prim)
        elif prim.data == "abs":
            value = self._bars(self.sum(prim.children[1]))
        else:  # pragma: no cover - the grammar has no other primaries
            raise TranslationError(f"unexpected {prim.data}", cause="syntax")
        return self._times_call(self._sup(value, atom.sup), atom)

    def _bars(self, inside: sympy.Expr) -> sympy.Expr:
        """Hook: `|x|`, an absolute value (the free reading refuses bars around a note's operators)."""
        return sympy.Abs(inside)

    def _token_factor(self, atom: _Atom, prim: Token) -> sympy.Expr | _Op:
        """A factor that starts with one token: an operator, a function, a name, a number."""
        kind = prim.type
        if kind == "BIGOP":
            return self._bigop(atom)
        if kind == "FUNC":
            return self._function(atom)
        if kind == "SYM" and str(prim) == "\\partial":
            return self._partial(atom)
        if kind in ("LETTER", "SYM", "NAMED", "DECOR"):
            return self._name(atom)
        if kind == "NOTATION":
            return self._times_call(self._sup(self._notation(prim), atom.sup), atom)
        if kind == "NUMBER":
            if atom.sub is not None:
                raise TranslationError(f"a subscript on the number {prim}", command="_", cause="syntax")
            value = self._sup(_number(prim), atom.sup)
            return self._times_call(value, atom)
        raise TranslationError(f"unexpected {prim}", command=str(prim), cause="syntax")

    def _notation(self, prim: Token) -> sympy.Expr:
        """Hook: a ket, a bra or a matrix. A claim's lexer refuses them before they get here."""
        command = str(prim).split("{")[0].strip()
        raise TranslationError(f"{command}: this notation is not supported", command=command,
                               cause="unsupported-construct")

    def _times_call(self, value: sympy.Expr, atom: _Atom) -> sympy.Expr:
        """`x^2(1 - x)`: a value followed by parentheses is a product; `n(n-1)!` is n times (n-1)!."""
        if atom.call is None:
            return value
        parenthesised = self._sup(self._parenthesised(atom), atom.post_sup)
        if atom.factorial:
            parenthesised, atom.factorial = _factorial(parenthesised), False
        return _checked(value * parenthesised)

    def _parenthesised(self, atom: _Atom) -> sympy.Expr:
        assert atom.call is not None
        if len(atom.call) != 1:
            raise TranslationError(
                f"{_label(atom.prim)}(…, …) is not a function of the note's scope", command=_label(atom.prim),
                cause="unknown-function",
            )
        return self.expression(atom.call[0])

    def _group(self, node: Tree) -> sympy.Expr:
        statements = _statements(node.children[1])
        if len(statements) != 1:
            if not statements:
                raise TranslationError(f"a lone sign in {_label(node)}", command=_label(node), cause="syntax")
            return self._several(node, statements)
        return self.expression(statements[0])

    def _several(self, node: Tree, statements: list[Tree]) -> sympy.Expr:
        """Hook: `(a, b)`, `[A, B]`: several values in one group, refused in a claim."""
        raise TranslationError(
            f"{_label(node)}: tuples and intervals are not supported", command=",", cause="unsupported-construct"
        )

    def _sqrt(self, node: Tree) -> sympy.Expr:
        children = [c for c in node.children if isinstance(c, Tree)]
        _single_digit(children[-1])
        radicand = self._arg(children[-1])
        if len(children) == 2:
            index = self.sum(children[0])
            if index.is_Number and (not index.is_Integer or index <= 0 or index > MAX_EXPONENT):
                raise TranslationError(f"\\sqrt[{index}]: the index must be a small positive integer", command="\\sqrt",
                                       cause="unsupported-construct")
            return self._root(radicand, index, _power(radicand, 1 / index))
        return sympy.sqrt(radicand)

    def _root(self, radicand: sympy.Expr, index: sympy.Expr, principal: sympy.Expr) -> sympy.Expr:
        """Hook: `\\sqrt[n]{x}`. In a claim an odd root of what SymPy knows is real is the real root:
        `\\sqrt[3]{-8}` is -2, as a reader means."""
        if index.is_Integer and index % 2 == 1 and radicand.is_extended_real is True:
            return _checked(sympy.real_root(radicand, index))
        return principal

    def _binomial(self, node: Tree) -> sympy.Expr:
        """`\\binom{n}{k}`: the binomial coefficient."""
        command = str(node.children[0])
        for arg in node.children[1:]:
            _single_digit(arg)
        top, bottom = self._arg(node.children[1]), self._arg(node.children[2])
        if top.is_Integer and bottom.is_Integer:
            if min(abs(bottom), abs(top - bottom)) > MAX_FACTORIAL:
                raise TranslationError(f"{command}{{{top}}}{{{bottom}}} is too large to compute", command=command,
                                       cause="too-large")
        elif top.is_number:  # binomial(π, 5000) would expand a polynomial in π, slowly
            return sympy.binomial(top, bottom, evaluate=False)
        return _checked(sympy.binomial(top, bottom))

    # ------------------------------------------------------------ scripts

    def _arg(self, arg: Tree) -> sympy.Expr:
        """The value of a one-token or braced argument of \\frac, \\sqrt, ^ or _."""
        node = arg.children[0]
        if isinstance(node, Token):
            if node.type in ("STAR", "SIGN"):
                raise TranslationError(f"unexpected {node}", command=str(node), cause="syntax")
            value = self.factor(node)
            if isinstance(value, _Op):
                raise TranslationError(f"{value.label} needs an argument", command=value.label, cause="syntax")
            return value
        return self._group(node)

    def _sup(self, value: sympy.Expr, sup: Tree | None) -> sympy.Expr:
        if sup is None:
            return value
        node = sup.children[0]
        named = self._script_name(value, node)
        if named is not None:
            return named
        if isinstance(node, Token) and node.type == "STAR":
            if not isinstance(value, sympy.Expr):  # (a, b)^*: an inner product's conjugate, not a number's
                raise TranslationError("(…)^* of a tuple or a relation", command="^*", cause="unsupported-construct")
            return sympy.conjugate(value)
        if isinstance(node, Token) and str(node) == "\\dagger":
            from sympy.physics.quantum import Dagger

            return Dagger(value)
        token = _script_token(sup)
        if token is not None and self._transposes(token, value):
            return sympy.Function("transpose", commutative=False)(value)
        self._no_label(sup)
        return _power(value, self._arg(sup))

    def _script_name(self, value: sympy.Expr, node: Tree | Token) -> sympy.Expr | None:
        """Hook: a superscript that names rather than acts (`Φ^+`, `θ^*`); in a claim none does."""
        return None

    def _transposes(self, node: Token, value: sympy.Expr) -> bool:
        """Hook: a superscript that transposes, `^\\top`, `^\\intercal`."""
        return str(node) in ("\\top", "\\intercal")

    def _no_label(self, sup: Tree) -> None:
        """Hook: `W^{(\\ell)}`, `f^{(1)}`: a superscript in parentheses labels (a layer, an order), it does not
        raise to a power."""
        node = sup.children[0]
        if isinstance(node, Tree):
            statements = _statements(node.children[1])
            if len(statements) == 1:
                label = self._label_superscript(statements[0])
                if label is not None and self._is_label(node):
                    raise TranslationError(
                        f"^{{{label}}} reads as a label, not a power", command=f"^{{{label}}}",
                        cause="unsupported-construct",
                    )

    def _is_label(self, group: Tree) -> bool:
        """Hook: whether a superscript of one parenthesised factor is a label; in a claim it always is."""
        return True

    def _label_superscript(self, statement: Tree) -> str | None:
        sums, relations = self.relation(statement)
        if relations or len(sums[0].children) != 1:
            return None
        product = sums[0].children[0]
        if len(product.children) == 1 and isinstance(product.children[0], Tree):
            atom = _atom(product.children[0])
            if isinstance(atom.prim, Tree) and atom.prim.data == "paren" and atom.bare():
                return _label(atom.prim)
        return None

    # ------------------------------------------------------------ functions

    def _function(self, atom: _Atom) -> sympy.Expr | _Op:
        label = str(atom.prim)
        name = _function_name(label)
        fn = _FUNCTIONS[name]
        base = None
        if atom.sub is not None:
            if name != "log":
                raise TranslationError(f"{label}_…: subscripts on {label} are not supported", command=label,
                                       cause="unsupported-construct")
            base = self._arg(atom.sub)
        power = None
        if atom.sup is not None:
            power = self._arg(atom.sup)
            if not (power.is_Integer and power > 0):
                raise TranslationError(
                    f"{label}^{{{power}}}: only positive integer powers of functions (\\sin^2 x) are supported",
                    command=label, cause="ambiguous",
                )
        if name in ("max", "min"):
            if atom.call is None or len(atom.call) < 2 or base is not None:
                raise TranslationError(f"{label} needs two or more arguments: {label}(a, b)", command=label,
                                       cause="unsupported-construct")
            value = fn(*(self.expression(s) for s in atom.call))
            return self._sup(_power(value, power) if power is not None else value, atom.post_sup)
        if atom.call is None:
            return _Op("func", label, fn=fn, power=power, base=base)
        if len(atom.call) != 1:
            raise TranslationError(f"{label} takes one argument", command=label, cause="unsupported-construct")
        if atom.post_sup is not None and name in ("log", "ln"):
            raise TranslationError(  # -2.5 log10(D/10pc)^2 is the log of a square to its author
                f"{label}(…)^…: the logarithm of a power or the power of a logarithm? Write {label}((…)^…) or "
                f"({label}(…))^…", command=f"{label}(…)^", cause="ambiguous",
            )
        argument = self.expression(atom.call[0])
        value = fn(argument, base) if base is not None else fn(argument)
        if power is not None:
            value = _power(value, power)
        return self._sup(value, atom.post_sup)

    def _function_unit(self, op: _Op, items: Items, i: int, need_differential: bool) -> Step:
        """`\\sin x`, `\\ln Z`: a function without parentheses takes exactly one factor."""
        if i + 1 >= len(items) or items[i + 1][0] != "" or (
            need_differential and self._is_differential(items, i + 1)
        ):
            raise TranslationError(f"{op.label} needs an argument", command=op.label, cause="syntax")
        argument, j, variable = self._unit(items, i + 1, need_differential)
        value = op.fn(argument, op.base) if op.base is not None else op.fn(argument)
        if op.power is not None:
            value = _power(value, op.power)
        if variable is None and j < len(items) and items[j][0] == "" and not (
            need_differential and self._is_differential(items, j)
        ):
            following = self.factor(items[j][1])
            if not isinstance(following, _Op):
                raise TranslationError(
                    f"{op.label} {_label(items[i + 1][1])} {_label(items[j][1])} is ambiguous: "
                    f"write {op.label}(…) with parentheses",
                    command=op.label, cause="ambiguous",
                )
        return value, j, variable

    # ------------------------------------------------------------ limits

    def _enter(self, node: Tree | Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.depth -= 1
            raise TranslationError("nested too deeply", cause="too-large")


def _function_name(label: str) -> str:
    """`\\sin` → sin, `\\operatorname{Re}` → Re."""
    match = _NAMED.match(label)
    return match.group(2).strip() if match else label[1:]

