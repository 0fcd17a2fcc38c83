r"""Translate the LaTeX of display equations into SymPy, in a note's scope.

A display equation marked `%% verify %%` is a claim; this module reads its
LaTeX. The text is parsed by a LALR grammar (`latex.lark`) and the SymPy objects
are built directly from the parse tree: nothing a note writes is ever passed to
`eval`, `exec`, `sympify`, `parse_expr`, `parse_latex` or `lambdify`. Input
length, nesting depth, literals and exponents are bounded, so hostile text is an
error, fast.

The rule throughout is *rather an error than a guess*: whatever is not
understood raises `TranslationError` naming the command or construct.

Names
    - A single letter is a name; `xy` is x times y. `\alpha` … `\Omega` are names
      too (`\varphi` is the letter phi: it is the scope's `varphi` if declared,
      else its `phi`). A name is looked up in the scope (definitions are
      substituted, symbols keep their assumptions); an undeclared name is a plain
      `Symbol(name)` without assumptions. `\hbar` is `Symbol("hbar",
      positive=True)` unless declared; `\pi` is pi, `\infty` is oo.
    - `x_i`, `x_{ij}`: `x[i]`, `x[i, j]` when x is an indexed family; `p(i)`
      when p is a function of one argument (`w(i, j)` for two); otherwise the
      symbol named `x_i`, `x_ij` (looked up in the scope under that name).
    - One letter means one thing in an equation. `e`: when the scope does not
      declare `e`, a claim's `e` is Euler's number everywhere (`e`, `e^{x}` = exp(x),
      `e \cdot e`), and `e` as a variable or an index is an error; when the scope
      declares `e`, `e` is that symbol everywhere (`e^{2}` is its square). `\exp`
      and `\mathrm{e}` are always the exponential. (The free reading: `e^{…}` is
      exp(…), a bare `e` the name e.)
    - `i` is never guessed to be the imaginary unit. In a claim an undeclared `i`
      is a name only as an index: in a subscript (`x_i`, `x_{i+1}`) or under the
      `\sum_{i=…}` or `\prod` that binds it; anywhere else (`e^{i\pi}`, `i\hbar`,
      beside `x_i`) it is an error with cause `ambiguous` that says to write
      `\mathrm{i}` or `\imath`, or to declare i. The imaginary unit `\mathrm{i}`,
      `\imath` is an error when the scope declares a name `i` (ambiguous). `E` and
      `I` are ordinary names in LaTeX.

Applications and products
    - `f(x)` is a call when f is a function of the scope, `\sin(x)` a call of
      the built-in function. `x(1 - x)` is a product when x is a declared symbol
      or definition, and in a claim also when the equation uses the name
      elsewhere as a value (`\sum_{k=1}^{n} k = \frac{n(n+1)}{2}`: a sum's bound,
      a factor, a subscript, or inside its own parentheses). Otherwise an
      undeclared name followed by parentheses is ambiguous: an error
      (`unknown-function`), or an undefined `Function` with `free=True`.
    - `\sin x`, `\ln Z`, `\sin^2 x`, `\log_b x`: a function without parentheses
      takes exactly one factor; `\sin 2x` or `\ln x y` (an implicit product after
      the argument) is an error.
    - `a/b c` is ambiguous (a/(bc) or (a/b)c): an error; write `\frac`.
    - `n!`, `(n+1)!` → factorial; `\binom{n}{k}` → binomial. `\sqrt[n]{x}` is
      x^(1/n), except that in a claim, for an odd n and an x SymPy knows is real,
      it is the real root (`\sqrt[3]{-8}` = -2).

Operators
    - `\frac{d}{dx}`, `\frac{df}{dx}`, `\frac{d^2 f}{dx^2}`, `\frac{\partial f}{\partial x}`,
      `\frac{\partial^2 f}{\partial x \partial y}`, `\partial_x f` → unevaluated
      `Derivative`. An operator (`\frac{d}{dx}`, `\partial_x`) acts on the rest of
      its product; when that rest is several factors and one is a function
      applied or a derivative (`\frac{d}{dx} f(x) g(x)`), or, in a claim, the first
      is in parentheses (`\frac{d}{dx}(x^2)\, x`), it is an error (`ambiguous`: the
      whole product or its first factor?). A bare function of the scope
      differentiated (`\frac{d\sigma}{dx}`) is applied to the variable (or, for
      several parameters, to its own parameters, which must include the
      variables). A derivative of an expression that involves undeclared names
      but not the variable (it would be 0) is an error. A fraction of this shape
      is a derivative even when the scope declares a name `d`.
    - `\sum_{i=1}^{n}`, `\prod`: the body is the rest of the product
      (`\sum_i w_i x_i + b` is (Σ wᵢxᵢ) + b). `\sum_i` sums over the declared
      `range` of i, else an error with cause `no-range`.
    - `\int_a^b f\,dx` → `Integral`; the body runs to the differential `dx` (or
      `\mathrm{d}x`); `\int_a^b dx\, f` works too. An integral without both bounds
      is an error (an indefinite integral is not an identity).
    - `\lim_{x \to a}` → `Limit(f, x, a, dir="+-")`, two-sided; `a^+`, `a^-` are
      one-sided, and a limit at ±∞ is SymPy's.
    - A `d` directly followed by a name outside a derivative or integral (`dF`)
      is an error unless the scope declares `d`.

Refused with an error naming the construct: relations other than `=` (`\approx`,
`\le`, `<`, `\to` …), vectors and operators (`\nabla`, `\vec`, `\mathbf`, `\hat`),
bra-ket notation, `\mathbb`, environments (matrices), primes (`x'`), `{n \choose k}`,
`\pm`, ellipses, `\text{…}` with words (outside a subscript: `T_\text{eff}` is the
name T_eff), superscripts in parentheses (`W^{(\ell)}`, a label rather than a
power), subscripts on groups (`(\partial F/\partial T)_V`), unbraced multi-digit
arguments (`x^23` is x²·3 in TeX), two numbers side by side (`2 3`).

Equations: `translate_equation` takes exactly one `A = B`; trailing `,` `.` `;`
and spacing are dropped. Several equations separated by `,`, `;` or `\qquad`,
and chains `A = B = C`, are errors there; `translate_equations` returns them as
separate pairs. A relation other than `=` anywhere is an error naming it.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

import sympy
from lark import Token, Tree
from sympy.polys.polyerrors import BasePolynomialError

from .deadline import OutOfTime, time_limit
from .latex_free import without_glossary
from .latex_free_reader import FreeReader
from .latex_reader import ClaimReader
from .latex_syntax import TranslationError
from .latex_tensors import applied_derivatives
from .latex_usage import Usage
from .latex_vocabulary import _ELLIPSIS, CONDITION_WORDS
from .scope import Scope

__all__ = ["Statement", "TranslationError", "read_display", "read_statements", "translate", "translate_equation", "translate_equations"]


# ---------------------------------------------------------------- entry points

R = TypeVar("R", bound=ClaimReader)
T = TypeVar("T")


def _run(tex: str, reader: R, build: Callable[[R, list[Tree]], T], relations: bool = False) -> T:
    """Parse `tex` with the reader's grammar and build what `build` makes of its statements. Unless `relations`,
    every relation must be `=`; SymPy's own failures on what was read become TranslationErrors."""
    return _guarded(lambda: _built(tex, reader, build, relations))


