"""Adversarial claims, round 3: an independent set written from docs/claims.md alone.

Every note lives under `round3/` and every claim id starts with `r3-`. Each claim's class was decided by hand under
the documented semantics (unassumed symbols are complex, principal branches as SymPy defines them, a side that is
undefined where the other has a value makes a claim false, givens restrict the points) and spot-checked with
mpmath in scratch scripts outside the repository.

Same names as the other rounds: NOTES (path, text), EXPECTED id -> class, SAME_VERDICT groups (one claim text on
several lines and in several notes), EQUIVALENT_FORMS (different texts, same mathematics; reported by the bench
only), NO_CLAIM_NOTES, OPT_IN_NOTES, TRAPS (id prefix -> label).
"""

from __future__ import annotations

from adversarial_claims import CLASSES, ERROR, FALSE, FALSE_OR_ERROR, TRUE, TRUE_OR_ERROR  # noqa: F401

T, F, E, TE, FE = TRUE, FALSE, ERROR, TRUE_OR_ERROR, FALSE_OR_ERROR

NOTES: list[tuple[str, str]] = []
EXPECTED: dict[str, str] = {}


def _note(path: str, title: str, header: list[str], claims: list[tuple], latex: list[tuple] = (),
          prose: str = "") -> None:
    """One note: a `sympy` block (header statements, then `claim ID: EXPR` lines), then LaTeX claims.

    A claim tuple is (id, expr, class); a header or claim entry that is a plain string is copied as a statement
    (a given between claims). LaTeX tuples are (id, tex, class)."""
    lines = [f"# {title}", "", prose or f"Round 3 note on {title.lower()}.", "", "```sympy"]
    lines += header
    for item in claims:
        if isinstance(item, str):
            lines.append(item)
            continue
        cid, expr, cls = item
        assert cid.startswith("r3-") and cid not in EXPECTED, cid
        EXPECTED[cid] = cls
        lines.append(f"claim {cid}: {expr}")
    lines += ["```", ""]
    for cid, tex, cls in latex:
        assert cid.startswith("r3-") and cid not in EXPECTED, cid
        EXPECTED[cid] = cls
        lines += [f"$${tex}$$ %% verify {cid} %%", ""]
    NOTES.append((f"round3/{path}", "\n".join(lines)))


# --------------------------------------------------------------------------- trigonometry
_note("trig/Trig complex.md", "Trig identities over the complex numbers", ["symbols: x y"], [
    ("r3-trig-pyth", "sin(x)**2 + cos(x)**2 == 1", T),
    ("r3-trig-double-sin", "sin(2*x) == 2*sin(x)*cos(x)", T),
    ("r3-trig-double-cos", "cos(2*x) == 1 - 2*sin(x)**2", T),
    ("r3-trig-add-sin", "sin(x + y) == sin(x)*cos(y) + cos(x)*sin(y)", T),
    ("r3-trig-sub-cos", "cos(x - y) == cos(x)*cos(y) + sin(x)*sin(y)", T),
    ("r3-trig-sub-cos-sign", "cos(x - y) == cos(x)*cos(y) - sin(x)*sin(y)", F),
    ("r3-trig-triple-sin", "sin(3*x) == 3*sin(x) - 4*sin(x)**3", T),
    ("r3-trig-triple-sin-sign", "sin(3*x) == 3*sin(x) + 4*sin(x)**3", F),
    ("r3-trig-triple-cos", "cos(3*x) == 4*cos(x)**3 - 3*cos(x)", T),
    ("r3-trig-half-cos", "cos(x)**2 == (1 + cos(2*x))/2", T),
    ("r3-trig-half-sin-wrong", "sin(x)**2 == (1 + cos(2*x))/2", F),
    ("r3-trig-euler", "exp(I*x) == cos(x) + I*sin(x)", T),
    ("r3-trig-cos-exp", "cos(x) == (exp(I*x) + exp(-I*x))/2", T),
    ("r3-trig-sin-exp-sign", "sin(x) == (exp(I*x) - exp(-I*x))/2", F),
    ("r3-trig-sin-asin", "sin(asin(x)) == x", T),
    ("r3-trig-asin-acos", "asin(x) + acos(x) == pi/2", T),
    ("r3-trig-tan-atan-complex", "tan(atan(x)) == x", F),
    ("r3-trig-mod-exp-complex", "Abs(exp(I*x)) == 1", F),
])

_note("trig/Trig real.md", "Trig identities on the real line", ["symbols: x y real"], [
    ("r3-trig-tan-add", "tan(x + y) == (tan(x) + tan(y))/(1 - tan(x)*tan(y))", F),
    ("r3-trig-half-tan-a", "tan(x/2) == sin(x)/(1 + cos(x))", TE),
    ("r3-trig-half-tan-b", "tan(x/2) == (1 - cos(x))/sin(x)", F),
    ("r3-trig-asin-sin", "asin(sin(x)) == x", F),
    ("r3-trig-atan-tan", "atan(tan(x)) == x", F),
    ("r3-trig-tan-atan-real", "tan(atan(x)) == x", T),
    ("r3-trig-mod-exp-real", "Abs(exp(I*x)) == 1", T),
    ("r3-trig-tan-cos", "tan(x)*cos(x) == sin(x)", F),
    ("r3-trig-sin-over-cos", "sin(x)/cos(x) == tan(x)", TE),
    ("r3-trig-atan-inv-real", "atan(x) + atan(1/x) == pi/2", F),
    ("r3-trig-asin-atan", "asin(x) == atan(x/sqrt(1 - x**2))", F),
    ("r3-trig-acos-atan", "acos(x) == 2*atan(sqrt((1 - x)/(1 + x)))", F),
    ("r3-trig-dtan", "diff(tan(x), x) == 1 + tan(x)**2", TE),
])

_note("trig/Trig positive.md", "Trig on the positive half-line", ["symbols: x positive"], [
    ("r3-trig-atan-inv-pos", "atan(x) + atan(1/x) == pi/2", T),
])

_note("trig/Trig constants.md", "Exact trigonometric values", [], [
    ("r3-trig-sin-pi5", "sin(pi/5) == sqrt(10 - 2*sqrt(5))/4", T),
    ("r3-trig-cos-pi5", "cos(pi/5) == (1 + sqrt(5))/4", T),
    ("r3-trig-cos-pi5-wrong", "cos(pi/5) == (1 + sqrt(5))/5", F),
    ("r3-trig-cos-pi12", "cos(pi/12) == (sqrt(6) + sqrt(2))/4", T),
    ("r3-trig-sin-pi12-wrong", "sin(pi/12) == (sqrt(6) + sqrt(2))/4", F),
    ("r3-trig-far-angle", "sin(pi*(10**30 + 1/6)) == 1/2", TE),
])

# --------------------------------------------------------------------------- hyperbolic
_note("hyperbolic/Hyperbolic.md", "Hyperbolic identities", ["symbols: x y"], [
    ("r3-hyp-pyth", "cosh(x)**2 - sinh(x)**2 == 1", T),
    ("r3-hyp-pyth-sign", "cosh(x)**2 + sinh(x)**2 == 1", F),
    ("r3-hyp-cosh2", "cosh(x)**2 + sinh(x)**2 == cosh(2*x)", T),
    ("r3-hyp-sinh2", "sinh(2*x) == 2*sinh(x)*cosh(x)", T),
    ("r3-hyp-add", "sinh(x + y) == sinh(x)*cosh(y) + cosh(x)*sinh(y)", T),
    ("r3-hyp-cosh-i", "cosh(I*x) == cos(x)", T),
    ("r3-hyp-sinh-i", "sinh(I*x) == I*sin(x)", T),
    ("r3-hyp-sinh-i-sign", "sinh(I*x) == -I*sin(x)", F),
    ("r3-hyp-cosh-exp", "cosh(x) == (exp(x) + exp(-x))/2", T),
])

