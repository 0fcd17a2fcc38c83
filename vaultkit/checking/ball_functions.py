"""The functions the rigorous evaluator knows, each with SymPy's own conventions.

Principal branches as SymPy defines them; on the branch cut of an inverse
function, where conventions differ between libraries, the value is
`Undecided` rather than a guess. Thresholds (`floor`, `sign`, `Heaviside`,
`Piecewise` conditions) are decided exactly on exact values and only when the
ball lies wholly on one side otherwise. Sums and products with integer bounds
are unrolled term by term (Karr's convention for reversed bounds, as SymPy).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy
from flint import acb, arb, fmpq

from .ball import (
    MAX_TERMS,
    ONE,
    ZERO,
    Evaluator,
    Exact,
    OnEdge,
    Undefined,
    Unsupported,
    Value,
    add,
    ball,
    exact,
    integer_value,
    is_real,
    multiply,
    real_part,
    reciprocal,
    register,
    remembered,
    sign_of,
)


def _finite(value: acb, name: str) -> acb:
    if not value.is_finite():
        raise OnEdge(f"{name} is not finite at this precision")
    return value


def _unary(name: str, method: Callable[[acb], acb], exact_zero: Value | None = None,
           cut: Callable[[Value], bool] | None = None) -> Callable[[Evaluator, sympy.Basic], Value]:  # fmt: skip
    def handler(evaluator: Evaluator, expr: sympy.Basic) -> Value:
        if len(expr.args) != 1:
            raise Unsupported(f"{name} with {len(expr.args)} arguments")
        argument = evaluator.value(expr.args[0])
        if exact_zero is not None and isinstance(argument, Exact) and argument.is_zero:
            return exact_zero
        if cut is not None and cut(argument):
            if isinstance(argument, Exact) and name in _ON_CUT:
                return _ON_CUT[name](argument)
            raise OnEdge(f"the argument of {name} is on or near its branch cut")
        if name in _EXPONENTIAL:
            evaluator.grow(argument)
        return _finite(method(ball(argument)), name)

    return handler


def _parts(value: Value) -> tuple[arb, arb]:
    b = ball(value)
    return b.real, b.imag


def _may_be_zero(part: arb) -> bool:
    return bool(part.contains(0))


def _real_outside(limit: int) -> Callable[[Value], bool]:
    """On the real axis outside [−limit, limit] (asin, acos, atanh), or possibly so."""
    def on_cut(value: Value) -> bool:
        re, im = _parts(value)
        return _may_be_zero(im) and not (abs(re) < limit)
    return on_cut


def _imaginary_outside(limit: int) -> Callable[[Value], bool]:
    """On the imaginary axis outside [−i·limit, i·limit] (atan, asinh), or possibly so."""
    def on_cut(value: Value) -> bool:
        re, im = _parts(value)
        return _may_be_zero(re) and not (abs(im) < limit)
    return on_cut


def _acosh_cut(value: Value) -> bool:
    re, im = _parts(value)
    return _may_be_zero(im) and not (re > 1)


def _real_cut(value: Exact) -> tuple[arb, int]:
    """|x| and the sign of an exact real x on a cut."""
    return abs(arb(value.re)), (1 if value.re > 0 else -1)


def _asin_cut(value: Exact) -> acb:
    """SymPy's asin on (−∞, −1] ∪ [1, ∞): ±(π/2 − i·acosh|x|)."""
    size, sign = _real_cut(value)
    return sign * acb(arb.pi() / 2, -size.acosh())


def _acos_cut(value: Exact) -> acb:
    return acb.pi() / 2 - _asin_cut(value)


def _atanh_cut(value: Exact) -> acb:
    """SymPy's atanh beyond ±1: atanh(1/x) ∓ iπ/2 (and no value at ±1)."""
    size, sign = _real_cut(value)
    if size == 1:
        raise Undefined("atanh(±1)")
    return acb(arb(1 / value.re).atanh(), -sign * arb.pi() / 2)


def _acosh_on_cut(value: Exact) -> acb:
    """SymPy's acosh below 1: i·acos(x) on [−1, 1], acosh(−x) + iπ below −1."""
    if value.re >= -1:
        return acb(0, arb(value.re).acos())
    return acb(arb(-value.re).acosh(), arb.pi())


