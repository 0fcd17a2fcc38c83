"""Obsidian block ids: `text ^block-id` at the end of a block (or alone on its line)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_BLOCK_ID = re.compile(r"\^([A-Za-z0-9-]+)[ \t]*(?:\n|$)")


def block_id_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("escape", "block_id", _block_id_rule)
    md.add_render_rule("block_id", lambda *args: "")


def _block_id_rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    src = state.src
    if src[pos] != "^" or (pos > 0 and not src[pos - 1].isspace()):
        return False
    match = _BLOCK_ID.match(src, pos, state.posMax)
    if not match:
        return False
    if not silent:
        token = state.push("block_id", "", 0)
        token.content = match.group(1)
        token.meta = {"offset": pos}
    state.pos = pos + 1 + len(match.group(1))
    return True
