"""`vaultkit publish`: the concept graph as one self-contained, interactive HTML page.

    vault → graph (+ verification) → vis-network data (`data`, `layout`)
          → note panels (`panels`, `render`, `mathml`) → page (`page`)
"""

from __future__ import annotations

import os
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..vault import Vault


class PublishError(Exception):
    """The page cannot be written where asked (inside the vault)."""


@dataclass(frozen=True)
class Published:
    page: Path
    nodes: int
    edges: int
    page_bytes: int
    graph_bytes: int  # the embedded graph data
    panel_bytes: int  # the embedded note panels, as stored (compressed)
    markdown_bytes: int  # the notes' own Markdown
    laid_out: bool


def publish(
    vault: Vault | str | os.PathLike[str],
    out: str | os.PathLike[str] = "site",
    *,
    verify: bool = True,
    verification: Any | None = None,
    layout_above: int = 1000,
    jobs: int | None = None,
    show_progress: bool | None = None,
) -> Published:
    """Write `out/index.html` for `vault`; check its claims first unless `verify` is False."""
    from .. import load
    from .data import graph_data
    from .page import packed_json, render_page, script_json, write_page
    from .panels import build_panels

    if not isinstance(vault, Vault):
        vault = load(vault, jobs=jobs, show_progress=show_progress)
    target = Path(out)
    if inside(target, vault.root):
        raise PublishError(f"{target} is inside the vault; vaultkit does not write there")
    graph = vault.graph()
    if verification is None and verify:
        from ..checking import verify as run_verify

        verification = run_verify(vault, jobs=jobs, show_progress=show_progress)
    if verification is not None:
        graph = verification.annotate(graph)
    claims = len(verification.results) if verification is not None else 0
    verdicts = verification.counts() if verification is not None else {}
    data = graph_data(graph, claims=claims, verdicts=verdicts, layout_above=layout_above,
                      checked=verification is not None)
    panels = build_panels(vault, data.ids, verification, jobs=jobs, show_progress=show_progress)
    packed = packed_json(panels.entries)
    text = render_page(vault.name, data, packed)
    page = target / "index.html"
    size = write_page(page, text)
    graph_bytes = len(script_json({"nodes": data.network.nodes, "edges": data.network.edges}).encode("utf-8"))
    return Published(
        page=page,
        nodes=len(data.network.nodes),
        edges=len(data.network.edges),
        page_bytes=size,
        graph_bytes=graph_bytes,
        panel_bytes=len(packed),
        markdown_bytes=panels.markdown_bytes,
        laid_out=data.laid_out,
    )


def inside(path: Path, root: Path) -> bool:
    """Whether `path` is `root` or under it, symbolic links resolved."""
    real = os.path.realpath(path)
    base = os.path.realpath(root)
    return os.path.commonpath([real, base]) == base


class _CallableModule(types.ModuleType):
    """Importing this package makes `vaultkit.publish` the package instead of the lazy function
    in `vaultkit/__init__.py`; calling the package keeps `vaultkit.publish(vault, out)` working."""

    def __call__(self, vault: Vault | str | os.PathLike[str], out: str | os.PathLike[str] = "site", **options: Any) -> Published:
        return publish(vault, out, **options)


sys.modules[__name__].__class__ = _CallableModule
