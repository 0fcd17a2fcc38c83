"""`vaultkit publish` on a hostile vault written from the promise alone, checked end to end.

The vault below is built from what the documentation promises (notes, aliases, tags, `sympy`
blocks, `%% verify %%` claims) and packed with hostile text: file and folder names, aliases,
tags, link texts, raw HTML, links, images and formulas that would run script, load something
or break out of their element if the page trusted them. The page is published by the command
line, opened from file:// in headless Chromium, and driven like a reader would drive it. Every
payload calls `alert` or sets `window.__pwned`; every request, dialog and console error is
recorded for the whole session.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

import vaultkit

pytestmark = pytest.mark.xdist_group("test_outsider_publish")  # its tests share a module fixture: one worker runs them all

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
_SCRIPT = Path(sys.executable).with_name("vaultkit")
VAULTKIT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "vaultkit.cli"]  # the installed command

HOSTILE = "<img src=x onerror=alert(1)>"  # a note's title, from its file name
QUOTED = "\"Quoted\" & 'single' &amp; name"
TEMPLATE = "{{x}} {{7*7}} ${x} %s"
UNICODE = "ünïcødé 名前 🧪 \u202etxt"
HUGE = "Huge " + "W" * 200
SCRIPTISH = "javascript:alert(71)"
EVIL_FOLDER = "<svg onload=window.__pwned=61>"
GHOST_SCRIPT = "</script><svg onload=alert(26)>"  # an unresolved link's target, so a node's label
ALIAS_SCRIPT = "</script><script>window.__pwned=11</script>"

NOTES: dict[str, str | bytes] = {
    "physics/Physics.md": (
        "---\ntags: [physics]\naliases: [Natural philosophy]\n---\n"
        "# Physics\n\nPhysics studies [[Quantum mechanics]] and [[Missing concept]]; energy is $E = mc^2$.\n\n"
        "See also [[missing CONCEPT]] (the same unresolved link) and ![[Binomial]].\n\n"
        "## History\n\nOld.\n"
    ),
    "physics/quantum/Quantum mechanics.md": (
        "---\naliases:\n  - QM\n"
        f"  - \"{ALIAS_SCRIPT}\"\n"
        "  - \"javascript:alert(12)\"\n"
        "  - \"\\\" onmouseover=\\\"alert(13)\"\n"
        "  - \"{{constructor.constructor('alert(14)')()}}\"\n"
        "tags: [physics/quantum]\n---\n"
        "Quantum mechanics rests on [[Superposition|the <em>superposition</em> principle]] and on "
        "[[Physics#History|<img src=x onerror=alert(15)>]].\n"
    ),
    "physics/quantum/Superposition.md": (
        "A state is a sum of states; see [[Cafe\u0301]] (written decomposed). #physics/quantum/states\n"
    ),
    "maths/Café.md": (
        "---\ntags: [maths]\n---\nOn to [[Sigmoid#Derivative|the sigmoid]] and [the square](Binomial.md).\n"
    ),
    "ml/Sigmoid.md": (
        "---\ntags: [ml]\nderivations: [sigmoid-two-class-softmax]\n---\nThe logistic function $\\sigma(x) = \\frac{1}{1 + e^{-x}}$.\n\n## Derivative\n\nSee the steps.\n"
    ),
    "maths/Binomial.md": (
        "---\ntags: [maths]\n---\n# Binomial\n\n$$(a+b)^2 = a^2 + 2ab + b^2$$ %% verify binomial-square %%\n"
    ),
    "maths/Wrong.md": (
        "---\ntags: [maths]\n---\nA wrong identity, next to [[Binomial]].\n\n"
        "```sympy\nsymbols: x real\nclaim wrong-square: (x + 1)**2 == x**2 + 1\n```\n"
    ),
    "physics/Index.md": "Where physics starts: [[Physics]].\n",  # two notes with one title
    "maths/Index.md": "Where maths starts: [[Binomial]].\n",
    "maths/Lonely.md": "Nobody links here and this links nowhere. #physicsx\n",
    "Orphan at the top.md": "Only a link to itself: [[Orphan at the top]].\n",
    f"{HOSTILE}.md": (
        "---\naliases: [\"<svg onload=alert(21)>\", hostile alias]\n"
        "tags: [\"evil\\\"tag\", \"<b>bold</b>\", physics/quantum]\n---\n"
        "# <script>window.__pwned=22</script>\n\n"
        "Links: [[Physics|<b onmouseover=alert(23)>physics shown</b>]], "
        "[[Quantum mechanics#<script>alert(24)</script>]], [[javascript:alert(25)]], "
        f"[[{GHOST_SCRIPT}]], [[#<img src=x onerror=alert(27)>]], [[../../etc/passwd]].\n"
    ),
    "hostile/Raw HTML.md": (
        "<script>window.__pwned=31</script>\n\n"
        '<iframe src="http://tracker.invalid/frame"></iframe>\n\n'
        '<svg onload="window.__pwned=32"><circle r="1"/></svg>\n\n'
        '<a href="javascript:window.__pwned=33">html link</a>\n\n'
        "<style>@import url(http://tracker.invalid/style.css); body{background:url(http://tracker.invalid/bg.png)}</style>\n\n"
        '<link rel="stylesheet" href="http://tracker.invalid/x.css">\n\n'
        '<img src="http://tracker.invalid/raw.png">\n\n'
        '<object data="http://tracker.invalid/o"></object>\n\n'
        '<details open ontoggle="window.__pwned=34">x</details>\n\n'
        '<div style="background:url(http://tracker.invalid/div.png)">styled</div>\n\n'
        "[md js](javascript:window.__pwned=35) [md js2](JaVaScRiPt:alert(36)) "
        "[md data](data:text/html,<script>alert(37)</script>) [md vb](vbscript:msgbox(1))\n"
        '[ref link][r] <javascript:alert(38)> [ok link](https://example.org/page "t\\" onmouseover=\\"alert(39)")\n\n'
        "[r]: javascript:alert(40)\n\n"
        "![remote](http://tracker.invalid/md.png) ![[http://tracker.invalid/embed.png]] "
        "![data img](data:image/png;base64,iVBORw0KGgo=)\n\n"
        "&lt;script&gt;window.__pwned=41&lt;/script&gt; &#x3C;img src=x onerror=alert(42)&#x3E;\n\n"
        "```html\n<script>window.__pwned=43</script>\n```\n\n"
        "Inline $\\href{javascript:alert(44)}{x}$ and $\\text{<img src=x onerror=alert(45)>}$ "
        "and $\\unknowncommand{x}$.\n\n"
        "$$\\unknowncommand{y} = 1$$ %% verify %%\n\n"
        "```\"><img src=x onerror=alert(46)>\n<b>fenced</b>\n```\n\n"
        "$\\mathrm{<b>x</b>}$ $\\operatorname{\"onmouseover=alert(47)}$ $\\mathcolor{red}{x}$ $\\style{color:red}{x}$\n\n"
        "| <b>cell</b> | [[Physics\\|<i>shown</i>]] |\n|---|---|\n| %% <script>alert(48)</script> %% | ^blk |\n\n"
        "> [!note] <script>window.__pwned=49</script>\n> callout\n\n"
        f"Back to [[{HOSTILE}]].\n"
    ),
    f"hostile/{QUOTED}.md": (
        "---\naliases: [\"&amp;\", toString, __proto__]\n---\n"
        f"Tagged #odd_tag-1 and #Ünïcödé and #🧪. Links to [[{HOSTILE}|the hostile one]].\n"
    ),
    f"hostile/{TEMPLATE}.md": "Template-looking {{7*7}} ${alert(51)} text; links [[Quantum mechanics]].\n",
    f"hostile/{UNICODE}.md": "Unicode everywhere. [[Physics]]\n",
    f"hostile/{HUGE}.md": "A very long title. [[Physics]]\n",
    "hostile/Broken YAML.md": (
        "---\ntitle: \"{{title}}\naliases: [unclosed\n\ttags: tab\n---\nBody still parsed: [[Physics]] #brokenyaml\n"
    ),
    "hostile/Bad UTF-8.md": b"---\ntags: [bytes]\n---\nBad bytes \xff\xfe\xc3( here and [[Physics]].\n",
    f"{EVIL_FOLDER}/Inside a hostile folder.md": (
        "---\ntags: [\"x/\", \"<svg onload=alert(62)>\", \"a//b\", \"#constructor\", __proto__]\n---\n"
        "Points at [[Wrong]].\n"
    ),
    "hostile/__proto__.md": "[[constructor]] and [[toString]] (an alias).\n",
    f"hostile/{SCRIPTISH}.md": "A title that looks like a URL. [[Physics]]\n",
    ".obsidian/app.json": '{"theme": "dark"}\n',
    ".trash/Deleted.md": "[[Physics]] from the trash.\n",
    "attachments/pic.png": b"\x89PNG\r\n\x1a\n",
}
BAD_NAME = b"hostile/bad\xffname.md"  # a file name that is not UTF-8
BAD_NAME_TEXT = b"Name is not UTF-8. [[Physics]]\n"
NOTE_COUNT = 1 + sum(1 for rel in NOTES if rel.endswith(".md") and not rel.startswith("."))  # and the badly named one


def write_hostile_vault(root: Path) -> Path:
    root.mkdir(parents=True)
    for rel, content in NOTES.items():
        path = root.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with open(os.path.join(os.fsencode(root), BAD_NAME), "wb") as handle:
        handle.write(BAD_NAME_TEXT)
    return root


def snapshot(root: Path) -> dict[bytes, bytes | None]:
    """Every file and folder under `root` (names as bytes) with the file's bytes."""
    found: dict[bytes, bytes | None] = {}
    for folder, dirs, files in os.walk(os.fsencode(root)):
        for name in dirs:
            found[os.path.join(folder, name)] = None
        for name in files:
            with open(os.path.join(folder, name), "rb") as handle:
                found[os.path.join(folder, name)] = handle.read()
    return found


