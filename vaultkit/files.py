"""Stage 1, files: which files of a vault are notes, and their text.

Only reads. Hidden folders (`.obsidian`, `.trash`, `.git`, any `.name`) are
skipped, symbolic links are followed only while they stay inside the vault, and
a file that cannot be read becomes a diagnostic, never an exception. Each real
folder is listed at most twice (at its place, and through one symbolic link), so
discovery is linear in the vault's size whatever links it holds.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .model import Diagnostic, Severity, SourceFile

DEFAULT_MAX_SIZE = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class VaultFiles:
    root: Path  # the vault folder, symbolic links resolved
    notes: tuple[str, ...]  # vault-relative POSIX paths of `*.md` files
    attachments: tuple[str, ...]  # every other file
    diagnostics: tuple[Diagnostic, ...]
    disk_paths: dict[str, str]  # a note's path → its name on disk, where that is not valid UTF-8

    def disk_path(self, path: str) -> str:
        return self.disk_paths.get(path, path)


def is_note_name(name: str) -> bool:
    return name.lower().endswith(".md") and len(name) > 3


def discover(root: Path) -> VaultFiles:
    """List the notes and attachments under `root`, in a stable (sorted) order.

    Linear in the size of the vault, whatever its symbolic links: every real
    folder, known by `(st_dev, st_ino)`, is listed at its own place and at most
    once more through a symbolic link (a *mirror*, like `mirror -> real`). A
    folder reached again through another link is a `symlink-duplicate`
    diagnostic, a link back to a folder that contains it a `symlink-loop`; so
    links forming a lattice cannot multiply the paths to a note.
    """
    return _Walk(os.path.realpath(root)).run()


Key = tuple[int, int]  # (st_dev, st_ino): a real folder, whatever the path to it


@dataclass(frozen=True)
class _Folder:
    """A folder to list: where it is, how its entries are shown and named on disk, and how it was reached."""

    path: str
    prefix: str
    disk_prefix: str
    key: Key | None
    linked: bool  # reached through a symbolic link


@dataclass(frozen=True)
class _Leave:
    """Marks the end of a folder's listing: it no longer contains the folders listed next."""

    key: Key


class _Walk:
    """One discovery: an explicit stack of folders, and the folders seen at their place, through a link, and open."""

    def __init__(self, real_root: str) -> None:
        self.real_root = real_root
        self.notes: list[str] = []
        self.attachments: list[str] = []
        self.diagnostics: list[Diagnostic] = []
        self.disk_paths: dict[str, str] = {}
        self.mirrored: set[Key] = set()  # folders listed once already through a symbolic link
        self.placed: set[Key] = set()  # folders listed at their own place
        self.open: set[Key] = set()  # the folders containing the one being listed

    def run(self) -> VaultFiles:
        try:
            info = os.stat(self.real_root)
            root_key: Key | None = (info.st_dev, info.st_ino)
            self.placed.add(root_key)
        except OSError:
            root_key = None
        stack: list[_Folder | _Leave] = [_Folder(self.real_root, "", "", root_key, False)]
        while stack:
            item = stack.pop()
            if isinstance(item, _Leave):
                self.open.discard(item.key)
                continue
            if item.key is not None:
                self.open.add(item.key)
                stack.append(_Leave(item.key))
            stack.extend(reversed(self._list(item)))
        return VaultFiles(
            Path(self.real_root), tuple(sorted(self.notes)), tuple(sorted(self.attachments)),
            tuple(self.diagnostics), self.disk_paths,
        )  # fmt: skip

    def _problem(self, where: str, kind: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(where, 0, kind, message, Severity.ERROR))

    def _list(self, folder: _Folder) -> list[_Folder]:
        """Record the folder's files; its subfolders, to list next."""
        try:
            entries = sorted(os.scandir(folder.path), key=lambda e: e.name)
        except OSError as error:
            self._problem(folder.prefix.rstrip("/") or ".", "unreadable", f"folder cannot be read: {error.strerror}")
            return []
        subfolders = [self._entry(folder, entry) for entry in entries if not entry.name.startswith(".")]
        return [sub for sub in subfolders if sub is not None]

    def _entry(self, folder: _Folder, entry: os.DirEntry) -> _Folder | None:
        shown = _shown(entry.name)
        rel, disk_rel = folder.prefix + shown, folder.disk_prefix + entry.name
        if shown != entry.name:
            message = "the name is not valid UTF-8; shown with \ufffd (renaming the file fixes links to it)"
            self._problem(rel, "bad-encoding", message)
        followed = self._target(entry, rel, folder.linked)
        if followed is None:
            return None
        real, info, via_link = followed
        kind = _kind_of(info)
        if kind == "dir" and info is not None:  # a folder always has its stat
            return self._subfolder(real, rel, disk_rel, info, via_link)
        if kind == "other":
            self._problem(rel, "unreadable", "not a regular file (a pipe, socket or device); not read")
        elif is_note_name(entry.name):
            self.notes.append(rel)
            if rel != disk_rel:
                self.disk_paths[rel] = disk_rel
        else:
            self.attachments.append(rel)
        return None

    def _target(self, entry: os.DirEntry, rel: str, linked: bool) -> tuple[str, os.stat_result | None, bool] | None:
        """(real path, its stat, reached through a link?); None when a link is not followed (and said why)."""
        try:
            is_link = entry.is_symlink()
        except OSError:
            is_link = False
        if not is_link:
            try:
                return entry.path, entry.stat(follow_symlinks=False), linked
            except OSError:
                return entry.path, None, linked
        problem, real, info = _follow(entry.path, self.real_root)
        if problem is None and info is not None and stat.S_ISDIR(info.st_mode):
            target = (info.st_dev, info.st_ino)
            if target in self.open:
                problem = ("symlink-loop", "symbolic link points back to a folder that contains it; not followed")
            elif target in self.mirrored:
                problem = ("symlink-duplicate", "symbolic link reaches a folder already reached through another link; not followed again")
        if problem is None:
            return real, info, True
        kind, message = problem
        if kind == "unreadable" and is_note_name(entry.name):
            self.notes.append(rel)  # a broken link to a note is still a node
        else:
            self._problem(rel, kind, message)
        return None

    def _subfolder(self, real: str, rel: str, disk_rel: str, info: os.stat_result, via_link: bool) -> _Folder | None:
        key = (info.st_dev, info.st_ino)
        seen = self.mirrored if via_link else self.placed
        if key in self.open or key in seen:  # only a bind mount or a link can do this
            self._problem(rel, "symlink-duplicate", "folder already reached by another path; not listed again")
            return None
        seen.add(key)
        return _Folder(real, rel + "/", disk_rel + "/", key, via_link)


