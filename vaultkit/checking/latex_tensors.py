r"""Index notation: `p^\mu p_\mu = m^2`, `\partial_\mu T^{\mu\nu} = 0`, `\Gamma^\lambda_{\mu\nu}`.

A Greek superscript may be a power (`t^\alpha`) or an index (`p^\mu`); TeX does not
say. A display is read in index notation only when it shows it: a Greek letter
both as an upper and as a lower index, a script of two or more indices
(`T^{\mu\nu}`, `R_{\rho\sigma\mu\nu}`), or `\partial` with a Greek index, and no
explicit `\sum_\nu`. There every name with Greek index scripts is one name that
keeps its indices where they were written (`p^mu`, `g_{mu nu}`,
`Gamma^lambda_{mu nu}`), the display's products keep their written order, and
`\partial_\mu` is applied to the factor after it (`\partial_\mu A_\nu` is
`partial_mu(A_nu)`); before several factors (of the first, or of their product?)
it is refused, and with nothing after it, it is the operator. A repeated index is
summed by the convention of the notation, which the reading shows as written.
Names with index scripts the rewriting does not know (`A_\mu^a`, `\mathbf{p}^\mu`,
`(k_1 - k_2)^\rho`) are left to the reader, which refuses them. Such readings are
never checked (see `scan`): contractions need a metric the note does not give.
"""

from __future__ import annotations

import re

import sympy

from .latex_vocabulary import TranslationError

_LETTERS = "mu|nu|rho|sigma|lambda|kappa"  # not α, β, τ: exponents, rates and times as often as indices
_INDEX = rf"\\(?:{_LETTERS})(?![A-Za-z])"
_SPACE = r"\\[ ,;!]|\{\s*\}"
_INDICES = rf"(?:{_INDEX}|\{{(?:\s*(?:{_INDEX}|{_SPACE}))+\s*\}})"
_BASE = (
    r"(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])|\\(?:partial|eta|gamma|delta|epsilon|varepsilon|Gamma|Lambda|sigma|phi|psi"
    r"|chi|omega|xi|pi|tau|theta|Theta|Omega|Phi|Psi)(?![A-Za-z])"
)
_LABEL = r"_\s*(?:\{\s*[0-9A-Za-z]{1,2}\s*\}|[0-9A-Za-z])"  # p_1^\mu, J_5^\mu: which one, before its index
_SCRIPTS = rf"(?:\s*(?:\{{\s*\}}\s*)?[_^]\s*{_INDICES})"  # R^\rho{}_{\sigma\mu\nu}
_TENSOR = re.compile(rf"({_BASE})(\s*{_LABEL})?({_SCRIPTS}{{1,2}})(?!\s*[_^'])")
_APPLIED = re.compile(r"\s*(?:\(|\\left\s*\()")  # D^{\mu\nu}(p): applied to p, or times p?
_VARIED = re.compile(r"\\(?:delta|Delta)\s*\Z")  # \delta g_{\mu\nu}: a variation of the metric, or δ times it?
_SCRIPT = re.compile(rf"([_^])\s*({_INDICES})")
_UPPER = re.compile(rf"\^\s*({_INDICES})")
_LOWER = re.compile(rf"_\s*({_INDICES})")
_PARTIAL = re.compile(rf"\\partial\s*[_^]\s*{_INDICES}")
_EXPLICIT_SUM = re.compile(rf"\\(?:sum|prod)\s*(?:\\limits\s*)?_\s*\{{?\s*{_INDEX}")


def index_notation(tex: str) -> bool:
    """Whether the display shows index notation: an index both up and down, two indices in one script, or
    `\\partial_\\mu`."""
    upper = [_letters(m.group(1)) for m in _UPPER.finditer(tex)]
    lowers = [_letters(m.group(1)) for m in _LOWER.finditer(tex)]
    lower = {letter for letters in lowers for letter in letters}
    shared = any(letter in lower for letters in upper for letter in letters)
    several = any(len(letters) > 1 for letters in upper + lowers)  # T^{\mu\nu}, R_{\rho\sigma\mu\nu}
    explicit = _EXPLICIT_SUM.search(tex) is not None  # \sum_\nu g_{\mu\nu} v_\nu: a family's members, summed as written
    return (shared or several or _PARTIAL.search(tex) is not None) and not explicit


