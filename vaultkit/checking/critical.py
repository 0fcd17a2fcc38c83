"""Where a claim's functions switch or break: the critical points the sampler must visit.

A claim can be false at a single point, and random points never land on one. So
each place where a function of the claim changes its nature is found and solved
for: thresholds (Heaviside, sign, Abs, floor, ceiling, Min, Max, KroneckerDelta,
Piecewise conditions), singularities (a denominator's zeros, log 0, the poles of
Γ, tan, sec, cot, csc) and branch points and cuts (log, roots and powers on the
negative real axis; asin, acos, atanh at ±1 and beyond; atan, asinh at ±i).
Arguments are inverted through + − × ÷, powers, exp, log, sin, cos, tan and |·|
and solved exactly when they become polynomials of degree up to 4, so the point
itself is exact (7/2, √2, π/2 − 1/7, log(1 − 10⁻⁹)).

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> solutions(x + sympy.Rational(1, 7), x, {}, [sympy.pi / 2])  # a pole of tan(x + 1/7)
    [(-2 + 7*pi)/14]
    >>> solutions(sympy.exp(x) + sympy.Rational(1, 10**9), x, {}, [1])[0]  # where floor(eˣ + 10⁻⁹) steps
    log(999999999/1000000000)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import sympy

DEPTH = 8  # functions and operations inverted, at most, to reach the symbol
MAX_VALUES = 24  # critical values of one symbol for one argument
_HALF_PI = sympy.pi / 2
_POLES_TAN = (_HALF_PI, -_HALF_PI, 3 * _HALF_PI)
_POLES_COT = (sympy.S.Zero, sympy.pi, -sympy.pi)
_CUT = (sympy.S.Zero, sympy.S.NegativeOne, sympy.Rational(-1, 2), sympy.Integer(-2))
_UNIT = (sympy.S.One, sympy.S.NegativeOne, sympy.Integer(2), sympy.Integer(-2))
_IMAGINARY_UNIT = (sympy.I, -sympy.I, 2 * sympy.I, -2 * sympy.I)


def arguments(expr: sympy.Expr) -> list[tuple[sympy.Expr, tuple[sympy.Expr, ...]]]:
    """(argument, levels): the claim's function breaks or switches where an argument equals a level."""
    found: list[tuple[sympy.Expr, tuple[sympy.Expr, ...]]] = []
    for node in sympy.preorder_traversal(expr):
        found.extend(_of(node))
    return list(dict.fromkeys(found))


def _of(node: sympy.Basic) -> Iterator[tuple[sympy.Expr, tuple[sympy.Expr, ...]]]:
    zero = (sympy.S.Zero,)
    if isinstance(node, (sympy.Heaviside, sympy.sign, sympy.Abs, sympy.arg)):
        yield node.args[0], zero
    elif isinstance(node, sympy.KroneckerDelta):
        yield node.args[0] - node.args[1], zero
    elif isinstance(node, (sympy.floor, sympy.ceiling)):
        yield node.args[0], tuple(sympy.Integer(n) for n in (0, 1, -1, 2))
    elif isinstance(node, (sympy.Max, sympy.Min)):
        yield from ((a - b, zero) for a in node.args for b in node.args if a is not b)
    elif isinstance(node, sympy.Piecewise):
        for _, condition in node.args:
            yield from ((r.lhs - r.rhs, zero) for r in condition.atoms(sympy.core.relational.Relational))
    elif isinstance(node, sympy.Pow) and node.exp.is_number:
        if node.exp.is_negative:
            yield node.base, zero
        if not node.exp.is_integer:
            yield node.base, _CUT
    elif isinstance(node, sympy.Pow):
        yield node.base, _CUT
    else:
        yield from _of_function(node)


def _of_function(node: sympy.Basic) -> Iterator[tuple[sympy.Expr, tuple[sympy.Expr, ...]]]:
    if not node.args:
        return
    argument = node.args[0]
    table: dict[type, tuple[sympy.Expr, ...]] = {
        sympy.log: _CUT, sympy.gamma: tuple(sympy.Integer(n) for n in (0, -1, -2, -3)),
        sympy.factorial: tuple(sympy.Integer(n) for n in (-1, -2, -3)),
        sympy.tan: _POLES_TAN, sympy.sec: _POLES_TAN, sympy.cot: _POLES_COT, sympy.csc: _POLES_COT,
        sympy.asin: _UNIT, sympy.acos: _UNIT, sympy.atanh: _UNIT, sympy.acosh: (*_UNIT, sympy.S.Zero),
        sympy.atan: _IMAGINARY_UNIT, sympy.asinh: _IMAGINARY_UNIT,
    }  # fmt: skip
    for kind, levels in table.items():
        if isinstance(node, kind):
            yield argument, levels
            return