_note("hyperbolic/Hyperbolic real.md", "Hyperbolic functions of a real variable", [
    "symbols: x real",
    "sigma(t) := 1/(1 + exp(-t))",
], [
    ("r3-hyp-tanh-sigma", "tanh(x) == 2*sigma(2*x) - 1", T),
    ("r3-hyp-tanh-sigma-wrong", "tanh(x) == 2*sigma(x) - 1", F),
    ("r3-hyp-tanh-exp", "tanh(x) == (exp(2*x) - 1)/(exp(2*x) + 1)", T),
    ("r3-hyp-asinh-log", "asinh(x) == log(x + sqrt(x**2 + 1))", T),
    ("r3-hyp-acosh-log-real", "acosh(x) == log(x + sqrt(x**2 - 1))", F),
    ("r3-hyp-dtanh", "diff(tanh(x), x) == 1 - tanh(x)**2", T),
    ("r3-hyp-dtanh-cosh", "diff(tanh(x), x) == 1/cosh(x)**2", T),
    ("r3-hyp-dtanh-wrong", "diff(tanh(x), x) == 1 + tanh(x)**2", F),
    ("r3-hyp-tanh-far", "tanh(x**2 + 500) == 1", F),
])

_note("hyperbolic/Hyperbolic positive.md", "Inverse hyperbolic cosine", ["symbols: x positive"], [
    ("r3-hyp-acosh-log-pos", "acosh(x) == log(x + sqrt(x**2 - 1))", T),
])

# --------------------------------------------------------------------------- log / exp / powers
_note("logexp/Log complex.md", "Logarithms and powers of complex numbers", ["symbols: x y a b"], [
    ("r3-log-product-complex", "log(x*y) == log(x) + log(y)", F),
    ("r3-log-square-complex", "log(x**2) == 2*log(x)", F),
    ("r3-log-exp-complex", "log(exp(x)) == x", F),
    ("r3-log-explog-zero", "exp(log(x)) == x", F),
    ("r3-log-exp-add", "exp(x + y) == exp(x)*exp(y)", T),
    ("r3-log-inverse-complex", "log(1/x) == -log(x)", F),
    ("r3-log-sqrt-inv-complex", "sqrt(1/x) == 1/sqrt(x)", F),
    ("r3-log-sqrt-square-complex", "sqrt(x)**2 == x", T),
    ("r3-log-sqrt-abs-complex", "sqrt(x**2) == Abs(x)", F),
    ("r3-log-pow-add-zero", "x**(a + b) == x**a*x**b", F),
    ("r3-log-pow-exp-zero", "exp(a*log(x)) == x**a", F),
    ("r3-log-sqrt-split", "sqrt(x**2 - 1) == sqrt(x - 1)*sqrt(x + 1)", F),
    ("r3-log-abs-product", "Abs(x*y) == Abs(x)*Abs(y)", T),
    ("r3-log-abs-square-complex", "Abs(x)**2 == x**2", F),
    ("r3-log-conj", "x*conjugate(x) == Abs(x)**2", T),
    ("r3-log-re-im", "re(x)**2 + im(x)**2 == Abs(x)**2", T),
    ("r3-log-arg-product", "arg(x*y) == arg(x) + arg(y)", F),
    ("r3-log-recip-recip", "1/(1/x) == x", F),
    ("r3-log-cube-diff", "(x**3 - 8)/(x - 2) == x**2 + 2*x + 4", F),
    ("r3-log-log-ratio", "log(x)/log(x) == 1", F),
    ("r3-log-square-over", "x**2/x == x", F),
])

_note("logexp/Log nonzero.md", "Powers of a nonzero complex number", ["symbols: x nonzero; a"], [
    ("r3-log-explog-nonzero", "exp(log(x)) == x", T),
    ("r3-log-pow-exp-nonzero", "exp(a*log(x)) == x**a", T),
])

_note("logexp/Log real.md", "Logarithms of real numbers", ["symbols: x y a b real"], [
    ("r3-log-product-real", "log(x*y) == log(x) + log(y)", F),
    ("r3-log-square-real", "log(x**2) == 2*log(x)", F),
    ("r3-log-exp-real", "log(exp(x)) == x", T),
    ("r3-log-sqrt-product-real", "sqrt(x*y) == sqrt(x)*sqrt(y)", F),
    ("r3-log-sqrt-abs-real", "sqrt(x**2) == Abs(x)", T),
    ("r3-log-sqrt-x-real", "sqrt(x**2) == x", F),
    ("r3-log-abs-square-real", "Abs(x)**2 == x**2", T),
    ("r3-log-power-power-real", "(x**a)**b == x**(a*b)", F),
    ("r3-log-cube-root-real", "(x**3)**(1/3) == x", F),
    ("r3-log-softplus", "log(1 + exp(x)) == x + log(1 + exp(-x))", T),
    ("r3-log-softplus-odd", "log(1 + exp(x)) - log(1 + exp(-x)) == x", T),
    ("r3-log-lse-max", "log(exp(a) + exp(b)) == Max(a, b) + log(1 + exp(-Abs(a - b)))", T),
    ("r3-log-lse-max-sign", "log(exp(a) + exp(b)) == Max(a, b) + log(1 + exp(Abs(a - b)))", F),
    ("r3-log-lse-shift", "log(exp(a) + exp(b)) == y + log(exp(a - y) + exp(b - y))", T),
    ("r3-log-lse-shift-missing", "log(exp(a) + exp(b)) == log(exp(a - y) + exp(b - y))", F),
])

_note("logexp/Log real nonzero.md", "Logarithm of a square", ["symbols: x real nonzero"], [
    ("r3-log-square-abs", "log(x**2) == 2*log(Abs(x))", T),
    ("r3-log-inverse-realnz", "log(1/x) == -log(x)", F),
])

_note("logexp/Log positive.md", "Logarithms of positive numbers", ["symbols: x y positive; a b real; c"], [
    ("r3-log-product-pos", "log(x*y) == log(x) + log(y)", T),
    ("r3-log-square-pos", "log(x**2) == 2*log(x)", T),
    ("r3-log-sqrt-product-pos", "sqrt(x*y) == sqrt(x)*sqrt(y)", T),
    ("r3-log-power-power-pos", "(x**a)**b == x**(a*b)", T),
    ("r3-log-cube-root-pos", "(x**3)**(1/3) == x", T),
    ("r3-log-pow-product-pos", "(x*y)**c == x**c*y**c", T),
    ("r3-log-pow-add-pos", "x**(a + b) == x**a*x**b", T),
    ("r3-log-inverse-pos", "log(1/x) == -log(x)", T),
    ("r3-log-sqrt-inv-pos", "sqrt(1/x) == 1/sqrt(x)", T),
    ("r3-log-sqrt-split-pos", "sqrt(x**2 - 1) == sqrt(x - 1)*sqrt(x + 1)", T),
    ("r3-log-xx", "diff(x**x, x) == x**x*(log(x) + 1)", T),
])

