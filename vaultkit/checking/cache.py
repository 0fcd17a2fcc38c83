"""Verification results cached by content, outside the vault.

The key of a unit of work hashes everything that could change its verdicts
(its text, the text of the notes it uses, the engine version; not the time
budget, which bounds how long a check may take, not what it finds), so a hit is
always safe to reuse. Only complete results are stored: a unit with an
`incomplete` result (a time-out, a stopped process) is checked again next time.
The cache lives in `$VAULTKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/vaultkit`, else
`~/.cache/vaultkit`; never inside the vault.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .claims import Result


def default_cache_dir() -> Path:
    if os.environ.get("VAULTKIT_CACHE_DIR"):
        return Path(os.environ["VAULTKIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vaultkit"


class ResultCache:
    def __init__(self, directory: str | os.PathLike[str] | None, vault_root: Path | None) -> None:
        folder = Path(directory) if directory is not None else default_cache_dir()
        if vault_root is not None:
            real, root = os.path.realpath(folder), os.path.realpath(vault_root)
            if os.path.commonpath([real, root]) == root:
                folder = Path(tempfile.gettempdir()) / "vaultkit-cache"  # never write inside the vault
        self.folder = folder / "results"

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Result] | None:
        try:
            with open(self._path(key), encoding="utf-8") as handle:
                return [Result.from_json(item) for item in json.load(handle)]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, results: list[Result]) -> None:
        if any(result.incomplete for result in results):
            return  # another run, with more time, may decide it
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as handle:
                json.dump([r.as_json() for r in results], handle, ensure_ascii=False)
            os.replace(handle.name, path)
        except OSError:
            pass  # a read-only cache only costs speed

