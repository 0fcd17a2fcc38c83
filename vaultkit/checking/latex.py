r"""Translate the LaTeX of display equations into SymPy, in a note's scope.

A display equation marked `%% verify %%` is a claim; this module reads its
LaTeX. The text is parsed by a LALR grammar (`latex.lark`) and the SymPy objects
are built directly from the parse tree: nothing a note writes is ever passed to
`eval`, `exec`, `sympify`, `parse_expr`, `parse_latex` or `lambdify`. Input
length, nesting depth, literals and exponents are bounded, so hostile text is an
error, fast.

The rule throughout is *rather an error than a guess*: whatever is not
understood raises `TranslationError` naming the command or construct.

Names
    - A single letter is a name; `xy` is x times y. `\alpha` … `\Omega` are names
      too (`\varphi` is the letter phi: it is the scope's `varphi` if declared,
      else its `phi`). A name is looked up in the scope (definitions are
      substituted, symbols keep their assumptions); an undeclared name is a plain
      `Symbol(name)` without assumptions. `\hbar` is `Symbol("hbar",
      positive=True)` unless declared; `\pi` is pi, `\infty` is oo.
    - `x_i`, `x_{ij}`: `x[i]`, `x[i, j]` when x is an indexed family; `p(i)`
      when p is a function of one argument (`w(i, j)` for two); otherwise the
      symbol named `x_i`, `x_ij` (looked up in the scope under that name).
    - One letter means one thing in an equation. `e`: when the scope does not
      declare `e`, a claim's `e` is Euler's number everywhere (`e`, `e^{x}` = exp(x),
      `e \cdot e`), and `e` as a variable or an index is an error; when the scope
      declares `e`, `e` is that symbol everywhere (`e^{2}` is its square). `\exp`
      and `\mathrm{e}` are always the exponential. (The free reading: `e^{…}` is
      exp(…), a bare `e` the name e.)
    - `i` is never guessed to be the imaginary unit. In a claim an undeclared `i`
      is a name only as an index: in a subscript (`x_i`, `x_{i+1}`) or under the
      `\sum_{i=…}` or `\prod` that binds it; anywhere else (`e^{i\pi}`, `i\hbar`,
      beside `x_i`) it is an error with cause `ambiguous` that says to write
      `\mathrm{i}` or `\imath`, or to declare i. The imaginary unit `\mathrm{i}`,
      `\imath` is an error when the scope declares a name `i` (ambiguous). `E` and
      `I` are ordinary names in LaTeX.

Applications and products
    - `f(x)` is a call when f is a function of the scope, `\sin(x)` a call of
      the built-in function. `x(1 - x)` is a product when x is a declared symbol
      or definition, and in a claim also when the equation uses the name
      elsewhere as a value (`\sum_{k=1}^{n} k = \frac{n(n+1)}{2}`: a sum's bound,
      a factor, a subscript, or inside its own parentheses). Otherwise an
      undeclared name followed by parentheses is ambiguous: an error
      (`unknown-function`), or an undefined `Function` with `free=True`.
    - `\sin x`, `\ln Z`, `\sin^2 x`, `\log_b x`: a function without parentheses
      takes exactly one factor; `\sin 2x` or `\ln x y` (an implicit product after
      the argument) is an error.
    - `a/b c` is ambiguous (a/(bc) or (a/b)c): an error; write `\frac`.
    - `n!`, `(n+1)!` → factorial; `\binom{n}{k}` → binomial. `\sqrt[n]{x}` is
      x^(1/n), except that in a claim, for an odd n and an x SymPy knows is real,
      it is the real root (`\sqrt[3]{-8}` = -2).

Operators
    - `\frac{d}{dx}`, `\frac{df}{dx}`, `\frac{d^2 f}{dx^2}`, `\frac{\partial f}{\partial x}`,
      `\frac{\partial^2 f}{\partial x \partial y}`, `\partial_x f` → unevaluated
      `Derivative`. An operator (`\frac{d}{dx}`, `\partial_x`) acts on the rest of
      its product; when that rest is several factors and one is a function
      applied or a derivative (`\frac{d}{dx} f(x) g(x)`), or, in a claim, the first
      is in parentheses (`\frac{d}{dx}(x^2)\, x`), it is an error (`ambiguous`: the
      whole product or its first factor?). A bare function of the scope
      differentiated (`\frac{d\sigma}{dx}`) is applied to the variable (or, for
      several parameters, to its own parameters, which must include the
      variables). A derivative of an expression that involves undeclared names
      but not the variable (it would be 0) is an error. A fraction of this shape
      is a derivative even when the scope declares a name `d`.
    - `\sum_{i=1}^{n}`, `\prod`: the body is the rest of the product
      (`\sum_i w_i x_i + b` is (Σ wᵢxᵢ) + b). `\sum_i` sums over the declared
      `range` of i, else an error with cause `no-range`.
    - `\int_a^b f\,dx` → `Integral`; the body runs to the differential `dx` (or
      `\mathrm{d}x`); `\int_a^b dx\, f` works too. An integral without both bounds
      is an error (an indefinite integral is not an identity).
    - `\lim_{x \to a}` → `Limit(f, x, a, dir="+-")`, two-sided; `a^+`, `a^-` are
      one-sided, and a limit at ±∞ is SymPy's.
    - A `d` directly followed by a name outside a derivative or integral (`dF`)
      is an error unless the scope declares `d`.

Refused with an error naming the construct: relations other than `=` (`\approx`,
`\le`, `<`, `\to` …), vectors and operators (`\nabla`, `\vec`, `\mathbf`, `\hat`),
bra-ket notation, `\mathbb`, environments (matrices), primes (`x'`), `{n \choose k}`,
`\pm`, ellipses, `\text{…}` with words (outside a subscript: `T_\text{eff}` is the
name T_eff), superscripts in parentheses (`W^{(\ell)}`, a label rather than a
power), subscripts on groups (`(\partial F/\partial T)_V`), unbraced multi-digit
arguments (`x^23` is x²·3 in TeX), two numbers side by side (`2 3`).

Equations: `translate_equation` takes exactly one `A = B`; trailing `,` `.` `;`
and spacing are dropped. Several equations separated by `,`, `;` or `\qquad`,
and chains `A = B = C`, are errors there; `translate_equations` returns them as
separate pairs. A relation other than `=` anywhere is an error naming it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import sympy
from lark import Token, Tree
from sympy.core.function import AppliedUndef

from .latex_atoms import _atom
from .latex_calculus import Calculus
from .latex_free import is_complex, prepare
from .latex_notation import Notation
from .latex_syntax import (
    MAX_DEPTH, MAX_EXPONENT, MAX_FACTORIAL, MAX_LENGTH, MAX_ORDER, TranslationError, _Atom,
    _BARE_OPERATOR, _BINOMIALS, _COMMUTATOR, _DECORATED, _DECORATIONS, _ELLIPSIS, _FUNCTIONS, _I_AS_INDEX, _NAMED,
    _NONCOMMUTING, _OPERATORS, _Op, _SET_RELATIONS, _VARIANTS, _is_adjoint, _is_vector, _label, _letter_superscript,
    _letter_uses, _lone_factor, _no_tuple, _parse, _script_token, _single_digit, _statements,
)
from .latex_values import _checked, _factorial, _number, _power
from .scope import Scope

__all__ = ["Statement", "TranslationError", "read_display", "read_statements", "translate", "translate_equation", "translate_equations"]


_ORDER_RELATIONS = {
    "<": sympy.Lt, ">": sympy.Gt, "\\le": sympy.Le, "\\leq": sympy.Le, "\\ge": sympy.Ge, "\\geq": sympy.Ge,
    "\\ne": sympy.Ne, "\\neq": sympy.Ne,
}


class _Translator(Calculus, Notation):
    def __init__(self, scope: Scope, free: bool) -> None:
        self.scope = scope
        self.free = free
        self.depth = 0
        self.undeclared: set[sympy.Basic] = set()
        self.applied: dict[str, set[sympy.Expr]] = {}  # free mode: `\frac{dx}{dt}` makes x a function x(t)
        # Free reading of a text with operators, vectors or kets: unknown names keep the order they are
        # written in (H ψ is not ψ H), so none of them commutes.
        self.literal_order = False
        self.conjugating = True  # x^* is the conjugate of x (else, in the free reading, the name x^*)
        self.imaginary_i = False  # free reading of a complex text where i is no index: i is the imaginary unit
        self.bare_operators: frozenset[str] = frozenset()  # free reading: \hat{A} written before a factor somewhere
        # Claims: one letter means one thing in an equation (see `_letter_uses`).
        self.values: frozenset[str] = frozenset()  # names written somewhere as a value: n(n+1) multiplies
        self.indices: frozenset[str] = frozenset()  # names written in a subscript somewhere
        self.bound: list[str] = []  # the variables of the sums and products being read
        self.indexing = 0  # > 0 while a subscript is read as an index: x_{i+1}

    # ------------------------------------------------------------ statements

    def relation(self, statement: Tree) -> tuple[list[Tree], list[Token]]:
        sums = [c for c in statement.children if isinstance(c, Tree)]
        relations = [c for c in statement.children if isinstance(c, Token)]
        if len(relations) == len(sums) and not self.free:
            raise TranslationError(f"nothing before {relations[0]}", command=str(relations[0]), cause="syntax")
        return sums, relations

    @staticmethod
    def continues(statement: Tree) -> bool:
        """`&= c` in an aligned environment: the chain of the line above goes on."""
        return bool(statement.children) and isinstance(statement.children[0], Token)

    def argument(self, statement: Tree) -> sympy.Expr:
        """An argument of a call: in the free reading also an event `P(X = k)` or a condition `p(x \\mid y)`."""
        sums, relations = self.relation(statement)
        if not self.free or not relations:
            return self.expression(statement)
        if [str(r) for r in relations] == ["="]:
            return sympy.Eq(self.sum(sums[0]), self.sum(sums[1]), evaluate=False)
        if [str(r) for r in relations] == ["\\mid"]:
            return self._undefined("given")(self.sum(sums[0]), self.sum(sums[1]))
        if len(relations) == 1 and str(relations[0]) in _ORDER_RELATIONS:  # P(X > 0), 1{x \le a}
            relation = _ORDER_RELATIONS[str(relations[0])]
            return relation(self.sum(sums[0]), self.sum(sums[1]), evaluate=False)
        return self.expression(statement)

    def _arguments(self, statements: list[Tree]) -> list[sympy.Expr]:
        """The arguments of a call; `p(a, b \\mid c, d)` is one: (a, b) given (c, d)."""
        arguments = [self.argument(s) for s in statements]
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
                if self.literal_order and position < last and isinstance(value, sympy.Mul) \
                        and value.args[-1] == _ELLIPSIS:
                    terms.append(_ELLIPSIS)  # `a - b \cdots - c`: the dots stand for terms, not a factor
                    value = sympy.Mul(*value.args[:-1])
                terms.append(-value if negative else value)
                negative = False
            if len(terms) == 1:
                return _checked(terms[0])
            _no_tuple(terms)
            return _checked(sympy.Add(*terms))
        finally:
            self.depth -= 1

    def product(self, node: Tree) -> sympy.Expr:
        items: list[tuple[str | None, Tree]] = []
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

    def _sequence(
        self, items: list[tuple[str | None, Tree | Token]], i: int, need_differential: bool
    ) -> tuple[sympy.Expr, int, sympy.Expr | None]:
        """Multiply items[i:]; inside an integral stop at its differential and return its variable."""
        parts: list[tuple[str | None, sympy.Expr]] = []
        first = True
        while i < len(items):
            op = None if first else items[i][0]
            first = False
            if need_differential and not op and self._is_differential(items, i):
                return self._combine(parts), i + 2, self._variable(_atom(items[i + 1][1]))
            if self.free and not need_differential and not op and self._is_free_differential(items, i):
                parts.append((op, self._differential(items[i + 1][1])))
                i += 2
                continue
            if self.free and self._is_increment(items, i):  # Δx, δS: one name
                value = self.factor(items[i + 1][1])
                prefix = "Δ" if str(_atom(items[i][1]).prim) == "\\Delta" else "δ"
                parts.append((op, self._fallback(prefix + sympy.sstr(value), value.is_commutative is not False)))
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

    def _is_number(self, node: Tree | Token, bare: bool = False) -> bool:
        atom = _atom(node)
        return isinstance(atom.prim, Token) and atom.prim.type == "NUMBER" and (not bare or atom.bare())

    def _unit(
        self, items: list[tuple[str | None, Tree | Token]], i: int, need_differential: bool
    ) -> tuple[sympy.Expr, int, sympy.Expr | None]:
        """One factor, or an operator with what it acts on."""
        self._enter(items[i][1])
        try:
            return self._unit_inner(items, i, need_differential)
        finally:
            self.depth -= 1

    def _unit_inner(
        self, items: list[tuple[str | None, Tree | Token]], i: int, need_differential: bool
    ) -> tuple[sympy.Expr, int, sympy.Expr | None]:
        node = items[i][1]
        meaning = self.factor(node)
        if not isinstance(meaning, _Op):
            return meaning, i + 1, None
        op = meaning
        if op.kind == "nabla":
            return self._nabla(op, items, i, need_differential)
        if op.kind == "func" and op.alone is not None and (i + 1 >= len(items) or items[i + 1][0] != ""):
            return self._fallback(op.alone), i + 1, None
        if op.kind == "func":
            return self._function_unit(op, items, i, need_differential)
        if op.kind == "int":
            return self._integral(op, items, i, need_differential)
        # sum, prod, lim, deriv: the rest of the product
        if i + 1 < len(items):
            self._no_explicit_op(items, i + 1, op.label)
            if op.kind == "deriv" and not self.free:  # a claim says the ambiguity before reading the operand
                self._one_operand(op, items[i + 1 : self._differential_at(items, i + 1, need_differential)])
            with self._binding(op):
                body, j, variable = self._sequence(items, i + 1, need_differential)
            if op.kind == "deriv" and self.free:
                self._one_operand(op, items[i + 1 : j - 2 if variable is not None else j])  # not the dx
            if op.lead is not None:
                body = op.lead * body
        elif op.lead is not None:
            body, j, variable = op.lead, i + 1, None
        else:
            raise TranslationError(f"{op.label} with nothing to act on", command=op.label, cause="syntax")
        return self._apply(op, body), j, variable

    def _nabla(
        self, op: _Op, items: list[tuple[str | None, Tree | Token]], i: int, need_differential: bool
    ) -> tuple[sympy.Expr, int, sympy.Expr | None]:
        """Free reading: `\\nabla f`, `\\nabla \\cdot F`, `\\nabla \\times F`, `\\nabla^2 f`."""
        if i + 1 >= len(items) or items[i + 1][0] not in ("", "\\cdot", "\\times"):
            raise TranslationError("\\nabla needs something to act on", command=op.label, cause="syntax")
        how = items[i + 1][0]
        argument, j, variable = self._unit(items, i + 1, need_differential)
        name = {"": "laplacian" if op.power is not None else "grad", "\\cdot": "div", "\\times": "curl"}[how]
        if op.power is not None and how:
            raise TranslationError(f"\\nabla^2 {how}", command=op.label, cause="unsupported-construct")
        arguments = (argument, op.base) if op.base is not None else (argument,)
        return self._undefined(name)(*arguments), j, variable

    def _function_unit(
        self, op: _Op, items: list[tuple[str | None, Tree | Token]], i: int, need_differential: bool
    ) -> tuple[sympy.Expr, int, sympy.Expr | None]:
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

    def _integral(
        self, op: _Op, items: list[tuple[str | None, Tree | Token]], i: int, need_differential: bool
    ) -> tuple[sympy.Expr, int, sympy.Expr | None]:
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
        if op.lead is not None:
            body = op.lead * body
        if low is None:
            return sympy.Integral(body, variable), j, outer
        return sympy.Integral(body, (variable, low, high)), j, outer

    def _differential_at(self, items: list, i: int, need_differential: bool) -> int:
        """Where the product from items[i] ends: at the differential of an enclosing integral, else at its end."""
        if need_differential:
            for k in range(i, len(items)):
                if not items[k][0] and self._is_differential(items, k):
                    return k
        return len(items)

    def _one_operand(self, op: _Op, operand: list) -> None:
        """`\\frac{d}{dx} f(x) g(x)`: d(fg)/dx or f'g? Written alike; an error unless only one reading is left.

        A derivative acts on the rest of its product; when that rest holds more than
        one factor and one of them is a function applied or another derivative, authors
        mean the first factor as often as the whole, so both readings refuse. A claim
        refuses a parenthesised first factor with more after it too: `\\frac{d}{dx}(x^2)\\, x`,
        `\\partial_x (x^2) y`.
        """
        written = [_label(node) for _, node in operand]
        if op.lead is not None:  # \partial_x(…) …: the parentheses are the operator's first factor
            if operand and not self.free:
                raise self._two_readings(op, ["(…)", *written])
            return
        if len(operand) < 2:
            return
        first = _atom(operand[0][1]).prim
        grouped = not self.free and isinstance(first, Tree) and first.data == "paren"
        for (_, node), label in zip(operand, written):
            if grouped or _atom(node).call is not None \
                    or label.startswith(("\\frac { d", "\\frac { \\partial", "\\partial")):
                raise self._two_readings(op, written)
        if not self.free and sum(self._mentions(label, op) for label in written) >= 2:
            raise self._two_readings(op, written)  # d/dx x sin x: (x sin x)′ or x′ · sin x?

    @staticmethod
    def _mentions(label: str, op: _Op) -> bool:
        """Whether a factor, as written, names a variable of the derivative."""
        names = {re.sub(r"\s+", "", str(variable)) for variable, _ in op.variables}
        tokens = set(re.findall(r"\\?[A-Za-z]+", label))
        return bool(names & {t.lstrip("\\") for t in tokens} | names & tokens)

    @staticmethod
    def _two_readings(op: _Op, written: list[str]) -> TranslationError:
        return TranslationError(
            f"{op.label} {' '.join(written)}: the derivative of the whole product or of its first factor? "
            "Use parentheses", command=op.label, cause="ambiguous",
        )

    def _no_explicit_op(self, items: list, i: int, label: str) -> None:
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
            if self.free and op in ("\\cdot", "\\times") and factors and _is_vector(factors[-1]) \
                    and _is_vector(factor):  # vectors: a dot or a cross product, not a product
                factors[-1] = self._undefined("dot" if op == "\\cdot" else "cross")(factors[-1], factor)
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
                return self._times_call(self._sup(self._quantum(prim), atom.sup), atom)
            if kind == "NUMBER":
                if atom.sub is not None:
                    raise TranslationError(f"a subscript on the number {prim}", command="_", cause="syntax")
                value = self._sup(_number(prim), atom.sup)
                return self._times_call(value, atom)
            raise TranslationError(f"unexpected {prim}", command=str(prim), cause="syntax")
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
            value = sympy.Abs(self.sum(prim.children[1]))
        else:  # pragma: no cover - the grammar has no other primaries
            raise TranslationError(f"unexpected {prim.data}", cause="syntax")
        return self._times_call(self._sup(value, atom.sup), atom)

    def _times_call(self, value: sympy.Expr, atom: _Atom) -> sympy.Expr:
        """`x^2(1 - x)`: a value followed by parentheses is a product."""
        if atom.call is None:
            return value
        return _checked(value * self._sup(self._parenthesised(atom), atom.post_sup))

    def _parenthesised(self, atom: _Atom) -> sympy.Expr:
        assert atom.call is not None
        if len(atom.call) != 1:
            raise TranslationError(
                f"{_label(atom.prim)}(…, …) is not a function of the note's scope", command=_label(atom.prim),
                cause="unknown-function",
            )
        return self.expression(atom.call[0])

    def _group(self, node: Tree) -> sympy.Expr:
        glist = node.children[1]
        statements = _statements(glist)
        if len(statements) != 1:
            if not statements:
                raise TranslationError(f"a lone sign in {_label(node)}", command=_label(node), cause="syntax")
            if self.free and node.data == "paren" and str(node.children[0]) == "(":
                return sympy.Tuple(*(self.expression(s) for s in statements))
            if self.free and node.data == "paren" and len(statements) == 2:  # [A, B]: a commutator
                return self._undefined("commutator")(*(self.expression(s) for s in statements))
            raise TranslationError(
                f"{_label(node)}: tuples and intervals are not supported", command=",", cause="unsupported-construct"
            )
        return self.expression(statements[0])

    def _sqrt(self, node: Tree) -> sympy.Expr:
        children = [c for c in node.children if isinstance(c, Tree)]
        _single_digit(children[-1])
        radicand = self._arg(children[-1])
        if len(children) == 2:
            index = self.sum(children[0])
            if index.is_Number and (not index.is_Integer or index <= 0 or index > MAX_EXPONENT):
                raise TranslationError(f"\\sqrt[{index}]: the index must be a small positive integer", command="\\sqrt",
                                       cause="unsupported-construct")
            principal = _power(radicand, 1 / index)
            if not self.free and index.is_Integer and index % 2 == 1 and radicand.is_extended_real is True:
                return _checked(sympy.real_root(radicand, index))  # \sqrt[3]{-8} is -2, as a reader means
            return principal
        return sympy.sqrt(radicand)

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

    # ------------------------------------------------------------ names

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
        name = self._base_name(prim)
        if self.free and name == "e" and atom.sub is None and atom.sup is not None and not self.scope.defined("e"):
            return self._times_call(self._exp(atom.sup), atom)
        if self.free and atom.sub is not None and atom.sup is not None and _letter_superscript(atom.sup):
            raise TranslationError(  # s_x^a: in mechanics notes, the part a of a section
                f"{_label(prim)}_…^{_label(atom.sup.children[0])}: a power or a label? Write {{…}}^… or a name",
                command="^", cause="ambiguous",
            )
        self._no_imaginary_guess(atom)
        kind, value, shown = self._head(prim, atom.sub)
        if kind == "function":
            return self._application(atom, value, shown)
        if kind == "indexed":
            raise TranslationError(f"{shown} is an indexed family: write {shown}_i", command=shown,
                                   cause="unsupported-construct")
        if atom.call is not None and kind == "undeclared" and self._applies(atom):
            return self._undeclared_application(atom, value, shown)
        return self._times_call(self._sup(value, atom.sup), atom)

    def _application(self, atom: _Atom, value: sympy.Lambda | None, shown: str) -> sympy.Expr | _Op:
        """A function of the scope (or, in the free reading, an undefined one) with its arguments."""
        prim = atom.prim
        assert isinstance(prim, Token)
        if atom.call is None:
            if prim.type == "NAMED" and self.free and value is None:
                name = self._base_name(prim)
                return _Op("func", shown, fn=self._undefined(name), alone=name)
            raise TranslationError(
                f"{shown} is a function: write {shown}(…)", command=shown, cause="unsupported-construct"
            )
        if atom.sup is not None:
            raise TranslationError(
                f"{shown}^…(…) is ambiguous: write ({shown}(…))^…", command=shown, cause="ambiguous"
            )
        arguments = self._arguments(atom.call)
        if value is None:  # free mode: an undefined function
            result = self._undefined(self._base_name(prim))(*arguments)
        elif isinstance(value, sympy.Lambda):
            expected = len(value.variables)
            if len(arguments) != expected:
                raise TranslationError(
                    f"{shown} takes {expected} argument(s), not {len(arguments)}", command=shown,
                    cause="unsupported-construct",
                )
            result = value(*arguments)
        else:  # declared `symbols: f function`: any function, of any arguments
            result = value(*arguments)
        return self._sup(result, atom.post_sup)

    def _applies(self, atom: _Atom) -> bool:
        """An undeclared name before parentheses: applied as a function (True), or a factor of a product.

        `x^2(1 - x)` multiplies. In the free reading `\\hat{A}(ψ₁ + ψ₂)` multiplies when Â is written bare before
        a factor elsewhere. In a claim a name that the equation uses elsewhere as a value multiplies: `n(n+1)`
        beside `\\sum_{k=1}^{n}`, or with the inner n alone.
        """
        adjoint = atom.sup is not None and self.free and _is_adjoint(atom.sup)  # ψ^*(x) is ψ(x) conjugated
        if atom.sup is not None and not adjoint:
            return False
        if self.free:
            return re.sub(r"\s+", "", str(atom.prim)) not in self.bare_operators
        return not (atom.sub is None and str(atom.prim) in self.values)

    def _undeclared_application(self, atom: _Atom, value: sympy.Expr, shown: str) -> sympy.Expr:
        """`f(x)` with f not in the scope: an undefined function in the free reading, an error in a claim."""
        if not self.free:
            raise TranslationError(
                f"{shown}(…): {shown} is not a function of the note's scope (define it, declare it as any "
                f"function with `symbols: {shown} function`, or declare {shown} as a symbol to multiply)",
                command=shown, cause="unknown-function",
            )
        arguments = self._arguments(atom.call)
        named = value.name if isinstance(value, sympy.Symbol) else str(value) if isinstance(
            value, sympy.Indexed) else shown
        sup = atom.sup
        if sup is not None and not self.conjugating and isinstance(sup.children[0], Token) \
                and sup.children[0].type == "STAR":
            named, sup = f"{named}_star", None  # p^*(x): the function p^*, as p^* is the name p^*
        function = self._undefined(named)
        return self._sup(self._sup(function(*arguments), sup), atom.post_sup)

    def _no_imaginary_guess(self, atom: _Atom) -> None:
        """A claim's bare `i` is a name only where it is an index: in a subscript, or under `\\sum_{i=…}` or
        `\\prod`. Elsewhere it could be the imaginary unit, unless the scope declares it: an error."""
        prim = atom.prim
        if self.free or str(prim) != "i" or prim.type != "LETTER" or atom.sub is not None:
            return
        if self.indexing or "i" in self.bound or self._declared("i"):
            return
        both = "i is both an index and a factor here, and " if "i" in self.indices else ""
        raise TranslationError(
            f"i: {both}an undeclared i outside an index could be the imaginary unit: write \\mathrm{{i}} or "
            "\\imath for the imaginary unit, or declare i in a sympy block (symbols: i …)", command="i",
            cause="ambiguous",
        )

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
        if text == "e" and prim.type == "LETTER" and sub is None and not self.free and not self._declared("e"):
            return sympy.E  # a claim's undeclared e is Euler's number everywhere: e, e^{x}, e \cdot e
        if text == "i" and prim.type == "LETTER" and self.imaginary_i and not self.scope.defined("i"):
            return sympy.I
        if text in ("\\mathrm{i}", "\\imath"):
            if self.scope.defined("i"):
                raise TranslationError(
                    f"{text}: ambiguous, the note's scope declares a name i", command=text, cause="ambiguous"
                )
            return sympy.I
        return None

    def _base_name(self, prim: Token) -> str:
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

    def _candidates(self, prim: Token) -> list[str]:
        text = str(prim)
        if prim.type == "SYM" and text[1:] in _VARIANTS:
            return [text[1:], _VARIANTS[text[1:]]]
        return [self._base_name(prim)]

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
        """An undefined function of the free reading; it keeps its place in a product of operators."""
        return sympy.Function(name, commutative=False) if self.literal_order else sympy.Function(name)

    def _fallback(self, name: str, commutative: bool = True) -> sympy.Symbol:
        if not commutative or (self.literal_order and name != "hbar"):
            symbol = sympy.Symbol(name, commutative=False)
        else:
            symbol = sympy.Symbol(name, positive=True) if name == "hbar" else sympy.Symbol(name)
        self.undeclared.add(symbol)
        return symbol

    def _head(self, prim: Token, sub: Tree | None) -> tuple[str, sympy.Basic | None, str]:
        """What a name (with its subscript) stands for: (kind, value, label)."""
        label = str(prim)
        names = self._candidates(prim)
        kind, value = self._lookup(names)
        if prim.type == "NAMED" and kind == "undeclared":
            if sub is not None:
                raise TranslationError(f"a subscript on {label}", command=label, cause="unsupported-construct")
            if self.free:
                return "function", None, label
            raise TranslationError(
                f"{label} is not a function of the note's scope", command=label, cause="unknown-function"
            )
        if sub is None and kind == "undeclared" and not self.free and prim.type == "LETTER" and label == "e":
            raise TranslationError(  # a variable or an index: the claim's bare e is Euler's number
                "e: an undeclared e is Euler's number in a claim, so it cannot be a variable or an index; declare "
                "e in a sympy block (symbols: e …) to use it as a name", command="e", cause="ambiguous",
            )
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
        except TranslationError:
            if not self.free:
                raise
            return "undeclared", self._free_indexed(names[-1], sub, commutative), label  # x_{n+1}, ε_{T,σ}
        compound = [f"{name}_{text}" for name in names]
        label = f"{label}_{{{text}}}"
        kind, value = self._lookup(compound)
        if kind == "undeclared":
            return "undeclared", self._fallback(compound[-1], commutative), label
        return kind, value, label

    def _free_indexed(self, name: str, sub: Tree, commutative: bool) -> sympy.Expr:
        """Free reading: a subscript that is no name indexes a family, `x_{n+1}` → x[n + 1]."""
        node = sub.children[0]
        statements = _statements(node.children[1]) if isinstance(node, Tree) else []
        indices = [self.argument(s) for s in statements]
        if not indices:
            raise TranslationError(f"the subscript of {name} does not form a name", command="_",
                                   cause="unsupported-construct")
        base = sympy.IndexedBase(name, commutative=commutative and not self.literal_order)
        return base[tuple(indices)]

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
        self.indexing += 1  # x_{i+1}: this i is an index
        try:
            return [self.expression(s) for s in statements]
        finally:
            self.indexing -= 1

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
            if atom.prim.type == "SYM" and self._constant_name(atom.prim):
                return None
            letters.append(atom.prim)
        return letters

    @staticmethod
    def _constant_name(prim: Token) -> bool:
        return str(prim) in ("\\pi", "\\infty", "\\mathrm{e}", "\\mathrm{i}", "\\imath", "\\partial")

    def _index_value(self, prim: Token) -> sympy.Expr:
        if prim.type == "NUMBER":
            return _number(prim)
        if prim.type in ("LETTER", "SYM", "DECOR") and not self._constant_name(prim):
            kind, value, label = self._head(prim, None)
            if kind in ("value", "undeclared"):
                return value
            raise TranslationError(f"{label} cannot be an index", command=label, cause="unsupported-construct")
        raise TranslationError(f"{prim} cannot be an index", command=str(prim), cause="unsupported-construct")

    def _sub_text(self, sub: Tree) -> str:
        node = sub.children[0]
        tokens: list[Token] = []
        if isinstance(node, Token):
            tokens = [node]
        else:
            statements = _statements(node.children[1])
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
                    f"the subscript {_label(node)} does not form a name", command=_label(node),
                    cause="unsupported-construct",
                )
        parts = []
        for token in tokens:
            if token.type in ("LETTER", "NUMBER"):
                parts.append(str(token))
            elif token.type in ("SYM", "NAMED") and not self._constant_name(token):
                parts.append(self._base_name(token))
            else:
                raise TranslationError(
                    f"the subscript {token} does not form a name", command=str(token), cause="unsupported-construct"
                )
        return "".join(parts)

    # ------------------------------------------------------------ scripts, numbers, powers

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
        if self.free and isinstance(node, Token) and node.type == "SIGN" and isinstance(value, sympy.Symbol):
            suffix = "plus" if str(node) == "+" else "minus"  # Φ^+, x^-: names, as a limit's a^+ is a side
            return self._fallback(f"{value.name}_{suffix}", value.is_commutative is not False)
        if isinstance(node, Token) and node.type == "STAR":
            if not self.conjugating and isinstance(value, sympy.Symbol):
                return self._fallback(f"{value.name}_star")  # θ^*, p^*: an optimum or a true distribution
            return sympy.conjugate(value)
        if isinstance(node, Token) and str(node) == "\\dagger":
            from sympy.physics.quantum import Dagger

            return Dagger(value)
        if isinstance(node, Token) and (
            str(node) in ("\\top", "\\intercal") or (str(node) == "T" and self.free and not value.is_commutative)
        ):
            return sympy.Function("transpose", commutative=False)(value)
        word = _script_token(sup)
        if self.free and word is not None and word.type == "NAMED" and len(self._base_name(word)) > 1:
            raise TranslationError(  # φ^{\mathrm{AB}}: the upright word names, it does not raise
                f"^{word}: an upright superscript is a label, not a power", command=f"^{word}",
                cause="unsupported-construct",
            )
        if isinstance(node, Tree):
            statements = _statements(node.children[1])
            if len(statements) == 1:
                label = self._label_superscript(statements[0])
                if label is not None and not (self.free and self._compound_label(node)):
                    raise TranslationError(
                        f"^{{{label}}} reads as a label, not a power", command=f"^{{{label}}}",
                        cause="unsupported-construct",
                    )
        return _power(value, self._arg(sup))

    @staticmethod
    def _compound_label(group: Tree) -> bool:
        """`^{(N-n)}` is a power in the free reading; `^{(\\ell)}` and `^{(1)}` stay labels."""
        inner = _lone_factor(group)
        if not isinstance(inner, Tree) or not isinstance(inner.children[0], Tree):
            return False
        paren = inner.children[0]
        return _lone_factor(paren) is None

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

    def _exp(self, sup: Tree) -> sympy.Expr:
        node = sup.children[0]
        if isinstance(node, Token) and node.type == "STAR":
            raise TranslationError("e^*", command="^*", cause="unsupported-construct")
        return sympy.exp(self._arg(sup))

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

    # ------------------------------------------------------------ functions

    def _function(self, atom: _Atom) -> sympy.Expr | _Op:
        prim = atom.prim
        label = str(prim)
        match = _NAMED.match(label)
        name = match.group(2).strip() if match else label[1:]
        fn = _FUNCTIONS[name]
        base = None
        if self.free and name in ("max", "min") and atom.sub is not None and atom.call is None and atom.sup is None:
            return self._optimum(name, label, atom.sub, None)
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
        argument = self.expression(atom.call[0])
        value = fn(argument, base) if base is not None else fn(argument)
        if power is not None:
            value = _power(value, power)
        return self._sup(value, atom.post_sup)

    # ------------------------------------------------------------ limits

    def _enter(self, node: Tree | Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.depth -= 1
            raise TranslationError("nested too deeply", cause="too-large")


# ---------------------------------------------------------------- entry points


def _run(
    tex: str, scope: Scope, free: bool, build: Callable[[_Translator, list[Tree]], object], relations: bool = False,
    complex_note: bool = False,
):
    prepared = prepare(tex) if free and len(tex) <= MAX_LENGTH else ""  # longer: _parse refuses it first
    tree = _parse(tex, free, prepared or None)
    translator = _Translator(scope, free)
    translator.literal_order = free and (_OPERATORS.search(prepared) or _COMMUTATOR.search(prepared)) is not None
    translator.bare_operators = frozenset(re.sub(r"\s+", "", m.group(1)) for m in _BARE_OPERATOR.finditer(prepared))
    if not free:
        translator.values, translator.indices = _letter_uses(tree)
    if build is _build_statements:  # a reader's guesses, never a claim's: x^* and i by what the text is about
        translator.conjugating = complex_note or translator.literal_order or is_complex(tex)
        translator.imaginary_i = translator.conjugating and not _I_AS_INDEX.search(prepared)
    statements = [c for c in tree.children if isinstance(c, Tree)]
    try:
        for statement in statements if not relations else ():  # a condition (x > 0) is the reason
            for relation in translator.relation(statement)[1]:
                if str(relation) != "=":
                    raise TranslationError(
                        f"{relation}: only identities (=) can be checked", command=str(relation), cause="relation"
                    )
        if build not in (_build_equations, _build_statements):
            _separated(statements, [c for c in tree.children if isinstance(c, Token)])
        return build(translator, statements)
    except TranslationError:
        raise
    except RecursionError:
        raise TranslationError("nested too deeply", cause="too-large") from None
    except (TypeError, ValueError, ArithmeticError, NotImplementedError) as error:
        raise TranslationError(f"cannot build the expression: {error}", cause="unsupported-construct") from None


def _separated(statements: list[Tree], separators: list[Token]) -> None:
    if len(statements) > 1:
        shown = next((str(t) for t in separators if t.type == "QUAD"), str(separators[0]))
        raise TranslationError(
            f"several equations separated by {shown}: one claim per equation (see translate_equations)",
            command=shown, cause="multiple-equations",
        )


def _equalities(translator: _Translator, statement: Tree) -> tuple[list[Tree], list[Token]]:
    sums, relations = translator.relation(statement)
    for relation in relations:
        if str(relation) != "=":
            raise TranslationError(
                f"{relation}: only identities (=) can be checked", command=str(relation), cause="relation"
            )
    if not relations:
        raise TranslationError("not an equation: no '='", cause="not-an-equation")
    return sums, relations


def translate(tex: str, scope: Scope, *, free: bool = False) -> sympy.Expr:
    """The SymPy expression written in `tex` (no relation), in the note's scope."""

    def build(translator: _Translator, statements: list[Tree]) -> sympy.Expr:
        return translator.expression(statements[0])

    return _run(tex, scope, free, build)


