"""Shared helpers for the module tests: real files in tmp_path, nothing mocked.

Import the helpers directly (`from conftest import write_vault, tree_snapshot, parse_text`);
pytest puts this folder on sys.path.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from vaultkit.model import Note, SourceFile
from vaultkit.parse import parse_note


def write_vault(tmp_path: Path, files: dict[str, str | bytes], name: str = "vault") -> Path:
    """Write `{"rel/path.md": text or bytes}` under `tmp_path/name` and return that folder.

    Text is written as UTF-8 with the line endings given (no newline translation).
    """
    root = Path(tmp_path) / name
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
    return root


def tree_snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under `root` (symlinks not followed): type, size, mtime, content or link target.

    Compare a snapshot taken before and after an operation to prove nothing was written.
    """
    snap: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in sorted(dirnames + filenames):
            full = os.path.join(dirpath, name)
            info = os.lstat(full)
            rel = os.path.relpath(full, root)
            if stat.S_ISLNK(info.st_mode):
                snap[rel] = ("link", os.readlink(full))
            elif stat.S_ISREG(info.st_mode):
                with open(full, "rb") as handle:
                    snap[rel] = ("file", info.st_size, info.st_mtime_ns, handle.read())
            else:
                snap[rel] = ("other", stat.S_IFMT(info.st_mode), info.st_mtime_ns)
    info = os.lstat(root)
    snap["."] = ("root", info.st_mtime_ns)
    return snap


def parse_text(text: str, path: str = "note.md") -> Note:
    """Parse `text` as if it had been read from `path`."""
    return parse_note(SourceFile(path, text, size=len(text.encode("utf-8"))))


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th occurrence of `needle` in `text` (to cross-check expected line numbers)."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1
