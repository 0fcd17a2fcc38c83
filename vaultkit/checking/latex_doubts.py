r"""Notations that TeX writes like arithmetic and a reader of the note does not: the free reading refuses them.

Each check looks at the prepared text of one display (`latex_free.prepare`) and returns the refusal or None.
They are about what the text shows, not a scope: `T^{\mu\nu}` holds indices, not a power μν; `A^{-T}` is the
inverse transpose; `\|f\|_{L^2}` is the norm of a function space; `\mathrm{KL}(p \| q)` separates two
distributions; `\{A, B\}` of two operators is an anticommutator as often as a set; `SS_{res}` is one name;
`\frac{\partial f}{\partial x}(x_0)` is evaluated at x₀; an upright `\mathrm{m}` after a number is a metre
while the italic m beside it is a mass. Every check is one pass over the text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .latex_logic import set_sizes
from .latex_tensors import write_tensors
from .latex_volumes import volume_integrals
from .latex_vocabulary import QUANTUM_GATE, TranslationError
from .macros import _TEX_COMMENT, group_end


@dataclass(frozen=True)
class _Written:
    """A notation one pattern finds; the refusal names what is written there (`{0}` in `message` and `command`)."""

    pattern: re.Pattern[str]
    message: str
    command: str
    cause: str = "ambiguous"

    def __call__(self, tex: str) -> TranslationError | None:
        match = self.pattern.search(tex)
        if match is None:
            return None
        written = match.group().strip()
        return TranslationError(self.message.format(written), command=self.command.format(written), cause=self.cause)

_GREEK_INDEX = (
    "alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|rho|sigma|tau|upsilon"
    "|phi|varphi|chi|psi|omega"
)
_GREEK = re.compile(rf"\\({_GREEK_INDEX})(?![A-Za-z])")
_SUPERSCRIPT_GREEK = re.compile(rf"\^\s*(?:\\({_GREEK_INDEX})(?![A-Za-z])|\{{((?:\s*\\(?:{_GREEK_INDEX})(?![A-Za-z]))+)\s*\}})")
_SUBSCRIPT = re.compile(r"_\s*(\\[A-Za-z]+|\{[^{}]*\})")


_GREEK_SUBSCRIPT_NEXT = re.compile(rf"\s*_\s*(?:\{{\s*)?\\(?:{_GREEK_INDEX})(?![A-Za-z])")


def tensor_indices(tex: str) -> TranslationError | None:
    """`T^{\\mu\\nu}`, `x^\\mu` beside `g_{\\mu\\nu}`: Greek superscripts that are indices, not powers."""
    tex = write_tensors(tex)  # in index notation, what is left
    singles: list[tuple[str, str]] = []
    indices: set[str] = {g for m in _SUBSCRIPT.finditer(tex) for g in _GREEK.findall(m.group(1))}
    for match in _SUPERSCRIPT_GREEK.finditer(tex):
        letters = _GREEK.findall(match.group(2)) if match.group(2) else [match.group(1)]
        if len(letters) > 1 or _GREEK_SUBSCRIPT_NEXT.match(tex, match.end()):  # Γ^λ_{μν}: a tensor's indices
            return _index_error(match.group())
        singles.append((letters[0], match.group()))
    shown = next((written for letter, written in singles if letter in indices), None)
    return _index_error(shown) if shown else None


def _index_error(written: str) -> TranslationError:
    return TranslationError(
        f"{written.strip()}: tensor indices, not a power: index notation is not read", command="^", cause="ambiguous"
    )


_INVERSE_TRANSPOSE = re.compile(r"\^\s*\{\s*-\s*(?:T|\\top|\\intercal|\\math(?:rm|sf)\s*\{\s*T\s*\})\s*\}")


inverse_transpose = _Written(  # `A^{-T}`: the inverse transpose, not a power −T
    _INVERSE_TRANSPOSE, "{0}: the inverse transpose is not read; write (A^{{-1}})^T", "^"
)


_SPACE_NORM = re.compile(
    r"(?:\\\||\\r?Vert|\\right\s*\|(?!\s*_\s*\{\s*[A-Z]\s*=))"  # `\right|_{M=m}`: evaluated where M = m
    r"\s*_\s*\{?\s*(?:[A-Z]|\\ell(?![A-Za-z])|\\math(?:cal|bb|rm|scr)\s*\{?\s*[A-Za-z])"
)


space_norm = _Written(  # `\|f\|_{L^2}`, `\|u\|_{H^1}`: the norm of a function space, not of order L²
    _SPACE_NORM, "{0}…: the norm of a function space is not read", "\\|", "unsupported-construct"
)


_NAME = (  # an operator's name: a capital, a Greek letter, or any decorated letter (not {h, t}: two outcomes)
    r"(?:\\(?:hat|check|tilde|bar)\s*\{?\s*(?:\\[A-Za-z]+|[A-Za-z])|\\[A-Za-z]+|[A-Z])\s*\}?\s*"
    r"(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]))?"
)
_TWO_NAMES = re.compile(rf"(?:\\left\s*)?\\\{{\s*{_NAME}\s*(?:\^\s*\\dagger\s*)?,\s*{_NAME}\s*(?:\^\s*\\dagger\s*)?(?:\\right\s*)?\\\}}")


_SMALL = r"[a-z]\s*(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]))?\s*(?:\^\s*\\dagger\s*)?"
_SMALL_PAIR = re.compile(  # `\{a, a^\dagger\}`, `\{q_i, p_j\}`, `\{x, p\} = 1`: brackets (a set {h, t} is equal to no number)
    rf"(?:\\left\s*)?\\\{{\s*(?=[^{{}}]*(?:_|\\dagger))(?:{_SMALL}),\s*(?:{_SMALL})(?:\\right\s*)?\\\}}"
    rf"|(?:\\left\s*)?\\\{{\s*[a-z]\s*,\s*[a-z]\s*(?:\\right\s*)?\\\}}\s*=\s*(?:-?\s*[0-9]|\\delta|\\hbar|i\b)"
)
bracket_pair = _Written(
    _SMALL_PAIR, "{0}: a set of two names, or a Poisson bracket or anticommutator? Write a set of values", "\\{{"
)


anticommutator = _Written(  # `\{A, B\}`, `\{\sigma_i, \sigma_j\}`: a set of two names, or AB + BA?
    _TWO_NAMES, "{0}: a set of two names or an anticommutator? Write AB + BA or a set of values", "\\{{"
)


_CAPITALS_NAME = re.compile(r"(?<![\\A-Za-z])[A-Z]{2,}(?=\s*_\s*\{\s*(?:\\(?:text|mathrm)[a-z]*\s*\{\s*)?[A-Za-z]{2,})")


def capitals_name(tex: str) -> TranslationError | None:
    """`SS_{res}`, `MSE_{train}`: one name of capitals with a word for a label, or a product of letters? (`GM_r`
    is G times M_r.)"""
    match = _CAPITALS_NAME.search(tex)
    if match is None:
        return None
    word = match.group()
    return TranslationError(
        f"{word}_…: one name or a product of letters? Write \\mathrm{{{word}}}_… or {' '.join(word)}_…",
        command=word, cause="ambiguous",
    )


_UPRIGHT_GROUP = r"\\(?:rm|mathrm|text[a-z]*|operatorname\*?|mathsf|mathit|mbox|pu)\s*(?:\{[^{}]*\}|\s+[A-Za-z]+)"
_SCRIPT_BODY = r"\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z0-9]+)"
_UPRIGHT_OR_SCRIPT = re.compile(_UPRIGHT_GROUP + r"|[_^]" + _SCRIPT_BODY)
_UPRIGHT_GROUP_RE = re.compile(_UPRIGHT_GROUP)


def _orders(run: str) -> list[tuple[str, ...]]:
    """The other orders of a run's letters (a run has at most four)."""
    return list(itertools.permutations(run))


_CAPITALS_RUN = re.compile(r"(?<![\\A-Za-z])[A-Z]{2,4}(?![A-Za-z])")


def repeated_capitals(tex: str) -> TranslationError | None:
    """`KE = \\frac12 mv^2`, `\\frac{TP}{TP + FP}`, `PV = nRT`: a run of capitals is a name to one author (kinetic
    energy, true positives) and a product to another (pressure times volume); TeX sets both alike. Read as a
    product only where the display writes the same letters in another order (`EF + FE`, `AB = BA`: operators)."""
    italic = _UPRIGHT_OR_SCRIPT.sub(" ", tex)  # {\\rm SNR}, n_{AB}, R^{ISCO}: names and labels already
    if _writes_states(tex):
        italic = QUANTUM_GATE.sub(" ", italic)
    runs = [m.group() for m in _CAPITALS_RUN.finditer(italic)]
    for run in runs:
        reordered = any(re.search(r"\s*".join(other), italic) for other in map("".join, _orders(run)) if other != run)
        if runs.count(run) > 1 or not reordered:
            return TranslationError(
                f"{run}: one name or a product of letters? Write \\mathrm{{{run}}} or {' '.join(run)}",
                command=run, cause="ambiguous",
            )
    return None