def _imaginary_cut(value: Exact) -> tuple[arb, int]:
    return abs(arb(value.im)), (1 if value.im > 0 else -1)


def _atan_cut(value: Exact) -> acb:
    """SymPy's atan on the imaginary axis beyond ±i: ±π/2 + i·atanh(1/y) (and no value at ±i)."""
    size, sign = _imaginary_cut(value)
    if size == 1:
        raise Undefined("atan(±i)")
    return acb(sign * arb.pi() / 2, arb(1 / value.im).atanh())


def _asinh_cut(value: Exact) -> acb:
    """SymPy's asinh on the imaginary axis beyond ±i: ±(acosh|y| + iπ/2)."""
    size, sign = _imaginary_cut(value)
    return sign * acb(size.acosh(), arb.pi() / 2)


_ON_CUT: dict[str, Callable[[Exact], acb]] = {
    "asin": _asin_cut, "acos": _acos_cut, "atanh": _atanh_cut, "acosh": _acosh_on_cut,
    "atan": _atan_cut, "asinh": _asinh_cut,
}  # fmt: skip


def _log(evaluator: Evaluator, expr: sympy.log) -> Value:
    if len(expr.args) != 1:
        raise Unsupported("log with a base")
    argument = evaluator.value(expr.args[0])
    if isinstance(argument, Exact):
        if argument.is_zero:
            raise Undefined("log 0")
        if argument == ONE:
            return ZERO
    return _finite(ball(argument).log(), "log")


_EXPONENTIAL = frozenset({"sinh", "cosh", "tanh", "coth", "sech", "csch", "erf", "erfc", "erfi"})


def _exp(evaluator: Evaluator, expr: sympy.exp) -> Value:
    argument = evaluator.value(expr.args[0])
    if isinstance(argument, Exact) and argument.is_zero:
        return ONE
    evaluator.grow(argument)
    return _finite(ball(argument).exp(), "exp")


def _abs(evaluator: Evaluator, expr: sympy.Abs) -> Value:
    value = evaluator.value(expr.args[0])
    if isinstance(value, Exact) and value.is_real:
        return Exact(abs(value.re), fmpq(0))
    return acb(abs(ball(value)))


def _conjugate(evaluator: Evaluator, expr: sympy.conjugate) -> Value:
    value = evaluator.value(expr.args[0])
    if isinstance(value, Exact):
        return Exact(value.re, -value.im)
    return value.conjugate()


def _re(evaluator: Evaluator, expr: sympy.re) -> Value:
    value = evaluator.value(expr.args[0])
    return Exact(value.re, fmpq(0)) if isinstance(value, Exact) else acb(value.real)


def _im(evaluator: Evaluator, expr: sympy.im) -> Value:
    value = evaluator.value(expr.args[0])
    return Exact(value.im, fmpq(0)) if isinstance(value, Exact) else acb(value.imag)


def _arg(evaluator: Evaluator, expr: sympy.arg) -> Value:
    value = evaluator.value(expr.args[0])
    if isinstance(value, Exact):
        if value.is_zero:
            raise Undefined("arg 0")
        if value.is_real:
            return ZERO if value.re > 0 else acb.pi()
    re, im = _parts(value)
    if _may_be_zero(im) and not (re > 0):
        raise OnEdge("arg near the negative real axis")
    return _finite(acb(ball(value).arg()), "arg")


def _sign(evaluator: Evaluator, expr: sympy.sign) -> Value:
    value = evaluator.value(expr.args[0])
    if isinstance(value, Exact) and value.is_zero:
        return ZERO
    if is_real(value):
        return integer_value(sign_of(real_part(value, "sign")))
    b = ball(value)
    if b.real.contains(0) and b.imag.contains(0):
        raise OnEdge("sign of a value that may be 0")
    return b / abs(b)


