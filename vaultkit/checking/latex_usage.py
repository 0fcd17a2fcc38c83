r"""How a note uses its names: as functions, as values. The free reading decides `c_n(z - a)` from it.

A name before parentheses is a function applied or a factor that multiplies, and TeX does not say which.
The note often does: `\sigma(z)` applied to a plain name elsewhere makes σ a function, and `\sigma(w^T x + b)`
is σ applied too; `\lambda` written alone elsewhere makes λ a value, and `\lambda(\sum_i p_i - 1)`
multiplies. `usage` collects both from the parse trees of a display, `note_usage` from every display of a
note. Only the trees are read: nothing here knows a scope.
"""

from __future__ import annotations

import re

from collections.abc import Iterable
from dataclasses import dataclass

from lark import Token, Tree

from .latex_syntax import _parse
from .latex_vocabulary import TranslationError

_NAMES = frozenset({"LETTER", "SYM", "NAMED", "DECOR"})
_UPRIGHT = re.compile(  # upright text, kept whole: `\text{…}`, `\mathrm{…}`, `{\rm …}`
    r"(\\(?:text[a-z]*|mathrm|operatorname\*?|mathsf|mbox)\s*\{[^{}]*\}|\\rm\s+[A-Za-z]+)"
)
_ATOMS = _NAMES | {"NUMBER"}
_LONE_CAPITAL = re.compile(r"(?<![\\A-Za-z_^])[A-Z](?![A-Za-z_^'(\[])")  # I in I = U/R; not S_n, E[X], P(A)


@dataclass(frozen=True)
class Usage:
    """Names applied to plain arguments (`f(x)`, `p(x \\mid y)`) and names written as values (`n`, `c_n`)."""

    functions: frozenset[str] = frozenset()
    values: frozenset[str] = frozenset()
    operators: frozenset[str] = frozenset()  # names written with a dagger (c_k^†) or in both orders (gh, hg): operators
    abbreviations: frozenset[str] = frozenset()  # spelled out in the note's prose (`vaultkit.abbreviations`)

    def __or__(self, other: Usage) -> Usage:
        return Usage(self.functions | other.functions, self.values | other.values, self.operators | other.operators,
                     self.abbreviations | other.abbreviations)

    def upright_abbreviations(self, tex: str) -> str:
        """`SE = s / \\sqrt n` in a note that spells out "standard error (SE)": `\\mathrm{SE}`, one name, as
        the note says; outside upright text only (`\\text{SE}` is a name already)."""
        named = [a for a in self.abbreviations if not re.search(r"(?<![\\A-Za-z])" + r"\s+".join(a) + r"(?![A-Za-z])", tex)]
        if not named:  # `S E = SE`: the display writes the letters apart too, so they are names of their own
            return tex
        pattern = re.compile(r"(?<![\\A-Za-z])(" + "|".join(map(re.escape, sorted(named, key=len, reverse=True)))
                             + r")(?![A-Za-z])")
        pieces = _UPRIGHT.split(tex)
        return "".join(piece if at % 2 else pattern.sub(r"\\mathrm{\1}", piece) for at, piece in enumerate(pieces))

    def mentions_operator(self, text: str) -> bool:
        """Whether `text` writes one of the note's operators, with or without its dagger (`c_{-k} c_k`)."""
        return any(re.search(("" if name.startswith("\\") else r"(?<![\\A-Za-z])") + re.escape(name) + r"(?![A-Za-z])", text)
                   for name in self.operators)


def name_key(token: Token, sub: Tree | None = None) -> str:
    """One key for a name with its subscript however it is spaced: `\\hat{A}`, `H_0`, `c_{n}` (H_0 is not H)."""
    key = "".join(str(token).split())
    if sub is not None:
        key += "_" + "".join(str(t) for t in sub.scan_values(lambda v: isinstance(v, Token)) if str(t) not in "{}")
    return key


def usage(tree: Tree) -> Usage:
    """The functions and values of one parse tree (see `Usage`)."""
    functions: set[str] = set()
    values: set[str] = set()
    labels = {id(node) for sub in tree.find_data("sub") if _one_name(sub) for node in sub.iter_subtrees()}
    for node in tree.iter_subtrees():
        first = node.children[0] if node.children else None
        if not (isinstance(first, Token) and first.type in _NAMES) or id(node) in labels:
            continue
        if node.data == "arg":  # x^n, \sum_{k=1}^{n}: n is a value
            values.add(name_key(first))
        if node.data != "factor":
            continue
        call = next((c for c in node.children if isinstance(c, Tree) and c.data == "call"), None)
        sub = next((c.children[-1] for c in node.children[1:] if isinstance(c, Tree) and c.data == "sub"), None)
        if call is None:
            values.add(name_key(first, sub))
        elif plain_call(call, labels=not any(isinstance(c, Tree) and c.data == "sup" for c in call.children[3:])):
            functions.add(name_key(first, sub))
    composed = _composed(tree)  # g \\circ f: functions, though written without an argument
    return Usage(frozenset(functions | composed), frozenset(values - composed), reordered_names(tree))


