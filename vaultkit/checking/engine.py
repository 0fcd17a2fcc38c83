"""The checking engine: one claim in, one verdict out.

First symbolic stages, each with a time budget, that try to reduce lhs − rhs to
zero; a zero is a proof. Then numeric testing at random points drawn to respect
every symbol's assumptions and every index's range (symbolic sum bounds fixed
to small integers), evaluated with `evalf` at high precision. A point where the
sides differ is confirmed at higher precision before the claim is called false,
and even a symbolic proof is spot-checked numerically, so that a false claim is
never reported proved or checked.
"""

from __future__ import annotations

import hashlib
import random
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sympy
from sympy.core.function import AppliedUndef

from .claims import Claim, IndexRange, Result, Verdict

POINTS = 10  # agreeing points for "checked"
ATTEMPTS = 40  # points drawn at most (some land on singularities)
DIGITS = 30
CONFIRM_DIGITS = 60
CONSTANT_DIGITS = 150  # a claim without variables is compared once, very precisely (e^(π√163) is no integer)
AGREE = sympy.Float("1e-20", DIGITS)
DIFFER = sympy.Float("1e-15", CONFIRM_DIGITS)


class _Timeout(BaseException):
    """A time limit ran out. Not an Exception: SymPy's own `except Exception` must not swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (main thread on Unix; otherwise unlimited)."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):  # noqa: ANN001, ARG001
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check(claim: Claim, *, budget: float = 10.0) -> Result:
    """Check one claim within about `budget` seconds."""
    started = time.perf_counter()

    def result(verdict: Verdict, method: str = "", message: str = "", counterexample: dict | None = None) -> Result:
        return Result(
            claim.note,
            claim.line,
            claim.id,
            claim.source,
            verdict,
            method,
            time.perf_counter() - started,
            message,
            counterexample,
        )

    if claim.problem is not None or claim.lhs is None or claim.rhs is None:
        return result(Verdict.ERROR, message=claim.problem or "the claim could not be read")
    try:
        lhs, rhs = _apply_givens(claim)
        diff = lhs - rhs
        method = _prove(diff, budget * 0.5, claim.ranges)
        numeric = _numeric(claim, lhs, rhs, max(budget * 0.45, 1.0), needed=3 if method else POINTS)
    except _Timeout:
        return result(Verdict.ERROR, message=f"no verdict within {budget:g} s")
    except RecursionError:
        return result(Verdict.ERROR, message="the expression is too deeply nested to check")
    except Exception as error:  # noqa: BLE001 - SymPy fails in many ways (even StopIteration); one claim pays
        return result(Verdict.ERROR, message=f"SymPy could not work with this claim: {type(error).__name__}: {error}")
    if numeric.counterexample is not None:
        return result(Verdict.FALSE, "numeric", numeric.message, numeric.counterexample)
    if method:
        return result(Verdict.PROVED, method, f"lhs − rhs reduces to 0 by {method}")
    if numeric.constant:
        return result(Verdict.CHECKED, "numeric (constant)", f"the sides agree to {CONSTANT_DIGITS} digits; not a proof")
    if numeric.agreeing >= POINTS:
        return result(
            Verdict.CHECKED,
            f"numeric ({numeric.agreeing} points)",
            f"the sides agree to {DIGITS} digits at {numeric.agreeing} random points; not a proof",
        )
    return result(Verdict.ERROR, message=numeric.message or "neither proved nor testable at enough points")


def _apply_givens(claim: Claim) -> tuple[sympy.Expr, sympy.Expr]:
    lhs, rhs = claim.lhs, claim.rhs
    for old, new in claim.givens:
        lhs, rhs = lhs.subs(old, new), rhs.subs(old, new)
    return lhs, rhs


# ---------------------------------------------------------------- symbolic stages


def _abs_squared(expr: sympy.Expr) -> sympy.Expr:
    """|z|² → z·conj(z), so that sums of squared moduli can cancel."""
    return expr.replace(
        lambda e: e.is_Pow and isinstance(e.base, sympy.Abs) and e.exp.is_even is True,
        lambda e: (e.base.args[0] * sympy.conjugate(e.base.args[0])) ** (e.exp / 2),
    )


def _pull_constants(expr: sympy.Expr) -> sympy.Expr:
    """Σᵢ c·f(i) → c·Σᵢ f(i) for every factor c that does not depend on the index."""

    def pull(s: sympy.Sum) -> sympy.Expr:
        indices = [limit[0] for limit in s.limits]
        independent, dependent = [], []
        for factor in sympy.Mul.make_args(s.function):
            (dependent if any(factor.has(i) for i in indices) else independent).append(factor)
        if not independent:
            return s
        return sympy.Mul(*independent) * sympy.Sum(sympy.Mul(*dependent), *s.limits)

    return expr.replace(lambda e: isinstance(e, sympy.Sum), pull)


def _rename_indices(expr: sympy.Expr, depth: int = 0) -> sympy.Expr:
    """Give each sum's bound index a name fixed by its nesting depth, so Σ_i f(i) and Σ_j f(j) match."""
    if isinstance(expr, sympy.Sum):
        function, limits = expr.function, []
        for offset, (index, low, high) in enumerate(expr.limits):
            canonical = sympy.Symbol(f"_sum{depth}_{offset}", **_integer_assumptions(index))
            function = function.xreplace({index: canonical})
            limits.append((canonical, _rename_indices(low, depth), _rename_indices(high, depth)))
        return sympy.Sum(_rename_indices(function, depth + 1), *limits)
    if not expr.args:
        return expr
    return expr.func(*(_rename_indices(arg, depth) for arg in expr.args))


