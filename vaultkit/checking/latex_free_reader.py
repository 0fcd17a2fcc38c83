"""The free reading: a reader for coverage and for `free=True`, which reads what a claim refuses.

Undeclared names become symbols, unknown applications undefined functions, and it knows more notation: events
and conditions in a call (`P(X = k)`, `p(x \\mid y)`), tuples and commutators, vectors, kets and matrices,
differentials and increments standing alone, indefinite integrals, sums over every i. `FreeReader` is the claim
reader with each hook of `latex_reader.ClaimReader`, `latex_names.Names` and `latex_calculus.Calculus`
overridden, and the notation of `latex_notation.Notation`. It reads the text `latex_free.prepare` made.
"""

from __future__ import annotations

import re

from dataclasses import replace

import sympy
from sympy.core.function import AppliedUndef
from lark import Token, Tree

from .latex_atoms import _atom
from .latex_calculus import Variables
from .latex_dimensions import read_dimensions
from .latex_doubts import refuse_bare_functions, refuse_index_in_exponent, refuse_run_together
from .latex_free import is_complex, prepare
from .latex_meaning import (
    Labelled, indices_of, no_matrix_then_factor, multiplies_i, no_vacuous_bar, no_words_beside, one_set_operation, is_state, no_operator_before_states,
    one_vector_product, operator_like, repeated_index, written_bare,
)
from .latex_names import _base_name
from .latex_notation import Notation
from .latex_reader import ClaimReader, _function_name
from .latex_reading import Items, Step
from .latex_tokens import SET_OPERATIONS
from .latex_usage import Usage, keeps_order, name_key, plain_arguments, usage
from .latex_vocabulary import _SYMBOLS
from .latex_syntax import (
    MAX_LENGTH, TranslationError, _Atom, _BARE_OPERATOR, _COMMUTATOR, _ELLIPSIS, _I_AS_INDEX, _OPERATORS, _Op,
    _is_adjoint, _is_vector, _label, _letter_superscript, _lone_factor, _parse, _script_token, _statements,
)
from .scope import Scope

_ORDER_RELATIONS = {
    "<": sympy.Lt, ">": sympy.Gt, "\\le": sympy.Le, "\\leq": sympy.Le, "\\ge": sympy.Ge, "\\geq": sympy.Ge,
    "\\ne": sympy.Ne, "\\neq": sympy.Ne,
}
_SET_RELATIONS = frozenset({"\\in", "\\notin", "\\ni", "\\subset", "\\subseteq", "\\supset", "\\supseteq"})


# what a star conjugates in a text about complex quantities: wave functions, amplitudes, complex numbers
_CONJUGATED = re.compile(r"(?:psi|Psi|phi|Phi|chi|varphi|alpha|beta|gamma|xi|eta|zeta|z|w|c|a|b|u|v|f|g|h)(?:_\w+)?")
_OPTIMUM = re.compile(r"\\arg\s*(?:max|min)|\\(?:argmax|argmin|max|min)(?![A-Za-z])")  # θ^* = argmax: an optimum
_NAME_TOKENS = frozenset({"LETTER", "SYM", "NAMED", "DECOR"})


_OPTIMA = frozenset({"min", "max", "argmin", "argmax"})  # over a variable: f(body, variable)
_BINDING_FUNCTIONS = _OPTIMA | {"SumOver", "ProductOver", "IntegralOver"}  # f(body, variable, …)
_EXPECTATIONS = frozenset({"E", "P", "\\mathbb{E}", "\\mathbb{P}"})  # before brackets: the expectation, the probability
_SCRIPT_CAPITAL = re.compile(r"\\math(?:cal|scr)\{[A-Z]\}\Z")  # no number times a tuple: applied to several arguments
_LANDAU = frozenset({"O", "\\mathcal{O}"})  # the big-O of an order of growth or of an error term


def _binomial(call: list[Tree] | None) -> bool:
    """`(z - a)`: one argument of two or more terms, what a power series' coefficient multiplies."""
    if not call or len(call) != 1:
        return False
    total = next((c for c in call[0].children if isinstance(c, Tree)), None)
    return total is not None and sum(isinstance(c, Tree) for c in total.children) >= 2


_CHARGE_NEAR = re.compile(  # ε₀, μ₀, ħ, the electron's mass beside e²: e is the elementary charge
    r"\\(?:var)?epsilon_\s*\{?\s*0|\\mu_\s*\{?\s*0|\\hbar|m_\s*(?:\{\s*(?:\\math(?:rm|text)\s*\{\s*|\\rm\s*)?)?e(?![A-Za-z])"
)


_SET_FAMILIES = {"bigcup": "BigUnion", "bigcap": "BigIntersection"}
_COMPLEX_VARIABLES = frozenset({"z", "w"})
_INDEX_TOKENS = frozenset({"LETTER", "SYM", "NUMBER", "DECOR"})  # i, \alpha, 1, n' (a primed name)  # in a text about complex quantities, \bar{z} is z's conjugate
_DECORATION_SUFFIX = re.compile(r"(?:_(?:cal|scr|frak|bb|vec|hat|bar|tilde))+\Z")  # \mathcal{U} is U_cal: no index


def _exposed(value: sympy.Basic) -> set[sympy.Symbol]:
    """The names of `value` outside any expectation value (`|\\langle [A, B] \\rangle|` is of a number); none where it
    holds a state or an inner product (`|U\\ket{v}|` is the norm of a state)."""
    from sympy.physics.quantum.qexpr import QExpr

    if any(isinstance(node, QExpr) for node in sympy.preorder_traversal(value)):
        return set()
    return _names_outside_expectations(value)


def _names_outside_expectations(value: sympy.Basic) -> set[sympy.Symbol]:
    if isinstance(value, AppliedUndef) and str(value.func) == "expectation":
        return set()
    if isinstance(value, sympy.Symbol):
        return {value}
    return set().union(*map(_names_outside_expectations, value.args))