_ELEMENT = (  # the symbols of the chemical elements a formula in a physics or chemistry note is made of
    r"(?:H|He|Li|Be|B|C|N|O|F|Ne|Na|Mg|Al|Si|P|S|Cl|Ar|K|Ca|Ti|Cr|Mn|Fe|Co|Ni|Cu|Zn|Ga|Ge|As|Se|Br|Kr|Rb|Sr|Ag|Sn"
    r"|I|Xe|Cs|Ba|Pt|Au|Hg|Pb|U)(?![a-z])"
)
chemical_formula = _Written(  # `H_2O`, `H_2SO_4`, `CO_2`: a molecule, not a product of names (`M_1 M_2` is)
    re.compile(rf"(?<![\\A-Za-z]){_ELEMENT}_\s*\{{?\s*[0-9]+\s*\}}?\s*{_ELEMENT}"),
    "{0}: a chemical formula or a product? Write \\mathrm{{…}}", "_",
)


_EVALUATED = re.compile(
    r"\\frac\s*\{\s*(?:\\mathrm\s*\{\s*d\s*\}|\\partial(?![A-Za-z])|d)\s*(?:\^\s*\{?\s*\w+\s*\}?\s*)?[^{}\s]"
    r"[^{}]*\}\s*\{\s*(?:\\partial(?![A-Za-z])|d)[^{}]*\}\s*(?:\\left\s*|\\big\s*|\\Big\s*)?\("
)  # a derivative's denominator is a differential too: \int \frac{dz}{\sqrt z}(1 + z) is an integral's measure


derivative_before_parentheses = _Written(  # `\frac{\partial f}{\partial x}(x_0)`: evaluated at x₀, or times (x₀)?
    _EVALUATED,
    "a derivative before parentheses: evaluated there, or multiplied? Write \\left.\\frac{{df}}{{dx}}\\right|_{{x_0}} "
    "or \\cdot (…)",
    "\\frac{{d…}}{{d…}}(",
)


_UPRIGHT = re.compile(r"\\(?:math(?:rm|up)|rm)\s*\{((?:[^{}]|\{[^{}]*\})*)\}|\{\s*\\rm\s+([^{}]*)\}")
_UNIT_LETTER = re.compile(r"(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])")
_SUBSCRIPT_BEFORE = re.compile(r"_\s*\{?\s*\Z")
_NOT_ITALIC = re.compile(
    r"\\(?:math[a-z]*|text[a-z]*|operatorname|mbox|begin|end|rm|[hv]space\*?|color|label|tag)\s*\{(?:[^{}]|\{[^{}]*\})*\}|\{\s*\\rm\s[^{}]*\}"
    r"|\\[A-Za-z]+"
)
_NOT_UNITS = frozenset("dei")  # the differential, Euler's number, the imaginary unit


def upright_and_italic(tex: str) -> TranslationError | None:
    """`F = mg = 0.5\\,\\mathrm{kg} \\times 9.8\\,\\mathrm{m\\,s^{-2}}`: the upright m is a metre, the italic
    m a mass; read alike they would be one symbol."""
    upright = {
        letter for m in _UPRIGHT.finditer(tex) if not _SUBSCRIPT_BEFORE.search(tex, 0, m.start())
        for letter in _UNIT_LETTER.findall(m.group(1) or m.group(2) or "")
    } - _NOT_UNITS  # C_{\rm V}: a label, not a unit
    if not upright:
        return None
    italic = set(re.findall(r"[A-Za-z]", _NOT_ITALIC.sub(" ", tex)))
    both = sorted(upright & italic)
    if not both:
        return None
    return TranslationError(
        f"\\mathrm{{{both[0]}}} and {both[0]}: a unit and a quantity written with one letter; rename one",
        command=f"\\mathrm{{{both[0]}}}", cause="ambiguous",
    )


_SIZE = r"(?:\\(?:left|right|[bB]igg?[lrm]?)(?![A-Za-z])\s*)?"
_A_NAME = r"(?!\\(?:left|right|[bB]igg?[lrm]?)(?![A-Za-z]))(?:[A-Za-z]|\\[A-Za-z]+)"
_NAME_BEFORE_CALL = re.compile(rf"(?<![\\A-Za-z^_])(?<![\^_]\s)({_A_NAME})\s*({_A_NAME})\s*{_SIZE}\(")
_GROUP_BEFORE_CALL = re.compile(rf"\)\s*{_SIZE}\(")


def refuse_bare_functions(tex: str, functions: frozenset[str]) -> None:
    """`f g(x)` where the note applies f and g, and `(f + g)(x)` where it applies f: composed, multiplied, or
    f's value times g(x)?"""
    for match in _NAME_BEFORE_CALL.finditer(tex):
        if match.group(1) in functions and match.group(2) in functions:
            _bare_function(match.group(1))
    for match in _GROUP_BEFORE_CALL.finditer(tex):
        group = tex[_opening(tex, match.start()) : match.start()]
        bare = next((m.group(1) for m in _BARE_NAME.finditer(group) if m.group(1) in functions), None)
        if bare is not None:
            _bare_function(bare)


_TWO_LETTERS = re.compile(r"(?<![\\A-Za-z_^])([A-Za-z])([A-Za-z])(?![A-Za-z])")


def refuse_run_together(tex: str, values: frozenset[str]) -> None:
    """`Wm` in a note that writes W_m: the product W·m, or W_m with its underscore lost? (One pass over the
    display, whatever the number of the note's names.)"""
    for written in _TWO_LETTERS.finditer(_UPRIGHT_OR_SCRIPT.sub(" ", tex)):
        name = f"{written.group(1)}_{written.group(2)}"
        if name in values:
            raise TranslationError(
                f"{written.group()}: a product, or {name} as the note writes it elsewhere? Write {written.group(1)} "
                f"{written.group(2)} or {name}", command=written.group(), cause="ambiguous",
            )


_BARE_NAME = re.compile(rf"(?<![\\A-Za-z])({_A_NAME})(?![A-Za-z])(?!\s*{_SIZE}\()")


def _opening(tex: str, closing: int) -> int:
    """The index of the `(` that the `)` at `closing` closes (0 when none does)."""
    depth = 0
    for index in range(closing, -1, -1):
        depth += {")": 1, "(": -1}.get(tex[index], 0)
        if depth == 0:
            return index
    return 0


def _bare_function(name: str) -> None:
    raise TranslationError(
        f"{name}: a function in this note, here without its argument before a call: composed, multiplied, or "
        f"its value? Write {name}(x) or \\circ", command=name, cause="ambiguous",
    )


_I_IN_EXPONENT = re.compile(  # e^{i k x}, e^{-i\omega t}, \exp(i…); not y^{(i)} (a label) nor (γλ)^i (a power)
    r"\^\s*\{\s*-?\s*i(?![A-Za-z}])|\\exp\s*(?:\\left\s*)?\(\s*-?\s*i(?![A-Za-z)])"
)


def refuse_index_in_exponent(tex: str) -> None:
    """`\\psi_i(x) = e^{i k_i x}` in a complex text: i labels ψ_i and stands in an exponent: the index or the
    imaginary unit?"""
    if _I_IN_EXPONENT.search(tex):
        raise TranslationError(
            "i is an index here and stands in an exponent: the index or the imaginary unit? Write \\mathrm{i} for "
            "the unit", command="i", cause="ambiguous",
        )


_RELATION = r"(?:=|\\(?:sim|propto|approx|simeq|equiv)(?![A-Za-z]))"
_DIMENSION = re.compile(  # [G] = [E R / M^2]: the dimensions of G, or G in brackets?
    rf"(?:\A|{_RELATION})\s*(?:\\left\s*)?\[[^\[\],=]+(?:\\right\s*)?\]\s*(?={_RELATION}|\Z)"  # (not [a = b], a note)
)


dimension_brackets = _Written(  # `[G] = [E R / M^2]`, `[q^2] = 1` (`[x, p]` is a commutator)
    _DIMENSION, "[…] as a whole side: the dimension of a quantity, or the quantity itself? Write it without brackets", "["
)


_BASE = r"(\\[A-Za-z]+|(?<![\\A-Za-z])[A-Za-z])"
_NEXT_POWER = re.compile(_BASE + r"\s*\^\s*\{\s*([A-Za-z])\s*[+-]\s*1\s*\}")
_POWER_OF = re.compile(_BASE + r"\s*\^\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))")