VAULT_NAME = "<img src=x onerror=alert(81)> {{7*7}} & vault"  # the page's title comes from it
GHOSTS = {"Missing concept", "javascript:alert(25)", GHOST_SCRIPT, "../../etc/passwd", "constructor"}
ORPHANS = {"Orphan at the top", "Lonely"}  # no link to or from another node (a link to itself does not count)

# what may appear inside a rendered note: plain HTML for text, links and code, and MathML
PANEL_HTML = set("p h1 h2 h3 h4 h5 h6 a span code pre div ul ol li em strong del s table thead tbody tr th td "
                 "blockquote hr br sup sub".split())  # fmt: skip
PANEL_ATTRIBUTES = {"class", "href", "data-node", "rel", "target", "title", "display", "stretchy", "mathvariant",
                    "fence", "separator", "lspace", "rspace", "accent", "movablelimits", "largeop", "symmetric",
                    "columnalign", "rowspacing", "columnspacing", "linethickness", "displaystyle", "scriptlevel",
                    "width", "minsize", "maxsize", "align", "start"}  # fmt: skip
MATHML = "http://www.w3.org/1998/Math/MathML"


class Site:
    """The vault, what publishing did to it, and what vaultkit itself reads from it."""

    def __init__(self, base: Path) -> None:
        self.root = write_hostile_vault(base / VAULT_NAME)
        self.out = base / "site"
        self.before = snapshot(self.root)
        env = {**os.environ, "VAULTKIT_CACHE_DIR": str(base / "cache")}
        self.run = subprocess.run(
            [*VAULTKIT, "publish", str(self.root), "-o", str(self.out)],
            capture_output=True, text=True, env=env, timeout=240, check=False,
        )  # fmt: skip
        self.after = snapshot(self.root)
        self.page = self.out / "index.html"
        self.vault = vaultkit.load(self.root, jobs=1)
        self.graph = self.vault.graph()
        self.verification = vaultkit.verify(self.vault, jobs=1, cache_dir=base / "cache")  # answered from the cache
        self.node_of = {data["title"]: node for node, data in self.graph.nodes(data=True) if data["title"] != "Index"}
        self.notes = {n for n, data in self.graph.nodes(data=True) if data["kind"] == "note"}
        self.ghosts = {n for n, data in self.graph.nodes(data=True) if data["kind"] == "ghost"}

    def tagged(self, tag: str) -> set[str]:
        """Notes carrying `tag` or a tag nested under it."""
        return {
            n for n in self.notes
            if any(t.lower() == tag or t.lower().startswith(tag + "/") for t in self.graph.nodes[n]["tags"])
        }  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    return Site(tmp_path_factory.mktemp("publish"))