def _composed(tree: Tree) -> set[str]:
    """The names on either side of a `\\circ`."""
    names = set()
    for product in tree.find_data("product"):
        children = product.children
        for at, child in enumerate(children):
            if isinstance(child, Token) and str(child) == "\\circ":
                for factor in (children[at - 1], children[at + 1] if at + 1 < len(children) else None):
                    if isinstance(factor, Tree) and factor.data == "factor" and isinstance(factor.children[0], Token):
                        names.add(name_key(factor.children[0]))
    return names


def _one_name(sub: Tree) -> bool:
    """`L_g`, `N_{H}`: a subscript of one name labels the name it is under (`s_{t-L}` computes with L)."""
    tokens = [t for t in sub.scan_values(lambda v: isinstance(v, Token)) if t.type not in ("SUB", "LBRACE", "RBRACE")]
    return len(tokens) == 1 and tokens[0].type in _NAMES


def note_usage(texts: Iterable[str], abbreviations: Iterable[str] = ()) -> Usage:
    """The usage of every display of a note that parses in the free reading (the others add nothing), with the
    abbreviations its prose spells out."""
    texts = list(texts)
    alone = {m.group() for text in texts for m in _LONE_CAPITAL.finditer(text)}
    found = Usage(abbreviations=frozenset(a for a in abbreviations if not set(a) <= alone))  # I, R alone: IR is I·R
    for text in texts:
        found = found | Usage(operators=frozenset(m.group(1) for m in _DAGGERED.finditer(text)))
        try:
            found = found | usage(_parse(text, True))
        except (TranslationError, RecursionError):
            continue
    return found


# `c_k^\dagger`, `a^{\dagger}_{k}`, `\psi^\dagger(x)`: a name with a dagger is an operator wherever the note writes it
_DAGGERED = re.compile(
    r"(?<![\\A-Za-z])([A-Za-z]|\\[A-Za-z]+)\s*(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+)\s*)?\^\s*\{?\s*\\dag(?:ger)?(?![A-Za-z])"
)


def plain_call(call: Tree, labels: bool = True) -> bool:
    """Function notation: every argument a lone name or number (`ψ(x)`, `V(r, θ)`, `f(0)`, `x_i(t)`), or a
    condition (`p(x \\mid y)`), not an expression (`(z - a)`, `(n + 1)`, `(2x)`). `labels`: whether a labelled
    name counts (`h(x^{(i)})`); not before a power, where the parentheses hold it for the power
    (`λ_i (u^{(i)})^T u^{(i)}`)."""
    arglist = next((c for c in call.children if isinstance(c, Tree) and c.data == "arglist"), None)
    return arglist is not None and plain_arguments([s for s in arglist.children if isinstance(s, Tree)], labels)


def plain_arguments(statements: list[Tree], labels: bool = True) -> bool:
    """The statements of a call are function notation (see `plain_call`)."""
    return bool(statements) and all(_plain_argument(s, labels) for s in statements)


def _plain_argument(statement: Tree, labels: bool) -> bool:
    relations = [c for c in statement.children if isinstance(c, Token)]
    if relations:  # p(x \mid y), P(X = k): a condition or an event names its terms
        return True
    sums = [c for c in statement.children if isinstance(c, Tree)]
    return len(sums) == 1 and _lone_atom(sums[0], labels)


def _lone_atom(total: Tree, labels: bool) -> bool:
    if len(total.children) != 1 or not isinstance(total.children[0], Tree):
        return False  # a sign, or several terms
    product = total.children[0]
    if len(product.children) != 1 or not isinstance(product.children[0], Tree):
        return False  # several factors
    factor = product.children[0]
    first = factor.children[0] if factor.children else None
    if not (isinstance(first, Token) and first.type in _ATOMS):
        return False
    return all(isinstance(c, Tree) and (c.data == "sub" or _marked(c, labels)) for c in factor.children[1:])


def _marked(script: Tree, labels: bool) -> bool:
    """`p^*`, `a^\\dagger`, `x^{(i)}`, `a^{[l]}`: a name still (x_i too; x^2 and x(t) are not)."""
    arg = script.children[-1]
    node = arg.children[0] if isinstance(arg, Tree) and arg.children else arg
    if script.data != "sup":
        return False
    if isinstance(node, Token):
        return node.type == "STAR" or str(node) == "\\dagger"
    return labels and _labelled(node)