def iterates(tex: str) -> TranslationError | None:
    """`x^{k+1} = x^k - \\alpha g`, `z^l = W^l a^{l-1} + b^l`: iterates or layers k and k + 1, or powers? Powers when
    x is written bare too (`x^{n+1} = x \\cdot x^n`); without it, refused."""
    powers = {m.group(2) or m.group(3) for m in _POWER_OF.finditer(tex)}  # on any name: z^l = W^l a^{l-1} + b^l
    for match in _NEXT_POWER.finditer(tex):
        base, letter = match.group(1), match.group(2)
        if letter in powers and not _written_bare(tex, base):
            return TranslationError(
                f"{match.group()}: the iterate {letter}+1 or a power? Write x_{{{letter}+1}} or x^{{({letter}+1)}}",
                command="^", cause="ambiguous",
            )
    return None


def _written_bare(tex: str, base: str) -> bool:
    """Whether the name `base` stands somewhere without a superscript."""
    end = r"(?![A-Za-z])" if base.startswith("\\") else ""
    pattern = (r"(?<![\\A-Za-z])" if not base.startswith("\\") else "") + re.escape(base) + end
    return any(not _SCRIPT_NEXT.match(tex, m.end()) and not _NOT_A_FACTOR.search(tex, max(0, m.start() - 16), m.start())
               for m in re.finditer(pattern, tex))


_SCRIPT_NEXT = re.compile(r"\s*[\^_]")
_NOT_A_FACTOR = re.compile(r"(?:_\s*\{?|[A-Za-z}]\s*\(|,)\s*\Z")  # `\nabla_\theta`, `\ell(\theta)`, `\sum_x`: not x times x^n


sign_then_digit = _Written(  # `x^-1`: TeX raises the sign alone (x⁻ times 1); the author means x^{-1}
    re.compile(r"\^\s*[-+]\s*[0-9]"), "{0}: TeX raises only the sign; write ^{{-1}} with braces", "^"
)
hermitian = _Written(  # `A^H`: the conjugate transpose (as A^T is the transpose), or a power H?
    re.compile(r"(?:\\[A-Za-z]+|[A-Z])\s*\^\s*(?:H|\{\s*H\s*\})(?![A-Za-z])"),
    "{0}: the conjugate transpose or a power? Write A^\\dagger or A^{{\\mathrm{{H}}}}", "^H",
)
size_subscript = _Written(  # `A_{n \times n}`, `\mathbb{R}^{n \times m}`: a matrix's size, not an index n², a power nm
    re.compile(r"(?:_|\\math(?:cal|bf|sf|rm)\s*\{\s*[A-Za-z]\s*\}\s*\^)\s*\{[^{}]*\\times[^{}]*\}"),
    "{0}: a size (of a matrix, a space of matrices), not an index or a power", "\\times",
)


log_of_e = _Written(  # `\log_{10}(e)`: Euler's number, where a bare e is elsewhere a charge or the evidence
    re.compile(r"\\(?:log|ln|lg)(?![A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|\w))?\s*"
               r"(?:(?:\\left\s*)?\(\s*e\s*(?:\\right\s*)?\)|e(?![A-Za-z^_(\\]))"),
    "{0}: the logarithm of Euler's number or of a quantity e? Write \\mathrm{{e}} for the number", "e",
)


label_in_braces = _Written(  # `y^{\{t\}}`, `a^{\langle t \rangle}`: a mini-batch's, a time step's label
    re.compile(r"\^\s*\{\s*(?:\\left\s*)?(?:\\\{|\\langle|<)"), "{0}: a label in a superscript, not a power", "^"
)
word_superscript = _Written(  # `x^{new}`, `\theta^{opt}`: a word as a label (e^{ikx} is a power of e)
    re.compile(r"(?:(?<![\\A-Za-z])[A-DF-Za-df-z]|\\(?!exp)[A-Za-z]+|[)\]])\s*(?:_\s*(?:\{[^{}]*\}|\\?\w+)\s*)?"
               r"\^\s*\{\s*[A-Za-z]{2,}\s*(?:\}|_)"),  # (`^{tf_{t,d}}`: a term frequency, not t·f)
    "{0}: a word as a label, or a power of its letters? Write \\text{{…}}", "^",
)
ordinal_superscript = _Written(  # `1/10^{th}`, `the 2^{nd} moment`: an ordinal's suffix, not a power of n·d
    re.compile(r"[0-9]+\s*\^\s*\{\s*(?:st|nd|rd|th)\s*\}"),
    "{0}: an ordinal, or a power of the letters? Write \\text{{…}} for the ordinal", "^",
)
_superscript_label = _Written(  # ρ^{T_B}: a partial transpose; A^{[l-1]T}, θ^{(c)T}: a label's transpose; W^Q, W^K: labels
    re.compile(r"\^\s*\{\s*T\s*_|\^\s*\{\s*\[[^\]{}]*\]\s*[A-Za-z\\]|\^\s*\{\s*\([^(){}]*\)\s*[A-Za-z\\]"
               r"|(?<![\\A-Za-z])([A-Z])\s*(?:_\s*(?:\{[^{}]*\}|\\?\w+)\s*)?\^\s*(?:\{\s*(?!\1)[A-SU-Z]\s*\}|(?!\1)[A-SU-Z])(?![A-Za-z])"),
    "{0}: a label, a partial transpose, or a power? Write \\text{{…}} for a label", "^",
)


def superscript_label(tex: str) -> TranslationError | None:
    """`_superscript_label`, outside the upper limits of integrals and sums (`\\int_{T_1}^{T_2}`)."""
    return _superscript_label(_without_upper_limits(tex))
complement = _Written(  # `P(A^c)`: the complement of the event A, or A to the power c?
    re.compile(r"(?<![\\A-Za-z])[A-Z]\s*\^\s*(?:c|\{\s*c\s*\}|\\complement)(?![A-Za-z])"),
    "{0}: the complement or a power? Write \\overline{{A}} or A^{{\\mathsf{{c}}}}", "^c",
)
_T_POWER = re.compile(r"\^\s*(?:T|\{\s*T\s*\})(?![A-Za-z])")
_T_ELSEWHERE = re.compile(r"(?<![\\A-Za-z])T(?![A-Za-z])")
_NUMBER_TO_T = re.compile(r"(?:[0-9.]|\(\s*[^()]*[0-9][^()]*\))\s*\^\s*(?:T|\{\s*T\s*\})(?![A-Za-z])")


_UPPER_LIMIT = re.compile(  # `\\int_0^T`, `\\int_{T_1}^{T_2}`, `\\sum_{t=1}^{T}`: an upper limit, no power or label
    r"(\\(?:int|iint|iiint|oint|sum|prod|bigcup|bigcap)\s*(?:\\limits\s*)?_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z0-9]+)\s*)"
    r"\^\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z0-9]+)"
)


def _without_upper_limits(tex: str) -> str:
    return _UPPER_LIMIT.sub(r"\1", tex)


def transpose_or_power(tex: str) -> TranslationError | None:
    """`(1 + r)^T`, `\\beta^T = 0.95^T`, `\\delta^T u(c_T)`: where T is also a number of periods (written
    elsewhere, or over a number), ^T is a power, not the transpose."""
    tex = _without_upper_limits(tex)
    if not _T_POWER.search(tex):
        return None
    if _NUMBER_TO_T.search(tex) or _T_ELSEWHERE.search(_T_POWER.sub(" ", tex)):
        return TranslationError("^T where T is also a quantity: the transpose or the power T?", command="^T",
                                cause="ambiguous")
    return None


_STARRED = re.compile(r"(\\[A-Za-z]+|(?<![\\A-Za-z])[A-Za-z])\s*\^\s*(?:\*|\{\s*\*\s*\})")


def labelled_base(tex: str) -> TranslationError | None:
    """`\\|x^k - x^*\\| \\le c^k`: x^* labels x, so x^k is more likely the k-th iterate than a power."""
    for match in _STARRED.finditer(tex):
        base = re.escape(match.group(1)) + (r"(?![A-Za-z])" if match.group(1).startswith("\\") else "")
        lead = "" if match.group(1).startswith("\\") else r"(?<![\\A-Za-z])"
        power = re.search(lead + base + r"\s*\^\s*(?:[A-Za-z]|\{\s*[A-Za-z]\s*\})(?![A-Za-z])", tex)
        if power is not None:
            return TranslationError(f"{power.group()} beside {match.group()}: an iterate (a label) or a power?",
                                    command="^", cause="ambiguous")
    return None


