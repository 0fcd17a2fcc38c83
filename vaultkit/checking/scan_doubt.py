r"""Where a free reading may not be what the note means, so that a counterexample may be the reading's.

The free reading guesses where TeX does not say: a decorated name (`\dot x`,
`f'`, `z^*`, `\bar z`) is a plain symbol, notation (`\langle x \rangle`, `\nabla`,
`d`) is an unknown function, `x_i` under `\sum_i` is a name that does not depend
on i, `\frac{\partial a}{\partial w}` of a bare name is 0, `x(x + 2)` may be an
application. A step that fails under such a reading may be right as meant: it is
never reported as not following, only as not checked, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import sympy
from sympy.core.function import AppliedUndef

_DECORATIONS = ("_dot", "_ddot", "_prime", "_star", "_bar", "_tilde", "_vec", "_hat", "_dagger")
_GREEK = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi omicron pi "
    "varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma "
    "Upsilon Phi Psi Omega".split()
)
_POWERED_CALL = re.compile(r"(?<![\\A-Za-z])([A-Za-z])\^\{?[0-9]+\}?\s*(?:\\left)?\(\s*\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]*\}?)?\s*(?:\\right)?\)")
_LETTERS = frozenset("hbar ell aleph beth wp imath jmath eth hslash digamma varkappa".split())  # TeX letters
_GUESSED = {"i": "i is read as a name: it may be the imaginary unit", "e": "e is read as a name: it may be Euler's number"}

Sides = tuple[sympy.Expr, sympy.Expr]


@dataclass(frozen=True)
class Guesses:
    """What a display's reading guessed across its statements, which a single step cannot show."""

    shared: frozenset[str] = frozenset()  # names read both as values and as functions (`x` and `x(x + 2)`)
    powered: frozenset[str] = frozenset()  # letters written `H^{2}(a)`: TeX for H(a)², read as H²·a


def guesses(values: Iterable[sympy.Basic], tex: str) -> Guesses:
    """The display's guesses, from all its values and its TeX."""
    return Guesses(applied_names(values), frozenset(m.group(1) for m in _POWERED_CALL.finditer(tex)))


def applied_names(values: Iterable[sympy.Basic]) -> frozenset[str]:
    """The names read both as a value and as an applied function among a display's values (`x` and `x(x + 2)`),
    and `exp` when a bare `e` stands beside `e^{…}` read as the exponential (`e = g^n = e^q g^r`)."""
    symbols, functions = set(), set()
    for value in values:
        symbols.update(s.name for s in value.free_symbols if isinstance(s, sympy.Symbol))
        functions.update(str(a.func) for a in value.atoms(AppliedUndef))
        functions.update("exp" for _ in value.atoms(sympy.exp))
    return frozenset(symbols & functions) | ({"exp"} if "e" in symbols and "exp" in functions else set())


def doubt(sides: Sides, display: Guesses = Guesses(), functions: frozenset[str] = frozenset()) -> str:
    """Why a counterexample to this reading may not refute the step as meant; "" when there is no such reason.

    `display`: what the reading of the whole display guessed; `functions`: the names the note makes functions
    itself (declared, or defined as `f(x) = …` before the step).
    """
    symbols = {s.name for side in sides for s in side.free_symbols if isinstance(s, sympy.Symbol)}
    applied = [a for side in sides for a in side.atoms(AppliedUndef)]
    named = {str(a.func) for a in applied}
    reasons = [f"{name} is read both as a value and as a function {name}(…) in this display (a product?)"
               for name in sorted(named & display.shared)]  # fmt: skip
    if "exp" in display.shared and any(side.has(sympy.exp) for side in sides):
        reasons.append("e is read both as a name and as Euler's number in this display")
    reasons += [f"{name}^{{…}}(…) is read as a power of {name} times the parentheses; it may be {name}(…) squared"
                for name in sorted(symbols & display.powered)]  # fmt: skip
    reasons += [f"{sympy.sstr(a)} is read as a function applied; it may be a product"
                for a in applied if str(a.func) not in functions and not all(_plain(x) for x in a.args)]  # fmt: skip
    ordered = sorted({s.name for side in sides for s in side.free_symbols if s.is_commutative is False})
    reasons += [f"{', '.join(ordered)} may not commute (operators, matrices): false for numbers"] if ordered else []
    guessed = {s.name for side in sides for s in side.free_symbols if s.name in _GUESSED and not s.is_integer}
    reasons += [_GUESSED[name] for name in sorted(guessed)]  # an i declared an integer is an index
    reasons += [f"{name} is a decorated name read as a plain {'function' if name in named else 'symbol'}"
                for name in sorted(symbols | named) if name.endswith(_DECORATIONS)]  # fmt: skip
    reasons += [f"{name} is notation read as an unknown function: the step may use what it means"
                for name in sorted(named) if not _letter(name)]  # fmt: skip
    reasons += [f"{name} is a word read as a symbol (a unit, a label?)" for name in sorted(symbols) if _word(name)]
    reasons += [reason for reason in (_euler(sides), _transpose(sides), _bound(sides), _constant_derivative(sides),
                                      _permuted(sides)) if reason]
    return reasons[0] if reasons else ""


