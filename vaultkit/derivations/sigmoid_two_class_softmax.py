"""The sigmoid is the two-class softmax; its derivative, and the gradient of a sigmoid neuron."""

from __future__ import annotations

import sympy
from sympy import Derivative, IndexedBase, Sum, UnevaluatedExpr, diff, exp

from .base import Derivation, Range, Step

x = sympy.Symbol("x", real=True)
# A neuron with n inputs x_1 … x_n, weights w_1 … w_n and bias b.
w = IndexedBase("w", real=True)
u = IndexedBase("x", real=True)  # the inputs, printed x_i
b = sympy.Symbol("b", real=True)
n = sympy.Symbol("n", integer=True, positive=True)
i, k = sympy.symbols("i k", integer=True)

K_RANGE: Range = (k, sympy.Integer(1), n)  # k runs from 1 to n
E0 = exp(UnevaluatedExpr(0))  # e^0, the weight of the logit 0, kept as written


def sigma(z: sympy.Expr) -> sympy.Expr:
    """The logistic function σ(z) = 1/(1 + e^{−z})."""
    return 1 / (1 + exp(-z))


z = Sum(w[i] * u[i], (i, 1, n)) + b  # the pre-activation
a = sigma(z)  # the activation

STEPS = (
    Step(
        id="two-class-softmax",
        text=(
            "The softmax of the two logits (x, 0) gives the first class the probability e^x/(e^x + e^0), "
            "which is σ(x) after dividing numerator and denominator by e^x."
        ),
        latex=r"\frac{e^{x}}{e^{x} + e^{0}} = \frac{1}{1 + e^{-x}} = \sigma(x)",
        lhs=exp(x) / (exp(x) + E0),
        rhs=sigma(x),
    ),
    Step(
        id="two-class-complement",
        text=(
            "The second class gets the rest, e^0/(e^x + e^0) = 1 − σ(x) = σ(−x), so the two probabilities sum "
            "to 1 and the sigmoid is point-symmetric about (0, 1/2)."
        ),
        latex=r"\frac{e^{0}}{e^{x} + e^{0}} = \sigma(-x) = 1 - \sigma(x)",
        lhs=E0 / (exp(x) + E0),
        rhs=sigma(-x),
    ),
    Step(
        id="sigmoid-derivative",
        text=(
            "Differentiating 1/(1 + e^{−x}) gives e^{−x}/(1 + e^{−x})², which factors as σ(x)(1 − σ(x)), "
            "so the derivative is expressed through the function itself."
        ),
        latex=r"\frac{d\sigma}{dx} = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)",
        lhs=Derivative(sigma(x), x),
        rhs=sigma(x) * (1 - sigma(x)),
    ),
    Step(
        id="pre-activation-gradient",
        text=(
            "The pre-activation z = Σᵢ wᵢxᵢ + b is linear in the weights, so its derivative with respect to "
            "the weight w_k is the input x_k."
        ),
        latex=r"\frac{\partial}{\partial w_k} \Bigl(\sum_{i=1}^{n} w_i x_i + b\Bigr) = x_k",
        lhs=diff(z, w[k]),
        rhs=u[k],
        ranges=(K_RANGE,),
    ),
    Step(
        id="weight-gradient",
        text=(
            "By the chain rule, σ′ = σ(1 − σ) and ∂z/∂w_k = x_k give the gradient of the activation "
            "a = σ(Σᵢ wᵢxᵢ + b) with respect to a weight: a(1 − a)x_k."
        ),
        latex=(
            r"\frac{\partial a}{\partial w_k} = a\,(1 - a)\, x_k, \qquad"
            r" a = \sigma\Bigl(\sum_{i=1}^{n} w_i x_i + b\Bigr)"
        ),
        lhs=diff(a, w[k]),
        rhs=a * (1 - a) * u[k],
        ranges=(K_RANGE,),
    ),
    Step(
        id="bias-gradient",
        text="Since ∂z/∂b = 1, the gradient of the activation with respect to the bias is a(1 − a).",
        latex=r"\frac{\partial a}{\partial b} = a\,(1 - a)",
        lhs=diff(a, b),
        rhs=a * (1 - a),
    ),
)

DERIVATION = Derivation(
    name="sigmoid-two-class-softmax",
    title="The sigmoid as a two-class softmax",
    summary=(
        "The sigmoid is the softmax of the logits (x, 0); its derivative is σ(1 − σ), which by the chain rule "
        "gives the gradients a(1 − a)xᵢ and a(1 − a) of a sigmoid neuron a = σ(Σᵢ wᵢxᵢ + b)."
    ),
    steps=STEPS,
)
