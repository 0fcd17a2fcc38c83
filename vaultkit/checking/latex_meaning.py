"""What the values of a free reading mean together, which no one of them shows.

The reader builds each factor, product and statement; these checks look at what it built and refuse where
TeX leaves the meaning open: an index written on two factors (Einstein's sum?), words beside a factor, set
operations and vector products mixed without parentheses, i multiplied (the imaginary unit?), an evaluation
bar that evaluates nothing. `Labelled` is the member of a family written with a label (`x^{(i)}` under
`\\sum_i`). A part of the free reading (`latex_free_reader`).
"""

from __future__ import annotations

import re

import sympy
from sympy.core.function import AppliedUndef
from sympy.physics.quantum.qexpr import QExpr

from .latex_syntax import TranslationError, _is_vector
from .latex_tokens import SET_OPERATIONS
from .latex_vocabulary import QUANTUM_GATE

Parts = list[tuple[str | None, sympy.Expr]]


class Labelled(sympy.Indexed):
    """`x^{(i)}` under a sum over i: the i-th member of a family, printed as written (x^(i)), varying with i."""

    def _sympystr(self, printer) -> str:  # noqa: ANN001 - SymPy's printer
        return f"{printer._print(self.base)}^({', '.join(printer._print(i) for i in self.indices)})"


_INDEX = r"mu|nu|rho|sigma|alpha|beta|[ijklmn]"
_SUBSCRIPT = re.compile(rf"[^_]+_((?:{_INDEX})+)")  # A_ij, u_j, g_munu: a subscript of index letters only


def indices_of(value: sympy.Basic) -> set[str]:
    """The index letters in the subscripts of the names of `value` (`A_ij` → {i, j})."""
    names = [s.name for s in value.free_symbols if isinstance(s, sympy.Symbol)]
    return {letter for name in names if (m := _SUBSCRIPT.fullmatch(name)) for letter in re.findall(_INDEX, m.group(1))}


def repeated_index(parts: Parts) -> set[str]:
    """The index letters written on two factors of one product (`A_{ij} u_j`, `a_i a_i`; `a_i^2` is one)."""
    seen: list[str] = []
    for _, factor in parts:
        base = factor.base if isinstance(factor, sympy.Pow) else factor
        if isinstance(base, sympy.Symbol):
            seen.extend(indices_of(base))
    return {letter for letter in seen if seen.count(letter) > 1}


def written_bare(text: str, name: str) -> bool:
    """Whether `name` (z, \\psi) stands somewhere in `text` without a bar over it (z beside \\bar{z})."""
    unbarred = re.sub(r"\\(?:bar|overline)\s*(?:\{[^{}]*\}|\\?[A-Za-z]+)", " ", text)
    lead = "" if name.startswith("\\") else r"(?<![\\A-Za-z])"
    return re.search(lead + re.escape(name) + r"(?![A-Za-z])", unbarred) is not None


def no_vacuous_bar(value: sympy.Expr) -> None:
    """`\\left. y \\right|_{t=0}`: y does not show t, so the bar says nothing; the author means y(0)."""
    for bar in value.atoms(AppliedUndef):
        if str(bar.func) == "at" and len(bar.args) == 3 and bar.args[1] not in bar.args[0].free_symbols:
            raise TranslationError(f"{bar.args[0]} evaluated at {bar.args[1]} = {bar.args[2]}, which it does not show: "
                                   f"a function of {bar.args[1]}? Write it so", command="|", cause="ambiguous")


def multiplies_i(value: sympy.Expr, name: str = "i") -> bool:
    """Whether the name i (or j) multiplies or is raised (`i\\omega L`, `i^i`), as the imaginary unit would be; not
    `P(i)` or `c_i`, where i labels."""
    def named(node: sympy.Basic) -> bool:
        return isinstance(node, sympy.Symbol) and node.name == name

    if not any(map(named, value.free_symbols)):  # a sum's own i is bound: (γλ)^i under \\sum_i
        return False
    return any(
        isinstance(node, (sympy.Mul, sympy.Pow)) and any(map(named, node.args)) for node in sympy.preorder_traversal(value)
    )


def one_vector_product(parts: Parts) -> None:
    """`\\vec a \\times \\vec b \\times \\vec c`, `\\vec a \\cdot \\vec b \\times \\vec c`: which product first? (A cross
    product is not associative, and a·(b×c) is not (a·b)c.)"""
    products = [op for op, _ in parts[1:] if op in ("\\cdot", "\\times")]
    if len(products) > 1 and any(_is_vector(value) for _, value in parts):
        raise TranslationError(f"{' '.join(products)} between vectors: which product first? Write parentheses",
                               command=products[-1], cause="ambiguous")