def _guarded(work: Callable[[], T]) -> T:
    """`work()`, with SymPy's own failures and slowness on what was read turned into TranslationErrors."""
    started = time.monotonic()
    try:
        with time_limit(READ_SECONDS):
            return work()
    except TranslationError:
        raise
    except OutOfTime:
        if time.monotonic() - started < READ_SECONDS:  # an outer limit ran out, not the reading's own
            raise
        raise TranslationError(f"reading took over {READ_SECONDS:g} s", cause="too-large") from None
    except RecursionError:
        raise TranslationError("nested too deeply", cause="too-large") from None
    except (TypeError, ValueError, ArithmeticError, NotImplementedError, BasePolynomialError) as error:
        raise TranslationError(f"cannot build the expression: {error}", cause="unsupported-construct") from None


READ_SECONDS = 10.0  # one display: SymPy may take forever on what it is asked to simplify while it builds


def _built(tex: str, reader: R, build: Callable[[R, list[Tree]], T], relations: bool) -> T:
    tree = reader.parse(tex)
    statements = [c for c in tree.children if isinstance(c, Tree)]
    for statement in statements if not relations else ():  # a condition (x > 0) is the reason
        for relation in reader.relation(statement)[1]:
            if str(relation) != "=":
                raise TranslationError(
                    f"{relation}: only identities (=) can be checked", command=str(relation), cause="relation"
                )
    if build not in (_build_equations, _build_statements):
        _separated(statements, [c for c in tree.children if isinstance(c, Token)])
    reader.separators = _separators(tree)
    return build(reader, statements)


def _separators(tree: Tree) -> list[list[str]]:
    """The separators written before each statement of the display (none before the first)."""
    separators: list[list[str]] = []
    current: list[str] = []
    for child in tree.children:
        if isinstance(child, Token):
            current.append(str(child))
        else:
            separators.append(current)
            current = []
    return separators


_IMPLICATIONS = {"Rightarrow": "⟹", "Longrightarrow": "⟹", "implies": "⟹", "therefore": "⟹", "Downarrow": "⟹",
                 "iff": "⟺", "Leftrightarrow": "⟺", "Longleftrightarrow": "⟺", "Updownarrow": "⟺"}