def _rounding(down: bool) -> Callable[[Evaluator, sympy.Basic], Value]:
    def handler(evaluator: Evaluator, expr: sympy.Basic) -> Value:
        value = evaluator.value(expr.args[0])
        if isinstance(value, Exact):
            re, im = (value.re.floor(), value.im.floor()) if down else (value.re.ceil(), value.im.ceil())
            return Exact(fmpq(re), fmpq(im))
        parts = [_round_ball(part, down) for part in (value.real, value.imag)]
        return Exact(fmpq(parts[0]), fmpq(parts[1]))

    return handler


def _round_ball(part: arb, down: bool) -> int:
    rounded = part.floor() if down else part.ceil()
    if not (rounded.is_exact() and rounded.is_finite()):
        raise OnEdge("an integer lies inside the ball")
    return int(rounded.unique_fmpz())


def _heaviside(evaluator: Evaluator, expr: sympy.Heaviside) -> Value:
    value = real_part(evaluator.value(expr.args[0]), "Heaviside")
    sign = sign_of(value)
    if sign == 0:
        return evaluator.value(expr.args[1]) if len(expr.args) > 1 else Exact(fmpq(1, 2), fmpq(0))
    return ONE if sign > 0 else ZERO


def _extremum(largest: bool) -> Callable[[Evaluator, sympy.Basic], Value]:
    def handler(evaluator: Evaluator, expr: sympy.Basic) -> Value:
        best: Value | None = None
        for argument in expr.args:
            value = evaluator.value(argument)
            real_part(value, "Max" if largest else "Min")
            best = value if best is None else _pick(best, value, largest)
        assert best is not None
        return best

    return handler


def _pick(a: Value, b: Value, largest: bool) -> Value:
    """max/min of two reals; exact when both are exact, else (a + b ± |a − b|)/2, a true enclosure."""
    if isinstance(a, Exact) and isinstance(b, Exact):
        return (a if a.re >= b.re else b) if largest else (a if a.re <= b.re else b)
    a_ball, b_ball = ball(a).real, ball(b).real
    spread = abs(a_ball - b_ball)
    return acb((a_ball + b_ball + (spread if largest else -spread)) / 2)


def _dirac(evaluator: Evaluator, expr: sympy.DiracDelta) -> Value:
    """δ(x) is 0 off 0 and has no value at 0 (SymPy leaves it there when differentiating a step)."""
    if len(expr.args) != 1:
        raise Unsupported("a derivative of DiracDelta")
    if sign_of(real_part(evaluator.value(expr.args[0]), "DiracDelta")) == 0:
        raise Undefined("DiracDelta(0)")
    return ZERO


def _kronecker(evaluator: Evaluator, expr: sympy.KroneckerDelta) -> Value:
    a, b = (evaluator.value(argument) for argument in expr.args[:2])
    if isinstance(a, Exact) and isinstance(b, Exact):
        return ONE if a == b else ZERO
    difference = ball(a) - ball(b)
    if not difference.contains(0):
        return ZERO
    raise OnEdge("KroneckerDelta of values that may be equal")


def _gamma(evaluator: Evaluator, expr: sympy.Basic, shift: int = 0) -> Value:
    value = add(evaluator.value(expr.args[0]), integer_value(shift))
    if isinstance(value, Exact) and value.is_real and value.re.q == 1:
        n = int(value.re.p)
        if n <= 0:
            raise Undefined(f"Γ has a pole at {n}")
        if n <= 2000:
            return exact(sympy.factorial(n - 1))
    return _finite(ball(value).gamma(), "gamma")


def _binomial(evaluator: Evaluator, expr: sympy.binomial) -> Value:
    n, k = (evaluator.value(argument) for argument in expr.args)
    if isinstance(n, Exact) and isinstance(k, Exact) and n.is_real and k.is_real and n.re.q == 1 == k.re.q:
        if abs(int(n.re.p)) <= 5000 and abs(int(k.re.p)) <= 5000:
            return exact(sympy.binomial(int(n.re.p), int(k.re.p)))
    if isinstance(k, Exact) and k.is_real and k.re.q == 1 and k.re < 0:
        return ZERO  # SymPy: binomial(n, k) = 0 for a negative integer k
    b_n, b_k = ball(n), ball(k)
    result = (b_n + 1).gamma() * (b_k + 1).rgamma() * (b_n - b_k + 1).rgamma()
    return _finite(result, "binomial")


