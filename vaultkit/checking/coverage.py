"""`vaultkit verify --coverage`: how much of a vault's LaTeX the translator reads.

Every display equation of every note is translated in a free reading (unknown
names are symbols, unknown applications are undefined functions; see
`latex.read_display`), in the scope of the note's own `sympy` blocks. Nothing is
checked: the point is to know how many equations *could* become claims, and
why the others cannot, grouped by cause and command so the gaps are plain.
The SymPy work runs in isolated workers, like verification.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

from ..model import Math
from ..progress import progress
from ..vault import Vault
from .blocks import Block, note_blocks, read_blocks
from .macros import Macro, MacroError, definitions, expand, note_macros, only_definitions
from .workers import run_isolated

SECONDS_PER_EQUATION = 2.0  # the translation of one equation, inside a worker
NOTES_PER_UNIT = 25  # notes translated by one worker process


@dataclass(frozen=True, slots=True)
class Display:
    """One display equation to translate, and where it is."""

    note: str  # vault-relative path
    line: int
    tex: str


@dataclass(frozen=True, slots=True)
class NoteEquations:
    note: str
    title: str
    blocks: tuple[Block, ...]
    displays: tuple[Display, ...]
    macros: tuple[Macro, ...] = ()
    abbreviations: tuple[str, ...] = ()  # the note's prose spells them out: names in its formulas


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one display equation."""

    note: str
    line: int
    tex: str
    reading: str | None  # the SymPy reading, one statement a line; None when it did not translate
    cause: str | None = None  # TranslationError.cause
    command: str | None = None  # the command or construct not understood
    message: str = ""

    @property
    def translated(self) -> bool:
        return self.reading is not None

    def as_json(self) -> dict:
        return {
            "note": self.note, "line": self.line, "tex": self.tex, "translated": self.translated,
            "reading": self.reading, "cause": self.cause, "command": self.command, "message": self.message,
        }  # fmt: skip


@dataclass(frozen=True)
class Coverage:
    outcomes: tuple[Outcome, ...]

    @property
    def translated(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.translated)

    @property
    def fraction(self) -> float:
        return self.translated / len(self.outcomes) if self.outcomes else 1.0

    def failures(self) -> list[tuple[str, str, int]]:
        """(cause, command, count) of the equations that did not translate, most frequent first."""
        counted = Counter((o.cause or "?", o.command or "") for o in self.outcomes if not o.translated)
        return [(cause, command, n) for (cause, command), n in counted.most_common()]

    def lines(self, examples: int = 20) -> list[str]:
        """Each equation not read as `path:line: cause: message`, like a compiler, then the summary."""
        total = len(self.outcomes)
        shown = [f"{o.note}:{o.line}: {o.cause}: {o.message}" for o in self.outcomes if not o.translated]
        if shown:
            shown.append("")
        shown.append(f"{self.translated} of {total} display equations translate ({100 * self.fraction:.1f} %)")
        causes = Counter(o.cause or "?" for o in self.outcomes if not o.translated)
        if causes:
            shown.append("")
            shown.append("not translated, by cause:")
            shown.extend(f"  {n:5d}  {cause}" for cause, n in causes.most_common())
            shown.append("")
            shown.append("most frequent commands and constructs not understood:")
            for cause, command, n in self.failures()[:examples]:
                shown.append(f"  {n:5d}  {command or '(none)':24s} {cause}")
        return shown

    def as_json(self) -> dict:
        return {
            "equations": len(self.outcomes),
            "translated": self.translated,
            "fraction": round(self.fraction, 4),
            "failures": [{"cause": c, "command": m, "count": n} for c, m, n in self.failures()],
            "outcomes": [o.as_json() for o in self.outcomes],
        }


def coverage(vault: Vault, *, jobs: int | None = None, show_progress: bool | None = None) -> Coverage:
    """Translate every display equation of the vault, in isolated workers."""
    notes = []
    vault_macros = definitions([vault.preamble])
    for note in vault.notes.values():
        displays = tuple(Display(note.path, m.line, m.tex) for m in note.math if shows_equation(m))
        if displays:
            macros = note_macros(vault_macros, note)
            notes.append(NoteEquations(note.path, note.title, note_blocks(note), displays, macros, note.abbreviations))
    units = [tuple(notes[i : i + NOTES_PER_UNIT]) for i in range(0, len(notes), NOTES_PER_UNIT)]
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    outcomes: list[Outcome] = []
    done = run_isolated(units, workers, translate_notes, _limit, _stopped)
    for _, found in progress(done, len(units), "translating", enabled=show_progress):
        outcomes.extend(found)
    return Coverage(tuple(sorted(outcomes, key=lambda o: (o.note, o.line))))


def shows_equation(math: Math) -> bool:
    """A display that shows something: not empty, not only `\\newcommand`s."""
    return math.display and bool(math.tex.strip()) and not only_definitions(math.tex)


def translate_notes(notes: tuple[NoteEquations, ...]) -> list[Outcome]:
    """Inside a worker: each note's scope from its blocks, then each display equation read freely."""
    from .latex import TranslationError, read_display
    from .latex_free import is_complex
    from .latex_usage import note_usage

    outcomes = []
    for note in notes:
        scope = read_blocks(note.note, note.title, note.blocks).scope
        complex_note = is_complex(*(display.tex for display in note.displays))  # ψ^* conjugates in such a note
        usage = note_usage(  # σ(z) decides σ(w+b); "standard error (SE)" makes SE one name
            (_expanded(display.tex, note.macros) for display in note.displays), note.abbreviations)
        for display in note.displays:
            try:
                reading = read_display(expand(display.tex, note.macros), scope, complex_note=complex_note, usage=usage)
            except MacroError as error:
                outcomes.append(Outcome(display.note, display.line, display.tex, None, "macro", None, str(error)))
            except TranslationError as error:
                outcomes.append(
                    Outcome(display.note, display.line, display.tex, None, error.cause, error.command, error.message)
                )
            except Exception as error:  # noqa: BLE001 - a reader bug costs one equation, not its neighbours
                message = f"the reader failed: {type(error).__name__}: {error}"
                outcomes.append(Outcome(display.note, display.line, display.tex, None, "internal", None, message))
            else:
                outcomes.append(Outcome(display.note, display.line, display.tex, reading))
    return outcomes


def _limit(notes: tuple[NoteEquations, ...]) -> float:
    return 30 + SECONDS_PER_EQUATION * sum(len(n.displays) for n in notes)


def _stopped(notes: tuple[NoteEquations, ...], message: str) -> list[Outcome]:
    return [Outcome(d.note, d.line, d.tex, None, "stopped", None, message) for n in notes for d in n.displays]


def _expanded(tex: str, macros: tuple[Macro, ...]) -> str:
    """The display with the note's macros expanded, or as written when they cannot be."""
    try:
        return expand(tex, macros)
    except MacroError:
        return tex

