"""The concept graph → the vis-network data of the page, held by a pyvis `Network`.

pyvis's `add_node` checks membership in a list (quadratic on a large graph), so
its node and edge lists are filled directly. Each node is a vis-network item
(`id`, `label`, and `x`/`y` when laid out in Python) plus short fields the page
script reads to size, colour and filter it; titles and other text are data,
never markup (the page writes them with `textContent`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
from pyvis.network import Network

from .. import analysis
from .layout import hierarchical_layout

KINDS = {"note": "n", "ghost": "g", "attachment": "a"}
STATUS = {"proved": "p", "checked": "c", "false": "f", "error": "e", "skipped": "s"}


@dataclass(frozen=True)
class Counts:
    """What the page says it shows."""

    notes: int
    links: int
    unresolved: int
    claims: int
    verdicts: dict[str, int] = field(default_factory=dict)
    checked: bool = True  # the claims were checked (publish --no-verify leaves them unchecked)


@dataclass(frozen=True)
class GraphData:
    network: Network  # vis-network nodes, edges and options
    ids: tuple[str, ...]  # node number → graph node id
    folders: tuple[str, ...]  # top-level folders, for colouring ("" is the vault's top)
    tags: tuple[str, ...]  # every tag, lower case, with its parents, sorted
    communities: int
    counts: Counts
    laid_out: bool  # positions computed in Python; the browser only draws


def graph_data(graph: nx.DiGraph, *, claims: int = 0, verdicts: dict[str, int] | None = None,
               layout_above: int = 1000, seed: int = 0, checked: bool = True) -> GraphData:  # fmt: skip
    """vis-network items for every node and edge of `graph`, in linear time."""
    ids = tuple(graph)
    number = {node: i for i, node in enumerate(ids)}
    community = _community_of(graph, seed)
    folders = sorted({_top(data["folder"]) for _, data in graph.nodes(data=True) if data.get("kind") == "note"})
    folder_number = {name: i for i, name in enumerate(folders)}
    tags = sorted({name for _, data in graph.nodes(data=True) for t in data.get("tags") or () for name in (t.lower(), *analysis.tag_parents(t.lower()))})
    tag_number = {name: i for i, name in enumerate(tags)}
    nodes: list[dict[str, Any]] = []
    for i, (node, data) in enumerate(graph.nodes(data=True)):
        item: dict[str, Any] = {"id": i, "label": str(data.get("title") or node), "k": KINDS.get(data.get("kind"), "n")}
        if item["label"] != node:
            item["p"] = node
        backlinks = sum(1 for source in graph.predecessors(node) if source != node)
        if backlinks:
            item["b"] = backlinks
        if data.get("kind") == "note":
            item["f"] = folder_number[_top(data["folder"])]
        if data.get("tags"):
            item["t"] = sorted({tag_number[t.lower()] for t in data["tags"]})
        if data.get("aliases"):
            item["a"] = [str(a) for a in data["aliases"]]
        if data.get("status"):
            item["s"] = STATUS[data["status"]]
        if node in community:
            item["c"] = community[node]
        nodes.append(item)
    edges: list[dict[str, Any]] = []
    for source, target, data in graph.edges(data=True):
        edge: dict[str, Any] = {"from": number[source], "to": number[target]}
        if data.get("kind") == "embed":
            edge["e"] = 1
        if data.get("uses"):
            edge["u"] = 1
        edges.append(edge)
    laid_out = len(ids) > layout_above
    if laid_out:
        groups = [community.get(node, _neighbour_group(graph, node, community, len(ids) + i)) for i, node in enumerate(ids)]
        positions = hierarchical_layout(len(ids), [(e["from"], e["to"]) for e in edges], groups, seed=seed)
        for item, (x, y) in zip(nodes, np.rint(positions).astype(int).tolist()):
            item["x"], item["y"] = x, y
    network = Network(directed=True, cdn_resources="in_line")
    network.nodes, network.edges = nodes, edges
    network.node_ids = list(range(len(ids)))
    network.node_map = dict(enumerate(nodes))
    network.options = vis_options(laid_out)
    to_ghost = sum(1 for _, target in graph.edges() if not graph.nodes[target].get("exists"))
    counts = Counts(
        notes=len(analysis.notes(graph)),
        links=graph.number_of_edges() - to_ghost,
        unresolved=to_ghost,
        claims=claims,
        verdicts=dict(verdicts or {}),
        checked=checked,
    )
    return GraphData(network, ids, tuple(folders), tuple(tags), max(community.values(), default=-1) + 1, counts, laid_out)


def vis_options(laid_out: bool) -> dict[str, Any]:
    """Physics that stops once the layout settles, or none at all when positions are given."""
    physics: dict[str, Any] = {
        "enabled": not laid_out,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 80, "avoidOverlap": 0.2},
        "stabilization": {"enabled": not laid_out, "iterations": 300, "updateInterval": 50, "fit": True},
    }
    return {
        "autoResize": True,
        "physics": physics,
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "nodes": {"shape": "dot", "borderWidth": 2, "font": {"size": 13, "color": "#222"}},
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.35}},
            "color": {"color": "#b8bec8", "highlight": "#d9822b", "hover": "#d9822b"},
            "width": 0.6,
            "selectionWidth": 1.5,
        },
        "interaction": {"hover": True, "hideEdgesOnDrag": laid_out, "hideEdgesOnZoom": laid_out},
    }


def _top(folder: str) -> str:
    return folder.split("/", 1)[0]


def _community_of(graph: nx.DiGraph, seed: int) -> dict[str, int]:
    """Note id → community number, largest community first."""
    return {node: i for i, members in enumerate(analysis.communities(graph, seed=seed)) for node in members}


def _neighbour_group(graph: nx.DiGraph, node: str, community: dict[str, int], alone: int) -> int:
    """A ghost or attachment is placed with the first note that links to it."""
    for source in graph.predecessors(node):
        if source in community:
            return community[source]
    return alone
