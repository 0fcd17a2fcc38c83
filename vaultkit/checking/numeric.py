"""The rigorous numeric stage: lhs − rhs at exact points, in ball arithmetic.

At each point the precision is raised until the question is settled: the
difference is *proved nonzero* (its ball excludes 0: a counterexample, the
point printed exactly), or *proved small* (below 10^-P times the size of the
sides, P = `digits`), or neither at the highest precision (the point is
undecided and does not count). A point where one side is provably undefined or
infinite and the other is a finite number is a counterexample too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import sympy
from flint import arb

from . import ball_functions  # noqa: F401 - registers the functions the evaluator knows
from .ball import (
    OnEdge,
    ONE,
    Evaluator,
    Exact,
    Infinite,
    Undecided,
    Undefined,
    Unsupported,
    Value,
    ball,
    is_real,
    precision,
    real_part,
    sign_of,
    to_sympy,
)
from .critical import put_in
from .points import Variable, exact_point, indexed_drawer

DIGITS = 300  # agreement means |lhs − rhs| < 10^-DIGITS · max(1, |lhs|, |rhs|), at least
MAX_DIGITS = 3000


@dataclass(frozen=True)
class Instance:
    """One concrete form of a claim to evaluate: test functions put in, derivatives worked out.

    `solved` gives the symbols the givens determine (c = √(1 − s²)) with their
    variables, whose assumptions the computed value must satisfy.
    """

    lhs: sympy.Expr
    rhs: sympy.Expr
    solved: tuple[tuple[Variable, sympy.Expr], ...] = ()
    family: int = 0
    label: str = ""  # "test functions" when undefined functions were replaced: said with a counterexample


@dataclass
class Tally:
    agreeing: int = 0
    undecided: int = 0
    outside: int = 0  # points where the givens' solution breaks an assumption
    constant: bool = False  # the claim has no variables: one point says all
    reasons: list[str] = field(default_factory=list)
    counterexample: dict[str, str] | None = None
    message: str = ""
    unsettled: bool = False  # a kink where the derivative could not be settled: its point was never tested

    def note(self, reason: str) -> None:
        self.undecided += 1
        if reason not in self.reasons:
            self.reasons.append(reason)


def schedule(digits: int) -> tuple[int, ...]:
    """Working precisions in bits: a quick look, then enough for `digits`, then twice and four times that."""
    needed = math.ceil(digits * 3.33) + 64
    return (128, needed, 2 * needed, 4 * needed)


def required_digits(*sides: sympy.Expr) -> int:
    """DIGITS, or more when the claim's own constants are tinier or larger than 10^±(DIGITS/2)."""
    largest = 0.0
    for side in sides:
        for node in sympy.preorder_traversal(side):
            if isinstance(node, sympy.Basic) and node.is_number and not node.is_Rational and node.free_symbols == set():
                largest = max(largest, _magnitude(node))
            elif isinstance(node, sympy.Rational):
                largest = max(largest, len(str(abs(node.p))), len(str(node.q)))
    return int(min(MAX_DIGITS, max(DIGITS, 2 * largest + 20)))


def _magnitude(node: sympy.Expr) -> float:
    """|log10 |node||, roughly; 0 when it cannot be had cheaply."""
    try:
        with precision(64):
            value = ball(Evaluator({}).value(node))
        size = abs(value)
        if size > 0 and size.is_finite():
            return abs(float(size.mid().log()) / math.log(10))
    except (Undefined, Undecided, Unsupported, ValueError, ZeroDivisionError, OverflowError):
        pass
    return 0.0


MAX_POINT_DIGITS = 6000  # a point whose exponentials need more digits than this is left undecided


@dataclass(frozen=True)
class _Differ:
    sides: tuple
    bits: int
    instance: Instance
    env: dict


