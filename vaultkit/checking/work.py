"""What a worker process is given for one note, and what it does with it.

A `NoteWork` carries only text and line numbers (the note's `sympy` blocks, the
blocks of the notes it uses, its `%% verify %%` equations), so it pickles cheaply
and hashes to a cache key; all SymPy work happens in `check_note`, inside a
worker.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from .blocks import Block, read_blocks
from .claims import Claim, Result, Verdict
from .engine import check
from .macros import Macro, MacroError, expand
from .scope import Scope

ENGINE_VERSION = "5"  # bump when a change could alter a verdict: cached results are then stale


@dataclass(frozen=True, slots=True)
class Equation:
    """A display equation marked `%% verify %%` (or `%% verify ID %%`)."""

    tex: str
    line: int
    id: str


@dataclass(frozen=True, slots=True)
class UsedNote:
    path: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class NoteWork:
    path: str
    title: str
    blocks: tuple[Block, ...]
    equations: tuple[Equation, ...]
    used: tuple[UsedNote, ...]  # every note used, transitively, dependencies first
    problems: tuple[tuple[int, str], ...] = ()  # (line, message) found before any SymPy work: bad `uses:`
    macros: tuple[Macro, ...] = ()  # LaTeX macros of the vault's preamble and the note's own formulas

    def key(self, budget: float) -> str:
        """A cache key: changes whenever anything that could change a verdict changes."""
        payload = json.dumps([ENGINE_VERSION, budget, asdict(self)], sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


def check_note(work: NoteWork, budget: float) -> list[Result]:
    """Read the note's scope and claims and check each one; never raises."""
    claims: list[Claim] = [
        Claim(work.path, line, f"{work.title}:{line}", "sympy", None, None, problem=message)
        for line, message in work.problems
    ]
    scope = Scope()
    for used in work.used:
        scope = read_blocks(used.path, used.title, used.blocks, scope).scope
    reading = read_blocks(work.path, work.title, work.blocks, scope)
    claims.extend(reading.claims)
    claims.extend(_equation_claim(work, equation, reading.scope) for equation in work.equations)
    results = [check(claim, budget=budget) for claim in claims]
    warnings = {line: message for line, message in reading.warnings}
    return [_with_warning(result, warnings.get(result.line)) for result in results]


def _equation_claim(work: NoteWork, equation: Equation, scope: Scope) -> Claim:
    from .latex import TranslationError, translate_equation

    try:
        lhs, rhs = translate_equation(expand(equation.tex, work.macros), scope)
    except MacroError as error:
        return Claim(work.path, equation.line, equation.id, "latex", None, None, text=equation.tex, problem=str(error))
    except TranslationError as error:
        return Claim(work.path, equation.line, equation.id, "latex", None, None, text=equation.tex, problem=str(error))
    ranges = tuple(scope.ranges.values())
    return Claim(work.path, equation.line, equation.id, "latex", lhs, rhs, ranges, tuple(scope.givens), equation.tex)


def _with_warning(result: Result, warning: str | None) -> Result:
    if warning is None or result.verdict is Verdict.ERROR:
        return result
    message = f"{result.message} (warning: {warning})" if result.message else f"warning: {warning}"
    return Result(
        result.note, result.line, result.id, result.source, result.verdict, result.method, result.seconds, message,
        result.counterexample,
    )