def _canonical_sums(expr: sympy.Expr) -> sympy.Expr:
    return sympy.simplify(_rename_indices(_pull_constants(sympy.expand(expr))))


def _integer_assumptions(index: sympy.Symbol) -> dict:
    return {"integer": True} if index.is_integer else {}


STAGES: tuple[tuple[str, Callable[[sympy.Expr], sympy.Expr]], ...] = (
    ("structural", lambda d: d),
    ("expand", sympy.expand),
    ("cancel", lambda d: sympy.cancel(sympy.together(d))),
    ("doit + simplify", lambda d: sympy.simplify(d.doit())),
    ("sum canonicalisation", lambda d: _canonical_sums(d.doit())),
    ("|z|² rewrite", lambda d: sympy.simplify(sympy.expand(_abs_squared(d.doit())))),
    ("exp rewrite", lambda d: sympy.simplify(d.doit().rewrite(sympy.exp))),
)


def _within_ranges(expr: sympy.Expr, ranges: tuple[IndexRange, ...]) -> sympy.Expr:
    """Settle conditions an index's range makes true: differentiating Σⱼ f(xⱼ) by x_k leaves
    Piecewise((…, (k >= 1) & (k <= n)), (0, True)), and k runs from 1 to n."""
    if not ranges or not expr.has(sympy.Piecewise):
        return expr
    known: dict = {}
    for limits in ranges:
        index, low, high = limits.index, sympy.S(limits.low), sympy.S(limits.high)
        for relation in (index >= low, low <= index, index <= high, high >= index):
            if isinstance(relation, sympy.core.relational.Relational):
                known[relation] = sympy.true
    settled = expr.replace(
        lambda e: isinstance(e, sympy.Piecewise),
        lambda e: sympy.Piecewise(*((value, condition.xreplace(known)) for value, condition in e.args)),
    )
    return sympy.simplify(settled)


def _prove(diff: sympy.Expr, budget: float, ranges: tuple[IndexRange, ...] = ()) -> str | None:
    """The name of the first stage that reduces `diff` to 0, or None."""
    deadline = time.perf_counter() + budget
    stages = STAGES
    if ranges:  # ∂/∂x_k of Σⱼ f(xⱼ) leaves (k in 1..n) conditions: settled straight after doit, it is quick
        stages = (
            *STAGES[:3],
            ("index ranges", lambda d: _within_ranges(d.doit(), ranges)),
            *STAGES[3:],
            ("index ranges", lambda d: _within_ranges(sympy.simplify(d.doit()), ranges)),
        )
    for name, stage in stages:
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        try:
            with time_limit(min(left, max(budget / 3, 0.5))):
                if stage(diff) == 0:
                    return name
        except _Timeout:
            continue
        except Exception:  # noqa: BLE001 - a stage SymPy cannot finish proves nothing; the next may
            continue
    left = deadline - time.perf_counter()
    if left > 0:
        try:
            with time_limit(left):
                if diff.doit().equals(0) is True:
                    return "equals"
        except (_Timeout, Exception):  # noqa: BLE001 - no proof
            pass
    return None