def compare(instance: Instance, point: dict, seed: int, digits: int, tally: Tally) -> bool:
    """Test one point; True when it is a counterexample (recorded in `tally`).

    Values are put in for the evaluator as exact rationals; where that leaves the question open (cos(2π·n/97)
    at n = 97 is a ball around 1), SymPy puts them in first and simplifies exactly, and the point is tried again.
    """
    draw = indexed_drawer(seed)
    outcome = _settle(instance, point, draw, digits, everything=False)
    if isinstance(outcome, OnEdge) and all(_modest(value) for value in point.values()):
        try:
            outcome = _settle(instance, point, draw, digits, everything=True)
        except Exception as error:  # noqa: BLE001 - SymPy's own evaluation failing settles nothing
            outcome = Undecided(f"SymPy could not evaluate the point: {type(error).__name__}")
    if isinstance(outcome, _Differ):
        tally.counterexample, tally.message = _counterexample(outcome.instance, point, outcome.env, outcome.sides,
                                                              draw, outcome.bits)  # fmt: skip
        return True
    if outcome == "agree":
        tally.agreeing += 1
    elif outcome == "outside":
        tally.outside += 1
    elif outcome == "skip":
        tally.note("both sides are undefined at some points")
    else:
        tally.note(str(outcome) or "the sides could not be separated at the highest precision")
    return False


def _modest(value: sympy.Expr) -> bool:
    """Small enough for SymPy to simplify exactly with the value put in (never floor(e^(10⁶)) digit by digit)."""
    return all(abs(n) <= 10**4 and n.q < 10**40 for n in value.atoms(sympy.Rational))


def _settle(instance: Instance, point: dict, draw, digits: int, everything: bool):  # noqa: ANN001, ANN202
    """'agree', 'outside', 'skip', a _Differ, or the Undecided/Unsupported that stopped it."""
    env, symbolic = exact_point(point)
    if everything:
        symbolic, env = {**symbolic, **{k: v for k, v in point.items() if k in env}}, {}
    if symbolic:  # π/2: SymPy puts it in, and knows tan(π/2) has no value
        instance = replace(
            instance, lhs=put_in(instance.lhs, symbolic), rhs=put_in(instance.rhs, symbolic),
            solved=tuple((var, put_in(value, symbolic)) for var, value in instance.solved),
        )  # fmt: skip
    needed, last = digits, Undecided("the sides could not be separated at the highest precision")
    bits_tried: set[int] = set()
    for step in range(4):
        bits = schedule(needed)[min(step, 3)]
        if bits in bits_tried:
            continue
        bits_tried.add(bits)
        with precision(bits):
            try:
                outcome, growth = _at(instance, env, draw, needed)
            except Unsupported as error:
                return error
            except (Undecided, ZeroDivisionError, ValueError) as error:
                last = error if isinstance(error, Undecided) else OnEdge(str(error))
                continue
        if not growth * 2 + 20 <= MAX_POINT_DIGITS:  # an exponential too large to see past (or infinite)
            return Undecided(f"the exponentials at this point need more than {MAX_POINT_DIGITS} digits")
        needed = max(needed, math.ceil(2 * growth) + 20)  # tanh(400) = 1 − 2e⁻⁸⁰⁰: 348 digits from 1
        if needed > MAX_POINT_DIGITS:
            return Undecided(f"the exponentials at this point need more than {MAX_POINT_DIGITS} digits")
        if outcome == "undecided" or (outcome == "agree" and growth and bits < schedule(needed)[1]):
            continue
        return _Differ(outcome, bits, instance, env) if isinstance(outcome, tuple) else outcome
    return last


def _at(instance: Instance, env: dict, draw, digits: int):  # noqa: ANN001, ANN202
    """('agree' | 'outside' | 'skip' | 'undecided' | (lhs, rhs) that provably differ, digits of exponential growth)."""
    evaluator = Evaluator(env, draw)
    for var, expression in reversed(instance.solved):
        try:
            value = evaluator.value(expression)
        except Undefined:
            return "outside", 0.0
        if not _admissible(var, value):
            return "outside", 0.0
        evaluator.env[var.symbol] = value
    left, right = _side(evaluator, instance.lhs), _side(evaluator, instance.rhs)
    return _verdict_at(left, right, digits), evaluator.growth


def _verdict_at(left, right, digits: int):  # noqa: ANN001, ANN202
    if isinstance(left, Undefined) and isinstance(right, Undefined):
        return "skip"
    if isinstance(left, (Undefined, Infinite)) or isinstance(right, (Undefined, Infinite)):
        return "agree" if left == right and isinstance(left, Infinite) else (left, right)
    if isinstance(left, Exact) and isinstance(right, Exact):
        return "agree" if left == right else (left, right)
    difference = ball(left) - ball(right)
    if not difference.contains(0):
        return (left, right)
    scale = max(arb(1), abs(ball(left)).upper(), abs(ball(right)).upper())
    if abs(difference).upper() <= scale * arb(10) ** (-digits):
        return "agree"
    return "undecided"


