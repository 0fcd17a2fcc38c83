"""The resolved vault: notes by id, resolved links, diagnostics, and name look-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Diagnostic, Note, ResolvedLink, Severity
from .resolve import NameIndex, normalize

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True, slots=True)
class LoadOptions:
    alias_links: bool = True  # resolve [[alias]] to the note that has it (Obsidian does not)
    attachments: bool = False  # put linked attachments in the graph
    max_size: int = 5 * 1024 * 1024  # bytes; larger notes are nodes without content


@dataclass(frozen=True)
class Vault:
    root: Path
    notes: Mapping[str, Note]  # node id → note, sorted by path
    links: tuple[ResolvedLink, ...]
    attachments: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    options: LoadOptions = LoadOptions()
    index: NameIndex = field(repr=False, default=None)  # type: ignore[assignment]
    preamble: str = ""  # the text of the vault's preamble.sty: LaTeX macros for every note

    @property
    def name(self) -> str:
        return self.root.name

    def find(self, name: str) -> Note | None:
        """The note called `name`: by path (with or without `.md`), title, then alias."""
        key = normalize(name)
        for table in (self.index.by_path, self.index.by_name, self.index.by_alias):
            ids = table.get(key)
            if ids:
                return self.notes[min(ids, key=lambda i: (len(i), i))]
        return None

    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    def graph(self) -> nx.DiGraph:
        """The concept graph; see `vaultkit.graph` for its attributes."""
        from .graph import build_graph

        return build_graph(self)
