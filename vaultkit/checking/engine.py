"""The checking engine: one claim in, one verdict out.

Stages, in order, within the claim's time budget:

1. **Givens** (`givens.py`): solved into branches, so every point tested satisfies them.
2. **Rigorous numeric testing** (`numeric.py`, `points.py`): lhs − rhs at exact points chosen
   from the claim's content (special values and thresholds first, then random points over many
   magnitudes), in ball arithmetic with the precision raised until each point is settled. A
   difference proved nonzero is a counterexample: the claim is **false**.
3. **Symbolic proof** (`proof.py`): rewriting stages that reduce lhs − rhs to 0. A proof is
   reported only when no point contradicted it: **proved**.
4. Otherwise agreement at enough points is **checked** (not a proof), and anything else an
   **error** that says why. Running out of time is an error marked incomplete, never false.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, replace

import sympy
from flint import arb
from sympy.core.function import AppliedUndef

from .ball import Evaluator, Undecided, Undefined, Unsupported, ball, precision
from .claims import Claim, Given, Result, Verdict
from .deadline import OutOfTime, time_limit
from .prepare import UNSETTLED, infinite, work_out
from .givens import Branch, Constraints, constrain
from .numeric import Instance, Tally, compare, required_digits
from .plan import plan_points, variables_for
from .points import seed_of
from .proof import prove
from .testfunctions import FAMILIES, apply, choose

POINTS = 10  # agreeing points needed for "checked"
FALLBACK_POINTS = 16  # points for a claim whose integrals or limits SymPy must work out at each point
PROOF_SHARE = 0.5  # of the budget, at most, for the symbolic stages
PROOF_SECONDS = 20.0  # and never more than this: past it, agreement at the points is the verdict
SOLVE_SECONDS = 5.0


@dataclass(frozen=True)
class _Outcome:
    verdict: Verdict
    method: str = ""
    message: str = ""
    counterexample: dict[str, str] | None = None


def check(claim: Claim, *, budget: float = 60.0) -> Result:
    """Check one claim within `budget` seconds; never raises."""
    started = time.perf_counter()
    incomplete = False
    if claim.problem is not None or claim.lhs is None or claim.rhs is None:
        outcome = _Outcome(Verdict.ERROR, message=claim.problem or "the claim could not be read")
    else:
        try:
            with time_limit(budget):
                outcome = _decide(claim, budget, started)
        except OutOfTime:
            incomplete = True
            outcome = _Outcome(Verdict.ERROR, message=f"ran out of time after {budget:g} s; raise --budget")
        except RecursionError:
            outcome = _Outcome(Verdict.ERROR, message="the expression is too deeply nested to check")
        except Exception as error:  # noqa: BLE001 - SymPy fails in many ways (even StopIteration); one claim pays
            outcome = _Outcome(Verdict.ERROR, message=f"SymPy could not work with this claim: {type(error).__name__}: {error}")
    givens = tuple(g.describe() for g in claim.givens) if outcome.verdict is not Verdict.ERROR else ()
    return Result(
        claim.note, claim.line, claim.id, claim.source, outcome.verdict, outcome.method,
        time.perf_counter() - started, outcome.message, outcome.counterexample, givens, incomplete,
    )  # fmt: skip


_ASSUMPTIONS = frozenset({"real", "positive", "negative", "nonnegative", "nonpositive", "integer", "complex",
                          "nonzero", "commutative", "finite"})  # what the sampler draws values for (and zero=False)


def unsupported(lhs: sympy.Expr, rhs: sympy.Expr) -> str | None:
    """Why the claim's symbols cannot be checked here, or None.

    Values are drawn for what `symbols:` can declare; any other assumption
    (`odd`, `imaginary`, non-commuting symbols, a function with assumptions)
    would be sampled wrongly, and two different symbols with one name would
    read as one in every report.
    """
    for side in (lhs, rhs):  # SymPy counts f and f(real=True) as one function: look at every application
        for node in sympy.preorder_traversal(side):
            if isinstance(node, AppliedUndef) and getattr(node.func, "_kwargs", None):
                return f"the function {node.func} has assumptions: a declared function is any function"
    names: dict[str, object] = {}
    for thing in sorted(lhs.free_symbols | rhs.free_symbols, key=sympy.default_sort_key):  # the same message anywhere
        given = getattr(thing, "_assumptions_orig", None) or {}
        odd = sorted(k for k, v in given.items() if (k not in _ASSUMPTIONS or v is not True) and (k, v) != ("zero", False))
        if odd:
            return f"the symbol {thing} is {', '.join(f'{k}={v}' for k, v in ((k, given[k]) for k in odd))}: " \
                   "only real, positive, negative, nonnegative, nonpositive, integer, complex and nonzero are supported"
        name = str(thing)
        if names.setdefault(name, thing) != thing:
            return f"two different symbols or functions are named {name} (different assumptions)"
    return None


def _decide(claim: Claim, budget: float, started: float) -> _Outcome:
    lhs, rhs = claim.lhs, claim.rhs
    problem = unsupported(lhs, rhs)
    if problem is not None:
        return _Outcome(Verdict.ERROR, message=problem)
    symbols = set((lhs - rhs).free_symbols)
    # only the ranges of the claim's own free indices: what else the note declares must not change its points
    claim = replace(claim, ranges=tuple(r for r in claim.ranges if r.index in symbols))
    constraints = constrain(claim.givens, symbols, _solve, _is_zero)
    if constraints.problem is not None:
        return _Outcome(Verdict.ERROR, message=constraints.problem)
    relied = constraints.relied
    tally, digits = Tally(), required_digits(lhs, rhs)
    if constraints.unsolved is None:
        tally = _numeric(claim, lhs, rhs, constraints, digits)
        if tally.counterexample is not None:
            return _Outcome(Verdict.FALSE, "numeric", tally.message, tally.counterexample)
    left = min(budget * PROOF_SHARE, PROOF_SECONDS, budget - (time.perf_counter() - started))
    method = _prove_all(lhs, rhs, constraints, claim, max(left, 1.0))
    return _verdict(method, tally, digits, constraints, bool(relied))


def _verdict(method: str | None, tally: Tally, digits: int, constraints: Constraints, given: bool) -> _Outcome:
    if tally.unsettled and (method is not None or tally.agreeing):  # d/dx min(x², 1) at x = 1, out of time
        return _Outcome(Verdict.ERROR, message="a kink where the derivative could not be settled (SymPy's one-sided "
                        "limits failed or ran out of time): the claim may fail there, so it is not decided")
    if given and tally.outside and not tally.agreeing:
        return _Outcome(Verdict.ERROR, message="no point satisfies the givens with the symbols' assumptions: "
                        "they may contradict each other")
    if method is not None and (tally.agreeing or method in _ALGEBRAIC or constraints.unsolved):
        confirmed = f"; no counterexample at {tally.agreeing} points" if tally.agreeing else ""
        return _Outcome(Verdict.PROVED, method, f"lhs − rhs reduces to 0 by {method}{confirmed}")
    if method is not None:
        why = tally.reasons[-1] if tally.reasons else "no point could be evaluated"
        return _Outcome(Verdict.ERROR, message=f"{method} reduces lhs − rhs to 0, but no point confirms it ({why})")
    if constraints.unsolved is not None:
        return _Outcome(Verdict.ERROR, message=f"{constraints.unsolved}, and no proof was found")
    if tally.agreeing >= POINTS or (tally.agreeing and tally.constant):
        where = "as constants" if tally.constant else f"at {tally.agreeing} points"
        return _Outcome(
            Verdict.CHECKED, f"numeric ({tally.agreeing} points, {digits} digits)",
            f"the sides agree to {digits} digits {where}; not a proof",
        )  # fmt: skip
    why = "; ".join(tally.reasons[-2:]) or "too few points could be evaluated"
    return _Outcome(Verdict.ERROR, message=f"neither proved nor testable at enough points: {why}")


_ALGEBRAIC = frozenset({"structural", "expand", "cancel"})  # no doit: SymPy's algebra alone


# ---------------------------------------------------------------- numeric testing


def _numeric(claim: Claim, lhs: sympy.Expr, rhs: sympy.Expr, constraints: Constraints, digits: int) -> Tally:
    """Every planned point on every branch of the givens, with the test-function families in turn."""
    seed = seed_of(lhs, rhs, claim.ranges, tuple((g.lhs, g.rhs) for g in constraints.relied))
    instances = [_instances(lhs, rhs, branch, seed) for branch in constraints.branches]
    tally = Tally()
    everything = [i for per_branch in instances for i in per_branch]
    variables = variables_for(everything, claim.ranges)
    tally.constant = not variables
    tally.unsettled = any(side.has(UNSETTLED) for i in everything for side in (i.lhs, i.rhs))
    points = plan_points(variables, everything, random.Random(seed))
    unfinished = {id(i) for i in everything if _needs_sympy(i)}  # decided once, not at every point
    if unfinished:
        points = points[:FALLBACK_POINTS]
    for number, point in enumerate(points):
        for per_branch in instances:
            instance = per_branch[number % len(per_branch)]
            if id(instance) in unfinished:
                instance = _at_point(instance, point)
            if compare(instance, point, seed_of(seed, number), digits, tally):
                return tally
    return tally


def _instances(lhs: sympy.Expr, rhs: sympy.Expr, branch: Branch, seed: int) -> list[Instance]:
    functions = (lhs - rhs).atoms(AppliedUndef)
    families = range(FAMILIES) if functions else range(1)
    made = []
    for family in families:
        chosen = choose(lhs - rhs, family, seed)
        left, right = apply(lhs, chosen), apply(rhs, chosen)
        solved = tuple((var, work_out(value)) for var, value in branch.solved)
        made.append(Instance(work_out(left), work_out(right), solved, family, "test functions" if functions else ""))
    return made


def _needs_sympy(instance: Instance) -> bool:
    return any(_unfinished(side) for side in (instance.lhs, instance.rhs))


def _unfinished(expr: sympy.Expr) -> bool:
    if expr.has(sympy.Integral, sympy.Limit, sympy.Derivative, sympy.Subs):
        return True
    return any(infinite(total) for total in expr.atoms(sympy.Sum, sympy.Product))


def _at_point(instance: Instance, point: dict) -> Instance:
    """SymPy works the integrals and limits out again with the point's exact values put in."""
    values = {symbol: value for symbol, value in point.items() if isinstance(symbol, sympy.Symbol)}
    return replace(instance, lhs=work_out(instance.lhs.xreplace(values)), rhs=work_out(instance.rhs.xreplace(values)))


