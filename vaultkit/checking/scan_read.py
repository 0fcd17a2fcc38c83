r"""A scan's first stage, inside a worker: every display of a note read and cut into steps.

Each note is read in its own scope (its `sympy` blocks and those of the notes
it uses, as for its claims) with its macros. Every display is read freely,
its relations classified (`scan.classify`), and each relation that could be
an identity becomes a `Step` with the claims to try, in order, as text
(`portable.Portable`): as written (a condition beside it made an assumption
when it can be), then for positive values, then with the note's earlier
definitions put in, then both. A display that cannot be read is an `Outcome` with the
reader's cause and command, as `--coverage` reports it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

import sympy
from sympy.utilities.exceptions import SymPyDeprecationWarning

from ..model import Math
from .coverage import Display, Outcome
from .macros import MacroError, expand
from .portable import Portable, portable
from .scan import Definition, Kind, Relation, classify, definitions, kind_of, solved_equations
from .scan_context import assuming, commuted, positive, substituted
from .scan_doubt import Guesses, doubt, guesses
from .scan_tex import Condition, prepare_display
from .scope import Scope
from .work import NoteWork, latex_claim, note_scope

_LEADING = re.compile(
    r"(?:\s+|\\(?:begin|end)\s*\{(?:aligned|align\*?|equation\*?|gather\*?|gathered|split|multline\*?|eqnarray\*?)\}"
    r"|\\(?:label|tag\*?)\s*\{[^{}]*\}|\\(?:nonumber|notag)(?![A-Za-z]))*"
)
T = TypeVar("T")
_CONDITION_OPENING = re.compile(r"^(?:\s|\\q?quad|\\[,;:! ]|~|,|;|&|\\(?:text|textrm|mathrm|mbox|textit)\s*\{[^{}]*\})*")


@dataclass(frozen=True, slots=True)
class Attempt:
    """One claim to check for a step, and what it takes besides the step itself."""

    claim: Portable
    using: tuple[int, ...] = ()  # the note's lines whose definitions were put in
    assuming: str = ""  # "x positive" (its written condition), "every symbol positive"
    assumed: bool = False  # it takes what the note does not write (every symbol positive, names that commute)


@dataclass(frozen=True, slots=True)
class Step:
    """One relation of a display, where it is, how it was read, what it is, and what to check."""

    note: str
    line: int
    tex: str  # the display as written
    lhs: str  # each side as read, as SymPy prints it
    rhs: str
    relation: str  # as written in TeX
    kind: Kind
    condition: str = ""  # a condition written beside it, as written
    attempts: tuple[Attempt, ...] = ()  # identities only: as read first, then with context
    problem: str = ""  # why an identity cannot be checked at all
    doubt: str = ""  # why a counterexample may be the reading's rather than the step's (`scan_doubt`)
    condition_assumed: bool = False  # its written condition became the claims' assumptions


@dataclass(frozen=True, slots=True)
class ScanNote:
    """A note to scan: its unit of work (scope, macros) and its displays (`line`: where the TeX starts)."""

    work: NoteWork
    displays: tuple[Display, ...]
    abbreviations: tuple[str, ...] = ()  # the note's prose spells them out: names in its formulas


@dataclass(frozen=True, slots=True)
class NoteScan:
    steps: tuple[Step, ...]
    unread: tuple[Outcome, ...]


def first_line(math: Math) -> int:
    """The note's line where a display's TeX starts: after an opening `$$` that stands alone on its line."""
    extra = (math.end_line - math.line) - math.tex.count("\n")
    return math.line + max(0, extra - 1)


def read_note(note: ScanNote) -> NoteScan:
    """Inside a worker: the note's displays read and cut into steps, in order (SymPy's deprecation
    warnings about what a reading builds are not the user's to see)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SymPyDeprecationWarning)
        return _read_note(note)


@dataclass(frozen=True)
class _Reading:
    """How a note's displays are read: in its scope, as a note about complex quantities or not, with the usage
    of names across all its displays (which decides `c(z + 1)`), as `--coverage` reads them."""

    scope: Scope
    complex_note: bool
    usage: object | None = None

    def statements(self, tex: str) -> list:
        from .latex import read_statements

        if self.usage is None:
            return read_statements(tex, self.scope, complex_note=self.complex_note)
        return read_statements(tex, self.scope, complex_note=self.complex_note, usage=self.usage)


