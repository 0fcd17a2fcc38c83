"""Amplitude normalization: dividing by the norm gives a unit vector, phases drop out, Born probabilities."""

from __future__ import annotations

import sympy
from sympy import Abs, I, IndexedBase, Sum, exp, sqrt
from sympy import UnevaluatedExpr as Held

from .base import Derivation, Range, Step

# A qubit's unnormalised amplitudes, not both zero (the claims hold wherever the norm is non-zero).
alpha, beta = sympy.symbols("alpha beta", complex=True)
# n complex amplitudes c_1 … c_n, a real phase.
c = IndexedBase("c", complex=True)
n = sympy.Symbol("n", integer=True, positive=True)
i, k = sympy.symbols("i k", integer=True)
phi = sympy.Symbol("phi", real=True)

K_RANGE: Range = (k, sympy.Integer(1), n)  # k runs from 1 to n

# `Held(…)` keeps a modulus as written (|e^{iφ} c_k|², not SymPy's immediate |c_k|²), so the engine, not the
# constructor, does the step; unlike `evaluate=False` it survives pickling to a worker process.

pair_norm = sqrt(Abs(alpha) ** 2 + Abs(beta) ** 2)
# Σ_i |c_i|²; the same dummy `i` as the outer sums below (a bound index, so no clash) keeps the
# two sums syntactically alike.
norm_squared = Sum(Abs(c[i]) ** 2, (i, 1, n))
norm = sqrt(norm_squared)


def born(j: sympy.Expr) -> sympy.Expr:
    """P(j) = |c_j|² / Σ_i |c_i|²: the Born probability of outcome j for the state with amplitudes c."""
    return Abs(c[j]) ** 2 / norm_squared


STEPS = (
    Step(
        id="qubit-normalized",
        text=(
            "Dividing the qubit amplitudes (α, β) by their norm √(|α|²+|β|²) gives amplitudes whose squared "
            "moduli sum to 1, because |α/N|² = |α|²/N² for a real positive N."
        ),
        latex=(
            r"\left|\frac{\alpha}{\sqrt{|\alpha|^2+|\beta|^2}}\right|^2"
            r" + \left|\frac{\beta}{\sqrt{|\alpha|^2+|\beta|^2}}\right|^2 = 1"
        ),
        lhs=Abs(Held(alpha / pair_norm)) ** 2 + Abs(Held(beta / pair_norm)) ** 2,
        rhs=sympy.Integer(1),
    ),
    Step(
        id="component-modulus",
        text=(
            "Dividing each of n complex amplitudes by the norm ‖c‖ = √(Σᵢ|cᵢ|²) divides every squared modulus "
            "by ‖c‖², since the norm is real and non-negative."
        ),
        latex=r"\left|\frac{c_k}{\sqrt{\sum_{i=1}^{n} |c_i|^2}}\right|^2 = \frac{|c_k|^2}{\sum_{i=1}^{n} |c_i|^2}",
        lhs=Abs(Held(c[k] / norm)) ** 2,
        rhs=born(k),
        ranges=(K_RANGE,),
    ),
    Step(
        id="n-normalized",
        text=(
            "The same holds for n complex components: the normalised amplitudes cᵢ/‖c‖ have squared moduli "
            "summing to 1, because the sum of |cᵢ|² over all i is ‖c‖² itself."
        ),
        latex=r"\sum_{i=1}^{n} \left|\frac{c_i}{\sqrt{\sum_{j=1}^{n} |c_j|^2}}\right|^2 = 1",
        lhs=Sum(Abs(Held(c[i] / norm)) ** 2, (i, 1, n)),
        rhs=sympy.Integer(1),
    ),
    Step(
        id="global-phase",
        text=(
            "A global phase leaves every squared modulus unchanged, because |e^{iφ}| = 1 for real φ, "
            "so e^{iφ}|Ψ⟩ and |Ψ⟩ give the same probabilities."
        ),
        latex=r"\left|e^{i\varphi} c_k\right|^2 = |c_k|^2",
        lhs=Abs(Held(exp(I * phi) * c[k])) ** 2,
        rhs=Abs(c[k]) ** 2,
        ranges=(K_RANGE,),
    ),
    Step(
        id="born-nonnegative",
        text=(
            "The Born probability P(k) = |c_k|²/Σᵢ|cᵢ|² is non-negative, stated as |P(k)| = P(k), because it is "
            "a squared modulus divided by a sum of squared moduli."
        ),
        latex=r"\left|\frac{|c_k|^2}{\sum_{i=1}^{n} |c_i|^2}\right| = \frac{|c_k|^2}{\sum_{i=1}^{n} |c_i|^2}",
        lhs=Abs(Held(born(k))),
        rhs=born(k),
        ranges=(K_RANGE,),
    ),
    Step(
        id="born-sum",
        text=(
            "The Born probabilities of the normalised state sum to 1 whatever global phase it carries, "
            "so measurement outcomes form a probability distribution."
        ),
        latex=r"\sum_{i=1}^{n} \left|e^{i\varphi}\, \frac{c_i}{\sqrt{\sum_{j=1}^{n} |c_j|^2}}\right|^2 = 1",
        lhs=Sum(Abs(Held(exp(I * phi) * c[i] / norm)) ** 2, (i, 1, n)),
        rhs=sympy.Integer(1),
    ),
)

DERIVATION = Derivation(
    name="amplitude-normalization",
    title="Amplitude normalization",
    summary=(
        "Any non-zero vector of complex amplitudes becomes a unit vector when divided by its norm; a global "
        "phase changes no squared modulus; the Born probabilities are then non-negative and sum to one."
    ),
    steps=STEPS,
)