_FUNCTION_POWER = re.compile(r"(?<![\\A-Za-z])([a-z])\s*\^\s*\{?\s*([0-9])\s*\}?\s*\(")


def iterated_function(tex: str) -> TranslationError | None:
    """`f^2(x) = f(f(x))`: where the display composes f with itself, f^2 is the iterate, not the square."""
    for match in _FUNCTION_POWER.finditer(tex):
        name = match.group(1)
        if re.search(rf"(?<![\\A-Za-z]){name}\s*\(\s*{name}\s*\(", tex):
            return TranslationError(f"{match.group()}…): f composed with itself, or a power of its value?",
                                    command="^", cause="ambiguous")
    return None


braces_after_function = _Written(  # `\mathrm{Re}\{A e^{i\omega t}\}`: braces that group a function's argument
    re.compile(r"(?:\\(?:Re|Im|exp|log|ln|sin|cos|tan)|\\(?:mathrm|operatorname)\s*\{\s*[A-Za-z]+\s*\})\s*(?:\\left\s*|\\[bB]igg?l?\s*)?\\\{"),
    "{0}: braces around a function's argument, or a set? Write parentheses", "\\{{",
)
determinant_bars = _Written(  # `|A - \lambda I| = 0`: the determinant of the matrix, not its absolute value
    re.compile(r"(?:\\left\s*)?\|\s*[A-Z]\s*-\s*\\lambda\s*(?:I|\\mathbb\s*\{\s*[1I]\s*\}|\\mathbf\s*\{\s*I\s*\})\s*(?:\\right\s*)?\|"),
    "{0}: the determinant or an absolute value? Write \\det(…)", "|",
)


def _writes_states(tex: str) -> bool:
    """Whether the display writes bra-ket notation, where bars and capitals (`|ψ⟩`, `CNOT`) mean states and gates."""
    return any(mark in tex for mark in ("\\ket", "\\bra", "\\rangle", "\\langle"))


_CAPITAL_IN_BARS = re.compile(  # |D|, |C_k|, |\mathbf{T}|, |2\Sigma|, |\sigma^2 I_d|: a product ending in a capital
    r"(?<![\\|])(?:\\left\s*)?\|\s*(?:[A-Za-z0-9. ]|\\[a-z]+(?![A-Za-z])|[_^]\s*(?:\{[^{}|]*\}|\\?[A-Za-z0-9]))*?(?<![_^])(?<![_^] )"
    r"(?:\\math(?:bf|cal|bb)\s*\{\s*[A-Z]\s*\}|\\boldsymbol\s*\{\s*[A-Z]\s*\}|[A-Z]|\\(?:Sigma|Lambda)(?![A-Za-z]))"
    r"\s*(?:[_^]\s*(?:\{[^{}|]*\}|\\?[A-Za-z0-9]+)\s*)*(?:\\right\s*)?\|(?![|])(?!\s*\^)"
    r"|(?:\\left\s*)?\|\s*(?:\\left\s*)?\\\{"  # |\{1, 2, 3\}|: the size of a set
)


def capital_bars(tex: str) -> TranslationError | None:
    """`\\prod_{t=1}^{|V|}`, `|A| = ad - bc`: bars around a capital are the size of a set or the determinant of a
    matrix as often as an absolute value; refused (`|M|^2`, a magnitude squared, bars in bra-ket notation, and bars
    around a name the display writes as a set, `latex_logic.set_sizes`, are read)."""
    if _writes_states(tex):
        return None
    sizes = {match.span() for match in set_sizes(tex)}
    match = next((m for m in _CAPITAL_IN_BARS.finditer(tex) if m.span() not in sizes), None)
    if match is None:
        return None
    return TranslationError(f"{match.group().strip()}: an absolute value, the size of a set or a determinant? Write "
                            "\\lvert…\\rvert for a magnitude, \\det(…) for a determinant", command="|", cause="ambiguous")


_UPRIGHT_OR_SUBSCRIPT = re.compile(_UPRIGHT_GROUP + r"|_" + _SCRIPT_BODY)
_BARE_E = re.compile(r"(?<![\\A-Za-z])e(?![A-Za-z^_])")
_EULER_NEAR = re.compile(  # (not \\exp: exp(eφ/kT) writes the function, and its e is the charge)
    r"(?<![\\A-Za-z])e\s*\^|\\ln(?![A-Za-z])|\\log|2\.71|\\lim(?![A-Za-z])|\\int(?![A-Za-z])|!"
)


def euler_or_name(tex: str) -> TranslationError | None:
    """`\\int_0^1 e^x dx = e - 1`, `e \\approx 2.718`, `(n/e)^n` beside n!: where the display also writes e^x, a
    logarithm, a limit, an integral or a factorial, a bare e is Euler's number, not the charge or a name."""
    if _BARE_E.search(_UPRIGHT_OR_SUBSCRIPT.sub(" ", tex)) and _EULER_NEAR.search(tex):  # not m_{\\rm e}
        return TranslationError("e: Euler's number or a name? Write \\mathrm{e} for the number", command="e",
                                cause="ambiguous")
    return None


minus_one_power = _Written(  # `-1^n`: −(1ⁿ) = −1 as written, (−1)ⁿ as meant
    re.compile(r"(?:\A|[=(+,&]|\\(?:cdot|quad|qquad))\s*-\s*1\s*\^"), "{0}: -(1^n) or (-1)^n? Write parentheses", "-1^"
)
function_over = _Written(  # `\sin\theta/2`: sin(θ)/2 or sin(θ/2)?
    re.compile(r"\\(?:sin|cos|tan|cot|sec|csc|sinh|cosh|tanh|log|ln|exp)\s*(?:\\[A-Za-z]+|[A-Za-z0-9])\s*/"),
    "{0}: the function of the quotient, or the quotient of the function? Write parentheses", "/",
)


_DIMENSIONLESS = _Written(
    re.compile(r"(?<![\\A-Za-z])(?:Re|Pr|Nu|Ma|St|We|Le|Ec|Kn|Gr|Fr|Sc|De|Pe|Ra|Bi|Da|Ha|Ri|Ro|Ek|Sh|Sk|Ta|Ca|Bo|Ar)"
               r"(?![A-Za-z])"),
    "{0}: a named number (Reynolds, Prandtl, …) or a product of letters? Write \\mathrm{{{0}}}", "{0}",
)


def dimensionless_number(tex: str) -> TranslationError | None:
    """`Re = \\rho v L / \\mu`, `\\frac{1}{Re}`, `Ra = Gr \\cdot Pr`: one named number, not R·e (upright
    `\\mathrm{Re}` is one already, or the real part)."""
    return _DIMENSIONLESS(_UPRIGHT_GROUP_RE.sub(" ", tex))


_FUNCTION_BRACE = re.compile(r"\\(?:ln|log|exp|sin|cos|tan|sinh|cosh|tanh|sec|csc|cot|arcsin|arccos|arctan)\s*\{")
_NESTING = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}


def braced_sum(tex: str) -> TranslationError | None:
    """`\\ln{x - 1}`: TeX draws braces as nothing, so the page shows ln x − 1, which readers take for (ln x) − 1;
    the logarithm of x − 1 needs parentheses."""
    for match in _FUNCTION_BRACE.finditer(tex):
        end = group_end(tex, match.end() - 1)
        if end > 0 and _sign_inside(tex[match.end() : end - 1]):
            shown = tex[match.start() : end]
            name = match.group()[:-1].strip()
            return TranslationError(f"{shown}: the page shows {name} and a sum without parentheses: {name} of the whole "
                                    "sum, or of its first term? Write parentheses", command=name + "{", cause="ambiguous")
    return None


def _sign_inside(text: str) -> bool:
    """Whether `text` adds or subtracts outside any brackets of its own (a sign first is the argument's sign)."""
    depth, written = 0, False
    for index, char in enumerate(text):
        if char in _NESTING and not (index and text[index - 1] == "\\"):
            depth += _NESTING[char]
        elif char in "+-" and depth == 0 and written and text[index - 1] not in "^_":
            return True
        written = written or not char.isspace()
    return False
