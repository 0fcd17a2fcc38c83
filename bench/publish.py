#!/usr/bin/env python3
"""Benchmark `vaultkit publish` on the bundled vault and large synthetic vaults, against pyvis's default page.

    python bench/publish.py [--sizes sample,5000,20000] [--loads 3] [--pyvis-timeout 900] [--no-docs]

For each size: the vault (`sample` is the bundled `vault/`; a number is the vault from
`bench/generate.py` with that many notes, shared with `bench/run.py`), a cold
`vaultkit publish` in a fresh process (empty verification cache), the page's byte
sizes, and the time headless Chromium takes from navigation to the first drawing of
the graph (`window.vaultkitTimings.drawn`, set after the first draw once the layout
is settled, when `window.vaultkitReady` becomes true and the page answers clicks).
Then the same graph through pyvis's defaults, `Network().from_nx(graph)` and
`write_html`, timed the same way. Results go to `bench/out/publish.json` and the
marked section of docs/performance.md, with the targets each run meets.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
DOC = REPO / "docs" / "performance.md"
START, END = "<!-- bench:publish:start -->", "<!-- bench:publish:end -->"
SAMPLE = "sample"  # the bundled vault
SAMPLE_VAULT = REPO / "vault"
# Targets: milliseconds from navigation to the first drawing, per vault; bytes of graph data
# per node and edge; note panels as a multiple of the notes' Markdown.
DRAW_TARGET_MS = {SAMPLE: 1000, "5000": 5000, "20000": 15000}
GRAPH_BYTES_TARGET = 300
PANEL_RATIO_TARGET = 3.0
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip

sys.path.insert(0, str(HERE))
from run import ensure_vault, find_vaultkit, label, log, script_python  # noqa: E402

PYVIS_SCRIPT = r'''
import json, sys, time
import vaultkit
from pyvis.network import Network
vault, directed = sys.argv[1], sys.argv[2] == "directed"
graph = vaultkit.load(vault).graph()
for _, data in graph.nodes(data=True):  # pyvis passes every attribute to vis-network; keep them JSON-able
    data["properties"] = json.dumps(data["properties"], ensure_ascii=False)
started = time.perf_counter()
net = Network(directed=True) if directed else Network()
net.from_nx(graph)
built = time.perf_counter()
net.write_html("pyvis.html")
done = time.perf_counter()
data = len(json.dumps(net.nodes)) + len(json.dumps(net.edges))
print(json.dumps({"from_nx_s": built - started, "write_s": done - built, "nodes": len(net.nodes),
                  "edges": len(net.edges), "data_bytes": data}))
'''

DRAW_HOOK = r'''
window.__drawn = null;
const __poll = setInterval(() => {
  if (window.network && window.network.once) {
    clearInterval(__poll);
    window.network.once("afterDrawing", () => { window.__drawn = performance.now(); });
  }
}, 10);
'''


def machine() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip()
    chromium = subprocess.run([chromium_path(), "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return {"uname": uname, "cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "chromium": chromium, "commit": commit,
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}  # fmt: skip


def chromium_path() -> str:
    return shutil.which("chromium") or "/usr/bin/chromium"


def markdown_bytes(vault: Path) -> int:
    from vaultkit.files import discover

    files = discover(vault)
    return sum(os.path.getsize(files.root / files.disk_path(p)) for p in files.notes)


def element(page: str, ident: str) -> str:
    match = re.search(f'<script type="application/json" id="{ident}">(.*?)</script>', page, re.S)
    return match.group(1) if match else ""


def publish(vk: Path, vault: Path, site: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="vk-cache-") as cache:
        env = dict(os.environ, VAULTKIT_CACHE_DIR=cache)
        started = time.perf_counter()
        run = subprocess.run([str(vk), "publish", str(vault), "-o", str(site)], env=env, capture_output=True, text=True)
        wall = time.perf_counter() - started
    if run.returncode != 0:
        raise RuntimeError(run.stderr[-2000:])
    page = (site / "index.html").read_text(encoding="utf-8")
    graph_text = element(page, "graph-data")
    graph = json.loads(graph_text)
    panels_text = element(page, "panel-data")
    panels = json.loads(gzip.decompress(base64.b64decode(json.loads(panels_text))))
    html = sum(len(entry.get("h", "").encode("utf-8")) for entry in panels.values())
    data_bytes = len(json.dumps({"nodes": graph["nodes"], "edges": graph["edges"]}, ensure_ascii=False, separators=(",", ":")).encode())
    return {"wall_s": wall, "page_bytes": len(page.encode("utf-8")), "graph_element_bytes": len(graph_text.encode()),
            "graph_data_bytes": data_bytes, "nodes": len(graph["nodes"]), "edges": len(graph["edges"]),
            "panel_bytes": len(panels_text), "panel_html_bytes": html, "laid_out": graph["laidOut"]}  # fmt: skip


def local_copies() -> dict[str, Path]:
    """pyvis's page loads vis-network from a CDN; serve its own copy instead, so it can be timed offline."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return {"vis-network.min.js": lib / "vis-network.min.js", "vis-network.min.css": lib / "vis-network.css"}


