"""markdown-it-py configured to read Obsidian notes: one plugin a syntax."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.front_matter import front_matter_plugin

from .blockids import block_id_plugin
from .brackets import bracket_limit_plugin, label_may_close
from .comments import comment_plugin
from .math import math_plugin
from .offsets import offsets_plugin
from .tags import tag_plugin
from .wikilinks import wikilink_plugin

__all__ = ["obsidian_markdown"]

# markdown-it has one nesting limit for blocks and inline content. CommonMark's
# preset sets 20, which a 10-level outline reaches (list, item and paragraph each
# count), dropping the rest of the note; so blocks get 100 (markdown-it's default
# preset, well inside Python's recursion limit). Inline content keeps 20: link
# labels are scanned recursively up to the limit, and `[[[[…` would cost 4x more.
BLOCK_NESTING = 100
INLINE_NESTING = 20


def nesting_plugin(md: MarkdownIt) -> None:
    """Switch the limit between the block and the inline phase of each parse."""

    def limit(value: int):  # noqa: ANN202
        def rule(state: StateCore) -> None:
            state.md.options["maxNesting"] = value

        return rule

    md.core.ruler.before("block", "block_nesting", limit(BLOCK_NESTING))
    md.core.ruler.before("inline", "inline_nesting", limit(INLINE_NESTING))


@cache
def obsidian_markdown(*, for_rendering: bool = False) -> MarkdownIt:
    """CommonMark + tables + Obsidian syntax (frontmatter, comments, math, wikilinks, tags, block ids).

    Raw HTML stays on so that `<!-- comments -->` are recognised as HTML and
    nothing inside them counts. Emphasis and strikethrough produce nothing the
    parse stage keeps, so they are left out unless the parser is for rendering.
    """
    md = (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .use(front_matter_plugin)
        .use(comment_plugin)
        .use(math_plugin)
        .use(wikilink_plugin)
        .use(tag_plugin)
        .use(block_id_plugin)
    )
    offsets_plugin(md, guards={"link": label_may_close, "image": label_may_close})
    bracket_limit_plugin(md)
    nesting_plugin(md)
    if for_rendering:
        md.enable("strikethrough")
    else:
        md.disable("emphasis")
    return md
