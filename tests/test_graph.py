"""Stage 4, vaultkit.graph: a loaded vault → networkx.DiGraph with the documented attributes."""

from __future__ import annotations

import networkx as nx
from conftest import line_of, write_vault

import vaultkit
from vaultkit.graph import build_graph

NOTE_A = """---
aliases: [Alpha, First]
tags: [greek, '#Letters/Vowels']
kind: letter
created: 2024-05-01
---
# A
See [[B]] and [[b|bee]] and [[B#Part|the part]] and [[B#Part]].
Embedded: ![[sub/C#H1#H2]] and linked [[C]]. #Tag
A link to a block [[C#^blk]] and to itself [[A]] and to [[#Local heading]].
Also [markdown](B.md) and [[Nowhere]] and [[nowhere]] and [[NOWHERE.md]].
"""

NOTE_B = """Back to [[alpha]] and a ghost [[Nowhere]].
![pic](img/pic.png) and [[img/pic.png]] and [[missing.png]].
"""

NOTE_C = """---
title: {{title}}
---
Body of C with [[A]] ^blk
"""


def vault_files() -> dict:
    return {
        "A.md": NOTE_A,
        "B.md": NOTE_B,
        "sub/C.md": NOTE_C,
        "x/Dup.md": "first dup [[B]]",
        "y/Dup.md": "second dup",
        "Linker.md": "[[Dup]]",
        "Lonely.md": "no links here",
        "img/pic.png": b"\x89PNG",
        "big.md": "x" * 2000,
    }


def graph_of(tmp_path, **options) -> nx.DiGraph:
    return vaultkit.load(write_vault(tmp_path, vault_files()), max_size=1000, **options).graph()


def test_nodes_and_edges_exactly(tmp_path):
    graph = graph_of(tmp_path)
    assert isinstance(graph, nx.DiGraph)
    assert graph.graph == {"vault": "vault"}
    assert set(graph.nodes) == {"A", "B", "sub/C", "x/Dup", "y/Dup", "Linker", "Lonely", "big", "Nowhere", "missing.png"}
    assert set(graph.edges) == {
        ("A", "B"),
        ("A", "sub/C"),
        ("A", "A"),
        ("A", "Nowhere"),
        ("B", "A"),
        ("B", "Nowhere"),
        ("B", "missing.png"),
        ("sub/C", "A"),
        ("x/Dup", "B"),
        ("Linker", "x/Dup"),
    }


def test_note_node_attributes(tmp_path):
    graph = graph_of(tmp_path)
    assert graph.nodes["A"] == {
        "kind": "note",
        "title": "A",
        "path": "A.md",
        "folder": "",
        "aliases": ["Alpha", "First"],
        "tags": ["greek", "Letters/Vowels", "Tag"],
        "properties": {"kind": "letter", "created": "2024-05-01"},
        "exists": True,
    }
    assert graph.nodes["sub/C"] == {
        "kind": "note",
        "title": "C",
        "path": "sub/C.md",
        "folder": "sub",
        "aliases": [],
        "tags": [],
        "properties": {},
        "exists": True,
    }


def test_oversized_note_is_still_a_node(tmp_path):
    graph = graph_of(tmp_path)
    assert graph.nodes["big"] == {
        "kind": "note",
        "title": "big",
        "path": "big.md",
        "folder": "",
        "aliases": [],
        "tags": [],
        "properties": {},
        "exists": True,
    }
    assert graph.degree("big") == 0


def test_ghost_node_attributes_and_case_variants_share_one_ghost(tmp_path):
    graph = graph_of(tmp_path)
    assert graph.nodes["Nowhere"] == {
        "kind": "ghost",
        "title": "Nowhere",
        "path": None,
        "folder": "",
        "aliases": [],
        "tags": [],
        "properties": {},
        "exists": False,
    }
    assert graph.edges["A", "Nowhere"]["count"] == 3
    assert graph.edges["B", "Nowhere"]["count"] == 1


def test_edge_attributes(tmp_path):
    graph = graph_of(tmp_path)
    line_b = line_of(NOTE_A, "[[B]]")
    assert graph.edges["A", "B"] == {
        "kind": "link",
        "count": 5,
        "line": line_b,
        "via_alias": False,
        "ambiguous": False,
        "display": ["bee", "the part", "markdown"],
        "anchors": ["Part"],
    }
    assert line_b == 8
    assert graph.edges["A", "sub/C"] == {
        "kind": "embed",  # embed wins over the later plain link
        "count": 3,
        "line": 9,
        "via_alias": False,
        "ambiguous": False,
        "display": [],
        "anchors": ["H1#H2", "^blk"],
    }
    assert graph.edges["B", "A"] == {
        "kind": "link",
        "count": 1,
        "line": 1,
        "via_alias": True,
        "ambiguous": False,
        "display": [],
        "anchors": [],
    }
    assert graph.edges["Linker", "x/Dup"]["ambiguous"] is True
    assert graph.edges["A", "A"]["count"] == 1  # [[A]] links to itself; [[#Local heading]] makes no edge


def test_embed_after_link_turns_the_edge_into_an_embed(tmp_path):
    root = write_vault(tmp_path, {"S.md": "[[T]]\n\n![[T]]\n[[T|t]]", "T.md": "t"})
    edge = vaultkit.load(root).graph().edges["S", "T"]
    assert (edge["kind"], edge["count"], edge["line"], edge["display"]) == ("embed", 3, 1, ["t"])


def test_attachments_only_on_request(tmp_path):
    default = graph_of(tmp_path)
    assert "img/pic.png" not in default
    with_attachments = vaultkit.load(tmp_path / "vault", max_size=1000, attachments=True).graph()
    assert with_attachments.nodes["img/pic.png"] == {
        "kind": "attachment",
        "title": "pic.png",
        "path": "img/pic.png",
        "folder": "img",
        "aliases": [],
        "tags": [],
        "properties": {},
        "exists": True,
    }
    edge = with_attachments.edges["B", "img/pic.png"]
    assert (edge["kind"], edge["count"], edge["display"]) == ("embed", 2, ["pic"])
    assert with_attachments.nodes["missing.png"]["kind"] == "ghost"


def test_no_alias_links_leaves_alias_targets_as_ghosts(tmp_path):
    graph = graph_of(tmp_path, alias_links=False)
    assert ("B", "A") not in graph.edges
    assert graph.nodes["alpha"]["kind"] == "ghost"
    assert graph.edges["B", "alpha"]["via_alias"] is False


def test_build_graph_of_an_empty_vault(tmp_path):
    graph = build_graph(vaultkit.load(write_vault(tmp_path, {})))
    assert (graph.number_of_nodes(), graph.number_of_edges(), graph.graph) == (0, 0, {"vault": "vault"})


def test_every_node_has_every_attribute(tmp_path):
    graph = vaultkit.load(write_vault(tmp_path, vault_files()), attachments=True).graph()
    expected = {"kind", "title", "path", "folder", "aliases", "tags", "properties", "exists"}
    for node, data in graph.nodes(data=True):
        assert set(data) == expected, node
    for edge in graph.edges:
        assert set(graph.edges[edge]) == {"kind", "count", "display", "anchors", "line", "via_alias", "ambiguous"}