class FreeReader(ClaimReader, Notation):
    """The lenient reading: what a claim would refuse as unknown or ambiguous, it reads as written."""

    binding_kinds = ("sum", "prod", "lim", "optimum")  # \\lim_{n \\to \\infty} a_n, \\max_i x_i: families a[n], x[i]

    def __init__(self, scope: Scope, complex_note: bool | None = None, note: Usage | None = None) -> None:
        """`complex_note`: guess what x^* and i are from what the text is about (None: x^* conjugates, i is a
        name); True when the note is about complex quantities. `note`: how the note's other displays use
        their names (`latex_usage.note_usage`), which decides `c(z + 1)`."""
        super().__init__(scope)
        self.complex_note = complex_note
        self.note = note or Usage()
        self.usage = self.note  # and this display's, once parsed
        self.display_usage = Usage()  # this display's alone
        self.applied: dict[str, set[sympy.Expr]] = {}  # `\frac{dx}{dt}` makes x a function x(t)
        self.totals: set[str] = set()  # names differentiated with d (not ∂): x(t), or a chain x(u(t))?
        # A text with operators, vectors or kets: unknown names keep the order they are written in (H ψ is not
        # ψ H), so none of them commutes.
        self.literal_order = False
        self.conjugating = True  # x^* is the conjugate of x (else the name x^*)
        self.imaginary_i = False  # a complex text where i is no index: i is the imaginary unit
        self.bare_operators: frozenset[str] = frozenset()  # \hat{A} written before a factor somewhere
        self.quantum = False  # a text about operators and states
        self.i_index = False  # i is written as an index or a label somewhere in the text
        self.explicit_sums = False  # the text writes \\sum or \\prod
        self.text = ""  # the prepared text being read
        self.repeated: set[str] = set()  # index letters on two factors of a product (A_ij u_j)
        self.exponents = 0  # how deep in superscripts the reading is: there, E/k_B T is E/(k_B T)
        self.differentials: set[sympy.Symbol] = set()  # dU, dx read outside an integral

    def parse(self, tex: str) -> Tree:
        """The parse tree of the prepared text; what the text is about sets how names are read."""
        tex = read_dimensions(tex) if len(tex) <= MAX_LENGTH else tex
        prepared = prepare(tex) if len(tex) <= MAX_LENGTH else ""  # longer: _parse refuses it first
        tree = _parse(tex, True, prepared or None)
        self.literal_order = (_OPERATORS.search(prepared) or _COMMUTATOR.search(prepared)) is not None
        self.literal_order = self.literal_order or "\\vktensor" in prepared  # ∂_μ φ: an operator before φ
        self.bare_operators = frozenset(re.sub(r"\s+", "", m.group(1)) for m in _BARE_OPERATOR.finditer(prepared))
        if self.complex_note is not None:  # a reader's guesses, never a claim's: x^* and i by what the text is about
            # (not operators alone: a hat is an estimate in statistics, ŷ, and w^* an optimum beside it)
            self.conjugating = (self.complex_note or is_complex(tex)) and not _OPTIMUM.search(prepared)
            index = self.i_index = _I_AS_INDEX.search(prepared) is not None
            self.imaginary_i = self.conjugating and not index
            if self.conjugating and index:
                refuse_index_in_exponent(prepared)
        self.quantum = bool(self.complex_note) or is_complex(tex)  # where [A, B] is a commutator
        self.text = prepared
        self.explicit_sums = re.search(r"\\(?:sum|prod)(?![A-Za-z])", prepared) is not None
        self.literal_order = self.literal_order or keeps_order(tree)  # TR, gK, θ^T x: as written
        self.literal_order = self.literal_order or self.note.mentions_operator(prepared)  # c_{-k} c_k of a c_k^†
        self.display_usage = usage(tree)
        self.usage = self.note | self.display_usage
        refuse_bare_functions(prepared, self.usage.functions)
        refuse_run_together(prepared, self.usage.values)
        return tree

    # ------------------------------------------------------------ statements

    @staticmethod
    def continues(statement: Tree) -> bool:
        """`&= c` in an aligned environment: the chain of the line above goes on."""
        return bool(statement.children) and isinstance(statement.children[0], Token)

    def _leading_relation(self, relations: list[Token]) -> None:
        """`&= c`: the statement continues the one above."""

    def argument(self, statement: Tree) -> sympy.Expr:
        """An argument of a call, also an event `P(X = k)`, `P(X > 0)` or a condition `p(x \\mid y)`."""
        sums, relations = self.relation(statement)
        if not relations:
            return self.expression(statement)
        if len(sums) != len(relations) + 1:  # `x_{<i}`, `(= 2)`: a relation with a side missing
            raise TranslationError(f"{relations[0]} with nothing before it", command=str(relations[0]), cause="syntax")
        written = [str(r) for r in relations]
        if written.count("\\mid") == 1:  # P(R = 1 \mid x), p(x \mid Y \le y): an event given a condition
            bar = written.index("\\mid")
            event = self._event(sums[: bar + 1], written[:bar])
            condition = self._event(sums[bar + 1 :], written[bar + 1 :])
            if event is not None and condition is not None:
                return self._undefined("given")(event, condition)
        event = self._event(sums, written)
        return event if event is not None else self.expression(statement)

    def _event(self, sums: list[Tree], relations: list[str]) -> sympy.Basic | None:
        """A value, or one relation between two (`X = 1`, `X > 0`, `1{x \\le a}`, `X \\in A`), or a chain of
        equalities and order relations (`0 < |x| < \\delta`, `\\beta_1 = \\beta_2 = 0`: And of each pair); None for
        anything else."""
        if not relations:
            return self.sum(sums[0])
        if relations == ["="]:
            return sympy.Eq(self.sum(sums[0]), self.sum(sums[1]), evaluate=False)
        if len(relations) == 1 and relations[0] in _SET_RELATIONS:  # in(X, A): membership, inclusion
            return self._undefined(relations[0].lstrip("\\"))(self.sum(sums[0]), self.sum(sums[1]))
        if not all(relation in _ORDER_RELATIONS or relation == "=" for relation in relations):
            return None
        sides = [self.sum(side) for side in sums]
        pairs = [_ORDER_RELATIONS.get(r, sympy.Eq)(a, b, evaluate=False) for r, a, b in zip(relations, sides, sides[1:])]
        return pairs[0] if len(pairs) == 1 else self._undefined("And")(*pairs)

    # ------------------------------------------------------------ sums and products

    def _without_dots(self, term: sympy.Expr) -> sympy.Expr | None:
        """`a - b \\cdots - c` among operators: the dots stand for terms."""
        if self.literal_order and isinstance(term, sympy.Mul) and term.args[-1] == _ELLIPSIS:
            return sympy.Mul(*term.args[:-1])
        return None

    def _prefixed_pair(self, items: Items, i: int, op: str | None, need_differential: bool) -> sympy.Expr | None:
        """`dU` outside an integral is a differential, `Δx` and `δS` are names."""
        if not need_differential and not op and self._is_lone_differential(items, i):
            return self._differential(items[i + 1][1])
        if self._is_increment(items, i):
            return self._increment(items, i)
        return None

    def _act(self, op: _Op, items: Items, i: int, need_differential: bool) -> Step:
        """`\\nabla f`; `\\operatorname{loss}` with nothing after it is the name loss."""
        if op.kind == "nabla":
            return self._nabla(op, items, i, need_differential)
        if op.kind == "func" and op.alone is not None and (i + 1 >= len(items) or items[i + 1][0] != ""):
            return self._fallback(op.alone), i + 1, None
        return super()._act(op, items, i, need_differential)

    def _vector_product(self, op: str | None, left: sympy.Expr, right: sympy.Expr) -> sympy.Expr | None:
        """`\\mathbf{a} \\cdot \\mathbf{b}`: the dot product, `\\times` the cross product; `A \\cup B`, `g \\circ f`:
        the operation by its name."""
        if op is not None and op[1:] in SET_OPERATIONS:
            applied = [v for v in (left, right) if isinstance(v, AppliedUndef) and str(v.func) not in SET_OPERATIONS.values()]
            if op == "\\circ" and (applied or any(isinstance(v, sympy.Pow) for v in (left, right))):
                raise TranslationError("∘ beside an application or a power: (f∘g)(x), or f∘(g(x))? f^{-1} the inverse?",
                                       command=op, cause="ambiguous")  # f \\circ g (x), f \\circ f^{-1}
            return self._undefined(SET_OPERATIONS[op[1:]])(left, right)
        if op == "" and is_state(left) and is_state(right):  # |a⟩|b⟩: the state of two systems, |a⟩ ⊗ |b⟩
            return self._undefined("otimes")(left, right)
        if op in ("\\cdot", "\\times") and _is_vector(left) and _is_vector(right):
            return self._undefined("dot" if op == "\\cdot" else "cross")(left, right)
        if op == "" and _is_vector(left) and _is_vector(right) and all(str(v)[:1].islower() for v in (left, right)):
            raise TranslationError(  # ρ\mathbf{u}\mathbf{u}: the dyad u⊗u of fluid mechanics, not a square
                f"{left} {right}: two vectors side by side: a dyad (tensor product), or a dot product?", command="",
                cause="ambiguous")
        if op == "\\cdot" and all(self._written_as_vector(v) for v in (left, right)):
            raise TranslationError(  # \\hat x \\cdot \\hat y = 0, u \\cdot v = |u||v|\\cos\\theta: a dot product of vectors
                f"{left} \\cdot {right}: a dot product of vectors, or a product? Write \\mathbf or \\vec for vectors",
                command=op, cause="ambiguous")
        if op in ("\\cdot", "\\times") and _is_vector(left) != _is_vector(right) \
                and not (left.is_number or right.is_number):
            raise TranslationError(  # \\hat n \\cdot \\vec E, \\vec a \\times (\\vec b \\times \\vec c)
                f"{left} {op} {right}: a vector beside something not written as one: a dot or cross product, or a "
                "scalar multiple?", command=op, cause="ambiguous",
            )
        if op == "\\times" and all(isinstance(v, (sympy.Symbol, sympy.Indexed)) for v in (left, right)) \
                and not any(map(_named_in_words, (left, right))):
            raise TranslationError(  # `\vec F = q v \times B`, `n \times m`: a cross product, a size, a product?
                f"{left} \\times {right}: a cross product, a size or a product of numbers? Write \\cdot for a product",
                command="\\times", cause="ambiguous",
            )
        return None

    # ------------------------------------------------------------ factors and scripts

    def _sup(self, value: sympy.Expr, sup: Tree | None) -> sympy.Expr:
        self.exponents += 1
        try:
            return super()._sup(value, sup)
        finally:
            self.exponents -= 1

    def _exp(self, sup: Tree) -> sympy.Expr:
        self.exponents += 1
        try:
            return super()._exp(sup)
        finally:
            self.exponents -= 1

    def _combine(self, parts: list[tuple[str | None, sympy.Expr]]) -> sympy.Expr:
        r"""In an exponent, `e^{-E/k_B T}`, `e^{-x^2/2\sigma^2}`: what follows the slash is its denominator
        (`1/2 x` stays refused: a half of x, or 1/(2x)?)."""
        no_words_beside(parts)
        if not self.explicit_sums:  # where the display writes its sums, an index twice is no convention
            self.repeated |= repeated_index(parts)
        one_set_operation(parts)
        no_operator_before_states(parts)
        no_matrix_then_factor(parts)
        one_vector_product(parts)
        return super()._combine(_joined_denominators(parts) if self.exponents else parts)

    def _notation(self, prim: Token) -> sympy.Expr:
        """Kets, bras, brakets, expectation values and matrices (`Notation`)."""
        return self._quantum(prim)

    def _several(self, node: Tree, statements: list[Tree]) -> sympy.Expr:
        """`(a, b)` is a tuple, `[A, B]` a commutator."""
        if node.data == "paren" and str(node.children[0]) == "(":
            return sympy.Tuple(*(self.expression(s) for s in statements))
        if node.data == "paren" and len(statements) == 2:
            entries = [self.expression(s) for s in statements]
            if not self.quantum and not all(operator_like(e) for e in entries):
                raise TranslationError("[a, b]: an interval or a commutator? A commutator's entries are operators "
                                       "(capitals, hats) or the text is about them", command="[", cause="ambiguous")
            return self._undefined("commutator")(*entries)
        return super()._several(node, statements)

    def _root(self, radicand: sympy.Expr, index: sympy.Expr, principal: sympy.Expr) -> sympy.Expr:
        """SymPy's principal root, as written; an odd root of a negative number is real (`\\sqrt[3]{-8} = -2`)."""
        if index.is_integer and index.is_odd and radicand.is_number and radicand.is_negative:
            return sympy.real_root(radicand, index)
        return principal

    def _script_name(self, value: sympy.Expr, node: Tree | Token) -> sympy.Expr | None:
        """Φ^+, x^-: names, as a limit's a^+ is a side; θ^*, p^* outside a complex text: an optimum, a true
        distribution."""
        if isinstance(node, Token) and node.type == "SIGN" and isinstance(value, sympy.Symbol):
            suffix = "plus" if str(node) == "+" else "minus"
            return self._fallback(f"{value.name}_{suffix}", value.is_commutative is not False)
        if isinstance(node, Token) and node.type == "STAR" and self.conjugating and isinstance(value, sympy.Symbol) \
                and not _CONJUGATED.fullmatch(value.name):  # A^*, p^*, E_3^*: an adjoint, a frame's momentum?
            raise TranslationError(f"{value.name}^*: the conjugate, an adjoint, or a label (a rest frame, an optimum)?",
                                   command="^*", cause="ambiguous")
        if isinstance(node, Token) and node.type == "STAR" and not self.conjugating and isinstance(value, sympy.Symbol):
            return self._fallback(f"{value.name}_star")
        if isinstance(node, Token) and node.type == "STAR" and not self.conjugating and isinstance(value, sympy.Indexed):
            return sympy.IndexedBase(f"{value.base}_star")[value.indices]  # Δ^*_{n+1}: an optimum's step
        label = _label_text(node)
        if label == "0" and isinstance(value, sympy.Symbol) and "_" not in value.name:
            raise TranslationError(  # Z^0 (a particle) or M^0 (dimensional analysis: 1)?
                f"{value.name}^0: a label or the power 0? Write {value.name}_0 or 1", command="^0", cause="ambiguous"
            )
        bound = next((b for b in self.bound if label in (f"({b})", f"[{b}]")), None)
        if bound is not None and isinstance(value, sympy.Symbol):  # \sum_i x^{(i)}: the i-th example, a family
            return Labelled(sympy.IndexedBase(value.name, commutative=value.is_commutative is not False),
                            self._fallback(bound))
        if label is not None and self._names_bound(label):
            raise TranslationError(  # f^{(n+1)} under \sum_n: the label varies with the index
                f"{value}^{label} under a sum over its label: a family, or one name?", command="^", cause="ambiguous")
        word = _script_token(Tree("sup", [node]))
        if label is None and word is not None and word.type == "NAMED" and len(_base_name(word)) > 1:
            label = _base_name(word).strip('"').replace(" ", "")  # E_a^{\text{thr, lab}}: an upright word names
        if label is not None and isinstance(value, sympy.Symbol):  # x^{(i)}, W^{(\ell)}, y_i^0: labels name
            return self._fallback(f"{value.name}^{label}", value.is_commutative is not False)
        if label is not None and isinstance(value, sympy.Indexed):  # y^{0}_{i+1}
            base = sympy.IndexedBase(f"{value.base}^{label}", commutative=value.is_commutative is not False)
            return base[value.indices]
        return None

    def _transposes(self, node: Token, value: sympy.Expr) -> bool:
        """`A^T` of an operator is its transpose too."""
        return super()._transposes(node, value) or (str(node) == "T" and not value.is_commutative)

    def _no_label(self, sup: Tree) -> None:
        """An upright word as a superscript, `φ^{\\mathrm{AB}}`, labels too."""
        word = _script_token(sup)
        if word is not None and word.type == "NAMED" and len(_base_name(word)) > 1:
            raise TranslationError(  # φ^{\mathrm{AB}}: the upright word names, it does not raise
                f"^{word}: an upright superscript is a label, not a power", command=f"^{word}",
                cause="unsupported-construct",
            )
        super()._no_label(sup)

    def _is_label(self, group: Tree) -> bool:
        """`^{(N-n)}` is a power; `^{(\\ell)}` and `^{(1)}` stay labels."""
        return not _compound_label(group)

    def _factor(self, atom: _Atom) -> sympy.Expr | _Op:
        """`\\|x\\|`, `\\|x\\|_2^2`: the norm of x, of order p when written, an undefined function `norm`."""
        if not (isinstance(atom.prim, Tree) and atom.prim.data == "norm"):
            self._expectation_alone(atom)
            conjugated = self._conjugate_or_name(atom)
            return super()._factor(atom) if conjugated is None else sympy.conjugate(super()._factor(conjugated))
        arguments = [self.sum(atom.prim.children[1])]
        if atom.sub is not None:
            arguments.append(self._arg(atom.sub))
        return self._times_call(self._sup(sympy.Function("norm")(*arguments), atom.sup), atom)

    def _function(self, atom: _Atom) -> sympy.Expr | _Op:
        """`\\max_x f`: the maximum over x."""
        name = _function_name(str(atom.prim))
        if name in ("max", "min") and atom.sub is not None and atom.call is None and atom.sup is None:
            return self._optimum(name, str(atom.prim), atom.sub, None)
        return super()._function(atom)

    # ------------------------------------------------------------ names

    def _before_scope(self, atom: _Atom) -> sympy.Expr | None:
        """`e^{…}` is exp(…) unless the scope declares e; `s_x^a` is refused (a power or a label?); `\\delta_{ij}`,
        `\\delta_{nn'}`, `\\delta_{1,j}` are Kronecker's delta of the two indices."""
        kronecker = self._kronecker(atom)
        if kronecker is not None:
            return kronecker
        name = _base_name(atom.prim)
        if name == "e" and atom.sub is None and atom.sup is not None and not self.scope.defined("e"):
            token = _script_token(atom.sup)
            if token is not None and token.type == "NUMBER" and str(token) not in ("0", "1"):
                if _CHARGE_NEAR.search(self.text):  # e²/(4πε₀ ħ c): the charge squared, beside the constants of physics
                    return None
                raise TranslationError(  # πe²/(m_e c): the charge squared
                    f"e^{token}: Euler's number or the elementary charge squared? Write \\exp({token}) or declare e",
                    command=f"e^{token}", cause="ambiguous",
                )
            return self._times_call(self._exp(atom.sup), atom)
        if atom.sub is not None and atom.sup is not None and _letter_superscript(atom.sup):
            shown, script = _label(atom.prim), _label(atom.sup.children[0])
            raise TranslationError(  # s_x^a: in mechanics notes, the part a of a section
                f"{shown}_…^{script}: a power or a label? Write {{…}}^… or a name", command="^", cause="ambiguous",
            )
        return None

    def _kronecker(self, atom: _Atom) -> sympy.Expr | None:
        """δ with two indices below it, side by side or after a comma, each a letter, a primed letter or a number."""
        if str(atom.prim) != "\\delta" or atom.sub is None or atom.sup is not None or atom.call is not None:
            return None
        node = atom.sub.children[0]
        if not isinstance(node, Tree) or node.data != "group":
            return None
        statements = _statements(node.children[1])
        products = [s.children[0].children for s in statements if len(s.children) == 1 and len(s.children[0].children) == 1]
        if len(products) != len(statements):
            return None
        factors = [f for product in products for f in product[0].children] if len(products) == 1 else [
            product[0].children[0] for product in products if len(product[0].children) == 1]
        atoms = [_atom(f) for f in factors]
        if len(atoms) != 2 or not all(isinstance(a.prim, Token) and a.bare() and a.prim.type in _INDEX_TOKENS
                                      and (a.prim.type != "NUMBER" or str(a.prim).isdigit()) for a in atoms):
            return None
        index = super()._fallback  # commuting, whatever the display's operators: i is an index, not √-1
        return sympy.KroneckerDelta(*(sympy.Integer(str(a.prim)) if a.prim.type == "NUMBER"
                                      else index(_base_name(a.prim), True) for a in atoms))

    def _constant(self, prim: Token, sub: Tree | None = None) -> sympy.Expr | None:
        """π with a subscript is a name (π_i, a dimensionless group or a policy), never 3.14…."""
        if sub is not None and str(prim) == "\\pi":
            return None
        return super()._constant(prim, sub)

    def _letter_constant(self, prim: Token, sub: Tree | None) -> sympy.Expr | None:
        """i is the imaginary unit in a complex text where it is no index."""
        if str(prim) == "i" and prim.type == "LETTER" and self.imaginary_i and not self.scope.defined("i"):
            return sympy.I
        return None

    def _unknown_named(self, label: str) -> tuple[str, sympy.Basic | None, str]:
        """`\\operatorname{loss}`: a function without a value, undefined (see `_application`)."""
        return "function", None, label

    def _names_bound(self, label: str) -> bool:
        """Whether a label (`(n+1)`, `[l-1]`) names a variable a sum, product, limit or maximum binds here."""
        return any(re.search(rf"(?<![A-Za-z]){re.escape(b)}(?![A-Za-z])", label) for b in self.bound)

    def _after_terms(self, terms: list[sympy.Expr]) -> None:
        """`\\sum_{i=1}^n a_i + b_i`: TeX ends the sum at the +, yet b_i varies with the sum's own i, which is free
        after it: the author means Σ(a_i + b_i). Refused."""
        with_differential = [bool(term.free_symbols & self.differentials) for term in terms]
        if any(with_differential) and not all(with_differential):  # y = c + dx: the coefficient d, or a differential?
            raise TranslationError("a differential beside a finite term (c + dx): a differential, or a coefficient d?",
                                   command="d", cause="ambiguous")
        later = _mentioned_after(terms)  # what each term's successors mention, gathered once: linear in the terms
        for position, term in enumerate(terms):
            bound = {v for big in term.atoms(sympy.Sum, sympy.Product) for v in big.variables}
            bound |= {a.args[1] for a in term.atoms(AppliedUndef)  # \\min_x f(x) + g(x): g inside the min?
                      if str(a.func) in _BINDING_FUNCTIONS and len(a.args) in (2, 3) and a.args[1].is_Symbol}
            optimum = next((a for a in term.atoms(AppliedUndef) if str(a.func) in _OPTIMA and len(a.args) == 2), None)
            if optimum is not None and position + 1 < len(terms):  # argmin_f Σ(y − f(x))² + λ∫f''²: one objective
                raise TranslationError(f"a term after {optimum.func}: part of what is optimised, or added after? "
                                       "Write parentheses", command="+", cause="ambiguous")
            symbols, tails = later[position]
            shown = next((v for v in bound if v in symbols or (isinstance(v, sympy.Symbol) and v.name in tails)), None)
            if shown is not None:
                raise TranslationError(
                    f"a term after the sum uses its index {shown}: inside the sum, or a free {shown}? Write "
                    "parentheses", command="+", cause="ambiguous",
                )

    def _written_as_vector(self, value: sympy.Expr) -> bool:
        """A unit vector `\\hat x`, or a letter the display writes with a norm or components (`|u|`, `\\|A\\|`,
        `q_i`)."""
        if not isinstance(value, sympy.Symbol):
            return False
        if value.name.endswith("_hat"):
            return True
        name = re.escape(value.name)
        return len(value.name) == 1 and re.search(
            rf"\\\|\s*{name}\s*\\\||(?<![\\A-Za-z])\|\s*{name}\s*\||(?<![\\A-Za-z]){name}\s*_\s*\{{?\s*[ijk](?![A-Za-z])",
            self.text) is not None

    def _conjugate_or_name(self, atom: _Atom) -> _Atom | None:
        """`\\bar{\\psi}` beside ψ in a text about complex quantities: the conjugate, a mean, a Dirac adjoint? Refused;
        but `\\bar{z}`, `\\bar{w}_n` (the names of complex variables) are conjugates: the atom to conjugate."""
        decorated = re.match(r"\\(?:bar|overline)\s*\{?\s*(\\?[A-Za-z]+)", str(atom.prim)) if isinstance(
            atom.prim, Token) and atom.prim.type == "DECOR" else None
        if self.conjugating and decorated and decorated.group(1) in _COMPLEX_VARIABLES and atom.sup is None \
                and atom.call is None:
            return replace(atom, prim=Token("LETTER", decorated.group(1)))
        if self.conjugating and decorated and written_bare(self.text, decorated.group(1)):
            raise TranslationError(f"{atom.prim} in a text about complex quantities: the conjugate or another quantity?",
                                   command=str(atom.prim).split("{")[0], cause="ambiguous")
        return None

    def _expectation_alone(self, atom: _Atom) -> None:
        """`\\mathbb{E} X`: the expectation of what follows, written without brackets, or 𝔼 times X? Refused."""
        if atom.call is None and isinstance(atom.prim, Token) and atom.prim.type == "DECOR" \
                and _base_name(atom.prim) in ("E_bb", "E_cal"):
            raise TranslationError(f"{atom.prim} without brackets: the expectation of what follows, or a factor? Write "
                                   f"{atom.prim}[…]", command=str(atom.prim), cause="ambiguous")

    def check_statement(self, values: list[sympy.Expr]) -> None:
        """What a statement's values mean together, which no one of them shows: see the three checks."""
        for value in values:
            no_vacuous_bar(value)
        self._summed_index(values)
        for value in values:  # (-8)^{1/3} = -2: the real root, not SymPy's principal one
            if any(p.base.is_number and p.base.is_negative and p.exp.is_Rational and not p.exp.is_integer
                   for p in value.atoms(sympy.Pow)):
                raise TranslationError("a root of a negative number: the real one or the principal one?",
                                       command="^", cause="ambiguous")
        tuples = [v for v in values if isinstance(v, sympy.Tuple)]
        if tuples and any(v.is_number for v in values):  # (a, b) = 1: the gcd, not a pair equal to a number
            raise TranslationError(f"{tuples[0]} beside a number: a pair, or the gcd?", command="(",
                                   cause="ambiguous")
        self._imaginary_or_name(values)
        if any(v.has(sympy.I) for v in values) and any(x.name == "I" for v in values for x in v.free_symbols
                                                       if isinstance(x, sympy.Symbol)):
            raise TranslationError("the identity I beside the imaginary unit i: both would print as I",
                                   command="I", cause="ambiguous")  # cos(θ/2) I − i sin(θ/2) Z

    def _summed_index(self, values: list[sympy.Expr]) -> None:
        """`v_i = A_{ij} u_j`, `a_i a_i = |a|^2`: an index on two factors of a product and missing from another
        side is summed over (Einstein's convention) to the physicist, not to the reader: refused. (`A\\phi_k =
        a_k \\phi_k` has k on both sides: an eigen-equation for each k.)"""
        for letter in self.repeated:
            sides = [letter in indices_of(value) for value in values]
            if any(sides) and not all(sides):
                raise TranslationError(f"the index {letter} on two factors of a product and not on the other side: "
                                       "summed over (Einstein), or not?", command="_", cause="ambiguous")

    def _imaginary_or_name(self, values: list[sympy.Expr]) -> None:
        """`z = x + i y` in a text not about complex quantities, where i is no index: the imaginary unit, or a
        name multiplied? In a text about them, i as an index and as a factor. Refused (`v \\sin i`, an
        inclination, and `P(i)`, a label, stay names)."""
        if self.complex_note is not None and any(multiplies_i(v, "j") for v in values):
            raise TranslationError("j multiplied: the imaginary unit (as engineers write it) or a name? Write "
                                   "\\mathrm{j} or \\mathrm{i} for the unit", command="j", cause="ambiguous")
        if self.complex_note is not None and not self.conjugating and any(
                isinstance(v, sympy.Symbol) and v.name == "i" for v in values):  # \\sqrt{-1} = i
            raise TranslationError("i alone as a side: the imaginary unit or a name?", command="i", cause="ambiguous")
        if self.complex_note is None or not any(multiplies_i(v) for v in values):
            return
        if self.conjugating and self.i_index:
            raise TranslationError("i as an index and as a value in a text about complex quantities: the index or "
                                   "the imaginary unit? Write \\mathrm{i} for the unit", command="i", cause="ambiguous")
        if not (self.conjugating or self.i_index):
            raise TranslationError("i y: the imaginary unit or a name i? Write \\mathrm{i} for the unit",
                                   command="i", cause="ambiguous")

    def _check_undeclared(self, prim: Token) -> None:
        """A bare e is a name: the charge, the evidence, a group's identity (`\\log(e)` is refused by
        `latex_doubts.log_of_e`)."""

    def _application(self, atom: _Atom, value: sympy.Basic | None, shown: str) -> sympy.Expr | _Op:
        """An upright name the scope does not know (no value) is an undefined function."""
        if value is not None:
            return super()._application(atom, value, shown)
        name = _base_name(atom.prim)
        if atom.call is None and not _operator_word(atom.prim, name):  # 5\,\mathrm{kg}\,\mathrm{m}: units, names
            return self._sup(self._fallback(name), atom.sup)
        if atom.call is None:
            return _Op("func", shown, fn=self._undefined(name), alone=name)
        self._no_power_before_call(atom, shown)
        arguments = self._arguments(atom.call)
        return self._sup(self._undefined(name)(*arguments), atom.post_sup)

    def _applies(self, atom: _Atom) -> bool:
        """A name before parentheses: applied, or a factor that multiplies. Function notation applies (`ψ(x)`,
        `p(x \\mid y)`, `E^2(a)`, `ψ^*(x)`, `E[X]`); before an expression (`c_n(z - a)`, `λ(Σ p_i - 1)`) the
        note decides: a name it applies to plain arguments is a function, one it writes alone a value; a
        sum's coefficient (`\\sum_n c_n(z - a)^n`) multiplies; anything else is ambiguous. `\\hat{A}(ψ₁ + ψ₂)` multiplies when
        Â is written bare before a factor elsewhere."""
        key = name_key(atom.prim, atom.sub)
        plain = atom.call is not None and plain_arguments(atom.call, labels=atom.post_sup is None and atom.sup is None)
        if atom.sup is not None and atom.call is not None and not plain and _label_text(atom.sup.children[0]):
            raise TranslationError(f"{_label(atom.prim)}^…(…): a labelled function applied, or a product? (g^{{[l]}}(z))",
                                   command="^", cause="ambiguous")
        if atom.sup is not None and atom.call is not None and not plain and _inverse(atom.sup):
            raise TranslationError(f"{_label(atom.prim)}^{{-1}}(…): the inverse function applied, or a reciprocal times "
                                   "(…)?", command="^{-1}", cause="ambiguous")  # f^{-1}(f(x)) = x
        if atom.sup is not None and not (_is_adjoint(atom.sup) or (plain and self._powers_call(atom.sup))):
            return False
        if name_key(atom.prim) in self.bare_operators:
            return False
        if key in self.usage.functions and key in self.usage.values and not plain:
            self._function_here(key, atom)
        if plain or (atom.bracket and key in _EXPECTATIONS) or key in self.usage.functions:
            return True
        if atom.call is not None and len(atom.call) >= 2 and (_SCRIPT_CAPITAL.match(key) or key not in self.usage.values):
            return True  # \mathcal{N}(\mu, \sigma^2), U_+(t + θ, s + θ): applied to several arguments, never times a pair
        if key in _LANDAU and atom.sub is None and atom.sup is None:  # O(n^2), \mathcal{O}(\Delta t^2): Landau's
            if key in self.usage.values:  # order of growth, unless the note writes O alone too (an observable)
                raise TranslationError(f"{key}(…): the order of growth, or the value {key} times (…)?",
                                       command=f"{key}(", cause="ambiguous")
            return True
        if key in ("\\Delta", "\\delta") and atom.sub is None and not self.scope.defined(key[1:]):  # Δ(xy), δ(fg)
            raise TranslationError(f"{key}(…): the difference or variation of what the parentheses hold, or {key} "
                                   "times it?", command=f"{key}(", cause="ambiguous")
        valued = key in self.usage.values and key not in _ACTIVATIONS  # σ alone (a deviation) says nothing of σ(wᵀx)
        if self._summed_coefficient(atom) or (valued and (atom.post_sup or not _one_term(atom.call))):
            return False  # n(n + 1) beside n, λ(Σ p_i − 1): a factor before a sum; α(Q^2) beside α: TeX does not say
        shown = key
        raise TranslationError(
            f"{shown}(…): a factor before parentheses or a function applied to them? Write {shown} \\cdot (…), "
            f"or {shown}(x) with a plain argument somewhere in the note", command=f"{shown}(", cause="ambiguous",
        )

    def _function_here(self, key: str, atom: _Atom) -> None:
        """A name the note writes both as a value and applied (`H` and `H(t)`): before an expression it is applied
        only where this display never writes it alone and applies it to a plain argument or to several
        (`H(t) = H(t + T)`, `f(θ, T\\sqrt{g/l})`; not `\\tau (i_1 \\cdots i_t) \\tau^{-1}`)."""
        here = self.display_usage
        several = atom.call is not None and len(atom.call) >= 2
        if key in here.values or not (key in here.functions or several):
            raise TranslationError(f"{key}(…): the note writes {key} as a value and as a function: which is it here? "
                                   f"Write {key} \\cdot (…)", command=f"{key}(", cause="ambiguous")

    def _summed_coefficient(self, atom: _Atom) -> bool:
        """`\\sum_n c_n (z - a)^n`: a name indexed by the sum's own variable is its coefficient."""
        if atom.sub is None or not _binomial(atom.call):  # P_l(\\cos\\theta): a Legendre polynomial, not P_l times
            return False
        return any(str(t) in self.bound for t in atom.sub.scan_values(lambda v: isinstance(v, Token)))

    def _times_call(self, value: sympy.Expr, atom: _Atom) -> sympy.Expr:
        """`\\pi(x)` (3.14·x or a policy π?) and `\\frac{∂f}{∂x}(x_0)` (evaluated at x₀?) are refused."""
        named = isinstance(atom.prim, Token) and atom.prim.type in ("LETTER", "SYM", "NAMED", "DECOR")
        if atom.call is not None and plain_arguments(atom.call, labels=atom.post_sup is None) and (
            named or value == sympy.pi or isinstance(value, sympy.Derivative)
        ):  # Z(β) with Z defined as a value in the note's scope: its value times β, or Z as a function of β?
            shown = _label(atom.prim)
            raise TranslationError(
                f"{shown}(…): a product, or a function evaluated at its argument? Write {shown} \\cdot (…) or a "
                "function's name", command=f"{shown}(", cause="ambiguous",
            )
        return super()._times_call(value, atom)

    @staticmethod
    def _powers_call(sup: Tree) -> bool:
        """`E^{2}(a)`, `H^2(a)`: a power of a function's value, or `f^{(1)}(x)`: a labelled function."""
        token = _script_token(sup)
        return (token is not None and token.type in ("NUMBER", "SIGN")) or _label_text(sup.children[0]) is not None \
            or _inverse(sup)

    def _undeclared_application(self, atom: _Atom, value: sympy.Expr, shown: str) -> sympy.Expr:
        """`f(x)` with f not in the scope: an undefined function."""
        arguments = self._arguments(atom.call)
        named = value.name if isinstance(value, sympy.Symbol) else str(value) if isinstance(
            value, sympy.Indexed) else shown
        sup = atom.sup
        if sup is not None and not self.conjugating and isinstance(sup.children[0], Token) \
                and sup.children[0].type == "STAR":
            named, sup = f"{named}_star", None  # p^*(x): the function p^*, as p^* is the name p^*
        if sup is not None and isinstance(sup.children[0], Token) and sup.children[0].type == "SIGN":
            named, sup = f"{named}_{'plus' if str(sup.children[0]) == '+' else 'minus'}", None  # f^+(x): f^+
        if sup is not None and _label_text(sup.children[0]) is not None:
            label = _label_text(sup.children[0])
            if self._names_bound(label):
                raise TranslationError(f"{named}^{label}(…) under a sum over its label: the n-th derivative, or one "
                                       "function?", command="^", cause="ambiguous")  # f^{(n)}(a) in a Taylor series
            named, sup = f"{named}^{label}", None  # f^{(1)}(x): the function f^(1)
        if sup is not None and _inverse(sup):
            named, sup = f"{named}^-1", None  # f^{-1}(y): the inverse function
        function = self._undefined(named)
        return self._sup(self._sup(function(*arguments), sup), atom.post_sup)

    def _integral_of(
        self, body: sympy.Expr, variable: sympy.Expr, limits: tuple | None, label: str, ends: bool,
    ) -> sympy.Expr:
        """`\\int p\\,dV`, `\\int_0^z \\alpha\\,dz`: names that do not show the variable would be constants, and
        the integral a product; the author means p(V), α(z), for some of them at least. As for derivatives
        (`_derivative`), the integral stays one operation on what is written, `∫dV(p)`, which nothing
        evaluates (`scan` leaves it unchecked). Factors after it (`\\int I\\,dA\\,d\\Omega`, `\\int
        \\frac{dp}{2\\pi} e^{ipx}`) may be its integrand as well: refused."""
        second = next((s for s in body.free_symbols if isinstance(s, sympy.Symbol) and _DIFFERENTIAL.fullmatch(s.name)), None)
        if second is not None:  # \\int dx\\, dy\\, f, \\int \\frac{dp\\,dq}{h}: a multiple integral
            raise TranslationError(f"{label}: a second differential {second} in the integrand: a multiple integral is "
                                   "not read", command=label, cause="unsupported-construct")
        shown = variable in body.free_symbols and not _dotted_in_time(body, [variable])
        if not body.free_symbols or shown or body.atoms(AppliedUndef):
            return super()._integral_of(body, variable, limits, label, ends)
        if not ends:
            raise TranslationError(
                f"{label}: the integrand does not show the variable {variable}, and factors follow: where does the "
                "integrand end, and what does it depend on?", command=label, cause="ambiguous",
            )
        return self._undefined(f"∫d{variable}")(body, *(limits or ()))

    def _indexed_by_bound(self, sub: Tree) -> bool:
        """`\\sum_i x_i`: a subscript holding a variable a sum or product binds makes x a family x[i], which
        varies with i (a name x_i would be a constant term, and the sum n·x_i)."""
        return any(
            t.type in ("LETTER", "SYM") and _base_name(t) in self.bound
            for t in sub.scan_values(lambda v: isinstance(v, Token))
        )  # \\sum_\\alpha c_\\alpha: the token \\alpha is the bound name alpha

    def _family(self, name: str, sub: Tree, commutative: bool) -> sympy.Expr | None:
        """A subscript that is no name indexes a family: `x_{n+1}` → x[n + 1], `A_{ij}`, `g_{\\mu\\nu}` → one index a
        letter, `a_{i2}` → a[i, 2]; `T_{1/2}` is a label (a half-life)."""
        node = sub.children[0]
        tokens = [t for t in sub.scan_values(lambda v: isinstance(v, Token)) if str(t) not in "{}"]
        if len(tokens) == 1 and tokens[0].type == "SIGN":  # λ_+, λ_-: two names, as Φ^+ and x^- are
            return self._fallback(f"{name}_{'plus' if str(tokens[0]) == '+' else 'minus'}", commutative)
        if isinstance(node, Token) or all(t.type in ("LETTER", "SYM") for t in tokens):
            indices = [self._fallback(_base_name(t)) for t in tokens]
        elif all(t.type in ("LETTER", "SYM", "NUMBER") and "." not in str(t) for t in tokens) and len(tokens) > 1:
            indices = self._entry(name, tokens)
        else:
            statements = _statements(node.children[1]) if isinstance(node, Tree) else []
            self._no_words_among(statements)
            indices = [self.argument(s) for s in statements]
            if len(indices) == 1 and indices[0].is_number and not indices[0].is_integer:  # T_{1/2}, E_{0.5}
                return self._fallback(f"{name}_{_label(node).replace(' ', '')[1:-1]}", commutative)
        if not indices:
            raise TranslationError(f"the subscript of {name} does not form a name", command="_",
                                   cause="unsupported-construct")
        base = sympy.IndexedBase(name, commutative=commutative and not self.literal_order)
        return base[tuple(indices)]

    def _entry(self, name: str, tokens: list[Token]) -> list[sympy.Expr]:
        """`a_{i2}`, `A_{3k}`: letters and digits side by side. After a letter each is one index; a digit first
        (`x_{2i}`: the entry (2, i), or the index 2i?) is refused."""
        if tokens[0].type == "NUMBER":
            shown = "".join(str(t) for t in tokens)
            raise TranslationError(f"{name}_{{{shown}}}: the entry ({', '.join(map(str, tokens))}) or one index {shown}?"
                                   " Write a comma or a product", command="_", cause="ambiguous")
        indices: list[sympy.Expr] = []
        for token in tokens:
            if token.type == "NUMBER":
                indices.extend(sympy.Integer(digit) for digit in str(token))
            else:
                indices.append(self._fallback(_base_name(token)))
        return indices

    def _undefined(self, name: str) -> type[sympy.Function]:
        """An undefined function keeps its place in a product of operators."""
        return sympy.Function(name, commutative=False) if self.literal_order else sympy.Function(name)

    def _fallback(self, name: str, commutative: bool = True) -> sympy.Symbol:
        """Among operators no name commutes, except ħ."""
        return super()._fallback(name, commutative and not (self.literal_order and name != "hbar"))

    # ------------------------------------------------------------ operators

    def _bigop(self, atom: _Atom) -> _Op:
        """`\\nabla`, `\\argmax_\\theta`, `\\argmin`."""
        label = str(atom.prim)
        kind = label[1:]
        if kind == "nabla":
            return self._nabla_operator(atom)
        if kind in ("argmax", "argmin"):
            lead = self._lead(atom)
            if atom.sup is not None:
                raise TranslationError(f"{label}^…", command=label, cause="unsupported-construct")
            return self._optimum(kind, label, atom.sub, lead)
        if kind in ("sum", "prod"):
            over = self._over_set(kind, atom, "SumOver" if kind == "sum" else "ProductOver")
            over = over or self._over_inequality(kind, atom)  # \sum_{n \ge 0}, \sum_{j \ne i}
            if over is not None:
                return over
        if kind in _SET_FAMILIES and atom.sub is None and atom.sup is None:  # \bigcup \mathcal{U}: of its members
            return _Op("sum", label, limits=[], fn=self._undefined(_SET_FAMILIES[kind]), lead=self._lead(atom))
        if kind in _SET_FAMILIES:  # \bigcup_{i=1}^n A_i: read as a sum is, by the name of its operation
            return self._over_set("sum", atom, _SET_FAMILIES[kind] + "Over") or self._family_operation(atom)
        return super()._bigop(atom)

    def _family_operation(self, atom: _Atom) -> _Op:
        """`\\bigcup_{i=1}^n A_i`, `\\bigcap_k B_k`: the union or intersection of a family, its index bound."""
        label = str(atom.prim)
        return self._led(_Op("sum", label, limits=self._sum_limits(label, atom.sub, atom.sup),
                             fn=self._undefined(_SET_FAMILIES[label[1:]])), atom)

    def _bars(self, inside: sympy.Expr) -> sympy.Expr:
        """`|g|`, `|gh|`, `|g^2|` of names the note writes in both orders or with a dagger (group elements,
        operators): an order or a norm as often as an absolute value, refused (`|r_{eh}|^2`, an amplitude's
        subscripted name, and the norm of a state are read)."""
        operators = {name.lstrip("\\") for name in self.note.operators}
        bare = isinstance(inside, (sympy.Mul, sympy.Pow)) or (isinstance(inside, sympy.Symbol) and "_" not in inside.name)
        if bare and any(re.split(r"[_\[]", str(symbol), maxsplit=1)[0] in operators for symbol in _exposed(inside)):
            raise TranslationError("bars around an operator or a group element: a norm, an order or an absolute "
                                   "value?", command="|", cause="ambiguous")
        return super()._bars(inside)

    def _apply(self, op: _Op, body: sympy.Expr) -> sympy.Expr:
        """A sum or product over a set (`_over_set`), a union or intersection of a family: its undefined function of
        the body, the index and the set or the bounds."""
        if op.kind in ("sum", "prod") and op.fn is not None:
            if op.limits:
                return op.fn(body, *op.limits[0])
            if isinstance(body, AppliedUndef) and str(body.func) in SET_OPERATIONS.values():
                raise TranslationError(  # \bigcup \mathcal{U} \cup \bigcup \mathcal{V}: ⋃ of the union, or a union of ⋃s?
                    f"{op.label} before {body.func}: which operation binds first? Write parentheses", command=op.label,
                    cause="ambiguous")
            if any(isinstance(s, sympy.Indexed) or "_" in _DECORATION_SUFFIX.sub("", str(s)) for s in body.free_symbols):
                raise TranslationError(  # \bigcup A_n: over n, as \sum x_i is over i; not the members of A_n
                    f"{op.label} {body}: of the members of {body}, or over its index?", command=op.label,
                    cause="ambiguous")
            return op.fn(body)
        if op.kind == "lim" and _is_increment(op.limits[0][0]):  # Δs/Δt as Δt → 0: Δs goes with Δt, kept whole
            variable, point, _ = op.limits[0]
            return sympy.Function("lim")(body, variable, point)
        return super()._apply(op, body)

    def _unbounded_integral(self, atom: _Atom, lead: sympy.Expr | None) -> _Op:
        """`\\int f\\,dx` without bounds, read as written: an antiderivative."""
        if atom.sub is None and atom.sup is None:
            return _Op("int", str(atom.prim), limits=[(None, None)], lead=lead)
        region = self._region(atom)
        if region is not None:  # \int_\Omega I \cos\theta\, d\Omega: over the members of a region, as SumOver
            return _Op("int", str(atom.prim), limits=[(_OVER, region)], lead=lead)
        return super()._unbounded_integral(atom, lead)

    def _region(self, atom: _Atom) -> sympy.Expr | None:
        """`\\int_\\Omega`, `\\int_V`, `\\int_{\\mathbb{R}^n}`: a region named by a subscript alone; None for a lone bound
        (`\\int_0`, `\\int_{-\\infty}`) or anything else."""
        if atom.sup is not None or atom.sub is None:
            return None
        region = self._arg(atom.sub)
        named = isinstance(region, sympy.Symbol) or (isinstance(region, sympy.Pow) and isinstance(region.base, sympy.Symbol))
        return region if named and region.free_symbols else None

    def _denominator_variable(self, atom: _Atom, prim: Token) -> tuple[sympy.Expr, int]:
        """`\\partial o^{(t)}`: by the labelled name o^(t), as the body writes it (a label bound by a sum is not)."""
        label = _label_text(atom.sup.children[0]) if atom.sup is not None else None
        if label is not None and label.startswith("("):
            named = self._script_name(self._variable(_Atom(prim, sub=atom.sub)), atom.sup.children[0])
            if isinstance(named, sympy.Symbol):
                return named, 1
        return super()._denominator_variable(atom, prim)

    def _limit_variable(self, node: Tree, label: str) -> sympy.Expr:
        """`\\lim_{\\Delta t \\to 0}`: an increment, one name as in the body, goes to its limit too."""
        try:
            return super()._limit_variable(node, label)
        except TranslationError:
            increment = self.sum(node)
            if _is_increment(increment):
                return increment
            raise

    def _upper_bounded(self, label: str, token: Token, sup: Tree) -> tuple:
        """`\\sum_i^N x_i`: up to N, from a first value the note does not write (0 or 1), left as a name, as for
        `\\sum_i` (`_no_range`)."""
        variable, first, _ = self._ranged(label, token)
        return variable, first, self._arg(sup)

    def _no_range(self, label: str, name: str, variable: sympy.Expr) -> tuple:
        """A sum over every i: bounds left as names."""
        return variable, sympy.Symbol(f"{name}_first"), sympy.Symbol(f"{name}_last")

    def _operand(self, op: _Op, items: Items, i: int, need_differential: bool) -> Step:
        """Read first; a derivative's operand is checked without the differential that ends it."""
        with self._binding(op):
            body, j, variable = self._sequence(items, i + 1, need_differential)
        if op.kind == "deriv":
            self._one_operand(op, items[i + 1 : j - 2 if variable is not None else j])  # not the dx
        return body, j, variable

    def _one_operand(self, op: _Op, operand: Items) -> None:
        """A function applied or another derivative among several factors is ambiguous, and so are parentheses
        with more after them: `\\frac{d}{dx}(x^2) \\cdot x` is (x²)′·x to some and (x³)′ to others."""
        if op.lead is None and len(operand) >= 2:
            written = [_label(node) for _, node in operand]
            first = _atom(operand[0][1]).prim
            if isinstance(first, Tree) and first.data == "paren":
                raise TranslationError(f"{op.label} {' '.join(written)}: the derivative of the parentheses or of the "
                                       "whole product? Write parentheses around what it acts on", command=op.label,
                                       cause="ambiguous")
            self._no_applied_factor(op, operand, written)

    def _quotient(self, top: sympy.Expr, bottom: sympy.Expr) -> sympy.Expr:
        """SymPy's quotient, as written."""
        return top / bottom

    def _applied_function(self, atom: _Atom, variables: Variables) -> sympy.Expr | None:
        """`\\frac{dM_r}{dr}`, `\\frac{dx_i}{dt}`: a subscripted name differentiated is a function too."""
        applied = super()._applied_function(atom, variables)
        if applied is not None or atom.sub is None or atom.sup is not None or atom.call is not None:
            return applied
        if atom.factorial or not (isinstance(atom.prim, Token) and atom.prim.type in _NAME_TOKENS):
            return None
        name = self._name(atom)
        if not isinstance(name, sympy.Symbol) or self.scope.defined(name.name):
            return None
        return self._as_function(name.name, list(dict.fromkeys(v for v, _ in variables)))

    def _as_function(self, name: str, variables: list[sympy.Expr]) -> sympy.Expr | None:
        """`\\frac{dx}{dt}`: x is a function x(t) (and every bare x of the display with it). Beside ∇ it is a field
        of position as well, of which the display shows no variable: the derivative stays whole (`_derivative`)."""
        if "\\nabla" in self.text:
            return None
        applied = self._undefined(name)(*variables)
        self.applied.setdefault(name, set()).add(applied)
        return applied

    def _differentiated_as(self, applied: sympy.Expr, kind: str | None) -> None:
        """`\\frac{du}{dt}` beside `\\frac{du}{dx}` may be a chain; `\\partial` says u is one function of both."""
        if kind == "d" and isinstance(applied, AppliedUndef):
            self.totals.add(applied.func.__name__)

    def _derivative(self, body: sympy.Expr, variables: Variables, label: str) -> sympy.Expr:
        """`\\frac{d}{dt}(\\mu \\dot r)`: names that do not show the variable depend on it all the same, as the
        note means; which of them do, it does not say. The derivative stays one operation on what is written,
        `d/dt(mu*r_dot)`, which nothing expands (`scan` leaves it unchecked) and which never becomes 0."""
        shown = any(body.has(v) for v, _ in variables) and not _dotted_in_time(body, [v for v, _ in variables])
        if shown or not (body.free_symbols or body.atoms(AppliedUndef)):
            return super()._derivative(body, variables, label)
        if label.startswith("\\partial_") and any(str(v) in _SPACETIME_INDICES for v, _ in variables):
            raise TranslationError(  # ∂_μ φ, ∂_i u_i: a component of a gradient in index notation, no variable μ
                f"{label}: an index, not a variable: index notation is not read", command=label,
                cause="ambiguous",
            )
        partial = "partial" in label
        name = "".join(_operator_name(variable, order, partial) for variable, order in variables)
        return self._undefined(name)(body)


