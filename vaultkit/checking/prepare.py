"""Derivatives, integrals and limits worked out by SymPy before a claim is evaluated at points.

Finite sums stay as written (the evaluator unrolls them at each point, so no closed form valid only for
large n is trusted). Two of SymPy's conventions are corrected so that a derivative means what it says:
d/dx xᵏ keeps its value k·xᵏ⁻¹ at x = 0, and at a kink or jump of |·|, sign, Heaviside, Max, Min, floor or
ceiling the derivative has a value only when the function one order lower is continuous there and the
one-sided limits agree.
"""

from __future__ import annotations

import sympy

from .critical import solutions
from .deadline import OutOfTime, time_limit

LIMIT_SECONDS = 20.0  # for the one-sided limits at one kink: about 2 s on an idle machine, ten times that on a busy one


def work_out(expr: sympy.Expr) -> sympy.Expr:
    """Derivatives, then integrals, limits and infinite sums, done by SymPy innermost first; finite sums stay
    (the evaluator unrolls them at each point, so no closed form valid only for large n is trusted).

    Derivatives go first, so that d/dt ∫ f dx is differentiated under the integral sign rather than
    through a closed form whose special cases (t = 0) a derivative of a Piecewise gets wrong.
    """
    expr = expr.replace(lambda e: isinstance(e, sympy.Derivative), _derivative)
    kinds = (sympy.Integral, sympy.Limit, sympy.Subs)
    expr = expr.replace(lambda e: isinstance(e, kinds) or infinite(e), _done)
    return expr.replace(lambda e: isinstance(e, sympy.Derivative), _derivative)


def _derivative(node: sympy.Derivative) -> sympy.Expr:
    """SymPy's derivative, made faithful where it is not: it writes d/dx xᵏ as k·xᵏ/x, undefined at x = 0
    where k·xᵏ⁻¹ is not, so powers are put back together; and it says d|x|/dx = sign(x), 0 at the kink
    where no derivative exists, so at each kink the value is the one-sided limits' if they agree and the
    derivative one order lower is continuous there, else none."""
    done = _done(node)
    if done is node:
        return node
    done = sympy.powsimp(done, deep=True)
    if len(node.variable_count) != 1:
        return done
    variable, order = node.variable_count[0]
    lower = node.expr if order == 1 else sympy.diff(node.expr, variable, order - 1)
    corners: list[tuple[sympy.Expr, sympy.Expr]] = []
    for kink in kinks(node.expr, variable):
        at = solutions(kink, variable, {}, [0])
        if not at or kink.free_symbols != {variable}:
            return sympy.Piecewise((done, sympy.Ne(kink, 0)), (UNSETTLED, True))
        corners.extend((point, _at_kink(done, lower, variable, point)) for point in at if point.is_extended_real)
    if not corners:
        return done
    return sympy.Piecewise(*((value, sympy.Eq(variable, point)) for point, value in corners), (done, True))


def kinks(expr: sympy.Expr, variable: sympy.Symbol) -> list[sympy.Expr]:
    """Arguments whose zeros are corners or jumps of |·|, sign, Heaviside, Max, Min, floor, ceiling."""
    found = []
    for node in expr.atoms(sympy.Abs, sympy.sign, sympy.Heaviside):
        found.append(node.args[0])
    for node in expr.atoms(sympy.floor, sympy.ceiling):
        found.extend(node.args[0] - k for k in range(-2, 3))
    for node in expr.atoms(sympy.Max, sympy.Min):
        found.extend(a - b for a in node.args for b in node.args if sympy.default_sort_key(a) < sympy.default_sort_key(b))
    return [g for g in dict.fromkeys(found) if g.has(variable)]


def _at_kink(derivative: sympy.Expr, lower: sympy.Expr, variable: sympy.Symbol, at: sympy.Expr) -> sympy.Expr:
    """The derivative at a kink: the common one-sided limit when the derivative one order lower is
    continuous there; no value (nan) when it is not or the limits differ; left open when SymPy cannot tell."""
    for form in (lambda e: e, lambda e: e.rewrite(sympy.Heaviside)):  # SymPy takes no limit of Min, Max
        try:
            with time_limit(LIMIT_SECONDS):
                return _kink_value(form(derivative), form(lower), variable, at)
        except (OutOfTime, Exception):  # noqa: BLE001 - the limits cannot be had this way
            continue
    return UNSETTLED  # the point is left open


def _kink_value(derivative: sympy.Expr, lower: sympy.Expr, variable: sympy.Symbol, at: sympy.Expr) -> sympy.Expr:
    below, above = (sympy.limit(lower, variable, at, side) for side in ("-", "+"))
    there = lower.subs(variable, at)
    if not (sympy.simplify(below - above) == 0 and sympy.simplify(above - there) == 0):
        return sympy.nan
    left, right = (sympy.limit(derivative, variable, at, side) for side in ("-", "+"))
    return left if sympy.simplify(left - right) == 0 and left.is_finite else sympy.nan


UNSETTLED = sympy.Function("vaultkit_unsettled")()  # no value is known there: the point is skipped, and the engine
# decides nothing that rests on it (`engine._verdict`)


def _done(node: sympy.Expr) -> sympy.Expr:
    try:
        return node.doit(deep=False)
    except ValueError as error:
        if "does not exist" in str(error):
            return sympy.nan  # a two-sided limit whose one-sided limits differ: no value
        return node
    except (NotImplementedError, TypeError, AttributeError, IndexError, ZeroDivisionError):
        return node


def infinite(node: sympy.Basic) -> bool:
    return isinstance(node, (sympy.Sum, sympy.Product)) and any(
        b.has(sympy.oo, -sympy.oo) for limit in node.limits for b in limit[1:]
    )
