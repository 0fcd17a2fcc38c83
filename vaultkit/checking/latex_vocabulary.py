"""The vocabulary of the LaTeX reader: its limits, its error, and what each command is (a Greek name, a function,
a relation, a decoration, a construct refused and why). Shared by the token roles (`latex_tokens`), the grammar
(`latex_syntax`) and the readers; nothing here reads a token."""

from __future__ import annotations

import re
from collections.abc import Callable

import sympy

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
    "tg": sympy.tan, "ctg": sympy.cot, "sen": sympy.sin, "sh": sympy.sinh, "ch": sympy.cosh, "th": sympy.tanh,
    "arctg": sympy.atan,  # the names of Russian, Spanish and Portuguese notes
    "arcsin": sympy.asin, "arccos": sympy.acos, "arctan": sympy.atan,
    "exp": sympy.exp, "ln": sympy.log, "log": sympy.log,
    "max": sympy.Max, "min": sympy.Min, "Re": sympy.re, "Im": sympy.im, "floor": sympy.floor, "ceiling": sympy.ceiling,
}  # fmt: skip
_BIGOPS = frozenset({"sum", "prod", "int", "lim"})
_RELATIONS = frozenset(
    "le leq ge geq ne neq approx propto sim simeq equiv to rightarrow longrightarrow Rightarrow Longrightarrow "
    "mapsto in notin ni ll gg cong leftarrow longleftarrow Leftarrow iff Leftrightarrow leftrightarrow "
    "longleftrightarrow implies impliedby gets subset subseteq supset supseteq colon coloneqq eqqcolon doteq lesssim "
    "gtrsim leqslant geqslant asymp prec succ preceq succeq vdash models".split()
)
_SET_RELATIONS = frozenset("in notin ni subset subseteq supset supseteq".split())
CONDITION_WORDS = frozenset(  # words before a statement's condition: `f(x) = 0 \text{ if } x < 0`
    {"if", "for", "when", "whenever", "provided", "for all", "for any", "for every", "for each", "for some", "subject to",
     "such that", "s.t.", "as", "with"}  # with: an assumption that goes with the statement, not a glossary
)
LINK_WORDS = CONDITION_WORDS | {  # words written between two statements, or before a statement's condition
    "and", "or", "since", "because", "then", "so", "thus", "hence", "i.e.", "e.g.", "equivalently", "or equivalently",
    "that is", "namely", "so that", "which gives", "giving"
}  # `L = … \\text{or equivalently} L = …`: both hold, side by side
_MULOPS = frozenset({"cdot", "times", "div"})
_BINOMIALS = frozenset({"binom", "dbinom", "tbinom"})
_FRACTIONS = frozenset({"frac", "dfrac", "tfrac", "cfrac"}) | _BINOMIALS  # two arguments: `\frac{a}{b}`
_ELLIPSIS = sympy.Symbol("…", commutative=False)
_ELLIPSES = frozenset("cdots ldots dots dotsb dotsc dotsm dotsi dotso vdots ddots".split())  # free reading: …
_IMPLIES = frozenset(
    "Rightarrow Longrightarrow implies iff Leftrightarrow Longleftrightarrow therefore Downarrow Updownarrow".split()
)
_QUADS = frozenset({"quad", "qquad"})
_IGNORED = frozenset(
    "displaystyle textstyle scriptstyle scriptscriptstyle limits nolimits "
    "big Big bigg Bigg bigm Bigm biggm Biggm tiny scriptsize footnotesize small normalsize large Large LARGE huge Huge"
    .split()
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
# the names of quantum gates: one name each beside a state (CNOT|10⟩ is not C·N·O·T·|10⟩)
GATE_NAMES = "CNOT|CCNOT|CSWAP|SWAP|QFT|IQFT"
QUANTUM_GATE = re.compile(rf"(?<![\\A-Za-z{{])({GATE_NAMES})(?![A-Za-z])")
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
    {"LETTER", "NUMBER", "SYM", "NAMED", "RPAR", "RBRACE", "RBRACK", "ABS_CLOSE", "NORM_CLOSE", "STAR", "NOTATION",
     "DECOR", "BANG"}
)
_NAMED = re.compile(r"\\([A-Za-z]+)\*?\s*\{(.*)\}\Z", re.S)

_PROSE = frozenset(
    "if for where and or otherwise else when with st then iff all each some since as is on in at of to the "
    "by let given where while whenever unless so thus hence".split()
)  # words of a condition, not names: \text{if} is never read as a function
