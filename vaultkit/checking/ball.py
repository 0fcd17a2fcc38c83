"""Rigorous evaluation of a SymPy expression at an exact point, in ball arithmetic.

A value is either exact (a complex number with rational parts, kept exact
through + − × ÷ and integer powers) or an arb/acb ball from python-flint that
is certain to contain the true value. Whatever cannot be decided at the
working precision (a ball that straddles a threshold of `floor` or `sign`, or
a branch cut) raises `Undecided`; a provable singularity (a division by an
exact zero, log 0, a pole of Γ) raises `Undefined`; a construct the evaluator
does not know raises `Unsupported`. So a value that comes back is always a
true enclosure, and a verdict built on it is never a rounding artefact.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> with precision(64):
    ...     value = Evaluator({x: exact(sympy.Rational(1, 2))}).value(sympy.sin(x) ** 2 + sympy.cos(x) ** 2)
    >>> ball(value).contains(1)
    True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import sympy
from flint import acb, arb, ctx, fmpq, fmpz
from sympy.core.function import AppliedUndef

K = TypeVar("K")
T = TypeVar("T")

MAX_TERMS = 20_000  # terms of the sums and products unrolled in one evaluation
MAX_EXACT_BITS = 20_000  # an exact power larger than this is computed as a ball


class Undefined(Exception):
    """The expression has no value at this point (a pole, 0/0, log 0)."""


class Undecided(Exception):
    """The value cannot be settled at this precision (a threshold or branch cut inside a ball)."""


class OnEdge(Undecided):
    """Undecided because the value may sit exactly on a threshold, a pole or a cut (cos(2π) = 1?): SymPy,
    putting the values in exactly, can often settle it where no precision will."""


class Unsupported(Exception):
    """A construct the rigorous evaluator does not know."""


@dataclass(frozen=True, slots=True)
class Exact:
    """A complex number with rational parts, known exactly."""

    re: fmpq
    im: fmpq

    @property
    def is_zero(self) -> bool:
        return self.re == 0 and self.im == 0

    @property
    def is_real(self) -> bool:
        return self.im == 0


@dataclass(frozen=True, slots=True)
class Infinite:
    """+∞ or −∞ as a whole side (a divergent integral): equal only to the same infinity."""

    sign: int


Value = Exact | acb

ZERO = Exact(fmpq(0), fmpq(0))
ONE = Exact(fmpq(1), fmpq(0))


@contextmanager
def precision(bits: int) -> Iterator[None]:
    """Work at `bits` of precision inside the block."""
    previous = ctx.prec
    ctx.prec = bits
    try:
        yield
    finally:
        ctx.prec = previous


def exact(number: sympy.Expr) -> Exact:
    """An exact value from a SymPy number with rational (or Gaussian rational) parts."""
    re, im = number.as_real_imag() if not number.is_Rational else (number, sympy.S.Zero)
    if not (re.is_Rational and im.is_Rational):
        raise Unsupported(f"{number} is not an exact rational number")
    return Exact(fmpq(int(re.p), int(re.q)), fmpq(int(im.p), int(im.q)))


def to_sympy(value: Exact) -> sympy.Expr:
    """An exact value back in SymPy, for printing a counterexample."""
    re = sympy.Rational(int(value.re.p), int(value.re.q))
    im = sympy.Rational(int(value.im.p), int(value.im.q))
    return re + sympy.I * im


def ball(value: Value) -> acb:
    """The value as a ball at the working precision."""
    if isinstance(value, Exact):
        return acb(arb(value.re), arb(value.im)) if value.im != 0 else acb(arb(value.re))
    return value


def is_real(value: Value) -> bool:
    """True when the value is certainly real (an exact real, or a ball whose imaginary part is exactly 0)."""
    if isinstance(value, Exact):
        return value.is_real
    return value.imag.is_exact() and value.imag.is_zero()


def real_part(value: Value, what: str) -> Exact | arb:
    """The value as a real number; Undecided if it may not be real."""
    if isinstance(value, Exact):
        if value.im != 0:
            raise Unsupported(f"{what} of a non-real number")
        return value
    if not is_real(value):
        if value.imag.contains(0):
            raise OnEdge(f"cannot tell whether the argument of {what} is real")
        raise Unsupported(f"{what} of a non-real number")
    return value.real


def sign_of(value: Exact | arb) -> int:
    """−1, 0 or 1 for a real value; Undecided when a ball contains 0 and is not exactly 0."""
    if isinstance(value, Exact):
        return (value.re > 0) - (value.re < 0)
    if value.is_exact() and value.is_zero():
        return 0
    if value > 0:
        return 1
    if value < 0:
        return -1
    raise OnEdge("a threshold lies inside the ball")


# ---------------------------------------------------------------- arithmetic


def add(a: Value, b: Value) -> Value:
    if isinstance(a, Exact) and isinstance(b, Exact):
        return Exact(a.re + b.re, a.im + b.im)
    return ball(a) + ball(b)


def multiply(a: Value, b: Value) -> Value:
    if isinstance(a, Exact) and isinstance(b, Exact):
        return Exact(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    if isinstance(a, Exact) and a.is_zero or isinstance(b, Exact) and b.is_zero:
        return ZERO  # 0 · (any finite value)
    return ball(a) * ball(b)


def reciprocal(a: Value) -> Value:
    if isinstance(a, Exact):
        if a.is_zero:
            raise Undefined("division by zero")
        norm = a.re * a.re + a.im * a.im
        return Exact(a.re / norm, -a.im / norm)
    result = 1 / a
    if not result.is_finite():
        raise OnEdge("a denominator may be zero")
    return result


def power(base: Value, exponent: Value) -> Value:
    """base ** exponent on the principal branch, as SymPy defines it."""
    if isinstance(exponent, Exact) and exponent.is_real and exponent.re.q == 1:
        return _integer_power(base, int(exponent.re.p))
    if isinstance(base, Exact) and base.is_zero:
        re = real_part(exponent, "the exponent of 0") if is_real(exponent) else ball(exponent).real
        if sign_of(re) > 0:
            return ZERO
        raise Undefined("0 to a power whose real part is not positive")
    result = ball(base).pow(ball(exponent))
    return _finite(result, "a power")


def _integer_power(base: Value, n: int) -> Value:
    if n == 0:
        return ONE  # SymPy: x**0 is 1, 0**0 too
    if isinstance(base, Exact):
        if base.is_zero:
            if n < 0:
                raise Undefined("0 to a negative power")
            return ZERO
        bits = abs(n) * max(_bits(base.re), _bits(base.im), 1)
        if bits <= MAX_EXACT_BITS:
            result = _exact_power(base, abs(n))
            return reciprocal(result) if n < 0 else result
    result = ball(base) ** n
    return _finite(result, "a power")


def _bits(q: fmpq) -> int:
    return max(int(abs(q.p)).bit_length(), int(q.q).bit_length())


def _exact_power(base: Exact, n: int) -> Exact:
    result, square = ONE, base
    while n:
        if n & 1:
            result = multiply(result, square)
        n >>= 1
        if n:
            square = multiply(square, square)
    return result


def _finite(value: acb, what: str) -> acb:
    if not value.is_finite():
        raise OnEdge(f"{what} is not finite at this precision")
    return value


# ---------------------------------------------------------------- the evaluator


class Evaluator:
    """Evaluates expressions at one point: `env` maps each symbol (and indexed element) to its value.

    `indexed(base, indices)` gives the value of an indexed element the point did
    not list (x[7] of a sum unrolled to 7 terms), drawn on demand.
    """

    def __init__(self, env: Mapping, indexed: Callable[[sympy.IndexedBase, tuple[int, ...]], Value] | None = None):
        self.env = dict(env)
        self.indexed = indexed
        self.terms = 0
        self.bound: list[sympy.Symbol] = []  # indices of the sums being unrolled, innermost last
        self.growth = 0.0  # decimal digits of the largest exponential met: e⁴⁰⁰ hides 1 − tanh(400) = 2e⁻⁸⁰⁰
        self.memo: dict = {}  # sums and products already worked out at this point

    def value(self, expr: sympy.Basic) -> Value:
        handler = _HANDLERS.get(type(expr))
        if handler is None:
            handler = _handler_for(expr)
        return handler(self, expr)

    def grow(self, argument: Value) -> None:
        """Note the size of an exponential's argument: differences like 1 − tanh(t) are e^(−2t) small."""
        size = abs(ball(argument).real).upper()
        digits = float(size) / 2.302585 if size.is_finite() else float("inf")
        self.growth = max(self.growth, digits)

    def side(self, expr: sympy.Basic) -> Value | Infinite:
        """A whole side of a claim, which may be ±∞ as a whole."""
        if expr is sympy.oo or expr is sympy.S.Infinity:
            return Infinite(1)
        if expr is sympy.S.NegativeInfinity:
            return Infinite(-1)
        return self.value(expr)

    def integer(self, expr: sympy.Basic, what: str) -> int:
        value = self.value(expr)
        if not (isinstance(value, Exact) and value.is_real and value.re.q == 1):
            raise Unsupported(f"{what} is not an integer")
        return int(value.re.p)


