"""vaultkit.publish without a browser: the page's text, its embedded data, safety of rendering, the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from conftest import tree_snapshot, write_vault

import vaultkit
from vaultkit.cli import main
from vaultkit.publish import PublishError, publish
from vaultkit.publish.data import graph_data
from vaultkit.publish.layout import hierarchical_layout
from vaultkit.publish.mathml import tex_to_html
from vaultkit.publish.page import script_json
from vaultkit.publish.render import render_note

NOTES = {
    "a/One.md": "---\naliases: [uno]\ntags: [x/y]\n---\nSee [[Two]], [two](../b/Two.md) and [[Nowhere]]. $e^{i\\pi} + 1 = 0$\n",
    "b/Two.md": "Back to [[One|the first]].\n",
}


def embedded(page: str, element: str) -> object:
    match = re.search(f'<script type="application/json" id="{element}">(.*?)</script>', page, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_script_json_cannot_close_its_element() -> None:
    value = {"t": "</script><script>alert(1)</script> & <!-- \u2028\u2029"}
    text = str(script_json(value))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


@pytest.mark.parametrize(
    "tex",
    [r"\text{<img src=x onerror=alert(1)>}", r"\href{javascript:alert(1)}{x}", r"\frac{a}{", r"\nosuchcommand{x}", r"\text{<b>x</b>}",
     r"\mathcolor{red}{x}"],  # latex2mathml drops \mathcolor and shows "redx": a command it does not know is TeX
)
def test_formulas_that_cannot_be_converted_safely_fall_back_to_tex(tex: str) -> None:
    html = tex_to_html(tex, display=False)
    assert html.startswith('<code class="tex">') and "<math" not in html
    assert "<img" not in html and "<b>" not in html and "href=" not in html


def test_formulas_become_mathml() -> None:
    html = tex_to_html(r"\sum_{i=1}^{n} p_i = 1", display=True)
    assert html.startswith('<math display="block">') and "<msub><mi>p</mi><mi>i</mi></msub>" in html
    assert "&lt;" in tex_to_html("a < b", display=False)
    assert "<math" in tex_to_html(r"\lim_{x \to 0} \frac{\sin x}{x} = \boxed{1} \cdot \mathbb{E}[X] \langle \psi \rangle", False)


def test_rendering_escapes_html_and_resolves_links() -> None:
    text = "<script>x</script>\n\n[[Two|shown]] [[Gone]] [j](javascript:alert(1)) ![i](https://e.org/i.png) %% hidden %%\n"
    html = render_note(text, {"Two": 7})
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a class="wikilink" href="#" data-node="7">shown</a>' in html
    assert '<span class="wikilink">Gone</span>' in html
    assert "javascript:" not in html.replace("[j](javascript:", "")  # only as escaped text, never as a link
    assert "<img" not in html and "https://e.org" not in html
    assert "hidden" not in html


def test_a_first_heading_that_repeats_the_title_is_left_out() -> None:
    text = "---\naliases: [b]\n---\n# Boltzmann distribution\n\nBody\n\n# Boltzmann distribution\n"
    html = render_note(text, {}, "Boltzmann distribution")
    assert html.count("<h1>") == 1 and html.index("<p>Body</p>") < html.index("<h1>")  # the later one stays
    assert render_note("# Another heading\n", {}, "Title") == "<h1>Another heading</h1>\n"


def test_page_is_self_contained_with_a_csp(tmp_path: Path) -> None:
    root = write_vault(tmp_path, NOTES)
    done = publish(root, tmp_path / "out", verify=False, jobs=1)
    page = done.page.read_text(encoding="utf-8")
    assert done.page == tmp_path / "out" / "index.html"
    assert "default-src 'none'" in page and "img-src data:" in page
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "sourceMappingURL" not in page
    graph = embedded(page, "graph-data")
    labels = {node["label"]: node for node in graph["nodes"]}
    assert set(labels) == {"One", "Two", "Nowhere"}
    assert labels["One"]["a"] == ["uno"] and labels["One"]["p"] == "a/One"
    assert [graph["tags"][t] for t in labels["One"]["t"]] == ["x/y"] and graph["tags"] == ["x", "x/y"]
    assert labels["Nowhere"]["k"] == "g" and labels["Two"]["b"] == 1
    assert graph["options"]["physics"]["stabilization"]["enabled"] is True and not graph["laidOut"]
    assert ">2 notes · 2 links · 1 unresolved links · claims not checked<" in page  # published without verifying
    assert graph["checked"] is False  # the legend and panels say "not checked", not "no claims"


def test_tags_with_empty_segments_are_published(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"A.md": '---\ntags: ["x/", "a//b", "#c/"]\n---\nA\n'})
    done = publish(root, tmp_path / "out", verify=False, jobs=1)
    graph = embedded(done.page.read_text(encoding="utf-8"), "graph-data")
    (node,) = graph["nodes"]
    tags = vaultkit.load(root, jobs=1).graph().nodes["A"]["tags"]
    assert sorted(graph["tags"][t] for t in node["t"]) == sorted(t.lower() for t in tags)
    assert {"x", "a", "c"} <= set(graph["tags"])  # the parents a filter keeps them under


def test_panels_are_compact_and_link_to_node_numbers(tmp_path: Path) -> None:
    import base64
    import gzip

    root = write_vault(tmp_path, NOTES)
    done = publish(vaultkit.load(root, jobs=1), tmp_path / "out", verify=False, jobs=1)
    page = done.page.read_text(encoding="utf-8")
    graph = embedded(page, "graph-data")
    number = {node["label"]: i for i, node in enumerate(graph["nodes"])}
    panels = json.loads(gzip.decompress(base64.b64decode(embedded(page, "panel-data"))))
    one = panels[str(number["One"])]["h"]
    assert one.count(f'data-node="{number["Two"]}"') == 2  # the wikilink and the Markdown link
    assert f'data-node="{number["Nowhere"]}"' in one  # an unresolved link opens its ghost
    assert "<math" in one
    assert done.graph_bytes < 300 * (done.nodes + done.edges)


def test_publish_refuses_to_write_inside_the_vault(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    root = write_vault(tmp_path, NOTES)
    before = tree_snapshot(root)
    with pytest.raises(PublishError):
        publish(root, root / "site", verify=False)
    assert main(["publish", str(root), "-o", str(root / "public"), "--no-verify"]) == 2
    assert "inside the vault" in capsys.readouterr().err
    assert tree_snapshot(root) == before


def test_cli_writes_the_page_and_the_api_is_lazy(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(tmp_path / "cache"))
    root = write_vault(tmp_path, NOTES)
    assert main(["publish", str(root), "-o", str(tmp_path / "site"), "--jobs", "1"]) == 0
    assert "wrote" in capsys.readouterr().out
    assert (tmp_path / "site" / "index.html").stat().st_size > 100_000  # vis-network is inlined
    done = vaultkit.publish(vaultkit.load(root, jobs=1), tmp_path / "api", verify=False, jobs=1)
    assert done.nodes == 3 and done.edges == 3  # One→Two (twice written), One→Nowhere, Two→One


def test_large_graphs_get_positions_from_python() -> None:
    graph = nx.DiGraph()
    for i in range(60):
        graph.add_node(f"n{i}", kind="note", title=f"n{i}", folder="", tags=[], aliases=[], exists=True)
    for i in range(60):
        graph.add_edge(f"n{i}", f"n{(i + 1) % 60}", kind="link")
    data = graph_data(graph, layout_above=50)
    assert data.laid_out and all("x" in node and "y" in node for node in data.network.nodes)
    assert data.network.options["physics"]["enabled"] is False
    assert len({(node["x"], node["y"]) for node in data.network.nodes}) == 60
    assert data.network.node_ids == list(range(60)) and data.network.node_map[0]["label"] == "n0"


def test_hierarchical_layout_keeps_communities_together() -> None:
    rng = np.random.default_rng(1)
    groups = [i // 400 for i in range(2000)]  # five groups, each larger than one leaf
    edges = [(int(a), int(b)) for a, b in rng.integers(0, 400, (6000, 2)) + 400 * rng.integers(0, 5, (6000, 1))]
    positions = hierarchical_layout(2000, edges, groups)
    assert np.isfinite(positions).all()
    centres = np.array([positions[g * 400 : (g + 1) * 400].mean(axis=0) for g in range(5)])
    spread = np.mean([np.linalg.norm(positions[g * 400 : (g + 1) * 400] - centres[g], axis=1).mean() for g in range(5)])
    apart = np.mean([np.linalg.norm(a - b) for i, a in enumerate(centres) for b in centres[i + 1 :]])
    assert apart > 1.5 * spread  # a group's nodes sit nearer each other than the groups do


def test_claim_rows_carry_the_givens_a_verdict_relies_on(tmp_path: Path) -> None:
    import dataclasses
    from importlib.resources import files as resources

    from vaultkit.checking import verify
    from vaultkit.publish.panels import build_panels

    notes = {
        "Sum.md": "```sympy\nsymbols: a real\nclaim double: a + a == 2*a\nclaim triple: a + a + a == 3*a\n```\n",
        "Asks.md": "---\nderivations: [sigmoid-two-class-softmax]\n---\nThe sigmoid, by the built-in steps.\n",
        "Softmax.md": "Named after a derivation, asks for none.\n",
    }
    vault = vaultkit.load(write_vault(tmp_path, notes), jobs=1)
    verification = verify(vault, jobs=1, cache_dir=tmp_path / "cache")
    hostile = "[[<script>alert(1)</script>]]:3"
    results = tuple(dataclasses.replace(r, givens=(hostile,)) if r.id == "double" else r for r in verification.results)
    verification = dataclasses.replace(verification, results=results)
    ids = tuple(vault.notes)
    entries = build_panels(vault, ids, verification, jobs=1).entries
    rows = {row[0]: row for row in entries[str(ids.index("Sum"))]["c"]}
    assert rows["double"][6] == f"given {hostile}" and len(rows["triple"]) == 6  # a row without givens stays short
    asks = entries[str(ids.index("Asks"))]["c"]
    assert len(asks) == 6 and all(row[0].startswith("sigmoid-two-class-softmax/") for row in asks)
    assert "c" not in entries.get(str(ids.index("Softmax")), {})  # no claims, nothing attached by its title
    script = resources("vaultkit.templates").joinpath("publish.js").read_text(encoding="utf-8")
    assert "span.textContent = given;" in script  # note text reaches the page as text, never as markup
