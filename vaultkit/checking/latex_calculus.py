"""Big operators and derivatives for the LaTeX reader: sums, products, integrals, limits, maxima and argmax,
`d/dx` and `∂`, and the differentials that end an integral. A mixin of `latex._Translator`: each operator
reaches along the product it starts, so it needs the translator's own reading of factors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sympy
from lark import Token, Tree

from .critical import quotient
from .latex_atoms import _atom
from .latex_syntax import (
    TranslationError, _Atom, _Op, _label, _lone_factor, _single_digit, _statements,
)
from .latex_values import _checked


class Calculus:
    """The operators of `latex._Translator` (a mixin: it uses the translator's factors and names)."""

    # ------------------------------------------------------------ big operators

    def _bigop(self, atom: _Atom) -> _Op:
        label = str(atom.prim)
        kind = label[1:]
        if kind == "nabla":  # free reading only: the lexer refuses \nabla in claims
            if atom.call is not None:
                raise TranslationError("\\nabla(…)", command=label, cause="unsupported-construct")
            power = self._arg(atom.sup) if atom.sup is not None else None
            if power is not None and power != 2:
                raise TranslationError(f"\\nabla^{{{power}}}", command=label, cause="unsupported-construct")
            base = self._variable(self._script_atom(atom.sub, label)) if atom.sub is not None else None
            return _Op("nabla", label, power=power, base=base)
        if kind in ("sum", "prod"):  # \sum_{i=1}^{n}(i + 1): the parentheses are read with i bound
            op = _Op(kind, label, limits=self._sum_limits(label, atom.sub, atom.sup))
            with self._binding(op):
                op.lead = self._lead(atom)
            return op
        lead = self._lead(atom)
        if kind in ("argmax", "argmin"):  # free reading only
            if atom.sup is not None:
                raise TranslationError(f"{label}^…", command=label, cause="unsupported-construct")
            return self._optimum(kind, label, atom.sub, lead)
        if kind == "int":
            if self.free and atom.sub is None and atom.sup is None:  # read as written: an antiderivative
                return _Op("int", label, limits=[(None, None)], lead=lead)
            if atom.sub is None or atom.sup is None:
                raise TranslationError(
                    f"{label} without both bounds: an indefinite integral is not an identity", command=label,
                    cause="unsupported-construct",
                )
            return _Op("int", label, limits=[(self._arg(atom.sub), self._arg(atom.sup))], lead=lead)
        # \lim
        if atom.sup is not None or atom.sub is None:
            raise TranslationError(f"{label} needs a subscript {label}_{{x \\to a}}", command=label,
                                   cause="unsupported-construct")
        node = atom.sub.children[0]
        statements = _statements(node.children[1]) if isinstance(node, Tree) else []
        if len(statements) != 1:
            raise TranslationError(f"{label}_{{x \\to a}} expected", command=label, cause="unsupported-construct")
        sums, relations = self.relation(statements[0])
        if len(relations) != 1 or str(relations[0]) not in ("\\to", "\\rightarrow", "\\longrightarrow"):
            raise TranslationError(f"{label}_{{x \\to a}} expected", command=label, cause="unsupported-construct")
        variable = self._index_variable(sums[0], label)
        point, direction = self._limit_point(sums[1])
        return _Op("lim", label, limits=[(variable, point, direction)], lead=lead)

    def _lead(self, atom: _Atom) -> sympy.Expr | None:
        """The parentheses right after an operator, `\\sum_i(x_i)`, `\\partial_x(x^2)`: its first factor."""
        return self._sup(self._parenthesised(atom), atom.post_sup) if atom.call is not None else None

    @contextmanager
    def _binding(self, op: _Op) -> Iterator[None]:
        """While the body of a sum or product is read, its variables are bound: a claim's `i` is an index."""
        names = [str(v) for v, *_ in op.limits] if op.kind in ("sum", "prod") else []
        self.bound.extend(names)
        try:
            yield
        finally:
            del self.bound[len(self.bound) - len(names) :]

    def _optimum(self, kind: str, label: str, sub: Tree | None, lead: sympy.Expr | None) -> _Op:
        """`\\max_x f`, `\\argmax_\\theta f`: the function `max(f, x)`, `argmax(f, theta)`, or `argmax(f)`."""
        variables = [] if sub is None else [self._variable(self._script_atom(sub, label))]
        return _Op("optimum", label, fn=self._undefined(kind), limits=variables, lead=lead)

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
                or self._constant_name(atom.prim) or atom.sup is not None or atom.call is not None:
            raise TranslationError(f"{label}: the variable must be a name", command=label,
                                   cause="unsupported-construct")
        return self._variable(atom)

    def _sum_limits(self, label: str, sub: Tree | None, sup: Tree | None) -> list[tuple]:
        if sub is None:
            raise TranslationError(f"{label} without an index", command=label, cause="unsupported-construct")
        node = sub.children[0]
        if isinstance(node, Token):
            statements = None
            tokens = [node]
        else:
            statements = _statements(node.children[1])
            tokens = []
            if len(statements) == 1:
                sums, relations = self.relation(statements[0])
                if relations:
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
            for statement in statements:
                letters = self._letters(statement)
                if letters is None:
                    raise TranslationError(
                        f"{label}_{{{_label(statement)}}}: the index must be a name", command=label,
                        cause="unsupported-construct",
                    )
                tokens.extend(letters)
        if sup is not None:
            raise TranslationError(
                f"{label}_i^n: write {label}_{{i=1}}^{{n}} with the lower bound", command=label,
                cause="unsupported-construct",
            )
        limits = []
        for token in tokens:
            if token.type not in ("LETTER", "SYM") or self._constant_name(token):
                raise TranslationError(f"{label}_{token}: the index must be a name", command=label,
                                       cause="unsupported-construct")
            name = self._base_name(token)
            variable = self._variable(_Atom(token))
            declared = next((self.scope.ranges[n] for n in self._candidates(token) if n in self.scope.ranges), None)
            if declared is None and self.free:  # a sum over every i: bounds left as names
                limits.append((variable, sympy.Symbol(f"{name}_first"), sympy.Symbol(f"{name}_last")))
                continue
            if declared is None:
                raise TranslationError(
                    f"{label}_{name}: the index {name} has no declared range (add `range: {name} = 1..n` to a "
                    f"sympy block, or write {label}_{{{name}=1}}^{{n}})",
                    command=label, cause="no-range",
                )
            limits.append((variable, declared.low, declared.high))
        return limits

    # ------------------------------------------------------------ derivatives

    def _variable(self, atom: _Atom) -> sympy.Expr:
        """A variable of differentiation, integration, summation or a limit: a symbol or x[i]."""
        prim = atom.prim
        if not isinstance(prim, Token) or prim.type not in ("LETTER", "SYM", "DECOR") or self._constant_name(prim) \
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

    def _is_free_differential(self, items: list, i: int) -> bool:
        """Free reading: `dU`, `dX_i`, `d\\psi(x)` outside an integral or derivative is a differential."""
        if self.scope.defined("d"):
            return False
        following = self._prefixed_name(items, i, ("d",), ("LETTER", "SYM", "DECOR", "NAMED"))
        return following is not None and not following.factorial and (following.sup is None or following.call is None)

    def _is_increment(self, items: list, i: int) -> bool:
        """Free reading: `\\Delta x` and `\\delta S` (a bare Greek delta before a bare name) are names."""
        following = self._prefixed_name(items, i, ("\\Delta", "\\delta"), ("LETTER", "SYM", "DECOR"))
        if following is None or self.scope.defined(str(_atom(items[i][1]).prim)[1:]):
            return False
        return following.sup is None and following.call is None and not following.factorial

    def _prefixed_name(self, items: list, i: int, prefixes: tuple[str, ...], kinds: tuple[str, ...]) -> _Atom | None:
        """The atom after items[i], when items[i] is a bare prefix (`d`, `\\Delta`) written right before a name."""
        if i + 1 >= len(items) or items[i + 1][0] != "":
            return None
        atom = _atom(items[i][1])
        if not (isinstance(atom.prim, Token) and atom.prim.type in ("LETTER", "SYM") and str(atom.prim) in prefixes
                and atom.bare()):
            return None
        following = _atom(items[i + 1][1])
        if not (isinstance(following.prim, Token) and following.prim.type in kinds
                and not self._constant_name(following.prim)):
            return None
        return following

    def _differential(self, node: Tree | Token) -> sympy.Expr:
        """The differential of a name (`dX_i` → the name dX_i) or of an application (`df(x)` → d(f(x)))."""
        atom = _atom(node)
        if atom.sup is not None and atom.call is None:  # dt^2, ds^2: a power of the differential
            bare = Tree(node.data, [c for c in node.children if not (isinstance(c, Tree) and c.data == "sup")])
            return self._sup(self._differential(bare), atom.sup)
        value = self.factor(node)
        if isinstance(value, _Op):
            raise TranslationError(f"d{value.label}", command="d", cause="syntax")
        if isinstance(value, (sympy.Symbol, sympy.Indexed)):
            return self._fallback("d" + sympy.sstr(value), value.is_commutative is not False)
        return self._undefined("d")(value)

    def _is_differential(self, items: list, i: int) -> bool:
        """items[i:i+2] is `d x` (or `\\mathrm{d} x`)."""
        following = self._prefixed_name(items, i, ("d",), ("LETTER", "SYM", "DECOR"))
        return following is not None and following.sup is None and following.call is None

    def _arg_items(self, arg: Tree) -> list[tuple[str | None, Tree | Token]] | None:
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
        items: list[tuple[str | None, Tree | Token]] = []
        op: str | None = None
        for child in sums[0].children[0].children:
            if isinstance(child, Token):
                op = str(child)
            else:
                items.append((op, child))
                op = ""
        return items

    @staticmethod
    def _head_kind(atom: _Atom) -> str | None:
        prim = atom.prim
        if isinstance(prim, Token) and atom.sub is None:
            if prim.type == "LETTER" and str(prim) == "d":
                return "d"
            if prim.type == "SYM" and str(prim) == "\\partial":
                return "\\partial"
        return None

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
        return _checked(top / bottom if self.free else quotient(top, bottom))

    def _derivative_frac(self, numerator: Tree, denominator: Tree) -> sympy.Expr | _Op | None:
        top = self._arg_items(numerator)
        if not top:
            return None
        head = _atom(top[0][1])
        kind = self._head_kind(head)
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
        rest = top[1:]
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
                return self._derivative(applied, variables, label)
        body, _, _ = self._sequence(rest, 0, need_differential=False)
        return self._derivative(body, variables, label)

    def _denominator(self, items: list, kind: str) -> list[tuple[sympy.Expr, int]] | None:
        variables: list[tuple[sympy.Expr, int]] = []
        i = 0
        while i < len(items):
            if i + 1 >= len(items) or (i > 0 and items[i][0] != "") or items[i + 1][0] != "":
                return None
            head = _atom(items[i][1])
            if self._head_kind(head) != kind or not head.bare():
                return None
            atom = _atom(items[i + 1][1])
            prim = atom.prim
            if not (isinstance(prim, Token) and prim.type in ("LETTER", "SYM", "DECOR") and atom.call is None) \
                    or self._constant_name(prim):
                return None
            order = self._order(atom.sup, _label(prim))
            variables.append((self._variable(_Atom(prim, sub=atom.sub)), order))
            i += 2
        return variables

    def _applied_function(self, atom: _Atom, variables: list[tuple[sympy.Expr, int]]) -> sympy.Expr | None:
        """`\\frac{d\\sigma}{dx}`: a bare function of the scope, applied to the variables."""
        prim = atom.prim
        if not (isinstance(prim, Token) and prim.type in ("LETTER", "SYM", "NAMED", "DECOR") and atom.bare()):
            return None
        if self._constant_name(prim):
            return None
        names = self._candidates(prim)
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
        if kind == "undeclared" and self.free:
            applied = self._undefined(names[-1])(*unique)
            self.applied.setdefault(names[-1], set()).add(applied)
            return applied
        return None

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

    def _derivative(self, body: sympy.Expr, variables: list[tuple[sympy.Expr, int]], label: str) -> sympy.Expr:
        if not self.free and not any(body.has(v) for v, _ in variables):
            unknown = sorted(str(s) for s in body.free_symbols & self.undeclared)
            if unknown:
                raise TranslationError(
                    f"{', '.join(unknown)} not defined in the note's scope, so the derivative {label} would be 0; "
                    "define it as a function", command=label, cause="unknown-function",
                )
        try:
            return sympy.Derivative(body, *variables)
        except ValueError as error:
            raise TranslationError(f"{label}: {error}", command=label, cause="unsupported-construct") from None
