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
    - `e`: `e^{…}` is exp(…); a bare `e` is `Symbol("e")` (the caller warns). When
      the scope declares `e`, `e` is that symbol everywhere. `\exp` and
      `\mathrm{e}` are always the exponential.
    - `i` is never guessed to be the imaginary unit: it is the scope's `i` or
      `Symbol("i")`. The imaginary unit is written `\mathrm{i}` or `\imath`; these
      are an error when the scope declares a name `i` (ambiguous). `E` and `I` are
      ordinary names in LaTeX.

Applications and products
    - `f(x)` is a call when f is a function of the scope, `\sin(x)` a call of
      the built-in function. `x(1 - x)` is a product when x is a declared symbol
      or definition. An undeclared name followed by parentheses is ambiguous:
      an error (`unknown-function`), or an undefined `Function` with `free=True`.
    - `\sin x`, `\ln Z`, `\sin^2 x`, `\log_b x`: a function without parentheses
      takes exactly one factor; `\sin 2x` or `\ln x y` (an implicit product after
      the argument) is an error.
    - `a/b c` is ambiguous (a/(bc) or (a/b)c): an error; write `\frac`.

Operators
    - `\frac{d}{dx}`, `\frac{df}{dx}`, `\frac{d^2 f}{dx^2}`, `\frac{\partial f}{\partial x}`,
      `\frac{\partial^2 f}{\partial x \partial y}`, `\partial_x f` → unevaluated
      `Derivative`. An operator (`\frac{d}{dx}`, `\partial_x`) acts on the rest of
      its product. A bare function of the scope differentiated (`\frac{d\sigma}{dx}`)
      is applied to the variable (or, for several parameters, to its own
      parameters, which must include the variables). A derivative of an
      expression that involves undeclared names but not the variable (it would
      be 0) is an error. A fraction of this shape is a derivative even when
      the scope declares a name `d`.
    - `\sum_{i=1}^{n}`, `\prod`: the body is the rest of the product
      (`\sum_i w_i x_i + b` is (Σ wᵢxᵢ) + b). `\sum_i` sums over the declared
      `range` of i, else an error with cause `no-range`.
    - `\int_a^b f\,dx` → `Integral`; the body runs to the differential `dx` (or
      `\mathrm{d}x`); `\int_a^b dx\, f` works too. An integral without both bounds
      is an error (an indefinite integral is not an identity).
    - `\lim_{x \to a}` → `Limit` (two-sided; `a^+`, `a^-` one-sided).
    - A `d` directly followed by a name outside a derivative or integral (`dF`)
      is an error unless the scope declares `d`.

Refused with an error naming the construct: relations other than `=` (`\approx`,
`\le`, `<`, `\to` …), vectors and operators (`\nabla`, `\vec`, `\mathbf`, `\hat`),
bra-ket notation, `\mathbb`, environments (matrices), primes (`x'`), factorials,
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import sympy
from sympy.core.function import AppliedUndef
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.lark import PostLex

from .latex_free import ambiguous_word, is_complex, prepare
from .scope import Scope

__all__ = ["TranslationError", "read_display", "translate", "translate_equation", "translate_equations"]

MAX_LENGTH = 5_000  # characters of LaTeX
MAX_NESTING = 40  # open braces, parentheses and bars at once
MAX_DEPTH = 200  # nested constructs while translating
MAX_LITERAL = 10**100
MAX_EXPONENT = 10**4  # numerator and denominator of a numeric exponent
MAX_NUMBER_BITS = 12_000  # bits of an exact number built from literals (printable: < 4300 digits)
MAX_ORDER = 20  # of a derivative


class TranslationError(Exception):
    """The LaTeX could not be translated.

    `message` says why, `command` names the LaTeX command or construct that was
    not understood (or None), and `cause` is a short category for coverage
    statistics: unknown-command, unsupported-construct, unknown-function,
    no-range, relation, not-an-equation, multiple-equations, ambiguous, syntax,
    too-large.
    """

    def __init__(self, message: str, *, command: str | None = None, cause: str = "unsupported-construct") -> None:
        super().__init__(message)
        self.message = message
        self.command = command
        self.cause = cause


# ---------------------------------------------------------------- vocabulary

_GREEK = frozenset(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi rho sigma tau upsilon phi chi psi "
    "omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega varpi".split()
)
_VARIANTS = {
    "varepsilon": "epsilon", "vartheta": "theta", "varrho": "rho", "varsigma": "sigma",
    "varphi": "phi", "varkappa": "kappa", "digamma": "digamma",
}  # fmt: skip
_SYMBOLS = _GREEK | frozenset(_VARIANTS) | frozenset({"hbar", "infty", "pi", "ell", "imath", "partial"})

