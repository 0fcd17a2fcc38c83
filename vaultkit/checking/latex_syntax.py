"""The grammar side of the LaTeX reader: the LALR parser of `latex.lark` with its post-lexer (`latex_tokens`),
text that says which reading a display needs, and small helpers over parse trees. The vocabulary lives in
`latex_vocabulary` and is re-exported here for the readers; nothing here knows a note's scope."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import sympy
from sympy.core.function import AppliedUndef
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from .latex_doubts import refuse_doubtful
from .latex_free import ambiguous_word, prepare, without_brace_notes
from .latex_tokens import Classifier, FreeTokenRoles, TokenRoles
from .latex_vocabulary import (  # noqa: F401 - the readers import the vocabulary from here
    MAX_DEPTH, MAX_EXPONENT, MAX_FACTORIAL, MAX_LENGTH, MAX_LITERAL, MAX_NESTING, MAX_NUMBER_BITS, MAX_ORDER,
    TranslationError, _BIGOPS, _BINOMIALS, _DECORATED, _DECORATIONS, _ELLIPSES, _ELLIPSIS, _FRACTIONS, _FUNCTIONS,
    _GREEK, _IGNORED, _IMPLIES, _LEFT, _MULOPS, _NAMED, _NONCOMMUTING, _NOTATION, _OPERAND_END, _OTHER_REASONS,
    _PROSE, _QUADS, _REFUSED, _RELATIONS, _RIGHT, _SET_RELATIONS, _SYMBOLS, _VARIANTS, _BRACED,
)


@lru_cache(maxsize=2)
def _parser(free: bool = False) -> Lark:
    grammar = Path(__file__).with_name("latex.lark").read_text(encoding="utf-8")
    roles = FreeTokenRoles if free else TokenRoles
    return Lark(grammar, parser="lalr", lexer="basic", postlex=Classifier(roles), maybe_placeholders=False)


_OPERATORS = re.compile(
    r"\\(?:mathbf|boldsymbol|bm|vec|hat|widehat|nabla|ket|bra|braket|expval|langle|rangle|dagger|[cl]?dots[bcmio]?|[vd]dots)"
    r"(?![A-Za-z])"
)  # ellipses too: a product with … in it keeps its order
_I_AS_INDEX = re.compile(  # x_i, x_{ij}, \sum_{i=1}, P(i), ⟨i|, |i⟩, i = 1: i is an index or a label
    r"_\s*(?:i(?![A-Za-z])|\{[^{}]*?(?<![A-Za-z\\])[A-Za-z]?i[A-Za-z]?(?![A-Za-z]))"
    r"|(?<![A-Za-z\\])i\s*(?:=|\\in(?![A-Za-z]))"
    r"|[(,|]\s*i\s*(?=[),|]|\\rangle)|\\langle\s*i(?![A-Za-z])|\\(?:ket|bra|braket)\s*\{\s*i\s*\}"
)
_BARE_OPERATOR = re.compile(r"(\\(?:hat|widehat)\s*\{[^{}]*\})(?!\s*(?:\(|\\left\s*\(|\^|_|'))\s*\S")
_COMMUTATOR = re.compile(r"\[[^\[\],=]+,[^\[\],=]+\]")  # [A, B]: A and B need not commute


_TRAILING = re.compile(r"(?:\s|\\[,;:! ]|\\q?quad(?![A-Za-z])|~|[.,;])+\Z")


def _as_written(tex: str, prepared: str | None) -> str:
    """A claim is read as written."""
    return tex


def _free_text(tex: str, prepared: str | None) -> str:
    """The free reading's text (`latex_free.prepare`), refused when a word in it would be read as letters."""
    refuse_doubtful(without_brace_notes(tex))  # the note under a brace is a remark: `\\underbrace{J}_{(1)}`
    tex = prepare(tex) if prepared is None else prepared
    tex = re.sub(r"(?:\\\\|&|\s)+\Z", "", tex)  # a last line break ends nothing, nor an empty last row
    _no_comma_number(tex)
    word = ambiguous_word(tex)
    if word is not None and word.endswith("("):
        raise TranslationError(
            f"{word}…): letters before parentheses are a product in TeX and a function to a reader: "
            f"write \\operatorname{{{word[:-1]}}}(…) or \\{word[:-1]}", command=word, cause="ambiguous",
        )
    if word is not None:
        raise TranslationError(
            f"{word}: a word in a formula is a product of letters in TeX: write \\text{{{word}}} or "
            f"\\mathrm{{{word}}}", command=word, cause="ambiguous",
        )
    return tex