# --------------------------------------------------------------------------- machine learning
_note("ml/Sigmoid.md", "Sigmoid and softplus", [
    "symbols: x y z real",
    "sigma(t) := 1/(1 + exp(-t))",
    "softplus(t) := log(1 + exp(t))",
    "L := -(y*log(sigma(z)) + (1 - y)*log(1 - sigma(z)))",
], [
    ("r3-ml-sigma-odd", "sigma(-x) == 1 - sigma(x)", T),
    ("r3-ml-sigma-deriv", "diff(sigma(x), x) == sigma(x)*(1 - sigma(x))", T),
    ("r3-ml-sigma-deriv-sign", "diff(sigma(x), x) == sigma(x)*(1 + sigma(x))", F),
    ("r3-ml-sigma-exp", "sigma(x) == exp(x)/(1 + exp(x))", T),
    ("r3-ml-sigma-tanh", "sigma(x) == (1 + tanh(x/2))/2", T),
    ("r3-ml-sigma-tanh-wrong", "sigma(x) == (1 + tanh(x))/2", F),
    ("r3-ml-logsigma", "log(sigma(x)) == -log(1 + exp(-x))", T),
    ("r3-ml-dlogsigma", "diff(log(sigma(x)), x) == 1 - sigma(x)", T),
    ("r3-ml-dlogsigma-b", "diff(log(sigma(x)), x) == sigma(-x)", T),
    ("r3-ml-dlogsigma-wrong", "diff(log(sigma(x)), x) == sigma(x)", F),
    ("r3-ml-log1msigma", "log(1 - sigma(z)) == -z - log(1 + exp(-z))", T),
    ("r3-ml-softplus-deriv", "diff(softplus(x), x) == sigma(x)", T),
    ("r3-ml-softplus-odd", "softplus(x) - softplus(-x) == x", T),
    ("r3-ml-bce-grad", "diff(L, z) == sigma(z) - y", T),
    ("r3-ml-bce-grad-sign", "diff(L, z) == y - sigma(z)", F),
    ("r3-ml-relu-abs", "Max(x, 0) == (x + Abs(x))/2", T),
    ("r3-ml-relu-abs-sign", "Max(x, 0) == (x - Abs(x))/2", F),
    ("r3-ml-relu-deriv", "diff(Max(x, 0), x) == Heaviside(x)", F),
    ("r3-ml-min-max", "Min(x, y) + Max(x, y) == x + y", T),
    ("r3-ml-min-max-abs", "Max(x, y) - Min(x, y) == Abs(x - y)", T),
])

_note("ml/Softmax three.md", "Softmax of three logits", [
    "symbols: a b c t real",
    "Z := exp(a) + exp(b) + exp(c)",
    "p1 := exp(a)/Z",
    "p2 := exp(b)/Z",
    "p3 := exp(c)/Z",
], [
    ("r3-ml-sm3-sum", "p1 + p2 + p3 == 1", T),
    ("r3-ml-sm3-diag", "diff(p1, a) == p1*(1 - p1)", T),
    ("r3-ml-sm3-off", "diff(p1, b) == -p1*p2", T),
    ("r3-ml-sm3-off-sign", "diff(p1, b) == p1*p2", F),
    ("r3-ml-sm3-shift", "exp(a + t)/(exp(a + t) + exp(b + t) + exp(c + t)) == p1", T),
    ("r3-ml-sm3-scale", "exp(2*a)/(exp(2*a) + exp(2*b) + exp(2*c)) == p1", F),
    ("r3-ml-sm3-ce-grad", "diff(-log(p1), a) == p1 - 1", T),
    ("r3-ml-sm3-ce-grad-b", "diff(-log(p1), b) == p2", T),
    ("r3-ml-sm3-ce-grad-wrong", "diff(-log(p1), a) == 1 - p1", F),
    ("r3-ml-sm3-lse-grad", "diff(log(Z), c) == p3", T),
    ("r3-ml-sm3-entropy-grad", "diff(log(Z), a) + diff(log(Z), b) + diff(log(Z), c) == 1", T),
])

_note("ml/Softmax n.md", "Softmax over n logits", [
    "symbols: x indexed real; n positive integer; i j k integer; T positive",
    "range: i j k = 1..n",
    "Z := Sum(exp(x[j]/T), (j, 1, n))",
    "p(m) := exp(x[m]/T)/Z",
], [
    ("r3-ml-smn-normalized", "Sum(p(i), (i, 1, n)) == 1", T),
    ("r3-ml-smn-grad", "diff(log(Z), x[k]) == p(k)/T", T),
    ("r3-ml-smn-grad-no-T", "diff(log(Z), x[k]) == p(k)", F),
    ("r3-ml-smn-off-by-one", "Sum(p(i), (i, 0, n)) == 1", F),
], latex=[
    ("r3-lx-smn-normalized", r"\sum_{i=1}^{n} \frac{e^{x_i/T}}{\sum_{j=1}^{n} e^{x_j/T}} = 1", T),
    ("r3-lx-smn-lse-shift", r"\ln \sum_{j=1}^{n} e^{x_j} = x_1 + \ln \sum_{j=1}^{n} e^{x_j - x_1}", T),
    ("r3-lx-smn-lse-shift-missing", r"\ln \sum_{j=1}^{n} e^{x_j} = \ln \sum_{j=1}^{n} e^{x_j - x_1}", F),
    ("r3-lx-smn-range-sum", r"\sum_i p(i) = 1", T),
    ("r3-lx-smn-lse-bound", r"\ln \sum_{j=1}^{n} e^{x_j} = \ln n", F),
])

# --------------------------------------------------------------------------- integrals
_note("integrals/Gaussian integrals.md", "Gaussian integrals", [
    "symbols: x real; a s positive; m b real; t positive; n nonnegative integer",
], [
    ("r3-int-gauss", "integrate(exp(-x**2), (x, -oo, oo)) == sqrt(pi)", T),
    ("r3-int-gauss-a", "integrate(exp(-a*x**2), (x, -oo, oo)) == sqrt(pi/a)", T),
    ("r3-int-gauss-s", "integrate(exp(-x**2/(2*s**2)), (x, -oo, oo)) == sqrt(2*pi)*s", T),
    ("r3-int-gauss-s-wrong", "integrate(exp(-x**2/(2*s**2)), (x, -oo, oo)) == sqrt(2*pi*s)", F),
    ("r3-int-gauss-half", "integrate(exp(-x**2), (x, 0, oo)) == sqrt(pi)", F),
    ("r3-int-gauss-half-ok", "integrate(exp(-x**2), (x, 0, oo)) == sqrt(pi)/2", T),
    ("r3-int-second-moment", "integrate(x**2*exp(-x**2), (x, -oo, oo)) == sqrt(pi)/2", T),
    ("r3-int-variance", "integrate(x**2*exp(-x**2/2), (x, -oo, oo)) == sqrt(2*pi)", T),
    ("r3-int-variance-wrong", "integrate(x**2*exp(-x**2/2), (x, -oo, oo)) == 2*sqrt(2*pi)", F),
    ("r3-int-mean-shift", "integrate(exp(-(x - m)**2/2), (x, -oo, oo)) == sqrt(2*pi)", T),
    ("r3-int-complete-square", "integrate(exp(-x**2 + b*x), (x, -oo, oo)) == sqrt(pi)*exp(b**2/4)", T),
    ("r3-int-complete-square-wrong", "integrate(exp(-x**2 + b*x), (x, -oo, oo)) == sqrt(pi)*exp(b**2/2)", F),
    ("r3-int-exp", "integrate(exp(-t*x), (x, 0, oo)) == 1/t", T),
    ("r3-int-gamma-n", "integrate(x**n*exp(-x), (x, 0, oo)) == factorial(n)", TE),
    ("r3-int-gamma-n-wrong", "integrate(x**n*exp(-x), (x, 0, oo)) == factorial(n + 1)", FE),
    ("r3-int-lorentz", "integrate(1/(1 + x**2), (x, -oo, oo)) == pi", T),
    ("r3-int-dirichlet", "integrate(sin(x)/x, (x, 0, oo)) == pi/2", T),
    ("r3-int-sin2", "integrate(sin(x)**2, (x, 0, pi)) == pi/2", T),
    ("r3-int-sin2-wrong", "integrate(sin(x)**2, (x, 0, pi)) == pi", F),
    ("r3-int-log", "integrate(log(x), (x, 0, 1)) == -1", T),
    ("r3-int-recip", "integrate(1/x, (x, 1, E)) == 1", T),
])