_DIFFERENTIAL = re.compile(rf"d(?:[A-Za-z]|{'|'.join(('alpha', 'beta', 'gamma', 'theta', 'phi', 'varphi', 'psi', 'omega', 'Omega', 'tau', 'mu', 'nu', 'xi', 'eta', 'lambda', 'rho', 'sigma', 'chi'))})(?:_\w+)?")


def _dotted_in_time(body: sympy.Expr, variables: list[sympy.Expr]) -> bool:
    """`\\frac{d}{dt}(t \\dot r)`, `\\int t \\dot x\\,dt`: a dotted name is a derivative in time, so it depends on
    t, which the name alone does not show."""
    return any(str(v) == "t" for v in variables) and any(
        re.search(r"_d+ot\b", symbol.name) for symbol in body.free_symbols if isinstance(symbol, sympy.Symbol)
    )


_ACTIVATIONS = frozenset({"\\sigma", "\\phi", "\\varphi"})  # names notes give to functions and to values alike
_SPACETIME_INDICES = frozenset({"mu", "nu", "rho", "sigma", "lambda", "kappa", "alpha", "beta", "i", "j", "k", "l"})


def _operator_name(variable: sympy.Expr, order: object, partial: bool) -> str:
    """`d/dt`, `d^2/dt^2`, `∂/∂r`: the name of a derivative kept whole (see `FreeReader._derivative`)."""
    d = "∂" if partial else "d"
    power = "" if order == 1 else f"^{order}"
    return f"{d}{power}/{d}{variable}{power}"