_COMMA_NUMBER = re.compile(r"(?<![\w.,])\d{1,3},\d{3}(?![\d,])")


def _no_comma_number(tex: str) -> None:
    """`30,000`, `3,142`, `0,125` outside parentheses: thousands, a decimal comma, or two values?"""
    for match in _COMMA_NUMBER.finditer(tex):
        before = tex[: match.start()]
        if before.count("(") + before.count("[") <= before.count(")") + before.count("]"):
            raise TranslationError(
                f"{match.group()}: thousands, a decimal comma or two values? Write 30{{,}}000, 3.142 or 3, 142",
                command=match.group(), cause="ambiguous",
            )


_PREPARATIONS = {False: _as_written, True: _free_text}  # by strictness: the claim's, the free reading's


def _parse(tex: str, free: bool = False, prepared: str | None = None) -> Tree:
    """The parse tree of `tex`; in the free reading, of `prepared` (`latex_free.prepare(tex)`) when given."""
    if not isinstance(tex, str):
        raise TypeError("LaTeX must be a string")
    if len(tex) > MAX_LENGTH:
        raise TranslationError(f"LaTeX longer than {MAX_LENGTH} characters", cause="too-large")
    tex = _PREPARATIONS[free](tex, prepared)
    text = _TRAILING.sub("", tex).strip()
    if not text:
        raise TranslationError("empty equation", cause="syntax")
    parser = _parser(free)
    try:
        for _ in parser.lex(text):  # unknown commands are reported before syntax errors
            pass
        return parser.parse(text)
    except TranslationError as error:
        if error.command == "\\begin":
            environment = re.search(r"\\begin\s*\{([^{}]*)\}", text)
            if environment:
                error.command = f"\\begin{{{environment.group(1)}}}"
        raise
    except UnexpectedToken as error:
        found = "the end" if error.token.type == "$END" else str(error.token)
        raise TranslationError(
            f"cannot read the LaTeX at column {error.column}: unexpected {found}",
            command=None if error.token.type == "$END" else str(error.token), cause="syntax",
        ) from None
    except UnexpectedEOF:
        raise TranslationError("the LaTeX ends too early", cause="syntax") from None
    except (UnexpectedCharacters, UnexpectedInput) as error:
        raise TranslationError(f"cannot read the LaTeX: {error}", cause="syntax") from None
    except RecursionError:
        raise TranslationError("nested too deeply", cause="too-large") from None


# ---------------------------------------------------------------- tree helpers


@dataclass
class _Atom:
    """A name, number or command with its scripts and an optional call: `x_i^2`, `\\sigma(x)`."""

    prim: Token | Tree
    sub: Tree | None = None  # the `arg` of `_`
    sup: Tree | None = None  # the `arg` of `^`
    call: list[Tree] | None = None  # statements inside the call parentheses
    post_sup: Tree | None = None  # `^` after the call: f(x)^2
    factorial: bool = False  # `n!`
    bracket: bool = False  # the call is in brackets: `E[X]`

    def bare(self) -> bool:
        return self.sub is None and self.sup is None and self.call is None and not self.factorial


@dataclass
class _Op:
    """Something that acts on what follows it in a product."""

    kind: str  # func sum prod int lim deriv
    label: str
    fn: Callable[..., sympy.Expr] | None = None  # func
    power: sympy.Expr | None = None  # func: \sin^2
    base: sympy.Expr | None = None  # func: \log_b
    limits: list[tuple] = field(default_factory=list)  # sum/prod: (i, lo, hi); int: (lo, hi); lim: (x, a, dir)
    variables: list[tuple] = field(default_factory=list)  # deriv: (var, order)
    lead: sympy.Expr | None = None  # \sum_i(x_i): the parenthesised first factor
    alone: str | None = None  # free reading: \operatorname{loss} with nothing after it is the name `loss`