_note("integrals/Gaussian real width.md", "Gaussian width of either sign", [
    "symbols: x real; s real nonzero; u real",
], [
    ("r3-int-gauss-s-signed", "integrate(exp(-x**2/(2*s**2)), (x, -oo, oo)) == sqrt(2*pi)*s", FE),
    ("r3-int-gauss-s-abs", "integrate(exp(-x**2/(2*s**2)), (x, -oo, oo)) == sqrt(2*pi)*Abs(s)", TE),
    ("r3-int-exp-real-rate", "integrate(exp(-u*x), (x, 0, oo)) == 1/u", FE),
])

# --------------------------------------------------------------------------- sums and products
_note("sums/Finite sums.md", "Sums with closed forms", [
    "symbols: n m r nonnegative integer; k integer; x",
], [
    ("r3-sum-k", "Sum(k, (k, 1, n)) == n*(n + 1)/2", T),
    ("r3-sum-k2", "Sum(k**2, (k, 1, n)) == n*(n + 1)*(2*n + 1)/6", T),
    ("r3-sum-k2-wrong", "Sum(k**2, (k, 1, n)) == n*(n + 1)*(2*n - 1)/6", F),
    ("r3-sum-k3", "Sum(k**3, (k, 1, n)) == (n*(n + 1)/2)**2", T),
    ("r3-sum-k4", "Sum(k**4, (k, 1, n)) == n*(n + 1)*(2*n + 1)*(3*n**2 + 3*n - 1)/30", T),
    ("r3-sum-k4-wrong", "Sum(k**4, (k, 1, n)) == n*(n + 1)*(2*n + 1)*(3*n**2 + 3*n + 1)/30", F),
    ("r3-sum-k-from0-wrong", "Sum(k, (k, 0, n)) == n*(n - 1)/2", F),
    ("r3-sum-k-to-nm1", "Sum(k, (k, 1, n - 1)) == n*(n - 1)/2", T),
    ("r3-sum-odd", "Sum(2*k - 1, (k, 1, n)) == n**2", T),
    ("r3-sum-odd-wrong", "Sum(2*k + 1, (k, 1, n)) == n**2", F),
    ("r3-sum-odd-from0", "Sum(2*k + 1, (k, 0, n)) == (n + 1)**2", T),
    ("r3-sum-geom-x", "Sum(x**k, (k, 0, n)) == (1 - x**(n + 1))/(1 - x)", F),
    ("r3-sum-geom-2", "Sum(2**k, (k, 0, n)) == 2**(n + 1) - 1", T),
    ("r3-sum-geom-2-wrong", "Sum(2**k, (k, 0, n)) == 2**(n + 1)", F),
    ("r3-sum-telescope", "Sum(1/(k*(k + 1)), (k, 1, n)) == 1 - 1/(n + 1)", T),
    ("r3-sum-telescope-b", "Sum(1/(k*(k + 1)), (k, 1, n)) == n/(n + 1)", T),
    ("r3-sum-telescope-wrong", "Sum(1/(k*(k + 1)), (k, 1, n)) == 1 - 1/n", F),
    ("r3-sum-log-telescope", "Sum(log((k + 1)/k), (k, 1, n)) == log(n + 1)", T),
    ("r3-sum-alternating", "Sum((-1)**k, (k, 0, n)) == (1 + (-1)**n)/2", T),
    ("r3-sum-binom-row", "Sum(binomial(n, k), (k, 0, n)) == 2**n", T),
    ("r3-sum-binom-weighted", "Sum(k*binomial(n, k), (k, 0, n)) == n*2**(n - 1)", T),
    ("r3-sum-binom-alt-n0", "Sum((-1)**k*binomial(n, k), (k, 0, n)) == 0", F),
    ("r3-sum-binom-alt-k-n1", "Sum((-1)**k*k*binomial(n, k), (k, 0, n)) == 0", F),
    ("r3-sum-binom-alt-k-delta", "Sum((-1)**k*k*binomial(n, k), (k, 0, n)) == -KroneckerDelta(n, 1)", T),
    ("r3-sum-binom-squares", "Sum(binomial(n, k)**2, (k, 0, n)) == binomial(2*n, n)", T),
    ("r3-sum-vandermonde", "Sum(binomial(m, k)*binomial(n, r - k), (k, 0, r)) == binomial(m + n, r)", T),
    ("r3-sum-hockey", "Sum(binomial(k, r), (k, r, n)) == binomial(n + 1, r + 1)", T),
    ("r3-sum-hockey-wrong", "Sum(binomial(k, r), (k, r, n)) == binomial(n + 1, r)", F),
    ("r3-sum-delta-far", "Sum(KroneckerDelta(k, 77), (k, 1, n)) == 0", F),
    ("r3-prod-factorial", "Product(k, (k, 1, n)) == factorial(n)", T),
    ("r3-prod-telescope", "Product(1 + 1/k, (k, 1, n)) == n + 1", T),
    ("r3-prod-telescope-wrong", "Product((k + 1)/k, (k, 1, n)) == n", F),
    ("r3-prod-const", "Product(2, (k, 1, n)) == 2**n", T),
    ("r3-sum-factorial-step", "factorial(n + 1) == (n + 1)*factorial(n)", T),
])

_note("sums/Positive sums.md", "Identities for a positive count", [
    "symbols: n positive integer; k integer",
], [
    ("r3-sum-binom-alt-pos", "Sum((-1)**k*binomial(n, k), (k, 0, n)) == 0", T),
    ("r3-sum-pascal", "binomial(n, k) == binomial(n - 1, k - 1) + binomial(n - 1, k)", T),
    ("r3-sum-roots-unity", "Sum(cos(2*pi*k/n), (k, 0, n - 1)) == 0", F),
    ("r3-sum-roots-unity-delta", "Sum(cos(2*pi*k/n), (k, 0, n - 1)) == KroneckerDelta(n, 1)", T),
])

_note("sums/Infinite series.md", "Infinite series", ["symbols: x; k integer; q real"], [
    ("r3-ser-half", "Sum(1/2**k, (k, 1, oo)) == 1", TE),
    ("r3-ser-basel", "Sum(1/k**2, (k, 1, oo)) == pi**2/6", TE),
    ("r3-ser-basel-wrong", "Sum(1/k**2, (k, 1, oo)) == pi**2/8", FE),
    ("r3-ser-alt-harmonic", "Sum((-1)**(k + 1)/k, (k, 1, oo)) == log(2)", TE),
    ("r3-ser-e", "Sum(1/factorial(k), (k, 0, oo)) == E", TE),
    ("r3-ser-exp", "Sum(x**k/factorial(k), (k, 0, oo)) == exp(x)", TE),
    ("r3-ser-geom-real", "Sum(q**k, (k, 0, oo)) == 1/(1 - q)", FE),
])

