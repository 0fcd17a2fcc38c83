"""Stage 4, graph: a resolved vault → `networkx.DiGraph`.

Node attributes (every node has all of them):
  kind        "note", "ghost" (an unresolved link target) or "attachment"
  title       file name without `.md`; for a ghost, the target as first written
  path        vault-relative path with `.md` (None for ghosts)
  folder      vault-relative folder ("" at the root)
  aliases     list of aliases
  tags        list of tag names without `#`, in the casing first seen
  properties  the other frontmatter keys (JSON-serialisable)
  exists      False for ghosts
Edge attributes (one edge per linking note and target):
  kind        "link" or "embed" (embed wins when a note does both)
  count       number of occurrences
  display     distinct display texts written (`[[a|shown]]`, `[shown](a.md)`)
  anchors     distinct headings or block ids linked to ("H1#H2", "^id")
  line        line of the first occurrence
  via_alias   True when resolved through an alias
  ambiguous   True when several files had the target's name
"""

from __future__ import annotations

import posixpath

import networkx as nx

from .vault import Vault


def build_graph(vault: Vault) -> nx.DiGraph:
    graph = nx.DiGraph(vault=vault.name)
    for note in vault.notes.values():
        graph.add_node(
            note.id,
            kind="note",
            title=note.title,
            path=note.path,
            folder=posixpath.dirname(note.id),
            aliases=list(note.aliases),
            tags=[tag.name for tag in note.tags],
            properties=dict(note.properties),
            exists=True,
        )
    displays: dict[tuple[str, str], dict[str, None]] = {}  # insertion-ordered sets
    anchors: dict[tuple[str, str], dict[str, None]] = {}
    for link in vault.links:
        if link.target not in graph:
            graph.add_node(link.target, **_other_node(link.target, link.exists))
        key = (link.source, link.target)
        data = graph.get_edge_data(*key)
        if data is None:
            graph.add_edge(
                *key,
                kind=link.ref.kind,
                count=0,
                line=link.ref.line,
                via_alias=False,
                ambiguous=False,
            )
            data = graph.edges[key]
            displays[key] = {}
            anchors[key] = {}
        data["count"] += 1
        if link.ref.kind == "embed":
            data["kind"] = "embed"
        data["via_alias"] = data["via_alias"] or link.via_alias
        data["ambiguous"] = data["ambiguous"] or link.ambiguous
        if link.ref.display:
            displays[key][link.ref.display] = None
        if link.ref.anchors:
            anchors[key]["#".join(link.ref.anchors)] = None
    for key, data in graph.edges.items():
        data["display"] = list(displays[key])
        data["anchors"] = list(anchors[key])
    return graph


def _other_node(ident: str, exists: bool) -> dict:
    if exists:  # an attachment
        return dict(
            kind="attachment",
            title=posixpath.basename(ident),
            path=ident,
            folder=posixpath.dirname(ident),
            aliases=[],
            tags=[],
            properties={},
            exists=True,
        )
    return dict(kind="ghost", title=ident, path=None, folder="", aliases=[], tags=[], properties={}, exists=False)