_FUNCTIONS: dict[str, Callable[..., sympy.Expr]] = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "cot": sympy.cot, "sec": sympy.sec, "csc": sympy.csc,
    "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh, "coth": sympy.coth,
    "arcsin": sympy.asin, "arccos": sympy.acos, "arctan": sympy.atan,
    "exp": sympy.exp, "ln": sympy.log, "log": sympy.log,
    "max": sympy.Max, "min": sympy.Min, "Re": sympy.re, "Im": sympy.im,
}  # fmt: skip
_BIGOPS = frozenset({"sum", "prod", "int", "lim"})
_RELATIONS = frozenset(
    "le leq ge geq ne neq approx propto sim simeq equiv to rightarrow longrightarrow Rightarrow Longrightarrow "
    "mapsto in notin ni ll gg cong leftarrow longleftarrow Leftarrow iff Leftrightarrow leftrightarrow "
    "longleftrightarrow implies impliedby gets subset subseteq supset supseteq coloneqq eqqcolon doteq lesssim "
    "gtrsim leqslant geqslant asymp prec succ preceq succeq vdash models".split()
)
_SET_RELATIONS = frozenset("in notin ni subset subseteq supset supseteq".split())
_MULOPS = frozenset({"cdot", "times", "div"})
_ELLIPSIS = sympy.Symbol("…", commutative=False)
_ELLIPSES = frozenset("cdots ldots dots dotsb dotsc dotsm dotsi dotso vdots ddots".split())  # free reading: …
_IMPLIES = frozenset("Rightarrow Longrightarrow implies iff Leftrightarrow Longleftrightarrow therefore".split())
_QUADS = frozenset({"quad", "qquad"})
_IGNORED = frozenset(
    "displaystyle textstyle scriptstyle scriptscriptstyle limits nolimits "
    "big Big bigg Bigg bigm Bigm biggm Biggm".split()
)
_LEFT = frozenset({"left", "bigl", "Bigl", "biggl", "Biggl"})
_RIGHT = frozenset({"right", "bigr", "Bigr", "biggr", "Biggr"})

# Decorated names: refused in claims; in the free reading, names of their own. Vectors and operators do not
# commute (W x is not x W), so their symbols are non-commutative.
_DECORATIONS = {
    "mathbf": "vec", "boldsymbol": "vec", "bm": "vec", "vec": "vec", "hat": "hat", "widehat": "hat",
    "bar": "bar", "overline": "bar", "tilde": "tilde", "widetilde": "tilde", "dot": "dot", "ddot": "ddot",
    "mathcal": "cal", "mathbb": "bb", "mathscr": "scr", "mathfrak": "frak", "primed": "prime", "dprimed": "pprime",
}  # fmt: skip
_NONCOMMUTING = frozenset({"vec", "hat"})
_DECORATED = re.compile(r"\\([A-Za-z]+)\s*\{\s*(\\?[A-Za-z]+|[0-9])\s*\}\Z")
_BRACED = r"\{((?:[^{}]|\{[^{}]*\})*)\}"  # one level of inner braces: \ket{\hat{x}}
_NOTATION = re.compile(r"\\(ket|bra|expval|braket)\s*" + _BRACED + r"(?:\s*" + _BRACED + r")?\Z")

_REFUSED: dict[str, str] = {}
for _names, _why in [
    ("nabla", "vector calculus is not supported"),
    ("vec mathbf boldsymbol bm", "vectors are not supported"),
    ("hat", "operators (\\hat) are not supported"),
    ("bar overline underline tilde widetilde widehat dot ddot breve check acute grave mathring",
     "accented names are not supported: declare a plain name instead"),
    ("mathcal mathbb mathfrak mathscr", "sets and calligraphic names are not supported"),
    ("langle rangle ket bra braket", "bra-ket notation is not supported"),
    ("otimes oplus odot circ ast star wedge vee cap cup setminus bullet",
     "only scalar products (\\cdot, \\times) are supported"),
    ("cdots ldots dots dotsb dotsc dotsm vdots ddots", "ellipses are not supported"),
    ("top dagger intercal prime primed dprimed", "transposes, adjoints and primes are not supported"),
    ("begin end", "environments (matrices, aligned equations) are not supported"),
    ("pm mp", "\\pm makes two equations; write them separately"),
    ("binom choose", "binomial coefficients are not supported"),
    ("Tr tr det sup inf arg deg dim ker gcd lg Pr sgn", "this function is not supported"),
    ("iint iiint oint", "multiple and contour integrals are not supported"),
    ("underbrace overbrace stackrel overset underset", "annotations are not supported"),
    ("mid middle vert Vert lVert rVert not", "this delimiter is not supported"),
    ("forall exists neg land lor", "logic is not supported"),
    ("mathrm operatorname mathit mathsf text textrm", "write the argument in braces: \\mathrm{…}"),
]:  # fmt: skip
    for _name in _names.split():
        _REFUSED[_name] = _why
_OTHER_REASONS = {
    "'": "primes (x') are not supported: write the derivative or name the new variable",
    "!": "factorials are not supported",
    "&": "alignment (&) is not supported",
    ":": "':' is not supported (definitions belong in sympy blocks)",
    ".": "a stray '.' is not supported",
    "\\\\": "line breaks (\\\\) are not supported: one equation per claim",
    "\\{": "braces \\{ \\} (sets) are not supported",
    "\\}": "braces \\{ \\} (sets) are not supported",
    "\\|": "norms (\\|x\\|) are not supported",
}


# ---------------------------------------------------------------- lexing and parsing

_OPERAND_END = frozenset(
    {"LETTER", "NUMBER", "SYM", "NAMED", "RPAR", "RBRACE", "RBRACK", "ABS_CLOSE", "STAR", "NOTATION", "DECOR", "BANG"}
)
_NAMED = re.compile(r"\\([A-Za-z]+)\*?\s*\{(.*)\}\Z", re.S)


def _token(kind: str, value: str, like: Token) -> Token:
    return Token.new_borrow_pos(kind, value, like)


class _Classifier(PostLex):
    """Gives commands their role and resolves `|` and `(` from the context (see latex.lark)."""

    always_accept = ("CMD", "NAMED", "NOTATION", "ESC", "OTHER", "PLUS", "MINUS", "EQ", "LT", "GT", "SLASH", "BAR")

    def __init__(self, free: bool) -> None:
        self.free = free

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        return _classify(stream, self.free)