# ---------------------------------------------------------------- numeric testing


class _Numeric:
    def __init__(self) -> None:
        self.agreeing = 0
        self.counterexample: dict[str, str] | None = None
        self.message = ""
        self.constant = False  # the sides, with no variables, agree to CONSTANT_DIGITS


def _numeric(claim: Claim, lhs: sympy.Expr, rhs: sympy.Expr, budget: float, needed: int) -> _Numeric:
    outcome = _Numeric()
    seed = int(hashlib.sha256(f"{claim.note}:{claim.line}:{claim.id}:{lhs}:{rhs}".encode()).hexdigest()[:16], 16)
    rng = random.Random(seed)
    deadline = time.perf_counter() + budget
    problems: list[str] = []
    if not (lhs.free_symbols | rhs.free_symbols) and not (lhs.atoms(AppliedUndef) | rhs.atoms(AppliedUndef)):
        try:
            with time_limit(max(budget, 0.05)):
                return _constant(lhs, rhs, outcome)
        except _Timeout:
            outcome.message = f"no numeric value to {CONSTANT_DIGITS} digits within {budget:.0f} s"
            return outcome
    plan = _sampling(lhs, rhs, claim.ranges)
    for attempt in range(ATTEMPTS):
        if outcome.agreeing >= needed or time.perf_counter() > deadline:
            break
        try:
            with time_limit(max(deadline - time.perf_counter(), 0.05)):
                point, left, right = _evaluate(plan, rng, DIGITS, attempt)
        except _Timeout:
            problems.append("evaluation ran out of time")
            break
        except _Unevaluable as error:
            problems.append(str(error))
            continue
        if left is None or right is None:
            continue  # a singular point: draw another
        scale = 1 + abs(left) + abs(right)
        if abs(left - right) <= AGREE * scale:
            outcome.agreeing += 1
            continue
        try:
            with time_limit(max(deadline - time.perf_counter(), 1.0)):
                confirmed = _confirm(lhs, rhs, point)
        except _Timeout:
            problems.append("a point where the sides differ could not be confirmed in time")
            continue  # neither agreement nor a counterexample
        if confirmed is not None:
            high_left, high_right = confirmed
            shown = {str(k): _show(v) for k, v in point.items() if not callable(v)}
            outcome.counterexample = {**shown, "lhs": _show(high_left), "rhs": _show(high_right)}
            at = f" at {_describe(point)}" if _describe(point) else ""
            outcome.message = f"the sides differ{at}: lhs = {_show(high_left)}, rhs = {_show(high_right)}"
            return outcome
    if outcome.agreeing < needed and problems:
        outcome.message = problems[-1]
    return outcome


class _Unevaluable(Exception):
    pass


def _constant(lhs: sympy.Expr, rhs: sympy.Expr, outcome: _Numeric) -> _Numeric:
    left, right = _at(lhs, {}, CONSTANT_DIGITS), _at(rhs, {}, CONSTANT_DIGITS)
    if left is None or right is None:
        outcome.message = "a side is not a finite number"
        return outcome
    difference = (left - right).evalf(CONSTANT_DIGITS)
    if abs(difference) <= sympy.Float(10, CONSTANT_DIGITS) ** (20 - CONSTANT_DIGITS) * (1 + abs(left) + abs(right)):
        outcome.constant = True
        return outcome
    shown = sympy.N(difference, 6)
    outcome.counterexample = {"lhs": _show(left, 40), "rhs": _show(right, 40), "lhs - rhs": str(shown)}
    outcome.message = f"the sides differ by {shown}: lhs = {_show(left, 40)}, rhs = {_show(right, 40)}"
    return outcome


