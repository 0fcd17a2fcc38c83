"""`sympy` blocks: one statement a line, read into a scope and a list of claims.

    symbols: x indexed real; T positive; n positive integer; i j k integer
    range: i j k = 1..n
    Z := Sum(exp(x[j]/T), (j, 1, n))
    p(k) := exp(x[k]/T) / Z
    given: Abs(beta)**2 == 1 - Abs(alpha)**2
    claim softmax-normalized: Sum(p(i), (i, 1, n)) == 1
    uses: [[Softmax]], [[Partition function]]

A statement that cannot be read becomes a claim with a `problem`, so it is
reported as an error on its own line and the rest of the block still counts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import sympy

from ..model import Note
from .claims import Claim, Given, IndexRange
from .engine import given_problem
from .expr import RESERVED, ExpressionError, Reader
from .scope import Scope

ASSUMPTIONS = frozenset({"real", "positive", "negative", "nonnegative", "nonpositive", "integer", "complex", "nonzero"})
_KINDS = frozenset({"indexed", "function"})
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*$")
_DEFINITION = re.compile(r"([A-Za-z][A-Za-z0-9_]*)\s*(?:\(([^()]*)\))?\s*:=(.*)$")
_CLAIM = re.compile(r"claim(?:\s+([A-Za-z0-9-]+))?\s*:(.*)$")
_RANGE = re.compile(r"range\s*:\s*([A-Za-z0-9_ ]+?)\s*=\s*(.+?)\s*\.\.\s*(.+)$")
_USES_TARGET = re.compile(r"\[\[([^\[\]|#]+)(?:[#|][^\[\]]*)?\]\]")


@dataclass(frozen=True, slots=True)
class Block:
    """A `sympy` fenced block of a note: its text and the line of its first statement."""

    content: str
    line: int


@dataclass
class BlockReading:
    scope: Scope
    claims: list[Claim] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)


def uses_targets(blocks: Iterable[Block]) -> list[tuple[str, int]]:
    """The `[[targets]]` of every `uses:` line, with their lines, without reading anything else."""
    found = []
    for block in blocks:
        for offset, raw in enumerate(block.content.split("\n")):
            line = _strip_comment(raw)
            if line.startswith("uses") and line[4:].lstrip().startswith(":"):
                found.extend((m.group(1).strip(), block.line + offset) for m in _USES_TARGET.finditer(line))
    return found


def read_blocks(path: str, title: str, blocks: Iterable[Block], scope: Scope | None = None) -> BlockReading:
    """Read every statement in order into `scope` (a copy of the used notes' scope, if any)."""
    reading = BlockReading(scope=scope or Scope())
    for block in blocks:
        for offset, raw in enumerate(block.content.split("\n")):
            line = _strip_comment(raw)
            if not line:
                continue
            number = block.line + offset
            try:
                _statement(reading, path, title, line, number)
            except ExpressionError as error:
                reading.claims.append(_problem(path, title, number, line, str(error)))
            except RecursionError:
                reading.claims.append(_problem(path, title, number, line, "too deeply nested to read"))
            except Exception as error:  # noqa: BLE001 - SymPy failing on one statement costs that statement only
                message = f"SymPy could not build this statement: {type(error).__name__}: {error}"
                reading.claims.append(_problem(path, title, number, line, message))
    return reading


def _strip_comment(raw: str) -> str:
    return raw.split("#", 1)[0].strip()


def _problem(path: str, title: str, line: int, text: str, message: str, ident: str | None = None) -> Claim:
    return Claim(path, line, ident or f"{title}:{line}", "sympy", None, None, text=text, problem=message)


def _statement(reading: BlockReading, path: str, title: str, line: str, number: int) -> None:
    scope = reading.scope
    where = f"{path}:{number}"
    if line.startswith("uses") and line[4:].lstrip().startswith(":"):
        return  # resolved by the caller, which brings the used notes' names in first
    if line.startswith("symbols") and line[7:].lstrip().startswith(":"):
        _symbols(scope, line.split(":", 1)[1], where)
        return
    if line.startswith("range") and line[5:].lstrip().startswith(":"):
        _range(scope, line, where)
        return
    if line.startswith("given") and line[5:].lstrip().startswith(":"):
        _given(reading, path, title, line, number)
        return
    claim = _CLAIM.match(line)
    if claim:
        ident = claim.group(1) or f"{title}:{number}"
        reader = Reader(scope)
        try:
            lhs, rhs = reader.equation(claim.group(2))
        except ExpressionError as error:
            reading.claims.append(_problem(path, title, number, line, str(error), ident))
            return
        reading.warnings.extend((number, w) for w in reader.warnings)
        ranges = tuple(scope.ranges.values())
        reading.claims.append(Claim(path, number, ident, "sympy", lhs, rhs, ranges, tuple(scope.givens), line))
        return
    definition = _DEFINITION.match(line)
    if definition:
        _define(reading, definition, where, number)
        return
    raise ExpressionError(f"not a statement: {line[:60]!r} (expected symbols:, range:, NAME :=, given:, claim:, uses:)")


def _given(reading: BlockReading, path: str, title: str, line: str, number: int) -> None:
    """A constraint for the claims after it; one that is false, or contradicts those before it, is an error here."""
    reader = Reader(reading.scope)
    lhs, rhs = reader.equation(line.split(":", 1)[1])
    given = Given(lhs, rhs, title, number)
    reading.scope.givens.append(given)
    reading.warnings.extend((number, w) for w in reader.warnings)
    problem = given_problem(reading.scope.givens, given)
    if problem is not None:
        reading.claims.append(_problem(path, title, number, line, problem, f"given:{title}:{number}"))


def _declare(scope: Scope, name: str, where: str) -> None:
    if not _NAME.match(name):
        raise ExpressionError(f"{name!r} is not a name")
    if name in RESERVED:
        raise ExpressionError(f"{name} is a built-in name and cannot be redeclared")
    if scope.defined(name) and scope.where.get(name, "").split(":")[0] == where.split(":")[0]:
        raise ExpressionError(f"{name} is already declared at line {scope.where[name].rsplit(':', 1)[1]}")
    scope.where[name] = where


def _symbols(scope: Scope, text: str, where: str) -> None:
    for group in text.split(";"):
        words = group.split()
        if not words:
            continue
        names = [w for w in words if w not in ASSUMPTIONS and w not in _KINDS]
        flags = [w for w in words if w in ASSUMPTIONS or w in _KINDS]
        if not names:
            raise ExpressionError(f"no names in {group.strip()!r}")
        if words[: len(names)] != names:
            raise ExpressionError(f"names come before their assumptions in {group.strip()!r}")
        for name in names:  # `a postive` would silently declare a symbol `postive` and drop the assumption
            close = difflib.get_close_matches(name, sorted(ASSUMPTIONS | _KINDS), n=1, cutoff=0.75)
            if close and len(name) >= 4:
                raise ExpressionError(f"{name}: not an assumption; did you mean {close[0]}?")
        assumptions = _assumptions(flags)
        try:
            sympy.Symbol("probe", **assumptions)
        except ValueError as error:  # e.g. positive and negative
            raise ExpressionError(f"contradictory assumptions {' '.join(flags)}: {error}") from None
        for name in names:
            _declare(scope, name, where)
            scope.symbols.pop(name, None)
            scope.indexed.pop(name, None)
            scope.definitions.pop(name, None)
            scope.functions.pop(name, None)
            if "function" in flags:  # any function: test functions stand in for it when a claim is tested
                if len(flags) > 1:
                    raise ExpressionError(f"{name}: a function takes no assumptions")
                scope.functions[name] = sympy.Function(name)
            elif "indexed" in flags:
                scope.indexed[name] = sympy.IndexedBase(name, **assumptions)
            else:
                scope.symbols[name] = sympy.Symbol(name, **assumptions)


def _assumptions(flags: list[str]) -> dict[str, bool]:
    """SymPy assumptions for the words; `nonzero` means ≠ 0 and, unlike SymPy's own, does not imply real."""
    assumptions = {flag: True for flag in flags if flag not in ("indexed", "nonzero", "function")}
    if "nonzero" in flags:
        assumptions["zero"] = False
    return assumptions


def _range(scope: Scope, line: str, where: str) -> None:
    match = _RANGE.match(line)
    if not match:
        raise ExpressionError("expected `range: i j = LOW..HIGH`")
    reader = Reader(scope)
    low, high = reader.expression(match.group(2)), reader.expression(match.group(3))
    for name in match.group(1).split():
        index = scope.symbols.get(name)
        if index is None:
            _declare(scope, name, where)
            index = scope.symbols[name] = sympy.Symbol(name, integer=True)
        elif not index.is_integer:
            raise ExpressionError(f"{name} is an index and must be declared integer")
        scope.ranges[name] = IndexRange(index, low, high)


def _define(reading: BlockReading, match: re.Match[str], where: str, number: int) -> None:
    scope = reading.scope
    name, parameters, body = match.group(1), match.group(2), match.group(3)
    if parameters is None:
        reader = Reader(scope)
        value = reader.expression(body)
        _declare(scope, name, where)
        scope.definitions[name] = value
    else:
        names = [p.strip() for p in parameters.split(",") if p.strip()]
        if not names or not all(_NAME.match(p) for p in names) or len(set(names)) != len(names):
            raise ExpressionError(f"bad parameters ({parameters}) of {name}")
        symbols = {p: sympy.Symbol(p) for p in names}  # a parameter's own: no assumptions borrowed
        reader = Reader(scope, symbols)
        value = reader.expression(body)
        _declare(scope, name, where)
        scope.functions[name] = sympy.Lambda(tuple(symbols[p] for p in names), value)
    reading.warnings.extend((number, w) for w in reader.warnings)


def note_blocks(note: Note) -> tuple[Block, ...]:
    """The note's `sympy` blocks, with the line of their first statement."""
    return tuple(Block(b.content, b.line + 1) for b in note.code_blocks if b.info.split()[:1] == ["sympy"])