def _classify(stream: Iterator[Token], free: bool = False) -> Iterator[Token]:  # noqa: C901 - one state machine
    stack: list[str] = []  # "(" "[" "{" "{_" (a subscript group) "|"
    prev: Token | None = None
    callable_prev = False  # a "(" now would directly follow a name: CALL_LPAR
    force: tuple[str, str] | None = None  # after \left or \right: ("open" or "close", the command)

    def out(tok: Token, can_call: bool = False) -> Token:
        nonlocal prev, callable_prev
        prev, callable_prev = tok, can_call
        return tok

    def push(kind: str, tok: Token) -> None:
        stack.append(kind)
        if len(stack) > MAX_NESTING:
            raise TranslationError(f"nested more than {MAX_NESTING} levels deep", command=str(tok), cause="too-large")

    decoration: Token | None = None  # free reading: `\hat H` without braces, waiting for its name

    for tok in stream:
        kind, text = tok.type, str(tok)
        if decoration is not None:
            if kind == "LETTER" or (kind == "CMD" and text[1:] in _GREEK | frozenset(_VARIANTS)):
                yield out(_token("DECOR", f"{decoration}{{{text}}}", decoration), can_call=True)
                decoration = None
                continue
            raise TranslationError(f"{decoration} must be followed by a name", command=str(decoration), cause="syntax")
        if free and kind == "CMD" and text[1:] in _DECORATIONS:
            decoration = tok
            continue
        if free and kind == "OTHER" and text == "&":
            continue  # alignment in an aligned environment
        if free and kind == "ESC" and text == "\\\\":
            if not stack:
                yield out(_token("QUAD", text, tok))
            continue
        if kind == "NOTATION":
            if not free:
                command = text.split("{")[0].strip()
                raise TranslationError(f"{command}: this notation is not supported", command=command,
                                       cause="unsupported-construct")
            yield out(tok, can_call=False)
            continue
        if force is not None and not (
            kind in ("LPAR", "RPAR", "LBRACK", "RBRACK", "BAR") or (kind == "CMD" and text in ("\\lvert", "\\rvert"))
        ):
            raise TranslationError(
                f"{force[1]} must be followed by ( ) [ ] or |, not {text}", command=force[1] + text,
                cause="unsupported-construct",
            )
        if kind == "CMD":
            name = text[1:]
            if name in _SYMBOLS:
                yield out(_token("SYM", text, tok), can_call=name not in ("partial",))
            elif free and name == "nabla":
                yield out(_token("BIGOP", text, tok))
            elif free and name in ("dagger", "dag", "top", "intercal"):
                yield out(_token("SYM", "\\dagger" if name == "dag" else text, tok))
            elif free and name in _ELLIPSES:
                yield out(_token("SYM", "\\ldots", tok))
            elif free and name in ("argmax", "argmin"):
                yield out(_token("BIGOP", text, tok))
            elif free and name in _IMPLIES and not stack:  # `a = b \Rightarrow c = d`: two statements
                yield out(_token("QUAD", text, tok))
            elif free and name == "dd":  # the physics package's upright d
                yield out(_token("LETTER", "d", tok), can_call=True)
            elif free and name in ("rm", "it", "mathrm", "mathit"):  # a font switch: {\rm d} is d
                continue
            elif name in ("frac", "dfrac", "tfrac", "cfrac"):
                yield out(_token("FRAC", text, tok))
            elif name == "sqrt":
                yield out(_token("SQRT", text, tok))
            elif name in _FUNCTIONS:
                yield out(_token("FUNC", text, tok), can_call=True)
            elif name in _BIGOPS:
                yield out(_token("BIGOP", text, tok))
            elif name in _RELATIONS or (free and name == "mid"):
                yield out(_token("REL", text, tok))
            elif name in _MULOPS:
                yield out(_token("MULOP", text, tok))
            elif name in _QUADS:
                if not stack:
                    yield out(_token("QUAD", text, tok))
            elif name in _IGNORED:
                continue
            elif name in _LEFT:
                force = ("open", text)
            elif name in _RIGHT:
                force = ("close", text)
            elif name in ("lvert", "rvert"):
                opening = name == "lvert"
                if opening:
                    push("|", tok)
                elif stack and stack[-1] == "|":
                    stack.pop()
                force = None
                yield out(_token("ABS_OPEN" if opening else "ABS_CLOSE", "|", tok))
            elif name in _REFUSED:
                raise TranslationError(f"{text}: {_REFUSED[name]}", command=text, cause="unsupported-construct")
            else:
                raise TranslationError(f"unknown LaTeX command {text}", command=text, cause="unknown-command")
        elif kind == "NAMED":
            match = _NAMED.match(text)
            assert match is not None
            command, content = match.group(1), match.group(2).strip()
            if command in _DECORATIONS:
                if not free:
                    raise TranslationError(f"\\{command}: {_REFUSED[command]}", command=f"\\{command}",
                                           cause="unsupported-construct")
                if not _DECORATED.match(text):
                    raise TranslationError(f"{text}: only a letter or a Greek name can be decorated",
                                           command=f"\\{command}", cause="unsupported-construct")
                yield out(_token("DECOR", text, tok), can_call=True)
                continue
            in_subscript = prev is not None and (
                prev.type == "SUB" or (prev.type == "LBRACE" and bool(stack) and stack[-1] == "{_")
            )
            raw = match.group(2)
            word = re.fullmatch(r"[A-Za-z]+", raw) is not None and (not free or raw not in _PROSE)
            if free and command.startswith("text") and content in ("and", "or") and not stack:
                yield out(_token("QUAD", text, tok))  # `a = b \text{ and } c = d`: two statements
                continue
            if command.startswith("text") and not ((in_subscript or free) and word):
                if content == "":
                    continue
                raise TranslationError(
                    f"\\{command}{{{content}}}: text and conditions are not supported", command=f"\\{command}",
                    cause="unsupported-construct",
                )
            if not re.fullmatch(r"[A-Za-z]+(?:_[A-Za-z0-9]+)*" if free else r"[A-Za-z]+", content):
                raise TranslationError(
                    f"{text}: only letters can be named with \\{command}", command=text, cause="unsupported-construct"
                )
            if content in ("e", "i"):
                yield out(_token("SYM", f"\\mathrm{{{content}}}", tok), can_call=True)
            elif len(content) == 1:
                yield out(_token("LETTER", content, tok), can_call=True)
            elif content in _FUNCTIONS:
                yield out(_token("FUNC", text, tok), can_call=True)
            else:
                yield out(tok, can_call=True)
        elif free and kind == "OTHER" and text == "!" and prev is not None and prev.type in _OPERAND_END | {"DECOR"}:
            yield out(_token("BANG", text, tok))  # n!
        elif kind in ("ESC", "OTHER"):
            reason = _OTHER_REASONS.get(text)
            if reason is None:
                reason = f"{text!r} is not supported" if kind == "OTHER" else f"unknown LaTeX command {text}"
            raise TranslationError(
                reason, command=text, cause="unknown-command" if kind == "ESC" and text not in _OTHER_REASONS
                else "unsupported-construct",
            )
        elif kind in ("PLUS", "MINUS"):
            yield out(_token("SIGN", "-" if kind == "MINUS" else text, tok))  # − (U+2212) is a minus too
        elif kind in ("EQ", "LT", "GT"):
            yield out(_token("REL", text, tok))
        elif kind == "SLASH":
            yield out(_token("MULOP", text, tok))
        elif kind == "BAR":
            if force is not None:
                opening = force[0] == "open"
            else:
                opening = not (stack and stack[-1] == "|" and prev is not None and prev.type in _OPERAND_END)
            force = None
            if opening:
                push("|", tok)
            elif stack and stack[-1] == "|":
                stack.pop()
            yield out(_token("ABS_OPEN" if opening else "ABS_CLOSE", text, tok))
        elif kind == "LPAR":
            force = None
            push("(", tok)
            yield out(_token("CALL_LPAR", text, tok) if callable_prev else tok)
        elif kind == "LBRACK":
            force = None
            push("[", tok)
            if prev is not None and prev.type == "SQRT":
                yield out(_token("OPT_LBRACK", text, tok))
            elif free and prev is not None and prev.type in ("DECOR", "NAMED"):  # \mathbb{E}[X], \text{Var}[X]
                yield out(_token("CALL_LBRACK", text, tok))
            else:
                yield out(tok)
        elif kind in ("RPAR", "RBRACK"):
            force = None
            if stack and stack[-1] == ("(" if kind == "RPAR" else "["):
                stack.pop()
            yield out(tok)
        elif kind == "LBRACE":
            push("{_" if prev is not None and prev.type == "SUB" else "{", tok)
            yield out(tok)
        elif kind == "RBRACE":
            closed = stack.pop() if stack and stack[-1].startswith("{") else ""
            yield out(tok, can_call=closed == "{_")
        elif kind == "NUMBER":
            digits = text.replace(".", "").lstrip("0")
            if len(digits) > 101 or (digits and int(text.split(".")[0] or "0") > MAX_LITERAL):
                raise TranslationError("number larger than 10^100", command=text[:20] + "…", cause="too-large")
            after_sub = prev is not None and prev.type == "SUB"
            if prev is not None and prev.type == "FRAC" and re.fullmatch(r"[0-9]{2}", text):  # \frac12
                yield out(_token("NUMBER", text[0], tok))
                yield out(_token("NUMBER", text[1], tok))
            else:
                yield out(tok, can_call=after_sub)
        elif kind == "LETTER":
            yield out(tok, can_call=True)
        elif free and kind == "STAR" and prev is not None and prev.type == "SUP":
            yield out(tok, can_call=True)  # ψ^*(x)
        else:  # COMMA SEMI STAR SUB SUP
            yield out(tok)
    if force is not None:
        raise TranslationError(f"{force[1]} at the end", command=force[1], cause="syntax")
    if decoration is not None:
        raise TranslationError(f"{decoration} at the end", command=str(decoration), cause="syntax")


