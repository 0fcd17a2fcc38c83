r"""Text rewrites that prepare a display equation for the free reading.

The free reading (`vaultkit verify --coverage`) reads every display equation of a
vault, as people write them. Some of what they write is layout, not mathematics
(`\boxed`, `\underbrace{…}_{\text{…}}`, `\color`, aligned environments), and
some is notation the grammar reads under one spelling only (bra-ket written with
`\langle`, `\mid` and `\left<`). These rewrites turn the first into nothing and
the second into the one spelling; they never guess a meaning the text does not
have. Claims (`%% verify %%`) are never rewritten: they are read strictly.
"""

from __future__ import annotations

import re

from .latex_logic import formula, rewrite_logic, sized_sets
from .latex_sums import sized_operand_brackets, write_sum_indices
from .latex_tensors import write_tensors
from .latex_terms import term_end
from .latex_volumes import rewrite_volume_integrals
from .latex_vocabulary import GATE_NAMES, QUANTUM_GATE, TranslationError
from .macros import _TEX_COMMENT as _COMMENT, group_end  # a TeX comment runs to the end of its line

__all__ = ["ambiguous_word", "is_complex", "prepare"]

# Environments that only align or number equations: their `\\` separate statements and a line that starts
# with `&=` continues the chain of the line above.
_ALIGNING = re.compile(
    r"\\(?:begin|end)\s*\{(?:aligned|align\*?|equation\*?|gather\*?|gathered|split|multline\*?|eqnarray\*?)\}"
    r"|\\(?:begin|end)\s*\{(?:alignat\*?|alignedat)\}(?:\s*\{[0-9]+\})?"
)
_JUSTIFICATION = re.compile(r"&&(?:(?!\\\\|&|\\end\s*\{).)*?(?=\\\\|\\end\s*\{|\Z)", re.S)
_PLACEMENT = re.compile(r"(\\begin\s*\{(?:aligned|gathered|alignedat|array)\}(?:\s*\{[0-9]+\})?)\s*\[\s*[tbc]\s*\]")
_MATRIX = re.compile(r"\\begin\s*\{([pbBvV]?matrix)\}(.*?)\\end\s*\{\1\}", re.S)
_ARRAY_MATRIX = re.compile(
    r"\\left\s*(\(|\[)\s*\\begin\s*\{array\}\s*\{[lcr|\s]*\}((?:(?!\\(?:begin|end)\s*\{array\}).)*?)\\end\s*\{array\}\s*\\right\s*[)\]]",
    re.S,
)


def _as_matrix(match: re.Match) -> str:
    kind = "pmatrix" if match.group(1) == "(" else "bmatrix"
    return f"\\begin{{{kind}}}{match.group(2)}\\end{{{kind}}}"


_UNBRACED_KET = re.compile(r"\\(ket|bra)\s*(\\[A-Za-z]+|[A-Za-z0-9])(?![A-Za-z])")
_BOLD_PRIMED = re.compile(  # a primed bold name, not applied: another point, `\mathbf{x}'` beside `\mathbf{x}`
    r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*(\\?[A-Za-z]+)\s*\}\s*'(?!')(?!\s*(?:\(|\\left))"
)
_PRIMED = re.compile(r"(\\[A-Za-z]+|(?<!\\)[A-Za-z])('{1,2})(?!')")

# Bra-ket: `\left<`, `\mid` and `\vert` inside angle brackets are the braket package's bars.
_ANGLES = [(re.compile(r"\\left\s*(?:<|\\langle)"), r"\\langle "), (re.compile(r"\\right\s*(?:>|\\rangle)"), r"\\rangle ")]
_BAR_WORDS = r"(?:\\mid|\\vert|\\middle\s*\||\\left\s*\||\\right\s*\||\\big[lrm]?\s*\||\\Big[lrm]?\s*\|)(?![A-Za-z])"
_NO_BAR = r"((?:(?!\\[lr]angle|\\mid(?![A-Za-z])|\\vert(?![A-Za-z]))[^|])*?)"
_INSIDE_ANGLES = re.compile(r"\\langle((?:(?!\\[lr]angle).)*?)\\rangle", re.S)
_MID_KET = re.compile(  # `\mid\psi\rangle`, `\left|\psi\right\rangle`: a ket's bar
    r"(?:\\mid(?![A-Za-z])|\\vert(?![A-Za-z])|\\left\s*\||\\[bB]igg?l?\s*\|)" + _NO_BAR + r"\\rangle"
)
_MID_BRA = re.compile(
    r"\\langle" + _NO_BAR + r"(?:\\mid(?![A-Za-z])|\\vert(?![A-Za-z])|\\right\s*\||\\[bB]igg?r?\s*\|)"
)
_NOT_BAR = r"((?:(?!\\[lr]angle)[^|])*?)"
_BRAKETS = [  # written as the braket package's commands, which the grammar reads
    (re.compile(r"\\langle" + _NOT_BAR + r"\|" + _NOT_BAR + r"\|" + _NOT_BAR + r"\\rangle"), r"{\\bra{\1} \2 \\ket{\3}}"),  # ⟨a|A|b⟩^*: all
    (re.compile(r"\\langle" + _NOT_BAR + r"\|" + _NOT_BAR + r"\\rangle"), r"\\braket{\1}{\2}"),
    (re.compile(r"\|" + _NOT_BAR + r"\\rangle"), r"\\ket{\1}"),
    (re.compile(r"\\langle" + _NOT_BAR + r"\|"), r"\\bra{\1}"),
    (re.compile(r"\\langle" + _NOT_BAR + r"\\rangle"), r"\\expval{\1}"),
]

# Layout around an expression: `\boxed{X}`, `\underbrace{X}_{note}`, `\overbrace{X}^{note}` are X.
_WRAPPERS = ("boxed", "underbrace", "overbrace", "displaylines", "mathstrut", "smash")
_NOTE_AFTER = {"underbrace": "_", "overbrace": "^"}
_HOLDS_RELATION = re.compile(r"(?<![\\<>!])=|\\(?:approx|simeq|propto|equiv|le|leq|ge|geq)(?![A-Za-z])")
_WHOLE = frozenset({"boxed", "displaylines"})  # what they hold is whole statements: `⇒ \boxed{E = -k/2a}`
_COLOR = re.compile(r"\\color\s*\{[A-Za-z!0-9]*\}|\\(?:phantom|hphantom|vphantom)\s*\{[^{}]*\}")
_TEXTCOLOR = re.compile(r"\\textcolor\s*\{[A-Za-z!0-9]*\}\s*(?:\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\})?")
_PUNCTUATION_TEXT = re.compile(r"\\text(?:rm|normal|it|bf)?\s*\{[\s.,;:!?~]*\}")  # \text{ . } ends a sentence
# `{Z}^r`, `{\mu}_\theta`: braces around one name are no group (not after a command, a script or a group)
_BRACED_NAME = re.compile(r"(?<![A-Za-z}\]_^\\])\{\s*(\\[A-Za-z]+|[A-Za-z])\s*\}")
_BOLD_NABLA = re.compile(r"\\(?:vec|mathbf|boldsymbol|bm|bs)\s*(?:\{\s*\\nabla\s*\}|\\nabla(?![A-Za-z]))")
_BRACED_WORD = re.compile(r"(?<![A-Za-z}\]_^\\])\{\s*(\\(?:mathrm|textrm|text)\s*\{\s*[A-Za-z]+\s*\})\s*\}")  # {\mathrm{for}}
_PHYSICAL_UNIT = re.compile(r"\\pu\s*\{\s*([A-Za-z]+)\s*(\^\s*(?:\{\s*-?[0-9]+\s*\}|-?[0-9]+))?\s*\}")  # \pu{m^{-3}}
_UNIT_MACRO = re.compile(r"\\pu\s*\{")  # \pu{GHz^{2} pc^{-1}}: several units, upright
_COMPOUND_UNIT = re.compile(  # \mathrm{J\,mol^{-1}\,K^{-1}}, \mathrm{m/s}: units, each word one name
    r"\\(?:mathrm|text|textrm)\s*\{((?=[^{}]*(?:\\[,;: ]|~|\^|/|\\cdot))(?:[A-Za-z]|\s|\\[,;: ]|~|/|\\cdot(?![A-Za-z])"
    r"|\^\s*(?:\{\s*-?[0-9]+\s*\}|-?[0-9]))+)\}"
)
_UNIT_WORD = re.compile(r"\\?[A-Za-z]+")


def _punctuation(match: re.Match) -> str:
    """`a = 1 \\text{, } b = 2`: two statements, never one chain; at the end, a sentence's last mark."""
    return " " if not match.string[match.end() :].strip() else r" \quad "


_ROW_BREAK = re.compile(r"(\\\\)")
_PROSE_TEXT = re.compile(r"\\(?:text|textbf|textit|textrm|textnormal|mbox)\s*\{[^{}]*\}")
_LAYOUT_ONLY = re.compile(
    r"(?:\s|&|[{}.,:;]|\\(?:large|Large|LARGE|small|quad|qquad|[ ,;:!])(?![A-Za-z])|\\(?:textbf|textit)(?=\s*\{))*"
)

_JUSTIFYING = re.compile(r"\\[a-z]+\s*\{\s*(?:since|because|by|using|from|as)\b", re.I)  # why the row above holds
_LEADS_ON = re.compile(  # words that the rows below depend on: a glossary, a condition, a connective
    r"\b(?:where|here|if|iff|for|when|whenever|with|and|or|then|so|thus|hence|therefore|i\.e|such|subject|let|given"
    r"|otherwise|unless|provided|assume|assuming|suppose|reject|accept)\b",
    re.I,
)


def _states_nothing(words: str) -> bool:
    return _JUSTIFYING.match(words) is not None or _LEADS_ON.search(words) is None


def _without_prose_rows(text: str) -> str:
    """`\\large \\text{Proof} \\\\`, `&\\ \\text{Since the denominator is constant} \\\\`: a row of words
    between the rows of a derivation says why, it states nothing; the rows around it are read as if it were not
    there. A display of words alone is left as it is."""
    pieces = _ROW_BREAK.split(text)
    rows = pieces[::2]
    prose = [_PROSE_TEXT.search(row) is not None and _LAYOUT_ONLY.fullmatch(_PROSE_TEXT.sub(" ", row)) is not None
             and _states_nothing(" ".join(_PROSE_TEXT.findall(row))) for row in rows]
    if not any(prose) or all(prose):
        return text
    kept = [row for row, words in zip(rows, prose) if not words]
    return " \\\\ ".join(kept)