_OVER = "over"  # the lower limit of an integral over a region: its upper limit holds the region


def _one_term(call: list[Tree] | None) -> bool:
    """A call of one argument that is one factor, a name to a power (`(Q^2)`, `(M_Z^2)`): the running coupling
    α(Q²) as likely as α times Q² (`F (4 \\pi R^2)`, `m (\\Omega^2 R)`: several factors multiply)."""
    if not call or len(call) != 1:
        return False
    sums = [c for c in call[0].children if isinstance(c, Tree)]
    if len(sums) != 1 or len(sums[0].children) != 1 or not isinstance(sums[0].children[0], Tree):
        return False
    product = sums[0].children[0]
    factor = product.children[0] if len(product.children) == 1 else None
    powers = [c for c in factor.children[1:] if isinstance(c, Tree) and c.data == "sup"] if isinstance(factor, Tree) else []
    return any(re.fullmatch(r"\{?\s*[0-9]+\s*\}?", _label(power.children[-1]).replace(" ", "")) for power in powers)


def _compound_label(group: Tree) -> bool:
    """A parenthesised superscript of more than one factor, `^{(N-n)}`."""
    inner = _lone_factor(group)
    if not isinstance(inner, Tree) or not isinstance(inner.children[0], Tree):
        return False
    paren = inner.children[0]
    written = _label(paren).replace(" ", "")
    return _lone_factor(paren) is None and not _ITERATE.fullmatch(written) and not written.startswith("[")