def translate_equation(tex: str, scope: Scope, *, free: bool = False) -> tuple[sympy.Expr, sympy.Expr]:
    """`A = B` → (A, B). Other relations, chains `A = B = C` and lists of equations are errors."""

    def build(translator: _Translator, statements: list[Tree]) -> tuple[sympy.Expr, sympy.Expr]:
        sums, relations = _equalities(translator, statements[0])
        if len(relations) > 1:
            raise TranslationError(
                "A = B = C: a chain of equations; one claim per equation (see translate_equations)", command="=",
                cause="multiple-equations",
            )
        return translator.sum(sums[0]), translator.sum(sums[1])

    return _run(tex, scope, free, build)


def translate_equations(tex: str, scope: Scope, *, free: bool = False) -> list[tuple[sympy.Expr, sympy.Expr]]:
    """Every identity in `tex`: `A = B = C` gives (A, B) and (B, C); equations separated by `,`, `;` or
    `\\qquad` are read one by one. Any relation other than `=` is an error for the whole text."""

    return _run(tex, scope, free, _build_equations)


def _build_equations(translator: _Translator, statements: list[Tree]) -> list[tuple[sympy.Expr, sympy.Expr]]:
    pairs = []
    for statement in statements:
        sums, _ = _equalities(translator, statement)
        values = [translator.sum(s) for s in sums]
        pairs.extend(zip(values, values[1:]))
    return pairs