def _upright_word(match: re.Match) -> str:
    word = match.group()
    return word if word.startswith("\\") else f"\\mathrm{{{word}}}"


_LINE_SPACING = re.compile(r"\\\\\s*\[\s*-?[0-9.]*\s*(?:ex|em|pt|mm|cm|in|mu|bp|pc|dd|cc|sp)\s*\]")  # \\[3ex]
_SPACING = re.compile(  # horizontal space between two statements is a \quad; vertical space is nothing more
    r"\\(?:hspace\*?|hskip|kern|mkern|mspace)\s*(?:\{\s*-?[0-9.]*\s*[a-z]{2}\s*\}|-?[0-9.]+\s*[a-z]{2})"
    r"|(?<!\\)(?:\\ \s*){2,}"  # `\ \ \ \ `: spaces in a row, as wide as a \quad
)
_VSPACE = re.compile(r"\\(?:vspace\*?)\s*\{\s*-?[0-9.]*\s*[a-z]{2}\s*\}")
_BLANK_LINE = re.compile(r"(?<!\\\\)(\s*\n[ \t]*\n\s*)(?!\s*\\\\)")
_TAG = re.compile(r"\\(?:tag\*?|label)\s*\{[^{}]*\}|\\(?:nonumber|notag)(?![A-Za-z])")

# Spellings of one thing: `^{*}` is `^*`, `a^{\dagger 2}` is (a†)², `==` is `=`, `...` is an ellipsis.
_STAR = re.compile(r"\^\s*\{\s*(?:\*|\\ast)\s*\}|\^\s*\\ast(?![A-Za-z])")
_DAGGER_POWER = re.compile(r"(\\[A-Za-z]+|[A-Za-z])\s*\^\s*\{\s*\\(dagger|dag)\s*([0-9])\s*\}")
_DOUBLE_EQUALS = re.compile(r"(?<![<>!=])==(?!=)")
_DOTS = re.compile(r"(?<![.\\])\.\.\.(?!\.)")
_TIGHT_LIST = re.compile(r"(?<![\d.])\d+(?:,\d+)+(?=\s*,\s*\\(?:ldots|dots|cdots)(?![A-Za-z]))")
_LIST_ELLIPSIS = re.compile(r"((?<!\\),\s*-?[0-9]+)\s*(?=\\(?:ldots|dots|cdots)(?![A-Za-z]))")  # `k = 0, 1, 2\cdots`
# `a_1 + a_2 + \cdots a_n`: the sum goes on to its last term, which the ellipsis does not multiply
_SUM_ELLIPSIS = re.compile(
    r"(\+\s*\\(?:ldots|dots|cdots|dotsb)(?![A-Za-z]))\s*(?=[A-Za-z(]|\\(?!right|big|Big|end|q?quad|\\|[,;:!]))"
)
_PERCENT = re.compile(r"\\%")
_ARG_OPT = [  # argmax and argmin, however they are spelled
    (re.compile(r"\\arg\s*\\(max|min)(?![A-Za-z])"), r"\\arg\1 "),
    (re.compile(r"\\(?:mathop|operatorname\*?)\s*\{\s*\\(?:mathrm|text|operatorname)\s*\{\s*arg\s*(?:\\[,;:!]\s*)?(max|min)\s*\}\s*\}"),
     r"\\arg\1 "),
    (re.compile(r"\\(?:mathop|operatorname\*?|mathrm|text|textrm)\s*\{\s*arg\s*(?:\\[,;:!]\s*)?(max|min)\s*\}"),
     r"\\arg\1 "),
]
_BRACED = r"\{(?:[^{}]|\{[^{}]*\})*\}"
_NAMED_BOUND = re.compile(r"(\\i+nt(?![A-Za-z])(?:\s*\\limits)?\s*_\s*\{)\s*(\\?[A-Za-z]+)\s*=(?!=)")  # \int_{x=0}^{1}


def _named_bounds(text: str) -> str:
    r"""`\int_{x=0}^{1} f\, dx` is `\int_0^1 f\, dx`: the lower bound names the variable, which a differential of
    the display confirms (`\int_{x=0}^{1} f \, dy` stays as written). The differentials are gathered once."""
    if "\\int" not in text:
        return text
    differentials = {m.group(1) for m in _DIFFERENTIAL_NAME.finditer(text)}
    return _NAMED_BOUND.sub(lambda m: m.group(1) if m.group(2) in differentials else m.group(), text)


_DIFFERENTIAL_NAME = re.compile(r"(?:\\mathrm\s*\{\s*d\s*\}|(?<![A-Za-z\\])d)\s*(\\?[A-Za-z]+)(?![A-Za-z])")
_NUMERATOR_DIFFERENTIAL = re.compile(  # \int_a^b \frac{c\,\mathrm{d}t}{a(t)}: the differential written on top
    r"(\\[io]?int(?![A-Za-z])(?:\s*\\limits)?(?:\s*[_^]\s*(?:" + _BRACED + r"|\\?[A-Za-z0-9]+))*)\s*"
    r"\\[dt]?frac\s*\{((?:[^{}]|\{[^{}]*\})*?)\s*(?:\\[,;:!]\s*)*(\\mathrm\s*\{\s*d\s*\}|\\text\s*\{\s*d\s*\}|d)\s*"
    r"(\\[A-Za-z]+|[A-Za-z](?:_\{[^{}]*\}|_[A-Za-z0-9])?)\s*\}\s*(?=\{)"  # the denominator follows
)
_A_DIFFERENTIAL = re.compile(r"\{\s*(?:\\mathrm\s*\{\s*d\s*\}|d(?![a-z]{2})|\\partial|\\text\s*\{\s*d\s*\})")


_SIDE_END = re.compile(r"(?<![\\<>!])=|<|>|&|\\\\|\\(?:approx|simeq|propto|equiv|le|leq|ge|geq|ne|neq|quad|qquad)(?![A-Za-z])")


_LOOK_AFTER = 300  # characters after an integral's term looked into for its variable


def _no_variable_after(text: str, end: int, variable: str) -> None:
    r"""`\int_0^1 \frac{dx}{2} x^2 - x`: the integral's term ends at the minus, yet x goes on: inside or out? Refused."""
    limit = min(len(text), end + _LOOK_AFTER)  # bounded, so that many integrals in a row stay linear
    stop = _SIDE_END.search(text, end, limit)
    rest = text[end: stop.start() if stop else limit]
    if re.search(rf"(?<![\\A-Za-z]){re.escape(variable)}(?![A-Za-z_'])", rest):  # t_obs, t' are other names
        raise TranslationError(f"{variable} after the integral over d{variable}: inside the integral or out of it? "
                               "Write parentheses", command="\\int", cause="ambiguous")


def _differentials_last(text: str) -> str:
    r"""`\int \frac{c\,dt}{a(t)}` is `\int \frac{c}{a(t)}\,dt`; `\int \frac{dz}{\sqrt z} (1+z)` is
    `\int \frac{1}{\sqrt z} (1+z) \, dz`: the factors after the fraction are integrated too (the measure stands
    first, as physicists write it; a factor without z may stand inside or out alike). `\int \frac{dx}{dt}` (a
    derivative) stays, as does a term too long to look into."""
    pieces, start = [], 0
    for match in _NUMERATOR_DIFFERENTIAL.finditer(text):
        integral, top, d, variable = match.groups()
        bottom_end = group_end(text, match.end())
        end = term_end(text, bottom_end) if bottom_end > 0 else None
        bottom = text[match.end(): bottom_end]
        if end is None or _A_DIFFERENTIAL.match(bottom) or match.start() < start:
            continue
        after = text[bottom_end: end]
        _no_variable_after(text, end, variable)
        if _DIFFERENTIAL_NAME.search(after) or _DIFFERENTIAL_NAME.search(top):  # \int \frac{dx}{\pi} dy\, f
            raise TranslationError(f"{integral.strip()}: a second differential after d{variable}: a multiple integral "
                                   "is not read", command="\\int", cause="unsupported-construct")
        pieces.append(f"{text[start: match.start()]}{integral} \\frac{{{top.strip() or '1'}}}{bottom} {after} \\, {d} {variable} ")
        start = end
    return "".join(pieces) + text[start:]


_SYSTEM = re.compile(  # a display that is only a brace of equations: a system, each row a statement
    r"\A\s*(?:\\left\s*\\\{\s*)?\\begin\s*\{cases\}(.*)\\end\s*\{cases\}\s*(?:\\right\s*\.\s*)?(?:\\tag\*?\s*\{[^{}]*\}\s*)?\Z", re.S
)
_CASES = re.compile(r"\\begin\s*\{d?cases\}(.*?)\\end\s*\{d?cases\}", re.S)
_CONDITIONED_ROW = re.compile(r",|;|\\text|\\mathrm\s*\{\s*[a-z]{2}|\\rm(?![A-Za-z])|\\quad|[^\s\\]\s*&|\\if(?![A-Za-z])")


_NOTE_IN_BRACKETS = re.compile(  # `\quad \left[ y = m x + b \right]`: an equation set aside in brackets
    r"(\A\s*|\\q?quad\s*(?:\\[,;:! ]\s*)*|\\\\\s*)\\left\s*\[((?:(?!\\left\s*\[|\\right\s*\]).)*)\\right\s*\](?=\s*(?:\\q?quad(?![A-Za-z])|\\\\|&|\Z))",
    re.S,
)


def _bracketed_note(match: re.Match) -> str:
    inner = match.group(2)
    return f"{match.group(1)} {inner} " if _HOLDS_RELATION.search(inner) else match.group()


def _unbraced(script: str) -> str:
    return script[1:-1] if script.startswith("{") else script


def _system(match: re.Match) -> str:
    """A brace of equations is a system, each row a statement; rows with conditions (`…, y_i = +1`) stay cases."""
    rows = match.group(1)
    return match.group() if _CONDITIONED_ROW.search(rows) else rows