transform_braces = _Written(  # `\mathcal{L}\{f(t)\}`, `\mathcal{F}\{f\}`: a transform applied, not a product with a set
    re.compile(r"(?:(?<![\\A-Za-z])[A-Za-z]|\\math(?:cal|scr|bb|frak|rm)\s*\{\s*[A-Za-z]\s*\})\s*(?:\^\s*(?:\{[^{}]*\}|-?\w)\s*)?"
               r"(?:\\left\s*|\\[bB]igg?l?\s*)?\\\{"),  # \\mathcal{L}^{-1}\\{…\\} too
    "{0}: a transform applied to what the braces hold, or a product with a set? Write parentheses", "\\{{",
)
bracket_then_call = _Written(  # `\mathcal{L}[f](s)`: the transform of f evaluated at s
    re.compile(r"\](?:\s|\\right\s*)*\(\s*(?:\\[A-Za-z]+|[A-Za-z])"),
    "{0}: a value applied to an argument, or a product? Write \\cdot or name the map", "](",
)
operator_derivative = _Written(  # `\frac{Dv}{Dt}` (material), `\frac{\delta F}{\delta f}` (functional)
    re.compile(r"\\frac\s*\{\s*(?:D|\\delta)\s*[^{}]*\}\s*\{\s*(?:D|\\delta)\s*[^{}]*\}"
               r"|\\frac\s*\{\s*D(?!\s*[_^])(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*D\s*t\s*\}"  # D\mathbf{u}/Dt
               r"|\\frac\s*\{\s*\\delta\s*(?:[A-Z]|\\math(?:cal|scr)\s*\{)(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}"
               r"\s*\{\s*\\delta(?![A-Za-z])"),  # δS_{matter}/δg_{μν}: a functional's
    "{0}: a material or functional derivative, or a quotient? Not read", "\\frac",
)
difference_operator = _Written(  # `\Delta^2 x`, `\Delta f(x)`, `\Delta\Delta x`: the difference operator, not a name Δ
    re.compile(r"\\Delta\s*(?:\^\s*\{?\s*[0-9]|\\Delta|[A-Za-z]\s*(?:\\left\s*)?\()"),
    "{0}: the difference (or Laplace) operator applied, or an increment? Write \\Delta x for an increment", "\\Delta",
)
_UPPER_INDEX = _Written(
    re.compile(r"\^\s*(?:\\(?:mu|nu)|\{\s*\\(?:mu|nu)\s*\})(?![A-Za-z])"),
    "{0}: a tensor index, not a power: index notation is not read", "^",
)


def upper_index(tex: str) -> TranslationError | None:
    """`x^\\mu = (ct, x, y, z)`: the component μ of a four-vector, not a power (what index notation leaves)."""
    return _UPPER_INDEX(write_tensors(tex))


pi_as_name = _Written(  # `\pi^* = 2\%`, `\pi^e`, `\pi = pq - C`, `J(\pi)`: inflation, profit, a policy, not 3.14…
    re.compile(r"\\pi\s*\^\s*(?:\*|\{\s*\*\s*\}|\{?\s*[A-Za-z])|\A\s*\\pi\s*=\s*(?=[^0-9.\s])"
               r"|(?<![\\A-Za-z])[A-Za-z]\s*(?:_\s*(?:\{[^{}]*\}|\w))?\s*\(\s*\\pi\s*\)"),
    "{0}: the number π, or a quantity named π (a policy, inflation, profit)? Write \\varpi or a name", "\\pi",
)
repeating_decimal = _Written(  # `0.333\ldots = 1/3`: a repeating decimal, not 0.333 times an ellipsis; `k = 0, 1, 2\cdots`
    # lists integers (an integer after a list's comma, `\,` being a thin space); x_1 x_2 \cdots x_n, w1w2...wn: names
    re.compile(r"(?<![0-9])(?:[0-9]*\.[0-9]+|(?<!(?<!\\),)(?<!(?<!\\),\s)(?<![_^A-Za-z])(?<![_^]\s)[0-9]+)"
               r"\s*(?:\\ldots|\\dots|\\cdots|\.\.\.)"),
    "{0}: a repeating decimal is not read", "\\ldots",
)
bold_indicator = _Written(  # `\mathbf{1}_{x > 0}`: the indicator of x > 0
    re.compile(r"\\(?:mathbf|boldsymbol|bm)\s*\{\s*1\s*\}\s*_"), "{0}: an indicator is written 1\\{{…\\}}", "_",
)


matrix_bars = _Written(  # `\left|\begin{matrix} … \end{matrix}\right|`, `Vmatrix`: a determinant or a norm
    re.compile(r"(?:\\left\s*)?\|\s*\\begin\s*\{[pbB]?matrix\}|\\begin\s*\{Vmatrix\}"),
    "{0}: bars around a matrix: its determinant or its norm? Write \\det or vmatrix", "|",
)
log_base = _Written(  # `\log 100 = 2`, `10\log\frac{I}{I_0}` (decibels), `\log 2 \approx 0.301`: base 10, not e
    re.compile(r"\\log(?![A-Za-z_])\s*(?:[0-9]|(?:\\left\s*)?\(\s*[0-9.]+\s*(?:\\right\s*)?\))"  # a number's logarithm
               r"|(?<![0-9.])(?:10|20)\s*\\log(?![A-Za-z_])|\\log_\s*\{?\s*e\b"),
    "{0}: the logarithm to which base (e, 10, 2)? Write \\ln or \\log_{{10}}", "\\log",
)
increment_power = _Written(  # `\Delta x^2`: (Δx)² or Δ(x²)? `\delta x y`: δx·y or δ·x·y? (`\Delta x^T`: transposed)
    re.compile(r"\\Delta\s*[A-Za-z]\s*\^(?!\s*\{?\s*(?:T|\\top|\\intercal)(?![A-Za-z]))|\\delta\s*[A-Za-z]\s*[A-Za-z\\(]"),
    "{0}: an increment, or a constant times the names? Write parentheses", "\\Delta",
)
power_in_parentheses = _Written(  # `a^{(b^c)}`: the power b^c in parentheses, not a label
    re.compile(r"\^\s*\{\s*\([^()]*\^[^()]*\)\s*\}"), "{0}: a label or a power in parentheses?", "^",
)


_SPACE_STARRED = re.compile(
    r"(?:\\math(?:cal|bb|scr|frak)\s*\{\s*[A-Za-z]\s*\}|(?<![\\A-Za-z])[A-Z])\s*\^\s*(?:\*|\{\s*\*\s*\}|\\ast)"
)
_AMONG_SPACES = re.compile(r"\\(?:to|in|otimes|oplus|cong|subset|subseteq|rightarrow|mapsto|simeq)(?![A-Za-z])")


def dual_space(tex: str) -> TranslationError | None:
    """`V^* \\otimes W`, `\\mathcal{H}^* \\to \\mathbb{C}`: among spaces and maps, a starred space is its dual, not a
    conjugate."""
    starred = _SPACE_STARRED.search(tex)
    if starred is not None and (_AMONG_SPACES.search(tex) or starred.group().startswith("\\math")):
        return TranslationError(f"{starred.group()}: a dual space, an adjoint or a conjugate?", command="^*",
                                cause="ambiguous")
    return None


_ONE_NAME = r"(?:\\[A-Za-z]+|[A-Za-z])(?:\s*_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?(?:\s*\^\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?"
_NAME_IN_BRACKETS = re.compile(  # `[G_F] \cdot [\psi]^4`: not after a name, where `E[X]` applies E
    r"(?:\A|[=+\-*/(,&0-9]|\\(?:cdot|times|quad|qquad|sim|propto|approx|simeq|[,;:! ]))\s*(?:\\left\s*)?\[\s*"
    + _ONE_NAME + r"\s*(?:\\right\s*)?\](?!\s*_)"  # not `\left[ x^2 \right]_0^1`, an evaluation
)


dimension_of_name = _Written(  # `[G_F] \cdot M^6`: the dimension of G_F (physics), its integer part, its class
    _NAME_IN_BRACKETS, "{0}: one name in brackets is its dimension, integer part or class, not the name. Write it without brackets", "["
)


_OPEN = r"(?:\\(?:left|bigl?|Bigl?)\s*)?\("
_CLOSE = r"(?:\\(?:right|bigr?|Bigr?)\s*)?\)"
_CALL_THEN_NAME = re.compile(  # `\phi(k)(x)`, `\phi\left(k\right)\left(x\right)`
    r"(?:\\(?!(?:left|right|bigl?|Bigl?)(?![A-Za-z]))[A-Za-z]+|(?<![\\A-Za-z])[A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|\\?\w+)\s*)?" + _OPEN + r"[^()]*" + _CLOSE
    + r"\s*" + _OPEN + r"\s*(?:\\[A-Za-z]+|[A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|\\?\w+)\s*)?" + _CLOSE
)


value_applied = _Written(  # `\phi(k)(x)`: φ(k) applied to x, or times x? (`\sigma(z)(1 - \sigma(z))` multiplies)
    _CALL_THEN_NAME, "{0}: a function's value applied to a name, or a product? Write \\cdot or name the map", ")("
)


_E_NOTATION = re.compile(
    r"(?<![A-Za-z\\.\d])\d+(?:\.\d+)?\s*(?:[eE]|\\(?:text|mathrm|rm)\s*\{\s*[eE]\s*\})\s*\{?\s*[-+]?\s*\d"
)