def _permuted(sides: Sides) -> str:
    """`R_{abcd} = -R_{bacd}`, `\\epsilon_{ijk}`, `T[i, j]` beside `T[j, i]`: components with their indices permuted
    are related by symmetries the note knows and the engine does not."""
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for side in sides:
        for name, indices in _components(side):
            key = (name, tuple(sorted(indices)))
            if key in seen and seen[key] != "".join(indices):
                return f"{name} with the indices {seen[key]} and {''.join(indices)}: a symmetry of its components"
            seen.setdefault(key, "".join(indices))
    return ""


def _components(side: sympy.Expr) -> list[tuple[str, list[str]]]:
    """Each name with two or more indices: `R_abcd` (a name's letters after `_`) or `T[i, j]` (a member)."""
    found = []
    for symbol in side.free_symbols:
        base, _, script = getattr(symbol, "name", "").partition("_")
        if base and script.isalpha() and 2 <= len(script) <= 4 and script.islower():
            found.append((base, list(script)))
    found += [(str(member.base), [str(i) for i in member.indices]) for member in side.atoms(sympy.Indexed)
              if len(member.indices) > 1]
    return found


def _plain(argument: sympy.Basic) -> bool:
    return isinstance(argument, (sympy.Symbol, sympy.Number))


def _word(name: str) -> bool:
    """`cm`, `const`, `particles`: a name of several letters that is neither Greek nor a TeX letter."""
    return len(name) > 1 and "_" not in name and name.isalpha() and name not in _GREEK and name not in _LETTERS


def _euler(sides: Sides) -> str:
    """`e^{2}` read as Euler's number squared, where e is as likely a charge."""
    for side in sides:
        for power in side.atoms(sympy.exp):
            if power.args[0].is_Rational:
                return f"{sympy.sstr(power)} is read as a power of Euler's number; e may be a charge or a name"
    return ""


def _letter(name: str) -> bool:
    """A function a note names itself: a letter or a Greek letter, with any subscript (`f`, `sigma`, `L_cal`)."""
    base = name.split("_", 1)[0]
    return len(base) == 1 or base in _GREEK


def _transpose(sides: Sides) -> str:
    """`x^T` read as a power of a symbol T, where it is as likely a transpose."""
    for side in sides:
        for power in side.atoms(sympy.Pow):
            if any(isinstance(s, sympy.Symbol) and s.name in ("T", "top", "intercal") for s in power.exp.free_symbols):
                return f"{sympy.sstr(power)} is read as a power; ^T may be a transpose"
    return ""


def _bound(sides: Sides) -> str:
    """`\\sum_i x_i` with `x_i` a name: the sum's body does not depend on its index as meant."""
    for side in sides:
        for total in side.atoms(sympy.Sum, sympy.Product):
            for index in (limit[0] for limit in total.limits):
                for symbol in total.function.free_symbols:
                    if isinstance(symbol, sympy.Symbol) and _mentions_index(symbol.name, index.name):
                        return f"{symbol.name} is read as a name that does not depend on the index {index.name}"
    return ""


def _mentions_index(name: str, index: str) -> bool:
    if "_" not in name or name == index:
        return False
    subscript = name.split("_", 1)[1]
    return subscript == index or (len(index) == 1 and len(subscript) <= 3 and index in subscript)


def _constant_derivative(sides: Sides) -> str:
    """`\\frac{\\partial a}{\\partial w}` of names that do not mention w: 0 as read, rarely as meant."""
    for side in sides:
        for derivative in side.atoms(sympy.Derivative):
            variables = {v for v, _ in derivative.variable_count}
            body = derivative.expr
            if body.free_symbols and not body.atoms(AppliedUndef) and not variables & body.free_symbols:
                shown = ", ".join(sorted(str(v) for v in variables))
                return f"{sympy.sstr(body)} is read as independent of {shown}, so its derivative is 0"
    return ""