_SINGULAR: dict[sympy.Basic, frozenset] = {}
_POLAR = (sympy.log, sympy.gamma, sympy.factorial, sympy.tan, sympy.sec, sympy.cot, sympy.csc, sympy.atan,
          sympy.atanh)  # fmt: skip


def singular(expr: sympy.Basic) -> frozenset:
    """The subexpressions where the expression may have no value: denominators, log, Γ, tan and their kin.

    SymPy simplifies as it builds (0·log x → 0, x − x → 0, exp(log z) → z); comparing these sets before and
    after tells a reader when that would hide a point where the claim as written is undefined.
    """
    if expr in _SINGULAR:
        return _SINGULAR[expr]
    found: set = set()
    for arg in expr.args:
        found |= singular(arg)
    if isinstance(expr, sympy.Pow) and expr.exp.is_number and expr.exp.is_negative or isinstance(expr, _POLAR):
        found.add(expr)
    if len(_SINGULAR) > 10_000:
        _SINGULAR.clear()
    _SINGULAR[expr] = frozen = frozenset(found)
    return frozen


def as_written(value: sympy.Expr, unevaluated: Callable[[], sympy.Expr], *parts: sympy.Expr) -> sympy.Expr:
    """SymPy's simplified value, unless simplifying dropped a place where the parts have no value
    (0·log x, log x − log x, exp(log z)): then the expression as written, which is undefined there too."""
    kept = singular(value)
    if all(singular(part) <= kept for part in parts):
        return value
    try:
        return unevaluated()
    except TypeError:  # a function that takes no `evaluate`
        return value


def quotient(left: sympy.Expr, right: sympy.Expr) -> sympy.Expr:
    """left/right; where SymPy would cancel the denominator away (x/x → 1, x²/x → x), it stays written, so
    the quotient keeps being undefined where the denominator is 0."""
    if right.is_number:
        return left / right
    inverse = sympy.Pow(right, -1)
    unevaluated = lambda: sympy.Mul(left, sympy.Pow(right, -1, evaluate=False), evaluate=False)  # noqa: E731
    return as_written(left / right, unevaluated, left, right, inverse)


def put_in(expr: sympy.Expr, values: dict) -> sympy.Expr:
    """The values put in by SymPy, which simplifies as it goes; an index bound by a sum is left alone."""
    if not any(isinstance(node, (sympy.Sum, sympy.Product, sympy.Integral, sympy.Lambda))
               for node in sympy.preorder_traversal(expr)):  # fmt: skip
        return expr.xreplace(values)
    return expr.subs(values, simultaneous=True)


def solutions(argument: sympy.Expr, symbol: sympy.Symbol, others: dict, levels: Iterable[sympy.Expr] = (0,)) -> list[sympy.Expr]:
    """Exact values of `symbol` where the argument (the other symbols put in) equals one of the levels."""
    expr = put_in(argument, {k: v for k, v in others.items() if k != symbol})
    if expr.free_symbols != {symbol}:
        return []
    found: list[sympy.Expr] = []
    for level in levels:
        try:
            found.extend(_inverse(expr, sympy.S(level), symbol, DEPTH))
        except (TypeError, ValueError, NotImplementedError, ZeroDivisionError, sympy.PolynomialError):
            continue
    return [v for v in dict.fromkeys(found) if v.is_number and v.is_finite is not False][:MAX_VALUES]


def _inverse(expr: sympy.Expr, level: sympy.Expr, symbol: sympy.Symbol, depth: int) -> list[sympy.Expr]:
    """Values of the symbol where expr = level, through invertible functions down to a polynomial."""
    if expr == symbol:
        return [level]
    if depth == 0 or level.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        return []
    polynomial = _roots(expr - level, symbol)
    if polynomial is not None:
        return polynomial
    if expr.is_Add or expr.is_Mul:
        constant, rest = expr.as_independent(symbol, as_Add=expr.is_Add)
        if rest == expr or (expr.is_Mul and constant == 0):
            return []
        return _inverse(rest, level - constant if expr.is_Add else level / constant, symbol, depth - 1)
    return [v for inner in _preimages(expr, level) for v in _inverse(expr.args[0], inner, symbol, depth - 1)]