_ITERATE = re.compile(r"\(\\?[A-Za-z]+[+-][0-9]\)")  # `^{(t+1)}`, `^{(k-1)}`: the next or the last iterate
# (a bracketed superscript, `a^{[l-1]}`, is a layer's label whatever it holds: nobody raises to a bracket)


def _is_increment(value: sympy.Basic) -> bool:
    """`Δt`, `δx`: an increment read as one name."""
    return isinstance(value, sympy.Symbol) and value.name[:1] in ("Δ", "δ") and len(value.name) > 1


def _label_text(node: Tree | Token) -> str | None:
    """A superscript that labels: `{(i)}`, `{(\\ell)}`, `{(1)}` (not `{(N - n)}`, a power), or `0`, `{0}`
    (nobody writes x^0 for 1). Its text, or None."""
    if isinstance(node, Token):
        return "0" if str(node) == "0" else _word(node)
    inner = _lone_factor(node) if node.data == "group" else None
    if isinstance(inner, Tree) and len(inner.children) == 1 and isinstance(inner.children[0], Token):
        inner = inner.children[0]
    if isinstance(inner, Token):
        return "0" if str(inner) == "0" else _word(inner)
    if isinstance(inner, Tree) and isinstance(inner.children[0], Tree) and inner.children[0].data == "paren" \
            and len(inner.children) == 1 and not _compound_label(node):
        return "(" + "".join(_label(inner.children[0]).split()[1:-1]).replace("\\", "") + ")"
    return None


