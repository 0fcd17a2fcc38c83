"""Built-in derivations as units of work: which notes ask for them, their steps as claims, checking them.

`vaultkit.derivations` is plain data (SymPy steps, ranges as tuples, givens as
pairs); this module turns it into claims for the engine. A note asks for a
derivation in its frontmatter, `derivations: [softmax-partition-function]` (a
list, or one name); a name that is not a built-in derivation is an error on the
note. Nothing attaches by title or alias.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import sympy

from .. import derivations
from ..derivations import Derivation
from ..files import read_note
from ..model import Note
from ..vault import Vault
from .claims import Claim, Given, IndexRange, Result, Verdict
from .engine import check
from .work import ENGINE_VERSION

KEY = "derivations"  # the frontmatter key a note opts in with
_KEY_LINE = re.compile(rf"""^["']?{KEY}["']?\s*:""")


def claims(derivation: Derivation) -> tuple[Claim, ...]:
    """One claim per step: source "builtin", no note, line = the step's number (from 1), id `name/step`."""
    return tuple(
        Claim(
            note="",
            line=number,
            id=f"{derivation.name}/{step.id}",
            source="builtin",
            lhs=step.lhs,
            rhs=step.rhs,
            ranges=tuple(IndexRange(index, low, high) for index, low, high in step.ranges),
            givens=tuple(Given(lhs, rhs) for lhs, rhs in step.givens),
            text=f"{sympy.sstr(step.lhs)} == {sympy.sstr(step.rhs)}",
        )
        for number, step in enumerate(derivation.steps, start=1)
    )


@dataclass(frozen=True)
class DerivationUnit:
    """A built-in derivation as a unit of work (see `workers.Unit`), checked once however many notes ask."""

    name: str

    @property
    def id(self) -> str:
        return f"derivation:{self.name}"

    def _claims(self) -> tuple[Claim, ...]:
        derivation = derivations.find(self.name)
        return claims(derivation) if derivation is not None else ()

    def key(self) -> str:
        """Changes when any step of the derivation or the engine changes; the time budget cannot."""
        digest = hashlib.sha256(f"{ENGINE_VERSION}:{self.name}".encode())
        for claim in self._claims():
            parts = (
                claim.id, claim.text, sympy.srepr(claim.lhs), sympy.srepr(claim.rhs),
                *(sympy.srepr((r.index, r.low, r.high)) for r in claim.ranges),
                *(sympy.srepr((g.lhs, g.rhs)) for g in claim.givens),
            )  # fmt: skip
            digest.update("\x00".join(parts).encode())
        return digest.hexdigest()

    def wall_limit(self, budget: float) -> float:
        return 30 + budget * 1.5 * (len(self._claims()) + 1)

    def run(self, budget: float) -> list[Result]:
        """Every step through the engine; no verdict is written by hand."""
        return [check(claim, budget=budget) for claim in self._claims()]

    def stopped(self, message: str) -> list[Result]:
        return [Result("", 0, self.name, "builtin", Verdict.ERROR, message=message, incomplete=True)]


# ---------------------------------------------------------------- which notes ask for which derivations


@dataclass(frozen=True)
class OptIns:
    """The derivations each note asked for, and an error for each name that is not one."""

    names: dict[str, tuple[str, ...]]  # note id → derivation names, as registered, in the order asked
    errors: tuple[Result, ...]


def opt_ins(vault: Vault) -> OptIns:
    """Read `derivations:` from every note's frontmatter."""
    names: dict[str, tuple[str, ...]] = {}
    errors: list[Result] = []
    for note in vault.notes.values():
        if KEY not in note.properties:
            continue
        found, problems = _read(note.properties[KEY])
        if found:
            names[note.id] = found
        if problems:
            line = _key_line(vault, note)
            errors.extend(
                Result(note.path, line, f"{note.title}:{line}", "frontmatter", Verdict.ERROR, message=message)
                for message in problems
            )
    return OptIns(names, tuple(errors))


def _read(value: object) -> tuple[tuple[str, ...], list[str]]:
    """The derivations named by a `derivations:` value, and what is wrong with it."""
    if value is None:  # `derivations:` with nothing after it asks for nothing
        return (), []
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if items is None:
        return (), [f"{KEY}: expected a derivation name or a list of names, not {_shown(value)}; {_known()}"]
    found: list[str] = []
    problems: list[str] = []
    for item in items:
        derivation = derivations.find(item) if isinstance(item, str) else None
        if derivation is None:
            problems.append(f"{KEY}: no built-in derivation called {_shown(item)}; {_known()}")
        elif derivation.name not in found:
            found.append(derivation.name)
    return tuple(found), problems


def _known() -> str:
    return "the built-in derivations are " + ", ".join(derivations.DERIVATIONS)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _key_line(vault: Vault, note: Note) -> int:
    """The line of the `derivations:` key in the note's frontmatter, or 1 if it cannot be found."""
    source = read_note(vault.root, note.path, vault.options.max_size)
    lines = source.text.split("\n") if source.readable else []
    if not lines or lines[0].strip() != "---":
        return 1
    for number, text in enumerate(lines[1:], start=2):
        if text.strip() in ("---", "..."):
            break
        if _KEY_LINE.match(text):
            return number
    return 1
