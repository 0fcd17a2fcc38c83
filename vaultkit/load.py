"""`load(path)`: files → parse → resolve, the front half of the pipeline.

Parsing is the costly part; for large vaults it runs in worker processes, each
reading and parsing its own share of the files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .files import DEFAULT_MAX_SIZE, discover, read_note
from .model import Note, SourceFile
from .parse import parse_note
from .progress import progress
from .resolve import NameIndex, resolve_links
from .vault import LoadOptions, Vault

PARALLEL_THRESHOLD = 400  # notes; below this, starting workers costs more than it saves
CHUNK = 64


class VaultNotFound(Exception):
    """The path given as a vault is missing or not a folder."""


def load(
    path: str | os.PathLike[str],
    *,
    alias_links: bool = True,
    attachments: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    jobs: int | None = None,
    show_progress: bool | None = None,
) -> Vault:
    """Read the vault at `path` into a resolved `Vault`; never writes to it."""
    root = Path(path)
    if not root.exists():
        raise VaultNotFound(f"no such vault: {root}")
    if not root.is_dir():
        raise VaultNotFound(f"not a folder: {root}")
    options = LoadOptions(alias_links=alias_links, attachments=attachments, max_size=max_size)
    files = discover(root)
    notes = list(
        progress(
            _parse_all(files.root, [(p, files.disk_paths.get(p)) for p in files.notes], max_size, jobs),
            len(files.notes),
            "parsing",
            enabled=show_progress,
        )
    )
    index = NameIndex.build(notes, files.attachments)
    resolved = resolve_links(notes, index, alias_links=alias_links, attachments=attachments)
    preamble = _preamble(files.root)
    diagnostics = (
        files.diagnostics + tuple(d for n in notes for d in n.diagnostics) + resolved.diagnostics
        + preamble.diagnostics
    )
    return Vault(
        root=files.root,
        notes={note.id: note for note in notes},
        links=resolved.links,
        attachments=files.attachments,
        diagnostics=diagnostics,
        options=options,
        index=index,
        preamble=preamble.text,
    )


PREAMBLE = "preamble.sty"  # LaTeX macros for every note, as Obsidian's Extended MathJax plugin reads them
PREAMBLE_MAX_SIZE = 1024 * 1024


def _preamble(root: Path) -> SourceFile:
    """The vault's `preamble.sty`, when it is a file inside the vault."""
    path = root / PREAMBLE
    if not path.is_file() or not path.resolve().is_relative_to(root.resolve()):
        return SourceFile(PREAMBLE, "", (), False)
    return read_note(root, PREAMBLE, PREAMBLE_MAX_SIZE)


Job = tuple[str, str | None]  # a note's path, and its name on disk when that differs


def _load_one(root: Path, job: Job, max_size: int) -> Note:
    return parse_note(read_note(root, job[0], max_size, job[1]))


def _load_chunk(root: Path, jobs: Sequence[Job], max_size: int) -> list[Note]:
    return [_load_one(root, job, max_size) for job in jobs]


def _parse_all(root: Path, paths: Sequence[Job], max_size: int, jobs: int | None) -> Iterator[Note]:
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(paths) < PARALLEL_THRESHOLD:
        for path in paths:
            yield _load_one(root, path, max_size)
        return
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for notes in pool.map(_load_chunk, [root] * len(chunks), chunks, [max_size] * len(chunks)):
            yield from notes
