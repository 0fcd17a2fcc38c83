"""Attacks on the free reading of display equations, written from its promise alone.

The promise: for every display `read_display` either returns a reading that is right
in meaning (what a mathematician would understand the note's author to mean), or
raises `TranslationError` (with `.cause` and `.command`) when TeX alone leaves the
meaning ambiguous.  Rather an error than a guess.

Each case states what a naive reader would get wrong and the acceptable outcomes:

* ``REFUSE``            any `TranslationError` is acceptable;
* a ``str``             that exact reading is acceptable;
* a predicate           a function of the reading string that checks its meaning;
* a tuple of the above  any one of them is acceptable (fair: when a refusal and a
                        right reading are both acceptable, both are accepted).

Failures found against the reader are kept in this file and marked:

* ``WRONG(...)``    a reading that means something else than the LaTeX: a bug.
                    Marked ``xfail(strict=True)`` so the suite stays green while the
                    bug exists and turns red once it is fixed (then drop the mark).
* ``COVERAGE(...)`` a refusal of something a mathematician reads without doubt.
                    Marked ``xfail(strict=False)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import pytest

from vaultkit.checking.latex import TranslationError, read_display
from vaultkit.checking.latex_usage import note_usage
from vaultkit.checking.scope import Scope


REFUSE = "<refuse>"


def WRONG(reason: str):
    return pytest.mark.xfail(reason=f"WRONG READING: {reason}", strict=True)


def COVERAGE(reason: str):
    return pytest.mark.xfail(reason=f"coverage: {reason}", strict=False)


# ---------------------------------------------------------------------------
# predicates on the printed reading


def _name_re(name: str) -> str:
    return r"(?<![\w.])" + re.escape(name)


def applied(name: str, arg: str | None = None) -> Callable[[str], bool]:
    """`name` is applied to an argument (optionally exactly `arg`)."""

    def check(s: str) -> bool:
        if arg is None:
            return re.search(_name_re(name) + r"\(", s) is not None
        return (name + "(" + arg + ")") in s

    check.__name__ = f"applied({name!r}{', ' + repr(arg) if arg else ''})"
    return check


def not_applied(name: str) -> Callable[[str], bool]:
    """`name` appears and is never applied to parentheses."""

    def check(s: str) -> bool:
        return re.search(_name_re(name), s) is not None and re.search(_name_re(name) + r"\(", s) is None

    check.__name__ = f"not_applied({name!r})"
    return check


def contains(*parts: str) -> Callable[[str], bool]:
    def check(s: str) -> bool:
        return all(p in s for p in parts)

    check.__name__ = f"contains{parts!r}"
    return check


def lacks(*parts: str) -> Callable[[str], bool]:
    def check(s: str) -> bool:
        return not any(p in s for p in parts)

    check.__name__ = f"lacks{parts!r}"
    return check


def all_of(*checks: Callable[[str], bool]) -> Callable[[str], bool]:
    def check(s: str) -> bool:
        return all(c(s) for c in checks)

    check.__name__ = "all_of(" + ", ".join(c.__name__ for c in checks) + ")"
    return check


def matches(pattern: str) -> Callable[[str], bool]:
    def check(s: str) -> bool:
        return re.search(pattern, s) is not None

    check.__name__ = f"matches({pattern!r})"
    return check


# ---------------------------------------------------------------------------
# the cases


@dataclass
class Case:
    id: str
    tex: str
    expect: Any
    naive: str  # what a naive reader would get wrong
    usage: list[str] | None = None
    cx: bool = False
    marks: list = field(default_factory=list)


def C(id, tex, expect, naive, usage=None, cx=False, mark=None) -> Case:
    return Case(id, tex, expect, naive, usage, cx, [mark] if mark is not None else [])


CASES: list[Case] = [
    # ------------------------------------------------------------------
    # names before parentheses: coefficient or function?
    C("hooke-k-paren", r"F = -k(x - x_0)", (REFUSE, "F = -k*(x - x_0)"),
      "applies a spring constant k to (x - x_0) as if k were a function"),
    C("hooke-k-paren-usage", r"F = -k(x - x_0)", "F = -k*(x - x_0)",
      "ignores that the note writes k = 10, so k is a number", usage=[r"k = 10"]),
    C("bernoulli-variance", r"\mathrm{Var}(X) = p(1-p)", (REFUSE, "Var(X) = p*(1 - p)"),
      "reads p(1-p) as a probability function p applied to 1-p"),
    C("logistic-map", r"x_{n+1} = r x_n(1 - x_n)", (REFUSE, "x[n + 1] = r*x_n*(1 - x_n)", "x[n + 1] = r*(1 - x[n])*x[n]"),
      "applies x_n to (1 - x_n)"),
    C("oscillator-omega", r"E_n = \hbar\omega(n + \frac{1}{2})",
      (REFUSE, "E_n = hbar*omega*(n + 1/2)"),
      "reads omega(n + 1/2) as a dispersion function of n"),
    C("oscillator-omega-usage", r"E_n = \hbar\omega\left(n + \frac{1}{2}\right)",
      "E_n = hbar*omega*(n + 1/2)",
      "ignores that the note defines omega as a number", usage=[r"\omega = 2\pi f"]),
    C("potential-g-usage", r"U = mg(h_2 - h_1)", "U = g*m*(-h_1 + h_2)",
      "applies the gravitational acceleration g to a height difference", usage=[r"g = 9.81"]),
    C("thermal-alpha-usage", r"\rho(T) = \rho_0(1 + \alpha(T - T_0))",
      "rho(T) = rho_0*(alpha*(T - T_0) + 1)",
      "applies the coefficient alpha (a number in this note) to T - T_0",
      usage=[r"\alpha = 0.004"]),
    C("expansion-L0", r"L = L_0(1 + \alpha\Delta T)",
      (REFUSE, all_of(not_applied("L_0"), contains("alpha*ΔT"))),
      "applies L_0 to (1 + alpha dT), or reads Delta T as Delta*T"),
    C("lorentz-gamma", r"x' = \gamma(x - vt)", (REFUSE, all_of(not_applied("gamma"), contains("gamma*"))),
      "reads the Lorentz factor gamma(x - vt) as the gamma function"),
    C("lorentz-gamma-usage", r"x' = \gamma(x - vt)", "x_prime = gamma*(-t*v + x)",
      "ignores that the note defines gamma as a number",
      usage=[r"\gamma = \frac{1}{\sqrt{1 - v^2/c^2}}"]),
    C("lambda-usage", r"\lambda(x+y)", "lambda*(x + y)",
      "applies lambda although the note gives it a value", usage=[r"\lambda = 0.5"]),
    C("f-usage-applied", r"f(a+b)", "f(a + b)",
      "multiplies f although the note defines f(x)", usage=[r"f(x) = x^2"]),
    C("sigmoid-usage", r"\hat{y} = \sigma(Wx + b)", "y_hat = sigma(W*x + b)",
      "multiplies sigma although the note defines the sigmoid sigma(z)",
      usage=[r"\sigma(z) = \frac{1}{1+e^{-z}}"]),
    C("sigmoid-alone", r"\sigma(Wx + b)", (REFUSE, "sigma(W*x + b)"),
      "guesses sigma(Wx+b) is a product with a standard deviation"),
    C("sigmoid-derivative", r"\sigma'(z) = \sigma(z)(1 - \sigma(z))",
      (REFUSE, "sigma_prime(z) = (1 - sigma(z))*sigma(z)"),
      "applies the value sigma(z) to (1 - sigma(z))"),
    C("compound-interest-P", r"A = P\left(1 + \frac{r}{n}\right)^{nt}",
      (REFUSE, all_of(not_applied("P"), contains("P*"))),
      "reads the principal P(1 + r/n) as a probability P applied"),
    C("logistic-ode-N", r"\frac{dN}{dt} = rN\left(1 - \frac{N}{K}\right)",
      (REFUSE, all_of(matches(r"^(?!.*\bN\b(?!\(t\)))"), contains("N(t)"))),
      "makes N a function of t on the left and a constant on the right, "
      "so the logistic ODE becomes N'(t) = constant"),
    C("gamma-function", r"\Gamma(z+1) = z\Gamma(z)",
      ("Gamma(z + 1) = z*Gamma(z)", "Gamma(1 + z) = z*Gamma(z)"),
      "multiplies Gamma by z + 1"),
    C("gamma-half", r"\Gamma(1/2) = \sqrt{\pi}",
      ("Gamma(1/2) = sqrt(pi)", "sqrt(pi) = sqrt(pi)"),
      "multiplies a width Gamma by 1/2 (the identity Gamma(1/2) = sqrt(pi) is unmistakable)",
      mark=COVERAGE(r"\Gamma(1/2) = \sqrt{\pi} is refused as ambiguous")),
    C("difference-quotient", r"\lim_{h \to 0}\frac{f(x+h)-f(x)}{h} = f'(x)",
      all_of(applied("f", "h + x"), applied("f", "x"), contains("Limit(")),
      "multiplies f by (x + h) while applying it to x in the same display"),
    C("recurrence-T", r"T(n) = 2T(n/2) + n", "T(n) = n + 2*T(n/2)",
      "multiplies T by n/2 although T(n) is applied in the same display"),
    C("pointwise-sum", r"(f+g)(x) = f(x) + g(x)",
      (REFUSE, all_of(lacks("x*(f + g)", "(f + g)*x"), contains("f(x) + g(x)"))),
      "multiplies the sum of functions (f+g) by x"),
    C("f-g-usage", r"f g(x)", (REFUSE, "f(g(x))", "f(x)*g(x)"),
      "multiplies the symbol f by g(x) although the note makes f a function",
      usage=[r"f(x) = x^2", r"g(x) = \sin x"]),
    C("subscripted-function-f-theta", r"f_\theta(x_i + \epsilon)",
      (REFUSE, applied("f_theta")),
      "multiplies the model f_theta by its input because the name has a subscript"),
    C("bessel-J0", r"J_0(kr)", (REFUSE, "J_0(k*r)"),
      "multiplies the Bessel function J_0 by kr because the name has a subscript"),
    C("legendre-P-ell", r"P_\ell(\cos\theta)", (REFUSE, "P_ell(cos(theta))"),
      "multiplies the Legendre polynomial P_ell by cos(theta)"),
    C("cdf-F-X", r"F_X(x - \mu)", (REFUSE, applied("F_X")),
      "multiplies the distribution function F_X by x - mu"),
    C("wavefunction-usage", r"\psi_n(x - a)", "psi_n(-a + x)",
      "multiplies psi_n although the note defines psi_n(x)",
      usage=[r"\psi_n(x) = \sqrt{2/L}\sin(n\pi x/L)"]),
    C("coefficient-usage", r"c_n(x+1)", "c_n*(x + 1)",
      "applies the coefficient c_n", usage=[r"c_n = \frac{1}{n!}"]),
    C("prime-counting", r"\pi(x) \sim \frac{x}{\ln x}", (REFUSE, applied("pi", "x")),
      "reads the prime-counting function pi(x) as the number pi times x"),
    C("partial-evaluated-at", r"\frac{\partial f}{\partial x}(x_0)",
      (REFUSE, all_of(lacks("x_0*", "*x_0"), contains("x_0"))),
      "multiplies the derivative by x_0 instead of evaluating it at x_0"),
    C("normal-two-args", r"X \sim \mathcal{N}(\mu, \sigma^2)", "X sim N_cal(mu, sigma**2)",
      "fails on the two-argument distribution"),
    C("normal-0-100", r"X \sim \mathcal{N}(0,100)", (REFUSE, "X sim N_cal(0, 100)"),
      "reads the argument list 0,100 as the number 100 (thousands separator)"),
    C("beta-2-500", r"X \sim \mathrm{Beta}(2,500)", (REFUSE, "X sim Beta(2, 500)"),
      "reads the argument list 2,500 as the number 2500"),
    C("uniform-1-100", r"X \sim \mathcal{U}(1,100)", (REFUSE, "X sim U_cal(1, 100)"),
      "reads the argument list 1,100 as the number 1100"),
    C("thin-space-paren", r"f\!\left(x\right) = 1", "f(x) = 1",
      "stumbles on \\! and \\left( before the argument"),
    C("bigl-paren-usage", r"f\bigl(x + 1\bigr)", "f(x + 1)",
      "stumbles on \\bigl( ... \\bigr)", usage=[r"f(x) = x^2"]),
    C("loss-function", r"\mathcal{L}(\theta) = -\sum_i \log p(x_i)",
      "L_cal(theta) = -Sum(log(p(x[i])), (i, i_first, i_last))",
      "multiplies the loss by theta or p by x_i"),
    # ------------------------------------------------------------------
    # implicit products and operator arguments
    C("sin-x-y", r"\sin x y", REFUSE, "guesses sin(x*y) or sin(x)*y"),
    C("ln-2x", r"\ln 2x", (REFUSE, "log(2*x)"), "reads log(2)*x"),
    C("sin-2x", r"\sin 2x = 2\sin x\cos x", "sin(2*x) = 2*sin(x)*cos(x)",
      "reads sin(2)*x", mark=COVERAGE(r"\sin 2x is refused though it is the textbook sin(2x)")),
    C("cos-omega-t", r"x(t) = A\cos\omega t", "x(t) = A*cos(omega*t)",
      "reads cos(omega)*t",
      mark=COVERAGE(r"A\cos\omega t is refused though physics always means cos(omega t)")),
    C("sin-x-cdot-y", r"\sin x \cdot y", (REFUSE, "y*sin(x)"), "reads sin(x*y)"),
    C("sin-x-squared", r"\sin x^2", "sin(x**2)", "reads sin(x)**2"),
    C("sin-squared-x", r"\sin^2 x", "sin(x)**2", "reads sin(sin(x)) or sin(x**2)"),
    C("ln-x-plus-y", r"\ln x + y", "y + log(x)", "reads log(x + y)"),
    C("log-factorial", r"\log n!", "log(factorial(n))", "reads factorial(log(n))"),
    C("exp-squared", r"\exp(x)^2", ("exp(2*x)", "exp(x)**2"), "reads exp(x**2)"),
    C("log-paren-squared", r"\log(x)^2", (REFUSE, "log(x)**2"), "reads log(x**2)"),
    C("int-sin-x-dx", r"\int_0^\pi \sin x dx = 2", "Integral(sin(x), (x, 0, pi)) = 2",
      "lets sin swallow the differential: sin(x*d*x)"),
    # ------------------------------------------------------------------
    # superscripts
    C("inverse-function", r"f^{-1}(x)", (REFUSE, matches(r"(inverse|f\^\(?-1\)?\(|f_inv)")),
      "reads the inverse function as (1/f)*x"),
    C("inverse-function-usage", r"f^{-1}(y)", (REFUSE, matches(r"(inverse|f\^\(?-1\)?\(|f_inv)")),
      "reads the inverse of the note's function f as y/f", usage=[r"f(x) = 2x"]),
    C("arcsin-power-minus-one", r"\sin^{-1} x", (REFUSE, "asin(x)"), "reads 1/sin(x) or guesses"),
    C("taylor-derivative-order", r"f(x) = \sum_{n=0}^\infty \frac{f^{(n)}(a)}{n!}(x-a)^n",
      (REFUSE, all_of(contains("f^(n)(a)", "factorial(n)", "(n, 0, oo)"), lacks("f**"))),
      "reads f^{(n)} as f to the power n"),
    C("transpose-of-product", r"(AB)^T = B^T A^T", "transpose(A*B) = transpose(B)*transpose(A)",
      "reorders the non-commuting transposes"),
    C("inverse-transpose", r"A^{-T}", (REFUSE, matches(r"transpose\(A\)\*\*\(-1\)|transpose\(A\*\*\(-1\)\)")),
      "reads A^{-T} as A to the power -T"),
    C("dagger-unitary", r"U^\dagger U = I", "Dagger(U)*U = I", "reads dagger as a power or swaps the order"),
    C("star-label", r"\theta^* = \arg\min_\theta L(\theta)",
      "theta_star = argmin(L(theta), theta)", "reads theta^* as a power or conjugate"),
    C("star-conjugate-complex", r"|z|^2 = z z^*", "Abs(z)**2 = z*conjugate(z)",
      "reads z^* as a label in a complex note", cx=True),
    C("layer-label", r"W^{[l]}", ("W^(l)", "W^[l]"), "reads W to the power [l]"),
    C("sample-label", r"x^{(i)}", "x^(i)", "reads x to the power i"),
    C("metric-contraction", r"g_{\mu\nu} x^\mu x^\nu", (REFUSE, lacks("**mu", "**nu")),
      "reads tensor indices x^mu as powers"),
    C("maxwell-covariant", r"\partial_\mu F^{\mu\nu} = J^\nu", (REFUSE, lacks("**mu", "**nu", "**(mu")),
      "reads the field-tensor indices as powers"),
    C("stress-energy", r"T^{\mu\nu} = (\rho + p)u^\mu u^\nu + p g^{\mu\nu}",
      (REFUSE, lacks("**mu", "**nu", "**(mu")), "reads contravariant indices as powers"),
    C("time-level-superscript", r"u_i^{n+1} = u_i^n + \frac{\Delta t}{\Delta x^2}(u_{i+1}^n - 2u_i^n + u_{i-1}^n)",
      (REFUSE, lacks("**n", "**(n")), "reads the time level n as a power"),
    C("iterate-superscript", r"x^{k+1} = x^k - \alpha \nabla f(x^k)",
      (REFUSE, lacks("**k", "**(k")), "reads the iterate index k as a power"),
    C("word-superscript", r"x^{\text{new}} = x^{\text{old}} - \eta g",
      all_of(lacks("**"), contains("eta*g")),
      "reads the words new/old as exponents"),
    C("f-squared-of-x", r"f^2(x)", (REFUSE, "f(x)**2"), "reads f**2*x"),
    C("L2-norm", r"\|f\|_{L^2}", (REFUSE, "norm(f, 2)", matches(r"norm\(f, L\^2\)|L2")),
      "reads the space L^2 as the symbol L squared"),
    # ------------------------------------------------------------------
    # subscripts: indices and labels
    C("stefan-boltzmann-Teff", r"L = 4\pi R^2\sigma T_{\mathrm{eff}}^4",
      all_of(contains("T_eff**4"), lacks("e*f*f")),
      "splits eff into e*f*f or applies the power to the subscript"),
    C("text-subscript", r"v_{\text{max}} = 2", "v_max = 2", "reads max as the max function"),
    C("fibonacci", r"a_{n} = a_{n-1} + a_{n-2}", all_of(contains("a[n - 1]", "a[n - 2]")),
      "reads a_{n-1} as a_n - 1"),
    C("half-life", r"T_{1/2} = \frac{\ln 2}{\lambda}", ("T[1/2] = log(2)/lambda", "T_1/2 = log(2)/lambda",
                                                       "T_half = log(2)/lambda"),
      "reads T_{1/2} as T_1/2"),
    C("heat-capacities", r"C_p - C_v = nR", "C_p - C_v = n*R", "confuses the labels p and v with variables"),
    C("double-sum-indices", r"\sum_{i,j} A_{ij}",
      "Sum(A[i, j], (i, i_first, i_last), (j, j_first, j_last))", "sums over one index only"),
    # ------------------------------------------------------------------
    # derivatives
    C("d-dx-x2", r"\frac{d}{dx} x^2", "Derivative(x**2, x)", "reads d/(d*x) * x**2"),
    C("dy-dx", r"\frac{dy}{dx} = 2x", "Derivative(y(x), x) = 2*x", "reads (d*y)/(d*x) = y/x"),
    C("second-derivative-oscillator", r"\frac{d^2 x}{dt^2} = -\omega^2 x",
      "Derivative(x(t), (t, 2)) = -omega**2*x(t)", "reads d**2*x/(d*t**2)"),
    C("decay-ode", r"\frac{dN}{dt} = -\lambda N", "Derivative(N(t), t) = -lambda*N(t)",
      "makes N a constant on the right"),
    C("heat-equation-frac", r"\frac{\partial u}{\partial t} = D\frac{\partial^2 u}{\partial x^2}",
      "Derivative(u(t, x), t) = D*Derivative(u(t, x), (x, 2))", "loses one of u's variables"),
    C("heat-equation-partial-sub", r"\partial_t u = D \partial_x^2 u",
      (REFUSE, all_of(contains("u(", "Derivative("), lacks("Derivative(u,")),
       all_of(contains("∂/∂t(u)", "∂^2/∂x^2(u)"), lacks("Derivative(u,"))),  # kept whole, never 0
      "differentiates a constant symbol u, so both sides are 0"),
    C("euler-lagrange", r"\frac{d}{dt}\frac{\partial L}{\partial \dot{q}} = \frac{\partial L}{\partial q}",
      (REFUSE, matches(r"q\(t\)|L\([^)]*\bt\b"), contains("d/dt(Derivative(L(q, q_dot), q_dot))")),
      "makes L a function of (q, q_dot) only, so d/dt of dL/dq_dot is 0"),
    C("chain-rule", r"\frac{dy}{dx} = \frac{dy}{du}\frac{du}{dx}",
      (REFUSE, lacks("y(u, x)")),
      "makes y a function of both u and x, so the left side is a partial derivative "
      "with u held fixed and the chain rule becomes false"),
    C("d-is-distance", r"v = \frac{d}{t}", "v = d/t", "reads the distance d as a derivative operator"),
    C("grating-d", r"\sin\theta = \frac{m\lambda}{d}", "sin(theta) = lambda*m/d",
      "reads d as a differential"),
    C("newton-dot", r"\dot x = v", "x_dot = v", "reads dot x as a product"),
    C("product-rule", r"\frac{d}{dx}[f(x)g(x)] = f'(x)g(x) + f(x)g'(x)",
      "Derivative(f(x)*g(x), x) = f(x)*g_prime(x) + f_prime(x)*g(x)",
      "reads the bracket as a commutator or differentiates f only"),
    C("d-dx-scope", r"\frac{d}{dx} f(x) g(x)", (REFUSE, "Derivative(f(x)*g(x), x)"),
      "differentiates f only and multiplies by g"),
    C("momentum-rate", r"F = \frac{dp}{dt}", "F = Derivative(p(t), t)", "reads dp/dt as p/t"),
    # ------------------------------------------------------------------
    # integrals
    C("int-dx-plain", r"\int_0^1 x^2 dx", "Integral(x**2, (x, 0, 1))", "reads d*x as a factor"),
    C("int-dx-thinspace", r"\int_0^1 x^2 \, dx", "Integral(x**2, (x, 0, 1))", "trips on \\,"),
    C("int-dx-mathrm", r"\int_0^1 x^2 \mathrm{d}x", "Integral(x**2, (x, 0, 1))", "reads an upright name d"),
    C("int-dx-rm", r"\int_0^1 x\,{\rm d}x", "Integral(x, (x, 0, 1))", "trips on {\\rm d}"),
    C("int-dx-first", r"\int dx\, f(x)", "Integral(f(x), x)", "cannot find a differential written first"),
    C("int-dx-first-bounds", r"\int_{0}^{1} dx\, x^2", "Integral(x**2, (x, 0, 1))",
      "integrates 1 and multiplies by x**2"),
    C("int-exp", r"\int_0^\infty e^{-x} dx = 1", "Integral(exp(-x), (x, 0, oo)) = 1",
      "reads e as a symbol"),
    C("int-double", r"\int_0^1\int_0^1 xy\,dx\,dy", "Integral(x*y, (x, 0, 1), (y, 0, 1))",
      "swaps the order or drops a differential"),
    C("int-scope-plus-1", r"\int_0^1 f(x) dx + 1", "Integral(f(x), (x, 0, 1)) + 1",
      "integrates the 1"),
    C("int-dummy-prime", r"\int_0^t v(t')\,dt'", "Integral(v(t_prime), (t_prime, 0, t))",
      "confuses t' with t"),
    C("int-upper-d", r"\int_0^d x\,dx", "Integral(x, (x, 0, d))", "reads the bound d as a differential"),
    C("int-dx-numerator", r"\int_0^1 \frac{dx}{1+x^2} = \frac{\pi}{4}",
      "Integral(1/(x**2 + 1), (x, 0, 1)) = pi/4", "reads d*x/(1+x^2) as the integrand"),
    C("int-polar", r"\int_0^R 2\pi r dr", "Integral(2*pi*r, (r, 0, R))", "reads d*r as a factor"),
    C("dirac-delta", r"\int f(x)\delta(x - a)\,dx = f(a)", (REFUSE, applied("delta")),
      "multiplies delta by (x - a)"),
    # ------------------------------------------------------------------
    # sums, products, factorials, binomials
    C("gauss-sum", r"\sum_{i=1}^n i = \frac{n(n+1)}{2}", "Sum(i, (i, 1, n)) = n*(n + 1)/2",
      "applies n to (n+1)"),
    C("sum-scope", r"\sum_{i=1}^n x_i + y", "y + Sum(x[i], (i, 1, n))", "puts y inside the sum"),
    C("product-factorial", r"\prod_{k=1}^n k = n!", "Product(k, (k, 1, n)) = factorial(n)",
      "reads ! as text"),
    C("exp-series", r"\sum_{k=0}^{\infty} \frac{x^k}{k!} = e^x",
      "Sum(x**k/factorial(k), (k, 0, oo)) = exp(x)", "reads e as a symbol"),
    C("total-probability", r"P(B) = \sum_i P(B|A_i)P(A_i)",
      "P(B) = Sum(P(given(B, A[i]))*P(A[i]), (i, i_first, i_last))", "reads | as absolute value"),
    C("ellipsis-sum", r"1 + 2 + \cdots + n = \frac{n(n+1)}{2}",
      (REFUSE, contains("…"), contains("Sum(")),
      "drops the ellipsis and asserts 1 + 2 + n = n(n+1)/2"),
    C("binomial", r"\binom{n}{k} = \frac{n!}{k!(n-k)!}",
      "binomial(n, k) = factorial(n)/(factorial(k)*factorial(-k + n))",
      "applies k! to (n-k)!"),
    C("choose", r"{n \choose k} = \frac{n!}{k!(n-k)!}",
      "binomial(n, k) = factorial(n)/(factorial(k)*factorial(-k + n))",
      "cannot read the TeX primitive \\choose",
      mark=COVERAGE(r"{n \choose k} is refused")),
    C("double-factorial", r"(2n-1)!!", (REFUSE, "factorial2(2*n - 1)"),
      "reads (2n-1)!! as factorial(factorial(2n-1))"),
    C("factorial-recursion", r"n! = n(n-1)!", "factorial(n) = n*factorial(n - 1)",
      "applies n to (n-1)"),
    C("two-n-factorial", r"2n!", "2*factorial(n)", "reads (2n)!"),
    # ------------------------------------------------------------------
    # absolute values and norms
    C("abs-product", r"|a||b|", "Abs(a)*Abs(b)", "reads |a| |b| as |a (|) b|"),
    C("triangle-inequality", r"|x - y| \le |x| + |y|", "Abs(x - y) le Abs(x) + Abs(y)",
      "mismatches the bars"),
    C("norm-squared", r"\|x\|_2^2", "norm(x, 2)**2", "reads the 2 of the norm as a power"),
    C("abs-braket", r"|\langle\phi|\psi\rangle|^2", ("<phi|psi>*<psi|phi>", "Abs(<phi|psi>)**2"),
      "mismatches the bars of the braket and the absolute value"),
    C("l1-norm", r"\lVert x \rVert_1 = \sum_i |x_i|",
      "norm(x, 1) = Sum(Abs(x[i]), (i, i_first, i_last))", "trips on lVert"),
    # ------------------------------------------------------------------
    # expectations and probabilities
    C("expectation-bb", r"\mathbb{E}[X]", (applied("E_bb", "X"), applied("E", "X"), applied("expectation", "X")),
      "reads E*[X] or a commutator"),
    C("variance-identity", r"\mathrm{Var}(X) = E[X^2] - E[X]^2", "Var(X) = -E(X)**2 + E(X**2)",
      "reads E[X]^2 as E(X**2)"),
    C("bayes", r"P(A|B) = \frac{P(B|A)P(A)}{P(B)}",
      ("P(given(A, B)) = P(given(B, A))*P(A)*P(B)**(-1)", "P(given(A, B)) = P(given(B, A))*P(A)/P(B)"),
      "reads | as an absolute value"),
    C("conditional-expectation-bar", r"E[X|Y]", "E(given(X, Y))", "reads |Y as the start of an absolute value"),
    C("tower-property", r"E[E[X|Y]] = E[X]", "E(E(given(X, Y))) = E(X)", "mismatches nested brackets"),
    C("kl-divergence", r"\mathrm{KL}(p \| q) = \sum_x p(x)\log\frac{p(x)}{q(x)}",
      (REFUSE, all_of(lacks("given"), contains("KL("))),
      "reads the divergence separator p || q as a conditional 'p given q'"),
    C("union-rule", r"P(A \cup B) = P(A) + P(B) - P(A \cap B)", contains("P(A) + P(B)"),
      "fails on set operations"),
    C("uniform-bracket", r"X \sim U[0, 1]", (REFUSE, lacks("commutator")),
      "reads the interval [0, 1] as a commutator"),
    C("interval-membership", r"x \in [0, 1]", (REFUSE, lacks("commutator")),
      "reads the interval [0, 1] as a commutator"),
    # ------------------------------------------------------------------
    # bra-kets, commutators, matrices
    C("matrix-element", r"\langle \psi | H | \psi \rangle", "<psi|*H*|psi>",
      "reads the bars as absolute values"),
    C("variance-brackets", r"\langle x^2 \rangle - \langle x \rangle^2",
      "-expectation(x)**2 + expectation(x**2)", "reads < and > as inequalities"),
    C("inner-product-comma", r"\langle u, v \rangle", "inner(u, v)", "reads < and > as inequalities"),
    C("ladder-operator", r"\hat{a}^\dagger|n\rangle = \sqrt{n+1}|n+1\rangle",
      "Dagger(a_hat)*|n> = sqrt(1 + n)*|1 + n>", "reads the kets as absolute values"),
    C("commutator", r"[A, B] = AB - BA", "commutator(A, B) = A*B - B*A", "lets AB - BA cancel"),
    C("anticommutator", r"\{A, B\} = AB + BA", (REFUSE, contains("anticommutator(A, B)")),
      "reads the anticommutator {A, B} as the set {A, B}"),
    C("canonical-commutator", r"[x, p] = i\hbar", "commutator(x, p) = I*hbar",
      "reads [x, p] as an interval or i as a symbol", cx=True),
    C("cross-entropy-brackets", r"L = -\frac{1}{N}\sum_{i=1}^N [y_i \log \hat{y}_i + (1-y_i)\log(1-\hat{y}_i)]",
      all_of(contains("Sum(", "log(y_hat[i])"), lacks("commutator")),
      "reads the grouping bracket after the sum as a commutator or as N[...]"),
    C("grouping-bracket", r"2[x + y]", ("2*x + 2*y", "2*(x + y)"), "reads [x + y] as a commutator"),
    C("q-learning", r"Q(s,a) \leftarrow Q(s,a) + \alpha[r + \gamma\max_{a'}Q(s',a') - Q(s,a)]",
      (REFUSE, all_of(contains("alpha*("), lacks("commutator", "alpha("), lacks("Q(s, a) = "))),
      "applies alpha to the bracket, or turns the update arrow into an equation"),
    C("gradient-step-arrow", r"\theta \leftarrow \theta - \eta\nabla_\theta L",
      (REFUSE, lacks("theta = ")), "turns the assignment into theta = theta - eta*grad, i.e. eta*grad = 0"),
    C("pmatrix", r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", "Matrix([ [1, 2], [3, 4]])",
      "reads & and \\\\ as text"),
    C("vmatrix-determinant", r"\begin{vmatrix} a & b \\ c & d \end{vmatrix} = ad - bc",
      "Determinant(Matrix([ [a, b], [c, d]])) = a*d - b*c", "reads vmatrix as a matrix, not a determinant"),
    C("noncommuting", r"AB \neq BA", ("A*B neq B*A", "A*B ne B*A"), "reorders BA into AB"),
    C("ols", r"\hat\beta = (X^T X)^{-1} X^T y",
      "beta_hat = (transpose(X)*X)**(-1)*transpose(X)*y", "reorders the matrix product"),
    C("determinant-product", r"\det(AB) = \det(A)\det(B)",
      matches(r"(det|Determinant)\(A\*B\) = (det|Determinant)\(A\)\*(det|Determinant)\(B\)"),
      "fails on \\det", mark=COVERAGE(r"\det is refused")),
    # ------------------------------------------------------------------
    # units and numbers
    C("speed-of-light-slash", r"c = 3\times10^{8}\,\mathrm{m/s}", contains("300000000", "m", "s"),
      "reads m/s as text"),
    C("speed-of-light-si", r"c = 3\times10^{8}\,\mathrm{m\,s^{-1}}", "c = 300000000*m/s",
      "reads 10^8 m as 10^(8m)"),
    C("thousands-braces", r"N = 1{,}000", "N = 1000", "reads 1, 000 as a list"),
    C("thousands-comma", r"N = 30,000", "N = 30000", "reads 30, 000 as a list"),
    C("decimal-comma-pi", r"\pi \approx 3,142", (REFUSE, "pi approx 1571/500"),
      "reads the European decimal 3,142 as three thousand one hundred forty-two"),
    C("decimal-comma-zero", r"x = 0,125", (REFUSE, "x = 1/8"),
      "reads 0,125 (a decimal comma or a list) as 125"),
    C("gas-constant-mol", r"R = 8.314\,\mathrm{J\,mol^{-1}\,K^{-1}}",
      (REFUSE, all_of(contains("mol"), lacks("m*o", "o*l"))),
      "splits the unit mol into m*o*l and puts the -1 on l alone"),
    C("mole-unit", r"n = 2\,\mathrm{mol}", "n = 2*mol", "splits mol into m*o*l"),
    C("meter-vs-mass", r"F = mg = 0.5\,\mathrm{kg} \times 9.8\,\mathrm{m\,s^{-2}}",
      (REFUSE, lambda s: not re.search(r"(?<![\w])m(?![\w])", s.split("\n")[-1].split("=")[-1])),
      "reads the unit metre as the mass m of the same statement"),
    C("percent", r"p = 50\%", "p = 1/2", "reads % as a comment"),
    C("electronvolt", r"E_n = -\frac{13.6\,\mathrm{eV}}{n^2}", "E_n = -68*eV/(5*n**2)",
      "reads eV as e*V"),
    # ------------------------------------------------------------------
    # Euler's e, the charge e, an index e; i as index or imaginary unit
    C("euler-exp", r"e^x", "exp(x)", "reads e as a symbol"),
    C("charge-squared", r"E = k e^2 / r^2", (REFUSE, all_of(contains("e**2"), lacks("exp(2)"))),
      "reads the elementary charge squared as exp(2)"),
    C("charge-negative", r"q = -e", "q = -e", "reads the charge as Euler's number"),
    C("diode-charge-in-exponent", r"I = I_0\left(e^{eV/(k_B T)} - 1\right)",
      all_of(contains("exp(e*V"), not_applied("I_0")),
      "reads the charge e in the exponent as Euler's number or applies I_0"),
    C("boltzmann-charge", r"n = n_0 \exp\left(\frac{e\phi}{k_B T}\right)",
      all_of(contains("e*phi"), lacks("E*phi")), "reads the charge e as Euler's number"),
    C("bohr-e4", r"E_n = -\frac{m_e e^4}{8\epsilon_0^2 h^2 n^2}", (REFUSE, all_of(contains("e**4"), lacks("exp("))),
      "reads e^4 as exp(4)"),
    C("edge-index-e", r"\sum_e w_e", "Sum(w[e], (e, e_first, e_last))", "reads the edge index e as Euler's number"),
    C("euler-limit", r"\lim_{n\to\infty}(1 + 1/n)^n = e",
      (REFUSE, "Limit((1 + 1/n)**n, n, oo, dir='-') = E"),
      "mangles the limit"),
    C("euler-formula", r"e^{i\theta} = \cos\theta + i\sin\theta",
      "exp(I*theta) = I*sin(theta) + cos(theta)", "keeps i a symbol in a complex note", cx=True),
    C("index-i-complex", r"\sum_{i=1}^n i = \frac{n(n+1)}{2}", "Sum(i, (i, 1, n)) = n*(n + 1)/2",
      "turns the summation index i into the imaginary unit", cx=True),
    C("dft", r"X_k = \sum_{n=0}^{N-1} x_n e^{-2\pi i k n/N}",
      "X_k = Sum(exp(-2*I*pi*k*n/N)*x[n], (n, 0, N - 1))", "keeps i a symbol", cx=True),
    C("plane-wave-indexed", r"\psi_i(x) = e^{i k_i x}", (REFUSE, contains("exp(I*")),
      "reads the i in the exponent as the state index because i labels psi_i", cx=True),
    C("plane-wave-paren", r"\Psi(x,t) = A e^{i(kx - \omega t)}",
      "Psi(x, t) = A*exp(I*(k*x - omega*t))", "applies i to (kx - wt)", cx=True),
    C("ket-label-i", r"c_i = \langle i|\psi\rangle", "c_i = <i|psi>",
      "turns the ket label i into the imaginary unit", cx=True),
    # ------------------------------------------------------------------
    # layout, environments, text, arrows, relations
    C("tag", r"F = ma \tag{1}", "F = a*m", "multiplies by the tag 1"),
    C("equation-number-in-quad", r"F = ma \quad (1)", (REFUSE, "F = a*m"),
      "multiplies by the equation number (1)"),
    C("trailing-period", r"E = mc^2.", "E = c**2*m", "fails on punctuation"),
    C("two-equations-comma", r"a = b, \quad c = d", "a = b\nc = d", "reads b, c as a tuple"),
    C("color", r"\color{red}{x} = 2", "x = 2", "reads red as a name"),
    C("over-primitive", r"E = {1 \over 2} m v^2", "E = m*v**2/2", "cannot read the TeX primitive \\over",
      mark=COVERAGE(r"{1 \over 2} is refused")),
    C("aligned-chain", r"\begin{aligned} f(x) &= (x+1)^2 \\ &= x^2 + 2x + 1 \end{aligned}",
      "f(x) = (x + 1)**2\n(x + 1)**2 = x**2 + 2*x + 1", "reads the second line as '= x^2 + ...' alone"),
    C("aligned-inequality-chain", r"\begin{aligned} a &\le b \\ &< c \end{aligned}",
      ("a le b\nb < c", "a <= b\nb < c"), "links the second line to a instead of b"),
    C("aligned-continuation", r"\begin{aligned} f(x) &= a + b \\ &\quad + c \end{aligned}",
      (REFUSE, "f(x) = a + b + c"), "takes the continued line '+ c' as a new statement"),
    C("aligned-two-columns", r"\begin{aligned} x + y &= 3 & x - y &= 1 \end{aligned}",
      (REFUSE, "x + y = 3\nx - y = 1"),
      "glues two equations of one row into x + y = 3*x - y = 1"),
    C("cases-abs", r"|x| = \begin{cases} x & x \ge 0 \\ -x & x < 0 \end{cases}", contains("Piecewise"),
      "asserts |x| = x and |x| = -x"),
    C("if-condition", r"x = 1 \text{ if } y > 0", "x = 1, if y > 0", "drops the condition"),
    C("where-glossary", r"E = mc^2 \quad \text{where } c \text{ is the speed of light}", "E = c**2*m",
      "reads the glossary words as names"),
    C("or-disjunction", r"x^2 = 1 \implies x = 1 \text{ or } x = -1",
      (REFUSE, lambda s: not ("x = 1" in s.split("\n") and "x = -1" in s.split("\n"))),
      "asserts both x = 1 and x = -1 (a contradiction) instead of the disjunction"),
    C("unless", r"x \ne 0 \text{ unless } y = 0",
      (REFUSE, lambda s: "y = 0" not in s.split("\n")),
      "asserts y = 0 although 'unless y = 0' excludes exactly that case"),
    C("for-some", r"f(x) = 0 \text{ for some } x", (REFUSE, "f(x) = 0, for some x"),
      "asserts f(x) = 0 for all x"),
    C("precision-upright", r"\text{Precision} = \frac{\mathrm{TP}}{\mathrm{TP} + \mathrm{FP}}",
      "Precision = TP/(FP + TP)", "splits TP into T*P"),
    C("sum-of-squares-names", r"R^2 = 1 - \frac{SS_{res}}{SS_{tot}}",
      (REFUSE, all_of(contains("SS_res", "SS_tot"), lacks("S*S"))),
      "reads the sums of squares SS_res as S times S_res (arguable: italic juxtaposition)"),
    C("implies-chain", r"a = b \implies c = d", "a = b ⟹ c = d", "reads a = (b => c) = d"),
    C("colon-equals", r"a := b + c", matches(r"^a (=|coloneqq|:=|def) b \+ c$"),
      "reads : as a ratio"),
    C("congruence-pmod", r"a \equiv b \pmod{n}", (REFUSE, contains("n")),
      "drops the modulus and asserts a equiv b"),
    C("congruence-mod-paren", r"a \equiv b \ (\mathrm{mod}\ n)", (REFUSE, contains("Mod")),
      "multiplies b by mod*n"),
    C("approx", r"\sqrt{2} \approx 1.414", "sqrt(2) approx 707/500", "reads 1.414 as 1*414"),
    C("boxed", r"\boxed{E = mc^2}", "E = c**2*m", "reads boxed as a function"),
    C("underbrace-label", r"\underbrace{a + b}_{c} = d", "a + b = d", "reads the label c as a subscript"),
    C("particle-reaction", r"e^+ + e^- \to 2\gamma", REFUSE, "reads e^+ as exp(+)"),
]


# ---------------------------------------------------------------------------
# WRONG READINGS found by these cases: LaTeX -> the reading, and what it means.
# Each is an xfail(strict=True): when the reader is fixed, the case passes and the
# mark must be removed.

KNOWN_WRONG: dict[str, str] = {
}

# Refusals of displays a reader of the note would read without doubt: coverage to win back, never a wrong
# reading. Marked xfail(strict=False).
COVERAGE_LOSS: dict[str, str] = {
    "thermal-alpha-usage": "rho_0(1 + alpha(T - T_0)) refused: a subscripted name before an expression is applied or multiplies",
    "thousands-comma": "N = 30,000 refused: thousands, a decimal comma or two values",
    "diode-charge-in-exponent": "I_0(e^{eV/kT} - 1) refused: a subscripted name before an expression",
}


def _ids(cases):
    seen = set()
    for c in cases:
        assert c.id not in seen, c.id
        seen.add(c.id)
    return [c.id for c in cases]


def _outcome(case: Case):
    kw = {}
    if case.usage is not None:
        kw["usage"] = note_usage(case.usage)
    if case.cx:
        kw["complex_note"] = True
    try:
        return "read", read_display(case.tex, Scope(), **kw)
    except TranslationError as err:
        return "refuse", err


def _accepts(expect, kind, value) -> bool:
    if isinstance(expect, tuple):
        return any(_accepts(e, kind, value) for e in expect)
    if expect == REFUSE:
        return kind == "refuse"
    if kind != "read":
        return False
    if isinstance(expect, str):
        return value == expect
    return bool(expect(value))


def _describe(expect) -> str:
    if isinstance(expect, tuple):
        return " OR ".join(_describe(e) for e in expect)
    if expect == REFUSE:
        return "a refusal"
    if isinstance(expect, str):
        return repr(expect)
    return getattr(expect, "__name__", repr(expect))


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, id=c.id, marks=c.marks + ([WRONG(KNOWN_WRONG[c.id])] if c.id in KNOWN_WRONG else [])
                     + ([COVERAGE(COVERAGE_LOSS[c.id])] if c.id in COVERAGE_LOSS else []))
        for c in CASES
    ],
)
def test_reading(case: Case):
    kind, value = _outcome(case)
    if kind == "refuse":
        got = f"refusal cause={getattr(value, 'cause', None)!r} command={getattr(value, 'command', None)!r}"
    else:
        got = repr(value)
    assert _accepts(case.expect, kind, value), (
        f"\n  LaTeX:    {case.tex}\n  got:      {got}\n  accepted: {_describe(case.expect)}"
        f"\n  naive trap: {case.naive}"
    )


def test_case_count():
    assert len(_ids(CASES)) >= 80
    assert set(KNOWN_WRONG) <= {c.id for c in CASES}


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.id) for c in CASES if c.expect == REFUSE
             or (isinstance(c.expect, tuple) and REFUSE in c.expect)]
)
def test_refusals_name_their_construct(case: Case):
    """Every refusal carries a cause and names the construct it stopped on."""
    kind, value = _outcome(case)
    if kind != "refuse":
        return  # read, not refused: the main test judges the reading
    assert isinstance(value.cause, str) and value.cause
    assert value.command, f"refusal of {case.tex!r} names no construct"
