r"""What each relation of a display is, before anything is checked.

A display read freely (`latex.read_statements`) is a list of statements, each
values joined by relations. Every relation between two consecutive values is a
step, and its kind says what a counterexample would mean:

- `step`: a derivation step: the second and later relations of a chain, an
  aligned `&= …` line, and the first relation of a chain whose left side is not
  a bare name. A counterexample: it **does not follow**.
- `equation`: a single equation whose left side is not a bare name
  (`H\psi = E\psi`). It may be an identity; if not, it is a **statement** (a law,
  a condition), which holds for some values only.
- `numeric`: a single equation without any symbol or unknown function
  (`1 + 1 = 2`): no value can make it hold, so a counterexample is a mistake.
- `definition`: `:=`, `\coloneqq`, `\equiv`, and the first relation of a
  statement whose left side is a bare undeclared name or an undeclared function
  of distinct names (`E = mc^2`, `f(x) = x^2`): a definition or a law, not a
  derivation. So is a relation whose left side is a bare name right after a
  definition or a relation that is not an identity (`a \equiv a_\perp = \sqrt{…}`,
  `\Delta r \approx \ell = 1/\alpha`). Never checked; later steps of the note
  may use it.
- Every relation of a display of dimensional analysis (`[F] = M L T^{-2}`) is a `relation`: it may work in
  natural units, where `L T^{-1} = M^0` holds by convention. So is every relation of a display in index
  notation (`p^\mu p_\mu = m^2`): its contractions need a metric the note does not give.
- `approximation` (`\approx`, `\simeq`, `\sim`, `\propto`, …), `inequality`
  (`<`, `\le`, `\ne`, …), `relation` (arrows, `\in`, a side that holds a
  quantity named in words or an operation on sets, anything else): not
  identities, never checked.

Conditions written beside an equation (`\quad x > 0`, `\text{if } …`, or an
inequality read as a statement of its own on the same line) go with the steps
of their line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import Enum

import sympy
from sympy.core.function import AppliedUndef

from .latex_tensors import is_index_name
from .latex_vocabulary import CONDITION_WORDS
from .scan_tex import Condition
from .scope import Scope

DEFINITIONS = frozenset({"\\coloneqq", "\\eqqcolon", "\\equiv", "\\triangleq", "\\doteq", ":="})
APPROXIMATIONS = frozenset({"\\approx", "\\simeq", "\\sim", "\\propto", "\\cong", "\\asymp", "\\thickapprox"})
ARROWS = frozenset({
    "\\to", "\\rightarrow", "\\longrightarrow", "\\Rightarrow", "\\Longrightarrow", "\\implies", "\\iff",
    "\\Leftrightarrow", "\\leftrightarrow", "\\longleftrightarrow", "\\Longleftrightarrow", "\\leftarrow",
    "\\longleftarrow", "\\Leftarrow", "\\Longleftarrow", "\\impliedby", "\\gets", "\\mapsto",
})  # an arrow between equations: what follows is a new equation, not the next value of a chain
INEQUALITIES = frozenset({
    "<", ">", "\\le", "\\leq", "\\ge", "\\geq", "\\ne", "\\neq", "\\ll", "\\gg", "\\leqslant", "\\geqslant",
    "\\lesssim", "\\gtrsim", "\\prec", "\\succ", "\\preceq", "\\succeq", "\\lt", "\\gt",
})  # fmt: skip


class Kind(str, Enum):
    STEP = "step"
    EQUATION = "equation"
    NUMERIC = "numeric"
    DEFINITION = "definition"
    APPROXIMATION = "approximation"
    INEQUALITY = "inequality"
    RELATION = "relation"

    @property
    def identity(self) -> bool:
        """Whether steps of this kind are checked as identities."""
        return self in (Kind.STEP, Kind.EQUATION, Kind.NUMERIC)


@dataclass(frozen=True)
class Relation:
    """One relation of a display as read: where it is, both sides, what it is, and any condition of its line."""

    line: int  # the text line within the display, 1 for its first
    order: int  # its place among the display's statements: earlier relations come first
    lhs: sympy.Expr
    rhs: sympy.Expr
    relation: str  # as written in TeX
    kind: Kind
    condition: Condition | None = None
    requires: tuple | None = ()  # the condition as statements; None when it could not be read
    alternative: bool = False  # one of the two sign choices of a display with ±: defines nothing for later steps


@dataclass(frozen=True)
class Definition:
    """`name = value` or `f(x, y) = value`, on a line of a note: what a later step may substitute."""

    line: int  # the note's line
    order: tuple[int, int]  # (display, statement) in reading order
    name: sympy.Symbol | sympy.FunctionClass
    parameters: tuple[sympy.Symbol, ...]  # () for a name
    value: sympy.Expr


Conditions = dict[int, tuple[Condition, tuple | None]]  # text line → (condition, its statements; None if unread)


def classify(statements: Iterable, scope: Scope, conditions: Conditions | None = None, skipped: int = 0) -> list[Relation]:
    """Every relation of a display's statements, with its kind and the condition of its line.

    `skipped`: the display's lines before the one the reader counts as its first.
    """
    statements = list(statements)
    lines = [skipped + statement.line for statement in statements]
    by_line = dict(conditions or {})
    for line, (condition, read) in _written_conditions(statements, lines):
        if line in by_line:
            before, known = by_line[line]
            condition = Condition(line, f"{before.tex}, {condition.tex}")
            read = known + read if known is not None else None
        by_line[line] = (condition, read)
    found = []
    alternative = any(getattr(statement, "link", "") in ("or", "both") for statement in statements)
    units = any(_dimensional(value) or _indexed(value) for statement in statements for value in statement.values)
    for chain in _chains(statements):
        if _is_condition(statements[chain[0][0]]):
            continue  # `f = 1, for x = 0`: said of its line, no relation of its own
        kind = None
        for number, (i, j) in enumerate(chain):
            statement = statements[i]
            lhs, rhs, relation = statement.values[j], statement.values[j + 1], statement.relations[j]
            opening = kind is None or not kind.identity  # `x ≡ a = b`, `Δr ≈ ℓ = 1/α`: b and 1/α define a, ℓ
            kind = kind_of(relation, (lhs, rhs), (number == 0, opening), len(chain), scope)
            kind = Kind.RELATION if units else kind
            condition, requires = by_line.get(lines[i], (None, ()))
            found.append(Relation(lines[i], i, lhs, rhs, relation, kind, condition, requires, alternative))
    return _one_of_two(found, statements)


def _one_of_two(found: list[Relation], statements: list) -> list[Relation]:
    """`\\sin\\frac{(2R+1)\\pi}{4} = \\pm\\frac{1}{\\sqrt 2}`: a side that is the same under both signs equals one of
    two values, which neither sign alone says; where both sides change (`a \\pm b = c \\pm d`) each sign is a step."""
    lower = next((i for i, s in enumerate(statements) if getattr(s, "link", "") == "or"), None)
    if lower is None:
        return found
    upper_signs = [r for r in found if r.order < lower]
    lower_signs = [r for r in found if r.order >= lower]
    if len(upper_signs) != len(lower_signs):
        return found
    one_side = {id(r) for pair in zip(upper_signs, lower_signs) if (pair[0].lhs == pair[1].lhs) != (pair[0].rhs == pair[1].rhs)
                for r in pair}
    return [replace(r, kind=Kind.RELATION) if id(r) in one_side and r.kind.identity else r for r in found]


def _chains(statements: list) -> Iterator[list[tuple[int, int]]]:
    """The relations, as (statement, place), grouped as chains: a statement that begins afresh and the `&= …`
    lines that continue it, cut at every arrow (after `\\Rightarrow` or `\\to` comes a new equation)."""
    chain: list[tuple[int, int]] = []
    for i, statement in enumerate(statements):
        if chain and not statement.continued:
            yield chain
            chain = []
        for j, relation in enumerate(statement.relations):
            if relation in ARROWS:
                yield from [chain, [(i, j)]] if chain else [[(i, j)]]
                chain = []
            else:
                chain.append((i, j))
    if chain:
        yield chain


def kind_of(
    relation: str, sides: tuple[sympy.Expr, sympy.Expr], place: tuple[bool, bool], length: int, scope: Scope
) -> Kind:
    """`place`: whether the relation is the chain's first, and whether it opens a new equation (the first,
    or one after a definition, an approximation or another relation that is not an identity)."""
    first, opening = place
    if relation in DEFINITIONS:
        return Kind.DEFINITION
    if relation in APPROXIMATIONS:
        return Kind.APPROXIMATION
    if relation in INEQUALITIES:
        return Kind.INEQUALITY
    if relation != "=" or any(_unchecked(side) for side in sides):
        return Kind.RELATION
    if opening and defined_name(sides[0], scope) is not None:
        return Kind.DEFINITION
    if first and length == 1:
        return Kind.NUMERIC if all(constant(side) for side in sides) else Kind.EQUATION
    return Kind.STEP


def _written_conditions(statements: list, lines: list[int]) -> Iterator[tuple[int, tuple[Condition, tuple]]]:
    """`|x| = x, \\quad x > 0`: an inequality read as a statement of its own, after an equation on its line."""
    seen: set[int] = set()
    for statement, line in zip(statements, lines):
        relations = statement.relations
        alone = line in seen and relations and not statement.continued and all(r in INEQUALITIES for r in relations)
        if alone or (line in seen and _is_condition(statement)):
            text = sympy.sstr(statement.values[0])
            for relation, value in zip(relations, statement.values[1:]):
                text += f" {relation} {sympy.sstr(value)}"
            yield line, (Condition(line, text), (statement,))
        if "=" in relations:
            seen.add(line)


def _is_condition(statement) -> bool:  # noqa: ANN001 - a latex.Statement
    """Whether the reader linked the statement to the one before as its condition (`\\text{for}`, `as`, …)."""
    return getattr(statement, "link", "") in CONDITION_WORDS | {"and"}


_OPERATIONS_ON_SETS = frozenset({"union", "intersection", "setminus", "compose", "set", "family", "otimes", "odot", "oplus", "matrices",
                                 "BigUnion", "BigIntersection", "BigUnionOver", "BigIntersectionOver"})
_LABELLED = frozenset({"labelled"})  # `(dn/dt)_{\rm stim}`: another quantity, named by its label
_ORDERS = frozenset({"O", "O_cal"})  # `= O(n^2)`: of the order of, no equation
_OVER_REGIONS = frozenset({"IntegralOver", "VolumeIntegral", "lim", "at", "argmax", "argmin", "max", "min"})  # `\int_\Omega f\, d\Omega`: what the region is, the engine does not know
_UNCHECKED_FUNCTIONS = _OPERATIONS_ON_SETS | _ORDERS | _OVER_REGIONS | _LABELLED
_KEPT_DERIVATIVES = ("d/d", "d^", "∂/∂", "∂^", "∫d")  # `d/dt(mu*r_dot)`, `∫dt(P, 0, T)`: of names that do not show t


def _unchecked(expr: sympy.Expr) -> bool:
    """Whether a side holds what nothing can check: a quantity named in words (`\\text{number density}`), an
    operation on sets or maps read by its name (`A \\cup B`, `g \\circ f`), whose laws the
    engine does not know, an order of growth (`O(n^2)`), or an integral over a region (`\\int_\\Omega`)."""
    words = any(symbol.name.startswith('"') for symbol in expr.free_symbols if isinstance(symbol, sympy.Symbol))
    return words or any(str(applied.func) in _UNCHECKED_FUNCTIONS or str(applied.func).startswith(_KEPT_DERIVATIVES)
                        for applied in expr.atoms(AppliedUndef))


def _dimensional(expr: sympy.Expr) -> bool:
    """Whether a value is a dimension (`[F] = M L T^{-2}`): dimensional analysis may work in natural units, where
    `L T^{-1} = M^0` holds by convention and not by algebra, so no step of its display is an identity."""
    return any(str(applied.func) == "dimension" for applied in expr.atoms(AppliedUndef))


def _indexed(expr: sympy.Expr) -> bool:
    """Whether a value is written in index notation (`p^\\mu p_\\mu`): its contractions need a metric."""
    symbols = [s for s in expr.free_symbols if isinstance(s, sympy.Symbol) and s.is_commutative is False]
    return any(is_index_name(symbol.name) for symbol in symbols)  # names in index notation keep their order


def constant(expr: sympy.Expr) -> bool:
    """No symbol and no unknown function: a number, whatever values anything takes."""
    return not expr.free_symbols and not expr.atoms(AppliedUndef)


def defined_name(side: sympy.Expr, scope: Scope) -> tuple[sympy.Basic, tuple[sympy.Symbol, ...]] | None:
    """(name, parameters) when `side` is a bare undeclared name (with any subscript) or an undeclared function
    of distinct names."""
    if isinstance(side, sympy.Symbol):
        return None if scope.defined(side.name) else (side, ())
    if isinstance(side, sympy.Indexed):  # `E_{\lambda_0}`, `v_{r,1}`: a name with a label
        return None if str(side.base) in scope.indexed else (side, ())
    if isinstance(side, AppliedUndef):
        arguments = side.args
        distinct = len(set(arguments)) == len(arguments) and all(isinstance(a, sympy.Symbol) for a in arguments)
        if distinct and str(side.func) not in scope.functions:
            return side.func, tuple(arguments)
    return None


def definitions(relations: Iterable[Relation], scope: Scope, display: int, first_line: int) -> list[Definition]:
    """The definitions among a display's relations, in order, that a later step could substitute."""
    found = []
    for relation in relations:
        if relation.kind is not Kind.DEFINITION or relation.relation in ("\\doteq",) or relation.alternative:
            continue
        name_side, value = relation.lhs, relation.rhs
        if relation.relation == "\\eqqcolon":
            name_side, value = value, name_side
        named = defined_name(name_side, scope)
        if named is not None and not _mentions(value, named[0]):
            found.append(Definition(first_line + relation.line - 1, (display, relation.order), named[0], named[1], value))
    return found


