"""Obsidian comments `%% … %%`: hidden in reading view, so nothing inside counts.

In Obsidian a comment is not a Markdown block: it may open mid-paragraph, span
blank lines, and close mid-line with text after it. So it is handled like
markdown-it's own `normalize` step, as a core rule on the source before any
block is parsed: each comment (outside fenced code and code spans) is replaced
character for character by `HIDDEN`, newlines kept, so every offset and line
number stays true. What the comments said is kept in `env["comments"]` for the
stages that read annotations such as `%% verify %%`. A comment never closed
hides the rest of the note, as in Obsidian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore

HIDDEN = "\ue000"  # a private-use character: not space, not punctuation, not a word character

_FENCE_OPEN = re.compile(r"(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})")
_NEXT = re.compile(r"`+|%%|\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TICKS = re.compile(r"`+")


@dataclass(frozen=True, slots=True)
class Comment:
    text: str  # between the markers
    line: int  # 1-based line of the opening `%%`
    column: int  # 0-based column of the opening `%%`
    end_line: int  # 1-based line of the closing `%%` (last line when unclosed)


def comment_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("normalize", "obsidian_comments", _hide_comments)
    md.add_render_rule("text", _render_text)


def _render_text(self, tokens, idx, options, env) -> str:  # noqa: ANN001
    return escapeHtml(visible(tokens[idx].content))


def visible(text: str) -> str:
    """Text with the hidden comment characters taken out."""
    return text.replace(HIDDEN, "") if HIDDEN in text else text


def _hide_comments(state: StateCore) -> None:
    src = state.src
    if "%%" not in src:
        return
    regions = _comment_regions(src)
    if not regions:
        return
    comments = []
    pieces = []
    last = 0
    line, line_start = 1, 0  # running counts keep many comments linear in the note's size
    for start, end, inner_start, inner_end in regions:
        line += src.count("\n", last, start)
        line_start = max(line_start, src.rfind("\n", last, start) + 1)
        column = start - line_start
        end_line = line + src.count("\n", start, end)
        comments.append(Comment(src[inner_start:inner_end], line, column, end_line))
        pieces.append(src[last:start])
        pieces.append(re.sub(r"[^\n]", HIDDEN, src[start:end]))
        last = end
        line = end_line
        line_start = max(line_start, src.rfind("\n", start, end) + 1)
    pieces.append(src[last:])
    state.src = "".join(pieces)
    state.env.setdefault("comments", []).extend(comments)


def _comment_regions(src: str) -> list[tuple[int, int, int, int]]:
    """(start, end, inner start, inner end) of every comment, outside code."""
    regions = []
    size = len(src)
    spans = _CodeSpans(src)
    pos = 0
    while pos < size:
        if pos == 0 or src[pos - 1] == "\n":
            fence = _FENCE_OPEN.match(src, pos)
            if fence:
                pos = _after_fence(src, fence)
                continue
        found = _NEXT.search(src, pos)
        if found is None:
            break
        token = found.group()
        if token == "\n":
            pos = found.end()
        elif token == "%%":
            close = src.find("%%", found.end())
            if close == -1:
                regions.append((found.start(), size, found.end(), size))
                break
            regions.append((found.start(), close + 2, found.end(), close))
            pos = close + 2
        else:
            pos = spans.after(found)
    return regions


def _after_fence(src: str, fence: re.Match[str]) -> int:
    """Where a fenced code block ends: after its closing fence, or the end of the note."""
    marker = fence.group(1)
    line_end = src.find("\n", fence.end())
    if line_end == -1:
        return len(src)
    closing = re.compile(r"^(?:[ \t]*>)*[ \t]*" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}[ \t]*$", re.M)
    found = closing.search(src, line_end + 1)
    return len(src) if found is None else found.end()


class _CodeSpans:
    """Where code spans close, found in one pass over each paragraph.

    A span opened by a run of n backticks closes at the next run of exactly n
    backticks in the same paragraph. Searching the paragraph again for every
    opener would be quadratic; instead the paragraph's end is found once and its
    runs are indexed once by length, and each opener looks its closer up.
    """

    def __init__(self, src: str) -> None:
        self.src = src
        self.limit = -1  # end of the indexed paragraph; -1: none indexed yet
        self.runs: dict[int, list[int]] = {}  # backtick count → ends of runs of that count
        self.next: dict[int, int] = {}  # backtick count → index of the first run not yet passed

    def after(self, opener: re.Match[str]) -> int:
        """Skip a code span: the same run of backticks closes it within the paragraph."""
        start, ticks = opener.end(), len(opener.group())
        if start > self.limit:  # past the indexed paragraph (a blank line found earlier stays the first one)
            self._index(start)
        ends = self.runs.get(ticks, ())
        index = self.next.get(ticks, 0)
        while index < len(ends) and ends[index] - ticks < start:
            index += 1  # openers only move forward, so each run is passed once
        self.next[ticks] = index
        return ends[index] if index < len(ends) else start

    def _index(self, start: int) -> None:
        paragraph_end = _BLANK_LINE.search(self.src, start)
        self.limit = paragraph_end.start() if paragraph_end else len(self.src)
        self.runs, self.next = {}, {}
        for run in _TICKS.finditer(self.src, start, self.limit):
            self.runs.setdefault(run.end() - run.start(), []).append(run.end())
