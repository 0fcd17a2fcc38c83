"""A progress bar on a terminal, silence everywhere else."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(
    items: Iterable[T], total: int, label: str, *, enabled: bool | None = None, unit: str = "note"
) -> Iterator[T]:
    """Yield `items`, drawing a bar on stderr when it is a terminal and the work is long enough."""
    if enabled is None:
        enabled = sys.stderr.isatty() and total >= 200
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, desc=label, unit=unit, leave=False, file=sys.stderr)
