"""Many small items in isolated processes, a batch a process; a batch whose process dies is tried item by item.

A scan has thousands of small pieces of work (a note's displays to read, a
claim to check). One process each would spend more time starting processes
than working; one process for many would let a single hostile item cost all
its neighbours their answers. So items go in batches, and only a batch whose
process was stopped (it ran over its deadline or out of memory) is run again,
one item a process: the item at fault is then the only one that pays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Generic, TypeVar

from ..progress import progress
from .workers import run_isolated

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Stopped:
    """A batch's answer when its process did not finish."""

    message: str


@dataclass(frozen=True, slots=True)
class Batch(Generic[T]):
    items: tuple[T, ...]


def run_batches(
    items: Sequence[T],
    size: int,
    workers: int,
    work: Callable[[T], R],
    seconds: Callable[[T], float],
    stopped: Callable[[T, str], R],
    *,
    label: str,
    unit: str,
    show_progress: bool | None = None,
    overtime: str = "the process was stopped after {seconds:.0f} s",
) -> Iterator[tuple[int, R]]:
    """(index, `work(item)`) for every item, as each batch ends, each batch in a process of its own with a
    deadline of 30 s plus `seconds(item)` for each of its items; `stopped(item, why)` for an item whose own
    process died. The progress bar counts items (`unit`), not batches."""
    numbered = list(enumerate(items))
    batches = [Batch(tuple(numbered[i : i + size])) for i in range(0, len(numbered), size)]
    run, limit = partial(_work, work=work), partial(_limit, seconds=seconds)
    answers = _answers(batches, workers, run, limit, stopped, overtime)
    yield from progress(answers, len(numbered), label, enabled=show_progress, unit=unit)


def _answers(
    batches: list[Batch], workers: int, run: Callable, limit: Callable, stopped: Callable, overtime: str
) -> Iterator[tuple[int, R]]:
    """Every item's answer: batches first, then one process an item for the batches whose process died."""
    for _ in range(2):
        retry: list[Batch] = []
        for batch, answer in run_isolated(batches, workers, run, limit, _stopped, overtime=overtime):
            if not isinstance(answer, Stopped):
                yield from ((number, result) for (number, _), result in zip(batch.items, answer))
            elif len(batch.items) > 1:
                retry.extend(Batch((item,)) for item in batch.items)
            else:
                yield batch.items[0][0], stopped(batch.items[0][1], answer.message)
        batches = retry


def in_order(answers: Iterator[tuple[int, R]], count: int) -> list[R]:
    """The answers of `run_batches` in the order of its items."""
    placed: dict[int, R] = dict(answers)
    return [placed[number] for number in range(count)]


def _work(batch: Batch, work: Callable) -> list:
    return [work(item) for _, item in batch.items]


def _limit(batch: Batch, seconds: Callable) -> float:
    return 30 + sum(seconds(item) for _, item in batch.items)


def _stopped(batch: Batch, message: str) -> Stopped:
    return Stopped(message)