# ---------------------------------------------------------------- givens and proofs


def _solve(equation: sympy.Expr, symbol: sympy.Symbol) -> list[sympy.Expr] | None:
    """All solutions of a polynomial equation of degree 1 or 2 in `symbol` whose leading coefficient is a
    nonzero number, so the solutions are complete for every value of the other symbols; else None."""
    numerator, denominator = sympy.together(equation).as_numer_denom()
    if denominator.has(symbol):
        return None
    try:
        poly = sympy.Poly(sympy.expand(numerator), symbol)
    except sympy.PolynomialError:
        return None
    lead = poly.LC()
    if poly.degree() not in (1, 2) or lead.free_symbols or lead == 0:
        return None
    try:
        with time_limit(SOLVE_SECONDS):
            roots = sympy.roots(poly, multiple=True)
    except OutOfTime:
        return None
    return list(dict.fromkeys(roots)) if len(roots) == poly.degree() else None


def _is_zero(expr: sympy.Expr) -> bool | None:
    """Whether a constant is 0, decided rigorously (None when it cannot be told)."""
    try:
        with precision(3400):
            value = ball(Evaluator({}).value(expr))
    except Undefined:
        return False
    except (Undecided, Unsupported):
        return None
    if not value.contains(0):
        return False
    return True if value.is_exact() or abs(value).upper() < arb(10) ** -900 else None