def _values_listed(reader: FreeReader, statements: list[Tree], related: list[bool], first: int = 0) -> Statement | None:
    """`l = 0, 1, 2, \\dots`, `j = 1, \\ldots, n`: the values a name takes, listed after commas; it is in that
    set. `first`: where the list starts among the display's statements. None for anything else."""
    listed, related = statements[first:], related[first:]
    if len(listed) < 2 or not related[0] or any(related[1:]):
        return None
    if any(separators != [","] for separators in reader.separators[first + 1 : first + len(listed)]):
        return None
    sums, relations = reader.relation(listed[0])
    if [str(r) for r in relations] != ["="]:
        return None
    name = reader.sum(sums[0])
    if not isinstance(name, (sympy.Symbol, sympy.Indexed)):
        return None
    values = [reader.sum(sums[1])] + [reader.expression(s) for s in listed[1:]]
    if re.search(r"\d,\d{3}(?!\d)", reader.text) or (re.search(r"\d,\d", reader.text) and values[-1] != _ELLIPSIS):
        return None  # 1,000,000 and 0,5 are numbers, not lists; 0,1,2,… is a list
    return Statement((name, sympy.Function("set")(*values)), ("\\in",), False, _line_of(listed[0]))


def _list_spans(reader: FreeReader, statements: list[Tree], related: list[bool]) -> list[tuple[int, int]]:
    """`x_k = k \\lambda \\quad k = 1, 2, 3, \\ldots`: where each list of the values of a name starts and ends, at the
    end of a line, after a wide space and an equation on that line (not after another list)."""
    spans, lines = [], _rows(reader.separators)
    for first in range(1, len(statements)):
        if not (related[first] and related[first - 1] and lines[first - 1] == lines[first]):
            continue
        end = first + 1
        while end < len(statements) and lines[end] == lines[first] and not related[end]:
            end += 1
        ends_line = end == len(statements) or lines[end] != lines[first]
        if end > first + 1 and ends_line and _WIDE.intersection(reader.separators[first]):
            spans.append((first, end))
    return spans


_WIDE = frozenset({"\\quad", "\\qquad", ";"})  # what sets a list apart from the equation before it


def _rows(separators: list[list[str]]) -> list[int]:
    """The row of the display each statement stands on: a `\\\\` before it starts the next."""
    return list(itertools.accumulate("\\\\" in written for written in separators))


def _conditioned_lists(reader: FreeReader, statements: list[Tree], related: list[bool]) -> list[Statement] | None:
    """The display read with each list at the end of a line as that line's condition (`for k in set(1, 2, …)`);
    None when it has none, or a list that is not one name's values."""
    spans = _list_spans(reader, statements, related)
    conditions = [_values_listed(reader, statements[:end], related[:end], first) for first, end in spans]
    if not spans or None in conditions:
        return None
    listed = {i for first, end in spans for i in range(first, end)}
    kept = [i for i in range(len(statements)) if i not in listed]
    separators = reader.separators
    reader.separators = [separators[i] for i in kept]
    try:
        lines = _build_statements(reader, [statements[i] for i in kept])
    finally:
        reader.separators = separators
    rows = _rows(reader.separators)
    placed = sorted(((rows[first], i) for i, (first, _) in enumerate(spans)), reverse=True)
    kept_rows = [rows[i] for i in kept]
    for row, i in placed:  # after the last statement of its row
        place = max(k for k, kept_row in enumerate(kept_rows) if kept_row == row)
        lines.insert(place + 1, replace(conditions[i], link="for"))
    return lines


def _no_premises(lines: list[Statement]) -> None:
    """`a > 0, b > 0 \\Rightarrow ab > 0`: two statements before an arrow are its premises, not two facts; and in
    `f = 1 \\text{ if } x > 0 \\text{ and } f = 0 \\text{ if } x \\le 0` the `and` starts a statement, not a
    condition. Neither is read."""
    stated = [True]  # stated[k]: lines before k are all values stated as facts (`n = 3, r = 2 ⟹ n - r = 1`)
    for line in lines:
        stated.append(stated[-1] and _states_a_value(line))
    for k in range(2, len(lines)):
        before, now = lines[k - 1].link, lines[k].link
        one_row = lines[k - 2].line == lines[k - 1].line == lines[k].line  # rows of a derivation are no premises
        if now in ("⟹", "⟺") and before in ("", "and") and one_row and not stated[k]:
            raise TranslationError("statements side by side before an implication: its premises, or facts?",
                                   command="\\Rightarrow", cause="ambiguous")
        if before == "and" and now in CONDITION_WORDS:
            raise TranslationError("and, then a condition: a new statement, or one more condition?",
                                   command="\\text{and}", cause="ambiguous")
    for k in range(1, len(lines)):  # `f(x) > 0 \\quad \\forall x > 0 \\quad \\text{and} \\quad f(0) = 0`
        if lines[k].link == "and" and lines[k - 1].link in _QUANTIFIED and "=" in lines[k].relations:
            raise TranslationError("and, then an equation after a condition: one more condition, or a new "
                                   "statement?", command="\\text{and}", cause="ambiguous")


_QUANTIFIED = frozenset({"for all", "for any", "for every", "for each", "for some"})
_EQUALITIES = frozenset({"=", "\\approx", "\\simeq", "\\propto", "\\sim", "\\equiv"})


def _states_a_value(line: Statement) -> bool:
    """An equation or an estimate, said as a fact (no condition, no inequality): a premise that also holds."""
    return bool(line.relations) and set(line.relations) <= _EQUALITIES and line.link in ("", "⟹")