def _piecewise(evaluator: Evaluator, expr: sympy.Piecewise) -> Value:
    for value, condition in expr.args:
        if truth(evaluator, condition):
            return evaluator.value(value)
    raise Undefined("no piece of a Piecewise applies")


def truth(evaluator: Evaluator, condition: sympy.Basic) -> bool:
    """A condition decided at the point: True, False, or Undecided."""
    if condition is sympy.true or condition == True:  # noqa: E712 - SymPy's true
        return True
    if condition is sympy.false or condition == False:  # noqa: E712
        return False
    if isinstance(condition, sympy.And):
        return all(truth(evaluator, c) for c in condition.args)
    if isinstance(condition, sympy.Or):
        return any(truth(evaluator, c) for c in condition.args)
    if isinstance(condition, sympy.Not):
        return not truth(evaluator, condition.args[0])
    if isinstance(condition, (sympy.Eq, sympy.Ne)):
        equal = _equal(evaluator.value(condition.lhs), evaluator.value(condition.rhs))
        return equal if isinstance(condition, sympy.Eq) else not equal
    if isinstance(condition, sympy.core.relational.Relational):
        difference = add(evaluator.value(condition.lhs), multiply(integer_value(-1), evaluator.value(condition.rhs)))
        sign = sign_of(real_part(difference, "a comparison"))
        return {"<": sign < 0, "<=": sign <= 0, ">": sign > 0, ">=": sign >= 0}[condition.rel_op]
    raise Unsupported(f"the condition {condition} cannot be decided")


def _equal(a: Value, b: Value) -> bool:
    if isinstance(a, Exact) and isinstance(b, Exact):
        return a == b
    if (ball(a) - ball(b)).contains(0):
        raise OnEdge("an equality inside a ball")
    return False


def _big_operator(product: bool) -> Callable[[Evaluator, sympy.Basic], Value]:
    """Σ or Π, remembered for the values of the enclosing indices it depends on: Σᵢ eˣⁱ/Σⱼ eˣʲ is n + n terms, not n²."""

    def handler(evaluator: Evaluator, expr: sympy.Basic) -> Value:
        free = _free(expr)
        key = (expr, tuple((s, evaluator.env[s]) for s in evaluator.bound if s in free))
        if key not in evaluator.memo:
            evaluator.memo[key] = _unroll(evaluator, expr.function, list(expr.limits), product)
        return evaluator.memo[key]

    return handler


_FREE: dict[sympy.Basic, frozenset] = {}


def _free(expr: sympy.Basic) -> frozenset:
    return remembered(_FREE, expr, lambda: frozenset(expr.free_symbols))


_STEPS = (sympy.KroneckerDelta, sympy.floor, sympy.ceiling, sympy.sign, sympy.Heaviside, sympy.Piecewise)


def _exactly(function: sympy.Expr, index: sympy.Symbol, k: int) -> sympy.Expr:
    """A term whose step functions SymPy can settle with the index put in (δ(cos(2π·97/97), 1) = 1), else as is."""
    steps = remembered(_STEPPED, function, lambda: function.has(*_STEPS))
    return function.subs(index, sympy.Integer(k)) if steps else function  # subs: an inner sum's own index stays


_STEPPED: dict[sympy.Basic, bool] = {}


def _unroll(evaluator: Evaluator, function: sympy.Basic, limits: list, product: bool) -> Value:
    """Σ or Π over the first limit, with the rest inside (Karr: a reversed range is the inverse)."""
    if not limits:
        return evaluator.value(function)
    (index, low, high), rest = limits[0], limits[1:]
    a = evaluator.integer(low, f"the lower bound of {index}")
    b = evaluator.integer(high, f"the upper bound of {index}")
    inverse = b < a - 1
    if inverse:
        a, b = b + 1, a - 1
    total: Value = ONE if product else ZERO
    saved = evaluator.env.get(index)
    evaluator.bound.append(index)
    try:
        for k in range(a, b + 1):
            evaluator.terms += 1
            if evaluator.terms > MAX_TERMS:
                raise Unsupported(f"more than {MAX_TERMS} terms to unroll")
            evaluator.env[index] = integer_value(k)
            term = _unroll(evaluator, _exactly(function, index, k), rest, product)
            total = multiply(total, term) if product else add(total, term)
    finally:
        evaluator.bound.pop()
        if saved is None:
            evaluator.env.pop(index, None)
        else:
            evaluator.env[index] = saved
    if inverse:
        return reciprocal(total) if product else multiply(integer_value(-1), total)
    return total


