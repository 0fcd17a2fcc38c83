"""One note's Markdown → the HTML of its panel.

Its own markdown-it (the vault's Obsidian plugins, raw HTML off), so nothing a
note writes reaches the page as markup: text and attributes are escaped,
images are not loaded (the page makes no request), formulas become MathML
(see `mathml`), and a wikilink becomes an in-page link to the node it resolved
to, found through the vault's own resolved links.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.front_matter import front_matter_plugin

from ..markdown import nesting_plugin
from ..markdown.blockids import block_id_plugin
from ..markdown.comments import comment_plugin, visible
from ..markdown.math import math_plugin
from ..markdown.tags import tag_plugin
from ..markdown.wikilinks import wikilink_plugin
from .mathml import tex_to_html

_EXTERNAL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:|//)")

Targets = Mapping[str, int]  # a link target as written in this note → node number


@cache
def renderer() -> MarkdownIt:
    """The vault's Markdown dialect with raw HTML disabled and page-safe render rules."""
    md = (
        MarkdownIt("commonmark", {"html": False})
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(comment_plugin)
        .use(math_plugin)
        .use(wikilink_plugin)
        .use(tag_plugin)
        .use(block_id_plugin)
    )
    nesting_plugin(md)
    md.add_render_rule("front_matter", lambda *args: "")
    md.add_render_rule("math_inline", _inline_math)
    md.add_render_rule("math_inline_double", _display_math)
    md.add_render_rule("math_block", _display_math)
    md.add_render_rule("math_block_label", _display_math)
    md.add_render_rule("wikilink", _wikilink)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("image", _image)
    return md


def render_note(text: str, targets: Targets, title: str | None = None) -> str:
    """The panel HTML of a note whose links resolve through `targets`.

    A first `# heading` that repeats the note's `title` is left out: the panel shows the title already.
    """
    md = renderer()
    env = {"targets": targets}
    tokens = md.parse(text, env)
    first = next((i for i, token in enumerate(tokens) if token.type != "front_matter"), None)
    if (
        title is not None and first is not None and tokens[first].type == "heading_open" and tokens[first].tag == "h1"
        and tokens[first + 1].content.strip().casefold() == title.strip().casefold()
    ):
        del tokens[first : first + 3]
    return md.renderer.render(tokens, md.options, env)


def _inline_math(self, tokens, idx, options, env) -> str:  # noqa: ANN001
    return tex_to_html(visible(tokens[idx].content).strip(), display=False)


def _display_math(self, tokens, idx, options, env) -> str:  # noqa: ANN001
    return f'<div class="math">{tex_to_html(visible(tokens[idx].content).strip(), display=True)}</div>\n'


def _wikilink(self, tokens, idx, options, env) -> str:  # noqa: ANN001
    meta = tokens[idx].meta
    text = escapeHtml(visible(meta["display"] or meta["target"] or "#".join(meta["anchors"])))
    node = env["targets"].get(meta["target"]) if meta["target"] else None
    if node is None:
        return f'<span class="wikilink">{text}</span>'
    return f'<a class="wikilink" href="#" data-node="{node}">{text}</a>'


def _link_open(self, tokens, idx, options, env) -> str:  # noqa: ANN001
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if href and not _EXTERNAL.match(href):
        path = unquote(href.partition("#")[0]).strip()
        node = env["targets"].get(path)
        if node is not None:
            return f'<a class="wikilink" href="#" data-node="{node}">'
        return '<a class="unresolved">'
    return f'<a href="{escapeHtml(href)}" rel="noopener noreferrer" target="_blank">'


def _image(self, tokens, idx, options, env) -> str:  # noqa: ANN001
    alt = self.renderInlineAsText(tokens[idx].children or [], options, env)
    return f'<span class="image" title="image not shown">[{escapeHtml(alt or "image")}]</span>'