def _labelled(group: Tree) -> bool:
    """`{(i)}`, `{[l]}`: one letter in parentheses or brackets, the label of an example or a layer."""
    if group.data != "group":
        return False
    subtrees = list(group.iter_subtrees())
    factors = [t for t in subtrees if t.data == "factor"]
    if len(factors) != 2 or sum(t.data == "paren" for t in subtrees) != 1:
        return False
    letters = [f.children[0] for f in factors if len(f.children) == 1 and isinstance(f.children[0], Token)]
    return len(letters) == 1 and len(str(letters[0])) == 1 and str(letters[0]).isalpha()


def keeps_order(tree: Tree) -> bool:
    """Whether the display's products must keep their written order: a capital beside another letter
    (`TR`, `EF + FE`, `gK`: operators, matrices, group elements, or scalars — TeX does not say), two names
    written side by side in both orders (`\\sigma_x\\sigma_y - \\sigma_y\\sigma_x`) or a transpose (`\\theta^T x`,
    `A^\\top b`)."""
    for node in tree.iter_subtrees():
        if node.data == "sup" and _transpose(node):
            return True
        if node.data != "product":
            continue
        names = [_name(child) for child in node.children]
        for left, right in zip(names, names[1:]):
            if left and right and "d" not in (left, right) and (_capital(left) or _capital(right)):  # not T dS
                return True
    return bool(reordered_names(tree))


def reordered_names(tree: Tree) -> frozenset[str]:
    """The names written side by side in both orders (`\\sigma_x\\sigma_y - \\sigma_y\\sigma_x`, `(gh)^{-1} =
    h^{-1}g^{-1}`), scripts aside (`R_{abcd} = -R_{bacd}` permutes indices, not factors): they do not commute."""
    pairs: set[tuple[str, str]] = set()
    bases: dict[str, str] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if node.data == "product":
            keys = [_key(child) for child in node.children]
            bases.update((key, str(child.children[0])) for key, child in zip(keys, node.children) if key)
            pairs.update((left, right) for left, right in zip(keys, keys[1:])
                         if left and right and left != right and not {left, right} & _PREFIXES)
        stack.extend(c for c in node.children if isinstance(c, Tree) and c.data not in ("sub", "sup"))
    return frozenset(bases[name] for left, right in pairs if (right, left) in pairs for name in (left, right))


def _key(node: object) -> str | None:
    """A factor's name with its subscript (`\\sigma_x`), and a star or dagger when it has one (`c_1^*`), or None."""
    if _name(node) is None:
        return None
    sub = next((c for c in node.children[1:] if isinstance(c, Tree) and c.data == "sub"), None)  # type: ignore[union-attr]
    sup = next((c for c in node.children[1:] if isinstance(c, Tree) and c.data == "sup"), None)  # type: ignore[union-attr]
    marked = sup is not None and any(str(t) in ("*", "\\ast", "\\dagger", "\\dag")
                                     for t in sup.scan_values(lambda v: isinstance(v, Token)))
    return name_key(node.children[0], sub) + ("^*" if marked else "")  # type: ignore[union-attr]  # c_1^* is not c_1


_CONSTANTS = frozenset({"\\pi", "\\hbar", "\\infty", "\\partial"})
_PREFIXES = frozenset({"d", "\\Delta", "\\delta"})  # Δx Δp: increments, whose Δ stands beside each name
_CAPITALS = frozenset("Gamma Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split())  # not Δ: Δx is an increment


def _name(node: object) -> str | None:
    """The name a factor is, scripts aside (`T`, `K_R`, `\\Lambda`, `\\sigma_y`, `\\hat{H}`), or None."""
    if not (isinstance(node, Tree) and node.data == "factor" and node.children):
        return None
    first = node.children[0]
    if not isinstance(first, Token) or first.type not in ("LETTER", "SYM", "DECOR") or str(first) in _CONSTANTS:
        return None
    return str(first)


def _capital(name: str) -> bool:
    """A Latin capital, a Greek capital, or a decorated capital: a matrix or an operator as often as a number."""
    if name.startswith("\\"):
        inner = name.split("{")[-1].rstrip("}").lstrip("\\")
        return inner[:1].isupper() and (len(inner) == 1 or inner in _CAPITALS)
    return name.isupper()


def _transpose(sup: Tree) -> bool:
    arg = sup.children[-1]
    tokens = [t for t in arg.scan_values(lambda v: isinstance(v, Token))] if isinstance(arg, Tree) else [arg]
    texts = [str(t) for t in tokens if str(t) not in "{}"]
    return texts in (["T"], ["\\top"], ["\\intercal"])