e_notation = _Written(  # `1e-3`, `1.5e3`: 10⁻³ in a program's notation, or the number times Euler's e, minus 3?
    _E_NOTATION, "{0}…: a number in e-notation, or arithmetic with e? Write 10^{{…}}", "{0}"
)


_VOLUME_ELEMENT = re.compile(  # d^3x, \\mathrm{d}^{3} p, d^4k: the volume element of a space, not d cubed times x
    r"(?:\\mathrm\s*\{\s*d\s*\}|\\text\s*\{\s*d\s*\}|\\rm\s+d(?![A-Za-z]))\s*\^\s*(?:\{\s*[0-9n]\s*\}|[0-9n])\s*(?=\\?[A-Za-z{])"
    r"|(?<![\\A-Za-z])d\s*\^\s*(?:\{\s*[34n]\s*\}|[34n])\s*(?=\\?[A-Za-z{])"  # italic d² may be a distance squared
)
_SURFACE_ELEMENT = re.compile(r"(?<![\\A-Za-z])d\s*\^\s*(?:\{\s*2\s*\}|2)\s*(?=\\?[A-Za-z{])")  # d^2x under \int
_INTEGRAL = re.compile(r"\\i+nt(?![A-Za-z])")
_FRACTION_OPENS = re.compile(r"\\[dt]?frac\s*\{\s*\Z")


def _fraction_opens(tex: str, position: int) -> re.Match[str] | None:
    """`\\frac{` just before `position`: what follows is a fraction's numerator."""
    return _FRACTION_OPENS.search(tex, max(0, position - 12), position)


def volume_element(tex: str) -> TranslationError | None:
    """`\\int_0^R d^3x\\, f(x)`: d³x is the volume element of a space of three dimensions, which the reader does not
    read where `latex_volumes` does not; in the numerator of a derivative (`\\frac{d^2 y}{dx^2}`) d² is the derivative's."""
    surfaces = _SURFACE_ELEMENT.finditer(tex) if _INTEGRAL.search(tex) else iter(())
    read = [(start, end) for start, end, _ in volume_integrals(tex)]  # `latex_volumes` reads these
    for match in [*_VOLUME_ELEMENT.finditer(tex), *surfaces]:
        if not _fraction_opens(tex, match.start()) and not any(start <= match.start() < end for start, end in read):
            written = match.group().strip()
            return TranslationError(f"{written}…: a volume element (d^3 x), not read", command="d^", cause="unsupported-construct")
    return None


primed_subscript = _Written(  # V_i': the derivative of V_i, or V with the index i'?
    re.compile(r"_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9])\s*'"),
    "{0}: a prime after a subscript: of the name or of its index? Write (V_i)' or V_{{i'}}", "'",
)
order_statistic = _Written(  # X_{(k)}: the k-th smallest of a sample, not the k-th member
    re.compile(r"_\s*\{\s*\(|_\s*\\left\s*\("),
    "{0}: an index in parentheses (an order statistic X_(k)) is not read", "_(", "unsupported-construct",
)
convergence_arrow = _Written(  # \xrightarrow{p}, \xrightarrow{d}: converges in probability, in distribution
    re.compile(r"\\x(?:right|left)arrow\s*(?:\[[^\]]*\]\s*)?\{\s*(?:[A-Za-z.\s]{1,4}|\\(?:mathrm|text)\s*\{[A-Za-z.\s]{1,4}\})\s*\}"),
    "{0}: a mode of convergence is not read", "\\xrightarrow", "unsupported-construct",
)
labelled_angles = _Written(  # ⟨n⟩_{FD}, ⟨P_j⟩_θ: an expectation in a named state or ensemble
    re.compile(r"\\rangle\s*_"), "{0}: an expectation with a subscript (a state, an ensemble) is not read", "\\rangle_",
    "unsupported-construct",
)
micro_prefix = _Written(  # `2.2\ \mu\mathrm{s}`, `20 \mu\text{Pa}`: the prefix micro, or μ times the unit?
    re.compile(r"(?:[0-9.]|\\[,;: ]|~)\s*\\mu\s*(?:\\(?:mathrm|rm|text|textrm)\s*\{?\s*[A-Za-z])"),
    "{0}: the prefix micro before a unit, or μ times it? Write the unit as one word (\\mathrm{{\\mu s}})", "\\mu",
)
covariant_derivative = _Written(  # ∇_ρ g_{μν}, ∇_μ ξ_ν: a covariant derivative along a tensor index
    re.compile(rf"\\nabla\s*_\s*(?:\{{\s*)?\\(?:{_GREEK_INDEX})(?![A-Za-z])\s*\}}?\s*\\?[A-Za-z]+\s*(?:\^\s*\S+\s*)?"
               rf"[_^]\s*(?:\{{\s*)?\\(?:{_GREEK_INDEX})(?![A-Za-z])"),  # ∇_μ T^{μν}; not ∇_θ L: a gradient in θ
    "{0}: a covariant derivative along an index is not read", "\\nabla_", "unsupported-construct",
)
hessian_or_laplacian = _Written(  # [∇²f(x)]^{-1}, ∇²f ⪰ μI, H = ∇²L(θ): the Hessian (not (∇² + k²)ψ, Helmholtz's)
    re.compile(r"\[\s*\\nabla\s*\^\s*\{?\s*2|\\nabla\s*\^\s*\{?\s*2[^=]*\\(?:succeq|preceq|succ|prec)(?![A-Za-z])"
               r"|(?<![\\A-Za-z])H\s*=\s*\\nabla\s*\^\s*\{?\s*2"),
    "{0}: the Hessian or the Laplacian? Not read", "\\nabla^2",
)
matrix_after_capital = _Written(  # X \begin{pmatrix} α \\ β \end{pmatrix}: a matrix times a vector, not a number times it
    re.compile(r"(?:(?<![\\A-Za-z])[A-Z]|\\(?:hat|mathbf|boldsymbol)\s*\{\s*\\?[A-Za-z]+\s*\})\s*(?:_\s*(?:\{[^{}]*\}|\\?\w+)\s*)?"
               r"\\begin\s*\{[pbBvV]?matrix\}"),
    "{0}: an operator or matrix before a matrix: their product is not read", "\\begin{{matrix}}",
    "unsupported-construct",
)
fraction_subscript = _Written(  # x_{3/4}: a name whose printed form would read as x_3 / 4 (T_{1/2} is T_half)
    re.compile(r"_\s*\{\s*(?!1\s*/\s*2\s*\})[0-9]+\s*/\s*[0-9]+\s*\}"), "{0}: a fraction in a subscript is not read", "_{{/}}",
    "unsupported-construct",
)


_COMPOUND_LABEL = re.compile(  # (m+n), (N-n): two names (x^{(n+1)} beside x^{(n)} is the next iterate, a label)
    r"(\\?[A-Za-z]+)\s*(?:_\s*(?:\{[^{}]*\}|\\?\w)\s*)?\^\s*\{\s*\(\s*[^(){}0-9]*[+-][^(){}0-9]*\)\s*\}")


def compound_label(tex: str) -> TranslationError | None:
    """`P^{(m+n)} = P^{(m)} P^{(n)}`: beside the labels (m) and (n) of the same name, (m+n) is a label too."""
    for match in _COMPOUND_LABEL.finditer(tex):
        if re.search(re.escape(match.group(1)) + r"\s*(?:_\s*(?:\{[^{}]*\}|\\?\w)\s*)?\^\s*\{\s*\(\s*\\?\w+\s*\)\s*\}", tex):
            return TranslationError(f"{match.group().strip()}: a label like the others of {match.group(1)}, or a power?",
                                    command="^", cause="ambiguous")
    return None


index_pair = _Written(  # δ_{m m'}, U_{m_1 m_2}, G_{t, ii}: a pair of indices, not their product
    re.compile(r"_\s*\{[^{}]*[A-Za-z]\s+[A-Za-z]'[^{}]*\}|_\s*\{[^{}]*[A-Za-z]'\s*[A-Za-z][^{}]*\}"
               rf"|_\s*\{{\s*\\?[A-Za-z]+\s*_\s*(?:\{{[^{{}}]*\}}|\w)\s*(?:[A-Za-z]|\\(?:{_GREEK_INDEX})(?![A-Za-z]))"
               r"|_\s*\{[^{}]*,\s*([a-z])\1\s*\}"),
    "{0}: a pair of indices or their product? Write a comma", "_",
)
_INDEX_UP = re.compile(r"(?:\\[A-Za-z]+|(?<![\\A-Za-z])[A-DF-Za-df-z]|[)\]])\s*(?:_\s*(?:\{[^{}]*\}|\\?\w)\s*)?\^\s*(?:\{\s*([ij])\s*\}|([ij]))(?![A-Za-z])")
_BINDS_INDEX = re.compile(r"\\(?:sum|prod|bigcup|bigcap|bigoplus|bigotimes)\s*(?:\\limits\s*)?_\s*\{?\s*([ij])(?![A-Za-z])")


