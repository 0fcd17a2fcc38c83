"""Operators for the LaTeX reader: sums, products, integrals and limits, `d/dx` and `∂`, and the differentials
that end an integral. Each operator reaches along the product it starts. A part of the reader (see
`latex_reading.Reading` for what it calls on the rest); the methods marked as hooks hold the claim's rule, which
the free reading overrides."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from contextlib import contextmanager

import sympy
from lark import Token, Tree

from .critical import quotient
from .latex_atoms import _atom
from .latex_names import _base_name, _candidates, _constant_name
from .latex_reading import Items, Reading, Step
from .latex_syntax import (
    MAX_ORDER, TranslationError, _Atom, _Op, _label, _lone_factor, _single_digit, _statements,
)
from .latex_values import _checked

Variables = list[tuple[sympy.Expr, int]]  # of a derivative: (variable, order)


_POSITIVE_NUMBER = frozenset({"NUMBER", "FRAC", "LBRACE", "RBRACE"})  # the tokens of 2, \frac{1}{2}, \frac12


class Calculus(Reading):
    """The operators of the reader, in a claim (the free reading overrides the hooks)."""

    binding_kinds: tuple[str, ...] = ("sum", "prod")  # the operators whose variables are bound in their body

    # ------------------------------------------------------------ big operators

    def _bigop(self, atom: _Atom) -> _Op:
        label = str(atom.prim)
        kind = label[1:]
        if kind in ("sum", "prod"):  # \sum_{i=1}^{n}(i + 1): the parentheses are read with i bound
            return self._led(_Op(kind, label, limits=self._sum_limits(label, atom.sub, atom.sup)), atom)
        lead = self._lead(atom)
        if kind == "int":
            if atom.sub is None or atom.sup is None:
                return self._unbounded_integral(atom, lead)
            return _Op("int", label, limits=[(self._arg(atom.sub), self._arg(atom.sup))], lead=lead)
        return self._limit(atom, lead)

    def _led(self, op: _Op, atom: _Atom) -> _Op:
        """`op` with the factor that leads its operand, read while its index is bound."""
        with self._binding(op):
            op.lead = self._lead(atom)
        return op

    def _unbounded_integral(self, atom: _Atom, lead: sympy.Expr | None) -> _Op:
        """Hook: `\\int f\\,dx` without both bounds. A claim refuses it: an indefinite integral is no identity."""
        label = str(atom.prim)
        raise TranslationError(
            f"{label} without both bounds: an indefinite integral is not an identity", command=label,
            cause="unsupported-construct",
        )

    def _limit(self, atom: _Atom, lead: sympy.Expr | None) -> _Op:
        """`\\lim_{x \\to a}`, `\\lim_{x \\to 0^+}`."""
        label = str(atom.prim)
        if atom.sup is not None or atom.sub is None:
            raise TranslationError(f"{label} needs a subscript {label}_{{x \\to a}}", command=label,
                                   cause="unsupported-construct")
        node = atom.sub.children[0]
        statements = _statements(node.children[1]) if isinstance(node, Tree) else []
        if len(statements) != 1:
            raise TranslationError(f"{label}_{{x \\to a}} expected", command=label, cause="unsupported-construct")
        sums, relations = self.relation(statements[0])
        if len(relations) != 1 or len(sums) != 2 or str(relations[0]) not in ("\\to", "\\rightarrow", "\\longrightarrow"):
            raise TranslationError(f"{label}_{{x \\to a}} expected", command=label, cause="unsupported-construct")
        variable = self._limit_variable(sums[0], label)
        point, direction = self._limit_point(sums[1])
        return _Op("lim", label, limits=[(variable, point, direction)], lead=lead)

    def _limit_variable(self, node: Tree, label: str) -> sympy.Expr:
        """Hook: the variable of `\\lim_{x \\to a}`, a name."""
        return self._index_variable(node, label)

    def _lead(self, atom: _Atom) -> sympy.Expr | None:
        """The parentheses right after an operator, `\\sum_i(x_i)`, `\\partial_x(x^2)`: its first factor."""
        return self._sup(self._parenthesised(atom), atom.post_sup) if atom.call is not None else None

    @contextmanager
    def _binding(self, op: _Op) -> Iterator[None]:
        """While the body of a sum, product, limit or optimum is read, its variables are bound: a claim's `i` is an
        index, and `\\lim_{n \\to \\infty} a_n`, `\\max_i x_i` take the family a[n], x[i]."""
        limits = op.limits if op.kind in self.binding_kinds else []
        names = [str(limit[0] if isinstance(limit, tuple) else limit) for limit in limits]
        self.bound.extend(names)
        try:
            yield
        finally:
            del self.bound[len(self.bound) - len(names) :]

    def _script_atom(self, arg: Tree, label: str) -> _Atom:
        """The one name of a subscript, `_x` or `_{x_j}`."""
        node = arg.children[0]
        inner = node if isinstance(node, Token) else _lone_factor(node)
        if inner is None:
            raise TranslationError(f"{label}_{{{_label(node)}}}: the variable must be a name", command=label,
                                   cause="unsupported-construct")
        return _atom(inner)

    def _limit_point(self, node: Tree) -> tuple[sympy.Expr, str]:
        """`a`, `a^+`, `a^{-}` → (a, direction)."""
        products = [c for c in node.children if isinstance(c, Tree)]
        last = products[-1].children[-1]
        if isinstance(last, Tree):
            sup = last.children[-1]
            if isinstance(sup, Tree) and sup.data == "sup":
                inner = sup.children[1].children[0]
                sign = None
                if isinstance(inner, Token) and inner.type == "SIGN":
                    sign = str(inner)
                elif isinstance(inner, Tree) and inner.data == "group":
                    glist = inner.children[1]
                    if len(glist.children) == 1 and isinstance(glist.children[0], Token):
                        sign = str(glist.children[0])
                if sign is not None:
                    trimmed = Tree(last.data, last.children[:-1])
                    product = Tree(products[-1].data, products[-1].children[:-1] + [trimmed])
                    point_tree = Tree(node.data, node.children[:-1] + [product])
                    return self.sum(point_tree), sign
        return self.sum(node), "+-"

    def _index_variable(self, node: Tree, label: str) -> sympy.Symbol:
        """The bare name in `\\sum_{i=1}` or `\\lim_{x \\to 0}`."""
        products = node.children
        atom = None
        if len(products) == 1 and isinstance(products[0], Tree) and len(products[0].children) == 1:
            atom = _atom(products[0].children[0])
        if atom is None or not isinstance(atom.prim, Token) or atom.prim.type not in ("LETTER", "SYM") \
                or _constant_name(atom.prim) or atom.sup is not None or atom.call is not None:
            raise TranslationError(f"{label}: the variable must be a name", command=label,
                                   cause="unsupported-construct")
        return self._variable(atom)

    def _sum_limits(self, label: str, sub: Tree | None, sup: Tree | None) -> list[tuple]:
        """`\\sum_{i=1}^{n}` → [(i, 1, n)]; `\\sum_i`, `\\sum_{ij}` over the declared ranges of i and j."""
        if sub is None:
            raise TranslationError(f"{label} without an index", command=label, cause="unsupported-construct")
        node = sub.children[0]
        if isinstance(node, Token):
            tokens = [node]
        else:
            statements = _statements(node.children[1])
            bounded = self._bounded(label, statements, sup) if len(statements) == 1 else None
            if bounded is not None:
                return bounded
            tokens = []
            for statement in statements:
                letters = self._letters(statement)
                if letters is None:
                    raise TranslationError(
                        f"{label}_{{{_label(statement)}}}: the index must be a name", command=label,
                        cause="unsupported-construct",
                    )
                tokens.extend(letters)
        if sup is not None and len(tokens) == 1:
            return [self._upper_bounded(label, tokens[0], sup)]
        if sup is not None:
            raise TranslationError(f"{label}_{{ij}}^n: which index goes up to n?", command=label,
                                   cause="unsupported-construct")
        return [self._ranged(label, token) for token in tokens]

    def _upper_bounded(self, label: str, token: Token, sup: Tree) -> tuple:
        """Hook: `\\sum_i^n`, the upper bound without the lower. A claim says where it starts."""
        raise TranslationError(
            f"{label}_i^n: write {label}_{{i=1}}^{{n}} with the lower bound", command=label,
            cause="unsupported-construct",
        )

    def _bounded(self, label: str, statements: list[Tree], sup: Tree | None) -> list[tuple] | None:
        """`\\sum_{i=1}^{n}`: the variable and both bounds; None when the subscript is no `i = a`."""
        sums, relations = self.relation(statements[0])
        if not relations:
            return None
        if len(relations) != 1 or str(relations[0]) != "=":
            bad = next((r for r in relations if str(r) != "="), relations[0])
            raise TranslationError(
                f"{label}_{{… {bad} …}}: only {label}_{{i=a}}^{{b}} and {label}_i are supported",
                command=str(bad), cause="unsupported-construct",
            )
        variable = self._index_variable(sums[0], label)
        if sup is None:
            raise TranslationError(f"{label} with a lower bound but no upper bound", command=label,
                                   cause="unsupported-construct")
        return [(variable, self.sum(sums[1]), self._arg(sup))]

    def _ranged(self, label: str, token: Token) -> tuple:
        """`\\sum_i`: i over its declared range."""
        if token.type not in ("LETTER", "SYM") or _constant_name(token):
            raise TranslationError(f"{label}_{token}: the index must be a name", command=label,
                                   cause="unsupported-construct")
        name = _base_name(token)
        variable = self._variable(_Atom(token))
        declared = next((self.scope.ranges[n] for n in _candidates(token) if n in self.scope.ranges), None)
        if declared is None:
            return self._no_range(label, name, variable)
        return variable, declared.low, declared.high

    def _no_range(self, label: str, name: str, variable: sympy.Expr) -> tuple:
        """Hook: `\\sum_i` over an i without a declared range, an error in a claim."""
        raise TranslationError(
            f"{label}_{name}: the index {name} has no declared range (add `range: {name} = 1..n` to a "
            f"sympy block, or write {label}_{{{name}=1}}^{{n}})",
            command=label, cause="no-range",
        )

    # ------------------------------------------------------------ what an operator acts on

    def _operand(self, op: _Op, items: Items, i: int, need_differential: bool) -> Step:
        """Hook: the rest of the product after a sum, product, limit or derivative, read with its variables bound.
        A claim says the ambiguity of a derivative's operand before reading it."""
        if op.kind == "deriv":
            self._one_operand(op, items[i + 1 : self._differential_at(items, i + 1, need_differential)])
        with self._binding(op):
            return self._sequence(items, i + 1, need_differential)

    def _body_end(self, op: _Op, items: Items, i: int) -> int:
        """Where the body of the sum or product at items[i] ends: before another over the same index.

        `\\prod_i a_i \\cdot \\prod_i b_i` is two products side by side; read inside the first, the second
        would rebind its index, and a product of products is not their product.
        """
        if op.kind not in ("sum", "prod"):
            return len(items)
        positions = self._bigop_positions(items)
        ends = [bisect.bisect_right(positions.get(str(v), []), i) for v, *_ in op.limits]
        found = [positions[str(v)][e] for (v, *_), e in zip(op.limits, ends) if e < len(positions.get(str(v), []))]
        end = min(found, default=len(items))
        if end == i + 1:
            raise TranslationError(f"{op.label} with nothing to act on", command=op.label, cause="syntax")
        return end

    def _bigop_positions(self, items: Items) -> dict[str, list[int]]:
        """Where in a product each index has a sum or product over it (once per product: linear)."""
        cached = getattr(self, "_positions", None)
        if cached is not None and cached[0] is items:
            return cached[1]
        positions: dict[str, list[int]] = {}
        for k, (_, node) in enumerate(items):
            atom = _atom(node)
            if isinstance(atom.prim, Token) and atom.prim.type == "BIGOP" and atom.sub is not None:
                index = next(atom.sub.scan_values(lambda t: isinstance(t, Token) and t.type in ("LETTER", "SYM")), None)
                if index is not None:
                    positions.setdefault(_base_name(index), []).append(k)
        self._positions = (items, positions)
        return positions

    def _no_outside_factor(self, op: _Op, body: Items) -> None:
        """`\\prod_{i=1}^n x_i \\cdot c`: inside the product c counts n times, outside once; authors mean
        both. A sum is the same either way (c Σx = Σ cx), a product is not, nor an optimum (max_i(x_i c) is
        c max_i x_i only for c ≥ 0): a factor written in its body that does not show the index is refused."""
        if op.kind == "optimum":  # \max_i [x_i] c: only a factor after brackets that close the operand is in doubt
            first = _atom(body[0][1]).prim if body else None
            if op.lead is not None or not (isinstance(first, Tree) and first.data == "paren"):
                return
        elif op.kind != "prod" or len(body) + (op.lead is not None) < 2:
            return
        names = {str(limit[0] if isinstance(limit, tuple) else limit) for limit in op.limits}
        for _, node in body[1:] if op.kind == "optimum" else body:
            prim = _atom(node).prim
            if isinstance(prim, Token) and prim.type in ("BIGOP", "FUNC"):
                return  # `\\prod_i \\sum_z p(x_i, z)`, `\\prod_i \\log p_i`: the rest is that operator's
            tokens = [node] if isinstance(node, Token) else list(node.scan_values(lambda t: isinstance(t, Token)))
            if any(t.type in ("LETTER", "SYM", "DECOR") and _base_name(t) in names for t in tokens) or self._is_number(node) \
                    or all(t.type in _POSITIVE_NUMBER for t in tokens):  # \frac{1}{2}: a positive number
                continue
            raise TranslationError(
                f"{op.label}: is {_label(node)} a factor of each term or of the {op.kind}? Write parentheses",
                command=op.label, cause="ambiguous",
            )

    def _one_operand(self, op: _Op, operand: Items) -> None:
        """Hook: `\\frac{d}{dx} f(x) g(x)`: d(fg)/dx or f'g? Written alike; an error unless only one reading is left.

        A derivative acts on the rest of its product; when that rest holds more than one factor and one of them
        is a function applied or another derivative, authors mean the first factor as often as the whole, so
        both readings refuse. A claim refuses more: a parenthesised first factor with more after it,
        `\\frac{d}{dx}(x^2)\\, x`, `\\partial_x (x^2) y`, and two factors that name the variable.
        """
        written = [_label(node) for _, node in operand]
        if op.lead is not None:  # \partial_x(…) …: the parentheses are the operator's first factor
            if operand:
                raise _two_readings(op, ["(…)", *written])
            return
        if len(operand) < 2:
            return
        first = _atom(operand[0][1]).prim
        if isinstance(first, Tree) and first.data == "paren":
            raise _two_readings(op, written)
        self._no_applied_factor(op, operand, written)
        if sum(_mentions(label, op) for label in written) >= 2:
            raise _two_readings(op, written)  # d/dx x sin x: (x sin x)′ or x′ · sin x?

    @staticmethod
    def _no_applied_factor(op: _Op, operand: Items, written: list[str]) -> None:
        """No factor of a derivative's operand of several is a function applied or another derivative."""
        for (_, node), label in zip(operand, written):
            if _atom(node).call is not None or label.startswith(("\\frac { d", "\\frac { \\partial", "\\partial")):
                raise _two_readings(op, written)

    def _integral(self, op: _Op, items: Items, i: int, need_differential: bool) -> Step:
        """`\\int_a^b f\\,dx` or `\\int_a^b dx\\, f`: the body runs to the differential."""
        low, high = op.limits[0]
        if i + 1 < len(items) and items[i + 1][0] == "" and self._is_differential(items, i + 1):  # \int dx f
            variable = self._variable(_atom(items[i + 2][1]))
            if i + 3 < len(items):
                self._no_explicit_op(items, i + 3, op.label)
                body, j, outer = self._sequence(items, i + 3, need_differential)
            else:
                body, j, outer = sympy.Integer(1), len(items), None
        else:
            if i + 1 < len(items):
                self._no_explicit_op(items, i + 1, op.label)
            body, j, variable = self._sequence(items, i + 1, need_differential=True)
            outer = None
            if variable is None:
                raise TranslationError(
                    f"{op.label} without a differential (dx)", command=op.label, cause="unsupported-construct"
                )
        if not need_differential and j + 1 < len(items) and items[j][0] == "" and self._is_differential(items, j):
            raise TranslationError(  # \int K(x, z) g(x) g(z)\, dx\, dz: over x and z, not ∫…dx times dz
                f"{op.label}: another differential after d{variable}: a multiple integral is not read",
                command=op.label, cause="unsupported-construct")
        if op.lead is not None:
            body = op.lead * body
        if low == "over":  # \int_\Omega f\, d\Omega: over a region's members (free reading only)
            if not _over_its_region(variable, high):  # \int_\Omega \frac{dE}{dA\,dt}: a ratio's dE, or dΩ?
                raise TranslationError(f"{op.label} over {high} by d{variable}: of what, over which region?",
                                       command=op.label, cause="ambiguous")
            return self._undefined("IntegralOver")(body, variable, high), j, outer
        limits = None if low is None else (low, high)
        return self._integral_of(body, variable, limits, op.label, ends=j >= len(items)), j, outer

    def _integral_of(
        self, body: sympy.Expr, variable: sympy.Expr, limits: tuple | None, label: str, ends: bool,
    ) -> sympy.Expr:
        """Hook: the integral of `body` by `variable`, between `limits` if given; `ends`: nothing follows it in
        its product. A claim's names are its scope's: SymPy's integral as written."""
        if limits is None:
            return sympy.Integral(body, variable)
        return sympy.Integral(body, (variable, *limits))

    def _differential_at(self, items: Items, i: int, need_differential: bool) -> int:
        """Where the product from items[i] ends: at the differential of an enclosing integral, else at its end."""
        if need_differential:
            for k in range(i, len(items)):
                if not items[k][0] and self._is_differential(items, k):
                    return k
        return len(items)

    @staticmethod
    def _no_explicit_op(items: Items, i: int, label: str) -> None:
        if items[i][0]:
            raise TranslationError(
                f"{label} followed by {items[i][0]}", command=items[i][0], cause="syntax"
            )

    def _apply(self, op: _Op, body: sympy.Expr) -> sympy.Expr:
        if op.kind == "sum":
            return sympy.Sum(body, *op.limits)
        if op.kind == "prod":
            return sympy.Product(body, *op.limits)
        if op.kind == "optimum":
            return op.fn(body, *op.limits)
        if op.kind == "lim":
            variable, point, direction = op.limits[0]
            return sympy.Limit(body, variable, point, dir=direction)
        return self._derivative(body, op.variables, op.label)

    # ------------------------------------------------------------ derivatives

    def _variable(self, atom: _Atom) -> sympy.Expr:
        """A variable of differentiation, integration, summation or a limit: a symbol or x[i]."""
        prim = atom.prim
        if not isinstance(prim, Token) or prim.type not in ("LETTER", "SYM", "DECOR") or _constant_name(prim) \
                or atom.sup is not None or atom.call is not None:
            raise TranslationError(f"{_label(prim)} is not a variable", command=_label(prim),
                                   cause="unsupported-construct")
        kind, value, label = self._head(prim, atom.sub)
        if kind in ("value", "undeclared") and isinstance(value, (sympy.Symbol, sympy.Indexed)):
            return value
        raise TranslationError(
            f"{label} is not a variable here (it is defined in the note's scope)", command=label,
            cause="unsupported-construct",
        )

    def _prefixed_name(self, items: Items, i: int, prefixes: tuple[str, ...], kinds: tuple[str, ...]) -> _Atom | None:
        """The atom after items[i], when items[i] is a bare prefix (`d`, `\\Delta`) written right before a name."""
        if i + 1 >= len(items) or items[i + 1][0] != "":
            return None
        atom = _atom(items[i][1])
        if not (isinstance(atom.prim, Token) and atom.prim.type in ("LETTER", "SYM") and str(atom.prim) in prefixes
                and atom.bare()):
            return None
        following = _atom(items[i + 1][1])
        if not (isinstance(following.prim, Token) and following.prim.type in kinds
                and not _constant_name(following.prim)):
            return None
        if str(following.prim) == "i" and following.sub is None and self._letter_constant(following.prim, None) is not None:
            return None  # `c + di` where i is the imaginary unit: d times i
        return following

    def _is_differential(self, items: Items, i: int) -> bool:
        """items[i:i+2] is `d x` (or `\\mathrm{d} x`)."""
        following = self._prefixed_name(items, i, ("d",), ("LETTER", "SYM", "DECOR"))
        return following is not None and following.sup is None and following.call is None

    def _arg_items(self, arg: Tree) -> Items | None:
        node = arg.children[0]
        if isinstance(node, Token):
            return [(None, node)]
        while True:  # {{d w}} is {d w}
            inner = _lone_factor(node)
            if not (isinstance(inner, Tree) and len(inner.children) == 1 and isinstance(inner.children[0], Tree)
                    and inner.children[0].data == "group"):
                break
            node = inner.children[0]
        statements = _statements(node.children[1])
        if len(statements) != 1:
            return None
        sums, relations = self.relation(statements[0])
        if relations or len(sums[0].children) != 1 or isinstance(sums[0].children[0], Token):
            return None
        items: Items = []
        op: str | None = None
        for child in sums[0].children[0].children:
            if isinstance(child, Token):
                op = str(child)
            else:
                items.append((op, child))
                op = ""
        return items

    def _frac(self, node: Tree) -> sympy.Expr | _Op:
        numerator, denominator = node.children[1], node.children[2]
        _single_digit(numerator)
        _single_digit(denominator)
        derivative = self._derivative_frac(numerator, denominator)
        if derivative is not None:
            return derivative
        top, bottom = self._arg(numerator), self._arg(denominator)
        if bottom == 0:
            raise TranslationError("division by zero", command=str(node.children[0]), cause="unsupported-construct")
        return _checked(self._quotient(top, bottom))

    def _quotient(self, top: sympy.Expr, bottom: sympy.Expr) -> sympy.Expr:
        """Hook: a fraction's value; a claim's keeps what the critical points need (`critical.quotient`)."""
        return quotient(top, bottom)

    def _derivative_frac(self, numerator: Tree, denominator: Tree) -> sympy.Expr | _Op | None:
        top = self._arg_items(numerator)
        if not top:
            return None
        head = _atom(top[0][1])
        kind = _head_kind(head)
        if kind is None:
            return None
        label = "\\frac{d}{d…}" if kind == "d" else "\\frac{\\partial}{\\partial …}"
        bottom = self._arg_items(denominator)
        variables = self._denominator(bottom, kind) if bottom else None
        if variables is None:
            if kind == "d":
                return None  # an ordinary fraction with a name d
            raise TranslationError(
                f"\\partial in {_label(numerator)} over {_label(denominator)} is not a derivative",
                command="\\partial", cause="unsupported-construct",
            )
        order = self._order(head.sup, kind)
        if order != sum(n for _, n in variables):
            raise TranslationError(
                f"the orders of {_label(numerator)} and {_label(denominator)} do not match", command=label,
                cause="syntax",
            )
        return self._derivand(head, top[1:], variables, label)

    def _derivand(self, head: _Atom, rest: Items, variables: Variables, label: str) -> sympy.Expr | _Op:
        """What the numerator of `\\frac{d…}{dx}` differentiates: `d(x^2)`, `d f`, or nothing (an operator)."""
        if head.call is not None:  # \frac{d(x^2)}{dx}
            lead = self._sup(self._parenthesised(head), head.post_sup)
            if rest:
                self._no_explicit_op(rest, 0, label)
                value, _, _ = self._sequence(rest, 0, need_differential=False)
                lead = lead * value
            return self._derivative(lead, variables, label)
        if not rest:
            return _Op("deriv", label, variables=variables)
        self._no_explicit_op(rest, 0, label)
        if len(rest) == 1:
            applied = self._applied_function(_atom(rest[0][1]), variables)
            if applied is not None:
                self._differentiated_as(applied, _head_kind(head))
                return self._derivative(applied, variables, label)
        body, _, _ = self._sequence(rest, 0, need_differential=False)
        return self._derivative(body, variables, label)

    def _denominator(self, items: Items, kind: str) -> Variables | None:
        variables: Variables = []
        i = 0
        while i < len(items):
            if i + 1 >= len(items) or (i > 0 and items[i][0] != "") or items[i + 1][0] != "":
                return None
            head = _atom(items[i][1])
            if _head_kind(head) != kind or not head.bare():
                return None
            atom = _atom(items[i + 1][1])
            prim = atom.prim
            if not (isinstance(prim, Token) and prim.type in ("LETTER", "SYM", "DECOR") and atom.call is None) \
                    or _constant_name(prim):
                return None
            variables.append(self._denominator_variable(atom, prim))
            i += 2
        return variables

    def _denominator_variable(self, atom: _Atom, prim: Token) -> tuple[sympy.Expr, int]:
        """Hook: `\\partial x^2` in a derivative's denominator: the variable x, to the order 2."""
        return self._variable(_Atom(prim, sub=atom.sub)), self._order(atom.sup, _label(prim))

    def _order(self, arg: Tree | None, label: str) -> int:
        if arg is None:
            return 1
        value = self._arg(arg)
        if not (value.is_Integer and 1 <= value <= MAX_ORDER):
            raise TranslationError(
                f"{label}^{{{value}}}: the order must be a positive integer up to {MAX_ORDER}", command=label,
                cause="unsupported-construct",
            )
        return int(value)

    def _applied_function(self, atom: _Atom, variables: Variables) -> sympy.Expr | None:
        """`\\frac{d\\sigma}{dx}`: a bare function of the scope, applied to the variables."""
        prim = atom.prim
        if not (isinstance(prim, Token) and prim.type in ("LETTER", "SYM", "NAMED", "DECOR") and atom.bare()):
            return None
        if _constant_name(prim):
            return None
        names = _candidates(prim)
        kind, value = self._lookup(names)
        unique = list(dict.fromkeys(v for v, _ in variables))
        if kind == "function":
            assert isinstance(value, sympy.Lambda)
            parameters = value.variables
            if len(parameters) == 1 and len(unique) == 1:
                return value(unique[0])
            by_name = {str(v): v for v in unique if isinstance(v, sympy.Symbol)}
            if len(by_name) == len(unique) and set(by_name) <= {str(p) for p in parameters}:
                return value(*(by_name.get(str(p), p) for p in parameters))
            raise TranslationError(
                f"{prim}: cannot tell which arguments of {prim}({', '.join(map(str, parameters))}) the variables "
                f"{', '.join(map(str, unique))} are; write {prim}(…) explicitly", command=str(prim),
                cause="ambiguous",
            )
        if kind == "undeclared":
            return self._as_function(names[-1], unique)
        return None

    def _as_function(self, name: str, variables: list[sympy.Expr]) -> sympy.Expr | None:
        """Hook: `\\frac{dx}{dt}` with x undeclared. A claim reads the name x, as written."""
        return None

    def _differentiated_as(self, applied: sympy.Expr, kind: str | None) -> None:
        """Hook: `\\frac{dx}{dt}` (kind `d`) or `\\frac{\\partial u}{\\partial t}` made `applied` of a name. A claim
        keeps nothing."""

    def _partial(self, atom: _Atom) -> _Op:
        if atom.sub is None:
            raise TranslationError(
                "\\partial outside \\frac{\\partial …}{\\partial …} or \\partial_x", command="\\partial",
                cause="unsupported-construct",
            )
        node = atom.sub.children[0]
        atoms: list[_Atom] = []
        if isinstance(node, Token):
            atoms = [_Atom(node)]
        else:
            items = self._arg_items(atom.sub)
            if items is None or any(op for op, _ in items):
                raise TranslationError(f"\\partial_{{{_label(node)}}}", command="\\partial",
                                       cause="unsupported-construct")
            atoms = [_atom(n) for _, n in items]
        if atom.sup is not None and len(atoms) != 1:
            raise TranslationError("\\partial_{xy}^n is ambiguous", command="\\partial", cause="ambiguous")
        order = self._order(atom.sup, "\\partial")
        variables = [(self._variable(a), order) for a in atoms]
        lead = self._lead(atom)
        return _Op("deriv", "\\partial_" + "".join(_label(a.prim) for a in atoms), variables=variables, lead=lead)

    def _derivative(self, body: sympy.Expr, variables: Variables, label: str) -> sympy.Expr:
        self._not_zero(body, variables, label)
        try:
            return sympy.Derivative(body, *variables)
        except ValueError as error:
            raise TranslationError(f"{label}: {error}", command=label, cause="unsupported-construct") from None

    def _not_zero(self, body: sympy.Expr, variables: Variables, label: str) -> None:
        """Hook: a claim's derivative of undeclared names that is 0 by accident of reading is an error."""
        if not any(body.has(v) for v, _ in variables):
            unknown = sorted(str(s) for s in body.free_symbols & self.undeclared)
            if unknown:
                raise TranslationError(
                    f"{', '.join(unknown)} not defined in the note's scope, so the derivative {label} would be 0; "
                    "define it as a function", command=label, cause="unknown-function",
                )