def _statements(glist: Tree) -> list[Tree]:
    return [c for c in glist.children if isinstance(c, Tree)]


def _single_digit(arg: Tree) -> None:
    """`x^23` is x^2 times 3 in TeX: a number argument without braces must be a single digit."""
    node = arg.children[0]
    if isinstance(node, Token) and node.type == "NUMBER" and len(node) > 1:
        raise TranslationError(
            f"an argument {node} without braces is ambiguous in TeX (only its first digit counts): write {{{node}}}",
            command=str(node), cause="ambiguous",
        )


def _no_tuple(values: list[sympy.Basic]) -> None:
    if any(isinstance(v, sympy.Tuple) for v in values):
        raise TranslationError("arithmetic on a tuple", command=",", cause="unsupported-construct")


def _lone_factor(group: Tree) -> Tree | Token | None:
    """The one factor in braces `{…}` with no sign or operator, or None."""
    statements = _statements(group.children[1])
    if len(statements) != 1 or len(statements[0].children) != 1:
        return None
    total = statements[0].children[0]
    if len(total.children) != 1 or not isinstance(total.children[0], Tree):
        return None
    product = total.children[0]
    if len(product.children) != 1:
        return None
    return product.children[0]


def _is_vector(value: sympy.Expr) -> bool:
    """A vector of the free reading: `\\mathbf{x}` (x_vec), a matrix, a gradient or a curl."""
    if isinstance(value, sympy.MatrixBase):
        return True
    if isinstance(value, (sympy.Symbol, AppliedUndef)):
        name = value.name if isinstance(value, sympy.Symbol) else value.func.__name__
        return re.search(r"_vec(?:_|$)", name) is not None or name in ("grad", "curl", "cross")
    return False


def _script_token(script: Tree) -> Token | None:
    """The one token of a script, braced or not: `^a`, `^{a}`, `^{\\mathrm{AB}}`; else None."""
    node = script.children[0]
    inner = node if isinstance(node, Token) else _lone_factor(node)
    inner = inner.children[0] if isinstance(inner, Tree) and len(inner.children) == 1 else inner
    return inner if isinstance(inner, Token) else None


def _letter_superscript(sup: Tree) -> bool:
    """`^a`, `^{a}`: one letter (not T, the transpose)."""
    token = _script_token(sup)
    return token is not None and token.type == "LETTER" and str(token) != "T"


def _is_adjoint(sup: Tree) -> bool:
    node = sup.children[0]
    return isinstance(node, Token) and (node.type == "STAR" or str(node) == "\\dagger")


def _label(node: Token | Tree) -> str:
    if isinstance(node, Token):
        return str(node)
    tokens = [str(t) for t in node.scan_values(lambda v: isinstance(v, Token))]
    text = " ".join(tokens)
    return text if len(text) < 60 else text[:57] + "…"


def _letter_uses(tree: Tree) -> tuple[frozenset[str], frozenset[str]]:
    """The names (letters and Greek names, as written) that a text uses as values, and those it writes in a
    subscript (as an index, or as a sum's variable).

    A use as a value is any occurrence that is not directly applied to parentheses: the `n` of `n^2`, of
    `\\sum_{k=1}^{n}`, of `x_n`, and the inner `n` of `n(n+1)`, but not the outer one. A claim reads a name
    it uses as a value as a value before parentheses too: `n(n+1)` is n·(n+1) beside `\\sum_{k=1}^{n}`.
    """
    values: set[str] = set()
    indices: set[str] = set()
    for node in tree.iter_subtrees():
        if node.data == "sub":
            indices.update(str(t) for t in node.scan_values(_is_name_token))
        first = node.children[0] if node.children else None
        if not _is_name_token(first):
            continue
        applied = any(isinstance(c, Tree) and c.data == "call" for c in node.children)
        if node.data == "arg" or (node.data == "factor" and not applied):
            values.add(str(first))
    return frozenset(values), frozenset(indices)


def _is_name_token(value: object) -> bool:
    return isinstance(value, Token) and value.type in ("LETTER", "SYM")
