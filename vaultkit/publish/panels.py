"""What the side panel shows for each node: the note rendered, and its claims.

Notes are read again (the parsed vault keeps no text) and rendered in worker
processes on a large vault, as parsing is. Claims are plain data; the page
writes them with `textContent`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files import discover, read_note
from ..progress import progress
from ..vault import Vault
from .render import render_note

PARALLEL_THRESHOLD = 400  # notes
CHUNK = 64

Job = tuple[int, str, str | None, dict[str, int], str]  # node number, path, name on disk, link targets, title


@dataclass(frozen=True)
class Panels:
    entries: dict[str, dict[str, Any]]  # node number (as text) → {"h": html, "c": claims}
    markdown_bytes: int  # of the notes rendered


def build_panels(
    vault: Vault,
    ids: Sequence[str],
    verification: Any | None = None,
    *,
    jobs: int | None = None,
    show_progress: bool | None = None,
) -> Panels:
    number = {node: i for i, node in enumerate(ids)}
    targets: dict[str, dict[str, int]] = {}
    for link in vault.links:
        if link.target in number:
            targets.setdefault(link.source, {}).setdefault(link.ref.target, number[link.target])
    disk = discover(vault.root).disk_paths if any("\ufffd" in path for path in (n.path for n in vault.notes.values())) else {}
    work: list[Job] = [
        (number[note.id], note.path, disk.get(note.path), targets.get(note.id, {}), note.title)
        for note in vault.notes.values()
        if note.id in number
    ]
    entries: dict[str, dict[str, Any]] = {}
    size = 0
    rendered = _render_all(vault.root, work, vault.options.max_size, jobs)
    for node, html, read in progress(rendered, len(work), "rendering", enabled=show_progress):
        entries[str(node)] = {"h": html}
        size += read
    if verification is not None:
        for node, claims in _claims(vault, number, verification).items():
            entries.setdefault(str(node), {})["c"] = claims
    return Panels(entries, size)


def _claims(vault: Vault, number: Mapping[str, int], verification: Any) -> dict[int, list[list[Any]]]:
    """Node number → its claims and the steps of the derivations it asked for.

    Each as [id, verdict, line, method, message, counterexample], then "given [[Note]]:12, …"
    when the verdict relies on givens.
    """
    by_path = {note.path: note.id for note in vault.notes.values()}
    holders: dict[str, list[str]] = {}
    for node, names in verification.attached.items():
        for name in names:
            holders.setdefault(name, []).append(node)
    found: dict[int, list[list[Any]]] = {}
    for result in verification.results:
        owners = holders.get(result.derivation, []) if result.derivation else [by_path.get(result.note)]
        row = [result.id, result.verdict.value, result.line, result.method, result.message, _counterexample(result.counterexample)]
        if result.givens:
            row.append("given " + ", ".join(result.givens))
        for owner in owners:
            if owner in number:
                found.setdefault(number[owner], []).append(row)
    return found


def _counterexample(values: Mapping[str, str] | None) -> str:
    return ", ".join(f"{name} = {value}" for name, value in values.items()) if values else ""


def _render_one(root: Path, job: Job, max_size: int) -> tuple[int, str, int]:
    node, path, disk_path, targets, title = job
    source = read_note(root, path, max_size, disk_path)
    if not source.readable:
        return node, '<p class="missing">This note could not be read.</p>', 0
    return node, render_note(source.text, targets, title), len(source.text.encode("utf-8"))


def _render_chunk(root: Path, jobs: Sequence[Job], max_size: int) -> list[tuple[int, str, int]]:
    return [_render_one(root, job, max_size) for job in jobs]


def _render_all(root: Path, work: Sequence[Job], max_size: int, jobs: int | None) -> Iterator[tuple[int, str, int]]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(work) < PARALLEL_THRESHOLD:
        for job in work:
            yield _render_one(root, job, max_size)
        return
    chunks = [work[i : i + CHUNK] for i in range(0, len(work), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for rendered in pool.map(_render_chunk, [root] * len(chunks), chunks, [max_size] * len(chunks)):
            yield from rendered