@dataclass(frozen=True)
class Statement:
    """One statement of a display read freely: values joined by relations, in the order written.

    `values` has one more item than `relations`. `continued` is True when the statement
    begins with its relation (an aligned `&= …` line): its first value is the last value of
    the statement before. `line` counts the display's lines from 1.
    """

    values: tuple[sympy.Expr, ...]
    relations: tuple[str, ...]  # "=", "<", "\\approx", … as written (commands keep their backslash)
    continued: bool
    line: int


def read_statements(tex: str, scope: Scope, *, complex_note: bool = False) -> list[Statement]:
    """The free reading of a whole display, statement by statement (see `read_display`)."""
    return _run(tex, scope, True, _build_statements, relations=True, complex_note=complex_note)


def read_display(tex: str, scope: Scope, *, complex_note: bool = False) -> str:
    """A free reading of a whole display equation, for coverage: one line a statement.

    Unknown names are symbols and unknown applications undefined functions (as
    with `free=True`); every relation is read (`=`, `<`, `\\le`, `\\approx` …)
    with the SymPy reading of each side. `x^*` conjugates x in a note about complex
    quantities (`complex_note`, see `latex_free.is_complex`) and names x^* (an optimum,
    a true distribution) elsewhere. Raises TranslationError like the rest.
    """
    lines = []
    for statement in read_statements(tex, scope, complex_note=complex_note):
        text = _one_line(statement.values[0])
        for relation, value in zip(statement.relations, statement.values[1:]):
            text += f" {relation.lstrip(chr(92))} {_one_line(value)}"
        lines.append(text)
    return "\n".join(lines)