def offline_copy(page: Path) -> Path:
    """pyvis's page with the subresource-integrity checks taken out: the CDN's vis-network build is
    not byte-identical to the copy pyvis ships, which `load_times` serves in its place."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'\s(integrity|crossorigin|referrerpolicy)="[^"]*"', "", text)
    copy = page.with_name("pyvis-offline.html")
    copy.write_text(text, encoding="utf-8")
    return copy


def load_times(browser, url: str, loads: int, ready: str, drawn: str, timeout_s: float,  # noqa: ANN001
               details: str | None = None) -> dict:
    """Milliseconds from navigation to the first drawing of the graph, per load; requests off the file.

    A request off the file is recorded; vis-network from a CDN is answered with pyvis's
    local copy, anything else is refused. `details`, if given, is evaluated after each
    load and kept (the page's own timings).
    """
    times, wall, blocked, more = [], [], [], []
    copies = local_copies()

    def route(request_route) -> None:  # noqa: ANN001
        request = request_route.request.url
        if request.startswith("file:"):
            request_route.continue_()
            return
        blocked.append(request)
        name = request.rsplit("/", 1)[-1]
        if name in copies:
            request_route.fulfill(path=copies[name])
        else:
            request_route.abort()

    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.add_init_script(DRAW_HOOK)
        context.route("**/*", route)
        page = context.new_page()
        started = time.perf_counter()
        try:
            page.goto(url, timeout=timeout_s * 1000)
            page.wait_for_function(ready, timeout=timeout_s * 1000, polling=100)
            times.append(page.evaluate(drawn))
            wall.append(time.perf_counter() - started)
            if details:
                more.append(page.evaluate(details))
        except Exception as error:  # noqa: BLE001 — a page that never draws is a result
            log(f"  not drawn: {str(error).splitlines()[0]}")
            times.append(None)
            wall.append(None)
        context.close()
    done = [t for t in times if t is not None]
    result = {"drawn_ms": times, "median_ms": statistics.median(done) if done else None, "wall_s": wall,
              "blocked_requests": sorted(set(blocked))}  # fmt: skip
    if details:
        result["details"] = more
    return result


def pyvis_page(vk: Path, vault: Path, site: Path, directed: bool, timeout_s: float) -> dict:
    site.mkdir(parents=True, exist_ok=True)
    try:
        run = subprocess.run([script_python(vk), "-c", PYVIS_SCRIPT, str(vault), "directed" if directed else "default"],
                             cwd=site, capture_output=True, text=True, timeout=timeout_s)  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"timeout_s": timeout_s}
    if run.returncode != 0:
        return {"error": run.stderr[-1500:]}
    result = json.loads(run.stdout.strip().splitlines()[-1])
    result["page_bytes"] = (site / "pyvis.html").stat().st_size
    result["lib_bytes"] = sum(f.stat().st_size for f in (site / "lib").rglob("*") if f.is_file()) if (site / "lib").exists() else 0
    return result


def render(results: dict) -> str:
    m = results["machine"]
    wait = results.get("draw_timeout_s")
    lines = [
        f"Measured {m['date']} on {m['cpu']}, {m['cores']} cores; `{m['uname']}`; Python {m['python']}, {m['chromium']}; "
        f"vaultkit commit {m['commit']}. Vaults: {vault_names(results)}. Load times are the median of "
        f"{results['loads']} loads, each in a new browser context, in milliseconds from navigation to the first "
        "drawing of the graph (for vaultkit's page, the moment `window.vaultkitReady` becomes true and the page "
        "answers clicks).",
        "",
        "| vault | nodes | edges | `vaultkit publish` s | page MB | graph data B / (node+edge) | panels / Markdown (stored; HTML) | first draw ms (target) | laid out in Python |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    for size in results["sizes"]:
        r = results["runs"][str(size)]
        p = r["publish"]
        per = p["graph_data_bytes"] / (p["nodes"] + p["edges"])
        target = DRAW_TARGET_MS.get(str(size))
        lines.append(
            f"| {name(size)} | {p['nodes']} | {p['edges']} | {p['wall_s']:.1f} | {_mb(p['page_bytes'])} | {per:.0f} | "
            f"{p['panel_bytes'] / r['markdown_bytes']:.2f}; {p['panel_html_bytes'] / r['markdown_bytes']:.2f} | "
            f"{_ms(r['load']['median_ms'], wait)}{f' (< {target})' if target else ''} | {'yes' if p['laid_out'] else 'no'} |"
        )
    lines += ["", targets(results)]
    lines += ["", "pyvis's default page of the same graph (`Network().from_nx(graph)`, `write_html`; physics on):", "",
              "| vault | pyvis | from_nx s | write_html s | page MB (+ lib/ MB) | graph data B / (node+edge) | first draw ms |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for size in results["sizes"]:
        for variant, r in results["runs"][str(size)]["pyvis"].items():
            if "timeout_s" in r:
                lines.append(f"| {name(size)} | `{variant}` | did not finish in {r['timeout_s']:.0f} s | | | | |")
                continue
            if "error" in r:
                lines.append(f"| {name(size)} | `{variant}` | failed | | | | |")
                continue
            per = r["data_bytes"] / (r["nodes"] + r["edges"])
            lines.append(
                f"| {name(size)} | `{variant}` | {_s(r['from_nx_s'])} | {_s(r['write_s'])} | {_mb(r['page_bytes'])} (+ {_mb(r['lib_bytes'])}) | "
                f"{per:.0f} | {_ms(r['load']['median_ms'], wait)} |"
            )
    blocked = sorted({u for s in results["sizes"] for r in results["runs"][str(s)]["pyvis"].values() for u in r.get("load", {}).get("blocked_requests", [])})
    ours = sorted({u for s in results["sizes"] for u in results["runs"][str(s)]["load"]["blocked_requests"]})
    lines += ["", f"- Requests the vaultkit page tried to make: {', '.join(ours) if ours else 'none'}."]
    if blocked:
        lines.append(f"- Requests pyvis's page makes: {', '.join(f'`{u}`' for u in blocked)}. To time it offline, the "
                     "vis-network files were answered with pyvis's own copies and the rest (Bootstrap) refused.")
    return "\n".join(lines)


def name(size: str | int) -> str:
    return "sample (`vault/`)" if size == SAMPLE else label(int(size))


def vault_names(results: dict) -> str:
    names = []
    if SAMPLE in results["sizes"]:
        names.append("the bundled `vault/` (sample)")
    if any(s != SAMPLE for s in results["sizes"]):
        names.append("`bench/generate.py --seed 0`")
    return " and ".join(names)


def targets(results: dict) -> str:
    """One sentence: which of the page's targets this run meets."""
    parts, held = [], []
    for size in results["sizes"]:
        target = DRAW_TARGET_MS.get(str(size))
        if target is None:
            continue
        drawn = results["runs"][str(size)]["load"]["median_ms"]
        ok = drawn is not None and drawn < target
        held.append(ok)
        what = "is interactive" if size == SAMPLE else "shows its graph"
        parts.append(f"the {name(size)} page {what} in under {target / 1000:g} s: {'holds' if ok else 'missed'} ({f'{drawn:.0f} ms' if drawn is not None else 'not drawn'})")
    runs = [results["runs"][str(s)] for s in results["sizes"]]
    per = max(r["publish"]["graph_data_bytes"] / (r["publish"]["nodes"] + r["publish"]["edges"]) for r in runs)
    ok = per < GRAPH_BYTES_TARGET
    held.append(ok)
    parts.append(f"graph data under {GRAPH_BYTES_TARGET} bytes per node and edge: {'holds' if ok else 'missed'} "
                 f"(at most {per:.0f})")
    stored = max(r["publish"]["panel_bytes"] / r["markdown_bytes"] for r in runs)
    html = max(r["publish"]["panel_html_bytes"] / r["markdown_bytes"] for r in runs)
    ok = max(stored, html) < PANEL_RATIO_TARGET
    held.append(ok)
    parts.append(f"note panels under {PANEL_RATIO_TARGET:g}× the notes' Markdown: {'holds' if ok else 'missed'} "
                 f"(at most {stored:.2f}× as stored, {html:.2f}× as HTML)")
    verdict = "Every target holds" if all(held) else f"{sum(held)} of {len(held)} targets hold"
    return f"{verdict}: " + "; ".join(parts) + "."


def _ms(value: float | None, wait: float | None = None) -> str:
    if value is None:
        return f"not drawn in {wait:g} s" if wait else "not drawn"
    return f"{value:.0f}"


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f}" if size >= 1e6 else f"{size / 1e6:.2f}"