def latin_index_up(tex: str) -> TranslationError | None:
    """`W^i = E J^i - (\\vec P \\times \\vec K)^i`: i or j up, bound by no sum, is a component's index (or the
    imaginary unit), not an exponent (`\\sum_i \\binom{n}{i} b^i` is a power)."""
    bound = {m.group(1) for m in _BINDS_INDEX.finditer(tex)}
    for match in _INDEX_UP.finditer(tex):
        if (match.group(1) or match.group(2)) not in bound and not match.group().startswith(("\\exp", "\\mathrm")):
            return TranslationError(f"{match.group().strip()}: an index up, or a power? Write x_i for a component",
                                    command="^", cause="ambiguous")
    return None


_DIGITS_UP = re.compile(r"(\\[A-Za-z]+|(?<![\\A-Za-z])[A-Za-z])\s*(?:_\s*(\{\s*[0-9]{2,}\s*\}|[0-9]))?\s*\^\s*\{\s*([0-9]+)\s*\}")
_DIGITS_DOWN_UP = re.compile(r"(?:\\[A-Za-z]+|(?<![\\A-Za-z])[A-Za-z])\s*_\s*\{\s*[0-9]{2,}\s*\}\s*\^|"
                             r"(?:\\[A-Za-z]+|(?<![\\A-Za-z])[A-Za-z])\s*\^\s*\{?\s*[0-9]\s*\}?\s*_\s*\{\s*[0-9]{2,}\s*\}")
_DELTA_IN_SPACE = re.compile(r"\\delta\s*\^\s*\{?\s*[234]\s*\}?\s*(?:\\left\s*|\\[bB]igg?l?\s*)?\(")


def numeric_components(tex: str) -> TranslationError | None:
    """`T^{11} = T^{22} = p`, `\\epsilon^{123}`, `\\Gamma^{1}_{22}`: the components of a tensor, numbered, not powers;
    `\\delta^3(\\mathbf{r})`, a delta in three dimensions, not a cube."""
    ups: dict[str, set[str]] = {}
    for match in _DIGITS_UP.finditer(tex):
        digits = match.group(3)
        if len(digits) >= 2 and set(digits) <= set("0123"):
            ups.setdefault(match.group(1), set()).add(digits)
            if len(digits) >= 3 and len(set(digits)) == len(digits):  # ε^{123}: three distinct indices
                ups[match.group(1)].add("+")
    found = next((base for base, written in ups.items() if len(written) >= 2), None)
    if found is not None or _DIGITS_DOWN_UP.search(tex):
        shown = found or _DIGITS_DOWN_UP.search(tex).group().strip()
        return TranslationError(f"{shown}: numbered components of a tensor, or powers? Index notation is not read",
                                command="^", cause="ambiguous")
    delta = _DELTA_IN_SPACE.search(tex)
    if delta is not None:
        return TranslationError(f"{delta.group().strip()}…): a delta in three dimensions, or a power of one? Write "
                                "\\delta^{(3)}", command="^", cause="ambiguous")
    return None


upper_index_pair = _Written(  # T^{\mu 0}, T^{00}, g^{0i}: a component's indices, never μ·0 or the power 00
    re.compile(r"\^\s*\{\s*(?:(?:\\(?!dagger|dag|prime|ast|star|top|intercal|circ)[A-Za-z]+|[A-Za-z])\s*[0-9]|0\s*[0-9A-Za-z\\])"),
    "{0}…: a component's indices, or a power? Index notation is not read", "^",
)
poisson_bracket = _Written(  # {f, H}: a Poisson bracket beside a Hamiltonian, not a set
    re.compile(r"\\\{\s*[a-z]\s*,\s*[A-Z]\s*\\\}|\\\{\s*[A-Z]\s*,\s*[a-z]\s*\\\}"),
    "{0}: a Poisson bracket or a set?", "\\{{",
)
letters_name = _Written(  # lr_{base}: two letters that name one quantity with a word as its label, or a product?
    re.compile(r"(?<![\\A-Za-z^_])(?<![\^_]\s)(?!d)[a-z]{2}\s*_\s*\{\s*[A-Za-z]{3,}\s*\}"),  # not a x_i, k f(x)
    "{0}: one name or a product of letters? Write \\mathrm{{…}}", "{0}",
)


_HIDDEN = re.compile(r"\\vk[a-z]+\s*(?:\{[^{}]*\})+")  # matrices, cases and index names, their bodies hex-encoded
_LETTER_DIGIT = re.compile(r"(?<![\\A-Za-z0-9.])[A-Za-z][0-9]+(?![0-9.])")


def letter_digit(tex: str) -> TranslationError | None:
    """`w1 x + b`, `a2 = 3`, `p(w1w2...wn)`: a letter written right before a digit is the name w₁ to its author,
    while TeX multiplies, w·1; refused (`x_1`, `\\frac12` and labels in scripts are not)."""
    bare = _UPRIGHT_OR_SCRIPT.sub(" ", _HIDDEN.sub(" ", tex))
    match = _LETTER_DIGIT.search(bare)
    if match is None:
        return None
    return TranslationError(f"{match.group()}: a name with its index, or a letter times a number? Write "
                            f"{match.group()[0]}_{{{match.group()[1:]}}} or {match.group()[0]} \\cdot {match.group()[1:]}",
                            command=match.group(), cause="ambiguous")


_D_BEFORE_FUNCTION = re.compile(r"(?<![\\A-Za-z])d\s*\\(?:log|ln|det)(?![A-Za-z])")  # not 2d \\sin θ: a distance


_DERIVATIVE_BELOW = re.compile(r"\}\s*\{\s*(?:d|\\mathrm\s*\{\s*d\s*\}|\\partial)")


def _derivative_numerator(tex: str, position: int) -> bool:
    """Whether `position` starts the numerator of `\\frac{d …}{d …}`: a derivative's, not a product's."""
    opening = _fraction_opens(tex, position)
    if opening is None:
        return False
    end = group_end(tex, opening.start() + opening.group().index("{"))
    return end > 0 and _DERIVATIVE_BELOW.match(tex, end - 1) is not None


def differential_of_function(tex: str) -> TranslationError | None:
    """`\\frac{d \\log \\det r}{2\\pi i}`, `\\frac{dg}{d \\ln L}`: the differential of the logarithm, or d times it?
    (A derivative's numerator, `\\frac{d \\ln Z}{d\\beta}`, is read as a derivative.)"""
    for match in _D_BEFORE_FUNCTION.finditer(tex):
        if not _derivative_numerator(tex, match.start()):
            return TranslationError(f"{match.group()}: the differential of a function, or d times it? Write "
                                    "\\mathrm{d}(…)", command="d", cause="ambiguous")
    return None