@lru_cache(maxsize=2)
def _parser(free: bool = False) -> Lark:
    grammar = Path(__file__).with_name("latex.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="basic", postlex=_Classifier(free), maybe_placeholders=False)


_PROSE = frozenset(
    "if for where and or otherwise else when with st then iff all each some since as is on in at of to the "
    "by let given where while whenever unless so thus hence".split()
)  # words of a condition, not names: \text{if} is never read as a function
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


def _parse(tex: str, free: bool = False) -> Tree:
    if not isinstance(tex, str):
        raise TypeError("LaTeX must be a string")
    if len(tex) > MAX_LENGTH:
        raise TranslationError(f"LaTeX longer than {MAX_LENGTH} characters", cause="too-large")
    if free:  # a last line break ends nothing
        tex = re.sub(r"(?:\\\\|\s)+\Z", "", prepare(tex))
        word = ambiguous_word(tex)
        if word is not None:
            raise TranslationError(
                f"{word}(…): letters before parentheses are a product in TeX and a function to a reader: "
                f"write \\operatorname{{{word}}}(…) or \\{word}", command=f"{word}(", cause="ambiguous",
            )
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
    factorial: bool = False  # `n!` (free reading)

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
        return name.endswith("_vec") or name in ("grad", "curl")
    return False


def _letter_superscript(sup: Tree) -> bool:
    """`^a`, `^{a}`: one letter (not T, the transpose)."""
    node = sup.children[0]
    inner = node if isinstance(node, Token) else _lone_factor(node)
    inner = inner.children[0] if isinstance(inner, Tree) and len(inner.children) == 1 else inner
    return isinstance(inner, Token) and inner.type == "LETTER" and str(inner) != "T"


def _is_adjoint(sup: Tree) -> bool:
    node = sup.children[0]
    return isinstance(node, Token) and (node.type == "STAR" or str(node) == "\\dagger")


def _label(node: Token | Tree) -> str:
    if isinstance(node, Token):
        return str(node)
    tokens = [str(t) for t in node.scan_values(lambda v: isinstance(v, Token))]
    text = " ".join(tokens)
    return text if len(text) < 60 else text[:57] + "…"


class _Translator:
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
                return self._checked(terms[0])
            _no_tuple(terms)
            return self._checked(sympy.Add(*terms))
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
                return self._combine(parts), i + 2, self._variable(self._atom(items[i + 1][1]))
            if self.free and not need_differential and not op and self._is_free_differential(items, i):
                parts.append((op, self._differential(items[i + 1][1])))
                i += 2
                continue
            if self.free and self._is_increment(items, i):  # Δx, δS: one name
                value = self.factor(items[i + 1][1])
                prefix = "Δ" if str(self._atom(items[i][1]).prim) == "\\Delta" else "δ"
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
        atom = self._atom(node)
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
            if i + 1 >= len(items) or items[i + 1][0] not in ("", "\\cdot", "\\times"):
                raise TranslationError("\\nabla needs something to act on", command=op.label, cause="syntax")
            how = items[i + 1][0]
            argument, j, variable = self._unit(items, i + 1, need_differential)
            name = {"": "laplacian" if op.power is not None else "grad", "\\cdot": "div", "\\times": "curl"}[how]
            if op.power is not None and how:
                raise TranslationError(f"\\nabla^2 {how}", command=op.label, cause="unsupported-construct")
            arguments = (argument, op.base) if op.base is not None else (argument,)
            return self._undefined(name)(*arguments), j, variable
        if op.kind == "func" and op.alone is not None and (i + 1 >= len(items) or items[i + 1][0] != ""):
            return self._fallback(op.alone), i + 1, None
        if op.kind == "func":
            if i + 1 >= len(items) or items[i + 1][0] != "" or (
                need_differential and self._is_differential(items, i + 1)
            ):
                raise TranslationError(f"{op.label} needs an argument", command=op.label, cause="syntax")
            argument, j, variable = self._unit(items, i + 1, need_differential)
            value = op.fn(argument, op.base) if op.base is not None else op.fn(argument)
            if op.power is not None:
                value = self._power(value, op.power)
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
        if op.kind == "int":
            low, high = op.limits[0]
            if i + 1 < len(items) and items[i + 1][0] == "" and self._is_differential(items, i + 1):  # \int dx f
                variable = self._variable(self._atom(items[i + 2][1]))
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
        # sum, prod, lim, deriv: the rest of the product
        if i + 1 < len(items):
            self._no_explicit_op(items, i + 1, op.label)
            body, j, variable = self._sequence(items, i + 1, need_differential)
            if self.free and op.kind == "deriv" and op.lead is None:
                self._one_operand(op, items[i + 1 : j - 2 if variable is not None else j])  # not the dx
            if op.lead is not None:
                body = op.lead * body
        elif op.lead is not None:
            body, j, variable = op.lead, i + 1, None
        else:
            raise TranslationError(f"{op.label} with nothing to act on", command=op.label, cause="syntax")
        return self._apply(op, body), j, variable

    def _one_operand(self, op: _Op, operand: list) -> None:
        """`\\frac{d}{dx} f(x) g(x)`: d(fg)/dx or f'g? Written alike; an error unless only one reading is left.

        A derivative acts on the rest of its product; when that rest holds more than
        one factor and one of them is a function applied or another derivative, authors
        mean the first factor as often as the whole, so the free reading refuses.
        """
        if len(operand) < 2:
            return
        for _, node in operand:
            atom = self._atom(node)
            label = _label(node)
            if atom.call is not None or label.startswith(("\\frac { d", "\\frac { \\partial", "\\partial")):
                raise TranslationError(
                    f"{op.label} {' '.join(_label(n) for _, n in operand)}: the derivative of the whole product or of "
                    "its first factor? Use parentheses", command=op.label, cause="ambiguous",
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
        return self._checked(sympy.Mul(*factors)) if factors else sympy.Integer(1)

    # ------------------------------------------------------------ factors

    def _atom(self, node: Tree | Token) -> _Atom:
        if isinstance(node, Token):
            return _Atom(node)
        prim = node.children[0]
        if len(node.children) == 1 and isinstance(prim, Tree) and prim.data == "group":
            inner = _lone_factor(prim)
            if inner is not None:
                return self._atom(inner)
        atom = _Atom(prim)
        for child in node.children[1:]:
            if isinstance(child, Token):  # BANG
                atom.factorial = True
            elif child.data == "call":
                atom.call = _statements(child.children[1])
                for script in child.children[3:]:
                    if script.data == "sub":
                        raise TranslationError(
                            f"a subscript after {_label(prim)}(…)", command="_", cause="unsupported-construct"
                        )
                    _single_digit(script.children[1])
                    if atom.post_sup is not None:
                        raise TranslationError("double superscript", command="^", cause="syntax")
                    atom.post_sup = script.children[1]
            elif child.data == "sub":
                _single_digit(child.children[1])
                if atom.sub is not None:
                    raise TranslationError("double subscript", command="_", cause="syntax")
                atom.sub = child.children[1]
            else:
                _single_digit(child.children[1])
                if atom.sup is not None:
                    raise TranslationError("double superscript", command="^", cause="syntax")
                atom.sup = child.children[1]
        return atom

    def factor(self, node: Tree | Token) -> sympy.Expr | _Op:
        self._enter(node)
        try:
            atom = self._atom(node)
            value = self._factor(atom)
            if atom.factorial:
                if atom.call is not None and isinstance(atom.prim, Token) and atom.prim.type == "FUNC":
                    raise TranslationError(  # \log(n)! : log(n!) to its author, (log n)! to the grammar
                        f"{atom.prim}(…)!: write {atom.prim}((…)!) or ({atom.prim}(…))!", command="!",
                        cause="ambiguous",
                    )
                if isinstance(value, _Op):
                    raise TranslationError(f"{value.label}!", command="!", cause="syntax")
                value = self._checked(sympy.factorial(value))
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
                value = self._sup(self._number(prim), atom.sup)
                return self._times_call(value, atom)
            raise TranslationError(f"unexpected {prim}", command=str(prim), cause="syntax")
        if atom.sub is not None:
            raise TranslationError(
                f"a subscript on {_label(prim)}: evaluation bars and subscripted groups are not supported",
                command="_", cause="unsupported-construct",
            )
        if prim.data == "frac":
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
        return self._checked(value * self._sup(self._parenthesised(atom), atom.post_sup))

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
            return self._power(radicand, 1 / index)
        return sympy.sqrt(radicand)

    # ------------------------------------------------------------ names

    def _name(self, atom: _Atom) -> sympy.Expr | _Op:
        prim = atom.prim
        assert isinstance(prim, Token)
        label = str(prim)
        if label in ("\\dagger", "\\top", "\\intercal"):
            raise TranslationError(f"{label} outside a superscript", command=label, cause="unsupported-construct")
        constant = self._constant(prim)
        if constant is not None:
            if atom.sub is not None:
                raise TranslationError(f"a subscript on {label}", command=label, cause="unsupported-construct")
            if constant == sympy.E and atom.sup is not None:
                value = self._exp(atom.sup)
            else:
                value = self._sup(constant, atom.sup)
            return self._times_call(value, atom)
        name = self._base_name(prim)
        if name == "e" and atom.sub is None and atom.sup is not None and not self.scope.defined("e"):
            return self._times_call(self._exp(atom.sup), atom)
        if self.free and atom.sub is not None and atom.sup is not None and _letter_superscript(atom.sup):
            raise TranslationError(  # s_x^a: in mechanics notes, the part a of a section
                f"{_label(prim)}_…^{_label(atom.sup.children[0])}: a power or a label? Write {{…}}^… or a name",
                command="^", cause="ambiguous",
            )
        kind, value, shown = self._head(prim, atom.sub)
        if kind == "function":
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
            else:
                expected = len(value.variables)
                if len(arguments) != expected:
                    raise TranslationError(
                        f"{shown} takes {expected} argument(s), not {len(arguments)}", command=shown,
                        cause="unsupported-construct",
                    )
                result = value(*arguments)
            return self._sup(result, atom.post_sup)
        if kind == "indexed":
            raise TranslationError(f"{shown} is an indexed family: write {shown}_i", command=shown,
                                   cause="unsupported-construct")
        adjoint = atom.sup is not None and self.free and _is_adjoint(atom.sup)  # ψ^*(x) is ψ(x) conjugated
        operator = re.sub(r"\s+", "", str(prim)) in self.bare_operators  # Â(ψ₁ + ψ₂) beside Âψ₁: a product
        if atom.call is not None and kind == "undeclared" and (atom.sup is None or adjoint) and not operator:
            if self.free:
                arguments = self._arguments(atom.call)
                named = value.name if isinstance(value, sympy.Symbol) else str(value) if isinstance(
                    value, sympy.Indexed) else shown
                sup = atom.sup
                if sup is not None and not self.conjugating and isinstance(sup.children[0], Token) \
                        and sup.children[0].type == "STAR":
                    named, sup = f"{named}_star", None  # p^*(x): the function p^*, as p^* is the name p^*
                function = self._undefined(named)
                return self._sup(self._sup(function(*arguments), sup), atom.post_sup)
            raise TranslationError(
                f"{shown}(…): {shown} is not a function of the note's scope (define it, or declare {shown} "
                "as a symbol to multiply)", command=shown, cause="unknown-function",
            )
        return self._times_call(self._sup(value, atom.sup), atom)

    def _quantum(self, prim: Token) -> sympy.Expr:
        """`|\\psi\\rangle`, `\\langle\\phi|`, `\\langle\\phi|\\psi\\rangle`, `\\langle A\\rangle` (free reading)."""
        from sympy.physics.quantum import Bra, InnerProduct, Ket

        if str(prim).startswith("\\vkmatrix"):
            return self._matrix(str(prim))
        match = _NOTATION.match(str(prim))
        assert match is not None
        command, first, second = match.group(1), match.group(2), match.group(3)
        if command == "braket" and second is None:  # \braket{a|b}
            first, bar, second = first.partition("|")
            if not bar:
                raise TranslationError(f"{prim}: \\braket{{a|b}} expected", command="\\braket", cause="syntax")
        labels = [self._state_label(text, str(prim)) for text in (first, second) if text is not None]
        if command == "ket":
            return Ket(labels[0])
        if command == "bra":
            return Bra(labels[0])
        if command == "braket":
            return InnerProduct(Bra(labels[0]), Ket(labels[1]))
        return self._undefined("expectation")(labels[0])

    def _state_label(self, text: str, shown: str) -> sympy.Expr:
        """A ket's label: `00` and `+` are names of states, not the number 0 or a sign."""
        stripped = text.strip()
        if re.fullmatch(r"[0-9]+|[+-]|\\pm|\\uparrow|\\downarrow|[0-9]*[+-]", stripped):
            return sympy.Symbol(stripped.lstrip("\\"))
        return self._label_value(text, shown)

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

    def _label_value(self, text: str, shown: str) -> sympy.Expr:
        if not text.strip():
            raise TranslationError(f"{shown}: an empty label", command=shown, cause="syntax")
        statements = [c for c in _parse(text, self.free).children if isinstance(c, Tree)]
        if len(statements) != 1:
            raise TranslationError(f"{shown}: one label expected", command=shown, cause="unsupported-construct")
        return self.expression(statements[0])

    def _constant(self, prim: Token) -> sympy.Expr | None:
        text = str(prim)
        if text == "\\pi":
            return sympy.pi
        if text == "\\infty":
            return sympy.oo
        if text == "\\mathrm{e}":
            return sympy.E
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
        commutative = not (prim.type == "DECOR" and names[0].rsplit("_", 1)[-1] in _NONCOMMUTING)
        if sub is None:
            if kind == "undeclared":
                return "undeclared", self._fallback(names[-1], commutative), label
            return kind, value, label
        if kind == "indexed":
            indices = self._indices(sub)
            return "value", value[tuple(indices)] if len(indices) > 1 else value[indices[0]], label
        if kind == "function" and value is not None:
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
        return [self.expression(s) for s in statements]

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
            atom = self._atom(child)
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
            return self._number(prim)
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
                    atom = self._atom(child) if not isinstance(child, Token) else None
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
        word = node if isinstance(node, Token) else _lone_factor(node)
        word = word.children[0] if isinstance(word, Tree) and len(word.children) == 1 else word
        if self.free and isinstance(word, Token) and word.type == "NAMED" and len(self._base_name(word)) > 1:
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
        return self._power(value, self._arg(sup))

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
            atom = self._atom(product.children[0])
            if isinstance(atom.prim, Tree) and atom.prim.data == "paren" and atom.bare():
                return _label(atom.prim)
        return None

    def _exp(self, sup: Tree) -> sympy.Expr:
        node = sup.children[0]
        if isinstance(node, Token) and node.type == "STAR":
            raise TranslationError("e^*", command="^*", cause="unsupported-construct")
        return sympy.exp(self._arg(sup))

    def _number(self, token: Token) -> sympy.Expr:
        text = str(token)
        if "." in text:
            whole, fraction = text.split(".")
            return sympy.Rational(int(whole + fraction), 10 ** len(fraction))
        return sympy.Integer(int(text))

    def _power(self, base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
        if exponent.is_Rational:
            if max(abs(exponent.p), exponent.q) > MAX_EXPONENT:
                raise TranslationError(f"exponent {exponent} is larger than {MAX_EXPONENT}", command="^",
                                       cause="too-large")
            if base.is_Rational and base not in (0, 1, -1):
                bits = max(abs(base.p).bit_length(), base.q.bit_length()) * abs(exponent.p) / exponent.q
                if bits > MAX_NUMBER_BITS:
                    raise TranslationError("power too large to compute", command="^", cause="too-large")
            if base == 0 and exponent.is_negative:
                raise TranslationError("division by zero", command="^", cause="unsupported-construct")
        elif exponent.is_number and exponent.is_finite is False:
            raise TranslationError("an infinite exponent", command="^", cause="unsupported-construct")
        return self._checked(sympy.Pow(base, exponent))

    def _checked(self, value: sympy.Expr) -> sympy.Expr:
        if value.is_Rational and max(abs(value.p).bit_length(), value.q.bit_length()) > MAX_NUMBER_BITS:
            raise TranslationError("number too large", cause="too-large")
        if value.has(sympy.zoo, sympy.nan):
            raise TranslationError("division by zero", cause="unsupported-construct")
        return value

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
            return self._sup(self._power(value, power) if power is not None else value, atom.post_sup)
        if atom.call is None:
            return _Op("func", label, fn=fn, power=power, base=base)
        if len(atom.call) != 1:
            raise TranslationError(f"{label} takes one argument", command=label, cause="unsupported-construct")
        argument = self.expression(atom.call[0])
        value = fn(argument, base) if base is not None else fn(argument)
        if power is not None:
            value = self._power(value, power)
        return self._sup(value, atom.post_sup)

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
        lead = None
        if atom.call is not None:
            lead = self._sup(self._parenthesised(atom), atom.post_sup)
        if kind in ("argmax", "argmin"):  # free reading only
            if atom.sup is not None:
                raise TranslationError(f"{label}^…", command=label, cause="unsupported-construct")
            return self._optimum(kind, label, atom.sub, lead)
        if kind in ("sum", "prod"):
            return _Op(kind, label, limits=self._sum_limits(label, atom.sub, atom.sup), lead=lead)
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
        return self._atom(inner)

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
            atom = self._atom(products[0].children[0])
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
        if self.scope.defined("d") or i + 1 >= len(items) or items[i + 1][0] != "":
            return False
        atom = self._atom(items[i][1])
        if not (isinstance(atom.prim, Token) and atom.prim.type == "LETTER" and str(atom.prim) == "d" and atom.bare()):
            return False
        following = self._atom(items[i + 1][1])
        return isinstance(following.prim, Token) and following.prim.type in ("LETTER", "SYM", "DECOR", "NAMED") \
            and not self._constant_name(following.prim) and not following.factorial \
            and (following.sup is None or following.call is None)

    def _is_increment(self, items: list, i: int) -> bool:
        """Free reading: `\\Delta x` and `\\delta S` (a bare Greek delta before a bare name) are names."""
        if i + 1 >= len(items) or items[i + 1][0] != "":
            return False
        atom = self._atom(items[i][1])
        if not (isinstance(atom.prim, Token) and str(atom.prim) in ("\\Delta", "\\delta") and atom.bare()):
            return False
        if self.scope.defined(str(atom.prim)[1:]):
            return False
        following = self._atom(items[i + 1][1])
        return isinstance(following.prim, Token) and following.prim.type in ("LETTER", "SYM", "DECOR") \
            and not self._constant_name(following.prim) and following.sup is None and following.call is None \
            and not following.factorial

    def _differential(self, node: Tree | Token) -> sympy.Expr:
        """The differential of a name (`dX_i` → the name dX_i) or of an application (`df(x)` → d(f(x)))."""
        atom = self._atom(node)
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
        if i + 1 >= len(items) or items[i + 1][0] != "":
            return False
        head = items[i][1]
        atom = self._atom(head)
        if not (isinstance(atom.prim, Token) and atom.prim.type == "LETTER" and str(atom.prim) == "d" and atom.bare()):
            return False
        nxt = self._atom(items[i + 1][1])
        return (
            isinstance(nxt.prim, Token)
            and nxt.prim.type in ("LETTER", "SYM", "DECOR")
            and not self._constant_name(nxt.prim)
            and nxt.sup is None
            and nxt.call is None
        )

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
        return self._checked(top / bottom)

    def _derivative_frac(self, numerator: Tree, denominator: Tree) -> sympy.Expr | _Op | None:
        top = self._arg_items(numerator)
        if not top:
            return None
        head = self._atom(top[0][1])
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
            applied = self._applied_function(self._atom(rest[0][1]), variables)
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
            head = self._atom(items[i][1])
            if self._head_kind(head) != kind or not head.bare():
                return None
            atom = self._atom(items[i + 1][1])
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
            atoms = [self._atom(n) for _, n in items]
        if atom.sup is not None and len(atoms) != 1:
            raise TranslationError("\\partial_{xy}^n is ambiguous", command="\\partial", cause="ambiguous")
        order = self._order(atom.sup, "\\partial")
        variables = [(self._variable(a), order) for a in atoms]
        lead = self._sup(self._parenthesised(atom), atom.post_sup) if atom.call is not None else None
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
    tree = _parse(tex, free)
    translator = _Translator(scope, free)
    prepared = prepare(tex) if free else ""
    translator.literal_order = free and (_OPERATORS.search(prepared) or _COMMUTATOR.search(prepared)) is not None
    translator.bare_operators = frozenset(re.sub(r"\s+", "", m.group(1)) for m in _BARE_OPERATOR.finditer(prepared))
    if build is _build_reading:  # a reader's guesses, never a claim's: x^* and i by what the text is about
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
        if build not in (_build_equations, _build_reading):
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


def read_display(tex: str, scope: Scope, *, complex_note: bool = False) -> str:
    """A free reading of a whole display equation, for coverage: one line a statement.

    Unknown names are symbols and unknown applications undefined functions (as
    with `free=True`); every relation is read (`=`, `<`, `\\le`, `\\approx` …)
    with the SymPy reading of each side. `x^*` conjugates x in a note about complex
    quantities (`complex_note`, see `latex_free.is_complex`) and names x^* (an optimum,
    a true distribution) elsewhere. Raises TranslationError like the rest.
    """
    return _run(tex, scope, True, _build_reading, relations=True, complex_note=complex_note)


def _build_reading(translator: _Translator, statements: list[Tree]) -> str:
    related = [bool(translator.relation(statement)[1]) for statement in statements]
    if any(related) and not all(related):  # `j = 1, 2, …, n`: a list of values, not separate statements
        raise TranslationError(
            "an equation and bare expressions side by side (j = 1, 2, …, n?): a list is not read", command=",",
            cause="ambiguous",
        )
    lines: list[tuple[list[sympy.Expr], list[Token]]] = []
    for statement in statements:
        sums, relations = translator.relation(statement)
        for relation in relations:
            if str(relation)[1:] in _SET_RELATIONS:
                raise TranslationError(f"{relation}: sets are not read", command=str(relation), cause="set")
        values = [translator.sum(s) for s in sums]
        if translator.continues(statement):
            if not lines:  # `= b = c` continues an equation above the display: read what is here
                relations = relations[1:]
                if not relations:
                    lines.append((values, relations))
                    continue
            else:
                values.insert(0, lines[-1][0][-1])
        lines.append((values, relations))
    # `\frac{d^2 x}{dt^2} = -\omega^2 x`: once x is differentiated as x(t), every bare x is x(t)
    functions = {
        sympy.Symbol(name): next(iter(applied))
        for name, applied in translator.applied.items()
        if len(applied) == 1
    }
    text_lines = []
    for values, relations in lines:
        values = [v.xreplace(functions) for v in values] if functions else values
        text = _one_line(values[0])
        for relation, value in zip(relations, values[1:]):
            text += f" {str(relation).lstrip(chr(92))} {_one_line(value)}"
        text_lines.append(text)
    return "\n".join(text_lines)


def _one_line(value: sympy.Basic) -> str:
    return " ".join(sympy.sstr(value).split())  # matrices print on several lines
