"""Where a claim is tested: exact sample points that look where identities break.

Points are exact rationals (complex ones for symbols that may be complex),
drawn from a generator seeded by the claim's content alone, so the same claim
is tested at the same points on any line, in any note, on any machine. Besides
random points over many magnitudes (10⁻⁶ … 10⁶, both signs), each variable is
swept over the places where identities fail: 0, ±1, ±½, small and not so small
integers for real symbols, the negative real and the imaginary axes for complex
ones (branch cuts), every integer from the lowest allowed up to 50 for integer
symbols, and 0 … 20 for the bounds of sums and products (the empty range
first), the ends of every declared index range, and the thresholds of
Heaviside, floor, ceiling, sign, Abs, Min, Max and Piecewise with a point on
each side.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

import sympy

from .ball import Exact, exact
from .claims import IndexRange

RANDOM_POINTS = 14
INTEGER_SWEEP = 50  # integers from the lowest allowed value up to this far above it
NEAR = sympy.Rational(1, 2**20)  # how far beside a threshold the points on each side are
_REAL_SPECIALS = tuple(
    sympy.S(v) for v in ("0", "1", "-1", "1/2", "-1/2", "2", "-2", "3", "-3", "1/3", "-7/3", "10", "-10",
                         "1000", "-1000", "10**6", "-10**6", "10**-6", "-10**-6", "5", "-7")
)  # fmt: skip
_IMAGINARY_SPECIALS = tuple(sympy.I * sympy.S(v) for v in ("1", "-1", "1/2", "-1/2", "2", "-3", "10**6", "-10**-6"))
_FAR_INTEGERS = (64, 100, -100)  # past the sweep: H_n/5 reaches 1 only at n = 83
_PI_SPECIALS = tuple(sympy.pi * sympy.S(v) for v in ("1/2", "-1/2", "1", "-1", "1/4", "1/3"))  # poles of tan, sec
_COMPLEX_SPECIALS = (sympy.S("-1") + sympy.I / 1024, sympy.S("-1") - sympy.I / 1024, 1 + sympy.I, -2 - 3 * sympy.I)


@dataclass(frozen=True)
class Variable:
    """A free symbol of a claim and the values it may take."""

    symbol: sympy.Symbol
    integer: bool
    real: bool
    sign: int  # +1 positive, −1 negative, 0 either
    zero: bool  # may be 0
    small: bool  # a bound of a sum or product, or of an index range: unrolled at each point
    range: IndexRange | None = None  # a free index runs over its declared range


def seed_of(*parts: object) -> int:
    """A seed from the claim's content (never its note, line or id)."""
    return int(hashlib.sha256("\x00".join(sympy.srepr(p) if isinstance(p, sympy.Basic) else repr(p)
                                          for p in parts).encode()).hexdigest()[:16], 16)  # fmt: skip


def variable(symbol: sympy.Symbol, small: bool = False, index_range: IndexRange | None = None) -> Variable:
    integer = bool(symbol.is_integer)
    real = bool(symbol.is_extended_real) or integer
    sign = 1 if symbol.is_positive or (symbol.is_nonnegative and symbol.is_zero is False) else 0
    sign = -1 if symbol.is_negative or (symbol.is_nonpositive and symbol.is_zero is False) else sign
    zero = symbol.is_zero is not False and not symbol.is_positive and not symbol.is_negative
    return Variable(symbol, integer, real or sign != 0, sign, zero, small, index_range)


def admits(var: Variable, value: sympy.Expr) -> bool:
    """Whether a value is allowed for the variable by its assumptions."""
    re, im = value.as_real_imag()
    if (var.real or var.integer) and im != 0:
        return False
    if var.integer and not (im == 0 and re.is_integer):
        return False
    if value == 0:
        return var.zero
    if var.sign > 0:
        return im == 0 and re > 0
    if var.sign < 0:
        return im == 0 and re < 0
    if var.symbol.is_nonnegative and not (im == 0 and re >= 0):
        return False
    return not (var.symbol.is_nonpositive and not (im == 0 and re <= 0))


# ---------------------------------------------------------------- random values


def random_rational(rng: random.Random, wide: bool = False) -> sympy.Rational:
    """A positive dyadic rational with about 40 significant bits, mostly of order 1, at times 10⁻⁶ … 10⁶."""
    tier = rng.random()
    if wide or tier > 0.8:
        magnitude = 10 ** rng.uniform(-6, 6)
    elif tier < 0.55:
        magnitude = rng.uniform(0.15, 2.5)
    else:
        magnitude = rng.uniform(2.5, 40)
    shift = 40 - math.floor(math.log2(magnitude))
    return sympy.Rational(max(1, round(magnitude * 2**shift)), 2**shift) if shift >= 0 else sympy.Integer(round(magnitude))


