"""Bounds on the work markdown-it's link and image parsers are asked to do.

Each `[` starts a possible link, and markdown-it reads a label by skipping the
tokens after it, nesting one level per `[` up to its limit: on `[[[[…` that is
about twenty rule calls and a cache entry per bracket, minutes and gigabytes for
a few megabytes of brackets. A `[` followed by `MAX_BRACKET_RUN` more cannot
start a link that markdown-it would accept anyway (its nesting limit is lower),
so the link rule is not tried there: such a bracket is plain text. The last
brackets of a run still open links as usual (`[[[…[x](t.md)`). Each line with
such a run is recorded in `env["bracket_runs"]` (1-based lines) for a diagnostic.

Runs of image openers (`![![![`, `[[![[![[`) cost the same label scans, a few
dozen rule calls a character. `label_may_close` skips both rules where they
cannot succeed: at an opener followed by `MAX_BRACKET_RUN` more (`[` or `![`),
deeper than markdown-it nests labels, and where no `]` closes the label followed
by `(` (unless the note defines references); the result is the same, the scan
is skipped.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline

from .offsets import InlineRule

MAX_BRACKET_RUN = 32
_RUN = "[" * MAX_BRACKET_RUN
_OPENERS = re.compile(r"(?:!?\[){%d}" % MAX_BRACKET_RUN)  # a run of link or image openers, `![` or `[`


def bracket_limit_plugin(md: MarkdownIt) -> None:
    ruler = md.inline.ruler
    index = ruler.__find__("link")
    if index != -1:
        ruler.at("link", _bounded(ruler.__rules__[index].fn))
    md.core.ruler.before("inline", "bracket_runs", _record_runs)


def _bounded(rule: InlineRule) -> InlineRule:
    def link(state: StateInline, silent: bool) -> bool:
        pos = state.pos
        if state.src.startswith(_RUN, pos + 1) and state.src[pos] == "[":
            return False
        return rule(state, silent)

    return link


def label_may_close(state: StateInline, pos: int) -> bool:
    """Whether a label opened at `pos` could end a link: a later `]`, followed by `(` unless the note
    defines references (`[x]: url`). Looked for once a text, so each call costs O(1).

    A guard for the `offsets` wrapper of the link and image rules (another wrapper
    around the image rule, which recurses, would cost 40% on bracket-heavy text).
    """
    if _OPENERS.match(state.src, pos + (2 if state.src.startswith("![", pos) else 1)):
        return False  # deeper than markdown-it nests labels: a plain `[` (or `![`), as in a run of brackets
    closes: dict[str, int] = state.env.setdefault("label_closes", {})
    last = closes.get(state.src)
    if last is None:
        last = closes[state.src] = state.src.rfind("]" if state.env.get("references") else "](")
    return last > pos


def _record_runs(state: StateCore) -> None:
    """Note each line where a run of brackets is longer than the link parser is given."""
    lines: list[int] = state.env.setdefault("bracket_runs", [])
    for token in state.tokens:
        if token.type != "inline" or _RUN not in token.content:
            continue
        content, line, counted = token.content, (token.map[0] + 1 if token.map else 1), 0
        found = content.find(_RUN + "[")
        while found != -1:
            line += content.count("\n", counted, found)  # counted from the last run: linear
            lines.append(line)
            counted = content.find("\n", found)
            if counted == -1:
                break
            found = content.find(_RUN + "[", counted)