def _s(seconds: float) -> str:
    return f"{seconds:.1f}" if seconds >= 0.1 else f"{seconds:.3f}"


def write_doc(section: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    block = f"{START}\n{section}\n{END}"
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=f"{SAMPLE},5000,20000",
                        help=f"comma-separated note counts, and `{SAMPLE}` for the bundled vault/ (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--loads", type=int, default=3, help="page loads per page (default 3)")
    parser.add_argument("--pyvis-timeout", type=float, default=900, help="seconds for pyvis to build its page")
    parser.add_argument("--draw-timeout", type=float, default=300, help="seconds to wait for a page to draw")
    parser.add_argument("--no-docs", action="store_true", help="do not touch docs/performance.md")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    sizes = [s if s == SAMPLE else int(s) for s in args.sizes.replace(" ", "").split(",") if s]
    vk = find_vaultkit()
    results = {"machine": machine(), "sizes": sizes, "loads": args.loads, "draw_timeout_s": args.draw_timeout,
               "pyvis_timeout_s": args.pyvis_timeout, "runs": {}}  # fmt: skip
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for size in sizes:
            vault = SAMPLE_VAULT if size == SAMPLE else ensure_vault(size, args.seed)[0]
            site = OUT / f"publish-{size}"
            log(f"{name(size)}: vaultkit publish")
            run = {"markdown_bytes": markdown_bytes(vault), "publish": publish(vk, vault, site)}
            log(f"  {run['publish']['wall_s']:.1f} s, {run['publish']['page_bytes'] / 1e6:.1f} MB")
            run["load"] = load_times(browser, (site / "index.html").as_uri(), args.loads, "window.vaultkitReady === true",
                                     "window.vaultkitTimings.drawn", args.draw_timeout, "window.vaultkitTimings")  # fmt: skip
            log(f"  first draw {run['load']['drawn_ms']} ms")
            run["pyvis"] = {}
            for variant, directed in (("Network()", False), ("Network(directed=True)", True)):
                log(f"{name(size)}: pyvis {variant}")
                result = pyvis_page(vk, vault, OUT / f"pyvis-{size}-{'directed' if directed else 'default'}", directed, args.pyvis_timeout)
                if "page_bytes" in result:
                    page = offline_copy(OUT / f"pyvis-{size}-{'directed' if directed else 'default'}" / "pyvis.html")
                    result["load"] = load_times(browser, page.as_uri(), 1, "window.__drawn !== null", "window.__drawn", args.draw_timeout)
                log(f"  {result}")
                run["pyvis"][variant] = result
            results["runs"][str(size)] = run
            (OUT / "publish.json").write_text(json.dumps(results, indent=1))
        browser.close()
    section = render(results)
    print(section)
    if not args.no_docs:
        write_doc(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