_CONNECTIVES = {  # Chinese words between statements, as the English ones the reader knows
    "若": "if", "如果": "if", "假如": "if", "当": "when", "且": "and", "并且": "and", "或": "or", "或者": "or",
    "其中": "where", "对于": "for", "对任意": "for all", "对所有": "for all", "则": "then", "那么": "then",
    "因此": "so", "所以": "so",
}
_CHINESE_CONNECTIVE = re.compile(
    r"\\text\s*\{\s*[，,：:]?\s*(" + "|".join(sorted(_CONNECTIVES, key=len, reverse=True)) + r")\s*[，,：:]?\s*\}"
)
# `T : U \to V \quad \textrm{mapping} \quad u \mapsto 2u`: a map's signature, then where it takes each point
_MAPPING = re.compile(r"\\(?:text|textrm|mathit|mathrm|textit)\s*\{\s*mapping\s*\}(?=(?:(?!\\\\).)*\\mapsto)", re.S)
_WHEN_CLOSES = re.compile(r"\\text\s*\{\s*时\s*[，,]?\s*\}")  # 当 x > 0 时: "时" closes the "when" condition
_SPELLINGS = [  # other spellings of what the grammar reads
    (re.compile(r"\\x(right|Right|left|Left)arrow\s*(?:\[[^\]]*\]\s*)?\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}"),
     r"\\\1arrow "),  # an arrow with a note on it leads from one equation to the next
    (re.compile(  # (F_\nu)_1, (F_{\nu})_{\rm AB}: a label on a subscripted name is one more label
        r"\(\s*((?:\\[A-Za-z]+|[A-Za-z]))\s*_\s*(\{[^{}()]*\}|\\[A-Za-z]+|[A-Za-z0-9])\s*\)\s*_\s*"
        r"(\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z0-9])"
    ), lambda m: f"{m.group(1)}_{{{_unbraced(m.group(2))}, {_unbraced(m.group(3))}}}"),
    (re.compile(r"\\overrightarrow(?![A-Za-z])"), r"\\vec"),  # \overrightarrow w: the vector w
    (re.compile(r"\\textbf\s*\{\s*([A-Za-z0-9])\s*\}"), r"\\mathbf{\1}"),  # \textbf{0}: the zero vector
    (re.compile(r"\\(mathbf|boldsymbol|bm|vec)\s*\{\s*(\\?[A-Za-z]+)\s*_\s*(\{[^{}]*\}|\\?[A-Za-z0-9])\s*\}"),
     r"\\\1{\2}_{\3}"),  # \mathbf{x_1}: the vector x_1, \mathbf{x}_1
    (re.compile(r"\{\s*\\cal\s+([A-Za-z])\s*\}|\\cal\s*(?:\{\s*([A-Za-z])\s*\}|\s([A-Za-z]))"),
     r"\\mathcal{\1\2\3}"),  # plain TeX's {\cal R}, \cal{R}: \mathcal{R}
    (re.compile(r"_\s*(?:\{\s*\*\s*\}|\*)"), r"_\\star "),  # M_{*}: a star's mass, a label
    (re.compile(r"\\middle\s*(?:\||\\vert(?![A-Za-z]))"), r" \\mid "),  # P\left(A \middle| B\right)
    (re.compile(r"(?<![:\\])\s*:\s*=(?!=)"), r" \\coloneqq "),  # θ_j := θ_j − α ∂J/∂θ_j: an update, a definition
    (re.compile(r"(?<![=<>!\\])=\s*:(?![:=])"), r" \\eqqcolon "),
    (re.compile(r"\\gt(?![A-Za-z])"), ">"), (re.compile(r"\\lt(?![A-Za-z])"), "<"),  # MathJax's HTML-safe < and >
    (re.compile(r"\\var(Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega)(?![A-Za-z])"), r"\\\1"),  # italic capitals
    (re.compile(r"\\(?:var(propto)|thick(sim)|long(mapsto))(?![A-Za-z])"), r"\\\1\2\3 "),
    (re.compile(r"\\mathop\s*\{\s*\}\s*(?:\\!)?"), ""),  # `\mathop{}\!\mathrm{d}`: spacing before a differential
    (re.compile(r"_\s*\\bot(?![A-Za-z])"), r"_\\perp "),  # ψ_⊥: the orthogonal part, a label
    (re.compile(r"_\s*\{\s*1\s*/\s*2\s*\}"), r"_{\\mathrm{half}}"),  # T_{1/2}: a half-life, T_half (T_1/2 reads as T_1 / 2)
    (re.compile(r"\\[lr]vert(?![A-Za-z])"), "|"), (re.compile(r"\\[lr]Vert(?![A-Za-z])"), r"\\|"),  # amsmath's bars
    (re.compile(r"\\(det|tr|Tr|dim|ker|sgn|gcd|deg)(?![A-Za-z])"), r"\\operatorname{\1}"),  # functions by name
    (re.compile(r"_\s*(?:\{\s*\\(max|min)\s*\}|\\(max|min)(?![A-Za-z]))"), r"_{\\mathrm{\1\2}}"),  # S_max: a label
    (re.compile(  # ⌊x⌋, ⌈x⌉: the floor and the ceiling
        r"(?:\\left\s*)?\\l(floor|ceil)(?![A-Za-z])((?:(?!\\[lr](?:floor|ceil)(?![A-Za-z])).)*?)(?:\\right\s*)?\\r\1(?![A-Za-z])", re.S),
     lambda m: f"\\operatorname{{{'floor' if m.group(1) == 'floor' else 'ceiling'}}}\\left({m.group(2)}\\right)"),
    # \frac{1}{2}||w||^2: after a fraction too
    (re.compile(r"(\\[dt]?frac\s*\{[^{}]*\}\s*\{[^{}]*\})\s*\|\|(?=\s*[^\s|])([^|]+?)\|\|"), r"\1 \\|\2\\|"),
    # ||w||_2: the norm written with two bars (not |a||b|, two absolute values side by side)
    (re.compile(r"(?<![\w}|\\)\]])\|\|(?=\s*[^\s|])([^|]+?)\|\|"), r"\\|\1\\|"),
]
# `\\hat{\\boldsymbol{\\theta}}`: the estimate of θ, one decorated name (the inner bold is dropped from the name)
# (`\\boldsymbol{\\hat{\\beta}}` too: the same estimate, the bold written outside)
_NESTED_DECORATION = re.compile(
    r"\\(hat|widehat|bar|overline|tilde|widetilde|dot|ddot)\s*\{\s*\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*(\\?[A-Za-z]+)\s*\}\s*\}"
    r"|\\(?:mathbf|boldsymbol|bm)\s*\{\s*\\(hat|widehat|bar|overline|tilde|widetilde|dot|ddot)\s*"
    r"(?:\{\s*(\\?[A-Za-z]+)\s*\}|(\\[A-Za-z]+|[A-Za-z]))\s*\}"
)
# Inside a call's parentheses: `p(x|e)` is p(x \mid e) when it is the only bar; `\phi(x; \theta)` separates
# parameters; `B(\cdot)` has a placeholder for its argument.
_BAR_CONDITION = re.compile(r"(?<=[A-Za-z}])(?<!\\left)\(([^()|]+)\|([^()|]+)\)")
_SEMICOLON_ARGUMENT = re.compile(  # p(x; θ), dΦ_2(P; p_1, p_2), p(y^{(i)} | x^{(i)}; θ): parameters after ;
    r"(?<=[A-Za-z}0-9])((?<!\\left)\s*(?:\\left\s*)?)\(((?:[^();]|\((?:[^()]|\([^()]*\))*\))+);((?:[^();]|\([^()]*\))+)\)"
)
_PLACEHOLDER = re.compile(r"\(\s*\\cdot\s*\)")
_FONT_GROUP = re.compile(r"\\(rm|it|bf)\s*\{([^{}]*)\}")  # \rm{kNm} is \mathrm{kNm}
# A font switch makes the word after it one upright name: `{\rm km}` is the unit km, not k·m; `{\rm d}` is d.
_FONT_SWITCH = re.compile(  # `{\rm kg}`: a switch takes the word; `\mathrm dt`: a command one letter (\mathrm{d} t)
    r"\\(rm|it|bf)(?![A-Za-z])\s*([A-Za-z]+)|\\(mathrm|mathit|mathbf)(?![A-Za-z])\s*([A-Za-z])"
)
# `{\rm sw, AU}`: every word of a switched group is upright (the second is not A·U)
_SWITCHED_WORDS = re.compile(r"(\{\s*\\(?:rm|it|bf)(?![A-Za-z])\s*[A-Za-z]+)((?:\s*,\s*[A-Za-z]+)+)(\s*\})")
_UNIT_NOTE = re.compile(
    r"\{\s*\\rm\s*\[(?:[^\[\]{}]|\{[^{}]*\})*\]\s*\}|\\text(?:rm)?\s*\{\s*\[(?:[^\[\]{}]|\{[^{}]*\})*\]\s*\}"
)  # {\rm [mas]}
_THOUSANDS = re.compile(r"(\d)\{,\}(?=\d{3})")  # 1{,}000: TeX's thousands separator
_FONT_IN_DECORATION = re.compile(
    r"\\(hat|widehat|bar|overline|tilde|widetilde|dot|ddot|vec)\s*\{\s*\\(?:mathrm|mathit|text)\s*\{\s*([A-Za-z])\s*\}\s*\}"
)
# A display that continues an earlier one starts with its relation: `= b + c`, `\Rightarrow x = 0`.
_LEADING = re.compile(r"\A\s*(?:\\(?:Rightarrow|Longrightarrow|implies|therefore|iff|q?quad)(?![A-Za-z])\s*)+")
_SPACE_AFTER_RELATION = re.compile(  # `a \approx \quad b`: the space belongs to the relation
    r"((?:=|<|>|\\(?:approx|simeq|sim|propto|equiv|le|leq|ge|geq|ne|neq|coloneqq|rightarrow|longrightarrow|to)(?![A-Za-z])))(?:\s*\\q?quad(?![A-Za-z]))+"
)
_SPACE_BEFORE_EQUIVALENCE = re.compile(r"(?<=[^\s\\])(?:\s*\\q?quad(?![A-Za-z]))+\s*(?=\\equiv(?![A-Za-z])\s*\\q?quad(?![A-Za-z]))")
# `B - V \quad \equiv \quad m_B - m_V`: a wide space around ≡ sets the two sides apart, it separates nothing
_BROKEN_RELATION = re.compile(r"(=|\\approx|\\le|\\ge|\\propto)\s*\\\\\s*&?\s*\1")  # `a = \\ = b`: one =
# `a = b =` at a display's end: the chain goes on in the next display; what is here is `a = b` (a lone `a =` states
# nothing and stays unread)
_DANGLING = re.compile(r"(?<=\S)(?:\s|\\\\)*(?:=|\\approx|\\le|\\leq|\\ge|\\geq)(?:\s|\\[,;!]|\\\\)*[.,]?\s*\Z")
# Words around the mathematics: `\text{LHS: } …`, `… \text{ (since x > 0)}`.
_LABEL_PREFIX = re.compile(  # `\text{Dispersion Relation:}`, `&\textbf{Cartesian: }`: a label, wherever it stands
    r"(?:&\s*)?\\text(?:normal|rm|bf|it)?\s*\{[^{}]*[:：]\s*\}(?:\s*(?:\\q?quad(?![A-Za-z])|&))*"
)
# `… \hspace{1cm} \text{where} \hspace{1cm} n = \text{number density}`: a glossary of the names, not mathematics
_GLOSSARY = re.compile(
    r"(?:\\q?quad|\\[,;:! ]|[\s,.~])*(?:\\(?:text|textrm|textnormal|textit|textbf|mbox|mathrm)\s*\{\s*(?:where|here)"
    r"(?:\s*[:,]?\s*\}|\s[^{}]*\})|(?<![A-Za-z\\])where(?![A-Za-z])).*\Z",
    re.S,
)
_WHERE_WORD = re.compile(r"\\(?:text|textrm|textnormal|textit|textbf|mbox|mathrm)\s*\{\s*(?:where|here)\s*[:,]?\s*\}|where")
_GLOSSARY_WORDS = re.compile(  # names in words, units, dimensions, a bare `and`
    r"\\(?:text[a-z]*|mbox|mathrm|rm)(?![a-z])|\[|(?<![\\A-Za-z])and(?![A-Za-z])"
)