def _no_shared_condition(lines: list[Statement]) -> None:
    """`\\sin\\theta \\approx \\theta, \\quad \\cos\\theta \\approx 1 \\qquad (\\theta \\ll 1)`: a condition after several
    statements side by side on its line may be said of the last or of all: not read."""
    beside = 0
    for k, line in enumerate(lines):
        if k and line.line != lines[k - 1].line:
            beside = 0
        if line.link in CONDITION_WORDS and beside > 1:
            raise TranslationError(f"a condition ({line.link} …) after {beside} statements side by side: of the last, "
                                   "or of all?", command=line.link, cause="ambiguous")
        if not line.link:
            beside += 0 if line.continued else 1  # `= b \\quad \\propto c`: one chain, not two statements
        elif line.link in CONDITION_WORDS:
            beside = 0


def _conditioned(separators: list[str]) -> bool:
    """Whether a condition's word comes before a statement: `\\forall x` needs no relation to be one."""
    return any(s.startswith("\\text{") and s[len("\\text{") : -1] in CONDITION_WORDS for s in separators)


def _condition_of(lines: list[Statement], statement: Statement, separators: list[str]) -> Statement:
    """`\\frac{1}{1-x} = \\sum_n x^n, \\quad |x| < 1`: inequalities alone after an equation, on its row, are its
    condition."""
    inequality = statement.relations and all(r in _INEQUALITY_WORDS for r in statement.relations)
    if any(map(_calculus, statement.values)):  # `f' = 0, \qquad f'' < 0`: a second statement, not a range
        return statement
    same_line = lines and lines[-1].line == statement.line and "\\\\" not in separators
    if inequality and not statement.link and same_line and "=" in lines[-1].relations and not lines[-1].link:
        return replace(statement, link="for")
    return statement


def _calculus(value: sympy.Basic) -> bool:
    """Whether a value holds a derivative, an integral or an evaluation (`\\left. f' \\right|_{x=a}`)."""
    return value.has(sympy.Derivative, sympy.Integral) or any(
        str(f.func) == "at" for f in value.atoms(sympy.core.function.AppliedUndef))


_INEQUALITY_WORDS = frozenset({"<", ">", "\\le", "\\leq", "\\ge", "\\geq", "\\ne", "\\neq", "\\ll", "\\gg"})


def _link(separators: list[str], before: str) -> str:
    """How a statement follows the one before (linked by `before`), from what separates them: `\\text{if}`
    makes it a condition of that one, `\\Rightarrow` a consequence, `and` after a condition one more condition;
    commas and spaces set it beside."""
    if before in CONDITION_WORDS | {"and"} and any(s == "\\text{and}" for s in separators):
        return "and"
    if before in _QUANTIFIED and separators == [","]:  # `\\forall x, y`: the quantifier's names, one by one
        return "and"
    links = []
    for separator in separators:
        word = separator[len("\\text{") : -1] if separator.startswith("\\text{") else ""
        if word == "then":
            raise TranslationError("if … then …: a conditional statement is not read", command="then",
                                   cause="unsupported-construct")
        if word in CONDITION_WORDS or word == "or":  # `x = 1 \\text{ or } x = -1`: alternatives
            links.append(word)
        elif separator.lstrip("\\") in _IMPLICATIONS:
            links.append(_IMPLICATIONS[separator.lstrip("\\")])
    if len(set(links)) > 1:
        raise TranslationError(f"{' '.join(separators)}: two links between two statements", command=separators[0],
                               cause="ambiguous")
    return links[0] if links else ""


def _reader(scope: Scope, free: bool) -> ClaimReader:
    """The reader `free=` picks: the free reading, or the claim's."""
    return FreeReader(scope) if free else ClaimReader(scope)


def _separated(statements: list[Tree], separators: list[Token]) -> None:
    if len(statements) > 1:
        shown = next((str(t) for t in separators if t.type == "QUAD"), str(separators[0]))
        raise TranslationError(
            f"several equations separated by {shown}: one claim per equation (see translate_equations)",
            command=shown, cause="multiple-equations",
        )


def _equalities(reader: ClaimReader, statement: Tree) -> tuple[list[Tree], list[Token]]:
    sums, relations = reader.relation(statement)
    for relation in relations:
        if str(relation) != "=":
            raise TranslationError(
                f"{relation}: only identities (=) can be checked", command=str(relation), cause="relation"
            )
    if not relations:
        raise TranslationError("not an equation: no '='", cause="not-an-equation")
    return sums, relations


def translate(tex: str, scope: Scope, *, free: bool = False) -> sympy.Expr:
    """The SymPy expression written in `tex` (no relation), in the note's scope."""

    def build(reader: ClaimReader, statements: list[Tree]) -> sympy.Expr:
        return reader.expression(statements[0])

    return _run(tex, _reader(scope, free), build)


def translate_equation(tex: str, scope: Scope, *, free: bool = False) -> tuple[sympy.Expr, sympy.Expr]:
    """`A = B` → (A, B). Other relations, chains `A = B = C` and lists of equations are errors."""

    def build(reader: ClaimReader, statements: list[Tree]) -> tuple[sympy.Expr, sympy.Expr]:
        sums, relations = _equalities(reader, statements[0])
        if len(relations) > 1:
            raise TranslationError(
                "A = B = C: a chain of equations; one claim per equation (see translate_equations)", command="=",
                cause="multiple-equations",
            )
        return reader.sum(sums[0]), reader.sum(sums[1])

    return _run(tex, _reader(scope, free), build)