def _side(evaluator: Evaluator, expr: sympy.Expr) -> Value | Infinite | Undefined:
    try:
        return evaluator.side(expr)
    except Undefined as error:
        return error


def _admissible(var: Variable, value: Value) -> bool:
    """Whether a value the givens determine satisfies its symbol's assumptions (Undecided if unclear)."""
    symbol = var.symbol
    needs_real = var.real or var.integer or bool(symbol.is_nonnegative) or bool(symbol.is_nonpositive)
    if needs_real and not is_real(value):
        if ball(value).imag.contains(0):
            raise Undecided("cannot tell whether a value the givens fix is real")
        return False
    if var.integer and not (isinstance(value, Exact) and value.re.q == 1):
        if isinstance(value, Exact) or not ball(value).real.contains_integer():
            return False
        raise Undecided("cannot tell whether a value the givens fix is an integer")
    if needs_real:
        sign = sign_of(real_part(value, "a value the givens fix"))
        if sign == 0:
            return var.zero
        if symbol.is_nonnegative:
            return sign > 0
        return sign < 0 if symbol.is_nonpositive else True
    if not var.zero:
        if isinstance(value, Exact):
            return not value.is_zero
        if ball(value).contains(0):
            raise Undecided("cannot tell whether a value the givens fix is 0")
    return True


# ---------------------------------------------------------------- reporting a counterexample


def _counterexample(instance: Instance, point: dict, env: dict, sides, draw, bits: int) -> tuple[dict[str, str], str]:  # noqa: ANN001
    """The point exactly (and in decimals in the message), both sides, and their difference."""
    left, right = sides
    exactly = {str(symbol): sympy.sstr(value) for symbol, value in point.items()}
    shown = {str(symbol): _exact_text(value) for symbol, value in point.items()}
    with precision(128):
        evaluator = Evaluator(env, draw)
        for var, expression in reversed(instance.solved):
            fixed = sympy.sstr(expression.xreplace(point))
            exactly[str(var.symbol)] = shown[str(var.symbol)] = fixed
            try:
                shown[str(var.symbol)] = f"{fixed} (≈ {_decimal(evaluator.value(expression))})"
            except (Undefined, Undecided, Unsupported):
                pass
        result = {**exactly, "lhs": _decimal(left), "rhs": _decimal(right)}
    with precision(bits):
        gap = _gap(left, right)
    if gap:
        result["lhs - rhs"] = gap
    where = ", ".join(f"{k} = {v}" for k, v in shown.items())
    family = f" (with {instance.label})" if instance.label else ""
    at = f" at {where}{family}" if where else family
    differ = f" (lhs − rhs ≈ {gap})" if gap else ""
    return result, f"the sides differ{at}: lhs = {result['lhs']}, rhs = {result['rhs']}{differ}"


def _gap(left, right) -> str:  # noqa: ANN001
    """The difference in decimals, when both sides are numbers: it shows a difference hidden by rounding."""
    if not all(isinstance(v, (Exact, type(ball(ONE)))) for v in (left, right)):
        return ""
    difference = ball(left) - ball(right)
    return _decimal(difference, 6)


def _exact_text(value: sympy.Expr, digits: int = 12) -> str:
    text = sympy.sstr(value)
    if value.is_Integer:
        return text
    approx = sympy.N(value, digits)
    return f"{text} (≈ {sympy.sstr(approx)})" if sympy.sstr(approx) != text else text


def _decimal(value: Value | Infinite | Undefined, digits: int = 15) -> str:
    if isinstance(value, Undefined):
        return f"undefined ({value})"
    if isinstance(value, Infinite):
        return "oo" if value.sign > 0 else "-oo"
    if isinstance(value, Exact):
        number = to_sympy(value)
        return sympy.sstr(number) if number.is_Integer else sympy.sstr(sympy.N(number, digits))
    b = value
    re, im = b.real.mid().str(digits, radius=False), b.imag.mid().str(digits, radius=False)
    if b.imag.is_exact() and b.imag.is_zero():
        return re
    return f"{re} - {im[1:]}*I" if im.startswith("-") else f"{re} + {im}*I"
