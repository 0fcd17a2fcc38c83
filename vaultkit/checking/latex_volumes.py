r"""Integrals over a space of several dimensions: `\int f(p)\, d^3p`, `\int d^4x\, \partial_\mu K^\mu`.

`d^3x` under an integral is the volume element of a three-dimensional space, not d cubed times x. Such an
integral is read as `\operatorname{VolumeIntegral}(f(p), p, 3)`, with its region (`\int_\Omega`) as a fourth
argument: the body as written, over the named variable, in so many dimensions. What it equals the engine cannot
know (no coordinates are written), so `--scan` never checks a step that holds one. Bounds (`\int_0^R … d^3x`), a
second integral or element between the two ends, and a body that cannot be told apart are left as written, and
`latex_doubts.volume_element` refuses them.

Each display is read once for its brackets and once for its elements: linear in its length.
"""

from __future__ import annotations

import re

from .latex_logic import bracket_depths
from .latex_terms import term_end
from .macros import group_end

_ELEMENT = re.compile(
    r"(?:\\mathrm\s*\{\s*d\s*\}|\\text\s*\{\s*d\s*\}|\\rm\s+d(?![A-Za-z])|(?<![\\A-Za-z])d)\s*\^\s*(?:\{\s*([2-4n])\s*\}|([2-4n]))"
    r"\s*(\\(?:vec|mathbf|boldsymbol)\s*\{\s*\\?[A-Za-z]+\s*\}|\\vec\s+[A-Za-z]|\\[A-Za-z]+|[A-Za-z])(?![A-Za-z'_^])"
)
_INTEGRAL = re.compile(
    r"\\int(?![A-Za-z])(?:\s*\\(?:limits|nolimits)(?![A-Za-z]))?"
    r"(\s*_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z0-9]))?(\s*\^)?"
)
_SPACING = re.compile(r"(?:\s|\\[,;:! ])*\Z")
# where a body that follows its element ends: a sum's next term, a relation, a new row or a wide space
_STOP = re.compile(
    r"(?<!\^)(?<!_)(?<!\{)[-+=<>]|&|\\\\|\\(?:q?quad|approx|equiv|sim|simeq|propto|le|leq|ge|geq|ne|neq|to|hspace)(?![A-Za-z])"
)
_STOPS_BEFORE = re.compile(r"[=<>]|&|\\\\|\\(?:q?quad|approx|equiv|sim|simeq|propto|le|leq|ge|geq|ne|neq|int|hspace)(?![A-Za-z])")
_DIFFERENTIAL_AT_START = re.compile(r"(?:\\mathrm\s*\{\s*d\s*\}|d)\s*(?:\\[A-Za-z]+|[A-Za-z])(?![A-Za-z])")
_LEADING_SPACE = re.compile(r"\A(?:\s|\\[,;:! ])+")
MAX_ELEMENTS = 16  # volume elements read in one display: each is followed to its integral once


_ELEMENT_ON_TOP = re.compile(  # \int \frac{d^3p}{(2\pi)^3} f(p): the element written over the rest of the measure
    r"(\\int(?![A-Za-z])(?:\s*\\(?:limits|nolimits)(?![A-Za-z]))?\s*)\\[dt]?frac\s*\{\s*(" + _ELEMENT.pattern + r")\s*\}\s*(?=\{)"
)


def _elements_last(text: str) -> str:
    r"""`\int \frac{d^3p}{(2\pi)^3} f(p)` as `\int \frac{1}{(2\pi)^3} f(p) \, d^3p`: the body is the rest of the term,
    as for `\int \frac{dz}{z} g(z)`; a term too long to look into stays as written."""
    pieces, start = [], 0
    for match in _ELEMENT_ON_TOP.finditer(text):
        bottom_end = group_end(text, match.end())
        end = term_end(text, bottom_end) if bottom_end > 0 else None
        if end is None or match.start() < start:
            continue
        bottom, body = text[match.end(): bottom_end], text[bottom_end: end]
        pieces.append(f"{text[start: match.start()]}{match.group(1)}\\frac{{1}}{bottom} {body} \\, {match.group(2)} ")
        start = end
    return "".join(pieces) + text[start:]


def volume_integrals(text: str) -> list[tuple[int, int, str]]:
    """Each integral over a volume element that reads one way: (start, end, its rewriting)."""
    elements = list(_ELEMENT.finditer(text))
    if not elements or len(elements) > MAX_ELEMENTS:
        return []
    depths = bracket_depths(text)
    if depths is None:
        return []
    integrals = list(_INTEGRAL.finditer(text))
    found: list[tuple[int, int, str]] = []
    for element in elements:
        integral = next((i for i in reversed(integrals) if i.end() <= element.start()), None)
        if integral is None or integral.group(2) or depths[integral.start()] != depths[element.start()]:
            continue
        rewritten = _rewritten(text, depths, integral, element)
        if rewritten is not None and (not found or found[-1][1] <= rewritten[0]):
            found.append(rewritten)
    return found


def _rewritten(text: str, depths: list[int], integral: re.Match, element: re.Match) -> tuple[int, int, str] | None:
    between = text[integral.end() : element.start()]
    depth = depths[element.start()]
    if _SPACING.match(between):  # `\int d^3x\, f(x) g(x)`: the body follows, to the end of its term
        end = _body_end(text, depths, element.end(), depth)
        body, stop = text[element.end() : end], end
    else:  # `\int f(p)\, d^3p`: the body stands between
        if any(depths[m.start()] == depth for m in _STOPS_BEFORE.finditer(between)) or _ELEMENT.search(between):
            return None
        body, stop = between, element.end()
    body = _LEADING_SPACE.sub("", body).strip()
    if not body.strip("\\,;:! ") or _ELEMENT.search(body) or _DIFFERENTIAL_AT_START.match(body):
        return None  # `\int d^3x\, d^3p\, f`: over six dimensions, not d³x of d³p·f
    dimension = element.group(1) or element.group(2)
    region = (integral.group(1) or "").strip()[1:].strip()
    if region and not re.search(r"[A-Za-z]", region):  # `\int_0 … d^3x`: a lone bound, no region
        return None
    parts = [body, element.group(3), dimension] + ([region] if region else [])
    return integral.start(), stop, f"\\operatorname{{VolumeIntegral}}\\left({', '.join(parts)}\\right)"


def _body_end(text: str, depths: list[int], start: int, depth: int) -> int:
    """Where the body after an element ends: the next stop outside brackets, or a bracket that closes."""
    for stop in _STOP.finditer(text, start):
        if depths[stop.start()] == depth:
            closing = next((k for k in range(start, stop.start()) if depths[k] < depth), None)
            return stop.start() if closing is None else closing
    closing = next((k for k in range(start, len(text)) if depths[k] < depth), None)
    return len(text) if closing is None else closing


def rewrite_volume_integrals(text: str) -> str:
    """`text` with each integral of `volume_integrals` rewritten (an element written on top first moved last)."""
    text = _elements_last(text)
    for start, end, replacement in reversed(volume_integrals(text)):
        text = text[:start] + replacement + text[end:]
    return text
