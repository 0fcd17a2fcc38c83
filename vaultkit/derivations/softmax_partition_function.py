"""The softmax is a Boltzmann distribution, and its denominator a partition function."""

from __future__ import annotations

import sympy
from sympy import Abs, IndexedBase, KroneckerDelta, Subs, Sum, diff, exp, log
from sympy import UnevaluatedExpr as Held

from .base import Derivation, Range, Step

# n microstates of energies E_1 … E_n at inverse temperature β.
E = IndexedBase("E", real=True)
beta = sympy.Symbol("beta", positive=True)
# n logits x_1 … x_n at temperature T, and a shift c.
x = IndexedBase("x", real=True)
T = sympy.Symbol("T", positive=True)
c = sympy.Symbol("c", real=True)
n = sympy.Symbol("n", integer=True, positive=True)
i, j, k = sympy.symbols("i j k", integer=True)

ONE = sympy.Integer(1)


def index_range(index: sympy.Symbol) -> Range:
    return (index, ONE, n)


# Z = Σ_i e^{-βE_i}. Sums over states reuse the bound index `i` (no clash: it is bound in each sum),
# which keeps Z and the sums it normalises syntactically alike.
Z = Sum(exp(-beta * E[i]), (i, 1, n))


def boltzmann(state: sympy.Expr) -> sympy.Expr:
    """p_state = e^{-βE_state} / Z."""
    return exp(-beta * E[state]) / Z


def softmax(index: sympy.Expr, logits=lambda d: x[d], dummy: sympy.Symbol = j) -> sympy.Expr:
    """softmax(x/T)_index = e^{x_index/T} / Σ_dummy e^{x_dummy/T}, for logits given as a function of the index."""
    return exp(logits(index) / T) / Sum(exp(logits(dummy) / T), (dummy, 1, n))


STEPS = (
    Step(
        id="partition-function",
        text=(
            "The partition function Z = Σᵢ e^{−βEᵢ} is a sum of positive Boltzmann weights, so it is positive "
            "(|Z| = Z) and dividing the weights by it is allowed."
        ),
        latex=r"\left|\sum_{i=1}^{n} e^{-\beta E_i}\right| = \sum_{i=1}^{n} e^{-\beta E_i} = Z",
        lhs=Abs(Held(Z)),  # held, or SymPy would drop the modulus on construction
        rhs=Z,
    ),
    Step(
        id="boltzmann-normalized",
        text=(
            "The Boltzmann probabilities pᵢ = e^{−βEᵢ}/Z sum to 1, because their numerators add up to Z."
        ),
        latex=r"\sum_{i=1}^{n} \frac{e^{-\beta E_i}}{Z} = 1, \qquad Z = \sum_{j=1}^{n} e^{-\beta E_j}",
        lhs=Sum(boltzmann(i), (i, 1, n)),
        rhs=ONE,
    ),
    Step(
        id="softmax-is-boltzmann",
        text=(
            "The softmax of the logits at temperature T is the Boltzmann distribution with energies Eᵢ = −xᵢ "
            "at inverse temperature β = 1/T."
        ),
        latex=(
            r"\frac{e^{x_k/T}}{\sum_{j=1}^{n} e^{x_j/T}}"
            r" = \left.\frac{e^{-\beta E_k}}{\sum_{j=1}^{n} e^{-\beta E_j}}\right|_{E_j = -x_j,\ \beta = 1/T}"
        ),
        lhs=softmax(k),
        rhs=Subs(exp(-beta * -x[k]) / Sum(exp(-beta * -x[j]), (j, 1, n)), beta, 1 / T),
        ranges=(index_range(k),),
    ),
    Step(
        id="mean-energy",
        text=(
            "Differentiating ln Z with respect to β brings down −Eᵢ in each term, so −∂ ln Z/∂β is the mean "
            "energy ⟨E⟩ = Σᵢ Eᵢ pᵢ."
        ),
        latex=(
            r"-\frac{\partial \ln Z}{\partial \beta}"
            r" = \sum_{i=1}^{n} E_i\, \frac{e^{-\beta E_i}}{Z} = \langle E \rangle"
        ),
        lhs=-diff(log(Z), beta),
        rhs=Sum(E[i] * boltzmann(i), (i, 1, n)),
    ),
    Step(
        id="shift-invariance",
        text=(
            "Adding the same constant c to every logit multiplies numerator and denominator by e^{c/T}, "
            "so the softmax is unchanged (only energy differences matter)."
        ),
        latex=r"\frac{e^{(x_k + c)/T}}{\sum_{j=1}^{n} e^{(x_j + c)/T}} = \frac{e^{x_k/T}}{\sum_{j=1}^{n} e^{x_j/T}}",
        lhs=softmax(k, logits=lambda d: x[d] + c),
        rhs=softmax(k),
        ranges=(index_range(k),),
    ),
    Step(
        id="softmax-jacobian",
        text=(
            "By the quotient rule, the derivative of pᵢ = softmax(x/T)ᵢ with respect to the logit xⱼ is "
            "pᵢ(δᵢⱼ − pⱼ)/T: the diagonal term from the numerator, the −pᵢpⱼ term from Z."
        ),
        latex=r"\frac{\partial p_i}{\partial x_j} = \frac{1}{T}\, p_i \left(\delta_{ij} - p_j\right)",
        lhs=diff(softmax(i, dummy=k), x[j]),
        rhs=softmax(i, dummy=k) * (KroneckerDelta(i, j) - softmax(j, dummy=k)) / T,
        ranges=(index_range(i), index_range(j)),
    ),
    Step(
        id="logsumexp-gradient",
        text=(
            "The gradient of the log-sum-exp T ln Σⱼ e^{xⱼ/T}, that is of T ln Z, is the softmax, just as "
            "−∂ ln Z/∂β is the mean energy."
        ),
        latex=(
            r"\frac{\partial}{\partial x_k}\, T \ln \sum_{j=1}^{n} e^{x_j/T}"
            r" = \frac{e^{x_k/T}}{\sum_{j=1}^{n} e^{x_j/T}}"
        ),
        lhs=diff(T * log(Sum(exp(x[j] / T), (j, 1, n))), x[k]),
        rhs=softmax(k),
        ranges=(index_range(k),),
    ),
)

DERIVATION = Derivation(
    name="softmax-partition-function",
    title="Softmax and the partition function",
    summary=(
        "The partition function normalises the Boltzmann weights and generates the mean energy; the softmax "
        "at temperature T is the Boltzmann distribution with energies −xᵢ, invariant under a common shift, "
        "with Jacobian pᵢ(δᵢⱼ − pⱼ)/T, and it is the gradient of log-sum-exp."
    ),
    steps=STEPS,
)