def _dangling(text: str) -> str:
    """`a = b =`: `a = b`, the start of a chain whose next side is in the next display."""
    match = _DANGLING.search(text)
    if match is None or not _HOLDS_RELATION.search(text[: match.start()]):
        return text
    return text[: match.start()]


def without_glossary(tex: str) -> str:
    """The display without what follows its `where` (a glossary of its symbols, or their definitions)."""
    return _GLOSSARY.sub("", tex)


def _glossary(match: re.Match) -> str:
    """`… \\text{where } m \\text{ is the mass}`: words that name the symbols, dropped; `F = ma, \\text{where } a =
    \\dot v`: a relation of its own, which goes with the equation (`with`); when it does not read, the display is read
    without it (`latex.read_statements`)."""
    tail = match.group()
    word = _WHERE_WORD.search(tail)
    rest = tail[word.end():] if word else tail
    if word is None or not word.group().startswith("\\") or _HOLDS_RELATION.search(rest) is None:
        return ""  # a bare `where` typed among the mathematics: prose
    if match.start() == 0:  # `\text{where} \quad A = …` opens the display: the prose's where, then definitions
        return _LEADING.sub("", rest)
    if _GLOSSARY_WORDS.search(rest):  # words, units, dimensions: a glossary
        return ""
    return f"{tail[: word.start()]} \\text{{with}} {rest}"


# words in a remark that change what the equation says: it is false, approximate, holds almost everywhere
_MEANING = (
    r"(?![^{}]*(?:wrong|incorrect|false|mistake|error|fails|\bnot\b|\bno\b|approx|rough|about|up to|almost|a\.\s*e\."
    r"|only|except|unless|错|误|近似|约|不|非|仅|除))"
)
_REMARK_SUFFIX = re.compile(  # `… \text{ (since x > 0)}`: a remark on what holds
    r"(?:\\q?quad\s*)?\\text(?:normal|rm|it)?\s*\{\s*[(（]" + _MEANING + r"[^{}]*[)）]\s*\}\s*[.,;]?\s*\Z"
)
# `… \quad (\text{exactly zero})`, `… && \textrm{Triangle Inequality}`, `… \Rightarrow \text{star moves left}`: words at
# the end of a line, after a space, that say why or what: a remark, not mathematics (a condition stays: `if …`)
_FORALL_FIRST = re.compile(  # `\forall x \in A, P(x)` on one line (no `\\`, no `&`): P(x) for all x ∈ A
    r"\A\s*(\\(?:forall|exists)(?![A-Za-z]))\s*([^,:;!]+?)\s*(?:,|:|\\colon|\\quad|\\;|\\,)\s*((?:(?!\\\\|&).)+?)\s*\Z", re.S
)
# `H_0: \mu = \mu_0 \quad H_1: \mu > \mu_0`: a test's hypotheses, each a statement named H_0, H_1 (or H_a) and not
# asserted; `\text{vs.}` between them is a separator
_HYPOTHESIS = re.compile(
    r"(?<![A-Za-z\\])H\s*_\s*(\{\s*[01aA]\s*\}|[01aA])\s*(?::|\\colon(?![A-Za-z]))(?![=:])\s*"
    r"((?:(?!\\\\|&|\\q?quad(?![A-Za-z])|\\text|\\hspace|[,;]).)+?)\s*(?=\\\\|&|\\q?quad(?![A-Za-z])|\\text|\\hspace|[,;]|\Z)",
    re.S,
)
_VERSUS = re.compile(r"\\text(?:rm|normal)?\s*\{\s*(?:vs\.?|versus)\s*\}")


def _hypotheses(text: str) -> str:
    """`H_0: \\mu \\ge \\mu_0` → `\\operatorname{hypothesis}(H_0, \\mu \\ge \\mu_0)`."""
    if not _HYPOTHESIS.search(text):
        return text
    text = _VERSUS.sub(r"\\quad ", text)
    return _HYPOTHESIS.sub(lambda m: f"\\operatorname{{hypothesis}}\\left(H_{m.group(1)}, {formula(m.group(2))}\\right)", text)


_CONDITION_START = (
    r"(?:if|for|when|whenever|unless|otherwise|provided|except|only|where|with|assuming|as|in|at|on)(?![A-Za-z])"
    r"|[当若如对在仅只除设令]"
)
_REMARK_WORDS = (
    r"\\(?:text|textrm|textnormal|textit|textbf|mbox)\s*\{(?!\s*[（(]?\s*(?:" + _CONDITION_START + r"))" + _MEANING
    + r"[^{}$\\]*\}"
)
_LINE_REMARK = re.compile(  # after a wide space (\quad, &&), never a thin one: `13.6\,\text{eV}` is a unit
    r"(?<=[^\s\\])\s*(?:(?:\\q?quad(?![A-Za-z])|&&)\s*)+(?:\\(?:Rightarrow|implies|therefore)(?![A-Za-z])(?:\s|\\q?quad(?![A-Za-z])|\\[,;: !])*)?"
    r"(?:\(\s*" + _REMARK_WORDS + r"\s*\)|" + _REMARK_WORDS + r")\s*[.,;]?\s*(?=\\\\|\Z)",
    re.I,
)
# `V(r) \approx \sigma r \qquad (r \to \infty)`, `… \quad (\mu^2 < 0, \lambda > 0)`: relations in parentheses at the end
# of a line, after a wide space, say when the line holds: a condition, read as one (`\text{for}`, `\text{as}`)
_PARENTHESIZED_CONDITION = re.compile(
    r"(?<=[^\s\\(,])(\s*,?\s*(?:\\q?quad(?![A-Za-z])\s*)+)(?:\\left\s*)?\(((?:[^()]|\([^()]*\))*)\)\s*[.,;]?\s*(?=\\\\|\Z)"
)
_CONDITION_RELATION = re.compile(
    r"(?<![\\<>!:])=(?!:)|<|>|\\(?:le|leq|ge|geq|ne|neq|ll|gg|to|rightarrow|in|notin|lesssim|gtrsim|leqslant|geqslant)"
    r"(?![A-Za-z])"
)
_LIMIT_RELATION = re.compile(r"\\(?:to|rightarrow)(?![A-Za-z])")
_LIST_START = re.compile(r"(?:[A-Za-z]|\\[A-Za-z]+)(?:'|_\s*(?:\{[^{}]*\}|\w))?\s*=\s*[-+]?\s*\w+")  # `j = 1`, `m' = -l`
_NOT_A_CONDITION = re.compile(r"\\(?:text[a-z]*|mathrm|mbox|operatorname|[A-Za-z]*arrow|implies|iff|therefore)(?![a-z])")


def _condition_in_parentheses(match: re.Match) -> str:
    """`\\quad (a > 0, b = 1)` as `\\quad \\text{for} a > 0 \\text{and} b = 1`; anything else in parentheses stays."""
    space, inner = match.group(1), re.sub(r"\\right\s*\Z", "", match.group(2).strip())
    pieces = top_level_pieces(inner)
    if len(pieces) > 1 and _LIST_START.fullmatch(pieces[0]) and all(pieces) \
            and not any(map(_CONDITION_RELATION.search, pieces[1:])):
        return f"{space} {inner} "  # `\\quad (j = 1, …, N)`: the values of j, a list like `\\quad j = 1, …, N`
    if _NOT_A_CONDITION.search(_LIMIT_RELATION.sub(" ", inner)) or not all(map(_CONDITION_RELATION.search, pieces)):
        return match.group()
    word = "as" if _LIMIT_RELATION.search(pieces[0]) else "for"
    return f"{space}\\text{{{word}}} " + " \\text{and} ".join(pieces) + " "


def top_level_pieces(text: str) -> list[str]:
    """`text` cut at its commas outside braces and brackets."""
    pieces, depth, start = [], 0, 0
    for at, char in enumerate(text):
        depth += (char in "({[") - (char in ")}]")
        if char == "," and depth == 0 and not text[:at].endswith("\\"):  # `\,` is a thin space
            pieces.append(text[start:at])
            start = at + 1
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces]


# `\mid c_n \mid^2` outside a probability's parentheses is an absolute value; `\#(…)` counts.
_MID_ABS = re.compile(r"\\mid(?![A-Za-z])([^()|]*?)\\mid(?![A-Za-z])")
_COUNT = re.compile(r"\\#\s*(?=\()")
_UNDERSCORED = re.compile(r"(?<![\\A-Za-z])([A-Za-z]+(?:\\_[A-Za-z0-9]+)+)")  # num\_heads: one name


# Function names written without their backslash (`sin(\\omega t)`, `log N`) and capitalised words before
# parentheses (`Beta(\\theta)`, `Var(X)`) are names of functions, not products of letters. Never inside
# `\\text{…}` or another named group, where words are words.
_NAMED_GROUP = re.compile(
    r"\\(?:text[a-z]*|math[a-z]*|operatorname\*?|mbox|label|tag|begin|end)\s*\{[^{}]*\}"
    r"|\\vkmatrix\{[a-zA-Z]+\}\{[0-9a-f]*\}|\\vk(?:cases|tensor)\{[0-9a-f]*\}"  # cells, cases and index names, hex-encoded
)
_BARE_FUNCTION = re.compile(r"(?<![\\a-z])(sinh|cosh|tanh|sin|cos|tan|log|ln|exp)(?=\s*[(A-Z\\{0-9^]|\s+[A-Za-z])")
_WORD_CALL = re.compile(r"(?<![\\A-Za-z])([A-Z][a-z]{2,})(?=\s*\()")