# --------------------------------------------------------------------------- derivatives with undefined functions
_note("calculus/Chain rule.md", "Product, quotient and chain rules", [
    "symbols: f g function; x a b real",
], [
    ("r3-diff-product", "diff(f(x)*g(x), x) == diff(f(x), x)*g(x) + f(x)*diff(g(x), x)", T),
    ("r3-diff-product-wrong", "diff(f(x)*g(x), x) == diff(f(x), x)*diff(g(x), x)", F),
    ("r3-diff-quotient", "diff(f(x)/g(x), x) == (diff(f(x), x)*g(x) - f(x)*diff(g(x), x))/g(x)**2", T),
    ("r3-diff-quotient-sign", "diff(f(x)/g(x), x) == (diff(f(x), x)*g(x) + f(x)*diff(g(x), x))/g(x)**2", F),
    ("r3-diff-exp-chain", "diff(exp(f(x)), x) == exp(f(x))*diff(f(x), x)", T),
    ("r3-diff-sin-chain", "diff(sin(f(x)), x) == cos(f(x))*diff(f(x), x)", T),
    ("r3-diff-log-chain", "diff(log(f(x)), x) == diff(f(x), x)/f(x)", T),
    ("r3-diff-square-chain", "diff(f(x)**2, x) == 2*f(x)*diff(f(x), x)", T),
    ("r3-diff-square-chain-wrong", "diff(f(x)**2, x) == 2*diff(f(x), x)", F),
    ("r3-diff-scaled-arg", "diff(f(2*x), x) == 2*diff(f(x), x)", F),
    ("r3-diff-leibniz2", "diff(f(x)*g(x), x, 2) == diff(f(x), x, 2)*g(x) + 2*diff(f(x), x)*diff(g(x), x) + f(x)*diff(g(x), x, 2)", T),
    ("r3-diff-leibniz2-wrong", "diff(f(x)*g(x), x, 2) == diff(f(x), x, 2)*g(x) + diff(f(x), x)*diff(g(x), x) + f(x)*diff(g(x), x, 2)", F),
    ("r3-diff-f0", "f(0) == 1", F),
    ("r3-diff-self", "f(x) - f(x) == 0", T),
    ("r3-diff-ftc", "integrate(diff(f(x), x), (x, a, b)) == f(b) - f(a)", TE),
    ("r3-diff-sum-chain", "diff(f(x) + g(x)**3, x) == diff(f(x), x) + 3*g(x)**2*diff(g(x), x)", T),
])

_note("calculus/Derivatives.md", "Derivatives of elementary functions", [
    "symbols: x real; n positive integer; y",
], [
    ("r3-diff-power", "diff(x**n, x) == n*x**(n - 1)", T),
    ("r3-diff-atan", "diff(atan(x), x) == 1/(1 + x**2)", T),
    ("r3-diff-asin", "diff(asin(x), x) == 1/sqrt(1 - x**2)", T),
    ("r3-diff-log", "diff(log(x), x) == 1/x", T),
    ("r3-diff-log-abs", "diff(log(Abs(x)), x) == 1/x", TE),
    ("r3-diff-abs-shift", "diff(Abs(x - 3), x) == sign(x - 3)", F),
    ("r3-diff-x-abs", "diff(x*Abs(x), x) == 2*Abs(x)", T),
    ("r3-diff-abs-ratio", "diff(Abs(x), x) == x/Abs(x)", TE),
    ("r3-diff-gauss2", "diff(exp(-x**2), x, 2) == (4*x**2 - 2)*exp(-x**2)", T),
    ("r3-diff-gauss2-wrong", "diff(exp(-x**2), x, 2) == (4*x**2 + 2)*exp(-x**2)", F),
    ("r3-diff-complex-exp", "diff(exp(-I*y*x), x) == -I*y*exp(-I*y*x)", T),
])

# --------------------------------------------------------------------------- limits
_note("calculus/Limits.md", "Limits", [
    "symbols: x; a real",
], [
    ("r3-lim-sinc", "limit(sin(x)/x, x, 0) == 1", T),
    ("r3-lim-expm1", "limit((exp(x) - 1)/x, x, 0) == 1", T),
    ("r3-lim-cos", "limit((1 - cos(x))/x**2, x, 0) == 1/2", T),
    ("r3-lim-cos-wrong", "limit((1 - cos(x))/x**2, x, 0) == 1", F),
    ("r3-lim-e", "limit((1 + 1/x)**x, x, oo) == E", T),
    ("r3-lim-ea", "limit((1 + a/x)**x, x, oo) == exp(a)", TE),
    ("r3-lim-recip-two-sided", "limit(1/x, x, 0) == oo", FE),
    ("r3-lim-recip-right", "limit(1/x, x, 0, '+') == oo", T),
    ("r3-lim-sign-left", "limit(x/Abs(x), x, 0, '-') == -1", T),
    ("r3-lim-xx", "limit(x**x, x, 0, '+') == 1", T),
    ("r3-lim-sin-recip", "limit(sin(1/x), x, 0) == 0", FE),
    ("r3-lim-tanh", "limit(tanh(x), x, oo) == 1", T),
    ("r3-lim-atan-recip", "limit(atan(1/x), x, 0) == pi/2", FE),
    ("r3-lim-atan-recip-right", "limit(atan(1/x), x, 0, '+') == pi/2", T),
])

# --------------------------------------------------------------------------- integers, special functions
_note("integers/Integer only.md", "Identities that hold only on the integers", [
    "symbols: n integer; x real; z",
], [
    ("r3-num-sin-pin", "sin(pi*n) == 0", T),
    ("r3-num-sin-pix", "sin(pi*x) == 0", F),
    ("r3-num-cos-pin", "cos(pi*n) == (-1)**n", T),
    ("r3-num-cos-pix", "cos(pi*x) == (-1)**x", F),
    ("r3-num-parity-n", "(-1)**(n*(n + 1)) == 1", T),
    ("r3-num-parity-x", "(-1)**(x*(x + 1)) == 1", F),
    ("r3-num-exp-2pin", "exp(2*pi*I*n) == 1", T),
    ("r3-num-floor-neg", "floor(x) + floor(-x) == -1", F),
    ("r3-num-ceil-floor", "ceiling(x) == floor(x) + 1", F),
    ("r3-num-floor-half-n", "floor(n/2) + ceiling(n/2) == n", T),
    ("r3-num-floor-half-x", "floor(x/2) + ceiling(x/2) == x", F),
    ("r3-num-floor-ceil-shift", "floor((n + 1)/2) == ceiling(n/2)", T),
    ("r3-num-cos-thirds", "cos(2*pi*n/3) + cos(4*pi*n/3) == -1", F),
    ("r3-num-abs-sin", "Abs(sin(pi*n/2)) == (1 - (-1)**n)/2", T),
    ("r3-num-binom2", "binomial(n, 2) == n*(n - 1)/2", T),
    ("r3-num-gamma-rec-zero", "gamma(z + 1) == z*gamma(z)", F),
    ("r3-num-gamma-half", "gamma(1/2) == sqrt(pi)", T),
    ("r3-num-floor-x", "floor(x) == x", F),
    ("r3-num-delta-far", "KroneckerDelta(n, 10**6) == 0", F),
])

_note("integers/Gamma positive.md", "Gamma on the positive axis", [
    "symbols: z positive; n nonnegative integer",
], [
    ("r3-num-gamma-rec-pos", "gamma(z + 1) == z*gamma(z)", T),
    ("r3-num-gamma-factorial", "gamma(n + 1) == factorial(n)", T),
])

# --------------------------------------------------------------------------- tiny differences and far thresholds
_note("numeric/Tiny differences.md", "Differences hidden below many digits", ["symbols: x"], [
    ("r3-tiny-ramanujan", "exp(pi*sqrt(163)) == 640320**3 + 744", F),
    ("r3-tiny-add-350", "x + 10**(-350) == x", F),
    ("r3-tiny-sqrt-big", "sqrt(10**40 + 1) == 10**20", F),
    ("r3-tiny-log1p", "log(1 + 10**(-400)) == 10**(-400)", F),
    ("r3-tiny-sin-small", "sin(10**(-200)) == 10**(-200)", F),
    ("r3-tiny-cos-small", "cos(10**(-200)) == 1", F),
    ("r3-tiny-scale", "x*(1 + 10**(-320)) == x", F),
    ("r3-tiny-log1p-exp", "log(1 + exp(-800)) == exp(-800)", F),
    ("r3-tiny-exp-exp", "exp(-exp(10)) == 0", FE),
    ("r3-tiny-compound", "(1 + 10**(-100))**(10**100) == E", FE),
    ("r3-tiny-pi-approx", "pi == 355/113", F),
    ("r3-tiny-epi", "exp(pi) - pi == 20", F),
    ("r3-tiny-sqrt2", "sqrt(2)**2 == 2", T),
    ("r3-tiny-exp-log3", "exp(log(3)) == 3", T),
    ("r3-tiny-golden", "((1 + sqrt(5))/2)**2 == (1 + sqrt(5))/2 + 1", T),
    ("r3-tiny-nested", "sqrt(3 + 2*sqrt(2)) == 1 + sqrt(2)", T),
    ("r3-tiny-nested-wrong", "sqrt(3 + 2*sqrt(2)) == 1 + sqrt(3)", F),
])