def write_tensors(tex: str) -> str:
    """`tex` with each name carrying Greek indices written `\\vktensor{…}` (its name, hex-encoded) when the
    display is in index notation; otherwise `tex` unchanged."""
    if "\\" not in tex or not index_notation(tex):
        return tex
    return _TENSOR.sub(lambda m: _written(tex, m), tex)


def _written(tex: str, match: re.Match) -> str:
    """One name with indices as `\\vktensor{…}`, unless what stands around it leaves its meaning open."""
    applied = _APPLIED.match(tex, match.end())  # ∂_μ(√|g| V^μ): a product's grouping, which reading loses
    if applied or _VARIED.search(tex, max(0, match.start() - 12), match.start()):
        return match.group()
    return f"\\vktensor{{{_name(match).encode().hex()}}}"


_INDEX_NAME = re.compile(rf"[_^](?:(?:{_LETTERS})(?![a-z])|\{{(?:{_LETTERS})(?: (?:{_LETTERS}))+\}})")


def is_index_name(name: str) -> bool:
    """Whether a name read here carries indices (`p^mu`, `g_{mu nu}`, `partial_mu`)."""
    return _INDEX_NAME.search(name) is not None


def tensor_name(text: str) -> str:
    """The name a `\\vktensor{…}` stands for."""
    return bytes.fromhex(text[len("\\vktensor{") : -1]).decode()


def _name(match: re.Match) -> str:
    base, label, scripts = match.groups()
    name = base.lstrip("\\")
    if label:
        name += "_" + re.sub(r"[\s_{}]", "", label)
    for mark, indices in _SCRIPT.findall(scripts):
        letters = _letters(indices)
        name += mark + (letters[0] if len(letters) == 1 else "{" + " ".join(letters) + "}")
    return name


def _letters(indices: str) -> list[str]:
    return re.findall(rf"\\({_LETTERS})(?![A-Za-z])", indices)


def applied_derivatives(value: sympy.Expr) -> sympy.Expr:
    """`partial_mu*A_nu` (read in written order) as `partial_mu(A_nu)`: each index derivative applied to the one
    factor after it; with nothing after it, it stays the operator (`D_\\mu = \\partial_\\mu + ieA_\\mu`). Raises
    TranslationError where several factors follow it."""
    if not any(_derivative(s) for s in value.free_symbols):
        return value
    return value.replace(lambda e: isinstance(e, sympy.Mul) and any(map(_derivative, e.args)), _applied)


def _applied(product: sympy.Mul) -> sympy.Expr:
    """Right to left: `∂_μ ∂^μ φ` is ∂_μ(∂^μ(φ)); `∂^μ φ ∂_μ φ` two applied factors; `∂_μ A B` refused."""
    if any(f.is_commutative and f.free_symbols for f in product.args):  # ∂_ν ln√|g|: ln√|g| moved before ∂_ν
        raise TranslationError("an index derivative beside a function's value: their written order is lost",
                               command="\\partial", cause="ambiguous")
    after: list[tuple[sympy.Expr, bool]] = []  # the factors to the right, each with whether a derivative made it
    for factor in reversed(product.args):
        if not _derivative(factor):
            after.insert(0, (factor, False))
            continue
        if not after:  # `i\\gamma^\\mu \\partial_\\mu`: an operator written as one, in its place
            after.insert(0, (factor, False))
            continue
        if len(after) > 1 and not after[1][1]:
            raise TranslationError(f"{factor} before several factors: of the first, or of their product?",
                                   command="\\partial", cause="ambiguous")
        after[0] = (sympy.Function(factor.name, commutative=False)(after[0][0]), True)
    return sympy.Mul(*(factor for factor, _ in after))


def _derivative(symbol: sympy.Basic) -> bool:
    """`partial_mu`, `partial^nu`: an index derivative read as a name in written order."""
    return isinstance(symbol, sympy.Symbol) and symbol.is_commutative is False and symbol.name.startswith("partial")