def _confirm(lhs: sympy.Expr, rhs: sympy.Expr, point: dict) -> tuple[sympy.Expr, sympy.Expr] | None:
    """Re-evaluate at higher precision; the sides must still differ clearly."""
    left = _at(lhs, point, CONFIRM_DIGITS)
    right = _at(rhs, point, CONFIRM_DIGITS)
    if left is None or right is None:
        return None
    scale = 1 + abs(left) + abs(right)
    if abs(left - right) > DIFFER * scale:
        return left, right
    return None


def _evaluate(plan: _Sampling, rng: random.Random, digits: int, attempt: int):  # noqa: ANN202
    point = _draw_point(plan, rng, attempt)
    return point, _at(plan.lhs, point, digits), _at(plan.rhs, point, digits)


def _at(expr: sympy.Expr, point: dict, digits: int) -> sympy.Expr | None:
    """The value of `expr` at `point`, or None at a singularity."""
    value = _substitute(expr, point)
    value = value.evalf(digits)
    if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        return None
    if not value.is_number:
        leftover = sorted(str(s) for s in value.free_symbols)
        raise _Unevaluable(f"cannot evaluate numerically: {', '.join(leftover) or 'an unevaluated expression'} remains")
    return value


def _substitute(expr: sympy.Expr, point: dict) -> sympy.Expr:
    """Put the point's values in: integers and functions first, so sums unroll, then the rest."""
    integers = {k: v for k, v in point.items() if not isinstance(k, sympy.Indexed) and getattr(k, "is_integer", False)}
    functions = {k: v for k, v in point.items() if isinstance(k, sympy.FunctionClass)}
    step = expr.xreplace(integers) if integers else expr
    if functions:
        step = step.replace(lambda e: isinstance(e, AppliedUndef) and e.func in functions, lambda e: functions[e.func](*e.args))
    step = step.doit()
    rest = {k: v for k, v in point.items() if k not in integers and k not in functions}
    return step.xreplace(rest).doit() if rest else step


@dataclass(frozen=True)
class _Sampling:
    """What every random point of a claim needs, worked out once: its integers and their bounds, its functions."""

    lhs: sympy.Expr
    rhs: sympy.Expr
    by_index: dict  # index symbol → its IndexRange
    integers: tuple[sympy.Symbol, ...]  # free integer symbols (and the bounds of free indices), sorted
    in_limits: frozenset  # symbols in the bounds of a Sum, Product or range: kept small
    functions: tuple  # undefined functions, sorted


def _sampling(lhs: sympy.Expr, rhs: sympy.Expr, ranges: tuple[IndexRange, ...]) -> _Sampling:
    diff = lhs - rhs
    by_index = {r.index: r for r in ranges}
    free = {s for s in diff.free_symbols if isinstance(s, sympy.Symbol) and s.is_integer}
    for index in [s for s in free if s in by_index]:  # a free index needs its bounds too (k in 1..n)
        limits = by_index[index]
        free |= {s for s in sympy.S(limits.low).free_symbols | sympy.S(limits.high).free_symbols if s.is_integer}
    in_limits = {  # the n of Sum(…, (i, 1, n)) stays small: the sum is unrolled at every point
        s for total in diff.atoms(sympy.Sum, sympy.Product) for limit in total.limits for s in
        sympy.S(limit[1]).free_symbols | sympy.S(limit[2]).free_symbols
    } | {s for r in ranges for s in sympy.S(r.low).free_symbols | sympy.S(r.high).free_symbols}
    functions = tuple(sorted({f.func for f in diff.atoms(AppliedUndef)}, key=str))
    return _Sampling(lhs, rhs, by_index, tuple(sorted(free, key=str)), frozenset(in_limits), functions)


