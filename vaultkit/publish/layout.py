"""Node positions computed before the page is written, for graphs too big to settle in a browser.

networkx's spring layout is quadratic, so a large graph is laid out in levels:
its communities are placed by a force layout of the community graph (each a
disc whose area grows with its size, overlaps pushed apart), then each
community inside its disc, split again while it is too large for a dense
force layout. Every force layout is a small dense one, so the whole costs about
`n × LEAF` work: near-linear in the size of the graph.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx
import numpy as np

LEAF = 300  # nodes; a group this small is laid out directly (LEAF² pairs a step)
SPACING = 45.0  # canvas pixels between neighbouring nodes
Edge = tuple[int, int]


def hierarchical_layout(count: int, edges: Sequence[Edge], groups: Sequence[int], *, seed: int = 0) -> np.ndarray:
    """Positions (count × 2, canvas pixels) for nodes 0..count-1 linked by `edges`, clustered by `groups`."""
    rng = np.random.default_rng(seed)
    positions = np.zeros((count, 2))
    adjacency: list[list[int]] = [[] for _ in range(count)]
    for a, b in edges:
        if a != b:
            adjacency[a].append(b)
            adjacency[b].append(a)
    members: dict[int, list[int]] = {}
    for node, group in enumerate(groups):
        members.setdefault(group, []).append(node)
    _place(list(members.values()), adjacency, np.zeros(2), positions, rng, seed)
    return positions


def _radius(size: int) -> float:
    return SPACING * np.sqrt(max(size, 1) / np.pi) + SPACING / 2


def _place(parts: list[list[int]], adjacency: list[list[int]], centre: np.ndarray, out: np.ndarray, rng, seed: int) -> None:  # noqa: ANN001
    """Lay out `parts` (lists of node numbers) as discs around `centre`, then each inside its disc."""
    index = {node: number for number, part in enumerate(parts) for node in part}
    weights: dict[Edge, float] = {}
    for number, part in enumerate(parts):
        for node in part:
            for other in adjacency[node]:
                target = index.get(other)
                if target is not None and target > number:
                    weights[number, target] = weights.get((number, target), 0.0) + 1.0
    radii = np.array([_radius(len(part)) for part in parts])
    centres = _force_layout(len(parts), weights, rng, sizes=radii)
    centres = _spread(centres, radii) + centre
    for number, part in enumerate(parts):
        if len(part) == 1:
            out[part[0]] = centres[number]
        elif len(part) <= LEAF:
            _leaf(part, adjacency, centres[number], radii[number], out, rng)
        else:
            _place(_split(part, adjacency, seed), adjacency, centres[number], out, rng, seed)


def _leaf(part: list[int], adjacency: list[list[int]], centre: np.ndarray, radius: float, out: np.ndarray, rng) -> None:  # noqa: ANN001
    index = {node: number for number, node in enumerate(part)}
    weights = {
        (index[node], index[other]): 1.0
        for node in part
        for other in adjacency[node]
        if other in index and index[other] > index[node]
    }
    local = _force_layout(len(part), weights, rng)
    extent = np.abs(local).max() or 1.0
    out[part] = centre + local / extent * (radius - SPACING / 2)


def _split(part: list[int], adjacency: list[list[int]], seed: int) -> list[list[int]]:
    """A large group's own communities; plain chunks if it will not split."""
    members = set(part)
    graph = nx.Graph()
    graph.add_nodes_from(part)
    graph.add_edges_from((a, b) for a in part for b in adjacency[a] if b in members and a < b)
    found = [sorted(c) for c in nx.community.louvain_communities(graph, seed=seed)]
    if len(found) < 2:
        found = [part[i : i + LEAF] for i in range(0, len(part), LEAF)]
    return found


def _force_layout(count: int, weights: dict[Edge, float], rng, *, sizes: np.ndarray | None = None, steps: int = 60) -> np.ndarray:  # noqa: ANN001
    """Fruchterman-Reingold on a small graph, dense repulsion; positions roughly in the unit disc."""
    if count == 1:
        return np.zeros((1, 2))
    pos = rng.uniform(-1, 1, (count, 2))
    if weights:
        pairs = np.array(list(weights), dtype=int)
        strength = np.array(list(weights.values()))
        strength = strength / strength.max()
    mass = np.ones(count) if sizes is None else (sizes / sizes.mean()) ** 2
    k = 1.0 / np.sqrt(count)
    temperature = 0.1
    for _ in range(steps):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        push = (k * k / distance**2) * mass[None, :]
        np.fill_diagonal(push, 0.0)
        force = (delta * push[:, :, None]).sum(axis=1)
        if weights:
            diff = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            length = np.maximum(np.linalg.norm(diff, axis=1), 1e-3)
            pull = diff * (length * strength / k)[:, None]
            np.add.at(force, pairs[:, 0], -pull)
            np.add.at(force, pairs[:, 1], pull)
        force -= pos * 0.05 * count * k  # gravity keeps loose pieces near the middle
        length = np.maximum(np.linalg.norm(force, axis=1), 1e-9)
        pos += force / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.95
    return pos - pos.mean(axis=0)


def _spread(centres: np.ndarray, radii: np.ndarray, rounds: int = 50) -> np.ndarray:
    """Scale unit-disc centres to canvas size, then push overlapping discs apart."""
    count = len(centres)
    if count == 1:
        return np.zeros((1, 2))
    total = np.sqrt((radii**2).sum())
    pos = centres / (np.abs(centres).max() or 1.0) * total
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 1e-6)
        overlap = radii[:, None] + radii[None, :] - distance
        np.fill_diagonal(overlap, 0.0)
        overlap = np.maximum(overlap, 0.0)
        if not overlap.any():
            break
        pos += (delta / distance[:, :, None] * overlap[:, :, None] * 0.5).sum(axis=1) * 0.5
    return pos