class Session:
    """One page from file://, shared by the tests; everything it tries to do is recorded."""

    def __init__(self, browser, site: Site) -> None:  # noqa: ANN001
        self.url = site.page.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.page.wait_for_function("() => window.vaultkitReady === true", timeout=20000)
        self.labels: list[str] = self.js("window.vaultkit.items.map(item => item.label)")
        self.ids: list[str] = self.js("window.vaultkit.items.map(item => item.p || item.label)")  # the graph's ids
        self.own = self.elements()
        self.index = {node: i for i, node in enumerate(self.ids)}

    def _route(self, route) -> None:  # noqa: ANN001
        if route.request.url == self.url:
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:  # noqa: ANN001
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):  # noqa: ANN001, ANN201
        return self.page.evaluate(expression, arg)

    def visible(self) -> set[str]:
        shown = self.js("window.vaultkit.nodes.get({filter: n => !n.hidden && typeof n.id === 'number'}).map(n => n.id)")
        return {self.ids[i] for i in shown}

    def selected(self) -> list[str]:
        return [self.ids[i] for i in self.js("window.vaultkit.network.getSelectedNodes()") if isinstance(i, int)]

    def node(self, i: int) -> dict:
        return self.js("i => window.vaultkit.nodes.get(i)", i)

    def screen_point(self, i: int) -> tuple[float, float]:
        return tuple(self.js(
            """i => { const p = window.vaultkit.network.canvasToDOM(window.vaultkit.network.getPosition(i));
                      const r = document.querySelector('#graph canvas').getBoundingClientRect();
                      return [r.left + p.x, r.top + p.y]; }""",
            i,
        ))  # fmt: skip

    def centre_on(self, i: int) -> tuple[float, float]:
        """Bring node `i` to the middle of the map and put the pointer on it."""
        self.page.mouse.move(2, 2)
        self.page.wait_for_function(  # the map has taken the room the closed panel left
            "() => { const g = document.getElementById('graph'), c = g.querySelector('canvas');"
            " return Math.abs(g.clientWidth - c.clientWidth) < 2 && Math.abs(g.clientHeight - c.clientHeight) < 2; }")
        self.js("i => window.vaultkit.network.focus(i, {scale: 1.6, animation: false})", i)
        point = self.screen_point(i)
        self.page.mouse.move(*point)
        self.page.wait_for_function(f"() => document.body.dataset.hovered === '{i}'", timeout=3000)
        return point

    def panel_for(self, node: str) -> None:
        i = self.index[node]
        self.page.wait_for_selector(f"#panel:not([hidden])[data-loaded='{i}']", timeout=5000)
        assert self.page.inner_text("#panel-title") == self.labels[i]

    def open(self, node: str) -> None:
        """Select a node as search does (the click itself is tested on its own)."""
        self.page.fill("#search", "")
        self.js("i => window.vaultkit.go(i)", self.index[node])
        self.panel_for(node)

    def legend(self) -> list[tuple[str, str, str, str]]:
        """(text, fill, border, border style) of every legend row with a swatch; colours as rgb()."""
        return [tuple(row) for row in self.js("""() => [...document.querySelectorAll('#legend .swatch')].map(s => {
            const c = getComputedStyle(s);
            return [s.parentElement.textContent.trim(), c.backgroundColor, c.borderTopColor, c.borderTopStyle]; })""")]

    def reset(self) -> None:
        page = self.page
        page.fill("#search", "")
        page.press("#search", "Escape")
        page.select_option("#colour", "status")
        page.select_option("#tag-filter", "")
        page.select_option("#depth", "0")
        page.uncheck("#orphans")
        page.check("#ghosts")
        page.uncheck("#tag-nodes")
        if page.is_visible("#close"):
            page.click("#close")
        self.js("() => document.getElementById('panel').removeAttribute('data-loaded')")

    def assert_clean(self) -> None:
        assert set(self.requests) <= {self.url}, self.requests
        assert self.foreign == []
        assert self.js("performance.getEntriesByType('resource').map(e => e.name)") == []
        assert self.errors == []
        assert self.dialogs == []
        assert self.js("typeof window.__pwned") == "undefined"
        # nothing in the document that runs or loads, and no script or style besides the page's own
        assert self.elements() == self.own
        assert self.js("""() => [...document.querySelectorAll('*')]
            .filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length""") == 0
        assert self.js("""() => document.querySelectorAll(
            'img, svg, iframe, frame, object, embed, link, base, form, video, audio, source, script[src]').length""") == 0

    def elements(self) -> list:
        return self.js("() => [...document.querySelectorAll('script, style')].map(e => [e.localName, e.id, e.type])")