def _build_statements(translator: _Translator, statements: list[Tree]) -> list[Statement]:
    related = [bool(translator.relation(statement)[1]) for statement in statements]
    if any(related) and not all(related):  # `j = 1, 2, …, n`: a list of values, not separate statements
        raise TranslationError(
            "an equation and bare expressions side by side (j = 1, 2, …, n?): a list is not read", command=",",
            cause="ambiguous",
        )
    lines: list[Statement] = []
    for statement in statements:
        sums, relations = translator.relation(statement)
        for relation in relations:
            if str(relation)[1:] in _SET_RELATIONS:
                raise TranslationError(f"{relation}: sets are not read", command=str(relation), cause="set")
        values = [translator.sum(s) for s in sums]
        continued = translator.continues(statement)
        if continued:
            if not lines:  # `= b = c` continues an equation above the display: read what is here
                relations = relations[1:]
                continued = False
            else:
                values.insert(0, lines[-1].values[-1])
        lines.append(Statement(tuple(values), tuple(str(r) for r in relations), continued, _line_of(statement)))
    # `\frac{d^2 x}{dt^2} = -\omega^2 x`: once x is differentiated as x(t), every bare x is x(t)
    functions = {
        sympy.Symbol(name): next(iter(applied))
        for name, applied in translator.applied.items()
        if len(applied) == 1
    }
    if functions:
        lines = [replace(s, values=tuple(v.xreplace(functions) for v in s.values)) for s in lines]
    return lines


def _line_of(statement: Tree) -> int:
    first = next(iter(statement.scan_values(lambda value: isinstance(value, Token))), None)
    return getattr(first, "line", None) or 1


def _one_line(value: sympy.Basic) -> str:
    return " ".join(sympy.sstr(value).split())  # matrices print on several lines