def _special(name: str, method: Callable[..., acb]) -> Callable[[Evaluator, sympy.Basic], Value]:
    def handler(evaluator: Evaluator, expr: sympy.Basic) -> Value:
        arguments = [ball(evaluator.value(argument)) for argument in expr.args]
        return _finite(method(*arguments), name)

    return handler


def _polygamma(evaluator: Evaluator, expr: sympy.polygamma) -> Value:
    order = evaluator.integer(expr.args[0], "the order of polygamma")
    return _finite(ball(evaluator.value(expr.args[1])).polygamma(acb(order)), "polygamma")


_TABLE: list[tuple[type, Callable[[Evaluator, sympy.Basic], Value]]] = [
    (sympy.UnevaluatedExpr, lambda evaluator, expr: evaluator.value(expr.args[0])),
    (sympy.exp, _exp),
    (sympy.log, _log),
    (sympy.sin, _unary("sin", acb.sin, ZERO)),
    (sympy.cos, _unary("cos", acb.cos, ONE)),
    (sympy.tan, _unary("tan", acb.tan, ZERO)),
    (sympy.cot, _unary("cot", acb.cot)),
    (sympy.sec, _unary("sec", acb.sec, ONE)),
    (sympy.csc, _unary("csc", acb.csc)),
    (sympy.sinh, _unary("sinh", acb.sinh, ZERO)),
    (sympy.cosh, _unary("cosh", acb.cosh, ONE)),
    (sympy.tanh, _unary("tanh", acb.tanh, ZERO)),
    (sympy.coth, _unary("coth", acb.coth)),
    (sympy.sech, _unary("sech", acb.sech, ONE)),
    (sympy.csch, _unary("csch", acb.csch)),
    (sympy.asin, _unary("asin", acb.asin, ZERO, _real_outside(1))),
    (sympy.acos, _unary("acos", acb.acos, None, _real_outside(1))),
    (sympy.atan, _unary("atan", acb.atan, ZERO, _imaginary_outside(1))),
    (sympy.asinh, _unary("asinh", acb.asinh, ZERO, _imaginary_outside(1))),
    (sympy.acosh, _unary("acosh", acb.acosh, None, _acosh_cut)),
    (sympy.atanh, _unary("atanh", acb.atanh, ZERO, _real_outside(1))),
    (sympy.erf, _unary("erf", acb.erf, ZERO)),
    (sympy.erfc, _unary("erfc", acb.erfc, ONE)),
    (sympy.erfi, _unary("erfi", acb.erfi, ZERO)),
    (sympy.Abs, _abs),
    (sympy.conjugate, _conjugate),
    (sympy.re, _re),
    (sympy.im, _im),
    (sympy.arg, _arg),
    (sympy.sign, _sign),
    (sympy.floor, _rounding(down=True)),
    (sympy.ceiling, _rounding(down=False)),
    (sympy.Heaviside, _heaviside),
    (sympy.Max, _extremum(largest=True)),
    (sympy.Min, _extremum(largest=False)),
    (sympy.KroneckerDelta, _kronecker),
    (sympy.DiracDelta, _dirac),
    (sympy.gamma, _gamma),
    (sympy.factorial, lambda evaluator, expr: _gamma(evaluator, expr, shift=1)),
    (sympy.binomial, _binomial),
    (sympy.Piecewise, _piecewise),
    (sympy.Sum, _big_operator(product=False)),
    (sympy.Product, _big_operator(product=True)),
    (sympy.zeta, _special("zeta", lambda s, *rest: s.zeta(*rest))),
    (sympy.polygamma, _polygamma),
]

for _kind, _handler in _TABLE:
    register(_kind, _handler)
