r"""The TeX of a display made ready for a scan: conditions set apart, definition marks made plain.

A display often says when its equation holds, on the same row: `|x| = x \quad
x > 0`, `\frac{x}{x} = 1 \text{ for } x \neq 0`, `(x > 0)`. Such a condition is
cut out of the row (its newlines kept, so every other line stays where it was)
and remembered with the text line it stood on: a step on that line holds only
where the condition holds, and a counterexample elsewhere proves nothing. The
usual marks of a definition the reader does not know (`:=`, `=:`, `\triangleq`,
`\stackrel{\text{def}}{=}`) become `\coloneqq` and `\eqqcolon`, which it reads
as relations. Nothing else is changed: every other construct reaches the reader
as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a word that opens a condition, a side note or a context, in \text{…}
_CONDITION_WORDS = (
    "if", "for", "for all", "when", "whenever", "where", "provided", "unless", "with", "as", "since", "assuming",
    "given", "iff", "while", "at", "on", "in", "because", "and for", "s.t.", "such that",
)  # fmt: skip
_TEXT = re.compile(r"\\(?:text|textrm|textit|mathrm|mbox|textnormal)\s*\{\s*([^{}]*)\}")
_WORD_CONDITION = re.compile(r"(?:%s)(?![A-Za-z])" % "|".join(re.escape(w) for w in sorted(_CONDITION_WORDS, key=len, reverse=True)), re.I)
_SEPARATORS = ("\\qquad", "\\quad", "\\,", "\\;", "\\:", "\\!", "\\ ", ",", ";", "~", "&")
_LONGEST = 6_000  # characters: a longer display is the reader's to refuse
_ORDER = re.compile(r"<|>|\\(?:le|leq|ge|geq|ne|neq|leqslant|geqslant|lt|gt|in|notin|forall)(?![A-Za-z])")
_QUAD = re.compile(r"\\q?quad(?![A-Za-z])|,\s*\\q?quad(?![A-Za-z])|\\forall(?![A-Za-z])")
_ROW = re.compile(r"\\\\|\\end\s*\{|\\begin\s*\{")
_PIECEWISE = re.compile(r"\\begin\s*\{\s*(?:cases|dcases|rcases|array|[pbBvV]?matrix|smallmatrix|subarray)\*?\s*\}")
_DEFINITION_MARKS = (
    (re.compile(r"\\(?:stackrel|overset)\s*\{\s*(?:\\(?:text|mathrm|textrm)\s*\{\s*)?(?:def|defn|d|\\triangle|\\Delta|:)\s*\}?\s*\}\s*\{\s*=\s*\}"), r"\\coloneqq "),
    (re.compile(r"\\(?:triangleq|coloneq|definedas)(?![A-Za-z])"), r"\\coloneqq "),
    (re.compile(r":\s*="), r"\\coloneqq "),
    (re.compile(r"=\s*:(?!=)"), r"\\eqqcolon "),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition written beside an equation: the text line it is on (1 = the display's first) and its TeX."""

    line: int
    tex: str


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the reader is given, and the conditions taken out of it."""

    tex: str
    conditions: tuple[Condition, ...] = ()


def prepare_display(tex: str) -> Prepared:
    """The display with its conditions cut out and its definition marks made plain."""
    if len(tex) > _LONGEST:
        return Prepared(tex)
    for pattern, plain in _DEFINITION_MARKS:
        tex = pattern.sub(plain, tex)
    if _PIECEWISE.search(tex):  # a row of a piecewise function is a value and its condition: left to the reader
        return Prepared(tex)
    pieces, conditions, start = [], [], 0
    for row_start, row_end in _rows(tex):
        cut = _condition_start(tex, row_start, row_end)
        if cut is None:
            continue
        condition = tex[cut:row_end]
        conditions.append(Condition(tex.count("\n", 0, cut) + 1, " ".join(condition.split())))
        pieces.append(tex[start:cut])
        pieces.append("\n" * condition.count("\n"))
        start = row_end
    pieces.append(tex[start:])
    return Prepared("".join(pieces), tuple(conditions))


def _rows(tex: str) -> list[tuple[int, int]]:
    """Where each row of the display starts and ends: rows end at `\\\\` and at environment marks."""
    bounds, start = [], 0
    for match in _ROW.finditer(tex):
        bounds.append((start, match.start()))
        start = match.end()
        if match.group().startswith("\\begin") or match.group().startswith("\\end"):
            close = tex.find("}", start)
            start = close + 1 if close >= 0 else start
    bounds.append((start, len(tex)))
    return bounds


def _condition_start(tex: str, start: int, end: int) -> int | None:
    """Where a condition begins in this row, at the outer level, after an equation; None when there is none."""
    row = tex[start:end]
    if "=" not in row and "\\coloneqq" not in row:
        return None
    outer = _outer_positions(row)
    for match in _TEXT.finditer(row):
        if match.start() in outer and _WORD_CONDITION.match(match.group(1).strip()) and "=" in row[: match.start()]:
            return start + _spacing_before(row, match.start())
    for match in _QUAD.finditer(row):
        rest = row[match.end():]
        if match.start() in outer and "=" in row[: match.start()] and _is_condition(rest):
            return start + _spacing_before(row, match.start())
    return None


def _is_condition(rest: str) -> bool:
    r"""`x > 0`, `(x \neq 0)`, `\forall x`: an order, membership or quantifier, and no equation of its own."""
    body = rest.strip().rstrip(".,;").strip()
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    return bool(_ORDER.search(body)) and not re.search(r"(?<![<>!\\])=", body)


def _spacing_before(row: str, position: int) -> int:
    """Back over the commas, spaces and spacing commands that separate the condition from its equation."""
    while position > 0:
        separator = next((s for s in _SEPARATORS if row.endswith(s, 0, position)), None)
        if separator is not None:
            position -= len(separator)
        elif row[position - 1].isspace():
            position -= 1
        else:
            return position
    return position


def _outer_positions(row: str) -> set[int]:
    """The positions of the row outside every brace group and parenthesis (a command's backslash included)."""
    outer: set[int] = set()
    braces = parens = 0
    position = 0
    while position < len(row):
        char = row[position]
        if braces == 0 and parens == 0 and char not in "{(":
            outer.add(position)
        if char == "\\":
            position += 2
            continue
        braces += (char == "{") - (char == "}" and braces > 0)
        parens += (char == "(") - (char == ")" and parens > 0)
        position += 1
    return outer