def _over_its_region(variable: sympy.Expr, region: sympy.Expr) -> bool:
    """`dΩ` over Ω, `dq` over Q, `dx` over ℝⁿ: the differential is the region's own letter, or the region a set of
    numbers."""
    named = str(region.base if isinstance(region, sympy.Pow) else region)
    letter = str(variable).split("_", 1)[0].lower()
    return named.endswith("_bb") or named.split("_", 1)[0].lower() == letter


def _head_kind(atom: _Atom) -> str | None:
    """`d` or `\\partial` as the head of a derivative's numerator or denominator, else None."""
    prim = atom.prim
    if isinstance(prim, Token) and atom.sub is None:
        if prim.type == "LETTER" and str(prim) == "d":
            return "d"
        if prim.type == "SYM" and str(prim) == "\\partial":
            return "\\partial"
    return None


def _mentions(label: str, op: _Op) -> bool:
    """Whether a factor, as written, names a variable of the derivative."""
    names = {re.sub(r"\s+", "", str(variable)) for variable, _ in op.variables}
    tokens = set(re.findall(r"\\?[A-Za-z]+", label))
    return bool(names & {t.lstrip("\\") for t in tokens} | names & tokens)


def _two_readings(op: _Op, written: list[str]) -> TranslationError:
    return TranslationError(
        f"{op.label} {' '.join(written)}: the derivative of the whole product or of its first factor? "
        "Use parentheses", command=op.label, cause="ambiguous",
    )
