"""Many small items in isolated processes, a batch a process; a batch whose process dies is tried item by item.

A scan has thousands of small pieces of work (a note's displays to read, a
claim to check). One process each would spend more time starting processes
than working; one process for many would let a single hostile item cost all
its neighbours their answers. So items go in batches, and only a batch whose
process was stopped (it ran over its deadline or out of memory) is run again,
one item a process: the item at fault is then the only one that pays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    show_progress: bool | None = None,
    overtime: str = "the process was stopped after {seconds:.0f} s",
) -> list[R]:
    """`work(item)` for every item, in order, each batch in a process of its own with a deadline of
    30 s plus `seconds(item)` for each of its items; `stopped(item, why)` for an item whose own process died."""
    answers: dict[int, R] = {}
    numbered = list(enumerate(items))
    batches = [Batch(tuple(numbered[i : i + size])) for i in range(0, len(numbered), size)]
    for _ in range(2):
        retry: list[Batch] = []
        run = partial(_work, work=work)
        limit = partial(_limit, seconds=seconds)
        done = run_isolated(batches, workers, run, limit, _stopped, overtime=overtime)
        for batch, answer in progress(done, len(batches), label, enabled=show_progress):
            if not isinstance(answer, Stopped):
                answers.update((number, result) for (number, _), result in zip(batch.items, answer))
            elif len(batch.items) > 1:
                retry.extend(Batch((item,)) for item in batch.items)
            else:
                answers[batch.items[0][0]] = stopped(batch.items[0][1], answer.message)
        batches = retry
    return [answers[number] for number, _ in numbered]


def _work(batch: Batch, work: Callable) -> list:
    return [work(item) for _, item in batch.items]


def _limit(batch: Batch, seconds: Callable) -> float:
    return 30 + sum(seconds(item) for _, item in batch.items)


def _stopped(batch: Batch, message: str) -> Stopped:
    return Stopped(message)