def no_matrix_then_factor(parts: Parts) -> None:
    """`\\begin{pmatrix} 2 & 1 \\\\ 1 & 2 \\end{pmatrix} \\mathbf{v}`: a matrix times a vector, which SymPy would
    multiply into every entry; a factor after a matrix is refused (a number before it scales it)."""
    for (_, left), (_, right) in zip(parts, parts[1:]):
        if isinstance(left, sympy.MatrixBase) and not isinstance(right, sympy.MatrixBase) and not right.is_number:
            raise TranslationError("a matrix times what follows it: a vector, or a scalar? Not read", command="\\begin",
                                   cause="ambiguous")


def one_set_operation(parts: Parts) -> None:
    """`A \\cup B \\cup C` is read; `A \\cup B \\cap C` (no agreed precedence) and `2 A \\cup B` are not."""
    ops = {op for op, _ in parts[1:]}
    used = {op for op in ops if op and op[1:] in SET_OPERATIONS}
    if used and len(ops) > 1 and not _scaled_tensor_product(parts):
        raise TranslationError(f"{' '.join(sorted(o or '·' for o in ops))}: which operation binds first? Write "
                               "parentheses", command=sorted(used)[0], cause="ambiguous")


def _scaled_tensor_product(parts: Parts) -> bool:
    """`\\frac{1}{\\sqrt 2} (\\ket 0 + \\ket 1) \\otimes \\ket 0`: scalars before a tensor product scale it whichever
    binds first (⊗ is bilinear); an operator before it (`H \\ket 0 \\otimes \\ket 0`) does not."""
    first = next((i for i, (_, value) in enumerate(parts) if not _scalar(value)), len(parts))
    return 0 < first < len(parts) and all(op == "\\otimes" for op, _ in parts[first + 1:])


def _scalar(value: sympy.Expr) -> bool:
    """A number, or an expression of numbers and lower-case names (`(-1)^{x_0}`, `e^{i\\theta}`, `2^{-n/2}`): no
    state, operator or matrix (names read in written order do not commute, so commuting cannot tell)."""
    for node in sympy.preorder_traversal(value):
        if isinstance(node, (QExpr, sympy.MatrixBase)):
            return False
        if isinstance(node, (sympy.Symbol, AppliedUndef)) and not str(getattr(node, "name", node.func))[:1].islower():
            return False
    return True


def is_state(value: sympy.Expr) -> bool:
    """A ket, a sum of scaled kets, or a tensor product of states: `\\alpha\\ket{0} + \\beta\\ket{1}`."""
    from sympy.physics.quantum import Ket

    if isinstance(value, Ket):
        return True
    if isinstance(value, sympy.Add):
        return all(map(is_state, value.args))
    if isinstance(value, sympy.Mul):
        states = [factor for factor in value.args if not _scalar(factor)]
        return len(states) == 1 and is_state(states[0])
    return isinstance(value, AppliedUndef) and str(value.func) == "otimes" and all(map(is_state, value.args))


def no_operator_before_states(parts: Parts) -> None:
    """`H \\ket 0 \\ket 1`: H on the first system, or on both? Refused; a gate of several systems written by its
    name (`CNOT \\ket a \\ket b`) acts on all of them."""
    for position in range(len(parts) - 2):
        (_, operator), (_, first), (op, second) = parts[position: position + 3]
        if op == "" and not _scalar(operator) and not is_state(operator) and is_state(first) and is_state(second) \
                and not QUANTUM_GATE.fullmatch(str(operator)):
            raise TranslationError(f"{operator} before states side by side: on the first, or on all of them? Write "
                                   "parentheses", command="\\ket", cause="ambiguous")


def no_words_beside(parts: Parts) -> None:
    """A quantity in words stands alone between operators: `30\\% \\text{ of the energy}` is a remark on 30 %,
    not a product."""
    for position, (op, factor) in enumerate(parts):
        if not (isinstance(factor, sympy.Symbol) and factor.name.startswith('"')):
            continue
        after = parts[position + 1][0] if position + 1 < len(parts) else None
        if (position and op == "") or after == "":
            raise TranslationError(f"{factor.name} beside a factor: a remark or a quantity?", command="\\text",
                                   cause="ambiguous")


def operator_like(value: sympy.Expr) -> bool:
    """`A`, `\\hat{x}`, `L_z`, `AB`: a name that reads as an operator (a capital or a hat), or a product of them;
    not `a`, `0`, `t_0` (the ends of an interval)."""
    names = [value] if isinstance(value, (sympy.Symbol, sympy.Indexed)) else list(value.args) if isinstance(
        value, sympy.Mul) else []
    return bool(names) and all(
        isinstance(n, (sympy.Symbol, sympy.Indexed)) and (str(n)[:1].isupper() or "_hat" in str(n)) for n in names
    )
