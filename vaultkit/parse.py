"""Stage 2, parse: a note's text → `Note` (links, tags, headings, math, code).

Everything is read from markdown-it tokens, never by a regex over the raw text,
so a `[[link]]` or `#tag` inside code, math or a comment never counts.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from collections.abc import Sequence
from urllib.parse import unquote

from markdown_it.token import Token

from .abbreviations import defined_abbreviations
from .markdown import obsidian_markdown
from .markdown.brackets import MAX_BRACKET_RUN
from .markdown.comments import Comment, visible
from .model import CodeBlock, Diagnostic, Heading, LinkRef, Math, Note, SourceFile, Tag
from .properties import Frontmatter, read_frontmatter

_PROSE = frozenset({"text", "softbreak", "hardbreak"})
_EXTERNAL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:|//)")


def note_id(path: str) -> str:
    """`physics/Quantum mechanics.md` → `physics/Quantum mechanics`."""
    return path[:-3]


def parse_note(source: SourceFile) -> Note:
    """Parse one note; never raises on what a note contains."""
    path = source.path
    ident = note_id(path)
    title = posixpath.basename(ident)
    if not source.readable:
        return Note(id=ident, path=path, title=title, diagnostics=source.diagnostics, size=source.size)
    collector = _Collector(path)
    env: dict = {}
    collector.walk(obsidian_markdown().parse(source.text, env))
    math = _annotate(collector.math, env.get("comments", ()), source.text)
    fm = collector.frontmatter
    brackets = tuple(_bracket_diagnostic(path, line) for line in env.get("bracket_runs", ()))
    tags = _unique_tags([Tag(name, 0) for name in fm.tags] + collector.tags)
    return Note(
        id=ident,
        path=path,
        title=title,
        aliases=fm.aliases,
        tags=tags,
        properties=fm.properties or {},
        links=tuple(collector.links),
        headings=tuple(collector.headings),
        block_ids=tuple(collector.block_ids),
        math=math,
        code_blocks=tuple(collector.code_blocks),
        abbreviations=tuple(sorted(collector.abbreviations)),
        diagnostics=source.diagnostics + fm.diagnostics + brackets,
        size=source.size,
    )


def _bracket_diagnostic(path: str, line: int) -> Diagnostic:
    message = f"more than {MAX_BRACKET_RUN} '[' in a row: the first ones are read as text, not as links"
    return Diagnostic(path, line, "bracket-run", message)


def _unique_tags(tags: list[Tag]) -> tuple[Tag, ...]:
    seen: set[str] = set()
    kept = []
    for tag in tags:
        key = tag.name.lower()
        if key not in seen:
            seen.add(key)
            kept.append(tag)
    return tuple(kept)


class _Collector:
    """Walks the token stream once and keeps what later stages need."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.frontmatter = Frontmatter()
        self.links: list[LinkRef] = []
        self.tags: list[Tag] = []
        self.headings: list[Heading] = []
        self.block_ids: list[str] = []
        self.math: list[Math] = []
        self.code_blocks: list[CodeBlock] = []
        self.abbreviations: set[str] = set()

    def walk(self, tokens: Sequence[Token]) -> None:
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "inline":
                self._inline(token)
            elif kind == "heading_open":
                inline = tokens[index + 1]
                self.headings.append(Heading(int(token.tag[1]), visible(inline.content).strip(), _line(token)))
            elif kind == "math_block":
                end = token.map[1] if token.map else _line(token)
                self.math.append(Math(visible(token.content).strip(), True, _line(token), end))
            elif kind == "fence":
                end = token.map[1] if token.map else _line(token)
                self.code_blocks.append(CodeBlock(token.info.strip(), token.content, _line(token), end))
            elif kind == "front_matter":
                self.frontmatter = read_frontmatter(token.content, self.path, _line(token) + 1)

    def _inline(self, inline: Token) -> None:
        base = _line(inline)
        text = inline.content
        newlines: list[int] | None = None

        def line_at(token: Token) -> int:
            nonlocal newlines
            offset = (token.meta or {}).get("offset", 0)
            if newlines is None:
                newlines = [i for i, ch in enumerate(text) if ch == "\n"]
            return base + bisect_right(newlines, offset - 1) if newlines else base

        children = inline.children or []
        prose = "".join(c.content if c.type == "text" else " " for c in children if c.type in _PROSE)
        self.abbreviations |= defined_abbreviations(prose)  # "the **standard error** (SE)": across emphasis
        for index, child in enumerate(children):
            kind = child.type
            if kind == "wikilink":
                meta = child.meta
                self.links.append(
                    LinkRef(
                        meta["target"],
                        meta["anchors"],
                        meta["display"],
                        "embed" if meta["embed"] else "link",
                        "wiki",
                        line_at(child),
                    )
                )
            elif kind == "tag":
                self.tags.append(Tag(child.content, line_at(child)))
            elif kind == "block_id":
                self.block_ids.append(child.content)
            elif kind == "link_open":
                ref = _markdown_link(str(child.attrGet("href") or ""), _link_text(children, index), "link")
                if ref is not None:
                    self.links.append(_at_line(ref, line_at(child)))
            elif kind == "image":
                ref = _markdown_link(str(child.attrGet("src") or ""), child.content or None, "embed")
                if ref is not None:
                    self.links.append(_at_line(ref, line_at(child)))
            elif kind in ("math_inline", "math_inline_double"):
                line = line_at(child)
                end = line + child.content.count("\n")
                self.math.append(Math(visible(child.content).strip(), kind == "math_inline_double", line, end))


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


