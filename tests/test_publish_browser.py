"""`vaultkit publish` pages in headless Chromium: loaded from file://, nothing mocked.

One page is published per module from a small vault written here, with a note
whose title, aliases, tags, links and body are hostile. Every test records
console errors, dialogs and requests; payloads set `window.__pwned` if they run.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from conftest import write_vault

import vaultkit
from vaultkit.checking import verify
from vaultkit.publish import publish

pytestmark = pytest.mark.xdist_group("test_publish_browser")  # its tests share a module fixture: one worker runs them all

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip

HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
HOSTILE_GIVEN = "[[<img src=x onerror=window.__pwned=10>]]:3"  # a given from a note with a hostile title
FILES = {
    "physics/Alpha.md": (
        "---\naliases: [first letter]\ntags: [physics/quantum]\n---\n"
        "# Alpha\n\nAlpha links to [[Beta]] and to [[Missing note]]. Inline $x^2 + y^2$ and\n\n"
        "$$(a+b)^2 = a^2 + 2 a b + b^2$$ %% verify %%\n\n"
        "$$(a+b)^2 = a^2 + b^2$$ %% verify %%\n"
    ),
    "physics/Beta.md": "---\ntags: [physics]\n---\nBeta goes on to [[Delta]].\n",
    "maths/Delta.md": "---\ntags: [maths]\n---\nDelta, far from Alpha.\n",
    "Gamma.md": "---\ntags: [maths]\n---\nGamma links nowhere and nothing links here.\n",
    f"{HOSTILE_TITLE}.md": (
        "---\naliases:\n  - \"<script>window.__pwned = 2</script>\"\n"
        "  - \"\\\"><svg onload=window.__pwned=3>\"\n  - \"</script><script>window.__pwned=4</script>\"\n"
        "  - \"line\\u2028separator\"\n"
        "tags: [\"evil<b>tag\", hostile]\n---\n"
        "<script>window.__pwned = 5</script>\n\n<img src=x onerror=\"window.__pwned = 6\">\n\n"
        "[click me](javascript:window.__pwned=7) ![pic](https://example.org/x.png)\n\n"
        "Formula $\\text{<img src=x onerror=window.__pwned=8>}$ and [[Alpha]] and "
        "[[</script><img src=x onerror=window.__pwned=9>]].\n"
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("publish")
    root = write_vault(base, FILES)
    vault = vaultkit.load(root, jobs=1)
    verification = _with_givens(verify(vault, jobs=1, cache_dir=base / "cache"))
    done = publish(vault, base / "site", verification=verification, jobs=1)
    graph = verification.annotate(vault.graph())
    return {"page": done.page, "graph": graph, "published": done}


def _with_givens(verification):  # noqa: ANN001, ANN202
    """Alpha's proved claim as if it relied on givens (the engine names them; here they are chosen)."""
    results = tuple(
        dataclasses.replace(r, givens=("[[Beta]]:12", HOSTILE_GIVEN)) if r.note == "physics/Alpha.md" and r.verdict.value == "proved" else r
        for r in verification.results
    )  # fmt: skip
    return dataclasses.replace(verification, results=results)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Visit:
    """A page opened from file://, with everything it tried to do recorded."""

    def __init__(self, browser, page_path: Path) -> None:  # noqa: ANN001
        self.url = page_path.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": 1300, "height": 850})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.page.wait_for_function("window.vaultkitReady === true", timeout=15000)

    def _route(self, route) -> None:  # noqa: ANN001
        if route.request.url != self.url:
            self.requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def _dialog(self, dialog) -> None:  # noqa: ANN001
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):  # noqa: ANN001, ANN201
        return self.page.evaluate(expression, arg)

    def node(self, label: str) -> int:
        return self.js("label => window.vaultkit.items.findIndex(item => item.label === label)", label)

    def visible_labels(self) -> set[str]:
        return set(self.js("window.vaultkit.nodes.get({filter: n => !n.hidden}).map(n => n.label)"))

    def screen_point(self, node: int) -> tuple[float, float]:
        return tuple(self.js(
            """i => { const p = window.vaultkit.network.canvasToDOM(window.vaultkit.network.getPosition(i));
                      const r = document.querySelector('#graph canvas').getBoundingClientRect();
                      return [r.left + p.x, r.top + p.y]; }""",
            node,
        ))  # fmt: skip

    def panel_loaded(self, node: int) -> None:
        self.page.wait_for_selector(f"#panel[data-loaded='{node}']", timeout=5000)

    def assert_clean(self) -> None:
        assert self.requests == []
        assert self.errors == []
        assert self.dialogs == []
        assert self.js("window.__pwned") is None

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, site):  # noqa: ANN001, ANN201
    opened = Visit(browser, site["page"])
    yield opened
    opened.close()


