"""Obsidian inline tags: `#tag`, `#nested/tag`, `#emoji🚀`.

A tag starts at the beginning of a line or after white space, so `C#`, `a#b`
and `https://x.org/#frag` are not tags; it needs one non-digit, so `#1984` is
not one either. Headings never reach here: the block parser has taken `# `.
"""

from __future__ import annotations

import unicodedata

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_EXTRA = frozenset("_-/\u200d\ufe0f")  # nesting, joiners and emoji presentation
_WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "So"})


def tag_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("escape", "tag", _tag_rule)
    md.add_render_rule("tag", _render_tag)


def is_tag_char(ch: str) -> bool:
    if ch.isalnum() or ch in _EXTRA:
        return True
    if ch.isascii():
        return False
    code = ord(ch)
    if 0x1F3FB <= code <= 0x1F3FF:  # emoji skin-tone modifiers
        return True
    return unicodedata.category(ch) in _WORD_CATEGORIES


def scan_tag(text: str, start: int) -> str | None:
    """The tag name that begins after the `#` at `start`, or None."""
    end = start + 1
    size = len(text)
    while end < size and is_tag_char(text[end]):
        end += 1
    name = text[start + 1 : end].rstrip("/")
    if not name or all(c.isdigit() or c == "/" for c in name):
        return None
    return name


def _tag_rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    src = state.src
    if src[pos] != "#":
        return False
    if pos > 0 and not src[pos - 1].isspace():
        return False
    name = scan_tag(src, pos)
    if name is None:
        return False
    if not silent:
        token = state.push("tag", "", 0)
        token.content = name
        token.markup = "#"
        token.meta = {"offset": pos}
    state.pos = pos + 1 + len(name)
    return True


def _render_tag(self, tokens, idx, options, env) -> str:  # noqa: ANN001
    from markdown_it.common.utils import escapeHtml

    return f'<span class="tag">#{escapeHtml(tokens[idx].content)}</span>'