def solved_equations(relations: Iterable[Relation], display: int, first_line: int) -> list[Definition]:
    """`P(0) + P(1) = 1`: a single equation the note writes, solved for the value it holds once and linearly (the
    last such one: P(1) = 1 − P(0)), which a later step may put in as it puts in a definition."""
    found = []
    for relation in relations:
        if relation.kind is not Kind.EQUATION or relation.relation != "=" or relation.alternative \
                or relation.condition is not None:
            continue
        solved = _solved(relation.lhs - relation.rhs)
        if solved is not None:
            found.append(Definition(first_line + relation.line - 1, (display, relation.order), solved[0], (), solved[1]))
    return found


def _solved(difference: sympy.Expr) -> tuple[sympy.Basic, sympy.Expr] | None:
    """The last value of a function at a number (P(1)) or name the difference is linear in, and what it equals."""
    if not difference.is_commutative or difference.has(sympy.Sum, sympy.Integral, sympy.Derivative, sympy.Abs):
        return None
    candidates = [a for a in difference.atoms(AppliedUndef) if all(arg.is_number for arg in a.args)]
    candidates += sorted(difference.free_symbols, key=str)
    for unknown in reversed(sorted(candidates, key=sympy.default_sort_key)):
        coefficient = difference.diff(unknown)
        if coefficient.is_number and coefficient != 0 and not (difference - coefficient * unknown).has(unknown):
            return unknown, sympy.expand(-(difference - coefficient * unknown) / coefficient)
    return None


def _mentions(value: sympy.Expr, name: sympy.Basic) -> bool:
    if isinstance(name, sympy.Symbol):
        return name in value.free_symbols
    return any(applied.func == name for applied in value.atoms(AppliedUndef))