def _read_note(note: ScanNote) -> NoteScan:
    from .latex_free import is_complex

    work = note.work
    scope = note_scope(work).scope
    texts = [_expanded(display.tex, work.macros) for display in note.displays]
    reading = _Reading(scope, is_complex(*(display.tex for display in note.displays)), _optional(_usage, texts, note.abbreviations))
    steps: list[Step] = []
    unread: list[Outcome] = []
    known: list[Definition] = []
    problem = "; ".join(message for _, message in work.problems)
    carried = None  # the last side of a display that ends with `=`, and whether it stood alone (`E =`)
    for number, display in enumerate(note.displays):
        relations, ends = _relations(display, work, reading, unread)
        if carried is not None and ends is not None and ends.opens:  # `a = b =`, then `= c`: the step b = c
            kind = kind_of("=", (carried[0], ends.first), (carried[1], carried[1]), 2, scope)
            relations = [Relation(1, -1, carried[0], ends.first, "=", kind), *relations]
        carried = (ends.last, not relations) if ends is not None and ends.dangles else None
        values = [side for relation in relations for side in (relation.lhs, relation.rhs)]
        guessed = _optional(guesses, values, display.tex) or Guesses()
        known.extend(_optional(definitions, relations, scope, number, display.line) or ())
        known.extend(_optional(solved_equations, relations, number, display.line) or ())
        for relation in relations:
            earlier = [d for d in known if d.order < (number, relation.order)]  # earlier statements only
            steps.append(_step(display, relation, scope, earlier, problem, guessed))
    return NoteScan(tuple(steps), tuple(unread))


def _usage(texts: list[str], abbreviations: tuple[str, ...]) -> object | None:
    """How the note's displays use their names, where the reader can say (`latex_usage.note_usage`)."""
    try:
        from .latex_usage import note_usage
    except ImportError:
        return None
    return note_usage((prepare_display(text).tex for text in texts), abbreviations)


def _expanded(tex: str, macros: tuple) -> str:
    """The display with the note's macros expanded, or as written when they cannot be."""
    try:
        return expand(tex, macros)
    except MacroError:
        return tex


@dataclass(frozen=True)
class _Ends:
    """How a display joins its neighbours: it opens with `=` (`= c`), it ends with one (`a = b =`)."""

    first: sympy.Expr
    last: sympy.Expr
    opens: bool
    dangles: bool


_OPENS = re.compile(r"\A\s*(?:&\s*)?=(?!=)")
_DANGLES = re.compile(r"(?<![<>!\\=])=\s*(?:\\\\)?\s*[.,]?\s*\Z")


def _relations(
    display: Display, work: NoteWork, reading: _Reading, unread: list[Outcome]
) -> tuple[list[Relation], _Ends | None]:
    """The display's relations classified and how it joins its neighbours, or ([], None) with an `Outcome` saying
    why it was not read."""
    from .latex import TranslationError

    def failed(cause: str, command: str | None, message: str) -> tuple[list[Relation], None]:
        unread.append(Outcome(display.note, display.line, display.tex, None, cause, command, message))
        return [], None

    try:
        prepared = prepare_display(expand(display.tex, work.macros))
        dangling = _DANGLES.search(prepared.tex)  # `(x + 1)^2 =`: the start of a chain the next display goes on with
        statements = reading.statements(prepared.tex[: dangling.start()] if dangling else prepared.tex)
        conditions = {c.line: (c, _condition(c, reading)) for c in prepared.conditions}
        skipped = prepared.tex.count("\n", 0, _LEADING.match(prepared.tex).end())
        relations = classify(statements, reading.scope, conditions, skipped=skipped)
        ends = _Ends(statements[0].values[0], statements[-1].values[-1], _OPENS.match(prepared.tex) is not None,
                     dangling is not None) if statements else None
        return relations, ends
    except MacroError as error:
        return failed("macro", None, str(error))
    except TranslationError as error:
        return failed(error.cause, error.command, error.message)
    except RecursionError:
        return failed("too-large", None, "nested too deeply to read")
    except Exception as error:  # noqa: BLE001 - a reader bug costs one display, not its neighbours
        return failed("internal", None, f"the reader failed: {type(error).__name__}: {error}")


def _condition(condition: Condition, reading: _Reading) -> tuple | None:
    """A written condition as statements (`\\text{for } x > 0` → x > 0), or None when it does not read."""
    body = condition.tex[_CONDITION_OPENING.match(condition.tex).end():].strip().rstrip(".,;")
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    try:
        return tuple(reading.statements(body)) or None
    except Exception:  # noqa: BLE001 - TranslationError or worse: a condition that does not read is one all the same
        return None