def _joined_denominators(parts: list[tuple[str | None, sympy.Expr]]) -> list[tuple[str | None, sympy.Expr]]:
    joined: list[tuple[str | None, sympy.Expr]] = []
    for op, factor in parts:
        after_slash = joined and joined[-1][0] in ("/", "\\div") and op == ""
        half = len(joined) > 1 and joined[-2][1] == 1 and joined[-1][1].is_Number  # 1/2 x
        if after_slash and not half:
            joined[-1] = (joined[-1][0], joined[-1][1] * factor)
        else:
            joined.append((op, factor))
    return joined


def _word(token: Token) -> str | None:
    """`^{\\text{new}}`, `^{\\mathrm{AB}}`: an upright word labels (a word cannot be an exponent)."""
    if token.type != "NAMED" or not re.match(r"\\(?:text|mathrm)", str(token)):
        return None
    word = _base_name(token)
    return word if len(word) > 1 and word.isalpha() else None


# Upright words that act on what follows them without parentheses (`\\mathrm{Var}\\, X`, `\\mathrm{tr} A`); any
# other upright word is a name (a unit, a label): `5\\,\\mathrm{kg}\\,\\mathrm{m}` multiplies.
_OPERATOR_WORDS = frozenset(
    "Var Cov Corr Cor Tr tr det diag sgn sign erf erfc KL rank softmax ReLU relu sigmoid logit Pr Prob grad div "
    "curl rot arg deg dim span supp proj vec Ent Res res Log Arg Ln".split()
)


