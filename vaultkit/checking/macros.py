r"""LaTeX macros a vault defines, and their expansion before an equation is read.

Obsidian renders mathematics with MathJax, which keeps a `\newcommand` written in
any formula of a note for the formulas after it; the Extended MathJax plugin reads
more from a `preamble.sty` at the vault's root. A vault that writes `\E[X]` or
`\dt` with such definitions means what they expand to, so claims and the free
reading both see the expansion.

Read: `\newcommand`, `\renewcommand`, `\providecommand` (with `[n]` arguments, no
optional default), `\def\name{…}` without parameters, and `\DeclareMathOperator`.
Expansion is bounded (steps and length), so a macro that calls itself is an error,
not a hang. Reading is linear in the text: braces are matched in one pass, and a
body longer than an expansion may be is not kept.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Note

__all__ = ["Macro", "MacroError", "definitions", "expand", "group_end", "note_macros"]

MAX_STEPS = 500  # macro calls expanded in one equation
MAX_LENGTH = 20_000  # characters of an expanded equation
MAX_DEFINITIONS = 2_000


class MacroError(Exception):
    """An expansion that does not end, grows too large, or misses an argument."""


@dataclass(frozen=True, slots=True)
class Macro:
    name: str  # without the backslash
    arguments: int  # 0 to 9
    body: str


_NEW = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand)\*?\s*(?:\{\s*\\([A-Za-z]+)\s*\}|\\([A-Za-z]+))\s*(?:\[\s*([0-9])\s*\])?\s*\{"
)
_DEF = re.compile(r"\\def\s*\\([A-Za-z]+)\s*\{")
_NEW_WITH_DEFAULT = re.compile(  # `\newcommand{\seq}[4][{}]{…}`: a default first argument, not expanded here
    r"\\(?:(?:re)?newcommand|providecommand)\*?\s*(?:\{\s*\\[A-Za-z]+\s*\}|\\[A-Za-z]+)\s*\[\s*[0-9]\s*\]"
    r"\s*\[(?:[^\[\]{}]|\{[^{}]*\})*\]\s*\{"
)
_TEX_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_OPERATOR = re.compile(r"\\DeclareMathOperator\*?\s*\{\s*\\([A-Za-z]+)\s*\}\s*\{")
_CALL = re.compile(r"\\([A-Za-z]+)(?![A-Za-z])")
_BINDS = re.compile(r"\s*(?:[\^_(\[]|\\left(?![A-Za-z]))")  # what would bind to the last piece of a body
_ONE_TOKEN = re.compile(r"(?:\\[A-Za-z]+\*?(?:\s*\{[^{}]*\})?|\\.|.)\Z", re.S)  # \mathbb{E}, \dagger, x; on a stripped body
_BRACE_OR_ESCAPE = re.compile(r"\\.?|[{}]", re.S)  # an escape is two characters, as in group_end
_COMMAND = re.compile(r"\\[A-Za-z]+|\\.")
_PARAMETER = re.compile(r"#([1-9])")


def definitions(texts: Iterable[str]) -> tuple[Macro, ...]:
    """Every macro defined in `texts` (formulas, or a preamble), in the order written."""
    found: list[Macro] = []
    for text in texts:
        if "\\" not in text:
            continue
        matches = sorted((m for p in (_NEW, _DEF, _OPERATOR) for m in p.finditer(text)), key=lambda m: m.start())
        ends = group_ends(text)  # one pass: an unclosed `{` no longer costs a scan to the end each
        for match in matches:
            if len(found) >= MAX_DEFINITIONS:
                break
            end = ends.get(match.end() - 1, -1)
            if end < 0 or end - 1 - match.end() > MAX_LENGTH:
                continue  # unclosed, or too long to expand: nested bodies stay bounded in memory
            body = text[match.end() : end - 1]
            if match.re is _NEW:
                name, count = match.group(1) or match.group(2), int(match.group(3) or 0)
                found.append(Macro(name, count, body))
            elif match.re is _DEF:
                found.append(Macro(match.group(1), 0, body))
            else:
                found.append(Macro(match.group(1), 0, f"\\operatorname{{{body}}}"))
    return tuple(found)


def note_macros(vault_macros: tuple[Macro, ...], note: Note) -> tuple[Macro, ...]:
    """The macros a note's formulas see: the vault's (`definitions([vault.preamble])`, read once), then its own."""
    own = [m.tex for m in note.math if "newcommand" in m.tex or "\\def" in m.tex or "DeclareMathOperator" in m.tex]
    return vault_macros + definitions(own) if own else vault_macros


def expand(tex: str, macros: Iterable[Macro]) -> str:
    """`tex` with every call of a macro replaced by its body; definitions in `tex` itself are dropped."""
    table = {macro.name: macro for macro in macros}  # a later definition wins
    if not table or "\\" not in tex:
        return tex
    tex = _without_definitions(tex)
    steps = 0
    position = 0
    while (match := _CALL.search(tex, position)) is not None:
        macro = table.get(match.group(1))
        if macro is None:
            position = match.end()
            continue
        steps += 1
        if steps > MAX_STEPS:
            raise MacroError(f"\\{macro.name}: more than {MAX_STEPS} macro expansions (does it call itself?)")
        end, arguments = match.end(), []
        for _ in range(macro.arguments):
            argument, end = _argument(tex, end)
            if argument is None:
                raise MacroError(f"\\{macro.name} takes {macro.arguments} argument(s)")
            arguments.append(argument)
        body = _substitute(macro, arguments)
        if not _ONE_TOKEN.match(body.strip()) and _BINDS.match(tex, end):
            body = "{" + body + "}"  # \dt^2 is (dt)², \dt(x) is dt·(x): the expansion stays one piece
        glue = " " if body[-1:].isalpha() and tex[end : end + 1].isalpha() else ""
        tex = tex[: match.start()] + body + glue + tex[end:]
        if len(tex) > MAX_LENGTH:
            raise MacroError(f"\\{macro.name}: the expansion is longer than {MAX_LENGTH} characters")
        position = match.start()  # the body may call other macros
    return tex


def _substitute(macro: Macro, arguments: list[str]) -> str:
    """The body with `#n` replaced by the n-th argument, refused as soon as it outgrows `MAX_LENGTH`."""
    if not arguments:
        if len(macro.body) > MAX_LENGTH:
            raise MacroError(f"\\{macro.name}: the expansion is longer than {MAX_LENGTH} characters")
        return macro.body
    pieces, size, last = [], 0, 0
    for match in _PARAMETER.finditer(macro.body):
        n = int(match.group(1))
        argument = arguments[n - 1] if n <= len(arguments) else ""
        piece = _glued(macro.body[last : match.start()], argument)
        size += len(piece)
        if size > MAX_LENGTH:
            raise MacroError(f"\\{macro.name}: the expansion is longer than {MAX_LENGTH} characters")
        pieces.append(piece)
        last = match.end()
    pieces.append(macro.body[last:])
    text = ""
    for piece in pieces:
        text = _glued(text, piece)
    return text


def _glued(before: str, after: str) -> str:
    """`before` then `after`, a space between when TeX would have kept them apart: `\\lVert#1` with #1 = `A` is
    `\\lVert A`, not the command `\\lVertA` (TeX reads the body's tokens before it substitutes)."""
    if after[:1].isalpha() and before[-1:].isalpha():
        head = before.rstrip(string.ascii_letters)
        if head.endswith("\\") and not head.endswith("\\\\"):  # `\\ x` is a line break, then x
            return before + " " + after
    return before + after


def only_definitions(tex: str) -> bool:
    """Whether a display holds nothing but macro definitions: it shows nothing, so it is no equation to read."""
    return "\\" in tex and not _without_definitions(tex).strip()


def _without_definitions(tex: str) -> str:
    """`tex` without its definitions and comments, each pattern in one pass (a definition inside another goes
    with it)."""
    tex = _TEX_COMMENT.sub("", tex)
    for pattern in (_NEW, _NEW_WITH_DEFAULT, _DEF, _OPERATOR):
        pieces, kept = [], 0
        for match in pattern.finditer(tex):
            if match.start() < kept:
                continue  # inside a definition already taken out
            end = group_end(tex, match.end() - 1)
            if end < 0:
                break  # unclosed: it and the rest stay
            pieces.append(tex[kept : match.start()])
            kept = end
        tex = "".join(pieces) + tex[kept:] if pieces else tex
    return tex


def _argument(tex: str, position: int) -> tuple[str | None, int]:
    """The next argument: a braced group (without its braces), a command, or one character."""
    while position < len(tex) and tex[position].isspace():
        position += 1
    if position >= len(tex):
        return None, position
    if tex[position] == "{":
        end = group_end(tex, position)
        return (tex[position + 1 : end - 1], end) if end > 0 else (None, position)
    command = _COMMAND.match(tex, position)
    if command is not None:
        return command.group(0), command.end()
    return tex[position], position + 1


def group_ends(text: str) -> dict[int, int]:
    """For every `{` of `text` that is closed, the index after its `}`; in one pass, as `group_end` reads."""
    ends: dict[int, int] = {}
    opened: list[int] = []
    for match in _BRACE_OR_ESCAPE.finditer(text):
        token = match.group()
        if token == "{":
            opened.append(match.start())
        elif token == "}" and opened:
            ends[opened.pop()] = match.end()
    return ends


def group_end(text: str, start: int) -> int:
    """The index after the `}` that closes the `{` at `start`, or -1."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return -1