_note("numeric/Far thresholds.md", "Thresholds far from the origin", [
    "symbols: x real; n integer",
], [
    ("r3-far-heaviside", "Heaviside(x - 10**7) == 0", F),
    ("r3-far-min", "Min(x, 10**9) == x", F),
    ("r3-far-max-square", "Max(x**2, 10**12 + 1) == 10**12 + 1", F),
    ("r3-far-floor", "floor(x**2/10**16) == 0", F),
    ("r3-far-exp-threshold", "Heaviside(exp(x) - 10**50) == 0", F),
    ("r3-far-abs", "Abs(x + 10**8) == x + 10**8", F),
    ("r3-far-min-exp", "Min(1, exp(x - 10**4)) == exp(x - 10**4)", F),
    ("r3-far-sign-cubic", "sign(x**3 + 10**20) == sign(x)", F),
    ("r3-far-max-ok", "Max(x, 10**9) + Min(x, 10**9) == x + 10**9", T),
])

# --------------------------------------------------------------------------- givens
_note("givens/Unit circle.md", "Given a point on the unit circle", [
    "symbols: c s real",
    "given: c**2 + s**2 == 1",
], [
    ("r3-giv-circle-square", "c**2 == 1 - s**2", T),
    ("r3-giv-circle-quartic", "c**4 + 2*c**2*s**2 + s**4 == 1", T),
    ("r3-giv-circle-sqrt", "c == sqrt(1 - s**2)", F),
    ("r3-giv-circle-abs", "Abs(c) == sqrt(1 - s**2)", T),
    ("r3-giv-circle-complex", "(c + I*s)*(c - I*s) == 1", T),
    ("r3-giv-circle-sum", "c + s == 1", F),
])

_note("givens/Reciprocal complex.md", "Given a reciprocal pair", [
    "symbols: x y",
    "given: x*y == 1",
], [
    ("r3-giv-recip-log", "log(x) + log(y) == 0", F),
    ("r3-giv-recip-y", "y == 1/x", T),
    ("r3-giv-recip-sum", "(x + y)**2 == x**2 + y**2 + 2", T),
])

_note("givens/Reciprocal positive.md", "Given a positive reciprocal pair", [
    "symbols: x y positive",
    "given: x*y == 1",
], [
    ("r3-giv-recip-log-pos", "log(x) + log(y) == 0", T),
])

_note("givens/Two probabilities.md", "Given two complementary weights", [
    "symbols: p q real",
    "given: p + q == 1",
], [
    ("r3-giv-pq-diff", "p**2 - q**2 == p - q", T),
    ("r3-giv-pq-prod", "p*q == p - p**2", T),
    ("r3-giv-pq-squares", "p**2 + q**2 == 1", F),
])

_note("givens/Square four.md", "Given a square equal to four", [
    "symbols: x real",
    "given: x**2 == 4",
], [
    ("r3-giv-sq4-x", "x == 2", F),
    ("r3-giv-sq4-abs", "Abs(x) == 2", T),
    ("r3-giv-sq4-cube", "x**3 == 4*x", T),
])

_note("givens/Square four positive.md", "Given a positive square root of four", [
    "symbols: x positive",
    "given: x**2 == 4",
], [
    ("r3-giv-sq4-pos", "x == 2", T),
])

_note("givens/Square nine integer.md", "Given an integer square", [
    "symbols: n integer",
    "given: n**2 == 9",
], [
    ("r3-giv-sq9-n", "n == 3", F),
    ("r3-giv-sq9-parity", "(-1)**n == -1", T),
])

_note("givens/Exp given complex.md", "Given an exponential (complex)", [
    "symbols: x",
    "given: exp(x) == 2",
], [
    ("r3-giv-exp-log-complex", "x == log(2)", FE),
    ("r3-giv-exp-square", "exp(2*x) == 4", TE),
])

_note("givens/Exp given real.md", "Given an exponential (real)", [
    "symbols: x real",
    "given: exp(x) == 2",
], [
    ("r3-giv-exp-log-real", "x == log(2)", TE),
])

_note("givens/Unit modulus.md", "Given a unit modulus", [
    "symbols: z",
    "given: Abs(z) == 1",
], [
    ("r3-giv-mod-conj", "z*conjugate(z) == 1", T),
    ("r3-giv-mod-inv", "1/z == conjugate(z)", T),
    ("r3-giv-mod-square", "z**2 == 1", F),
    ("r3-giv-mod-reim", "re(z)**2 + im(z)**2 == 1", T),
])

_note("givens/Constant false.md", "A given that is false", [
    "symbols: x",
    "given: 2 == 3",
], [
    ("r3-giv-const-true", "x + 1 == 1 + x", E),
    ("r3-giv-const-false", "x == x + 1", E),
])

_note("givens/Contradiction.md", "Givens that contradict", [
    "symbols: w",
    "given: w == 1",
    "given: w == 2",
], [
    ("r3-giv-contra-a", "w**2 == w", E),
    ("r3-giv-contra-b", "w == 3", E),
])

_note("givens/Base ratio.md", "A ratio given once", [
    "symbols: u v real",
    "given: u == 2*v",
], [])

_note("givens/Uses ratio.md", "Claims under a used given", [
    "uses: [[Base ratio]]",
], [
    ("r3-giv-uses-ok", "u - 2*v == 0", T),
    ("r3-giv-uses-wrong", "u == v", F),
    ("r3-giv-uses-square", "u**2 == 4*v**2", T),
])

# --------------------------------------------------------------------------- LaTeX claims
_note("latex/Trig in LaTeX.md", "Trigonometry in LaTeX", ["symbols: t real"], [], latex=[
    ("r3-lx-pyth", r"\sin^2 x + \cos^2 x = 1", T),
    ("r3-lx-hyp-pyth", r"\cosh^2 x - \sinh^2 x = 1", T),
    ("r3-lx-double", r"\sin(2x) = 2\sin x \cos x", T),
    ("r3-lx-double-nopar", r"\sin 2x = 2 \sin x \cos x", E),
    ("r3-lx-cos-half", r"\cos^2 x = \frac{1 + \cos(2x)}{2}", T),
    ("r3-lx-sin-half-wrong", r"\sin^2 x = \frac{1 + \cos(2x)}{2}", F),
    ("r3-lx-tan-half", r"\tan\frac{t}{2} = \frac{1 - \cos t}{\sin t}", F),
    ("r3-lx-cos-exp", r"\cos x = \frac{e^{\mathrm{i}x} + e^{-\mathrm{i}x}}{2}", T),
    ("r3-lx-euler-i", r"e^{i\pi} = -1", E),
    ("r3-lx-euler-mathrm", r"e^{\mathrm{i}\pi} = -1", T),
    ("r3-lx-euler-imath", r"e^{\imath\pi} + 1 = 0", T),
    ("r3-lx-mod-real", r"\lvert e^{\mathrm{i} t} \rvert = 1", T),
    ("r3-lx-mod-complex", r"\lvert e^{\mathrm{i} x} \rvert = 1", F),
    ("r3-lx-tanh-exp", r"\tanh t = \frac{e^{t} - e^{-t}}{e^{t} + e^{-t}}", T),
    ("r3-lx-tanh-exp-wrong", r"\tanh t = \frac{e^{t} + e^{-t}}{e^{t} - e^{-t}}", F),
    ("r3-lx-dtanh", r"\frac{d}{dt}\tanh t = 1 - \tanh^2 t", T),
    ("r3-lx-arctan-real", r"\arctan t + \arctan\frac{1}{t} = \frac{\pi}{2}", FE),
])

