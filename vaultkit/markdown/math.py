"""Dollar math: `$inline$`, `$$display$$`, and display math followed by `%% … %%`.

Inline math comes from mdit-py-plugins' `dollarmath`. Its block rule is replaced
because Obsidian writes `$$ … $$ %% verify %%`: the closing `$$` may carry an
Obsidian comment on the same line (hidden by then, see `comments`), which
dollarmath would reject and then let the block run on to the next formula's
`$$`. As in Obsidian, a display formula may start right after a line of text,
unless that text left a `$$` open: then the line's `$$` closes it (MyST writes
`$$` … `$$(label)`, and the label is text after the formula).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from mdit_py_plugins.dollarmath import dollarmath_plugin

from .comments import HIDDEN


def math_plugin(md: MarkdownIt) -> None:
    dollarmath_plugin(md, allow_space=False, allow_digits=False, double_inline=True)
    md.block.ruler.at("math_block", _display_math, {"alt": ["paragraph", "reference", "blockquote", "list"]})


def _find_close(src: str, start: int) -> int:
    """Index of the next unescaped `$$` at or after `start`, or -1."""
    while True:
        found = src.find("$$", start)
        if found == -1:
            return -1
        backslashes = 0
        while found - backslashes - 1 >= 0 and src[found - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return found
        start = found + 2


def _display_math(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    if state.sCount[startLine] - state.blkIndent >= 4:
        return False
    src = state.src
    start = state.bMarks[startLine] + state.tShift[startLine]
    if not src.startswith("$$", start):
        return False
    if silent and state.parentType == "paragraph" and _closes_paragraph_math(state, startLine):
        return False
    close = _find_close(src, start + 2)
    if close == -1:
        return False
    last = startLine
    while last + 1 < endLine and state.bMarks[last + 1] <= close:
        last += 1
    if close > state.eMarks[last]:
        return False  # the closing `$$` lies outside this container
    if src[close + 2 : state.eMarks[last]].strip(" \t" + HIDDEN):
        return False  # text after the formula: a paragraph with inline display math
    content = _content(state, startLine, last, start + 2, close)
    if not content.strip():
        return False
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = content
    token.markup = "$$"
    token.map = [startLine, last + 1]
    state.line = last + 1
    return True


def _closes_paragraph_math(state: StateBlock, line: int) -> bool:
    """Whether the paragraph above `line` (it began at `state.line`) left a `$$` open.

    The paragraph rule asks about its lines in order, so the count of `$$` is
    carried on in `env` and every line is counted once.
    """
    first = state.line
    memo = state.env.setdefault("display_math_parity", {})
    counted, parity = memo.get(first, (first, 0))
    src = state.src
    while counted < line:
        text = src[state.bMarks[counted] + state.tShift[counted] : state.eMarks[counted]]
        parity ^= _count_open(text) & 1
        counted += 1
    memo[first] = (counted, parity)
    return parity == 1


def _count_open(text: str) -> int:
    """Unescaped `$$` in one line of text."""
    count, at = 0, _find_close(text, 0)
    while at != -1:
        count += 1
        at = _find_close(text, at + 2)
    return count


def _content(state: StateBlock, first: int, last: int, begin: int, close: int) -> str:
    """The formula's text; inside a blockquote or list `bMarks` already skip `> ` prefixes."""
    if first == last:
        return state.src[begin:close]
    parts = [state.src[begin : state.eMarks[first]]]
    parts.extend(state.src[state.bMarks[line] : state.eMarks[line]] for line in range(first + 1, last))
    parts.append(state.src[state.bMarks[last] : close])
    return "\n".join(parts)
