"""Write a concept graph to a file; the format follows the extension.

`.json` is NetworkX node-link JSON with every attribute as it is; GraphML and
GEXF hold only scalars, so lists and mappings are written as JSON strings there
and missing values (a ghost's path) as empty strings.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import networkx as nx

from .output import replacing

FORMATS = (".json", ".graphml", ".gexf")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class UnknownFormat(ValueError):
    pass


def graph_to_json(graph: nx.DiGraph) -> dict:
    return nx.node_link_data(graph, edges="edges")


def write_graph(graph: nx.DiGraph, path: str | os.PathLike[str]) -> Path:
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UnknownFormat(f"cannot tell the format of {out.name}: use one of {', '.join(FORMATS)}")
    with replacing(out) as handle:  # never opens an existing path: it may be a link into the vault
        if suffix == ".json":
            handle.write(json.dumps(graph_to_json(graph), ensure_ascii=False).encode("utf-8"))
        elif suffix == ".graphml":
            nx.write_graphml(_scalars(graph), handle, encoding="utf-8")
        else:
            nx.write_gexf(_scalars(graph), handle, encoding="utf-8")
    return out


def _xml_text(text: str) -> str:
    """XML 1.0 cannot hold control characters, not even escaped: they become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _scalar(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        value = json.dumps(value, ensure_ascii=False)
    return _xml_text(value) if isinstance(value, str) else value


def _scalars(graph: nx.DiGraph) -> nx.DiGraph:
    flat = nx.DiGraph()
    flat.graph.update({k: _scalar(v) for k, v in graph.graph.items()})
    flat.add_nodes_from((_xml_text(n), {k: _scalar(v) for k, v in data.items()}) for n, data in graph.nodes(data=True))
    flat.add_edges_from(
        (_xml_text(s), _xml_text(t), {k: _scalar(v) for k, v in data.items()}) for s, t, data in graph.edges(data=True)
    )
    return flat