def _outside_named(text: str, rewrite) -> str:  # noqa: ANN001 - a str -> str function
    pieces, last = [], 0
    for match in _NAMED_GROUP.finditer(text):
        pieces.append(rewrite(text[last : match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(rewrite(text[last:]))
    return "".join(pieces)


# `nlog(p)`, `pa(x)`: letters before parentheses. Two letters are a product when the second is a usual name of a
# function (`kf(x)`, `2xg(x)`); other runs are ambiguous.
_LETTER_RUN_CALL = re.compile(r"(?<![\\A-Za-z])(?:[A-Za-z]{3,}|[A-Za-z][^fghpquvwyzFGHPQUVWYZ\W\d_])(?=\s*\()")


_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{4,}")  # posterior ∝ likelihood × prior
_IN_SUBSCRIPT = re.compile(r"_\s*(?:\{[^{}]*)?\Z")  # x_{max}, T_{room}: a subscript word is a name


def ambiguous_word(text: str) -> str | None:
    """A word written as letters in prepared text, or None: `nlog(` and `pa(` before parentheses, `posterior`.

    In TeX a run of letters is a product of letters; to its author it is a function's
    name or a word. Neither reading is safe. Words in `\\text{…}` and in subscripts
    are names, and stay.
    """
    found: list[str] = []

    def collect(piece: str) -> str:
        found.extend(m.group(0) + "(" for m in _LETTER_RUN_CALL.finditer(piece))
        found.extend(m.group(0) for m in _WORD.finditer(piece) if not _IN_SUBSCRIPT.search(piece, 0, m.start()))
        return piece

    _outside_named(text, collect)
    return found[0] if found else None


def _words(text: str) -> str:
    text = _BARE_FUNCTION.sub(r"\\\1 ", text)
    return _WORD_CALL.sub(r"\\operatorname{\1}", text)


# Signs that a text is about complex quantities, where x^* is the conjugate of x: wave functions, ħ, adjoints,
# bra-kets, the imaginary unit, a conjugated group `(…)^*` (not a hat: an estimate in statistics, ŷ).
_COMPLEX = re.compile(
    r"\\(?:psi|Psi|hbar|dagger|dag|ket|bra|braket|langle|rangle|mathrm\s*\{\s*[ij]\s*\}|imath)(?![A-Za-z])"
    r"|[)\]>]\s*\^\s*\{?\s*(?:\*|\\ast)"
    # e^{i\theta}, e^{-i\omega t}, e^{j\omega t}: i (or an engineer's j) beside an angle in e's exponent is the imaginary unit
    r"|e\s*\^\s*\{\s*-?\s*(?:[0-9]+\s*)?(?:\\pi\s*)?[ij]\s*\\(?:theta|pi|phi|varphi|omega|alpha|beta|gamma|lambda)(?![A-Za-z])"
    # a + bi, 3 - 6i (not in a script: x_{n-2i}); \cos\theta + i\sin\theta; ±i alone in a matrix's cell (Pauli's Y)
    r"|[+-]\s*(?:[0-9]+|[a-hj-z])i(?![A-Za-z_^])(?!\s*\})|[+-]\s*i\s*\\sin(?![A-Za-z])"
    r"|(?:&|\\\\)\s*-?\s*i\s*(?=&|\\\\|\\end)"
)


def is_complex(*texts: str) -> bool:
    """Whether any of the texts (a display, or every display of a note) is about complex quantities."""
    return any(_COMPLEX.search(text) for text in texts)


def prepare(text: str) -> str:
    """The display equation `text`, rewritten for the grammar of the free reading."""
    return _brakets(_notation(_words_around(_layout(write_tensors(text)))))


def _layout(text: str) -> str:
    """What only places the mathematics: comments, environments, spacing, colours, boxes and braces."""
    # a matrix is read cell by cell later: its body travels hex-encoded, out of the lexer's way
    text = _COMMENT.sub(" ", text)
    text = _BLANK_LINE.sub(r" \\\\ ", text)  # two equations a blank line apart are two rows, never a product
    text = _ARRAY_MATRIX.sub(_as_matrix, text)  # \left(\begin{array}{cc} … \end{array}\right): a pmatrix
    text = _MATRIX.sub(lambda m: f"\\vkmatrix{{{m.group(1)}}}{{{m.group(2).encode().hex()}}}", text)
    text = _PLACEMENT.sub(r"\1", text)  # \begin{aligned}[t]: a placement, not a factor t
    text = _SYSTEM.sub(_system, text)
    text = _CASES.sub(lambda m: f"\\vkcases{{{m.group(1).encode().hex()}}}", text)  # read row by row later
    text = _JUSTIFICATION.sub(" ", text)  # `&= … && a^k \le b^k \\`: why the row holds, not a row of the chain
    text = _ALIGNING.sub(" ", text)
    text = _LINE_SPACING.sub(r"\\\\ ", text)  # the space after a line break is layout
    text = _SPACING.sub(r"\\quad ", text)
    text = _PUNCTUATION_TEXT.sub(_punctuation, text)
    text = _without_prose_rows(text)
    text = _PHYSICAL_UNIT.sub(lambda m: f"\\mathrm{{{m.group(1)}}}{m.group(2) or ''}", text)
    text = _UNIT_MACRO.sub(r"\\mathrm{", text)
    text = _COMPOUND_UNIT.sub(lambda m: _UNIT_WORD.sub(_upright_word, m.group(1)), text)
    text = _VSPACE.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _COLOR.sub(" ", text)
    text = _TEXTCOLOR.sub(lambda m: f" {m.group(1) or ''} ", text)  # a colour is no group: \quad \color{…}{\simeq …}
    for name in _WRAPPERS:
        text = _unwrap_command(text, name)
    text = _outer_braces(text)
    text = _NOTE_IN_BRACKETS.sub(_bracketed_note, text)
    text = _BRACED_NAME.sub(r" \1 ", text)
    return text


def _words_around(text: str) -> str:
    """Words, labels and remarks around the mathematics, and the plainer spellings of numbers and dots."""
    text = _CHINESE_CONNECTIVE.sub(lambda m: f"\\text{{{_CONNECTIVES[m.group(1)]}}}", text)
    text = _WHEN_CLOSES.sub(" ", text)
    text = _MAPPING.sub(r"\\quad ", text)
    text = _hypotheses(text)  # H_0: μ ≥ 0 ∧ σ = 1: the hypothesis is the whole formula
    text = rewrite_logic(text, _FORALL_FIRST.match)  # ∃δ > 0, ∀x : P(x) ⇒ Q(x); x ∈ A ∧ y ∈ B
    text = _FORALL_FIRST.sub(r"\3 \\quad \1 \2", text)  # ∀x ∈ A, P(x) is P(x) for all x ∈ A
    text = _evaluation_brackets(text)
    text = _evaluated_at(text)
    text = _subscripted_groups(text)
    text = sized_sets(text)  # |D| beside x \in D: the size of the set D
    text = rewrite_volume_integrals(text)  # \int f(p)\, d^3p: over a space of three dimensions
    text = sized_operand_brackets(write_sum_indices(text))  # \sum x_i: over i; \sum_i [ … ]: its operand
    text = _set_literals(text)
    text = _OPTIMUM_OF_SET.sub(r"\1\\left(", text)  # max{a, b, c}: the greatest of a, b and c
    text = _outside_named(text, _words)
    text = _LEADING.sub("", text)
    text = _LABEL_PREFIX.sub("", text)
    text = _PARENTHESIZED_CONDITION.sub(_condition_in_parentheses, text)
    text = _REMARK_SUFFIX.sub("", text)
    text = _LINE_REMARK.sub(" ", text)
    text = _GLOSSARY.sub(_glossary, text)
    text = _BROKEN_RELATION.sub(r"\1", text)
    text = _dangling(text)
    text = _COUNT.sub(r"\\operatorname{count}", text)
    text = _UNDERSCORED.sub(lambda m: "\\mathrm{" + m.group(1).replace("\\_", "_") + "}", text)
    text = _STAR.sub("^*", text)
    text = _DAGGER_POWER.sub(r"{\1^\\dagger}^{\3}", text)
    text = _DOUBLE_EQUALS.sub("=", text)
    text = _THOUSANDS.sub(r"\1", text)
    text = _DOTS.sub(r"\\ldots ", text)
    text = _TIGHT_LIST.sub(lambda m: m.group().replace(",", ", "), text)  # 1,2,…,n: a list, not a decimal comma
    text = _LIST_ELLIPSIS.sub(r"\1, ", text)
    text = _SUM_ELLIPSIS.sub(r"\1 + ", text)
    text = _PERCENT.sub(r"\\cdot\\frac{1}{100}", text)
    return text


# `\mathbb{R}^{m \times n}`: the space of real m × n matrices (of arrays, with more factors), no power m·n
_MATRIX_SPACE = re.compile(
    r"\\mathbb\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))\s*\^\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\\times(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}"
)


def _matrix_space(match: re.Match) -> str:
    sizes = ", ".join(size.strip() for size in re.split(r"\\times(?![A-Za-z])", match.group(3)))
    return f"\\operatorname{{matrices}}\\left(\\mathbb{{{match.group(1) or match.group(2)}}}, {sizes}\\right)"


# `\overset{\text{def}}{=}`, `\underset{\text{CNOT}}{\Longrightarrow}`, `\underset{w,b}{\min}`: a relation or an
# arrow with a note over or under it, an optimum with its variables under it
_STACKED = re.compile(
    r"\\(overset|underset|stackrel)\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}\s*"
    r"(?:\{\s*((?:[^{}]|\{[^{}]*\})*?)\s*\}|(\\[A-Za-z]+|[=<>]))"
)
_STACKED_RELATION = re.compile(  # not an arrow: the note over an arrow names what it does (a gate, a map)
    r"=|<|>|\\(?:sim|approx|simeq|equiv|propto|le|leq|ge|geq|ne|neq)(?![A-Za-z])"
)
_DEFINING = re.compile(r"\s*(?:\\(?:text|mathrm|rm)\s*\{?\s*def\.?\s*\}?|def|\\triangle|\\Delta|:)\s*")
_NOTE_SIZE = re.compile(r"\A\s*\\(?:small|scriptsize|tiny|footnotesize|scriptstyle|textstyle)\s*\{(.*)\}\s*\Z", re.S)
_PLAIN_NOTE = re.compile(  # notes that leave the relation as it is: must hold, is it?, independent samples
    r"\s*(?:!|\?+|\\text\s*\{\s*(?:!|\?+|i\.?i\.?d\.?)\s*\}|i\.?i\.?d\.?|\\mathrm\s*\{\s*i\.?i\.?d\.?\s*\})\s*"
)  # not `approx`, `d`, `a.s.`, `P`: those change what the relation says
_STACKED_OPTIMUM = re.compile(
    r"\s*\\?(?:(?:operatorname\*?|mathrm|text|rm)\s*\{\s*)?(arg\s*(?:\\,)?\s*\\?(?:max|min)|max|min|sup|inf)\s*\}?\s*"
)


def _stacked(match: re.Match) -> str:
    """A relation with its note dropped (`\\overset{!}{=}`; `\\overset{def}{=}` is `:=`); `\\underset{x}{\\arg\\max}` is
    `\\arg\\max_{x}`; anything else as written (the reader refuses the annotation)."""
    kind, below = match.group(1), (match.group(3) or match.group(4) or "").strip()
    note = _NOTE_SIZE.sub(r"\1", match.group(2))  # \overset{\small{\text{i.i.d.}}}{\sim}: the size is layout
    if _STACKED_RELATION.fullmatch(below) and _DEFINING.fullmatch(note) and below == "=":
        return " \\coloneqq "
    if _STACKED_RELATION.fullmatch(below) and _PLAIN_NOTE.fullmatch(note):
        return f" {below} "
    optimum = _STACKED_OPTIMUM.fullmatch(below) if kind == "underset" else None
    if optimum is not None:
        name = re.sub(r"[\s\\,]", "", optimum.group(1))
        return f" \\operatorname{{{name}}}_{{{note}}} " if name.startswith("arg") else f" \\{name}_{{{note}}} "
    return match.group()


# `f\colon X \to Y`, `g_\theta : \mathbb{R}^n \rightarrow \mathbb{R}`: a map's signature, a line of its own
_SIGNATURE = re.compile(
    r"(?:(?<=\A)|(?<=\\\\))(\s*(?:\\(?:hat|tilde|bar|mathcal|mathscr|mathbf|boldsymbol)\s*\{\s*\\?[A-Za-z]+\s*\}|\\[A-Za-z]+"
    r"|[A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?\s*)(?::|\\colon(?![A-Za-z]))(?![=:])"
    r"(?=(?:(?!\\\\|[=:;,]|\\(?:q?quad|mapsto|in|text)(?![A-Za-z])).)*?"
    r"\\(?:to|rightarrow|longrightarrow|leftrightarrow|mapsto|longmapsto|hookrightarrow|twoheadrightarrow)(?![A-Za-z]))",
    re.S,
)


# `\mathbb{E}_{x \sim p}[f(x)]`, `\mathbb{E}_q \left[ … \right]`: an expectation under what its subscript names
_EXPECTATION_UNDER = re.compile(
    r"(\\mathbb\s*\{\s*E\s*\}|(?<![\\A-Za-z])E)\s*_\s*(\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|\\[A-Za-z]+|[A-Za-z0-9])\s*"
    r"(\\left\s*|\\[bB]igg?l?\s*)?\["
)
_ONE_NAME = re.compile(r"\s*(?:\\[A-Za-z]+|[A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?\s*")
_SAMPLED = re.compile(r"\A\s*(.+?)\s*\\sim(?![A-Za-z])\s*(.+?)\s*\Z", re.S)


def _expectations_under(text: str) -> str:
    """`\\mathbb{E}_{x \\sim p}[f(x)]` is `\\mathbb{E}[f(x), \\operatorname{sampled}(x, p)]`, read E(f(x), sampled(x,
    p)); `\\mathbb{E}_q[f]` is E(f, q); a plain E only with `\\sim` (E_n[ψ] may be an energy functional). The
    bracket's end is found by pairing brackets in one pass."""
    pieces, last, pairs = [], 0, None
    for match in _EXPECTATION_UNDER.finditer(text):
        if match.start() < last:
            continue
        pairs = _bracket_pairs(text) if pairs is None else pairs
        close = _closing_bracket(pairs, text, match.end())
        if close is None:
            continue
        under = match.group(2)[1:-1] if match.group(2).startswith("{") else match.group(2)
        sampled = _SAMPLED.match(under)
        if sampled is None and not (match.group(1).startswith("\\") and _ONE_NAME.fullmatch(under)):
            continue  # E_n[ψ]: an energy functional as much as an expectation; E_{i \\ne j}: over the factors i ≠ j
        if sampled is not None:
            under = f"\\operatorname{{sampled}}({sampled.group(1)}, {sampled.group(2)})"
        sized = match.group(3) or ""
        pieces.append(f"{text[last:match.start()]}{match.group(1)}{sized}[{text[match.end():close]}, {under}")
        last = close
    return "".join(pieces) + text[last:]


_VERT = re.compile(
    r"(?:\\(?:left|right|[bB]igg?[lrm]?)\s*)?(?:\\vert(?![A-Za-z])|(?<!\\)\|)|[()\[\]]|\\[lr]angle(?![A-Za-z])"
)  # a bar (sized ones are no condition's), a group's bounds, a braket's angle (its bar is the braket's)
_NAME_BEFORE = re.compile(r"(?:(?<![\\A-Za-z])[A-Za-z]+|\})\s*\Z")  # p(…), \mathcal{N}(…); not \cdot (…)
_SIZED_OPEN = re.compile(r"\\left\s*\Z")


def _vert_conditions(text: str) -> str:
    """`p(t \\vert \\mathbf{x})`, `\\mathcal{N}(w \\vert 0, \\alpha^{-1})`, `E[t \\vert x]`: the one `\\vert` in a name's
    parentheses or brackets is a condition's bar (so is one `|`); `\\vert x \\vert` (two) is an absolute value. One pass
    with a stack."""
    bars: set[int] = set()
    opened: list[tuple[int, list[re.Match]]] = []
    for match in _VERT.finditer(text):
        if match.group() in "([":
            opened.append((match.start(), []))
        elif match.group() in ")]":
            if opened:
                start, inside = opened.pop()
                one_bar = len(inside) == 1 and inside[0].group() in ("\\vert", "|")
                if one_bar and _applied_group(text, start):
                    bars.add(inside[0].start())
        elif opened:
            opened[-1][1].append(match)  # an angle counts as one more: ⟨a|b⟩ keeps its bar
    if not bars:
        return text
    return _VERT.sub(lambda m: " \\mid " if m.start() in bars else m.group(), text)


def _applied_group(text: str, start: int) -> bool:
    """Whether the group opening at `start` (`(` or `[`, perhaps after `\\left`) follows a name."""
    sized = _SIZED_OPEN.search(text, max(0, start - 8), start)
    end = sized.start() if sized else start
    return _NAME_BEFORE.search(text, max(0, end - 40), end) is not None


def _bracket_pairs(text: str) -> dict[int, int]:
    """Where each `[` of `text` closes: one pass with a stack."""
    pairs, opened = {}, []
    for position, character in enumerate(text):
        if character == "[":
            opened.append(position)
        elif character == "]" and opened:
            pairs[opened.pop()] = position
    return pairs


def _closing_bracket(pairs: dict[int, int], text: str, start: int) -> int | None:
    """Where the bracket opened just before `start` closes (at its `]`, or at the `\\right` before it)."""
    position = pairs.get(start - 1)
    if position is None:
        return None
    sized = re.search(r"\\(?:right|[bB]igg?r?)\s*\Z", text[max(start, position - 12) : position])
    return position - len(sized.group()) if sized else position


_SEPARATOR = re.compile(r"\\\||\\Vert(?![A-Za-z])|\|\||[()]")


def _divergence_arguments(text: str) -> str:
    """`D_{KL}(p \\| q)`, `S(\\rho \\| \\sigma)`: one `\\|` inside parentheses separates a divergence's two
    arguments, in order (a norm has two bars); it becomes a comma. One pass with a stack."""
    opened: list[list[tuple[int, int]]] = []  # per open parenthesis: where its bars are
    single: list[tuple[int, int]] = []
    for match in _SEPARATOR.finditer(text):
        token = match.group()
        if token == "(":
            opened.append([])
        elif token == ")":
            bars = opened.pop() if opened else []
            if len(bars) == 1:
                single.append(bars[0])
        elif opened:
            opened[-1].append(match.span())
    pieces, last = [], 0
    for start, end in sorted(single):
        pieces += [text[last:start], ","]
        last = end
    return "".join(pieces) + text[last:]


def _parameters_after(match: re.Match) -> str:
    """`p(x; \\theta)`, `f(h, x; \\theta)`: the parameters after `;` are more arguments. `I(X; Y, Z)`, `H(X; Y)` and
    `D(p; q)` of information theory pair what is on each side, which commas alone would lose: left to be refused."""
    head = match.string[: match.start()].rstrip()
    if re.search(r"(?<![A-Za-z\\])[IHD]\s*(?:_\s*(?:\{[^{}]*\}|\w))?\s*\Z", head):
        return match.group()  # I(X; Y, Z), H(X; Y): information between two sides, which commas would merge
    return f"{match.group(1)}({match.group(2)}, {match.group(3)})"


_ACCENTS = {"widehat": "hat", "overline": "bar", "widetilde": "tilde"}


def _one_decoration(match: re.Match) -> str:
    """A bold name with an accent, inside or out: one name of its own, the vector's (`\\dot{\\mathbf{r}}` is
    r_vec_dot, never r_dot, the speed along r that a note writes beside it)."""
    accent = match.group(1) or match.group(3)
    name = (match.group(2) or match.group(4) or match.group(5)).lstrip("\\")
    return f"\\mathrm{{{name}_vec_{_ACCENTS.get(accent, accent)}}}"


_UPRIGHT_SUBSCRIPTED = re.compile(  # \text{SS}_{\text{tot}}, \operatorname{LDOS}_\ell, \mathrm{e_vec_hat}_1: one name
    r"\\(text|textrm|mathrm|operatorname|rm)\s*\{\s*([A-Za-z][A-Za-z0-9_]+)\s*\}\s*_\s*"
    r"(?:\{\s*(\\?[A-Za-z0-9]+)\s*\}|\{\s*\\(?:text|textrm|mathrm|rm)\s*\{\s*([A-Za-z0-9]+)\s*\}\s*\}"
    r"|(\\[A-Za-z]+|[A-Za-z0-9]))"
)


_SUBSCRIPTED_OPERATORS = frozenset({
    "argmax", "argmin", "max", "min", "sup", "inf", "lim", "liminf", "limsup", "log", "lg", "ln", "exp", "det", "tr",
    "Tr", "diag", "span", "Var", "Cov", "var", "cov", "E", "KL", "D_KL",
})


def _upright_subscripted(text: str) -> str:
    """An upright name with a label below it is one name (`SS_tot`, `LDOS_ell(x, ω)`); a label with a letter that a
    binder of the display runs over (a sum, a product, a limit, an optimum, an integral's differential) stays an index
    (`\\sum_j \\text{SS}_{ij}`, `\\lim_{n \\to \\infty} \\text{SS}_n`: a family, left to the reader)."""
    if "_" not in text:
        return text
    bound: set[str] | None = None

    def named(match: re.Match) -> str:
        nonlocal bound
        command, name, label = match.group(1), match.group(2), (match.group(3) or match.group(4) or match.group(5))
        if name in _SUBSCRIPTED_OPERATORS:
            return match.group()  # \operatorname{argmax}_k, \mathrm{log}_2: what the subscript says is read there
        if not re.fullmatch(r"[A-Za-z]{3,}", label):  # a word labels; letters may be indices
            bound = _bound_letters(text) if bound is None else bound
            if set(re.findall(r"\\[A-Za-z]+|[A-Za-z]", label)) & bound:
                return match.group()
        return f"\\{'operatorname' if command == 'operatorname' else 'mathrm'}{{{name}_{label.lstrip(chr(92))}}}"

    return _UPRIGHT_SUBSCRIPTED.sub(named, text)


_BINDER_SCRIPT = re.compile(
    r"\\(?:sum|prod|lim|max|min|argmax|argmin|sup|inf|bigcup|bigcap|i+nt|oint)(?![A-Za-z])(?:\s*\\limits)?\s*_\s*"
    r"(\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z])"
)


_SCRIPT_RELATION = re.compile(r"=|<|>|\\(?:in|to|le|leq|ge|geq|ne|neq|rightarrow|leqslant|geqslant)(?![A-Za-z])")


def _bound_letters(text: str) -> set[str]:
    """The letters and Greek names that a binder's subscript or a differential of `text` writes: `i` and `n` in
    `\\sum_{i=1}^n`, `x` in `dx`, `\\ell` in `d\\ell`."""
    letters = set()
    for match in _BINDER_SCRIPT.finditer(text):
        variables = _SCRIPT_RELATION.split(match.group(1), maxsplit=1)[0]  # i in \sum_{i=t-n+1}, not t or n
        letters.update(re.findall(r"\\[A-Za-z]+|[A-Za-z]", variables))
    letters.update(m.group(1) for m in _DIFFERENTIAL_NAME.finditer(text))
    return letters


def _notation(text: str) -> str:
    """Other spellings of the notation the grammar reads: decorations, conditions, fonts, primes."""
    text = _divergence_arguments(text)
    text = _expectations_under(text)
    text = _SIGNATURE.sub(r"\1 \\colon ", text)
    text = _MATRIX_SPACE.sub(_matrix_space, text)
    text = _STACKED.sub(_stacked, text)
    text = _NESTED_DECORATION.sub(_one_decoration, text)
    text = _upright_subscripted(text)
    text = _BOLD_NABLA.sub(r"\\nabla ", text)  # \vec{\nabla}: the ∇ of the gradient, divergence and curl
    text = _named_bounds(_differentials_last(text))
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    text = _SPACE_BEFORE_EQUIVALENCE.sub(" ", text)
    text = _SPACE_AFTER_RELATION.sub(r"\1 ", text)
    text = _vert_conditions(text)
    text = _BAR_CONDITION.sub(r"(\1 \\mid \2)", text)
    text = _SEMICOLON_ARGUMENT.sub(_parameters_after, text)
    text = _PLACEHOLDER.sub(r"(\\vkplaceholder)", text)
    text = _FONT_GROUP.sub(lambda m: f"\\math{m.group(1)}{{{m.group(2)}}}", text)
    text = _UNIT_NOTE.sub(" ", text)  # units in brackets after a quantity say how it is measured
    text = _SWITCHED_WORDS.sub(lambda m: m.group(1) + re.sub(r"[A-Za-z]+", r"\\rm \g<0>", m.group(2)) + m.group(3), text)
    text = _FONT_SWITCH.sub(lambda m: f"\\math{(m.group(1) or m.group(3)).removeprefix('math')}{{{m.group(2) or m.group(4)}}}", text)
    text = _BRACED_WORD.sub(r" \1 ", text)  # {\rm or}, {\mathrm{for}}: a word, not a group
    text = _FONT_IN_DECORATION.sub(r"\\\1{\2}", text)
    for pattern, replacement in _ARG_OPT:
        text = pattern.sub(replacement, text)
    text = _UNBRACED_KET.sub(r"\\\1{\2}", text)
    # x' is a name of its own (f'(x) applies f'); x'' too
    text = _BOLD_PRIMED.sub(lambda m: f"\\mathrm{{{m.group(1).lstrip(chr(92))}_vec_prime}}", text)  # k(\mathbf{x}, \mathbf{x}')
    text = _PRIMED.sub(lambda m: f"\\{'d' if len(m.group(2)) == 2 else ''}primed{{{m.group(1)}}}", text)
    return text


_BRACKET_OPEN = re.compile(r"\\left\s*\[")
_BRACKET_CLOSE = re.compile(r"\\(left|right)\s*[\[\]]")
_SCRIPT = r"\s*(?:\{([^{}]*)\}|([A-Za-z0-9]|\\[A-Za-z]+))"
_BOUNDS = re.compile(r"\s*_" + _SCRIPT + r"\s*\^" + _SCRIPT)


_SET_OPEN = re.compile(r"(?:\\left\s*)?\\\{")
_SET_BRACE = re.compile(r"(?:\\(?:left|right)\s*)?\\([{}])")
_FAMILY_RANGE = re.compile(  # the range a family's subscript and superscript give: `_{k = 1}^K`
    r"\s*_\s*\{\s*([A-Za-z])\s*=\s*([^{}=]+?)\s*\}\s*\^\s*(\{[^{}]*\}|\\?[A-Za-z0-9]+)"
)
_INDICATOR = re.compile(r"(?:(?<![\w\\.])1|\\math(?:bb|bf|rm)\s*\{\s*[1I]\s*\})\s*\Z")  # 1{…}, 𝟙{…}


def _closing(text: str, position: int, delimiter: re.Pattern[str], opener: str) -> re.Match[str] | None:
    """The delimiter that closes one already open at `position`; `delimiter`'s group 1 is `opener` for an opening."""
    depth = 1
    while (match := delimiter.search(text, position)) is not None:
        depth += 1 if match.group(1) == opener else -1
        if depth == 0:
            return match
        position = match.end()
    return None


_OPTIMUM_BEFORE = re.compile(  # an optimum over named variables: braces after it group what it optimises
    r"(?:\\(?:max|min|sup|inf|argmax|argmin)|\\arg\s*\\(?:max|min)|\\operatorname\*?\s*\{\s*arg\s*(?:max|min)\s*\})"
    r"\s*(?:\\limits\s*)?_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z0-9]+)\s*\Z"
)
_TERM_ENDS = re.compile(r"\s*(?:\Z|[-+=<>)\]&,.]|\\(?:right|q?quad|le|leq|ge|geq|approx|ne|neq|text)(?![A-Za-z])|\\\\)")
_OPTIMUM_OF_SET = re.compile(r"(\\(?:max|min))\s*\\operatorname\{set\}\\left\(")


_ONE_MEMBER = re.compile(r"\s*-?(?:\\[A-Za-z]+|[A-Za-z0-9.]+)\s*(?:_\s*(?:\{[^{}]*\}|\\?\w+)\s*)?(?:\^\s*(?:\{[^{}]*\}|\w))?\s*")


def _grouping(inside: str) -> bool:
    """`\\{m v\\}`, `\\{a + b\\}`: one expression in braces, no comma, no condition (a grouping, as often as a
    set of one member); `\\{x\\}`, `\\{0\\}` and `\\{x_0\\}` are sets."""
    depth, top_level = 0, []
    for character in inside:
        depth += character in "({["
        depth -= character in ")}]"
        if depth == 0:
            top_level.append(character)
    flat = "".join(top_level)
    return "," not in flat and "\\mid" not in flat and "|" not in flat and ":" not in flat \
        and not _ONE_MEMBER.fullmatch(inside) and "\\ldots" not in inside and "\\dots" not in inside


_SET_BEFORE = re.compile(  # what a set stands after: a relation, an operation on sets, an opening, a comma
    r"(?:\A|[=(,\[{&]|\\(?:in|notin|subset|subseteq|supset|supseteq|cup|cap|setminus|times|coloneqq|to|mapsto|left"
    r"|quad|qquad|mid)|\\\\|:)\s*\Z"
)
_SET_AFTER = re.compile(r"\s*(?:\Z|[=),\]}&]|\\(?:in|subset|subseteq|cup|cap|setminus|times|right|quad|qquad|to)(?![A-Za-z])|\\\\)")


def _multiplied(before: str, after: str) -> bool:
    """Whether braces stand where a factor would (`\\frac{d}{dt}\\{m v\\}`, `\\exp\\{…\\}`, `\\{a + b\\} c`), not
    where a set does (`= \\{x\\}`, `\\in \\{…\\}`, `A \\cup \\{x\\}`)."""
    return not (_SET_BEFORE.search(before) and _SET_AFTER.match(after))


def _set_literals(text: str) -> str:
    """`\\{a, b\\}` → `\\operatorname{set}(a, b)`, as written (duplicates kept); `1\\{X = k\\}` → an indicator."""
    start = 0
    while (opening := _SET_OPEN.search(text, start)) is not None:
        closing = _closing(text, opening.end(), _SET_BRACE, "{")
        if closing is None:
            return text
        before = text[: opening.start()]
        indicator = _INDICATOR.search(before)
        name = "indicator" if indicator else "set"
        head = before[: indicator.start()] if indicator else before
        inside, after = text[opening.end() : closing.start()], closing.end()
        family = None if indicator else _FAMILY_RANGE.match(text, after)
        optimised = name == "set" and family is None and _OPTIMUM_BEFORE.search(head) \
            and _TERM_ENDS.match(text, after) and len(top_level_pieces(inside)) == 1
        if optimised:  # \min_{w, b} \{…\}: braces around what is minimised
            name = ""
        elif name == "set" and family is None and _OPTIMUM_BEFORE.search(head):
            raise TranslationError(f"\\{{{inside.strip()}\\}} after an optimum, then more: is what follows optimised too?",
                                   command="\\{", cause="ambiguous")
        elif name == "set" and family is None and _grouping(inside) and _multiplied(head, text[after:]):
            raise TranslationError(f"\\{{{inside.strip()}\\}}: braces around an expression: a grouping, or a set of one "
                                   "member?", command="\\{", cause="ambiguous")
        if family is not None and "," not in inside:  # {μ_k}_{k=1}^K: the family of μ_k for k from 1 to K
            name, inside, after = "family", f"{inside}, {family.group(1)}, {family.group(2)}, {family.group(3)}", family.end()
        replacement = f"\\operatorname{{{name}}}\\left({inside}\\right)" if name else f"{{{inside}}}"
        text = head + replacement + text[after:]
        start = len(head) + len(replacement)
    return text


def _evaluation_brackets(text: str) -> str:
    """`\\left[ F \\right]_{a}^{b}`: F evaluated between a and b, `\\operatorname{evaluated}(F, a, b)`."""
    start = 0
    while (opening := _BRACKET_OPEN.search(text, start)) is not None:
        closing = _closing(text, opening.end(), _BRACKET_CLOSE, "left")
        if closing is None:
            return text
        bounds = _BOUNDS.match(text, closing.end())
        if bounds is None:
            start = opening.end()
            continue
        low, high = bounds.group(1) or bounds.group(2), bounds.group(3) or bounds.group(4)
        inner = text[opening.end() : closing.start()]
        _no_components(inner, low)
        replacement = f"\\operatorname{{evaluated}}\\left({inner}, {low}, {high}\\right)"
        text = text[: opening.start()] + replacement + text[bounds.end() :]
        start = opening.start() + len(replacement)
    return text


_BOUND_LETTER = re.compile(r"\s*([A-Za-z])\s*=")


def _no_components(inner: str, low: str) -> None:
    """`\\left[\\frac{\\partial f}{\\partial x_i}\\right]_{i=0}^{k-1}`: a bound that names a letter the brackets
    use only as a subscript lists components (a vector), it evaluates nothing."""
    named = _BOUND_LETTER.match(low)
    if named is None:
        return
    letter = named.group(1)
    subscripted = re.search(rf"_\s*\{{?\s*{letter}(?![A-Za-z])", inner)
    elsewhere = re.search(rf"(?<![\\A-Za-z_{{])(?<!_\s){letter}(?![A-Za-z])", re.sub(rf"_\s*\{{\s*{letter}\s*\}}", " ", inner))
    if subscripted and not elsewhere:
        raise TranslationError(f"[…]_{{{low.strip()}}}^…: the components indexed by {letter} (a vector), or an evaluation "
                               "between bounds? Not read", command="]_", cause="ambiguous")


_LEFT_DOT = re.compile(r"\\left\s*\.")
_BAR_AT = re.compile(  # `\right|_{x=a}`, `\Big|_{x = 0}`: evaluated where a variable takes a value
    r"\s*(?:\\right|\\[bB]igg?r?|\\middle)?\s*(?:\||\\vert(?![A-Za-z]))\s*_\s*\{\s*([A-Za-z]|\\[A-Za-z]+)\s*=\s*([^{}=]+)\}"
)
_FRACTION_BEFORE = re.compile(r"\\frac\s*\{(?:[^{}]|\{[^{}]*\})*\}\s*\{(?:[^{}]|\{[^{}]*\})*\}\s*\Z")


def _evaluated_at(text: str) -> str:
    r"""`\left. F \right|_{x=a}` and `\frac{df}{dx}\Big|_{x=0}`: `\operatorname{at}(F, x, a)`, F with x = a."""
    start = 0
    while (bar := _BAR_AT.search(text, start)) is not None:
        before = text[: bar.start()]
        dot = max((m for m in _LEFT_DOT.finditer(before)), key=lambda m: m.start(), default=None)
        fraction = _FRACTION_BEFORE.search(before)
        if dot is not None and "\\right" in bar.group():
            opening, inner = dot.start(), before[dot.end() :]
        elif fraction is not None:
            opening, inner = fraction.start(), fraction.group()
        else:
            start = bar.end()
            continue
        replacement = f"\\operatorname{{at}}\\left({inner}, {bar.group(1)}, {bar.group(2)}\\right)"
        text = text[:opening] + replacement + text[bar.end() :]
        start = opening + len(replacement)
    return text


_GROUP_SUBSCRIPT = re.compile(  # `(\Phi_1 - \Phi_2)_{x=L}`, `\left(\frac{dn}{dt}\right)_{\rm stimulated}`
    r"(\\right\s*(?:\)|\||\\vert(?![A-Za-z]))|\))\s*_\s*(?:\{\s*([A-Za-z]|\\[A-Za-z]+)\s*=\s*([^{}=]+?)\s*\}"
    r"|\{\s*(?:\\(?:rm|mathrm|text|textrm)\s*\{?|\\rm\s+)\s*([A-Za-z][A-Za-z ]*?)\s*\}?\s*\}"
    r"|\\(?:mathrm|text|textrm)\s*\{\s*([A-Za-z][A-Za-z ]*?)\s*\})"
)
_GROUP_TOKEN = re.compile(r"\\left\s*(?:\(|\||\\vert(?![A-Za-z]))|\\right\s*(?:\)|\||\\vert(?![A-Za-z]))|[()]")


def _group_opening(text: str, closing: str) -> int | None:
    """Where the group that `text` ends with (its closing `closing`) opens; None if it does not."""
    bars = closing != ")" and not closing.endswith(")")
    depth, opening = 0, None
    for token in _GROUP_TOKEN.finditer(text):
        written = token.group()
        if bars and "(" not in written and ")" not in written:  # \left| … \right|: only \left/\right count
            depth += 1 if written.startswith("\\left") else -1
        elif not bars and ("(" in written or ")" in written):
            depth += 1 if "(" in written else -1
        else:
            continue
        if depth == 1 and ("(" in written or written.startswith("\\left")):
            opening = token.start()
    return opening if depth == 0 else None


def _subscripted_groups(text: str) -> str:
    """`(F)_{x=a}`: F evaluated where x = a (`\\operatorname{at}`); `(F)_{\\rm ad}`: F labelled ad, another
    quantity (`\\operatorname{labelled}`)."""
    if len(_GROUP_SUBSCRIPT.findall(text)) > 32:  # each is looked for from the start: more are left as written
        return text
    start = 0
    while (found := _GROUP_SUBSCRIPT.search(text, start)) is not None:
        opening = _group_opening(text[: found.end(1)], found.group(1))
        if opening is None:
            start = found.end()
            continue
        group = text[opening : found.end(1)]
        if found.group(2):
            replacement = f"\\operatorname{{at}}\\left({group}, {found.group(2)}, {found.group(3)}\\right)"
        else:
            word = (found.group(4) or found.group(5)).replace(" ", "")
            replacement = f"\\operatorname{{labelled}}\\left({group}, \\mathrm{{{word}}}\\right)"
        text = text[:opening] + replacement + text[found.end() :]
        start = opening + len(replacement)
    return text


_GATE_BEFORE_PARENTHESES = re.compile(
    rf"(\\mathrm\s*\{{\s*(?:{GATE_NAMES})\s*\}})\s*(?=\(|\\left\s*\(|\\[bB]igg?l?\s*\()"
)


def _brakets(text: str) -> str:
    for pattern, replacement in _ANGLES:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\\right\s*\.", " ", text) if "\\langle" in text else text
    if "\\rangle" in text or "\\langle" in text:
        text = _INSIDE_ANGLES.sub(lambda m: "\\langle" + re.sub(_BAR_WORDS, "|", m.group(1)) + "\\rangle", text)
        text = _MID_KET.sub(r"|\1\\rangle", text)
        text = _MID_BRA.sub(r"\\langle\1|", text)
    for pattern, replacement in _BRAKETS:
        text = pattern.sub(replacement, text)
    if "\\ket" in text or "\\bra" in text:  # CNOT|10⟩: the gate, one name
        text = QUANTUM_GATE.sub(r"\\mathrm{\1}", text)
        text = _GATE_BEFORE_PARENTHESES.sub(r"\1 \\cdot ", text)  # CNOT(H ⊗ I)|00⟩: the gate times what follows
    if "\\mid" in text and "(" not in text.replace("\\left(", ""):
        text = _MID_ABS.sub(r"|\1|", text)
    return text


def _unwrap_command(text: str, name: str) -> str:
    """`\\name{X}` (and the note under an `\\underbrace`) → `{X}`; `\\boxed{X}` → X."""
    pattern = re.compile(r"\\" + name + r"(?![A-Za-z])\s*")
    search_from = 0
    while (match := pattern.search(text, search_from)) is not None:
        start = match.end()
        if start >= len(text) or text[start] != "{":
            search_from = start
            continue
        end = group_end(text, start)
        if end < 0:
            return text
        whole = name in _WHOLE or _HOLDS_RELATION.search(text, start, end) is not None  # \underbrace{a = b}_{…}
        inner = f" {text[start + 1 : end - 1]} " if whole else text[start:end]
        rest = text[end:]
        script = _NOTE_AFTER.get(name)
        if script is not None:
            rest = _drop_script(rest, script)
        text = text[: match.start()] + inner + rest
        search_from = match.start() + len(inner)
    return text


def without_brace_notes(text: str) -> str:
    """The display with the notes under its braces dropped (`\\underbrace{X}_{note}` → `\\underbrace{X}`)."""
    if "brace" not in text:
        return text
    for name, script in _NOTE_AFTER.items():
        pattern = re.compile(r"\\" + name + r"(?![A-Za-z])\s*")
        position = 0
        while (match := pattern.search(text, position)) is not None:
            end = group_end(text, match.end()) if text[match.end():match.end() + 1] == "{" else -1
            if end < 0:
                break
            text = text[:end] + _drop_script(text[end:], script)
            position = end
    return text


def _drop_script(rest: str, script: str) -> str:
    """Remove a leading `_{…}`, `_\\text{…}` or `_x` (the note of a brace)."""
    stripped = rest.lstrip()
    if not stripped.startswith(script):
        return _LEADING.sub("", rest)
    after = stripped[1:].lstrip()
    command = re.match(r"\\[A-Za-z]+\s*", after)
    if command is not None and after[command.end() : command.end() + 1] == "{":
        end = group_end(after, command.end())
        return after[end:] if end > 0 else rest
    if after.startswith("{"):
        end = group_end(after, 0)
        return after[end:] if end > 0 else rest
    return after[1:]


def _outer_braces(text: str) -> str:
    """`{a = b}`: braces around the whole display group nothing."""
    while True:
        stripped = text.strip()
        if not (stripped.startswith("{") and group_end(stripped, 0) == len(stripped)):
            return text
        text = stripped[1:-1]
