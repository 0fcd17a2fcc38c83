"""Writing the page: our Jinja template, the data embedded as inert JSON, vis-network inlined.

The page must work from `file://` and make no request at all, so the library,
the script and the style are inlined and a Content-Security-Policy forbids
anything else. Embedded data is JSON in `<script type="application/json">`,
with `<`, `>`, `&` and the line separators escaped so no note text can close
the element; the panels are gzip-compressed (base64), which keeps the page small.
"""

from __future__ import annotations

import base64
import gzip
import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, FunctionLoader, select_autoescape
from markupsafe import Markup

from ..output import replacing
from .data import GraphData

VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value: Any) -> Markup:
    """JSON that is safe as the text of a `<script>` element, whatever strings it holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_SCRIPT_ESCAPES))


def packed_json(value: Any) -> Markup:
    """`value` as gzip-compressed JSON in a base64 JSON string (nothing in it needs escaping)."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Markup(json.dumps(base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")))


@cache
def _environment() -> Environment:
    def load(name: str) -> str:
        return files("vaultkit.templates").joinpath(name).read_text(encoding="utf-8")

    return Environment(loader=FunctionLoader(load), autoescape=select_autoescape(default=True, default_for_string=True))


def _asset(name: str) -> str:
    return files("vaultkit.templates").joinpath(name).read_text(encoding="utf-8")


@cache
def _vis_js() -> Markup:
    source = files("pyvis").joinpath(*VIS_JS).read_text(encoding="utf-8")
    source = source.replace("//# sourceMappingURL=vis-network.min.js.map", "")  # no request, not even from devtools
    if "</script" in source.lower():
        raise ValueError("vis-network's script cannot be inlined: it contains </script")
    return Markup(source)


def render_page(title: str, data: GraphData, panels: Markup) -> str:
    """The whole page as text; `panels` comes from `packed_json`."""
    network = data.network
    graph = {
        "nodes": network.nodes,
        "edges": network.edges,
        "options": network.options,
        "folders": data.folders,
        "tags": data.tags,
        "laidOut": data.laid_out,
        "checked": data.counts.checked,
    }
    verdicts = ", ".join(f"{n} {verdict}" for verdict, n in data.counts.verdicts.items() if n)
    return _environment().get_template("publish.html.j2").render(
        title=title,
        counts=data.counts,
        verdicts=verdicts,
        laid_out=data.laid_out,
        css=Markup(_asset("publish.css")),
        graph_json=script_json(graph),
        panels_json=panels,
        vis_js=_vis_js(),
        page_js=Markup(_asset("publish.js")),
    )


def write_page(path: Path, text: str) -> int:
    """Write the page as UTF-8; the number of bytes written.

    Never opens an existing path for writing: the page goes to a new temporary
    file in the output folder, which then replaces `path` (a symbolic link left
    there is replaced, never followed).
    """
    encoded = text.encode("utf-8")
    with replacing(path) as handle:
        handle.write(encoded)
    return len(encoded)
