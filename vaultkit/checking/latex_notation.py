"""Notation only the free reading knows: kets, bras and brakets, expectation values and matrices; `\\nabla`;
maxima and argmax over a variable; differentials `dU` and increments `Δx` standing alone. A part of the reader
(see `latex_reading.Reading` for what it calls on the rest), joined only to `latex_free_reader.FreeReader`:
a claim's lexer refuses this notation, or its reader reads the letters one by one."""

from __future__ import annotations

import re

import sympy
from lark import Token, Tree
from sympy.physics.quantum import Bra, InnerProduct, Ket

from .latex_atoms import _atom
from .latex_free import top_level_pieces
from .latex_reading import Items, Reading, Step
from .latex_syntax import TranslationError, _Atom, _NOTATION, _Op, _label, _parse
from .latex_tensors import tensor_name


_CONDITION_WORDS = re.compile(
    r"\\(?:text|textrm|mathrm|rm|textnormal)\s*\{\s*(?:if|for|when)\s*\}|\{\s*\\rm\s+(?:if|for|when)\s*\}"
    r"|\\(?:text|textrm)\s*\{\s*(?:if|for|when)\s+|\\rm\s+(?:if|for|when)(?![A-Za-z])"
    r"|\\q?quad(?![A-Za-z])|\\[,;:! ]|~|(?<![A-Za-z\\])(?:if|for|when)(?![A-Za-z])|[,.;]\s*\Z|\A\s*[,;]"
)
_OTHERWISE = re.compile(r"\s*(?:\\(?:text|textrm|mathrm|textnormal)\s*\{\s*(?:otherwise|else|elsewhere)\s*\.?\s*\}|otherwise|else)\s*\.?\s*")
class NumberedKet(Ket):
    """A state labelled by several quantum numbers, `|n, l, m⟩`: printed with its commas."""

    _label_separator = ","

    @classmethod
    def dual_class(cls) -> type:
        return NumberedBra


class NumberedBra(Bra):
    """The bra of a `NumberedKet`, `⟨n, l, m|`."""

    _label_separator = ","

    @classmethod
    def dual_class(cls) -> type:
        return NumberedKet


def _ket(labels: list[sympy.Expr]) -> Ket:
    return NumberedKet(*labels) if len(labels) > 1 else Ket(*labels)


_WORD_LABEL = re.compile(r"\\(?:text|textrm|mathrm|textit|mathit)\s*\{\s*([A-Za-z][A-Za-z ]*)\}")
_ELLIPSIS = re.compile(r"\.\.\.|\\[lc]?dots(?![A-Za-z])")
_ELIDED_BITS = re.compile(r"[01]*(?:(?:\.\.\.|\\[lc]?dots(?![A-Za-z]))[01]*)+")  # 0…0, 010...0, 1\dots1
_UNEQUAL = frozenset({"\\ne", "\\neq"})
_AT_LEAST = frozenset({"\\ge", "\\geq", "\\geqslant", ">"})
_AT_MOST = frozenset({"\\le", "\\leq", "\\leqslant", "<"})
def _ranged(written: list[str]) -> bool:
    """`n \\ge a`, `n > a` or `a \\le k < b`: the relations of a range of integers."""
    return (len(written) == 1 and written[0] in _AT_LEAST) or (len(written) == 2 and all(w in _AT_MOST for w in written))


_RELATIONALS = {
    "<": sympy.Lt, ">": sympy.Gt, "\\lt": sympy.Lt, "\\gt": sympy.Gt, "\\le": sympy.Le, "\\leq": sympy.Le,
    "\\leqslant": sympy.Le, "\\ge": sympy.Ge, "\\geq": sympy.Ge, "\\geqslant": sympy.Ge, "=": sympy.Eq,
    "\\ne": sympy.Ne, "\\neq": sympy.Ne,
}


_INCREMENT_SCRIPT = re.compile(r"T|\\top|\\intercal|\*")  # δθ^T: the increment transposed; δφ^*: conjugated