_note("latex/Logs in LaTeX.md", "Logarithms in LaTeX", ["symbols: a b positive; r real"], [], latex=[
    ("r3-lx-log-product-pos", r"\ln(ab) = \ln a + \ln b", T),
    ("r3-lx-log-product-complex", r"\ln(xy) = \ln x + \ln y", F),
    ("r3-lx-ln-e", r"\ln e = 1", T),
    ("r3-lx-exp-ln", r"e^{\ln a} = a", T),
    ("r3-lx-log2", r"\log_2 8 = 3", T),
    ("r3-lx-sqrt-square-real", r"\sqrt{r^2} = r", F),
    ("r3-lx-sqrt-abs-real", r"\sqrt{r^2} = \lvert r \rvert", T),
    ("r3-lx-cbrt-neg", r"\sqrt[3]{-27} = -3", T),
    ("r3-lx-cbrt-real", r"\sqrt[3]{r^3} = r", T),
    ("r3-lx-cbrt-complex", r"\sqrt[3]{x^3} = x", F),
    ("r3-lx-removable", r"\frac{x^2 - 1}{x - 1} = x + 1", F),
    ("r3-lx-arctan-pos", r"\arctan a + \arctan\frac{1}{a} = \frac{\pi}{2}", TE),
    ("r3-lx-slash-ambiguous", r"a/b c = 1", E),
    ("r3-lx-approx", r"\ln 2 \approx 0.693", E),
    ("r3-lx-chain", r"a = b = a", E),
])

_note("latex/Sums in LaTeX.md", "Sums in LaTeX", [
    "symbols: n nonnegative integer; k integer",
], [], latex=[
    ("r3-lx-sum-k", r"\sum_{k=1}^{n} k = \frac{n(n+1)}{2}", T),
    ("r3-lx-sum-k2", r"\sum_{k=1}^{n} k^2 = \frac{n(n+1)(2n+1)}{6}", T),
    ("r3-lx-sum-k2-wrong", r"\sum_{k=0}^{n} k^2 = \frac{n(n-1)(2n-1)}{6}", F),
    ("r3-lx-binom-row", r"\sum_{k=0}^{n} \binom{n}{k} = 2^n", T),
    ("r3-lx-binom2", r"\binom{n}{2} = \frac{n(n-1)}{2}", T),
    ("r3-lx-factorial-step", r"(n+1)! = (n+1)\, n!", T),
    ("r3-lx-prod-factorial", r"\prod_{k=1}^{n} k = n!", T),
    ("r3-lx-geom", r"\sum_{k=0}^{n} x^k = \frac{1 - x^{n+1}}{1 - x}", F),
    ("r3-lx-geom-2", r"\sum_{k=0}^{n} 2^k = 2^{n+1} - 1", T),
    ("r3-lx-odd", r"\sum_{k=1}^{n} (2k - 1) = n^2", T),
    ("r3-lx-odd-wrong", r"\sum_{k=1}^{n} (2k + 1) = n^2", F),
    ("r3-lx-basel", r"\sum_{k=1}^{\infty} \frac{1}{k^2} = \frac{\pi^2}{6}", TE),
    ("r3-lx-exp-series", r"\sum_{k=0}^{\infty} \frac{x^k}{k!} = e^x", TE),
    ("r3-lx-choose", r"\binom{n}{2} = {n \choose 2}", E),
    ("r3-lx-log-factorial", r"\log(n)! = 1", E),
])

_note("latex/Calculus in LaTeX.md", "Calculus in LaTeX", [
    "symbols: f g function; a positive; m real; s positive; t real; w real",
    "sigma(u) := 1/(1 + exp(-u))",
], [], latex=[
    ("r3-lx-gauss", r"\int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}", T),
    ("r3-lx-gauss-a", r"\int_{-\infty}^{\infty} e^{-a x^2}\,dx = \sqrt{\frac{\pi}{a}}", T),
    ("r3-lx-gauss-half-wrong", r"\int_{0}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}", F),
    ("r3-lx-normal", r"\int_{-\infty}^{\infty} \frac{1}{\sqrt{2\pi} s} e^{-\frac{(x-m)^2}{2 s^2}}\,dx = 1", T),
    ("r3-lx-normal-var", r"\int_{-\infty}^{\infty} x^2 \frac{e^{-x^2/2}}{\sqrt{2\pi}}\,dx = 1", T),
    ("r3-lx-indefinite", r"\int x\,dx = \frac{x^2}{2}", E),
    ("r3-lx-sigmoid-deriv", r"\frac{d\sigma}{dx} = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)", T),
    ("r3-lx-sigmoid-odd", r"\sigma(-t) = 1 - \sigma(t)", T),
    ("r3-lx-sigmoid-tanh", r"\sigma(t) = \frac{1}{2}\left(1 + \tanh\frac{t}{2}\right)", T),
    ("r3-lx-log-sigmoid", r"\ln \sigma(t) = -\ln(1 + e^{-t})", T),
    ("r3-lx-sigmoid-deriv-wrong", r"\frac{d}{dt}\sigma(t) = \sigma(t)\left(1 + \sigma(t)\right)", F),
    ("r3-lx-gauss-d2", r"\frac{d^2}{dx^2} e^{-x^2} = (4x^2 - 2) e^{-x^2}", T),
    ("r3-lx-gauss-d2-wrong", r"\frac{d^2}{dx^2} e^{-x^2} = (4x^2 + 2) e^{-x^2}", F),
    ("r3-lx-product-ambiguous", r"\frac{d}{dx} f(x) g(x) = 0", E),
    ("r3-lx-product-rule", r"\frac{d}{dx}\left(f(x) g(x)\right) = \frac{d}{dx}\left(f(x)\right) g(x) + f(x) \frac{d}{dx} g(x)", TE),
    ("r3-lx-chain-exp", r"\frac{d}{dx} e^{f(x)} = e^{f(x)} \frac{d}{dx} f(x)", TE),
    ("r3-lx-lse-partial", r"\frac{\partial}{\partial a} \ln\left(e^{a} + e^{m}\right) = \frac{e^{a}}{e^{a} + e^{m}}", T),
    ("r3-lx-fermi", r"-\frac{\partial}{\partial t}\ln\left(1 + e^{-t w}\right) = \frac{w}{e^{t w} + 1}", T),
    ("r3-lx-fermi-sign", r"\frac{\partial}{\partial t}\ln\left(1 + e^{-t w}\right) = \frac{w}{e^{t w} + 1}", F),
    ("r3-lx-phase-deriv", r"\frac{d}{dt} e^{-\mathrm{i} w t} = -\mathrm{i} w e^{-\mathrm{i} w t}", T),
    ("r3-lx-lim-sinc", r"\lim_{x \to 0} \frac{\sin x}{x} = 1", T),
    ("r3-lx-lim-recip-right", r"\lim_{x \to 0^+} \frac{1}{x} = \infty", TE),
    ("r3-lx-lim-recip", r"\lim_{x \to 0} \frac{1}{x} = \infty", FE),
    ("r3-lx-lim-cos-wrong", r"\lim_{x \to 0} \frac{1 - \cos x}{x^2} = 1", F),
    ("r3-lx-vector", r"\vec{v} = 0", E),
    ("r3-lx-pm", r"t^2 = 1 \pm 0", E),
    ("r3-lx-text", r"t = \text{speed}", E),
])

