"""vaultkit.export: write_graph to .json / .graphml / .gexf, read back with real NetworkX."""

from __future__ import annotations

import json
import os

import networkx as nx
import pytest
from conftest import tree_snapshot, write_vault

import vaultkit
from vaultkit.export import FORMATS, UnknownFormat, graph_to_json, write_graph

FILES = {
    "A.md": "---\naliases: [Ä, First]\ntags: [t, 'x/y']\np: 1\nwhen: 2024-05-01\n---\n[[B|bee]] ![[B#Sec]] [[Ghost]]\n",
    "sub/B.md": "[[A]]",
}


@pytest.fixture
def graph(tmp_path):
    return vaultkit.load(write_vault(tmp_path, FILES)).graph()


def test_formats():
    assert FORMATS == (".json", ".graphml", ".gexf")


def test_json_round_trip_keeps_every_attribute(tmp_path, graph):
    out = write_graph(graph, tmp_path / "out" / "graph.json")
    assert out == tmp_path / "out" / "graph.json"
    raw = out.read_text(encoding="utf-8")
    assert "Ä" in raw  # not \u-escaped
    data = json.loads(raw)
    assert set(data) == {"directed", "multigraph", "graph", "nodes", "edges"}
    assert data["graph"] == {"vault": "vault"}
    back = nx.node_link_graph(data, edges="edges")
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert dict(back.edges.items()) == dict(graph.edges.items())
    assert back.nodes["A"]["aliases"] == ["Ä", "First"]
    assert back.nodes["Ghost"]["path"] is None
    assert back.edges["A", "sub/B"] == {
        "kind": "embed",
        "count": 2,
        "line": 7,
        "via_alias": False,
        "ambiguous": False,
        "display": ["bee"],
        "anchors": ["Sec"],
    }


def test_graph_to_json_is_what_is_written(tmp_path, graph):
    out = write_graph(graph, tmp_path / "g.json")
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(graph_to_json(graph)))


def _flat(value):
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


@pytest.mark.parametrize(("suffix", "reader"), [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)])
def test_xml_formats_hold_scalars_and_json_strings(tmp_path, graph, suffix, reader):
    out = write_graph(graph, tmp_path / f"graph{suffix}")
    back = reader(out)
    assert set(back.nodes) == set(graph.nodes)
    assert set(back.edges) == set(graph.edges)
    for node, data in graph.nodes(data=True):
        got = {k: v for k, v in back.nodes[node].items() if k != "label"}
        assert got == {k: _flat(v) for k, v in data.items()}, node
    for edge, data in graph.edges.items():
        got = {k: v for k, v in back.edges[edge].items() if k != "id"}
        assert got == {k: _flat(v) for k, v in data.items()}, edge
    assert back.nodes["A"]["properties"] == '{"p": 1, "when": "2024-05-01"}'
    assert back.nodes["Ghost"]["path"] == ""
    assert back.edges["A", "sub/B"]["count"] == 2
    assert back.nodes["A"]["exists"] is True


def test_graphml_keeps_the_graph_attribute(tmp_path, graph):
    back = nx.read_graphml(write_graph(graph, tmp_path / "g.graphml"))
    assert back.graph["vault"] == "vault"


def test_extension_is_case_insensitive(tmp_path, graph):
    out = write_graph(graph, tmp_path / "G.JSON")
    assert json.loads(out.read_text(encoding="utf-8"))["graph"] == {"vault": "vault"}


@pytest.mark.parametrize("name", ["graph.txt", "graph", "graph.json.bak", "graph.xml"])
def test_unknown_extension(tmp_path, graph, name):
    with pytest.raises(UnknownFormat) as error:
        write_graph(graph, tmp_path / name)
    assert isinstance(error.value, ValueError)
    assert ".json, .graphml, .gexf" in str(error.value)
    assert not (tmp_path / name).exists()


def test_export_writes_nothing_into_the_vault(tmp_path, graph):
    before = tree_snapshot(tmp_path / "vault")
    for suffix in FORMATS:
        write_graph(graph, tmp_path / "elsewhere" / f"g{suffix}")
    assert tree_snapshot(tmp_path / "vault") == before
    assert sorted(os.listdir(tmp_path / "elsewhere")) == ["g.gexf", "g.graphml", "g.json"]


HOSTILE = {
    "<script>alert(1)<\\script>.md": '[[<b onclick="x">]] & "quotes" \'single\'',
    "new\nline.md": "[[Tab\there]]",
    "emoji 🚀 & ünï.md": "x",
}


@pytest.mark.parametrize(("suffix", "reader"), [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)])
def test_hostile_names_round_trip_through_xml(tmp_path, suffix, reader):
    graph = vaultkit.load(write_vault(tmp_path, HOSTILE)).graph()
    back = reader(write_graph(graph, tmp_path / f"g{suffix}"))
    expected = {"<script>alert(1)<\\script>", '<b onclick="x">', "new\nline", "Tab\there", "emoji 🚀 & ünï"}
    assert set(graph.nodes) == expected
    assert set(back.nodes) == expected
    assert back.nodes["new\nline"]["title"] == "new\nline"


def test_hostile_names_round_trip_through_json(tmp_path):
    graph = vaultkit.load(write_vault(tmp_path, HOSTILE)).graph()
    back = nx.node_link_graph(json.loads(write_graph(graph, tmp_path / "g.json").read_text("utf-8")), edges="edges")
    assert set(back.nodes) == set(graph.nodes)


@pytest.mark.parametrize(("suffix", "reader"), [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)])
def test_control_characters_still_give_well_formed_xml(tmp_path, suffix, reader):
    graph = vaultkit.load(write_vault(tmp_path, {"a.md": "link [[b\x01c]] [[d\x1be]]"})).graph()
    back = reader(write_graph(graph, tmp_path / f"g{suffix}"))
    assert (back.number_of_nodes(), back.number_of_edges()) == (3, 2)  # ids may be escaped, but all there


def test_non_utf8_file_name_can_be_exported_to_json(tmp_path):
    root = write_vault(tmp_path, {"ok.md": "[[x]]"})
    with open(os.path.join(os.fsencode(root), b"bad\xffname.md"), "wb") as handle:
        handle.write(b"hello")
    graph = vaultkit.load(root).graph()
    assert len(graph) == 3
    out = write_graph(graph, tmp_path / "g.json")
    assert len(json.loads(out.read_text(encoding="utf-8"))["nodes"]) == 3