def test_page_loads_offline_and_shows_every_node(visit, site) -> None:
    graph = site["graph"]
    assert visit.js("window.vaultkit.nodes.length") == graph.number_of_nodes()
    assert visit.js("window.vaultkit.edges.length") == graph.number_of_edges()
    counts = visit.page.inner_text("#counts")
    assert "5 notes" in counts and "2 unresolved links" in counts and "checked claims" in counts
    assert visit.page.get_attribute("#graph", "data-laid-out") == "no"
    visit.assert_clean()


def test_search_by_alias_focuses_the_note(visit) -> None:
    visit.page.fill("#search", "first let")
    visit.page.wait_for_selector("#results:not([hidden]) button")
    first = visit.page.locator("#results button").first
    assert first.inner_text().startswith("Alpha")
    assert "alias: first letter" in first.inner_text()
    visit.page.press("#search", "Enter")
    alpha = visit.node("Alpha")
    visit.panel_loaded(alpha)
    assert visit.page.inner_text("#panel-title") == "Alpha"
    assert visit.js("window.vaultkit.network.getSelectedNodes()") == [alpha]
    visit.assert_clean()


def test_tag_filter_keeps_nested_tags_and_orphans_can_be_hidden(visit) -> None:
    everything = visit.visible_labels()
    assert {"Alpha", "Beta", "Gamma", "Delta", "Missing note"} <= everything
    visit.page.select_option("#tag-filter", "physics")
    assert visit.visible_labels() == {"Alpha", "Beta"}  # physics/quantum counts as physics
    visit.page.select_option("#tag-filter", "physics/quantum")
    assert visit.visible_labels() == {"Alpha"}
    visit.page.select_option("#tag-filter", "")
    visit.page.check("#orphans")
    assert "Gamma" not in visit.visible_labels() and "Delta" in visit.visible_labels()
    visit.page.uncheck("#ghosts")
    assert "Missing note" not in visit.visible_labels()
    visit.assert_clean()


def test_click_opens_the_panel_with_mathml_claims_and_backlinks(visit) -> None:
    alpha = visit.node("Alpha")
    visit.page.mouse.click(*visit.screen_point(alpha))
    visit.panel_loaded(alpha)
    assert visit.page.inner_text("#panel-title") == "Alpha"
    assert visit.page.locator("#panel-body math").count() >= 3  # inline and both display formulas
    assert visit.page.locator("#panel-body code.tex").count() == 0
    claims = visit.page.inner_text("#panel-claims")
    assert "proved" in claims and "false" in claims and "counterexample" in claims
    verdict = visit.page.locator("#panel-claims td.verdict.proved")  # the givens beside the verdict, as text
    assert verdict.inner_text() == f"proved given [[Beta]]:12, {HOSTILE_GIVEN}"
    assert verdict.locator("span.given").count() == 1 and verdict.locator("img").count() == 0
    assert visit.page.locator("#panel-claims td.verdict.false span.given").count() == 0
    assert visit.page.inner_text("#panel-status") == "status: false"
    assert "first letter" in visit.page.inner_text("#panel-meta")
    hostile = visit.page.inner_text("#panel-backlinks")
    assert HOSTILE_TITLE in hostile  # the hostile note links here, shown as text
    visit.page.click("#panel-body a.wikilink >> text=Beta")  # a wikilink navigates inside the graph
    beta = visit.node("Beta")
    visit.panel_loaded(beta)
    assert visit.page.inner_text("#panel-title") == "Beta"
    assert visit.js("window.vaultkit.network.getSelectedNodes()") == [beta]
    visit.assert_clean()


def test_local_view_shows_neighbours_to_the_chosen_depth(visit) -> None:
    visit.js("i => window.vaultkit.go(i)", visit.node("Alpha"))
    visit.page.select_option("#depth", "1")
    assert visit.visible_labels() == {"Alpha", "Beta", "Missing note", HOSTILE_TITLE}
    visit.page.select_option("#depth", "2")
    hostile_ghost = "</script><img src=x onerror=window.__pwned=9>"  # linked from the hostile note
    assert visit.visible_labels() == {"Alpha", "Beta", "Missing note", HOSTILE_TITLE, "Delta", hostile_ghost}
    visit.page.select_option("#depth", "0")
    assert "Gamma" in visit.visible_labels()
    visit.assert_clean()