def _roots(expr: sympy.Expr, symbol: sympy.Symbol) -> list[sympy.Expr] | None:
    """All roots of a polynomial of degree 1 to 4 in the symbol with number coefficients; None if it is not one."""
    try:
        poly = sympy.Poly(expr, symbol)
    except sympy.PolynomialError:
        return None
    if not 1 <= poly.degree() <= 4 or not all(c.is_number for c in poly.all_coeffs()):
        return None
    found = list(sympy.roots(poly))
    return [sympy.expand(r) for r in found] if poly.degree() <= 2 else found  # π/2 − 1/7, not (7π − 2)/14


def _preimages(expr: sympy.Expr, level: sympy.Expr) -> list[sympy.Expr]:
    """What the argument of a function equals where the function equals `level` (a few branches)."""
    turns = (-2, -1, 0, 1)
    if isinstance(expr, sympy.Pow) and expr.exp.is_number and expr.exp != 0:
        root = level ** (1 / expr.exp)
        return [root, -root] if expr.exp.is_even else [root]
    if isinstance(expr, sympy.exp) and level != 0:
        return [sympy.log(level) + 2 * sympy.pi * sympy.I * k for k in (0, 1, -1)]
    if isinstance(expr, sympy.log):
        return [sympy.exp(level)]
    if isinstance(expr, sympy.Abs):
        return [level, -level] if level.is_nonnegative else []
    if isinstance(expr, sympy.sin):
        return [v + 2 * sympy.pi * k for k in turns for v in (sympy.asin(level), sympy.pi - sympy.asin(level))]
    if isinstance(expr, sympy.cos):
        return [v + 2 * sympy.pi * k for k in turns for v in (sympy.acos(level), -sympy.acos(level))]
    if isinstance(expr, sympy.tan):
        return [sympy.atan(level) + sympy.pi * k for k in turns]
    inverse = _INVERSES.get(type(expr))
    return [inverse(level)] if inverse is not None else []


_INVERSES: dict[type, Callable[[sympy.Expr], sympy.Expr]] = {
    sympy.atan: sympy.tan, sympy.asin: sympy.sin, sympy.acos: sympy.cos, sympy.sinh: sympy.asinh,
    sympy.cosh: sympy.acosh, sympy.tanh: sympy.atanh, sympy.asinh: sympy.sinh, sympy.atanh: sympy.tanh,
}  # fmt: skip


def crossings(argument: sympy.Expr, symbol: sympy.Symbol, others: dict, levels: Iterable[sympy.Expr],
              value: Callable[[sympy.Expr, sympy.Rational], float | None]) -> list[sympy.Rational]:  # fmt: skip
    """Rationals on both sides of where a real argument crosses a level, found numerically when no exact
    inverse exists (x·sin x = 15/16): a grid over ±10⁻³ … 10⁶, then bisection of each change of sign.
    `value(expr, x)` is the argument at a rational point as a float, or None where it has none."""
    expr = put_in(argument, {k: v for k, v in others.items() if k != symbol})
    if expr.free_symbols != {symbol}:
        return []
    found: list[sympy.Rational] = []
    per_level = max(2, MAX_VALUES // max(len(tuple(levels)), 1))
    for level in levels:
        shifted = expr - level
        samples = [(x, value(shifted, x)) for x in _GRID]
        cells = sorted(zip(samples, samples[1:]), key=lambda cell: min(abs(cell[0][0]), abs(cell[1][0])))
        crossed: list[sympy.Rational] = []
        for (a, fa), (b, fb) in cells:
            if fa is not None and fb is not None and fa * fb < 0:
                crossed.extend(_bisect(shifted, a, b, fa, value))
            if len(crossed) >= per_level:
                break
        found.extend(crossed)
    return found


def _grid() -> list[sympy.Rational]:
    steps = [sympy.Rational(m, 4) * sympy.Integer(10) ** k for k in range(-3, 7) for m in (4, 5, 6, 8, 10, 14, 20, 28)]
    positive = sorted(set(steps))
    return [*(-v for v in reversed(positive)), sympy.S.Zero, *positive]


_GRID = _grid()


def _bisect(expr: sympy.Expr, a: sympy.Rational, b: sympy.Rational, fa: float,
            value: Callable[[sympy.Expr, sympy.Rational], float | None]) -> list[sympy.Rational]:  # fmt: skip
    """Narrow a change of sign to within 2⁻⁴⁰ of its width, and give the two rationals around it."""
    for _ in range(48):
        middle = (a + b) / 2
        fm = value(expr, middle)
        if fm is None:
            return []
        if fm == 0:
            return [middle - (b - a) / 2**10, middle, middle + (b - a) / 2**10]
        if (fm < 0) == (fa < 0):
            a, fa = middle, fm
        else:
            b = middle
    return [a, b]