def _operator_word(prim: Token, name: str) -> bool:
    """`\\operatorname{…}` acts; `\\mathrm`, `\\text` … act only for the words of `_OPERATOR_WORDS`."""
    return str(prim).startswith("\\operatorname") or name in _OPERATOR_WORDS


def _inverse(sup: Tree) -> bool:
    """`^{-1}` before a call: `f^{-1}(y)` is the inverse function."""
    tokens = [str(t) for t in sup.scan_values(lambda v: isinstance(v, Token)) if str(t) not in "{}"]
    return tokens == ["-", "1"]


def _named_in_words(value: sympy.Expr) -> bool:
    """A quantity named by a word (`\\text{Precision}`, `\\text{Critical Value}`, `\\mathrm{likelihood}`): a number,
    never a vector, so `\\times` beside it multiplies."""
    name = value.name if isinstance(value, sympy.Symbol) else ""
    return name.startswith('"') or (len(name) > 2 and name.isascii() and name.isalpha() and name not in _SYMBOLS
                                    and not name.isupper())


def _mentioned_after(terms: list[sympy.Expr]) -> list[tuple[set, set]]:
    """For each term, the free symbols of the terms after it and the tails of their names after the last `_`
    (`b_i` mentions i)."""
    after: list[tuple[set, set]] = [(set(), set())]
    for term in reversed(terms[1:]):
        symbols, tails = after[-1]
        free = term.free_symbols
        names = {s.name.rsplit("_", 1)[1] for s in free if isinstance(s, sympy.Symbol) and "_" in s.name}
        after.append((symbols | free, tails | names))
    return after[::-1]