def _draw_point(plan: _Sampling, rng: random.Random, attempt: int = 0) -> dict:
    """Random values for every free symbol, indexed element and undefined function of either side.

    The signs of the real values follow the bits of `attempt`, so the first points
    cover every sign pattern of a few variables (√(xy) = √x√y fails only when both
    are negative).
    """
    point: dict = {}
    for symbol in plan.integers:
        if symbol not in plan.by_index:
            point[symbol] = sympy.Integer(_small_integer(symbol, rng, wide=symbol not in plan.in_limits))
    for symbol in plan.integers:
        if symbol in plan.by_index:
            limits = plan.by_index[symbol]
            low = int(sympy.S(limits.low).xreplace(point))
            high = int(sympy.S(limits.high).xreplace(point))
            point[symbol] = sympy.Integer(rng.randint(low, max(low, high)))
    for function in plan.functions:
        point[function] = _test_function(rng)
    atoms: set = set()
    for side in (plan.lhs, plan.rhs):
        unrolled = _substitute(side, point)
        indexed = unrolled.atoms(sympy.Indexed)
        labels = {element.base.label for element in indexed}  # x in x[1]: not a value of its own
        atoms |= set(indexed) | {s for s in unrolled.free_symbols if isinstance(s, sympy.Symbol) and s not in labels}
    for position, atom in enumerate(sorted(atoms, key=str)):
        if atom not in point:
            point[atom] = _value(atom, rng, negative=bool((attempt >> (position % 8)) & 1))
    return point


def _small_integer(symbol: sympy.Symbol, rng: random.Random, wide: bool = True) -> int:
    """Mostly small (sums unroll), sometimes up to 12: `C(n,4) + C(n,2) + 1 = 2^(n-1)` holds for n ≤ 5 only."""
    top = 12 if wide and rng.random() < 0.3 else 5
    if symbol.is_positive:
        return rng.randint(1, top)
    if symbol.is_nonnegative:
        return rng.randint(0, top)
    if symbol.is_negative:
        return rng.randint(-top, -1)
    return rng.choice([n for n in range(-top, top + 1) if n != 0])


def _magnitude(rng: random.Random) -> sympy.Float:
    """A positive number, mostly of order 1, at times up to 30 or 300: `min(x, 6) = x` fails only above 6."""
    tier = rng.random()
    if tier < 0.6:
        return sympy.Float(rng.uniform(0.15, 2.5), DIGITS)
    if tier < 0.85:
        return sympy.Float(rng.uniform(2.5, 30), DIGITS)
    return sympy.Float(rng.uniform(30, 300), DIGITS)


def _value(atom: sympy.Expr, rng: random.Random, negative: bool = False) -> sympy.Expr:
    """A random number that respects the atom's assumptions (never a "nice" 0 or 1)."""
    if atom.is_integer:
        return sympy.Integer(_small_integer(atom, rng))
    magnitude = _magnitude(rng)
    if atom.is_positive or (atom.is_nonnegative and not atom.is_zero):
        return magnitude
    if atom.is_negative or atom.is_nonpositive:
        return -magnitude
    real = -magnitude if negative else magnitude
    if atom.is_real:
        return real
    imaginary = _magnitude(rng) * (1 if rng.random() < 0.5 else -1)  # log(e^z) = z fails for |Im z| > π
    return real + sympy.I * imaginary


def _test_function(rng: random.Random) -> Callable[..., sympy.Expr]:
    """An arbitrary smooth function, fixed once drawn: an identity for every ψ must hold for it."""
    def coefficient() -> sympy.Float:
        return sympy.Float(rng.uniform(-1.2, 1.2), DIGITS)

    a, b, c = coefficient(), coefficient(), coefficient()
    weights = [coefficient() for _ in range(8)]

    def function(*args: sympy.Expr) -> sympy.Expr:
        linear = sum((w * arg for w, arg in zip(weights, args)), sympy.S.Zero)
        return sympy.exp(a * linear) * (1 + b * linear + c * linear**2)

    return function


def _show(value: sympy.Expr, digits: int = 12) -> str:
    if isinstance(value, sympy.Integer):
        return str(value)
    if isinstance(value, sympy.Expr) and value.is_number:
        return str(sympy.N(value, digits))
    return str(value)


def _describe(point: dict) -> str:
    shown = [f"{k} = {_show(v)}" for k, v in point.items() if not callable(v)]
    functions = [str(k) for k, v in point.items() if callable(v)]
    if functions:
        shown.append(f"a test function for {', '.join(functions)}")
    return ", ".join(shown)
