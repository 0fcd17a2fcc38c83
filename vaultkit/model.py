"""Frozen data passed between the stages: files → Note → Vault → graph.

Each stage takes the previous stage's values and returns new ones; nothing here
knows how it was computed, so any stage can be tested from hand-made values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

LinkKind = Literal["link", "embed"]
LinkSyntax = Literal["wiki", "markdown"]


class Severity(str, Enum):
    """How much a diagnostic matters: `lint` exits 1 when any is an ERROR."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something a user should know about one place of the vault.

    `line` is 1-based; 0 means the file as a whole.
    """

    path: str
    line: int
    kind: str
    message: str
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.message}"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A note file as read from disk, before any Markdown is parsed."""

    path: str  # vault-relative POSIX path, with ".md"
    text: str
    diagnostics: tuple[Diagnostic, ...] = ()
    readable: bool = True  # False: unreadable or over the size limit; `text` is empty
    size: int = 0  # bytes on disk


@dataclass(frozen=True, slots=True)
class LinkRef:
    """One link as written in a note, before it is resolved."""

    target: str  # as written, anchor removed and URL-decoded; "" for [[#Heading]]
    anchors: tuple[str, ...]  # ("H1", "H2") for [[t#H1#H2]]; ("^id",) for a block
    display: str | None
    kind: LinkKind
    syntax: LinkSyntax
    line: int


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Math:
    """A formula in a note. `annotation` is the text of an Obsidian comment
    (`%% … %%`) right after a display formula, on its closing line or the next."""

    tex: str
    display: bool
    line: int
    end_line: int
    annotation: str | None = None


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A fenced code block: its info string (`sympy`, `python derivation`) and text."""

    info: str
    content: str
    line: int  # line of the opening fence
    end_line: int


@dataclass(frozen=True, slots=True)
class Tag:
    name: str  # as first written, without "#"
    line: int  # 0 for frontmatter tags


@dataclass(frozen=True)
class Note:
    """A parsed note: everything later stages need, nothing about Markdown tokens."""

    id: str  # vault-relative POSIX path without ".md"
    path: str  # vault-relative POSIX path with ".md"
    title: str  # file name without ".md"
    aliases: tuple[str, ...] = ()
    tags: tuple[Tag, ...] = ()  # frontmatter first, then body, one per tag (case-insensitive)
    properties: dict[str, Any] = field(default_factory=dict)  # JSON-serialisable
    links: tuple[LinkRef, ...] = ()  # in document order, including [[#Heading]] ones
    headings: tuple[Heading, ...] = ()
    block_ids: tuple[str, ...] = ()
    math: tuple[Math, ...] = ()
    code_blocks: tuple[CodeBlock, ...] = ()
    abbreviations: tuple[str, ...] = ()  # spelled out in the prose, "standard error (SE)": names in formulas
    diagnostics: tuple[Diagnostic, ...] = ()
    size: int = 0  # bytes on disk

    __hash__ = object.__hash__  # identity: notes hold a dict and are never compared by value


@dataclass(frozen=True, slots=True)
class ResolvedLink:
    """One link occurrence after resolution.

    `target` is a node id: a note's id, an attachment's path, or, when
    `exists` is False, the ghost id (the target as first written).
    """

    source: str
    target: str
    ref: LinkRef
    exists: bool
    via_alias: bool = False
    ambiguous: bool = False
    attachment: bool = False
