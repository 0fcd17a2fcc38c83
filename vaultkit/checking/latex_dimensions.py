r"""Dimensional analysis: `[G] = \frac{[F][r^2]}{[m^2]} = M^{-1} L^3 T^{-2}`.

A physicist writes the dimension of a quantity as the quantity in brackets, and
dimensions as products of powers of the base dimensions M, L, T and Θ. Brackets
alone are ambiguous (a grouping, an integer part, a class), so they are read as
a dimension only in a display that also has a side made of base dimensions and
nothing else: there `[X]` is `dimension(X)` and `M^0` is 1. Anywhere else the
reader's refusal of brackets stands.
"""

from __future__ import annotations

import re

_SIDE_BREAK = re.compile(
    r"=|\\(?:equiv|sim|approx|propto|simeq|Longrightarrow|Rightarrow|implies|q?quad)(?![A-Za-z])|,|\\\\"
)
_BRACKETED = re.compile(  # [G], [k_B T]_{\text{SI}}: a dimension, in the system a subscript names
    r"(?:\\left\s*)?\[([^\[\],]*?)(?:\\right\s*)?\]"
    r"(?:\s*_\s*\{\s*\\(?:text|mathrm|rm)\s*\{\s*([A-Za-z]+)\s*\}\s*\}|\s*_\s*\{\s*\\rm\s+([A-Za-z]+)\s*\})?"
)
_BEFORE = re.compile(r"(\\[A-Za-z]+|[A-Za-z}\)])\s*\Z")  # E[X], F \left[ 4\pi D^2 \right]: applied, or a product
_OPERATORS = frozenset({"\\cdot", "\\times", "\\quad", "\\qquad", "\\frac", "\\dfrac", "\\boxed"})
_EXPONENT = re.compile(r"\^\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]|-\s*[0-9])")
_LAYOUT = re.compile(r"\\(?:d?frac|cdot|times|boxed|left|right|[,;:! ])(?![A-Za-z])|[\s{}()0-9+\-/.]")
_BASE_ONLY = re.compile(r"(?:M|L|T|\\Theta)+")
_ZERO_POWER = re.compile(r"(?<![\\A-Za-z])(M|L|T|\\Theta)\s*\^\s*(?:\{\s*0\s*\}|0)(?![0-9])")


def read_dimensions(tex: str) -> str:
    """`tex` with every `[X]` written `\\operatorname{dimension}(X)` and `M^0` written 1 when it is dimensional
    analysis; otherwise `tex` unchanged."""
    if "[" not in tex or not _BRACKETED.search(tex) or not any(map(_dimensional, _SIDE_BREAK.split(tex))):
        return tex
    tex = _BRACKETED.sub(lambda m: m.group() if _after_a_name(tex, m.start()) else _dimension(*m.groups()), tex)
    return _ZERO_POWER.sub("(1)", tex)


def _after_a_name(tex: str, start: int) -> bool:
    before = _BEFORE.search(tex, max(0, start - 40), start)
    return before is not None and before.group(1) not in _OPERATORS


def _dimension(inner: str, system: str | None = None, spelled: str | None = None) -> str:
    """dimension(X), or dimension(X, SI) where a subscript names the system of units."""
    system = system or spelled
    shown = f"{inner}, \\mathrm{{{system}}}" if system else inner
    return f"\\operatorname{{dimension}}\\left({shown}\\right)"


def _dimensional(side: str) -> bool:
    """Whether a side is a product of powers of base dimensions (`M L^3 T^{-2}`, `(M^{-1})^2`, `\\boxed{M^4}`),
    beside dimensions in brackets at most. One base letter alone (`T`, `L`) is more likely a quantity."""
    bare = _BRACKETED.sub("", side)
    plain = _LAYOUT.sub("", _EXPONENT.sub("", bare))
    if _BASE_ONLY.fullmatch(plain) is None:
        return False
    return len(plain.replace("\\Theta", "Θ")) > 1 or _EXPONENT.search(bare) is not None  # T alone: a temperature
