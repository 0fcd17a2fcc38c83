"""Obsidian wikilinks `[[target#anchor|display]]` and embeds `![[target]]`.

Emits one `wikilink` token per link; its `meta` holds the parsed parts so later
stages never look at the raw text again.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from .comments import visible


# A link's inside stops at the first bracket or line break, so each `[[` costs
# only the distance to the next bracket: linear time even on `[[[[[[…`.
_INSIDE = re.compile(r"[^\[\]\n]*")


def wikilink_plugin(md: MarkdownIt) -> None:
    """Add `[[…]]` before CommonMark links and `![[…]]` before images."""
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.inline.ruler.before("image", "wikilink_embed", _embed_rule)
    md.add_render_rule("wikilink", _render_wikilink)


def split_wikilink(inner: str) -> tuple[str, tuple[str, ...], str | None]:
    """`target#H1#H2|display` → ("target", ("H1", "H2"), "display").

    The display separator may be escaped (`\\|`), as it must be inside tables.
    A comment inside the brackets is left out.
    """
    inner = visible(inner)
    display: str | None = None
    escaped = inner.find("\\|")
    bar = inner.find("|")
    if escaped != -1 and (bar == -1 or escaped < bar):
        inner, display = inner[:escaped], inner[escaped + 2 :]
    elif bar != -1:
        inner, display = inner[:bar], inner[bar + 1 :]
    if display is not None:
        display = display.strip() or None
    target, *anchors = inner.split("#")
    return target.strip(), tuple(a.strip() for a in anchors if a.strip()), display


def _parse(state: StateInline, start: int, embed: bool, silent: bool) -> bool:
    src = state.src
    if not src.startswith("[[", start):
        return False
    end = _INSIDE.match(src, start + 2, state.posMax).end()
    if not src.startswith("]]", end) or end + 2 > state.posMax:
        return False
    inner = src[start + 2 : end]
    if not inner.strip():
        return False
    if not silent:
        target, anchors, display = split_wikilink(inner)
        token = state.push("wikilink", "", 0)
        token.content = inner
        token.markup = "![[" if embed else "[["
        token.meta = {
            "target": target,
            "anchors": anchors,
            "display": display,
            "embed": embed,
            "offset": state.pos,
        }
    state.pos = end + 2
    return True


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    return _parse(state, state.pos, False, silent)


def _embed_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "!":
        return False
    return _parse(state, state.pos + 1, True, silent)


def _render_wikilink(self, tokens, idx, options, env) -> str:  # noqa: ANN001
    from markdown_it.common.utils import escapeHtml

    meta = tokens[idx].meta
    text = meta["display"] or meta["target"] or "#".join(meta["anchors"])
    return f'<a class="wikilink">{escapeHtml(text)}</a>'