def _handler_for(expr: sympy.Basic) -> Callable[[Evaluator, sympy.Basic], Value]:
    if isinstance(expr, sympy.Rational):
        return lambda _, e: exact(e)
    if isinstance(expr, sympy.Float):
        return _float
    if isinstance(expr, AppliedUndef):
        raise Unsupported(f"the undefined function {expr.func} has no value")
    for kind, handler in _BY_CLASS:
        if isinstance(expr, kind):
            return handler
    raise Unsupported(f"{type(expr).__name__} cannot be evaluated rigorously")


def _float(_: Evaluator, expr: sympy.Float) -> Exact:
    sign, mantissa, exponent, _bc = expr._mpf_
    if not mantissa and exponent:  # inf, nan
        raise Undefined("a non-finite number")
    value = fmpq(mantissa * (-1 if sign else 1)) * (fmpq(2) ** exponent if exponent >= 0 else fmpq(1, 2**-exponent))
    return Exact(value, fmpq(0))


def _symbol(evaluator: Evaluator, expr: sympy.Symbol) -> Value:
    try:
        return evaluator.env[expr]
    except KeyError:
        raise Unsupported(f"no value for {expr}") from None


def _indexed(evaluator: Evaluator, expr: sympy.Indexed) -> Value:
    indices = tuple(evaluator.integer(i, f"the index of {expr}") for i in expr.indices)
    key = (expr.base, indices)
    if key in evaluator.env:
        return evaluator.env[key]
    if evaluator.indexed is None:
        raise Unsupported(f"no value for {expr}")
    evaluator.env[key] = value = evaluator.indexed(expr.base, indices)
    return value