def _step(
    display: Display, relation: Relation, scope: Scope, earlier: list[Definition], problem: str, guessed: Guesses
) -> Step:
    """The relation as a step; an identity with the claims to try, and any doubt about its reading."""
    line = display.line + relation.line - 1
    condition = relation.condition.tex if relation.condition is not None else ""
    try:
        shown = _shown(relation.lhs), _shown(relation.rhs)
        step = Step(display.note, line, display.tex, *shown, relation.relation, relation.kind, condition)
        if not relation.kind.identity:
            return step
        if problem:
            return replace(step, problem=f"the note's scope is incomplete: {problem}")
        attempts, met = _attempts(display, line, relation, scope, earlier)
        functions = frozenset(scope.functions) | {str(d.name) for d in earlier if d.parameters}
        reason = doubt((relation.lhs, relation.rhs), guessed, functions)
        return replace(step, attempts=attempts, doubt=reason, condition_assumed=met)
    except RecursionError:
        why = "nested too deeply to check"
    except Exception as error:  # noqa: BLE001 - SymPy failing on one step costs that step only
        why = f"SymPy could not work with this step: {type(error).__name__}: {error}"
    return Step(display.note, line, display.tex, "", "", relation.relation, relation.kind, condition, (), why)


def _attempts(
    display: Display, line: int, relation: Relation, scope: Scope, earlier: list[Definition]
) -> tuple[tuple[Attempt, ...], bool]:
    """As read (symbols read in written order made numbers, its condition made assumptions, when they can
    be), for positive values, with the note's earlier definitions put in, and both; and whether the written
    condition became assumptions."""
    sides, said, assumed = (relation.lhs, relation.rhs), [], False
    numbers = _optional(commuted, sides)
    if numbers is not None:
        sides, said, assumed = numbers[0], [numbers[1]], True
    constant = _constant_under_calculus(sides)
    if constant:  # d/dt(e^{γt} x) = γ e^{γt} x holds only if x does not depend on t, which the note may not mean
        said, assumed = [*said, constant], True
    commuting = [_commuting(definition) for definition in earlier]  # names read in order (k_B T) made numbers
    reordered = {d.line for d, c in zip(earlier, commuting) if c is not d}
    earlier = commuting
    given = _optional(assuming, sides, relation.requires) if relation.requires else None
    if given is not None:
        sides, said = given[0], [*said, given[1]]
    text = ", ".join(said)
    made = [(sides, (), text, assumed)]
    context = _optional(substituted, sides, earlier)
    for base, using in [(sides, ())] + ([context] if context is not None else []):
        took = assumed or bool(reordered & set(using))  # a definition's names read in order, made numbers
        if using:
            made.append((base, using, text if took == assumed else ", ".join([*said, "names read in order commute"]), took))
        signed = _optional(positive, base) if given is not None or relation.condition is None else None
        if signed is not None:  # (not where the step says where it holds, `\\forall x \\in \\mathbb{R}`: that is its domain)
            made.append((signed[0], using, signed[1] + (f", {text}" if text else ""), True))
    attempts = tuple(
        Attempt(portable(latex_claim(display.note, line, "", lhs, rhs, scope, display.tex)), using, said_, took)
        for (lhs, rhs), using, said_, took in made
    )
    return attempts, given is not None


def _constant_under_calculus(sides: tuple[sympy.Basic, ...]) -> str:
    """The names a derivative or an integral of the step takes as constant in its variable (`x` in
    d/dt(x e^t)), said as an assumption ("x constant in t"); "" when there is none."""
    taken: dict[str, set[str]] = {}
    for side in sides:
        for operation in side.atoms(sympy.Derivative, sympy.Integral):
            body = operation.expr if isinstance(operation, sympy.Derivative) else operation.function
            variables = set(operation.variables)
            names = {s.name for s in body.free_symbols - variables if isinstance(s, sympy.Symbol)}
            for variable in variables:
                if names:
                    taken.setdefault(str(variable), set()).update(names)
    return ", ".join(f"{', '.join(sorted(names))} constant in {variable}" for variable, names in sorted(taken.items()))


def _commuting(definition: Definition) -> Definition:
    """A definition with every name read in written order made a number, as the step's names were."""
    name, value = definition.name, definition.value
    ordered = {s: sympy.Symbol(s.name) for s in value.free_symbols | {name} if isinstance(s, sympy.Symbol)
               and s.is_commutative is False}
    if not ordered:
        return definition
    return replace(definition, name=ordered.get(name, name), value=value.xreplace(ordered))


def _optional(variant: Callable[..., T | None], *arguments: object) -> T | None:
    """A second reading of a step, or None when SymPy cannot build it: the step is still checked as read."""
    try:
        return variant(*arguments)
    except Exception:  # noqa: BLE001 - quantum states, matrices and sets refuse many rewritings; so can depth
        return None


def _shown(value: sympy.Basic) -> str:
    return " ".join(sympy.sstr(value).split())