def translate_equations(tex: str, scope: Scope, *, free: bool = False) -> list[tuple[sympy.Expr, sympy.Expr]]:
    """Every identity in `tex`: `A = B = C` gives (A, B) and (B, C); equations separated by `,`, `;` or
    `\\qquad` are read one by one. Any relation other than `=` is an error for the whole text."""

    return _run(tex, _reader(scope, free), _build_equations)


def _build_equations(reader: ClaimReader, statements: list[Tree]) -> list[tuple[sympy.Expr, sympy.Expr]]:
    pairs = []
    for statement in statements:
        sums, _ = _equalities(reader, statement)
        values = [reader.sum(s) for s in sums]
        pairs.extend(zip(values, values[1:]))
    return pairs


@dataclass(frozen=True)
class Statement:
    """One statement of a display read freely: values joined by relations, in the order written.

    `values` has one more item than `relations`. `continued` is True when the statement
    begins with its relation (an aligned `&= …` line): its first value is the last value of
    the statement before. `line` counts the display's lines from 1.
    """

    values: tuple[sympy.Expr, ...]
    relations: tuple[str, ...]  # "=", "<", "\\approx", … as written (commands keep their backslash)
    continued: bool
    line: int
    link: str = ""  # how it follows the statement before: "" (beside it), "⟹", "⟺", "→" (an arrow), "or" (the lower signs of a
    # display with ±), "both" (the lower signs where ± names two objects: `\ket{\pm} = …`), or a condition's word ("if")


def read_statements(
    tex: str, scope: Scope, *, complex_note: bool = False, usage: Usage | None = None,
) -> list[Statement]:
    """The free reading of a whole display, statement by statement (see `read_display`). `usage`: how the
    note's displays use their names (`latex_usage.note_usage`), which decides `c(z + 1)`. A display with ±
    is two readings, the upper signs and the lower, the second linked to the first by "or"."""
    if usage is not None:
        tex = usage.upright_abbreviations(tex)
    try:
        return _statements(tex, scope, complex_note, usage)
    except TranslationError as error:
        shorter = without_glossary(tex)  # `… \\text{where } \\rho \\equiv …` that does not read: the glossary aside
        if shorter == tex or not shorter.strip() or error.cause == "too-large":  # what took too long: not read twice
            raise
        return _statements(shorter, scope, complex_note, usage)


def _statements(tex: str, scope: Scope, complex_note: bool, usage: Usage | None) -> list[Statement]:
    choices = _sign_choices(tex)
    readings = [
        _run(text, FreeReader(scope, complex_note=complex_note, note=usage), _build_statements, relations=True)
        for text in choices or (tex,)
    ]
    if len(readings) == 1:
        return readings[0]
    upper, lower = readings
    return upper + [replace(lower[0], link=_sign_link(tex), continued=False)] + lower[1:]


_FIRST_RELATION = re.compile(r"(?<![\\<>!])=|\\(?:approx|equiv|le|leq|ge|geq|coloneqq)(?![A-Za-z])|(?<!\\)[<>]")


def _sign_link(tex: str) -> str:
    """`x = \\pm 1`: x is one or the other ("or"); `\\ket{\\pm} = (\\ket 0 \\pm \\ket 1)/\\sqrt 2`, `\\lambda_\\pm = …`: two
    objects defined at once, both hold ("both", printed "and")."""
    relation = _FIRST_RELATION.search(tex)
    sign = _PLUS_MINUS.search(tex)
    return "both" if relation is not None and sign is not None and sign.start() < relation.start() else "or"


_PLUS_MINUS = re.compile(r"\\(pm|mp)(?![A-Za-z])")
_MEASURED = re.compile(  # `5.1 \pm 0.2`, `x^\pm`, `W^{\pm}`: an uncertainty, or a label
    r"(?<![\w.^_{])[0-9][0-9.]*\s*\\(?:pm|mp)(?![A-Za-z])\s*[0-9.]+(?![\w.])"
    r"|[_^]\s*\{?\s*\\(?:pm|mp)(?![A-Za-z])"
)


_LISTED_SIGNS = re.compile(r",\s*(?:\\[,;:!]\s*|\\q?quad\s*)*\\(?:pm|mp)(?![A-Za-z])")
_SIGN_SPLIT = re.compile(
    r"_\s*\{\s*[0-9A-Za-z]\s*,\s*[0-9A-Za-z]\s*\}|\\(?:iff|Leftrightarrow|Longleftrightarrow|implies|Rightarrow|Longrightarrow"
    r"|impliedby|Leftarrow|Longleftarrow)(?![A-Za-z])"
)


