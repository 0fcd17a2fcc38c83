"""The grammar side of the LaTeX reader: its vocabulary, the post-lexer that gives every command its role,
the LALR parser of `latex.lark`, and small helpers over parse trees. `latex.py` builds SymPy objects from the
trees; nothing here knows a note's scope."""

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

from .latex_free import ambiguous_word, prepare


MAX_LENGTH = 5_000  # characters of LaTeX
MAX_NESTING = 40  # open braces, parentheses and bars at once
MAX_DEPTH = 200  # nested constructs while translating
MAX_LITERAL = 10**100
MAX_EXPONENT = 10**4  # numerator and denominator of a numeric exponent
MAX_NUMBER_BITS = 12_000  # bits of an exact number built from literals (printable: < 4300 digits)
MAX_ORDER = 20  # of a derivative
MAX_FACTORIAL = 1_000  # n! and the smaller of k, n - k in a binomial coefficient, for numbers n and k

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
_BINOMIALS = frozenset({"binom", "dbinom", "tbinom"})
_FRACTIONS = frozenset({"frac", "dfrac", "tfrac", "cfrac"}) | _BINOMIALS  # two arguments: `\frac{a}{b}`
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
    ("choose", "write binomial coefficients as \\binom{n}{k}"),
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
    "!": "'!' must follow what it is the factorial of: n!, (n+1)!",
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
            elif free and name == "vkplaceholder":  # B(\cdot): the argument left open
                yield out(_token("SYM", text, tok))
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
            elif name in _FRACTIONS:
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
        elif kind == "OTHER" and text == "!" and prev is not None and prev.type in _OPERAND_END | {"DECOR"}:
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


def _parse(tex: str, free: bool = False, prepared: str | None = None) -> Tree:
    """The parse tree of `tex`; in the free reading, of `prepared` (`latex_free.prepare(tex)`) when given."""
    if not isinstance(tex, str):
        raise TypeError("LaTeX must be a string")
    if len(tex) > MAX_LENGTH:
        raise TranslationError(f"LaTeX longer than {MAX_LENGTH} characters", cause="too-large")
    if free:  # a last line break ends nothing
        tex = re.sub(r"(?:\\\\|\s)+\Z", "", prepare(tex) if prepared is None else prepared)
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
