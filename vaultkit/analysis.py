"""Questions asked of a concept graph, as plain functions over `networkx.DiGraph`.

They rely only on the node and edge attributes documented in `vaultkit.graph`,
so they work as well on a graph read back from JSON or built by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx


def is_note(graph: nx.DiGraph, node: str) -> bool:
    return graph.nodes[node].get("kind") == "note"


def notes(graph: nx.DiGraph) -> list[str]:
    return [n for n, kind in graph.nodes(data="kind") if kind == "note"]


def backlinks(graph: nx.DiGraph, node: str) -> list[str]:
    """Notes that link to `node`, most links first."""
    sources = [(s, data.get("count", 1)) for s, _, data in graph.in_edges(node, data=True) if s != node]
    return [s for s, _ in sorted(sources, key=lambda item: (-item[1], item[0]))]


def outlinks(graph: nx.DiGraph, node: str) -> list[str]:
    return sorted(t for t in graph.successors(node) if t != node)


def orphans(graph: nx.DiGraph) -> list[str]:
    """Notes with no link in or out (a note linking only to itself is still an orphan)."""
    return sorted(
        n for n in notes(graph) if not any(p != n for p in graph.predecessors(n)) and not any(s != n for s in graph.successors(n))
    )


def dead_ends(graph: nx.DiGraph) -> list[str]:
    """Notes that others link to but that link to no existing note themselves."""
    return sorted(
        n
        for n in notes(graph)
        if any(p != n for p in graph.predecessors(n))
        and not any(graph.nodes[s].get("exists") and s != n for s in graph.successors(n))
    )


def unresolved(graph: nx.DiGraph) -> dict[str, list[str]]:
    """Ghost targets → the notes that link to them, most-wanted first."""
    ghosts = {n: sorted(graph.predecessors(n)) for n, exists in graph.nodes(data="exists") if not exists}
    return dict(sorted(ghosts.items(), key=lambda item: (-len(item[1]), item[0])))


def neighbourhood(graph: nx.DiGraph, node: str, depth: int = 1) -> nx.DiGraph:
    """The subgraph of everything within `depth` links of `node`, either direction."""
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), node, cutoff=depth)
    return graph.subgraph(reach).copy()


def shortest_path(graph: nx.DiGraph, source: str, target: str, *, directed: bool = False) -> list[str] | None:
    """The fewest links from one concept to another; None when they are not connected."""
    view = graph if directed else graph.to_undirected(as_view=True)
    try:
        return nx.shortest_path(view, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


def note_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """Only the notes that exist, and the links between them."""
    return graph.subgraph(notes(graph))


def communities(graph: nx.DiGraph, *, seed: int = 0) -> list[set[str]]:
    """Clusters of densely linked notes (Louvain on the undirected note graph), largest first."""
    undirected = nx.Graph()
    note_only = note_graph(graph)
    undirected.add_nodes_from(note_only)
    for source, target, data in note_only.edges(data=True):
        if source != target:
            weight = data.get("count", 1) + (undirected[source][target]["weight"] if undirected.has_edge(source, target) else 0)
            undirected.add_edge(source, target, weight=weight)
    if undirected.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def pagerank(graph: nx.DiGraph) -> dict[str, float]:
    """How central each note is, following links weighted by their count."""
    note_only = note_graph(graph)
    if note_only.number_of_nodes() == 0:
        return {}
    return nx.pagerank(note_only, weight="count")


def tag_parents(tag: str) -> list[str]:
    """`physics/quantum/qubit` → ["physics", "physics/quantum", "physics/quantum/qubit"]."""
    parts = tag.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts)) if parts[i]]


def tag_index(graph: nx.DiGraph) -> dict[str, list[str]]:
    """Tag (lower case) → notes that carry it; a nested tag also counts for its parents."""
    index: dict[str, set[str]] = defaultdict(set)
    for node, tags in graph.nodes(data="tags"):
        for tag in tags or ():
            for parent in tag_parents(tag.lower()):
                index[parent].add(node)
    return {tag: sorted(nodes) for tag, nodes in sorted(index.items())}


def tag_counts(graph: nx.DiGraph) -> Counter[str]:
    """Tag in the casing first seen → how many notes carry it (no parent counting)."""
    shown: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for _, tags in graph.nodes(data="tags"):
        for tag in tags or ():
            name = shown.setdefault(tag.lower(), tag)
            counts[name] += 1
    return counts


@dataclass(frozen=True, slots=True)
class Summary:
    notes: int
    links: int  # edges between a note and an existing target
    unresolved_links: int  # edges to ghosts
    ghosts: int
    tags: int
    orphans: int
    errors: int
    warnings: int

    def lines(self) -> list[str]:
        return [
            f"notes       {self.notes}",
            f"links       {self.links}",
            f"unresolved  {self.unresolved_links} links to {self.ghosts} missing notes",
            f"tags        {self.tags}",
            f"orphans     {self.orphans}",
            f"diagnostics {self.errors} errors, {self.warnings} warnings",
        ]


def summarize(graph: nx.DiGraph, diagnostics: Iterable[object] = ()) -> Summary:
    severities = Counter(str(getattr(getattr(d, "severity", None), "value", "")) for d in diagnostics)
    to_ghost = sum(1 for _, t in graph.edges() if not graph.nodes[t].get("exists"))
    return Summary(
        notes=len(notes(graph)),
        links=graph.number_of_edges() - to_ghost,
        unresolved_links=to_ghost,
        ghosts=sum(1 for _, exists in graph.nodes(data="exists") if not exists),
        tags=len(tag_counts(graph)),
        orphans=len(orphans(graph)),
        errors=severities["error"],
        warnings=severities["warning"],
    )
