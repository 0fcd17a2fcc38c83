"""Verification results cached by content, outside the vault.

The key of a unit of work hashes everything that could change its verdicts
(its text, the text of the notes it uses, the engine version; not the time
budget, which bounds how long a check may take, not what it finds), so a hit is
always safe to reuse. Only complete results are stored: a unit with an
`incomplete` result (a time-out, a stopped process) is checked again next time.

The cache lives only in the user's cache folder: `$VAULTKIT_CACHE_DIR`, else
`$XDG_CACHE_HOME/vaultkit`, else `~/.cache/vaultkit`, created with mode 0700.
If that folder is inside the vault, is not owned by the user, or cannot be
created, caching is off (there is no fallback folder) and `ResultCache.warning`
says why. An entry is untrusted data: read only from a regular file (never
through a symbolic link), of bounded size and nesting, of exactly the expected
shape, and only if it names the key it answers and the engine version;
anything else is ignored, and the unit checked again.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import stat
import tempfile
from pathlib import Path

from .claims import Result, Verdict

MAX_ENTRY_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 8  # an entry is {"key", "engine", "results": [{..., "counterexample": {...}, "givens": [...]}]}
_FORMAT = 1
_SOURCES = frozenset({"sympy", "latex", "builtin", "python", "frontmatter"})
_RESULT_FIELDS = {
    "note": str, "line": int, "id": str, "source": str, "verdict": str, "method": str,
    "seconds": (int, float), "message": str, "counterexample": (dict, type(None)), "givens": list,
    "incomplete": bool,
}  # fmt: skip


def _engine_version() -> str:
    from .work import ENGINE_VERSION

    return ENGINE_VERSION


def default_cache_dir() -> Path:
    if os.environ.get("VAULTKIT_CACHE_DIR"):
        return Path(os.environ["VAULTKIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vaultkit"


class ResultCache:
    """`get`/`put` by key; `enabled` is False (and `warning` says why) when no safe folder exists."""

    def __init__(self, directory: str | os.PathLike[str] | None, vault_root: Path | None) -> None:
        folder = Path(directory) if directory is not None else default_cache_dir()
        self.folder = folder / "results"
        self.warning: str | None = None
        self.enabled = False
        if vault_root is not None:
            real, root = os.path.realpath(folder), os.path.realpath(vault_root)
            if os.path.commonpath([real, root]) == root:
                self.warning = f"cache folder {folder} is inside the vault; results are not cached"
                return
        problem = _own_folder(folder) or _own_folder(self.folder)
        if problem is not None:
            self.warning = f"cache folder {problem}; results are not cached"
            return
        self.enabled = True

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Result] | None:
        if not self.enabled or not _plain_key(key):
            return None
        data = _read_entry(self._path(key))
        if data is None:
            return None
        return _results(data, key)

    def put(self, key: str, results: list[Result]) -> None:
        if not self.enabled or not _plain_key(key):
            return
        if any(result.incomplete for result in results):
            return  # another run, with more time, may decide it
        path = self._path(key)
        entry = {"format": _FORMAT, "key": key, "engine": _engine_version(), "results": [r.as_json() for r in results]}
        try:
            if _own_folder(path.parent) is not None:
                return
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as handle:
                json.dump(entry, handle, ensure_ascii=False)
            os.replace(handle.name, path)
        except (OSError, ValueError):
            pass  # a read-only cache only costs speed


    def clear(self) -> None:
        """Forget every entry: after code that could write here ran unconfined, none can be trusted."""
        if not self.enabled:
            return
        if _own_folder(self.folder.parent) is not None:  # no longer our own folder: touch nothing in it
            self.enabled, self.warning = False, f"cache folder {self.folder.parent} changed; results are not cached"
            return
        try:
            graveyard = tempfile.mkdtemp(prefix="forgotten-", dir=self.folder.parent)
            os.replace(self.folder, os.path.join(graveyard, "results"))
            shutil.rmtree(graveyard, ignore_errors=True)
        except OSError:
            self.enabled = False  # what cannot be emptied is not read again in this run
            self.warning = f"cache folder {self.folder} could not be emptied; results are not cached"
            return
        problem = _own_folder(self.folder)
        if problem is not None:
            self.enabled = False
            self.warning = f"cache folder {problem}; results are not cached"


def _plain_key(key: str) -> bool:
    return isinstance(key, str) and 2 < len(key) <= 128 and all(c in "0123456789abcdef" for c in key)


def _own_folder(folder: Path) -> str | None:
    """Create `folder` (mode 0700) if missing; why it cannot be used, or None."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError as error:
        return f"{folder} cannot be created ({error.strerror or error})"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"{folder} is not owned by the user"
    if info.st_mode & 0o022:
        return f"{folder} can be written by other users"
    return None


def _read_entry(path: Path) -> object | None:
    """The JSON of a regular file of bounded size, opened without following a symbolic link; else None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        chunks, size = [], 0
        while size <= MAX_ENTRY_BYTES:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_ENTRY_BYTES:
            return None
        text = b"".join(chunks).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        os.close(fd)
    if _too_deep(text, MAX_DEPTH):
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _too_deep(text: str, limit: int) -> bool:
    """Whether the JSON text nests arrays/objects deeper than `limit` (strings skipped); linear, no recursion."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _results(data: object, key: str) -> list[Result] | None:
    """The results of an entry that answers `key` for this engine, in exactly the expected shape; else None."""
    if not isinstance(data, dict) or set(data) != {"format", "key", "engine", "results"}:
        return None
    if data["format"] != _FORMAT or data["key"] != key or data["engine"] != _engine_version():
        return None
    items = data["results"]
    if not isinstance(items, list):
        return None
    results = []
    for item in items:
        if not _valid_result(item):
            return None
        try:
            results.append(Result.from_json(item))
        except (ValueError, KeyError, TypeError, OverflowError):
            return None
    return results


def _valid_result(item: object) -> bool:
    if not isinstance(item, dict) or set(item) != set(_RESULT_FIELDS):
        return False
    for name, kind in _RESULT_FIELDS.items():
        value = item[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return False
    if isinstance(item["seconds"], bool) or not math.isfinite(item["seconds"]) or isinstance(item["line"], bool):
        return False
    if item["source"] not in _SOURCES or item["verdict"] not in {v.value for v in Verdict}:
        return False
    if item["incomplete"]:
        return False  # never stored
    counterexample = item["counterexample"]
    if counterexample is not None and not all(isinstance(k, str) and isinstance(v, str) for k, v in counterexample.items()):
        return False
    return all(isinstance(g, str) for g in item["givens"])
