"""A scan's second stage: the steps' claims checked by the engine, each claim once, through the cache.

A step has one to three claims to try (`scan_read.Attempt`): as read, then with
context. The first round checks every step's first claim; a later round the
next claim of each step whose claims so far were all false. Claims are checked
by their content (`portable.Portable`): the same claim, however many steps and
notes write it, is checked once and cached under a key that holds nothing of
where it was written, so it gets the same verdict on any line of any note.
A time-out or a stopped process is never cached.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import partial

from .batches import run_batches
from .cache import ResultCache
from .claims import Result, Verdict
from .engine import check
from .portable import Portable
from .scan_read import Step

CLAIMS_PER_PROCESS = 8
ROUNDS = 4  # as read, for positive values, with the note's definitions, and both


def check_steps(
    steps: Sequence[Step], budget: float, workers: int, cache: ResultCache | None, show_progress: bool | None = None
) -> tuple[list[list[Result]], int]:
    """For each step, the engine's answers to its claims in order, up to the first that is not false;
    and how many answers came from the cache."""
    answers: list[list[Result]] = [[] for _ in steps]
    known: dict[str, Result] = {}
    reused = 0
    for _ in range(ROUNDS):
        wanted = [i for i, step in enumerate(steps) if _wants(step, answers[i])]
        needed = {steps[i].attempts[len(answers[i])].claim for i in wanted}
        todo = []
        for claim in sorted(needed - {c for c in needed if c.key() in known}, key=Portable.key):
            hit = cache.get(claim.key()) if cache is not None else None
            if hit is not None and len(hit) == 1:
                known[claim.key()], reused = hit[0], reused + 1
            else:
                todo.append(claim)
        for number, result in _check_all(todo, budget, workers, show_progress):
            known[todo[number].key()] = result
            if cache is not None:  # as each batch ends: an interrupted scan keeps what it found
                cache.put(todo[number].key(), [result])
        for i in wanted:
            answers[i].append(known[steps[i].attempts[len(answers[i])].claim.key()])
    return answers, reused


def _wants(step: Step, answers: list[Result]) -> bool:
    """Whether the step has a next claim to try: none answered yet, or every answer so far false."""
    if len(answers) >= len(step.attempts):
        return False
    return all(answer.verdict is Verdict.FALSE for answer in answers)


def _check_all(
    claims: list[Portable], budget: float, workers: int, show_progress: bool | None
) -> Iterator[tuple[int, Result]]:
    return run_batches(
        claims, CLAIMS_PER_PROCESS, workers, partial(check_one, budget=budget), partial(_seconds, budget=budget),
        _stopped, label="checking", unit="claim", show_progress=show_progress,
        overtime="ran out of time after {seconds:.0f} s; raise --budget",
    )  # fmt: skip


def check_one(claim: Portable, budget: float) -> Result:
    """Inside a worker: the engine's verdict on one claim, which names no note, line or id."""
    return check(claim.claim("", 0, "scan"), budget=budget)


def _seconds(claim: Portable, budget: float) -> float:
    return budget * 1.5


def _stopped(claim: Portable, message: str) -> Result:
    return replace(Result("", 0, "scan", "latex", Verdict.ERROR, message=message), incomplete=True)