def _sign_choices(tex: str) -> tuple[str, str] | None:
    """`x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}`: the display with every ± upper (∓ lower), and lower; None
    without ±. An uncertainty (`5.1 \\pm 0.2`) or a label (`W^\\pm`) is refused: no sign to choose."""
    if not _PLUS_MINUS.search(tex):
        return None
    if _LISTED_SIGNS.search(tex):  # n = 0, \pm 1, \pm 2: both values are in the list, not one or the other
        raise TranslationError("\\pm in a list of values: both signs, not a choice", command="\\pm",
                               cause="unsupported-construct")
    if _MEASURED.search(tex):
        raise TranslationError("\\pm: an uncertainty or a label, not a choice of sign", command="\\pm",
                               cause="unsupported-construct")
    if _SIGN_SPLIT.search(tex):  # λ_{1,2} = … ± …: λ_1 takes +, λ_2 takes −; x² = 1 ⟺ x = ±1: ⟺ (x = 1 or x = −1)
        raise TranslationError("\\pm beside λ_{1,2} or an implication: the two choices are not two statements",
                               command="\\pm", cause="ambiguous")
    upper = _PLUS_MINUS.sub(lambda m: "+" if m.group(1) == "pm" else "-", tex)
    lower = _PLUS_MINUS.sub(lambda m: "-" if m.group(1) == "pm" else "+", tex)
    return upper, lower


def read_display(tex: str, scope: Scope, *, complex_note: bool = False, usage: Usage | None = None) -> str:
    """A free reading of a whole display equation, for coverage: one line a statement.

    Unknown names are symbols and unknown applications undefined functions (as
    with `free=True`); every relation is read (`=`, `<`, `\\le`, `\\approx` …)
    with the SymPy reading of each side. `x^*` conjugates x in a note about complex
    quantities (`complex_note`, see `latex_free.is_complex`) and names x^* (an optimum,
    a true distribution) elsewhere. Raises TranslationError like the rest.
    """
    statements = read_statements(tex, scope, complex_note=complex_note, usage=usage)
    return _guarded(lambda: "".join(_joined(statement) + _printed(statement) for statement in statements).lstrip("\n"))


def _joined(statement: Statement) -> str:
    """What comes before a printed statement: a new line, or its link to the one before on the same line."""
    if not statement.link:
        return "\n"
    if statement.link == "or":
        return "\n or "
    if statement.link == "both":
        return "\n and "
    return f" {statement.link} " if statement.link in ("⟹", "⟺", "→", "and") else f", {statement.link} "


_SHOWN = {"\\colon": ":"}  # f : X to Y, a map's signature


def _printed(statement: Statement) -> str:
    text = _one_line(statement.values[0])
    for relation, value in zip(statement.relations, statement.values[1:]):
        text += f" {_SHOWN.get(relation, relation.lstrip(chr(92)))} {_one_line(value)}"
    return text


_FORMULA = re.compile(r"\\operatorname\{(?:ForAll|Exists|ExistsOne|And|Or|Not|Implies|Iff|hypothesis)\}")


def _formula(statement: Tree) -> bool:
    """A statement that is one formula of logic (`latex_logic`) or a hypothesis: a call, no relation outside."""
    if len(statement.children) != 1 or not isinstance(statement.children[0], Tree):
        return False
    product = statement.children[0].children
    if len(product) != 1 or not isinstance(product[0], Tree) or len(product[0].children) != 1:
        return False
    first = next(statement.scan_values(lambda value: isinstance(value, Token)), None)
    return first is not None and first.type == "NAMED" and _FORMULA.fullmatch(str(first)) is not None


def _related(reader: FreeReader, statements: list[Tree]) -> list[bool]:
    """Which statements relate something: a relation, a condition's word before it, a formula of logic, or a
    name joined to a quantifier's names (`\\forall x, y`, `\\text{for all } x \\text{ and } y`)."""
    related, quantified = [], False
    for position, statement in enumerate(statements):
        separators, relations = reader.separators[position], [str(r) for r in reader.relation(statement)[1]]
        joined = quantified and _joins_names(relations, separators)
        conditioned = _conditioned(separators)
        related.append(bool(relations) or conditioned or _formula(statement) or joined)
        quantified = joined or (conditioned and any(s[len("\\text{"): -1] in _QUANTIFIED for s in separators))
    return related


def _joins_names(relations: list[str], separators: list[str]) -> bool:
    """`, y` or `\\text{and} y` after a quantifier's name on its row: one more name it ranges over."""
    return bool(separators) and set(separators) <= _NAME_JOINERS and set(relations) <= _SET_RELATIONS


_NAME_JOINERS = frozenset({",", "\\text{and}"})
_SET_RELATIONS = frozenset({"\\in", "\\notin", "\\subset", "\\subseteq"})


