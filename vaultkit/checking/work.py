"""The note unit: what a worker process is given for one note, and what it does with it.

A `NoteWork` carries only text and line numbers (the note's `sympy` blocks, the
blocks of the notes it uses, its `%% verify %%` equations), so it pickles cheaply
and hashes to a cache key; all SymPy work happens in `NoteWork.run`, inside a
worker. `note_works` builds one for every note of a vault that has claims.

What one note pulls in through `uses:`, transitively, is bounded (`MAX_USED_NOTES`,
`MAX_USED_BYTES`, `MAX_USES_LINKS`): each unit then costs a bounded amount to build,
hash and read however long a chain of `uses:` a vault holds, so checking stays
linear in it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, replace

import sympy

from ..model import Note
from ..resolve import resolve_target
from ..vault import Vault
from .blocks import Block, BlockReading, note_blocks, read_blocks, uses_targets
from .claims import Claim, Result, Verdict
from .engine import check
from .macros import Macro, MacroError, definitions, expand, note_macros
from .scope import Scope

ENGINE_VERSION = "8"  # bump when a change could alter a verdict: cached results are then stale
_VERIFY = re.compile(r"^verify(?:\s+([A-Za-z0-9-]+))?$")

Uses = list[tuple[str, str, int]]  # (note id, used note id, line of `uses:`)

# What one note may use, transitively. Real notes use a few others, a few dozen at most; a note over
# any bound is an error on its `uses:` line. The bounds make each note's walk and unit cost O(1), so a
# chain of n notes costs O(n), not O(n²), and so does a dense knot of `uses:` that many notes use.
MAX_USED_NOTES = 500
MAX_USED_BYTES = 1024 * 1024  # of `sympy` block text, over all the notes used
MAX_USES_LINKS = 2_000  # `uses:` targets looked at by the walk, over all the notes used


@dataclass(frozen=True, slots=True)
class Equation:
    """A display equation marked `%% verify %%` (or `%% verify ID %%`)."""

    tex: str
    line: int
    id: str


@dataclass(frozen=True, slots=True)
class UsedNote:
    """A used note's blocks; one object shared by every unit that uses it, so hashed once (`digest`)."""

    path: str
    title: str
    blocks: tuple[Block, ...]
    digest: str = field(init=False, repr=False, compare=False)  # a unit's cache key holds this, not the blocks

    def __post_init__(self) -> None:
        payload = json.dumps([self.path, self.title, [asdict(block) for block in self.blocks]])
        object.__setattr__(self, "digest", hashlib.sha256(payload.encode()).hexdigest())