class Notation(Reading):
    """Bra-ket notation, matrices, vector calculus and the free reading's operators."""

    literal_order: bool  # the free reader's: names in a text of operators do not commute

    # ------------------------------------------------------------ kets and matrices

    def _quantum(self, prim: Token) -> sympy.Expr:
        """`|\\psi\\rangle`, `\\langle\\phi|`, `\\langle\\phi|\\psi\\rangle`, `\\langle A\\rangle`."""
        if str(prim).startswith("\\vkmatrix"):
            return self._matrix(str(prim))
        if str(prim).startswith("\\vkcases"):
            return self._cases(str(prim))
        if str(prim).startswith("\\vktensor"):  # p^\mu, \partial_\mu in index notation: in written order
            return sympy.Symbol(tensor_name(str(prim)), commutative=False)
        match = _NOTATION.match(str(prim))
        assert match is not None
        command, first, second = match.group(1), match.group(2), match.group(3)
        if command == "braket" and second is None:  # \braket{a|b}
            first, bar, second = first.partition("|")
            if not bar:
                raise TranslationError(f"{prim}: \\braket{{a|b}} expected", command="\\braket", cause="syntax")
        pair = top_level_pieces(first) if command == "expval" else []
        if len(pair) == 2:  # ⟨x, y⟩: an inner product, as mathematicians write it
            return self._undefined("inner")(*(self._label_value(text, str(prim)) for text in pair))
        if command == "expval":  # ⟨σv⟩: the expectation of a product, which no state's label is
            return self._undefined("expectation")(self._state_label(first, str(prim), product=True))
        labels = [self._state_labels(text, str(prim)) for text in (first, second) if text is not None]
        if command == "ket":
            return _ket(labels[0])
        if command == "bra":
            return _ket(labels[0]).dual
        return InnerProduct(_ket(labels[0]).dual, _ket(labels[1]))

    def _state_labels(self, text: str, shown: str) -> list[sympy.Expr]:
        """A state's quantum numbers: `|n, l, m⟩` is one state labelled by three numbers."""
        return [self._state_label(piece, shown) for piece in top_level_pieces(text)]

    def _state_label(self, text: str, shown: str, product: bool = False) -> sympy.Expr:
        """A ket's label: `00`, `+`, `1-`, `+00` and `ab` are names of states, not the number 0, a sign or a·b;
        `0…0` and `010...0` are strings of bits with their middle left out; `\\text{good}` a word."""
        stripped = re.sub(r"\s+", "", text)
        if re.fullmatch(r"[0-9+-]+|[A-Za-z]{2,3}|\\pm|\\uparrow|\\downarrow", stripped):  # |ab⟩: qubits a and b
            return sympy.Symbol(stripped.lstrip("\\"))
        if _ELIDED_BITS.fullmatch(stripped):
            return sympy.Symbol(_ELLIPSIS.sub("…", stripped))
        word = _WORD_LABEL.fullmatch(text.strip())
        if word is not None:  # |\text{good}⟩: a state named by a word
            return sympy.Symbol(word.group(1).strip())
        value = self._label_value(text, shown)
        if not product and isinstance(value, sympy.Mul) and sum(not factor.is_number for factor in value.args) > 1:
            raise TranslationError(  # |n_1 n_2⟩: the occupations of two modes, not their product
                f"{shown}: labels side by side, or a product? Write commas between quantum numbers", command=shown,
                cause="ambiguous")
        return value

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

    def _cases(self, text: str) -> sympy.Expr:
        """`\\begin{cases} a & x < 0 \\\\ b & \\text{otherwise} \\end{cases}`: Piecewise((a, x < 0), (b, True))."""
        source = bytes.fromhex(text[len("\\vkcases{") : -1]).decode()
        rows = [row for row in re.split(r"\\\\(?:\[[^\]]*\])?", source) if row.strip()]
        pieces = []
        for row in rows:
            value, bar, condition = row.partition("&")
            if not bar or not value.strip():
                raise TranslationError("a case without its condition", command="\\begin{cases}", cause="unsupported-construct")
            pieces.append((self._label_value(value, "\\begin{cases}"), self._condition(condition)))
        if not pieces:
            raise TranslationError("empty cases", command="\\begin{cases}", cause="syntax")
        if any(condition is sympy.true for _, condition in pieces[:-1]):  # "otherwise" first: the rest of what?
            raise TranslationError("\"otherwise\" before the last case", command="\\begin{cases}", cause="ambiguous")
        return sympy.Piecewise(*pieces)

    def _condition(self, text: str) -> sympy.Basic:
        """A case's condition: relations between expressions (`x < 0`, `0 \\le x \\le 1`) or otherwise."""
        text = _CONDITION_WORDS.sub(" ", text)
        if _OTHERWISE.fullmatch(text):
            return sympy.true
        statements = [c for c in _parse(text, True).children if isinstance(c, Tree)] if text.strip() else []
        if len(statements) != 1:
            raise TranslationError("a condition that is not one relation", command="\\begin{cases}",
                                   cause="unsupported-construct")
        sums, relations = self.relation(statements[0])
        tests = [_RELATIONALS.get(str(r).strip()) for r in relations]
        if not relations or None in tests or len(sums) != len(relations) + 1:
            raise TranslationError("a condition that is not a comparison", command="\\begin{cases}",
                                   cause="unsupported-construct")
        values = [self.sum(node) for node in sums]
        return sympy.And(*(test(a, b) for test, a, b in zip(tests, values, values[1:])))

    def _label_value(self, text: str, shown: str) -> sympy.Expr:
        """A label or a cell, read with the free reading's own grammar."""
        if not text.strip():
            raise TranslationError(f"{shown}: an empty label", command=shown, cause="syntax")
        statements = [c for c in _parse(text, True).children if isinstance(c, Tree)]
        if len(statements) != 1:
            raise TranslationError(f"{shown}: one label expected", command=shown, cause="unsupported-construct")
        return self.expression(statements[0])

    # ------------------------------------------------------------ operators

    def _nabla_operator(self, atom: _Atom) -> _Op:
        """`\\nabla`, `\\nabla^2`, `\\nabla_x`: an operator waiting for what it acts on."""
        label = str(atom.prim)
        if atom.call is not None:
            raise TranslationError("\\nabla(…)", command=label, cause="unsupported-construct")
        power = self._arg(atom.sup) if atom.sup is not None else None
        if power is not None and power != 2:
            raise TranslationError(f"\\nabla^{{{power}}}", command=label, cause="unsupported-construct")
        base = self._variable(self._script_atom(atom.sub, label)) if atom.sub is not None else None
        return _Op("nabla", label, power=power, base=base)

    def _nabla(self, op: _Op, items: Items, i: int, need_differential: bool) -> Step:
        """`\\nabla f`, `\\nabla \\cdot F`, `\\nabla \\times F`, `\\nabla^2 f`."""
        if i + 1 >= len(items) or items[i + 1][0] not in ("", "\\cdot", "\\times"):
            raise TranslationError("\\nabla needs something to act on", command=op.label, cause="syntax")
        how = items[i + 1][0]
        argument, j, variable = self._unit(items, i + 1, need_differential)
        if j < len(items) and items[j][0] == "" and variable is None:  # ∇_w ½‖Xw − y‖²: of ½, or of the product?
            raise TranslationError(f"{op.label} before several factors: of the first, or of their product? Write "
                                   "parentheses", command=op.label, cause="ambiguous")
        name = {"": "laplacian" if op.power is not None else "grad", "\\cdot": "div", "\\times": "curl"}[how]
        if op.power is not None and how:
            raise TranslationError(f"\\nabla^2 {how}", command=op.label, cause="unsupported-construct")
        arguments = (argument, op.base) if op.base is not None else (argument,)
        return self._undefined(name)(*arguments), j, variable

    def _optimum(self, kind: str, label: str, sub: Tree | None, lead: sympy.Expr | None) -> _Op:
        """`\\max_x f`, `\\argmax_\\theta f`: the function `max(f, x)`, `argmax(f, theta)`, or `argmax(f)`;
        `\\min_{w, b} L` is `min(L, w, b)` and `\\max_{1 \\le j \\le n} f` is `max(f, (j, 1, n))`."""
        return _Op("optimum", label, fn=self._undefined(kind), limits=self._optimum_over(label, sub), lead=lead)

    def _optimum_over(self, label: str, sub: Tree | None) -> list:
        node = sub.children[0] if sub is not None else None
        statements = [c for c in node.children[1].children if isinstance(c, Tree)] if isinstance(node, Tree) else []
        if len(statements) > 1:
            return [self._variable(self._one_name(statement, label)) for statement in statements]
        if len(statements) == 1:
            sums, relations = self.relation(statements[0])
            if len(relations) == 2 and len({str(r).replace("leq", "le") for r in relations}) == 1 \
                    and str(relations[0]) in ("\\le", "\\leq", "<"):
                return [(self._index_variable(sums[1], label), self.sum(sums[0]), self.sum(sums[2]))]
        return [] if sub is None else [self._variable(self._script_atom(sub, label))]

    def _one_name(self, statement: Tree, label: str) -> _Atom:
        sums, relations = self.relation(statement)
        products = [c for c in sums[0].children if isinstance(c, Tree)]
        if relations or len(sums[0].children) != 1 or len(products) != 1 or len(products[0].children) != 1:
            raise TranslationError(f"{label}_{{…}}: the variables of an optimum must be names", command=label,
                                   cause="unsupported-construct")
        return _atom(products[0].children[0])

    def _over_set(self, kind: str, atom: _Atom, name: str) -> _Op | None:
        """`\\sum_{x \\in \\mathcal{X}} p(x)`, `\\prod_{i \\in S} x_i`: a sum or product over the members of a set,
        read as the undefined functions `SumOver(p(x), x, X_cal)` and `ProductOver(…)` (SymPy sums run over ranges
        of integers only), with the index bound in the body. None when the subscript is no `i \\in S`."""
        related = self._subscript_relation(atom)
        if related is None:
            return None
        sums, relations = related
        if len(relations) != 1 or str(relations[0]) != "\\in":
            return None
        label = str(atom.prim)
        variable = self._index_variable(sums[0], label)
        if not isinstance(variable, sympy.Symbol) or "_" in variable.name:
            return None  # \\sum_{x_i \\in R_m} y_i: over the examples i, which the body's y_i shows, not over x_i
        return self._led(_Op(kind, label, limits=[(variable, self.sum(sums[1]))], fn=self._undefined(name)), atom)

    def _subscript_relation(self, atom: _Atom) -> tuple[list, list] | None:
        """The sides and relations of a big operator's subscript when it is one statement and nothing is above it
        (`\\sum_{x \\in X}`, `\\sum_{1 \\le k \\le n}`); None otherwise."""
        node = atom.sub.children[0] if atom.sub is not None else None
        if not isinstance(node, Tree) or atom.sup is not None:
            return None
        statements = [c for c in node.children[1].children if isinstance(c, Tree)]
        return self.relation(statements[0]) if len(statements) == 1 else None

    def _over_inequality(self, kind: str, atom: _Atom) -> _Op | None:
        """`\\sum_{n \\ge 0}`, `\\sum_{1 \\le k \\le 5}`: a range of integers between integer bounds (a strict inequality
        moves its bound by one); with a bound that is no integer number, `\\sum_{1 \\le k \\le n}` and `\\sum_{q \\ne 0}`
        are sums over a set, `SumOver(body, k, (1 <= k) & (k <= n))`, never checked (for n < 1 the set is empty, which
        SymPy's Sum(…, (k, 1, n)) does not say). None for anything else, or `\\sum_{i \\ne j}` (over pairs?)."""
        related = self._subscript_relation(atom)
        if related is None:
            return None
        sums, relations = related
        written, label = [str(r).strip() for r in relations], str(atom.prim)
        if len(sums) != len(written) + 1 or not (written == ["\\ne"] or written == ["\\neq"] or _ranged(written)):
            return None
        at = 1 if len(written) == 2 else 0
        variable = self._index_variable(sums[at], label)
        bounds = [self.sum(side) for k, side in enumerate(sums) if k != at]
        if any(variable in bound.free_symbols for bound in bounds):
            return None  # \sum_{k \ge k}
        if written[0] in _UNEQUAL and isinstance(bounds[0], sympy.Symbol) and "_" not in bounds[0].name:
            return None  # \sum_{i \ne j}: over pairs, or over i?
        limits = self._integer_limits(written, bounds, label)
        if limits is not None:
            op = _Op(kind, label, limits=[(variable, *limits)])
        else:
            sides = [*bounds[:at], variable, *bounds[at:]]
            try:
                condition = sympy.And(*(_RELATIONALS[w](a, b) for w, a, b in zip(written, sides, sides[1:])))
            except TypeError:  # an index among operators, which SymPy will not compare
                return None
            op = _Op(kind, label, limits=[(variable, condition)], fn=self._undefined(
                "SumOver" if kind == "sum" else "ProductOver"))
        return self._led(op, atom)

    @staticmethod
    def _integer_limits(written: list[str], bounds: list[sympy.Expr], label: str) -> tuple | None:
        """(first, last) of `n \\ge 2`, `n > 0` or `1 \\le k < 5`, between integer numbers; None when a bound is none."""
        if written[0] in _UNEQUAL or not all(b.is_Integer for b in bounds):
            return None
        if len(written) == 1:
            return bounds[0] + int(written[0] == ">"), sympy.oo
        low, high = bounds[0] + int(written[0] == "<"), bounds[1] - int(written[1] == "<")
        if low > high:
            raise TranslationError(f"{label}: an empty range", command=label, cause="unsupported-construct")
        return low, high

    # ------------------------------------------------------------ differentials and increments

    def _is_lone_differential(self, items: Items, i: int) -> bool:
        """`dU`, `dX_i`, `d\\psi(x)` outside an integral or derivative is a differential."""
        if self.scope.defined("d"):
            return False
        following = self._prefixed_name(items, i, ("d",), ("LETTER", "SYM", "DECOR", "NAMED"))
        return following is not None and not following.factorial and (following.sup is None or following.call is None)

    def _is_increment(self, items: Items, i: int) -> bool:
        """`\\Delta x` and `\\delta S` (a bare Greek delta before a bare name) are names; `\\delta\\theta^T` too, and
        transposed (`\\Delta x^2`, (Δx)² or Δ·x², is refused)."""
        following = self._prefixed_name(items, i, ("\\Delta", "\\delta"), ("LETTER", "SYM", "DECOR"))
        if following is None or self.scope.defined(str(_atom(items[i][1]).prim)[1:]):
            return False
        if following.sup is not None and following.call is None and not following.factorial \
                and not _INCREMENT_SCRIPT.fullmatch(_label(following.sup).strip("{} ")):
            raise TranslationError(f"{_label(items[i][1])} {_label(items[i + 1][1])}: a power of the increment, or "
                                   "the increment of a power? Write parentheses", command="^", cause="ambiguous")
        return following.call is None and not following.factorial

    def _increment(self, items: Items, i: int) -> sympy.Expr:
        """The name Δx or δθ of an increment (`_is_increment`), transposed or starred as its superscript says."""
        node = items[i + 1][1]
        atom = _atom(node)
        if atom.sup is not None:
            bare = Tree(node.data, [c for c in node.children if not (isinstance(c, Tree) and c.data == "sup")])
            increment = self._increment(items[:i + 1] + [("", bare)], i)
            if _label(atom.sup).strip("{} ") == "*":
                return self._sup(increment, atom.sup)
            return sympy.Function("transpose", commutative=False)(increment)
        value = self.factor(node)
        prefix = "Δ" if str(_atom(items[i][1]).prim) == "\\Delta" else "δ"
        return self._fallback(prefix + sympy.sstr(value), value.is_commutative is not False)

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
            differential = self._fallback("d" + sympy.sstr(value), value.is_commutative is not False)
            self.differentials.add(differential)
            return differential
        return self._undefined("d")(value)