def random_value(var: Variable, rng: random.Random, wide: bool = False) -> sympy.Expr:
    if var.integer:
        return sympy.Integer(_random_integer(var, rng))
    size = random_rational(rng, wide)
    if var.sign:
        return var.sign * size
    if var.symbol.is_nonnegative or var.symbol.is_nonpositive:  # 0 is a special value, drawn elsewhere
        return size if var.symbol.is_nonnegative else -size
    real = size if rng.random() < 0.5 else -size
    if var.real:
        return real
    imaginary = random_rational(rng, wide) * (1 if rng.random() < 0.5 else -1)
    return real + sympy.I * imaginary


def _random_integer(var: Variable, rng: random.Random) -> int:
    top = 6 if var.small else (12 if rng.random() < 0.7 else 60)
    low, high = _integer_bounds(var, top)
    choices = [n for n in range(low, high + 1) if n != 0 or var.zero]
    return rng.choice(choices)


def _integer_bounds(var: Variable, span: int) -> tuple[int, int]:
    if var.sign > 0:
        return 1, 1 + span
    if var.sign < 0:
        return -1 - span, -1
    if var.symbol.is_nonnegative:
        return 0, span
    if var.symbol.is_nonpositive:
        return -span, 0
    return (-3, span) if var.small else (-span // 2, span // 2)


# ---------------------------------------------------------------- special values


def specials(var: Variable, constants: Iterable[int] = ()) -> list[sympy.Expr]:
    """The values of one variable where identities typically break, most telling first.

    For an integer, every value from the lowest allowed up, and each integer constant of the claim with
    its neighbours (KroneckerDelta(n, 40), binomial(n, 30)); for a real or complex symbol, the special
    rationals, the poles of tan and sec (π/2 …), and for a complex one the branch cuts.
    """
    if var.range is not None:
        return []  # depends on the bounds: see `index_values`
    if var.integer:
        low, high = _integer_bounds(var, INTEGER_SWEEP)
        ordered = sorted(range(low, high + 1), key=lambda n: (abs(n) > 3, abs(n), n < 0))
        near = [c + d for c in constants if abs(c) <= 10**6 for d in (0, -1, 1)]
        values = [sympy.Integer(n) for n in [*ordered, *near, *_FAR_INTEGERS]]
    else:
        values = [*_REAL_SPECIALS, *_PI_SPECIALS]
        if not var.real:
            values += [*_IMAGINARY_SPECIALS, *_COMPLEX_SPECIALS]
    return [v for v in dict.fromkeys(values) if admits(var, v)]


def index_values(index_range: IndexRange, env: dict) -> list[int]:
    """The ends and a middle of a free index's range at a point (k in 1..n)."""
    low = int(sympy.S(index_range.low).xreplace(env))
    high = int(sympy.S(index_range.high).xreplace(env))
    if high < low:
        return []
    return sorted({low, high, (low + high) // 2})


def beside(at: sympy.Expr, integer: bool = False) -> list[sympy.Rational]:
    """Rationals just below and just above a real critical value (itself rational, or not); for an integer
    symbol the integers around it (√3601 ≈ 60.008: 60 and 61)."""
    if integer:
        if at.is_extended_real is not True:
            return []
        low = sympy.floor(at)
        return [low - 1, low, low + 1, low + 2] if low.is_Integer else []
    if at.is_Rational:
        return [at - NEAR, at + NEAR]
    if at.is_extended_real is not True:
        return []
    centre = sympy.Rational(round(float(sympy.N(at, 30)) * 2**40), 2**40)
    return [centre - NEAR, centre + NEAR]


def exact_point(point: dict) -> tuple[dict, dict]:
    """The point's rational values for the evaluator, and the others (π/2) to put in with SymPy first."""
    rational, symbolic = {}, {}
    for symbol, value in point.items():
        re, im = value.as_real_imag()
        if re.is_Rational and im.is_Rational:
            rational[symbol] = exact(value)
        else:
            symbolic[symbol] = value
    return rational, symbolic


def indexed_drawer(seed: int):  # noqa: ANN201
    """Values for indexed elements on demand, fixed by the point's seed, the family's name and the indices."""

    kinds: dict[sympy.IndexedBase, Variable] = {}

    def draw(base: sympy.IndexedBase, indices: tuple[int, ...]) -> Exact:
        if base not in kinds:  # every element of a family has the family's assumptions
            kinds[base] = variable(sympy.Indexed(base, *indices))
        rng = random.Random(f"{seed}:{base.label}:{indices}")
        return exact(random_value(kinds[base], rng))

    return draw