def _at_line(ref: LinkRef, line: int) -> LinkRef:
    return LinkRef(ref.target, ref.anchors, ref.display, ref.kind, ref.syntax, line)


def _link_text(children: Sequence[Token], start: int) -> str | None:
    """The text of the link opened at `children[start]`, read up to its `link_close`.

    Indexing (not slicing the rest of the paragraph) keeps this proportional to the
    link's own text; links do not nest, so a paragraph's tokens are read at most twice.
    """
    parts = []
    for index in range(start + 1, len(children)):
        child = children[index]
        if child.type == "link_close":
            break
        parts.append(child.content)
    text = visible("".join(parts)).strip()
    return text or None


def _annotate(math: list[Math], comments: Sequence[Comment], text: str) -> tuple[Math, ...]:
    """Attach to each display formula the comment right after it: on the line of its
    closing `$$` with only spaces between, or alone at the start of the next line."""
    if not comments:
        return tuple(math)
    by_line = {comment.line: comment for comment in comments}
    lines = text.split("\n")
    annotated = []
    for formula in math:
        comment = None
        if formula.display:
            closing = lines[formula.end_line - 1] if formula.end_line <= len(lines) else ""
            same = by_line.get(formula.end_line)
            if same is not None and closing[: same.column].rstrip().endswith("$$"):
                comment = same
            following = by_line.get(formula.end_line + 1)
            if comment is None and following is not None and closing.rstrip().endswith("$$"):
                if not lines[following.line - 1][: following.column].strip(" \t>"):
                    comment = following
        annotation = comment.text.strip() if comment is not None else None
        annotated.append(Math(formula.tex, formula.display, formula.line, formula.end_line, annotation))
    return tuple(annotated)


def _markdown_link(href: str, display: str | None, kind: str) -> LinkRef | None:
    """`[text](Note%20Name.md#Heading)` → a link to "Note Name"; external URLs → None."""
    if not href or _EXTERNAL.match(href):
        return None
    path, _, fragment = href.partition("#")
    anchors = tuple(unquote(a).strip() for a in fragment.split("#") if unquote(a).strip())
    return LinkRef(unquote(path).strip(), anchors, display, kind, "markdown", 0)  # type: ignore[arg-type]