def test_legend_and_colours_follow_the_colour_choice(visit) -> None:
    legend = visit.page.inner_text("#legend")
    for word in ("proved", "checked", "false", "error", "no claims", "unresolved"):
        assert word in legend
    colour = "i => window.vaultkit.nodes.get(i).color.background"
    alpha, gamma, ghost = visit.node("Alpha"), visit.node("Gamma"), visit.node("Missing note")
    assert visit.js(colour, alpha) == "#d63a3a"  # a false claim: red fill
    assert visit.js(colour, ghost) == "#ffffff"  # unresolved: hollow
    before = visit.js(colour, gamma)
    visit.page.select_option("#colour", "folder")
    legend = visit.page.inner_text("#legend")
    assert "physics/" in legend and "maths/" in legend and "Border: verification status" in legend
    assert visit.js(colour, visit.node("Beta")) == visit.js(colour, alpha)  # same folder, same fill
    assert visit.js(colour, visit.node("Delta")) != visit.js(colour, alpha)
    assert visit.js(colour, gamma) != before
    visit.page.select_option("#colour", "tag")
    assert "#physics" in visit.page.inner_text("#legend")
    visit.assert_clean()


def test_hover_highlights_neighbours(visit) -> None:
    beta = visit.node("Beta")
    visit.page.mouse.move(*visit.screen_point(beta))
    visit.page.wait_for_function(f"document.body.dataset.hovered === '{beta}'", timeout=3000)
    assert visit.page.inner_text("#tooltip").startswith("Beta")
    border = "i => window.vaultkit.nodes.get(i).color.border"
    assert visit.js(border, visit.node("Delta")) == "#d9822b"
    assert visit.js(border, visit.node("Gamma")) != "#d9822b"
    visit.assert_clean()


def test_hover_ends_when_the_pointer_jumps_off_the_map(visit) -> None:
    beta = visit.node("Beta")
    point = visit.screen_point(beta)
    hovered = "document.body.dataset.hovered"
    visit.page.mouse.move(*point)
    visit.page.wait_for_function(f"() => {hovered} === '{beta}'", timeout=3000)
    visit.page.mouse.move(5, 5)  # one move onto the header: the map itself sees no move off the node
    visit.page.wait_for_function(f"() => {hovered} === undefined", timeout=3000)
    assert visit.page.is_hidden("#tooltip")
    assert visit.js("i => window.vaultkit.nodes.get(i).color.border", visit.node("Delta")) != "#d9822b"
    visit.page.mouse.move(*point)  # straight back onto the same node: highlighted again
    visit.page.wait_for_function(f"() => {hovered} === '{beta}'", timeout=3000)
    visit.assert_clean()


def test_tags_as_nodes(visit) -> None:
    visit.page.check("#tag-nodes")
    labels = visit.visible_labels()
    assert {"#physics/quantum", "#maths", "#hostile"} <= labels
    visit.page.uncheck("#tag-nodes")
    assert not any(label.startswith("#") for label in visit.visible_labels())
    visit.assert_clean()


def test_hostile_note_runs_nothing(visit) -> None:
    hostile = visit.node(HOSTILE_TITLE)
    assert hostile >= 0
    visit.page.fill("#search", "<script>")
    visit.page.wait_for_selector("#results:not([hidden]) button")
    visit.page.press("#search", "Enter")
    visit.panel_loaded(hostile)
    visit.page.mouse.move(*visit.screen_point(hostile))
    assert visit.page.inner_text("#panel-title") == HOSTILE_TITLE
    meta = visit.page.inner_text("#panel-meta")
    assert "<script>window.__pwned = 2</script>" in meta and "evil<b>tag" in meta
    body = visit.page.locator("#panel-body")
    assert "<script>window.__pwned = 5</script>" in body.inner_text()  # shown as text
    assert body.locator("script, img, svg, iframe").count() == 0
    assert body.locator("code.tex").count() == 1  # the \text{<img …>} formula falls back to TeX
    assert body.locator("a[href^='javascript']").count() == 0
    assert body.locator("a.wikilink[data-node]").count() == 2  # Alpha and the hostile ghost
    visit.page.click("#panel-body a.wikilink >> nth=1")
    ghost = visit.node("</script><img src=x onerror=window.__pwned=9>")
    visit.panel_loaded(ghost)
    visit.page.check("#tag-nodes")
    visit.page.select_option("#colour", "tag")
    visit.page.wait_for_timeout(200)
    visit.assert_clean()
    assert visit.page.locator("body img, body svg").count() == 0
