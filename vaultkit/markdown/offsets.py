"""Record where inline tokens start, so every link and formula gets a line number.

markdown-it maps only block tokens to lines; our own rules store `meta["offset"]`
themselves, and this wraps built-in rules (links, images, inline math) to do the
same. The ruler has no public getter for a rule's function, hence `__rules__`.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

InlineRule = Callable[[StateInline, bool], bool]
Guard = Callable[[StateInline, int], bool]  # False: the rule cannot match at this position


def offsets_plugin(
    md: MarkdownIt, names: tuple[str, ...] = ("link", "image", "math_inline"), guards: dict[str, Guard] | None = None
) -> None:
    """Wrap each rule named; a guard given for it is asked first, in the same wrapper (one call level)."""
    ruler = md.inline.ruler
    for name in names:
        index = ruler.__find__(name)
        if index != -1:
            guard = (guards or {}).get(name)
            ruler.at(name, _recording(ruler.__rules__[index].fn, _STARTS.get(name), guard))


# The character each rule starts at: elsewhere it cannot match, and pending text is
# left alone (flushing it at every `[` made a token per bracket on `[[[[…`).
_STARTS = {"link": "[", "image": "!", "math_inline": "$"}


def _recording(rule: InlineRule, start: str | None = None, guard: Guard | None = None) -> InlineRule:
    def record(state: StateInline, silent: bool) -> bool:
        pos = state.pos
        if start is not None and state.src[pos] != start:
            return False
        if guard is not None and not guard(state, pos):
            return False
        if not silent and state.pending:
            state.pushPending()  # so the rule's own first token is the next one
        first = len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent and len(state.tokens) > first:
            token = state.tokens[first]
            token.meta = {**(token.meta or {}), "offset": pos}
        return True

    return record