def _build_statements(reader: FreeReader, statements: list[Tree]) -> list[Statement]:
    related = _related(reader, statements)
    listed = _values_listed(reader, statements, related)
    if listed is not None:
        return [listed]
    conditioned = _conditioned_lists(reader, statements, related)
    if conditioned is not None:  # each equation holds for each value of its line's list
        return conditioned
    if any(related) and not all(related):  # `a = 1, 2 b`: a list of values, or separate statements?
        raise TranslationError(
            "an equation and bare expressions side by side (j = 1, 2, …, n?): a list is not read", command=",",
            cause="ambiguous",
        )
    lines: list[Statement] = []
    for position, statement in enumerate(statements):
        link = _link(reader.separators[position], lines[-1].link if lines else "") if position else ""
        sums, relations = reader.relation(statement)
        values = [reader.sum(s) for s in sums]
        reader.check_statement(values)
        continued = reader.continues(statement)
        if continued:
            if not lines or str(relations[0]) in _ARROWS:  # `= b = c` continues an equation above the display
                # (read what is here); `\quad \rightarrow \quad M \sim 10^5` leads to a new statement
                relations = relations[1:]
                continued = False
                if not relations and lines:
                    raise TranslationError(
                        "an arrow from an equation to an expression: what does it relate?", command="\\rightarrow",
                        cause="ambiguous",
                    )
            elif link:  # `A ∝ s^{0.11} \\text{or} ∝ (\\ln s)^2`: the alternative is for A, not for s^{0.11}
                raise TranslationError(f"a relation after '{link}' with nothing before it: of which side?",
                                       command=str(relations[0]), cause="ambiguous")
            elif lines[-1].link in CONDITION_WORDS | {"and"}:
                raise TranslationError(  # `&= a^2 - b^2 \\\\ &\\text{if } a = b \\\\ &= 0`, `f = 0 \\text{ if } x < 0 \\\\ &= 1`
                    "a chain goes on after a condition: of the step above, or of the steps below?",
                    command=lines[-1].link, cause="ambiguous")
            else:
                values.insert(0, lines[-1].values[-1])
        line = _line_of(statement)
        for part, (part_values, part_relations) in enumerate(_between_arrows(values, [str(r) for r in relations])):
            made = Statement(tuple(part_values), tuple(part_relations), continued and part == 0, line,
                             link if part == 0 else "→")  # f = x^2 \\to f' = 2x: led to, on the same line
            lines.append(_condition_of(lines, made, reader.separators[position]))
    _no_premises(lines)
    _no_shared_condition(lines)
    if {"for all", "for some"} <= {line.link for line in lines}:  # ∀ε ∃δ is not ∃δ ∀ε: the order is the meaning
        raise TranslationError("\\forall and \\exists in one display: quantifiers in order are not read",
                               command="\\exists", cause="unsupported-construct")
    _no_field_of_time(reader.applied, lines)
    for mapping in (_differentiated(reader.applied, reader.totals), _family_members(lines)):
        if mapping:
            lines = [replace(s, values=tuple(v.xreplace(mapping) for v in s.values)) for s in lines]
    return [replace(s, values=tuple(map(applied_derivatives, s.values))) for s in lines]


_MEMBER = re.compile(r"(.+)_([A-Za-z]+|[0-9]+)")
_MEMBER_LABELLED = re.compile(r"(.+?)_([A-Za-z]+|[0-9]+)\^(\(.+\))")
_LABEL_MEMBER = re.compile(r"(.+)\^\((\w+)\)")


def _family_members(lines: list[Statement]) -> dict[sympy.Basic, sympy.Expr]:
    """`\\sum_i t_{ij} v_i = t_{jj} v_j`: once t is the family t[i, j] in a display, `t_{jj}` is its entry
    t[j, j] and `v_j` is v[j], not names of their own (a letter a subscript, or a number for a family of one
    index)."""
    values = [v for s in lines for v in s.values]
    indexed = [i for v in values for i in v.atoms(sympy.Indexed)]
    families: dict[str, tuple] = {}  # name → (base, its fewest indices): n[r + 1] beside n[Q, r] is a family of one
    for i in sorted(indexed, key=sympy.default_sort_key):  # index; in sorted order, the same on every run
        known = families.get(i.base.label.name)
        if known is None or len(i.indices) < known[1]:
            families[i.base.label.name] = (i.base, len(i.indices))
    index_names = {x.name for i in indexed for index in i.indices for x in index.free_symbols}
    names = {x.name: x for v in values for x in v.free_symbols if isinstance(x, sympy.Symbol)}
    mapping: dict[sympy.Basic, sympy.Expr] = {}
    labelled = {i.base.label.name: type(i) for i in indexed if type(i) is not sympy.Indexed}
    for name, symbol in names.items():
        label = _LABEL_MEMBER.fullmatch(name)
        if label is not None and label.group(1) in labelled:  # x^{(1)} beside \sum_i x^{(i)}: the first example
            written = label.group(2)
            index = sympy.Integer(written) if written.isdigit() else names.get(written, sympy.Symbol(written))
            mapping[symbol] = labelled[label.group(1)](families[label.group(1)][0], index)
            continue
        labelled_name = _MEMBER_LABELLED.fullmatch(name)  # E_n^{(T)} beside E^{(T)}_{n+1}: the family E^(T)
        match = _MEMBER.fullmatch(name) if labelled_name is None else None
        if labelled_name is not None and f"{labelled_name.group(1)}^{labelled_name.group(3)}" in families:
            base_name = f"{labelled_name.group(1)}^{labelled_name.group(3)}"
            indices = _member_indices(base_name, labelled_name.group(2), families, index_names, names)
            if indices:
                mapping[symbol] = families[base_name][0][tuple(indices)]
            continue
        if match is None:
            continue
        indices = _member_indices(match.group(1), match.group(2), families, index_names, names)
        if indices:
            base = families[match.group(1)][0] if match.group(1) in families else sympy.IndexedBase(
                match.group(1), commutative=symbol.is_commutative is not False)  # U x_t keeps its order
            mapping[symbol] = base[tuple(indices)]
    return mapping