pi_as_quantity = _Written(  # 1 + π (inflation, a probability), π ≈ σ²A/2 (a risk premium): a quantity named π
    re.compile(r"(?<![\w\\^_])(?<![\^_]\{)1\s*[-+]\s*\\pi(?![A-Za-z])|(?<![\w\\^_])\\pi\s*[-+]\s*1(?![\d.])"
               r"|(?:\A|\\\\|&)\s*\\pi\s*(?:\\approx|\\equiv|\\sim|\\simeq|\\propto)(?![A-Za-z])(?!\s*[0-9])"),  # π ≈ 3.14
    "{0}: the number π or a quantity named π? Not read", "\\pi",
)
derivative_by_expression = _Written(  # d ln k / d(1/T): a derivative with respect to an expression
    re.compile(r"\\[dt]?frac\s*\{(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*(?:d|\\mathrm\s*\{\s*d\s*\}|\\partial)\s*(?:\\left\s*)?\("),
    "{0}: a derivative with respect to an expression is not read", "\\frac{{d}}{{d(…)}}", "unsupported-construct",
)
differentials_over_differential = _Written(  # dx dy / dt: a product of differentials over one, no derivative
    re.compile(r"\\[dt]?frac\s*\{\s*(?:d|\\mathrm\s*\{\s*d\s*\})\s*(?:\\[A-Za-z]+|[A-Za-z])\s*(?:\\[,;!: ]|\s)*"
               r"(?:d|\\mathrm\s*\{\s*d\s*\})\s*(?:\\[A-Za-z]+|[A-Za-z])\s*\}\s*\{\s*(?:d|\\mathrm\s*\{\s*d\s*\})"),
    "{0}: differentials over a differential, no derivative: not read", "\\frac{{d}}{{d…}}", "unsupported-construct",
)
_ANGLE_SIDE = r"\\langle(?:(?!\\[lr]angle).)*\\rangle"
_ANGLE_PAIR = r"\\langle(?:(?!\\[lr]angle).)*,(?:(?!\\[lr]angle).)*\\rangle"  # ⟨a, b⟩: an inner product, or a span?
_ANGLE_LETTER = r"\\langle\s*[a-z]\s*\\rangle"  # ⟨g⟩ = G: the group g generates, or the mean of g?
_CAPITAL = r"(?:[A-Z]|\\math(?:cal|bb)\s*\{\s*[A-Z]\s*\})"
span_or_group = _Written(  # W = ⟨v_1, v_2⟩, ⟨g⟩ = {gⁿ}: a span or a group generated, not an inner product or a mean
    re.compile(r"(?:\A|[=&])\s*" + _CAPITAL + r"\s*=\s*(?:" + _ANGLE_PAIR + r"|" + _ANGLE_LETTER + r")"
               + r"|" + _ANGLE_LETTER + r"\s*=\s*" + _CAPITAL + r"\s*(?:\Z|\\\\|[,.])"
               + r"|" + _ANGLE_PAIR + r"\s*=\s*" + _CAPITAL + r"\s*(?:\Z|\\\\|[,.])"
               + r"|" + _ANGLE_SIDE + r"\s*=\s*(?:\\(?:mathrm|operatorname|text)\s*\{\s*span\s*\}|\\span(?![A-Za-z])"
               r"|\\\{|\\left\s*\\\{)", re.S),
    "{0}: a span or a group generated, or an inner product or a mean? Not read", "\\langle",
)
primed_matrix = _Written(  # X'X, Z'y: the transpose of X (econometrics), or another matrix X'?
    re.compile(r"(?<![\\A-Za-z])[A-Z]\s*'\s*[A-Za-z]"),  # not F'(x), V'(r): a derivative applied
    "{0}: a transpose or a matrix of its own? Write ^T or another name", "'",
)
conditional_distribution = _Written(  # θ | k ~ Beta(…): the distribution of θ given k, no chain of relations
    re.compile(r"\\mid(?![A-Za-z])[^()\[\]]*?\\sim(?![A-Za-z])"),
    "{0}: a conditional distribution is not read", "\\mid", "unsupported-construct",
)
unit_vector_product = _Written(  # n̂ · (D₂ − D₁), n̂ × E: a dot or cross product with a unit vector
    re.compile(r"\\(?:hat|widehat)\s*\{\s*\\(?:mathbf|boldsymbol|bm|vec)\s*\{[^{}]*\}\s*\}\s*\\(?:cdot|times)(?![A-Za-z])"
               r"|\\(?:cdot|times)\s*\\(?:hat|widehat)\s*\{\s*\\(?:mathbf|boldsymbol|bm|vec)(?![A-Za-z])"),
    "{0}: a vector product with a unit vector is not read", "\\cdot", "unsupported-construct",
)
_MIXED_CASE = re.compile(r"(?<![\\A-Za-z])(?:p(?:H|OH|K)(?![a-z])|[A-Z][a-z][A-Z](?![A-Za-z]))")
_WORD_ENTRY = re.compile(r"_\s*\{(?![^{}]*\\)[^{}]*,\s*[a-z]{3,}\s*\}")  # K_{v,new}: not K[v, n·e·w]


_ITALIC_WORD = re.compile(  # `\sim 10^4 year for S`, `L = lg\dfrac{I}{I_0}`: prose or a function, never a product
    r"(?<![\\A-Za-z])(?:for|and|the|with|per|via|arg|lg(?=\s*\\[dt]?frac(?![A-Za-z])))"  # log, sin: read as functions
    r"(?![A-Za-z])"
)


def italic_word(tex: str) -> TranslationError | None:
    """A short word or a function's name in italic letters, which TeX sets as a product of letters (words of four
    letters or more are refused elsewhere); upright words and subscripts are names already."""
    match = _ITALIC_WORD.search(_UPRIGHT_OR_SCRIPT.sub(" ", _TEX_COMMENT.sub(" ", tex)))
    if match is None:
        return None
    return TranslationError(f"{match.group()}: a word or a function's name in italic letters, which TeX multiplies: "
                            f"write \\text{{{match.group()}}} or \\{match.group()}", command=match.group(), cause="ambiguous")


def mixed_case_name(tex: str) -> TranslationError | None:
    """pH, pOH, pK_a, VaR, `K_{v,new}`: one quantity, or a product of letters? (Upright words are names already:
    `\\text{GeV}`, `H_\\textrm{BdG}`.)"""
    match = _MIXED_CASE.search(_UPRIGHT_GROUP_RE.sub(" ", tex)) or _WORD_ENTRY.search(tex)
    if match is None:
        return None
    return TranslationError(f"{match.group().strip()}: one name or a product of letters? Write \\mathrm{{…}}",
                            command=match.group().strip(), cause="ambiguous")
labelled_difference = _Written(  # Δ_mix G, Δ_r H: a named change of G, not a product
    re.compile(r"\\Delta\s*_\s*(?:\{[^{}]*\}|\\?\w+)\s*(?:\\[A-Za-z]+|[A-Za-z])"),
    "{0}: a named change (Δ_mix G) or a product? Not read", "\\Delta_",
)
measure_superscript = _Written(  # W_t^{\mathbb{Q}}: a Brownian motion under the measure Q, not a power
    re.compile(r"\^\s*\{?\s*\\mathbb(?![A-Za-z])"), "{0}: a measure or a label, not a power", "^",
)
_DELTA_BEFORE_NAME = re.compile(r"\\(delta|Delta)\s*[A-Za-z]")
_DELTA_ALONE = r"\\{0}(?![A-Za-z])(?!\s*(?:[A-Za-z]|\\[A-Za-z]|_|\^|\())"


def increment_or_product(tex: str) -> TranslationError | None:
    """`\\delta P` beside a bare `\\delta` (a discount factor): δ times P, or the increment of P?"""
    for match in _DELTA_BEFORE_NAME.finditer(tex):
        if re.search(_DELTA_ALONE.format(match.group(1)), tex):
            return TranslationError(f"{match.group()}: an increment, or {match.group(1)} times a name? Write \\cdot",
                                    command="\\" + match.group(1), cause="ambiguous")
    return None


DOUBTS: tuple[Callable[[str], TranslationError | None], ...] = (
    tensor_indices, inverse_transpose, space_norm, anticommutator, bracket_pair, capitals_name, repeated_capitals, chemical_formula,
    derivative_before_parentheses, upright_and_italic, dimension_brackets, dimension_of_name, iterates, value_applied,
    sign_then_digit, hermitian, size_subscript, log_of_e, label_in_braces, word_superscript, ordinal_superscript,
    superscript_label,
    complement,
    transpose_or_power, labelled_base, iterated_function, braces_after_function, determinant_bars, capital_bars,
    euler_or_name, minus_one_power, function_over, dimensionless_number, braced_sum, transform_braces,
    bracket_then_call,
    operator_derivative, difference_operator, upper_index, pi_as_name, repeating_decimal,
    bold_indicator, dual_space, matrix_bars, log_base, increment_power, power_in_parentheses, e_notation,
    volume_element, primed_subscript, order_statistic, convergence_arrow, labelled_angles, covariant_derivative,
    hessian_or_laplacian, matrix_after_capital, fraction_subscript, compound_label, index_pair, poisson_bracket,
    letters_name, letter_digit, differential_of_function, pi_as_quantity, derivative_by_expression, primed_matrix,
    differentials_over_differential, span_or_group,
    conditional_distribution, unit_vector_product, mixed_case_name, labelled_difference, measure_superscript,
    increment_or_product, micro_prefix, upper_index_pair, latin_index_up, numeric_components, italic_word,
)


_ELIDED_LABEL = re.compile(  # `\ket{010...0}`, `|0\ldots 0\rangle`: a string of bits, not a repeating decimal
    r"(\\(?:ket|bra)\s*\{|\|)\s*[01]*(?:(?:\.\.\.|\\[lc]?dots(?![A-Za-z]))\s*[01]*)+\s*(?=\}|\\rangle|\|)"
)


def refuse_doubtful(tex: str) -> None:
    """Raise the first refusal of `DOUBTS` for the prepared text `tex` (a state's label is a name)."""
    tex = _ELIDED_LABEL.sub(r"\1 0", tex)
    for doubt in DOUBTS:
        error = doubt(tex)
        if error is not None:
            raise error
