r"""Sums written without their index: `\frac{\sum x_i}{n}`, `\sum (x_i - \bar{x})^2`, `\sum p_k \log p_k`.

Statistics notes leave the index of a sum to its terms: `\sum x_i` sums over i. The index is read from the
summand when every subscript in it is that one letter, and the letter is one that counts (i, j, k, l, m, n, t):
`\sum F_x = 0` sums forces' x components (x labels, it counts nothing) and stays refused; so do `\sum F_n`
(normal components), a sum whose letter the display uses elsewhere (`x_i = \sum y_i`), `\sum x`, `\sum x_{1i}`,
`\sum a_i b_j` and `U \sum V^T` (a matrix Σ written as a sum sign). The rewrite writes the index,
`\sum_{i}`, and the free reading takes its bounds as names (`i_first`, `i_last`), as for `\sum_i`.
Linear: each summand is looked at once, up to a bounded length (`latex_terms.term_end`).
"""

from __future__ import annotations

import re

from .latex_terms import term_end

_BARE_SUM = re.compile(r"\\sum(?:\\limits|\\nolimits)?(?![A-Za-z])(?!\s*(?:_|\^|\\limits|\\nolimits))")
_SUBSCRIPT = re.compile(r"_\s*(?:\{\s*([^{}]*?)\s*\}|([A-Za-z0-9]))")
_COUNTING = frozenset("ijklmnt")
_LABELLING = frozenset("nt")  # below a capital, n and t label a component (normal, tangential) as often as they count


def write_sum_indices(text: str) -> str:
    r"""`\sum x_i` as `\sum_{i} x_i` where the summand names its index and the letter is used nowhere else in the
    display (`x_i = \sum y_i`, `\sum F_t = m a_t`: which i, which t?). See the module.

    >>> write_sum_indices(r"\bar{x} = \frac{\sum x_i}{n}")
    '\\bar{x} = \\frac{\\sum_{i} x_i}{n}'
    >>> write_sum_indices(r"\sum F_x = 0")
    '\\sum F_x = 0'
    """
    if "\\sum" not in text:
        return text
    found = []
    for match in _BARE_SUM.finditer(text):
        end = term_end(text, match.end())
        index = None if end is None else _index(text[match.end(): end])
        if index is not None:
            found.append((match, end, index))
    if not found:
        return text
    outside, start = [], 0
    for match, end, _ in found:
        outside.append(text[start: match.start()])
        start = end
    outside.append(text[start:])
    elsewhere = set(re.findall(r"(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])", " ".join(outside)))
    pieces, start = [], 0
    for match, _, index in found:
        if index not in elsewhere:
            pieces.append(text[start: match.end()] + f"_{{{index}}}")
            start = match.end()
    return "".join(pieces) + text[start:]


def _index(summand: str) -> str | None:
    """The one counting letter every subscript of `summand` is, or None."""
    if re.match(r"\s*\\sum(?![A-Za-z])", summand):
        return None  # `\sum\sum_{i<j}`: the first sum's index is not said
    letters = {(m.group(1) if m.group(1) is not None else m.group(2)).strip() for m in _SUBSCRIPT.finditer(summand)}
    if len(letters) != 1:
        return None
    (letter,) = letters
    if letter in _LABELLING and re.search(r"(?<![\\A-Za-z])[A-Z]\s*_", summand):
        return None  # \sum F_n, \sum F_t: a force's normal and tangential parts, not a count
    return letter if letter in _COUNTING else None


_BIGOP_THEN_BRACKET = re.compile(  # \sum_{i=1}^{m}[ … ]: the brackets group the operand, as \left[ … \right] do
    r"\\(?:sum|prod|max|min|argmax|argmin)(?![A-Za-z])(?:\s*\\limits)?"
    r"(?:\s*[_^]\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z0-9]))*\s*\["
)


_SIZED = re.compile(r"\\(?:left|right|[bB]igg?[lrm]?)\s*\Z")


def sized_operand_brackets(text: str) -> str:
    r"""`\sum_{i=1}^{m}[y_i \ln p_i + …]` as `\sum_{i=1}^{m}\left[ … \right]`: brackets right after a sum's, a
    product's or an optimum's limits group what it acts on (no index or functional can follow them). The brackets
    are paired in one pass."""
    if "[" not in text:
        return text
    openings = {match.end() - 1 for match in _BIGOP_THEN_BRACKET.finditer(text)}
    if not openings:
        return text
    closing: dict[int, int] = {}
    stack: list[int] = []
    for at, char in enumerate(text):
        if char not in "[]" or _SIZED.search(text, max(0, at - 8), at):
            continue  # \left[, \bigr]: sized brackets pair among themselves
        if char == "[":
            stack.append(at)
        elif stack:
            opened = stack.pop()
            if opened in openings:
                closing[opened] = at
    pieces, start = [], 0
    for opened, closed in sorted(closing.items()):
        pieces += [text[start:opened], "\\left[", text[opened + 1:closed], "\\right]"]
        start = closed + 1
    return "".join(pieces) + text[start:]