def _add(evaluator: Evaluator, expr: sympy.Add) -> Value:
    total: Value = ZERO
    for term in expr.args:
        total = add(total, evaluator.value(term))
    return total


def _mul(evaluator: Evaluator, expr: sympy.Mul) -> Value:
    """A product; a factor that is 0 once the integers are in (j at j = 0) makes it 0 whatever the rest,
    as SymPy has it when it puts the indices of a sum in before the values: d/dx Σⱼ xʲ at x = 0."""
    integral = [f for f in expr.args if _integers_only(f)]
    total: Value = ONE
    for factor in integral:
        value = evaluator.value(factor)
        if isinstance(value, Exact) and value.is_zero:
            return ZERO
        total = multiply(total, value)
    for factor in expr.args:
        if factor not in integral:
            total = multiply(total, evaluator.value(factor))
    return total


_INTEGRAL: dict[sympy.Basic, bool] = {}


def remembered(cache: dict[K, T], key: K, compute: Callable[[], T]) -> T:
    """`compute()` once per key, in a cache that is emptied when it grows large (expressions recur across points)."""
    if key not in cache:
        if len(cache) > 10_000:
            cache.clear()
        cache[key] = compute()
    return cache[key]


def _integers_only(expr: sympy.Basic) -> bool:
    """Whether a factor depends on integer symbols only (the indices of sums among them)."""
    return remembered(_INTEGRAL, expr, lambda: bool(expr.free_symbols) and all(s.is_integer for s in expr.free_symbols))


def _pow(evaluator: Evaluator, expr: sympy.Pow) -> Value:
    return power(evaluator.value(expr.base), evaluator.value(expr.exp))


def _constant(make: Callable[[], acb]) -> Callable[[Evaluator, sympy.Basic], Value]:
    return lambda _, __: make()


def _undefined(_: Evaluator, expr: sympy.Basic) -> Value:
    raise Undefined(f"{expr} is not a number")


def _infinite(_: Evaluator, expr: sympy.Basic) -> Value:
    raise Unsupported("an infinity inside an expression")


_HANDLERS: dict[type, Callable[[Evaluator, sympy.Basic], Value]] = {
    sympy.Symbol: _symbol,
    sympy.Dummy: _symbol,
    sympy.Indexed: _indexed,
    sympy.Add: _add,
    sympy.Mul: _mul,
    sympy.Pow: _pow,
    type(sympy.I): _constant(lambda: Exact(fmpq(0), fmpq(1))),
    type(sympy.pi): _constant(acb.pi),
    type(sympy.E): _constant(lambda: acb(1).exp()),
    type(sympy.EulerGamma): _constant(lambda: acb(arb.const_euler())),
    type(sympy.Catalan): _constant(lambda: acb(arb.const_catalan())),
    type(sympy.GoldenRatio): _constant(lambda: (1 + acb(5).sqrt()) / 2),
    type(sympy.nan): _undefined,
    type(sympy.zoo): _undefined,
    type(sympy.oo): _infinite,
    type(sympy.S.NegativeInfinity): _infinite,
}

_BY_CLASS: list[tuple[type, Callable[[Evaluator, sympy.Basic], Value]]] = []  # filled by .functions


def register(kind: type, handler: Callable[[Evaluator, sympy.Basic], Value]) -> None:
    """Teach the evaluator one more kind of node (exact classes first, then by isinstance)."""
    _HANDLERS[kind] = handler
    _BY_CLASS.append((kind, handler))


def integer_value(number: int) -> Exact:
    return Exact(fmpq(number), fmpq(0))


def fmpz_int(value: fmpz) -> int:
    return int(value)
