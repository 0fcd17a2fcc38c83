"""Stage 1, files: which files of a vault are notes, and their text.

Only reads. Hidden folders (`.obsidian`, `.trash`, `.git`, any `.name`) are
skipped, symbolic links are followed only while they stay inside the vault, and
a file that cannot be read becomes a diagnostic, never an exception. Each real
folder is listed once, so discovery is linear in the vault's size whatever links
it holds.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections import deque
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
    folder, known by `(st_dev, st_ino)`, is listed once. The plain walk (no
    folder links) comes first, so a folder is listed at its own place whatever
    the names of the links to it; then the folder links, in the order found, each
    followed only to a folder not listed yet (one the walk skips, like `.hidden`).
    A link to a folder that contains it is a `symlink-loop`; to any other folder
    listed already, a `symlink-duplicate`. Links to files keep their own path.
    """
    return _Walk(os.path.realpath(root)).run()


Key = tuple[int, int]  # (st_dev, st_ino): a real folder, whatever the path to it

_LOOP = "symbolic link points back to a folder that contains it; not followed"
_DUPLICATE = "symbolic link reaches a folder listed at another place; not followed"


@dataclass(frozen=True, slots=True)
class _Folder:
    """A folder to list: its real path, and how its entries are shown and named on disk."""

    path: str
    prefix: str
    disk_prefix: str


@dataclass(frozen=True, slots=True)
class _Link:
    """A symbolic link to a folder, kept until every folder of the plain walk is known."""

    rel: str
    disk_rel: str
    real: str  # the real path of the folder it leads to
    key: Key
    inside: str  # the real path of the folder that holds the link


class _Walk:
    """One discovery: the folders listed so far, and the folder links still to look at."""

    def __init__(self, real_root: str) -> None:
        self.real_root = real_root
        self.notes: list[str] = []
        self.attachments: list[str] = []
        self.diagnostics: list[Diagnostic] = []
        self.disk_paths: dict[str, str] = {}
        self.listed: set[Key] = set()  # every real folder listed, or about to be
        self.links: deque[_Link] = deque()  # folder links found and not yet looked at

    def run(self) -> VaultFiles:
        try:
            info = os.stat(self.real_root)
            self.listed.add((info.st_dev, info.st_ino))
        except OSError:
            pass  # scandir will say why
        self._list_tree(_Folder(self.real_root, "", ""))
        while self.links:
            folder = self._through(self.links.popleft())
            if folder is not None:
                self._list_tree(folder)
        self.diagnostics.sort(key=lambda d: d.path)  # stable: one path's diagnostics keep their order
        return VaultFiles(
            Path(self.real_root), tuple(sorted(self.notes)), tuple(sorted(self.attachments)),
            tuple(self.diagnostics), self.disk_paths,
        )  # fmt: skip

    def _problem(self, where: str, kind: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(where, 0, kind, message, Severity.ERROR))

    def _list_tree(self, top: _Folder) -> None:
        """List `top` and the real folders under it, with a stack of our own: depth costs no recursion."""
        stack = [top]
        while stack:
            stack.extend(reversed(self._list(stack.pop())))

    def _list(self, folder: _Folder) -> list[_Folder]:
        """Record the folder's files and folder links; its subfolders, to list next."""
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
        try:
            is_link = entry.is_symlink()
        except OSError:
            is_link = False
        if is_link:
            self._link(folder, entry, rel, disk_rel)
            return None
        try:
            info: os.stat_result | None = entry.stat(follow_symlinks=False)
        except OSError as error:  # gone since listed, or deeper than the system's path limit
            self._problem(rel, "unreadable", f"cannot be read: {error.strerror}")
            return None
        if info is not None and stat.S_ISDIR(info.st_mode):
            return self._subfolder(entry.path, rel, disk_rel, info)
        self._file(entry.name, rel, disk_rel, info)
        return None

    def _file(self, name: str, rel: str, disk_rel: str, info: os.stat_result | None) -> None:
        if not _readable_kind(info):
            self._problem(rel, "unreadable", "not a regular file (a pipe, socket or device); not read")
        elif is_note_name(name):
            self.notes.append(rel)
            if rel != disk_rel:
                self.disk_paths[rel] = disk_rel
        else:
            self.attachments.append(rel)

    def _link(self, folder: _Folder, entry: os.DirEntry, rel: str, disk_rel: str) -> None:
        """A link to a file is recorded under its own path; a link to a folder waits for the plain walk to end."""
        problem, real, info = _follow(entry.path, self.real_root)
        if problem is not None or info is None:
            kind, message = problem or ("unreadable", "symbolic link leads nowhere")
            if kind == "unreadable" and is_note_name(entry.name):
                self.notes.append(rel)  # a broken link to a note is still a node
            else:
                self._problem(rel, kind, message)
        elif stat.S_ISDIR(info.st_mode):
            self.links.append(_Link(rel, disk_rel, real, (info.st_dev, info.st_ino), folder.path))
        else:
            self._file(entry.name, rel, disk_rel, info)

    def _through(self, link: _Link) -> _Folder | None:
        """The folder a link leads to, when no other path lists it; else None, and a diagnostic on the link."""
        if _contains(link.real, link.inside):
            self._problem(link.rel, "symlink-loop", _LOOP)
            return None
        if link.key in self.listed:
            self._problem(link.rel, "symlink-duplicate", _DUPLICATE)
            return None
        self.listed.add(link.key)
        return _Folder(link.real, link.rel + "/", link.disk_rel + "/")

    def _subfolder(self, real: str, rel: str, disk_rel: str, info: os.stat_result) -> _Folder | None:
        key = (info.st_dev, info.st_ino)
        if key in self.listed:  # a bind mount, or a folder under a link's target reached before
            self._problem(rel, "symlink-duplicate", "folder already listed at another place; not listed again")
            return None
        self.listed.add(key)
        return _Folder(real, rel + "/", disk_rel + "/")


def _contains(folder: str, path: str) -> bool:
    """Whether real path `path` is `folder` or under it (string compare: constant system calls)."""
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _shown(name: str) -> str:
    """A name that was not UTF-8 on disk comes back with lone surrogates; show U+FFFD instead."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return name


def _readable_kind(info: os.stat_result | None) -> bool:
    """A regular file, or one whose stat failed (reading will say why): reading a FIFO would block forever."""
    return info is None or stat.S_ISREG(info.st_mode)


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
