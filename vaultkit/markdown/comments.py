"""Obsidian comments `%% … %%`: hidden in reading view, so nothing inside counts.

A block comment starts a line with `%%` and runs to the next `%%` (or to the end
of the note when it is never closed, as in Obsidian); an inline one sits inside
a paragraph. Both emit an `obsidian_comment` token whose content is the text
between the markers, so a `%% verify %%` annotation can still be read.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline


def comment_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before(
        "fence",
        "obsidian_comment",
        _comment_block,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.inline.ruler.before("escape", "obsidian_comment_inline", _comment_inline)
    md.add_render_rule("obsidian_comment", lambda *args: "")


def _comment_block(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    if state.sCount[startLine] - state.blkIndent >= 4:
        return False
    start = state.bMarks[startLine] + state.tShift[startLine]
    src = state.src
    if not src.startswith("%%", start):
        return False
    close = src.find("%%", start + 2)
    if close == -1:
        last = endLine - 1  # never closed: Obsidian hides the rest of the note
        content_end = len(src)
        after = len(src)
    else:
        last = startLine
        while last + 1 < endLine and state.bMarks[last + 1] <= close:
            last += 1
        after = close + 2
        if src[after : state.eMarks[last]].strip():
            return False  # text after the comment: a paragraph with an inline comment
        content_end = close
    if silent:
        return True
    token = state.push("obsidian_comment", "", 0)
    token.content = src[start + 2 : content_end]
    token.block = True
    token.map = [startLine, last + 1]
    state.line = last + 1
    return True


def _comment_inline(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    src = state.src
    if not src.startswith("%%", pos):
        return False
    close = src.find("%%", pos + 2, state.posMax)
    end = state.posMax if close == -1 else close + 2
    if not silent:
        token = state.push("obsidian_comment", "", 0)
        token.content = src[pos + 2 : close if close != -1 else end]
        token.meta = {"offset": pos}
    state.pos = end
    return True