@pytest.fixture(scope="module")
def session(site: Site):
    assert site.run.returncode == 0, site.run.stderr
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        opened = Session(browser, site)
        yield opened
        opened.context.close()
        browser.close()


@pytest.fixture
def view(session: Session) -> Session:
    session.reset()
    yield session
    session.assert_clean()


def rgb(hex_colour: str) -> str:
    n = int(hex_colour.lstrip("#"), 16)
    return f"rgb({n >> 16}, {(n >> 8) & 255}, {n & 255})"


# ------------------------------------------------------------------ the command


def test_publish_succeeds_and_leaves_the_vault_untouched(site: Site) -> None:
    assert site.run.returncode == 0, site.run.stderr
    assert "Traceback" not in site.run.stderr and "Traceback" not in site.run.stdout
    assert site.page.is_file()
    assert site.after == site.before  # not a byte, file or folder added, changed or removed
    assert sorted(p.name for p in site.out.iterdir()) == ["index.html"]


def test_the_page_file_holds_no_markup_from_the_vault(site: Site) -> None:
    """Read as HTML, the file has only the page's own elements, and none that loads anything."""

    class Elements(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.found: list[tuple[str, dict]] = []

        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.found.append((tag, dict(attrs)))

    text = site.page.read_text(encoding="utf-8")
    parser = Elements()
    parser.feed(text)
    tags = {tag for tag, _ in parser.found}
    assert not tags & {"img", "iframe", "svg", "object", "embed", "link", "base", "frame", "audio", "video",
                       "source", "form", "details", "b", "em", "i"}, tags  # fmt: skip
    for tag, attrs in parser.found:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs and "href" not in attrs and "style" not in attrs, (tag, attrs)

    class Scripts(HTMLParser):  # the text of every script the browser would run
        def __init__(self) -> None:
            super().__init__(convert_charrefs=False)
            self.inside = False
            self.code: list[str] = []

        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.inside = tag == "script" and dict(attrs).get("type") != "application/json"

        def handle_endtag(self, tag: str) -> None:
            self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside:
                self.code.append(data)

    scripts = Scripts()
    scripts.feed(text)
    code = "".join(scripts.code)
    assert code  # no payload anywhere outside the inert JSON data
    assert not re.search(r"__pwned|alert\(\d|tracker\.invalid|\{\{7\*7\}\}", code)
    assert not re.search(r"https?://[^\s\"'<>]*\.(?:css|woff2?|ttf|js)\b", text.replace("http://www.w3.org/", ""))


# ------------------------------------------------------------------ the page as a reader sees it


def test_page_loads_offline_with_every_node_and_true_counts(view: Session, site: Site) -> None:
    assert view.js("window.vaultkit.nodes.length") == site.graph.number_of_nodes()
    assert set(view.ids) == set(site.graph.nodes)
    assert view.visible() == set(site.graph.nodes)
    assert GHOSTS <= {site.graph.nodes[n]["title"] for n in site.ghosts}
    counts = view.page.inner_text("#counts")
    numbers = dict((what, int(n)) for n, what in re.findall(r"(\d+) (notes|links|unresolved links|checked claims)", counts))
    to_ghosts = sum(1 for _, target in site.graph.edges if target in site.ghosts)
    assert numbers == {
        "notes": NOTE_COUNT,
        "links": site.graph.number_of_edges() - to_ghosts,
        "unresolved links": to_ghosts,
        "checked claims": len(site.verification.results),
    }, counts
    assert len(site.notes) == NOTE_COUNT
    verdicts = {v.value for v in (r.verdict for r in site.verification.results)}
    assert {"false", "error"} <= verdicts and verdicts & {"proved", "checked"}
    for verdict in verdicts:
        n = sum(1 for r in site.verification.results if r.verdict.value == verdict)
        assert f"{n} {verdict}" in counts
    assert view.page.title().startswith(VAULT_NAME) and view.page.inner_text("h1") == VAULT_NAME


def test_search_by_title_and_by_alias_focuses_the_note(view: Session, site: Site) -> None:
    for query, title in [
        ("onerror=alert(1)", HOSTILE),
        ("qm", "Quantum mechanics"),
        (ALIAS_SCRIPT[:20], "Quantum mechanics"),
        ("natural philo", "Physics"),
        ("Huge WWW", HUGE),
        ("{{7*7}}", TEMPLATE),
        ("hostile alias", HOSTILE),
    ]:
        view.page.fill("#search", query)
        view.page.wait_for_selector("#results:not([hidden]) button")
        assert view.page.locator("#results button").first.inner_text().startswith(title)
        view.page.press("#search", "Enter")
        view.panel_for(site.node_of[title])
        assert view.selected() == [site.node_of[title]]
        x, y = view.screen_point(view.index[site.node_of[title]])  # brought into view
        box = view.page.locator("#graph canvas").bounding_box()
        assert box["x"] < x < box["x"] + box["width"] and box["y"] < y < box["y"] + box["height"]
    view.page.select_option("#tag-filter", "maths")
    view.page.uncheck("#ghosts")
    for query, node in [("QM", "physics/quantum/Quantum mechanics"), ("missing conc", site.node_of["Missing concept"])]:
        view.page.fill("#search", query)  # a note the filters hide is shown when found
        view.page.press("#search", "Enter")
        view.panel_for(node)
        assert view.selected() == [node] and node in view.visible()
    view.page.fill("#search", "<")
    view.page.wait_for_selector("#results:not([hidden]) button")
    assert view.page.locator("#results button").count() >= 3
    assert view.page.locator("#results *:not(li):not(button):not(small)").count() == 0
    view.page.fill("#search", "index")  # two notes share a title: the results tell them apart
    view.page.wait_for_selector("#results:not([hidden]) button")
    found = view.page.locator("#results button").all_inner_texts()
    assert len(found) == 2 and found[0] != found[1], found
    for folder in ("maths", "physics"):
        view.page.fill("#search", "index")
        view.page.locator("#results button", has_text=folder).click()
        view.panel_for(f"{folder}/Index")
        assert view.selected() == [f"{folder}/Index"]
    view.page.fill("#search", "javascript:alert(12)")  # an alias, matched and shown as text
    view.page.wait_for_selector("#results:not([hidden]) button")
    first = view.page.locator("#results button").first
    assert "javascript:alert(12)" in first.inner_text()
    first.click()
    view.panel_for(site.node_of["Quantum mechanics"])
    meta = view.page.inner_text("#panel-meta")
    for alias in ("QM", ALIAS_SCRIPT, "javascript:alert(12)", "\" onmouseover=\"alert(13)"):
        assert alias in meta, alias


def test_tag_filter_keeps_nested_tags(view: Session, site: Site) -> None:
    options = view.js("[...document.querySelectorAll('#tag-filter option')].map(o => o.value)")
    assert {"physics", "physics/quantum", "maths", "<svg onload=alert(62)>", "evil\"tag"} <= set(options)
    physics = site.tagged("physics")
    assert {"physics/Physics", "physics/quantum/Quantum mechanics", "physics/quantum/Superposition",
            HOSTILE} <= physics and "maths/Lonely" not in physics  # fmt: skip
    for tag in ("physics", "physics/quantum", "maths", "<svg onload=alert(62)>", "x"):
        view.page.select_option("#tag-filter", tag)
        assert view.visible() == site.tagged(tag), tag
        assert view.visible()
    assert f"showing {len(site.tagged('x'))} of {len(view.ids)}" in view.page.inner_text("#visible")


def test_hide_orphans_and_hide_unresolved_links(view: Session, site: Site) -> None:
    everything = set(site.graph.nodes)
    orphans = {site.node_of[title] for title in ORPHANS}
    view.page.check("#orphans")
    assert view.visible() == everything - orphans
    view.page.uncheck("#ghosts")
    assert view.visible() == everything - orphans - site.ghosts
    view.page.uncheck("#orphans")
    assert view.visible() == everything - site.ghosts
    view.page.check("#ghosts")
    assert view.visible() == everything


def test_sizes_follow_backlinks_and_ghosts_are_hollow(view: Session, site: Site) -> None:
    graph = site.graph
    backlinks = {n: sum(1 for s in graph.predecessors(n) if s != n) for n in site.notes}
    size = {n: view.node(view.index[n])["size"] for n in site.notes}
    for a in site.notes:
        for b in site.notes:
            if backlinks[a] > backlinks[b]:
                assert size[a] > size[b], (a, b)
    assert max(size, key=size.get) == "physics/Physics"
    fills = {view.node(view.index[n])["color"]["background"] for n in site.ghosts}
    assert fills == {"#ffffff"}  # the page's background: drawn hollow
    assert all(view.node(view.index[n])["shapeProperties"]["borderDashes"] for n in site.ghosts)
    assert not any(view.node(view.index[n])["shapeProperties"]["borderDashes"] for n in site.notes)
    unresolved = [row for row in view.legend() if "unresolved" in row[0]]
    assert unresolved and unresolved[0][1] == rgb("#ffffff") and unresolved[0][3] == "dashed"


def legend_meaning(view: Session) -> dict[str, str]:
    """Fill colour (rgb) → the legend text for it, for the fill part of the legend."""
    meaning: dict[str, str] = {}
    for text, fill, _border, _style in view.legend():
        if fill != rgb("#ffffff"):  # border and unresolved rows are drawn on white
            meaning.setdefault(fill, text)
    return meaning


def fills(view: Session, site: Site) -> dict[str, str]:
    return {n: rgb(view.node(view.index[n])["color"]["background"]) for n in site.notes}


def test_colour_modes_and_their_legends(view: Session, site: Site) -> None:
    from vaultkit import analysis

    status = {note: (v.value if (v := site.verification.status.get(note)) else "no claims") for note in site.notes}
    assert status["maths/Wrong"] == "false" and status["hostile/Raw HTML"] == "error"
    assert status["maths/Binomial"] in ("proved", "checked")
    meaning = legend_meaning(view)
    for note, fill in fills(view, site).items():
        assert meaning[fill] == status[note], note
    texts = {}
    for mode in ("folder", "tag", "community"):
        view.page.select_option("#colour", mode)
        texts[mode] = view.page.inner_text("#legend")
        meaning = legend_meaning(view)
        shown = fills(view, site)
        if mode == "folder":
            for note, fill in shown.items():
                top = site.graph.nodes[note]["folder"].split("/")[0]
                assert meaning[fill] == (f"{top}/" if top else "(top of the vault)"), note
            assert f"{EVIL_FOLDER}/" in texts[mode]  # a hostile folder name, as text
            assert shown["physics/Physics"] == shown["physics/quantum/Superposition"]
            assert shown["physics/Physics"] != shown["maths/Binomial"]
        elif mode == "tag":
            for note, fill in shown.items():
                tags = {t.lower().split("/")[0] for t in site.graph.nodes[note]["tags"]}
                assert meaning[fill] == "other" or meaning[fill].lstrip("#") in tags, (note, meaning[fill])
                if not tags:
                    assert meaning[fill] == "other", note
            assert "#physics" in texts[mode] and "#maths" in texts[mode]
        else:
            community = {n: i for i, members in enumerate(analysis.communities(site.graph)) for n in members}
            for a, fill_a in shown.items():
                for b, fill_b in shown.items():
                    if community[a] == community[b]:
                        assert fill_a == fill_b, (a, b)
                    elif meaning[fill_a] != "other":
                        assert fill_a != fill_b, (a, b)
            assert all(meaning[fill].startswith("community ") or meaning[fill] == "other" for fill in shown.values())
    assert len({texts["folder"], texts["tag"], texts["community"]}) == 3
    assert "proved" in texts["folder"] and "false" in texts["folder"]  # the status is still told, by the border
    view.page.select_option("#colour", "status")
    assert "false" in view.page.inner_text("#legend")


def test_a_huge_title_is_cut_on_the_map_and_whole_elsewhere(view: Session, site: Site) -> None:
    i = view.index[f"hostile/{HUGE}"]
    drawn = view.node(i)["label"]
    assert len(drawn) <= 80 and HUGE.startswith(drawn.rstrip("…")) and drawn.endswith("…")
    box = view.js("i => window.vaultkit.network.getBoundingBox(i)", i)
    assert box["right"] - box["left"] < 1000  # the whole title would be some 2,500 pixels wide
    view.centre_on(i)
    assert view.page.inner_text("#tooltip").startswith(HUGE)
    view.page.fill("#search", "Huge")
    view.page.press("#search", "Enter")
    view.panel_for(f"hostile/{HUGE}")
    assert view.page.inner_text("#panel-title") == HUGE


def test_hover_highlights_exactly_the_neighbours(view: Session, site: Site) -> None:
    node = "physics/quantum/Quantum mechanics"
    i = view.index[node]
    point = view.centre_on(i)
    view.page.mouse.move(2, 2)
    view.page.wait_for_function("() => !document.body.dataset.hovered", timeout=3000)
    before = {j: view.node(j) for j in range(len(view.ids))}
    view.page.mouse.move(*point)
    view.page.wait_for_function(f"() => document.body.dataset.hovered === '{i}'", timeout=3000)
    after = {j: view.node(j) for j in range(len(view.ids))}
    def look(node: dict) -> tuple:
        return node["color"], node.get("borderWidth")

    changed = {view.ids[j] for j in after if look(after[j]) != look(before[j])}
    neighbours = set(site.graph.predecessors(node)) | set(site.graph.successors(node)) | {node}
    assert changed == neighbours
    assert view.page.inner_text("#tooltip").startswith("Quantum mechanics")
    view.page.mouse.move(5, 5)


def test_clicking_the_hostile_note_opens_its_panel_as_text(view: Session, site: Site) -> None:
    i = view.index[HOSTILE]
    point = view.centre_on(i)
    assert view.page.inner_text("#tooltip").startswith(HOSTILE)
    assert view.page.locator("#tooltip *").count() == 0
    view.page.mouse.click(*point)
    view.panel_for(HOSTILE)
    assert view.selected() == [HOSTILE]
    assert view.page.inner_text("#panel-title") == HOSTILE
    meta = view.page.inner_text("#panel-meta")
    assert "<svg onload=alert(21)>" in meta and "hostile alias" in meta
    assert "#evil\"tag" in meta and "#<b>bold</b>" in meta and "#physics/quantum" in meta
    backlinks = view.page.inner_text("#panel-backlinks")
    assert QUOTED in backlinks and "Raw HTML" in backlinks
    body = view.page.locator("#panel-body")
    assert "<script>window.__pwned=22</script>" in body.inner_text()
    assert "<b onmouseover=alert(23)>physics shown</b>" in body.inner_text()
    view.page.click("#panel-body a.wikilink >> text=<b onmouseover=alert(23)>physics shown</b>")
    view.panel_for("physics/Physics")
    assert view.selected() == ["physics/Physics"]
    backlinks = view.page.locator("#panel-backlinks button").all_inner_texts()
    assert any("physics/Index" in text for text in backlinks), backlinks  # a shared title, told apart


def test_wikilinks_in_the_panel_move_through_the_map(view: Session, site: Site) -> None:
    for start, text, target in [
        ("physics/quantum/Superposition", "Café", "maths/Café"),  # written decomposed (NFD)
        ("maths/Café", "the sigmoid", "ml/Sigmoid"),  # with a heading and a display text
        ("maths/Café", "the square", "maths/Binomial"),  # a Markdown link to a note
        ("hostile/__proto__", "toString", f"hostile/{QUOTED}"),  # through an alias
        (f"hostile/{QUOTED}", "the hostile one", HOSTILE),
        ("hostile/Raw HTML", HOSTILE, HOSTILE),
        (HOSTILE, GHOST_SCRIPT, site.node_of[GHOST_SCRIPT]),
        ("physics/Physics", "missing CONCEPT", site.node_of["Missing concept"]),
    ]:
        view.open(start)
        links = view.page.locator("#panel-body a.wikilink")
        texts = [unicodedata.normalize("NFC", t) for t in links.all_inner_texts()]
        assert unicodedata.normalize("NFC", text) in texts, (start, texts)
        links.nth(texts.index(unicodedata.normalize("NFC", text))).click()
        view.panel_for(target)
        assert view.selected() == [target]
    view.page.select_option("#tag-filter", "physics")
    view.open("physics/Physics")
    view.page.click("#panel-body a.wikilink >> text=Binomial")  # hidden by the filter, shown on arrival
    view.panel_for("maths/Binomial")
    assert "maths/Binomial" in view.visible()
    view.open("physics/Physics")
    view.page.select_option("#depth", "1")
    view.page.click("#panel-body a.wikilink >> text=Quantum mechanics")  # the local view follows
    view.panel_for("physics/quantum/Quantum mechanics")
    qm = "physics/quantum/Quantum mechanics"
    assert view.visible() == {qm} | set(site.graph.predecessors(qm)) | set(site.graph.successors(qm))


def test_formulas_become_mathml_or_stay_tex(view: Session) -> None:
    view.open("physics/Physics")
    maths = view.page.locator("#panel-body math")
    assert maths.count() == 1 and maths.first.evaluate("m => m.namespaceURI") == MATHML
    assert "mc" in maths.first.text_content().replace(" ", "")
    view.open("hostile/Raw HTML")
    tex = view.page.locator("#panel-body code").all_text_contents()
    for formula in ("\\unknowncommand{x}", "\\href{javascript:alert(44)}{x}",
                    "\\text{<img src=x onerror=alert(45)>}", "\\unknowncommand{y} = 1"):  # fmt: skip
        assert formula in tex, formula
    converted = " ".join(view.page.locator("#panel-body math").all_text_contents())
    assert "javascript" not in converted and "unknowncommand" not in converted
    view.open("maths/Binomial")
    assert view.page.locator("#panel-body math").count() == 1


def claim_rows(view: Session) -> list[str]:
    if view.page.is_hidden("#panel-claims"):
        return []
    return view.page.locator("#panel-claims tbody tr").all_inner_texts()


def test_claims_verdicts_and_counterexamples_in_the_panel(view: Session, site: Site) -> None:
    view.open("maths/Wrong")
    rows = claim_rows(view)
    assert len(rows) == 1 and "false" in rows[0] and "wrong-square" in rows[0]
    assert re.search(r"counterexample\W.*x = -?\d", rows[0]), rows[0]
    assert "false" in view.page.inner_text("#panel-status")
    view.open("maths/Binomial")
    rows = claim_rows(view)
    assert len(rows) == 1 and "binomial-square" in rows[0] and re.search(r"\b(proved|checked)\b", rows[0])
    view.open("hostile/Raw HTML")
    rows = claim_rows(view)
    assert len(rows) == 1 and "error" in rows[0] and "unknowncommand" in rows[0]
    view.open("ml/Sigmoid")  # a built-in derivation attaches to this title: its steps, each with a verdict
    rows = claim_rows(view)
    expected = [r for r in site.verification.results if r.derivation and "ml/Sigmoid" in site.verification.attached
                and r.derivation in site.verification.attached["ml/Sigmoid"]]  # fmt: skip
    assert len(rows) == len(expected) >= 3
    assert all(re.match(r"(proved|checked)\b", row) for row in rows)
    view.open("physics/Physics")
    assert claim_rows(view) == [] and "no claims" in view.page.inner_text("#panel-status")
    total = 0
    for node in site.notes:
        view.open(node)
        total += len(claim_rows(view))
    attached_twice = sum(
        len(holders) - 1
        for name in {r.derivation for r in site.verification.results if r.derivation}
        if (holders := [n for n, names in site.verification.attached.items() if name in names])
        for r in site.verification.results if r.derivation == name
    )  # fmt: skip
    assert total == len(site.verification.results) + attached_twice


def test_local_view_depths(view: Session, site: Site) -> None:
    node = "physics/quantum/Superposition"
    view.page.mouse.click(*view.centre_on(view.index[node]))
    view.panel_for(node)
    undirected = site.graph.to_undirected()
    sizes = []
    for depth in (1, 2, 3):
        view.page.select_option("#depth", str(depth))
        expected = set(nx.single_source_shortest_path_length(undirected, node, cutoff=depth))
        assert view.visible() == expected, depth
        sizes.append(len(expected))
    assert sizes[0] < sizes[1] < sizes[2] < len(view.ids)
    view.page.select_option("#depth", "1")
    view.page.fill("#search", "Lonely")
    view.page.press("#search", "Enter")  # another concept chosen: the local view moves to it
    view.panel_for("maths/Lonely")
    assert view.visible() == {"maths/Lonely"}
    view.page.select_option("#depth", "0")
    assert view.visible() == set(site.graph.nodes)


def test_tags_as_nodes(view: Session, site: Site) -> None:
    view.page.check("#tag-nodes")
    labels = view.js("window.vaultkit.nodes.get({filter: n => !n.hidden && typeof n.id !== 'number'}).map(n => n.label)")
    carried = {t.lower() for n in site.notes for t in site.graph.nodes[n]["tags"]}
    assert {label.lstrip("#").lower() for label in labels} >= carried - {""}
    assert "#<svg onload=alert(62)>" in labels
    view.page.uncheck("#tag-nodes")
    assert view.js("window.vaultkit.nodes.get({filter: n => typeof n.id !== 'number'}).length") == 0


def test_every_panel_is_inert_text(view: Session, site: Site) -> None:
    """Open every node; the rendered note holds only text markup and MathML, with nothing that runs or loads."""
    for node in view.ids:
        view.open(node)
        found = view.js("""() => [...document.querySelectorAll('#panel-body *')].map(e =>
            [e.namespaceURI, e.localName, [...e.attributes].map(a => [a.name, a.value])])""")
        for namespace, name, attributes in found:
            if namespace == MATHML:
                assert all(a in PANEL_ATTRIBUTES - {"href", "data-node", "target", "rel", "title"} for a, _ in attributes)
                continue
            assert name in PANEL_HTML, (node, name)
            for attribute, value in attributes:
                assert attribute in PANEL_ATTRIBUTES, (node, name, attribute)
                if attribute == "href":
                    assert value == "#" or re.match(r"https?://", value), (node, value)
    for node, text in [("hostile/bad\ufffdname", "Name is not UTF-8."), ("hostile/Bad UTF-8", "Bad bytes"),
                       ("hostile/Broken YAML", "Body still parsed")]:  # fmt: skip
        view.open(node)
        assert text in view.page.inner_text("#panel-body")