@dataclass(frozen=True, slots=True)
class NoteWork:
    """A note's claims as a unit of work (see `workers.Unit`)."""

    path: str
    title: str
    blocks: tuple[Block, ...]
    equations: tuple[Equation, ...]
    used: tuple[UsedNote, ...]  # every note used, transitively, dependencies first (bounded, see top)
    problems: tuple[tuple[int, str], ...] = ()  # (line, message) found before any SymPy work: bad `uses:`
    macros: tuple[Macro, ...] = ()  # LaTeX macros of the vault's preamble and the note's own formulas

    @property
    def id(self) -> str:
        return f"note:{self.path}"

    def key(self) -> str:
        """Changes whenever anything that could change a verdict changes; the time budget cannot.

        Used notes count by their digests, so the cost is the unit's own size.
        """
        own = asdict(replace(self, used=()))
        payload = json.dumps([ENGINE_VERSION, own, [u.digest for u in self.used]], sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()

    def wall_limit(self, budget: float) -> float:
        """Generous: a slow, busy machine must reach the same verdicts. The budget is a ceiling a claim."""
        statements = sum(b.content.count("claim") for b in self.blocks) + len(self.equations)
        return 30 + budget * 1.5 * (statements + 1)

    def run(self, budget: float) -> list[Result]:
        return check_note(self, budget)

    def stopped(self, message: str) -> list[Result]:
        line = min([b.line for b in self.blocks] + [e.line for e in self.equations], default=0)
        return [Result(self.path, line, self.title, "sympy", Verdict.ERROR, message=message, incomplete=True)]


def check_note(work: NoteWork, budget: float) -> list[Result]:
    """Read the note's scope and claims and check each one; never raises."""
    claims: list[Claim] = [
        Claim(work.path, line, f"{work.title}:{line}", "sympy", None, None, problem=message)
        for line, message in work.problems
    ]
    reading = note_scope(work)
    claims.extend(reading.claims)
    claims.extend(_equation_claim(work, equation, reading.scope) for equation in work.equations)
    results = [check(claim, budget=budget) for claim in claims]
    warnings = {line: message for line, message in reading.warnings}
    return [_with_warning(result, warnings.get(result.line)) for result in results]


def note_scope(work: NoteWork) -> BlockReading:
    """The note's `sympy` blocks read in the scope of the notes it uses, dependencies first."""
    scope = Scope()
    for used in work.used:
        scope = read_blocks(used.path, used.title, used.blocks, scope).scope
    return read_blocks(work.path, work.title, work.blocks, scope)


def _equation_claim(work: NoteWork, equation: Equation, scope: Scope) -> Claim:
    from .latex import TranslationError, translate_equation

    try:
        lhs, rhs = translate_equation(expand(equation.tex, work.macros), scope)
    except (MacroError, TranslationError) as error:
        return Claim(work.path, equation.line, equation.id, "latex", None, None, text=equation.tex, problem=str(error))
    return latex_claim(work.path, equation.line, equation.id, lhs, rhs, scope, equation.tex)


def latex_claim(path: str, line: int, ident: str, lhs: sympy.Expr, rhs: sympy.Expr, scope: Scope, tex: str) -> Claim:
    """A LaTeX equation read in a note's scope as a claim: it holds over the scope's ranges, under its givens."""
    return Claim(path, line, ident, "latex", lhs, rhs, tuple(scope.ranges.values()), tuple(scope.givens), tex)


def _with_warning(result: Result, warning: str | None) -> Result:
    if warning is None or result.verdict is Verdict.ERROR:
        return result
    return replace(result, message=f"{result.message} (warning: {warning})" if result.message else f"warning: {warning}")


# ---------------------------------------------------------------- the note units of a vault


def note_works(vault: Vault, *, every: bool = False) -> tuple[list[NoteWork], Uses]:
    """A unit for every note with `sympy` blocks or `%% verify %%` equations, and every `uses` edge.

    `every`: a unit for every note, with its macros, claims or not (a scan reads every display in its scope).
    """
    blocks = {note.id: note_blocks(note) for note in vault.notes.values()}
    sizes = {ident: sum(len(block.content) for block in found) for ident, found in blocks.items()}
    direct, problems, uses = _uses(vault, blocks)
    shared: dict[str, UsedNote] = {}  # one UsedNote a note, however many units use it
    works = []
    vault_macros = definitions([vault.preamble])
    for note in vault.notes.values():
        equations = _equations(note)
        if not blocks[note.id] and not equations and not every:
            continue
        order, cycle, over = _dependencies(note.id, direct, sizes)
        note_problems = [*problems.get(note.id, ()), *(p for p in (cycle, over) if p is not None)]
        if over is not None:  # a partial scope could make a claim false: none is checked
            works.append(NoteWork(note.path, note.title, (), (), (), tuple(note_problems)))
            continue
        for i in order:
            if i not in shared:
                shared[i] = UsedNote(vault.notes[i].path, vault.notes[i].title, blocks[i])
        used = tuple(shared[i] for i in order if i != note.id)
        macros = note_macros(vault_macros, note) if equations or every else ()
        works.append(NoteWork(note.path, note.title, blocks[note.id], equations, used, tuple(note_problems), macros))
    return works, uses


def _uses(
    vault: Vault, blocks: dict[str, tuple[Block, ...]]
) -> tuple[dict[str, list[tuple[str, int]]], dict[str, list[tuple[int, str]]], Uses]:
    """Each note's `uses:` targets resolved: direct edges, problems by note, and the `uses` edges."""
    direct: dict[str, list[tuple[str, int]]] = {}
    problems: dict[str, list[tuple[int, str]]] = {}
    uses: Uses = []
    for note in vault.notes.values():
        folder = note.id.rpartition("/")[0]
        for target, line in uses_targets(blocks[note.id]):
            found = resolve_target(vault.index, target, folder, alias_links=vault.options.alias_links)
            if found.target is None or found.attachment or found.target not in vault.notes:
                problems.setdefault(note.id, []).append((line, f"uses: [[{target}]] matches no note"))
                continue
            direct.setdefault(note.id, []).append((found.target, line))
            uses.append((note.id, found.target, line))
    return direct, problems, uses


def _equations(note: Note) -> tuple[Equation, ...]:
    found = []
    for math in note.math:
        match = _VERIFY.match(math.annotation or "") if math.display else None
        if match:
            found.append(Equation(math.tex, math.line, match.group(1) or f"{note.title}:{math.line}"))
    return tuple(found)


Problem = tuple[int, str]  # (line of `uses:`, message)


def _dependencies(
    start: str, direct: dict[str, list[tuple[str, int]]], sizes: dict[str, int]
) -> tuple[list[str], Problem | None, Problem | None]:
    """Used notes in dependency order (deepest first), a `uses` cycle if there is one, and the bound
    passed if any (`MAX_USED_NOTES`, `MAX_USED_BYTES`, `MAX_USES_LINKS`): the walk stops there, so
    its order is partial.

    A depth-first walk with its own stack, not Python's: a chain of ten thousand
    notes each using the next is as safe as a short one.
    """
    order: list[str] = []
    state: dict[str, str] = {start: "open"}
    cycle: Problem | None = None
    path: list[str] = [start]  # the open notes, outermost first
    positions: dict[str, int] = {start: 0}  # each open note's place in `path`
    pending = [iter(direct.get(start, ()))]  # the targets still to look at, one iterator per open note
    via = (start, 0)  # the `uses:` target of `start` being followed, and its line
    count = size = links = 0  # notes reached besides `start`, the bytes of their blocks, targets looked at
    while pending:
        node = path[-1]
        for target, line in pending[-1]:
            links += 1
            if node == start:
                via = (target, line)
            if links > MAX_USES_LINKS:
                return order, cycle, _over_limit(via, "links")
            if state.get(target) == "open":
                if cycle is None:
                    loop = " → ".join([*path[positions[target]:], target])
                    cycle = (line if node == start else direct[start][0][1], f"uses: cycle {loop}")
                continue
            if target not in state:
                count, size = count + 1, size + sizes.get(target, 0)
                if count > MAX_USED_NOTES or size > MAX_USED_BYTES:
                    return order, cycle, _over_limit(via, "notes" if count > MAX_USED_NOTES else "bytes")
                state[target] = "open"
                positions[target] = len(path)
                path.append(target)
                pending.append(iter(direct.get(target, ())))
                break
        else:
            pending.pop()
            path.pop()
            del positions[node]
            state[node] = "done"
            order.append(node)
    return order, cycle, None


def _over_limit(via: tuple[str, int], what: str) -> Problem:
    target, line = via
    bound = {
        "notes": f"{MAX_USED_NOTES:,} notes",
        "bytes": f"{MAX_USED_BYTES:,} bytes of sympy blocks",
        "links": f"{MAX_USES_LINKS:,} uses: targets",
    }[what]
    return line, f"uses: [[{target}]] brings in more than {bound} in all (the limit); no claim of this note checked"
