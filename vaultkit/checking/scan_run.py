"""`vaultkit verify --scan`: every display equation of a vault read, cut into steps, and checked.

No markup is needed: every display of every note is read freely in the note's
scope, each relation classified (`scan`), and each one that could be an
identity checked by the same engine as claims (`scan_check`), in isolated
processes, through the verification cache. The findings (`scan_findings`) say
what holds, what does not follow, and what is not an identity at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..vault import Vault
from .batches import in_order, run_batches
from .cache import ResultCache
from .coverage import Display, Outcome, shows_equation
from .run import DEFAULT_BUDGET
from .scan_check import check_steps
from .scan_findings import Finding, Judged, judge
from .scan_read import NoteScan, ScanNote, first_line, read_note
from .work import note_works

NOTES_PER_PROCESS = 10
SECONDS_PER_DISPLAY = 3.0  # reading one display and building its claims, inside a worker


@dataclass(frozen=True)
class Scan:
    """Every step of a vault's displays with its finding, and the displays that could not be read."""

    judged: tuple[Judged, ...]
    unread: tuple[Outcome, ...]
    notes: int  # notes with display equations
    displays: int
    reused: int = 0  # claims answered from the cache
    warnings: tuple[str, ...] = ()

    def count(self, finding: Finding) -> int:
        return sum(1 for judged in self.judged if judged.finding is finding)

    @property
    def failed(self) -> bool:
        """Whether any step does not follow (what `--strict` fails on)."""
        return any(judged.finding is Finding.DOES_NOT_FOLLOW for judged in self.judged)


def scan(
    vault: Vault,
    *,
    jobs: int | None = None,
    budget: float = DEFAULT_BUDGET,
    use_cache: bool = True,
    show_progress: bool | None = None,
) -> Scan:
    """Read every display of the vault, cut it into steps, and check each step that could be an identity.

    Answers are cached in the user's verification cache (see `cache.py`) unless `use_cache` is False.
    """
    notes = scan_notes(vault)
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    answers = run_batches(
        notes, NOTES_PER_PROCESS, workers, read_note, _seconds, _unread, label="reading", unit="note",
        show_progress=show_progress,
    )
    read = in_order(answers, len(notes))
    steps = [step for found in read for step in found.steps]
    unread = tuple(outcome for found in read for outcome in found.unread)
    cache = ResultCache(None, vault.root) if use_cache else None
    answers, reused = check_steps(steps, budget, workers, cache, show_progress)
    judged = tuple(judge(step, found) for step, found in zip(steps, answers))
    warnings = (cache.warning,) if cache is not None and cache.warning else ()
    displays = sum(len(note.displays) for note in notes)
    return Scan(judged, unread, len(notes), displays, reused, warnings)


def scan_notes(vault: Vault) -> list[ScanNote]:
    """Every note with a display equation, with its unit of work (scope, macros) and its displays."""
    works, _ = note_works(vault, every=True)
    by_path = {note.path: note for note in vault.notes.values()}
    notes = []
    for work in works:
        maths = [m for m in by_path[work.path].math if shows_equation(m)]
        if maths:
            displays = tuple(Display(work.path, first_line(m), m.tex) for m in maths)
            notes.append(ScanNote(work, displays, by_path[work.path].abbreviations))
    return sorted(notes, key=lambda note: note.work.path)


def _seconds(note: ScanNote) -> float:
    return SECONDS_PER_DISPLAY * len(note.displays)


def _unread(note: ScanNote, message: str) -> NoteScan:
    return NoteScan((), tuple(Outcome(d.note, d.line, d.tex, None, "stopped", None, message) for d in note.displays))