def given_problem(givens: list[Given], given: Given) -> str | None:
    """Why the newest given cannot stand with those before it (false, contradictory), or None."""
    symbols = set((given.lhs - given.rhs).free_symbols)
    try:
        with time_limit(SOLVE_SECONDS * 2):
            constraints = constrain(givens, symbols, _solve, _is_zero)
    except OutOfTime:
        return None
    except Exception:  # noqa: BLE001 - a given SymPy cannot work with is judged with each claim
        return None
    if constraints.problem is not None and given.describe() in constraints.problem:
        return constraints.problem.replace(f"the given at {given.describe()}", "this given")
    return None


def _prove_all(lhs: sympy.Expr, rhs: sympy.Expr, constraints: Constraints, claim: Claim, seconds: float) -> str | None:
    """A proof on every branch of the givens, or by rewriting with them; the first stage that works."""
    deadline = time.perf_counter() + seconds
    difference = lhs - rhs
    if constraints.relied and constraints.unsolved is None:
        methods = []
        for branch in constraints.branches:
            method = prove(branch.substitute(difference), max(deadline - time.perf_counter(), 0.5), claim.ranges)
            if method is None:
                break
            methods.append(method)
        else:
            return methods[-1] if methods else None
    if constraints.relied:
        rewritten = difference
        for given in constraints.relied:
            rewritten = rewritten.subs(given.lhs, given.rhs)
        return prove(rewritten, max(deadline - time.perf_counter(), 0.5), claim.ranges)
    return prove(difference, max(deadline - time.perf_counter(), 0.5), claim.ranges)