def _member_indices(base: str, written: str, families: dict, index_names: set[str], names: dict) -> list:
    """The indices of the name base_written as a member of a family: of the family `base` (`t_{jj}` → [j, j],
    `x_0` → [0]), or, where the display indexes families by n, of a family of its own (`a_n` beside S[n - 1])."""
    rank = families[base][1] if base in families else 1
    if written.isdigit():
        return [sympy.Integer(written)] if base in families and rank == 1 else []
    if written in index_names and rank == 1:
        return [names.get(written, sympy.Symbol(written))]
    if base in families and len(written) == rank and set(written) <= index_names | set("ijklmn"):
        return [names.get(letter, sympy.Symbol(letter)) for letter in written]  # not R_p, a portfolio's label
    return []


_SPATIAL = frozenset({"grad", "div", "curl", "laplacian"})


def _no_field_of_time(applied: dict[str, set[sympy.Expr]], lines: list[Statement]) -> None:
    """`\\partial_t T = \\alpha \\nabla^2 T`: T differentiated by t only would be T(t), whose ∇² is 0; the author means a
    field of position and time. Refused where ∇ stands beside a derivative that makes a function of one variable."""
    spatial = any(str(a.func) in _SPATIAL for s in lines for v in s.values for a in v.atoms(sympy.core.function.AppliedUndef))
    if applied and spatial:
        raise TranslationError("∇ of what a derivative makes a function of one variable: a field of position too?",
                               command="\\nabla", cause="ambiguous")


def _differentiated(applied: dict[str, set[sympy.Expr]], totals: set[str]) -> dict[sympy.Basic, sympy.Expr]:
    """`\\frac{d^2 x}{dt^2} = -\\omega^2 x`: once x is differentiated as x(t), every bare x is x(t); a name
    differentiated partially by t and by x (`∂u/∂t = D ∂²u/∂x²`) is one field u(t, x) throughout."""
    functions: dict[sympy.Basic, sympy.Expr] = {}
    for name, calls in applied.items():
        if len(calls) > 1 and name in totals:  # dy/dx = dy/du du/dx is y(u(x)), or y(x, u)? TeX does not say
            raise TranslationError(
                f"{name} differentiated by several variables: a function of all of them, or a chain "
                f"{name}(u(x))? Write {name}(x, y) or the chain", command=name, cause="ambiguous",
            )
        call = _one_field(calls)
        if len(calls) > 1 and any(str(v) in applied for v in call.args):  # ∂L/∂x = ∂P/∂x ∂L/∂P: a chain
            raise TranslationError(f"{name} differentiated by {call.args} and one of them by another: a chain rule's "
                                   "total derivative, or a partial one?", command=name, cause="ambiguous")
        functions.update({written: call for written in calls if written != call})
        if any(str(a) == name for a in call.args):  # \frac{dx}{dx}: x a function of itself
            raise TranslationError(f"d{name}/d{name}", command=name, cause="unsupported-construct")
        functions.update({sympy.Symbol(name): call, sympy.Symbol(name, commutative=False): call})
    return functions


def _one_field(calls: set[sympy.Expr]) -> sympy.Expr:
    """u(t) and u(x), each differentiated partially: u(t, x), its variables in the order of their names."""
    if len(calls) == 1:
        return next(iter(calls))
    variables = sorted({v for call in calls for v in call.args}, key=sympy.default_sort_key)
    return next(iter(calls)).func(*variables)


_ARROWS = frozenset({"\\rightarrow", "\\to", "\\longrightarrow"})


def _relates(relations: list[str]) -> bool:
    return any(relation not in _ARROWS for relation in relations)


def _between_arrows(values: list, relations: list[str]) -> list[tuple[list, list[str]]]:
    """`log(a) = 0 \\rightarrow n = Np`, `M \\sim 10^{16} \\rightarrow M \\sim 10^5`: an arrow between two
    relations leads from one to the next, it relates nothing; a limit's `x \\to 0` stays a relation."""
    parts: list[tuple[list, list[str]]] = []
    start = 0
    for i, relation in enumerate(relations):
        if relation in _ARROWS and _relates(relations[start:i]) and _relates(relations[i + 1 :]):
            parts.append((values[start : i + 1], relations[start:i]))
            start = i + 1
    parts.append((values[start:], relations[start:]))
    return parts


def _line_of(statement: Tree) -> int:
    first = next(iter(statement.scan_values(lambda value: isinstance(value, Token))), None)
    return getattr(first, "line", None) or 1


def _one_line(value: sympy.Basic) -> str:
    return " ".join(sympy.sstr(value).split())  # matrices print on several lines