_note("latex/Boltzmann in LaTeX.md", "Bose and Boltzmann sums in LaTeX", [
    "symbols: beta positive; n integer",
], [], latex=[
    ("r3-lx-bose", r"\sum_{n=0}^{\infty} e^{-n\beta} = \frac{1}{1 - e^{-\beta}}", TE),
    ("r3-lx-oscillator", r"\sum_{n=0}^{\infty} e^{-\beta(n + \frac{1}{2})} = \frac{1}{2\sinh(\beta/2)}", TE),
    ("r3-lx-oscillator-wrong", r"\sum_{n=0}^{\infty} e^{-\beta(n + \frac{1}{2})} = \frac{1}{\sinh(\beta/2)}", FE),
])

# --------------------------------------------------------------------------- the same claims elsewhere
_note("same/First copy.md", "Same verdicts, first copy", ["symbols: x real; n nonnegative integer; k integer"], [
    ("r3-sv-tanhalf-a", "tan(x/2) == (1 - cos(x))/sin(x)", F),
    ("r3-sv-sigma-a", "diff(1/(1 + exp(-x)), x) == exp(-x)/(1 + exp(-x))**2", T),
    ("r3-sv-binalt-a", "Sum((-1)**k*binomial(n, k), (k, 0, n)) == 0", F),
    ("r3-sv-floor-a", "floor(x) + floor(-x) == -1", F),
    ("r3-sv-gauss-a", "integrate(exp(-x**2/2), (x, -oo, oo)) == sqrt(2*pi)", T),
], latex=[
    ("r3-sv-lx-sum-a", r"\sum_{k=1}^{n} k^3 = \frac{n^2(n+1)^2}{4}", T),
    ("r3-sv-lx-geom-a", r"\sum_{k=0}^{n} y^k = \frac{1 - y^{n+1}}{1 - y}", F),
])

_note("same/deep/er/Second copy.md", "Same verdicts, second copy", [
    "# padding so that the claims sit on other lines",
    "",
    "symbols: x real; n nonnegative integer; k integer",
    "# more padding",
], [
    ("r3-sv-gauss-b", "integrate(exp(-x**2/2), (x, -oo, oo)) == sqrt(2*pi)", T),
    ("r3-sv-floor-b", "floor(x) + floor(-x) == -1", F),
    ("r3-sv-binalt-b", "Sum((-1)**k*binomial(n, k), (k, 0, n)) == 0", F),
    ("r3-sv-sigma-b", "diff(1/(1 + exp(-x)), x) == exp(-x)/(1 + exp(-x))**2", T),
    ("r3-sv-tanhalf-b", "tan(x/2) == (1 - cos(x))/sin(x)", F),
], latex=[
    ("r3-sv-lx-geom-b", r"\sum_{k=0}^{n} y^k = \frac{1 - y^{n+1}}{1 - y}", F),
    ("r3-sv-lx-sum-b", r"\sum_{k=1}^{n} k^3 = \frac{n^2(n+1)^2}{4}", T),
], prose="Some prose first.\n\nAnd a second paragraph, with [[First copy]] linked but not used.")

_note("same/Third copy.md", "Same verdicts, third copy", ["symbols: x real; n nonnegative integer; k integer"], [
    "# the same claims again, after the others",
    ("r3-sv-floor-c", "floor(x) + floor(-x) == -1", F),
    ("r3-sv-tanhalf-c", "tan(x/2) == (1 - cos(x))/sin(x)", F),
    ("r3-sv-binalt-c", "Sum((-1)**k*binomial(n, k), (k, 0, n)) == 0", F),
])

SAME_VERDICT: dict[str, list[str]] = {
    "r3-tan-half-angle": ["r3-sv-tanhalf-a", "r3-sv-tanhalf-b", "r3-sv-tanhalf-c"],
    "r3-sigmoid-derivative": ["r3-sv-sigma-a", "r3-sv-sigma-b"],
    "r3-alternating-binomial": ["r3-sv-binalt-a", "r3-sv-binalt-b", "r3-sv-binalt-c", "r3-sum-binom-alt-n0"],
    "r3-floor-reflection": ["r3-sv-floor-a", "r3-sv-floor-b", "r3-sv-floor-c", "r3-num-floor-neg"],
    "r3-gaussian-unit-variance": ["r3-sv-gauss-a", "r3-sv-gauss-b"],
    "r3-latex-cubes": ["r3-sv-lx-sum-a", "r3-sv-lx-sum-b"],
    "r3-latex-geometric": ["r3-sv-lx-geom-a", "r3-sv-lx-geom-b"],
}

# Different texts of the same mathematics (the bench reports disagreements; they are not violations).
EQUIVALENT_FORMS: dict[str, list[str]] = {
    "r3-eq-pythagoras": ["r3-trig-pyth", "r3-lx-pyth"],
    "r3-eq-sum-squares": ["r3-sum-k2", "r3-lx-sum-k2"],
    "r3-eq-geometric": ["r3-sum-geom-x", "r3-lx-geom"],
    "r3-eq-gauss": ["r3-int-gauss", "r3-lx-gauss"],
    "r3-eq-sigmoid-odd": ["r3-ml-sigma-odd", "r3-lx-sigmoid-odd"],
    "r3-eq-tan-half": ["r3-trig-half-tan-b", "r3-lx-tan-half", "r3-sv-tanhalf-a"],
}

# Notes that check nothing and ask for nothing: they must have no status.
NOTES.append(("round3/plain/Definitions only.md", "\n".join([
    "# Definitions only",
    "",
    "A sympy block with symbols and definitions, and no claim.",
    "",
    "```sympy",
    "symbols: x real",
    "sigma(t) := 1/(1 + exp(-t))",
    "Z := exp(x) + 1",
    "```",
    "",
    "$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$",
    "",
    "An unmarked equation is not a claim: $$\\sin^2 x + \\cos^2 x = 2$$",
    "",
])))
NOTES.append(("round3/plain/Prose.md", "\n".join([
    "# Prose",
    "",
    "The softmax is a Boltzmann distribution; see [[Softmax three]].",
    "",
    "$$Z = \\sum_i e^{-\\beta E_i}$$",
    "",
    "%% verify is only a comment here, not after an equation %%",
    "",
])))
NO_CLAIM_NOTES: list[str] = ["round3/plain/Definitions only.md", "round3/plain/Prose.md"]

# A note with no claims of its own that opts in to a built-in derivation.
NOTES.append(("round3/plain/Logistic opt-in.md", "\n".join([
    "---",
    "derivations: [sigmoid-two-class-softmax]",
    "---",
    "# Logistic opt-in",
    "",
    "The logistic function is a two-class softmax.",
    "",
])))
OPT_IN_NOTES: dict[str, list[str]] = {"round3/plain/Logistic opt-in.md": ["sigmoid-two-class-softmax"]}

TRAPS: dict[str, str] = {
    "r3-trig-": "r3 trigonometry (true identities, sign errors, poles, inverse branches)",
    "r3-hyp-": "r3 hyperbolic functions",
    "r3-log-": "r3 log/exp/powers: branch cuts and assumptions",
    "r3-ml-": "r3 sigmoid, softmax, logsumexp, ReLU",
    "r3-int-": "r3 integrals (Gaussian and others)",
    "r3-num-": "r3 integer-only identities, floor/ceiling, Gamma",
    "r3-sum-": "r3 finite sums with closed forms (off-by-one)",
    "r3-prod-": "r3 finite products",
    "r3-ser-": "r3 infinite series",
    "r3-diff-": "r3 derivatives with undefined functions",
    "r3-lim-": "r3 limits",
    "r3-tiny-": "r3 differences hidden below many digits",
    "r3-far-": "r3 thresholds far from the origin",
    "r3-giv-": "r3 givens (used, misused, false, contradictory)",
    "r3-lx-": "r3 LaTeX claims",
    "r3-sv-": "r3 same claim in several notes",
}