def _shown(name: str) -> str:
    """A name that was not UTF-8 on disk comes back with lone surrogates; show U+FFFD instead."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return name


def _kind_of(info: os.stat_result | None) -> str:
    """"dir", "file" or "other"; reading a FIFO named like a note would block forever."""
    if info is None:
        return "file"  # reading it will say why
    if stat.S_ISDIR(info.st_mode):
        return "dir"
    return "file" if stat.S_ISREG(info.st_mode) else "other"


def _resolve(link: str) -> tuple[str, os.stat_result]:
    """The real path of `link` and what it leads to, in a constant number of system calls where the
    system says (Linux's `/proc/self/fd`), else by `os.path.realpath` (one call a path component)."""
    flags = getattr(os, "O_PATH", 0)
    if flags and os.path.isdir("/proc/self/fd"):
        fd = os.open(link, flags | os.O_CLOEXEC)
        try:
            info = os.fstat(fd)
            try:
                real = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                real = ""
        finally:
            os.close(fd)
        if os.path.isabs(real) and not real.endswith(" (deleted)"):
            return real, info
    return os.path.realpath(link), os.stat(link)


def _follow(link: str, root: str) -> tuple[tuple[str, str] | None, str, os.stat_result | None]:
    """Where a symbolic link leads and what is there, or why it is not followed."""
    try:
        target, info = _resolve(link)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return ("symlink-loop", "symbolic link loops; not followed"), link, None
        return ("unreadable", f"symbolic link leads nowhere ({error.strerror})"), link, None
    if os.path.commonpath([root, target]) != root:
        return ("symlink-outside", "symbolic link leaves the vault; not followed"), link, None
    return None, target, info


def read_note(root: Path, path: str, max_size: int = DEFAULT_MAX_SIZE, disk_path: str | None = None) -> SourceFile:
    """Read one note as UTF-8 (BOM allowed); bad bytes become U+FFFD with a diagnostic.

    `disk_path` is the name on disk when it differs from `path` (not valid UTF-8).
    """
    full = os.path.join(root, *(disk_path or path).split("/"))
    try:
        info = os.stat(full)
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):
            message = "not a regular file; not read"
            return SourceFile(path, "", (Diagnostic(path, 0, "unreadable", message, Severity.ERROR),), False)
        if size > max_size:
            message = f"file is {size:,} bytes, over the {max_size:,}-byte limit; not parsed"
            return SourceFile(path, "", (Diagnostic(path, 0, "oversized", message, Severity.ERROR),), False, size)
        with open(full, "rb") as handle:
            data = handle.read(max_size + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        return SourceFile(path, "", (Diagnostic(path, 0, "unreadable", f"cannot be read: {reason}", Severity.ERROR),), False)
    if len(data) > max_size:  # grew while we looked
        message = f"file is over the {max_size:,}-byte limit; not parsed"
        return SourceFile(path, "", (Diagnostic(path, 0, "oversized", message, Severity.ERROR),), False, len(data))
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
        diagnostics: tuple[Diagnostic, ...] = ()
    except UnicodeDecodeError as error:
        text = data[bom:].decode("utf-8", errors="replace")
        offset = bom + error.start
        line = data.count(b"\n", 0, offset) + 1
        message = f"not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset}); bad bytes shown as \ufffd"
        diagnostics = (Diagnostic(path, line, "bad-encoding", message, Severity.ERROR),)
    return SourceFile(path, text, diagnostics, True, len(data))
