"""`vaultkit verify` on a vault of claims, tested from the outside against the claims contract.

One realistic vault (physics and machine-learning notes in folders, with frontmatter) holds true and false
`sympy` claims, `%% verify %%` LaTeX claims, malformed and hostile input, a `uses` cycle and a Python
derivation block. The real command line runs once for the whole module (`verify --json --no-cache`, in a
subprocess), and every claim's verdict is checked against an explicit table of what the contract says:

- a true claim is `proved` or `checked`;
- a false claim is `false`, with a counterexample;
- a claim that cannot be read, names an unknown function, or is hostile is an `error`, with a reason;
- a Python derivation block is `skipped` without `--run-python`;
- no code from a note runs (payloads that would create marker files), and nothing is written in the vault.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import line_of, tree_snapshot, write_vault

pytestmark = pytest.mark.xdist_group("test_outsider_claims")  # its tests share a module fixture: one worker runs them all

# Seconds for one claim (`--budget`), the default: far above what any claim below needs, so that no verdict
# depends on the machine's speed or load.
BUDGET = "60"
# The whole run is a subprocess; it must end within this, or the test fails instead of hanging.
RUN_TIMEOUT = 1200

REQUIRED_FIELDS = ("note", "line", "id", "source", "verdict", "method", "seconds", "message", "counterexample")
VERDICTS = {"proved", "checked", "false", "error", "skipped"}

# Expected verdict classes.
TRUE = "true"  # proved or checked
FALSE = "false"  # false, with a counterexample
ERROR = "error"  # error, with a reason
SKIPPED = "skipped"  # a Python block without --run-python
TRUE_OR_ERROR = "true-or-error"  # a construct the contract neither lists nor excludes: right, or refused
FALSE_OR_ERROR = "false-or-error"  # the same for a false claim: false, or refused
AMBIGUOUS = "ambiguous"  # the contract leaves the reading open; see LATEX_AMBIGUOUS

ACCEPTED = {
    TRUE: {"proved", "checked"},
    FALSE: {"false"},
    ERROR: {"error"},
    SKIPPED: {"skipped"},
    TRUE_OR_ERROR: {"proved", "checked", "error"},
    FALSE_OR_ERROR: {"false", "error"},
}

# Marker files that hostile payloads would create if any note text were ever executed.
MARKER_NAMES = (
    "import-touch",
    "os-system",
    "definition-payload",
    "latex-write18",
    "python-block",
)


# ---------------------------------------------------------------------------------------------------------
# The vault
# ---------------------------------------------------------------------------------------------------------

HARMONIC_OSCILLATOR = """---
aliases: [SHO, Simple harmonic oscillator]
tags: [physics/mechanics, waves]
created: 2024-06-02
---
# Harmonic oscillator

A mass $m$ on a spring of stiffness $k$ obeys $m\\ddot x = -k x$. The solution oscillates at the angular
frequency $\\omega_0 = \\sqrt{k/m}$ with amplitude $A$ and phase $\\varphi$; the energy sloshes between kinetic
and potential and its total is constant.

```sympy
# Undamped oscillator: x(t) = A cos(omega0 t + phi)
symbols: m k A positive; t phi real
omega0 := sqrt(k/m)
x(t) := A*cos(omega0*t + phi)
claim sho-equation-of-motion: m*diff(x(t), t, 2) + k*x(t) == 0
claim sho-energy-conserved: diff(m*diff(x(t), t)**2/2 + k*x(t)**2/2, t) == 0
claim sho-total-energy: m*diff(x(t), t)**2/2 + k*x(t)**2/2 == k*A**2/2
```

## Common slips

Three versions that turn up in problem-set solutions:

```sympy
claim sho-energy-missing-half: m*diff(x(t), t)**2/2 + k*x(t)**2/2 == k*A**2
claim sho-velocity-sign: diff(x(t), t) == A*omega0*sin(omega0*t + phi)
claim sho-chain-rule-dropped: diff(cos(omega0*t), t) == -sin(omega0*t)
```

See [[Two-level system]] for the quantum cousin.
"""

TWO_LEVEL_AMPLITUDES = """---
aliases: [Two-level system amplitudes]
tags: [physics/quantum]
---
# Two-level amplitudes

A state of a two-level system is $\\alpha|0\\rangle + \\beta|1\\rangle$ with complex amplitudes; the
probabilities are $|\\alpha|^2$ and $|\\beta|^2$.

```sympy
symbols: alpha beta z complex; theta phi real
given: Abs(beta)**2 == 1 - Abs(alpha)**2
claim amplitudes-normalized: Abs(alpha)**2 + Abs(beta)**2 == 1
claim global-phase-invariance: Abs(exp(I*phi)*alpha)**2 == Abs(alpha)**2
claim modulus-via-conjugate: Abs(z)**2 == z*conjugate(z)
claim bloch-sphere-normalized: Abs(cos(theta/2))**2 + Abs(exp(I*phi)*sin(theta/2))**2 == 1
claim conjugate-of-product: conjugate(alpha*z) == conjugate(alpha)*conjugate(z)
```

With the normalisation as a given, the LaTeX form is checked too:

$$|\\alpha|^2 + |\\beta|^2 = 1$$ %% verify latex-amplitudes-normalized %%

## Identities that only hold for real numbers

```sympy
claim modulus-of-square-complex: Abs(z**2) == z**2
claim conjugate-half-applied: conjugate(alpha*z) == alpha*conjugate(z)
claim real-part-of-square: re(z**2) == re(z)**2
claim log-exp-complex: log(exp(z)) == z
```
"""

TWO_LEVEL_SYSTEM = """---
tags: [physics/statistical-mechanics]
---
# Two-level system

Levels at energies $0$ and $\\epsilon$ at inverse temperature $\\beta$. Here $E$ is an energy, not Euler's
number, so it is declared.

```sympy
# Energies 0 and epsilon; E is an energy
symbols: E epsilon real; beta positive
Zq := 1 + exp(-beta*epsilon)
claim two-level-mean-energy: -diff(log(Zq), beta) == epsilon*exp(-beta*epsilon)/Zq
claim boltzmann-ratio: exp(-beta*(E + epsilon))/exp(-beta*E) == exp(-beta*epsilon)
claim energy-is-a-symbol: log(exp(E)) == E
claim energy-is-not-euler: log(E) == 1
```
"""

ACTIVATION_FUNCTIONS = """---
aliases: [activation function, nonlinearity]
tags: [ml/activation]
---
# Activation functions

The logistic sigmoid, the softplus and the rectifier.

```sympy
symbols: x real; a positive
sigma(x) := 1/(1 + exp(-x))
softplus(x) := log(1 + exp(x))
claim sigmoid-derivative: diff(sigma(x), x) == sigma(x)*(1 - sigma(x))
claim sigmoid-point-symmetry: sigma(-x) == 1 - sigma(x)
claim tanh-is-rescaled-sigmoid: tanh(x) == 2*sigma(2*x) - 1
claim softplus-derivative: diff(softplus(x), x) == sigma(x)
claim softplus-reflection: softplus(x) - softplus(-x) == x
claim relu-via-heaviside: x*Heaviside(x) == Max(x, 0)
```

$$\\frac{d\\sigma}{dx} = \\sigma(x)\\,\\bigl(1 - \\sigma(x)\\bigr)$$ %% verify latex-sigmoid-derivative %%

$$\\sigma(-x) = 1 - \\sigma(x)$$
%% verify latex-sigmoid-symmetry %%

$$\\frac{d}{dx} \\tanh(x) = 1 - \\tanh^2(x)$$ %% verify latex-tanh-derivative %%

The rectifier is $\\mathrm{ReLU}(x) = \\max(0, x)$; this display is not a claim:

$$\\mathrm{ReLU}(x) = \\max(0, x)$$

## Wrong turns

```sympy
claim sigmoid-derivative-squared: diff(sigma(x), x) == sigma(x)**2
claim relu6-equals-relu: Min(Max(x, 0), 6) == Max(x, 0)
claim tanh-gain-chain-rule: diff(tanh(a*x), x) == 1 - tanh(a*x)**2
```

$$\\frac{d}{dx} \\sigma(x) = \\sigma(x)^2$$ %% verify latex-sigmoid-derivative-squared %%
"""

SOFTMAX_TEMPERATURE = """---
aliases: [Temperature scaling]
tags: [ml/probability, physics/statistical-mechanics]
created: 2024-05-04
---
# Softmax temperature

The softmax turns logits $x_1, \\dots, x_n$ into probabilities; the temperature $T$ sets how peaked they are.

```sympy
# Softmax over n logits at temperature T
symbols: x indexed real; T positive; c real; n positive integer; i j k integer
range: i j k = 1..n
Z := Sum(exp(x[j]/T), (j, 1, n))
p(k) := exp(x[k]/T) / Z
claim softmax-sums-to-one: Sum(p(i), (i, 1, n)) == 1
claim log-sum-exp-gradient: diff(log(Z), x[k]) == p(k)/T
claim softmax-shift-invariance: exp((x[k] + c)/T) / Sum(exp((x[j] + c)/T), (j, 1, n)) == p(k)
claim softmax-odds: p(i)/p(k) == exp((x[i] - x[k])/T)
claim logit-sum-shift: Sum(x[i] + c, (i, 1, n)) == Sum(x[i], (i, 1, n)) + n*c
claim kronecker-sifting: Sum(KroneckerDelta(i, k)*x[i], (i, 1, n)) == x[k]
claim softmax-jacobian: diff(p(i), x[k]) == p(i)*(KroneckerDelta(i, k) - p(k))/T
```

$$\\sum_{i=1}^{n} p_i = 1$$ %% verify latex-softmax-normalized %%

$$\\sum_i p_i = 1$$ %% verify latex-softmax-normalized-range %%

$$\\sum_i (x_i + c) = \\sum_i x_i + n \\cdot c$$ %% verify latex-logit-shift-sum %%

$$\\frac{\\partial \\ln(Z)}{\\partial x_k} = \\frac{p_k}{T}$$ %% verify latex-log-partition-gradient %%

## Mistakes

```sympy
claim softmax-gradient-missing-temperature: diff(log(Z), x[k]) == p(k)
claim softmax-sum-wrong-bounds: Sum(p(i), (i, 1, n - 1)) == 1
claim softmax-shift-numerator-only: exp((x[k] + c)/T) / Z == p(k)
claim sum-is-n-times-one-term: Sum(x[i], (i, 1, n)) == n*x[k]
```

$$\\sum_{i=1}^{n-1} p_i = 1$$ %% verify latex-softmax-wrong-bounds %%
"""

CROSS_ENTROPY = """---
tags: [ml/loss]
---
# Cross-entropy loss

Targets $y_i$ against the [[Softmax temperature]] probabilities: $L = -\\sum_i y_i \\ln p_i$.

```sympy
uses: [[Softmax temperature]]
symbols: y indexed real
claim cross-entropy-gradient: diff(-Sum(y[i]*log(p(i)), (i, 1, n)), x[k]) == (p(k)*Sum(y[i], (i, 1, n)) - y[k])/T
claim used-softmax-normalized: Sum(p(j), (j, 1, n)) == 1
claim cross-entropy-gradient-sign: diff(-Sum(y[i]*log(p(i)), (i, 1, n)), x[k]) == (y[k] - p(k)*Sum(y[i], (i, 1, n)))/T
```
"""

LABEL_SMOOTHING = """---
tags: [ml/loss]
---
# Label smoothing

Builds on [[Cross-entropy loss]], and through it on the softmax.

```sympy
uses: [[Cross-entropy loss]]
claim transitive-softmax-odds: p(j)/p(k) == exp((x[j] - x[k])/T)
```
"""

CALCULUS = """---
aliases: [Handy identities]
tags: [math/calculus]
---
# Calculus identities

```sympy
symbols: x s real; a b positive; u negative; w nonzero; n positive integer; k integer
claim gaussian-integral: integrate(exp(-a*x**2), (x, -oo, oo)) == sqrt(pi/a)
claim sine-half-period: integrate(sin(x), (x, 0, pi)) == 2
claim gaussian-derivative: diff(exp(-a*x**2/2), x) == -a*x*exp(-a*x**2/2)
claim pythagorean: sin(x)**2 + cos(x)**2 == 1
claim hyperbolic-pythagorean: cosh(x)**2 - sinh(x)**2 == 1
claim tanh-addition: tanh(x + s) == (tanh(x) + tanh(s))/(1 + tanh(x)*tanh(s))
claim sqrt-of-square-positive: sqrt(a**2) == a
claim log-of-product-positive: log(a*b) == log(a) + log(b)
claim gauss-sum: Sum(k, (k, 1, n)) == n*(n + 1)/2
claim geometric-sum: Sum(2**k, (k, 0, n)) == 2**(n + 1) - 1
claim sinc-limit: limit(sin(x)/x, x, 0) == 1
claim arctan-reflection-positive: atan(a) + atan(1/a) == pi/2
claim binomial-row-sum: Sum(binomial(n, k), (k, 0, n)) == 2**n
claim euler-number: log(E) == 1
claim factorial-as-product: Product(k, (k, 1, n)) == factorial(n)
claim gamma-factorial: gamma(n + 1) == factorial(n)
claim unevaluated-derivative: Derivative(x**3, x) == 3*x**2
claim unevaluated-integral: Integral(x, (x, 0, b)) == b**2/2
claim basel-sum: Sum(1/k**2, (k, 1, oo)) == pi**2/6
claim integer-parity: cos(pi*k) == (-1)**k
claim sqrt-of-square-negative: sqrt(u**2) == -u
claim nonzero-ratio: w/w == 1
claim sign-times-modulus: sign(x)*Abs(x) == x
claim: exp(log(a)) == a
```

## True only sometimes

The number of regions cut from a disc by the chords between n points on its circle goes 1, 2, 4, 8,
16, and then 31; and $e^{\\pi\\sqrt{163}}$ is famously within $10^{-12}$ of an integer.

```sympy
claim sqrt-of-square-real: sqrt(x**2) == x
claim log-of-product-real: log(x*s) == log(x) + log(s)
claim gauss-sum-wrong-bounds: Sum(k, (k, 1, n - 1)) == n*(n + 1)/2
claim geometric-sum-off-by-one: Sum(2**k, (k, 1, n)) == 2**(n + 1) - 1
claim gaussian-integral-width-inverted: integrate(exp(-a*x**2), (x, -oo, oo)) == sqrt(pi*a)
claim antiderivative-off-by-constant: integrate(cos(x), (x, 0, b)) == sin(b) + 1
claim double-angle-sign: cos(2*x) == sin(x)**2 - cos(x)**2
claim arctan-reflection-real: atan(x) + atan(1/x) == pi/2
claim sqrt-of-product-real: sqrt(x*s) == sqrt(x)*sqrt(s)
claim bare-e-is-a-symbol: log(e) == 1
claim circle-regions-pattern: binomial(n, 4) + binomial(n, 2) + 1 == 2**(n - 1)
claim ramanujan-almost-integer: exp(pi*sqrt(163)) == 640320**3 + 744
```
"""

LATEX_IDENTITIES = """---
tags: [math/latex]
---
# Identities in LaTeX

```sympy
symbols: x real; a positive; n positive integer; k integer
```

$$\\frac{d}{dx} e^{-a x^2/2} = -a x\\, e^{-a x^2/2}$$ %% verify latex-gaussian-derivative %%

$$\\cosh^2(x) - \\sinh^2(x) = 1$$ %% verify latex-hyperbolic-pythagorean %%

$$\\sqrt{a^2} = a$$ %% verify latex-sqrt-positive %%

$$\\ln(e^{x}) = x$$ %% verify latex-log-exp %%

$$\\partial_x (x^3) = 3 x^2$$ %% verify latex-partial-cube %%

$$\\frac{1}{1 + e^{-x}} + \\frac{1}{1 + e^{x}} = 1$$ %% verify latex-logistic-complement %%

$$\\left(\\frac{x}{2}\\right)^2 \\cdot 4 = x^2$$ %% verify latex-left-right %%

$$\\sum_{k=0}^{n} 2^k = 2^{n+1} - 1$$ %% verify latex-geometric-sum %%

$$
\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}
$$ %% verify latex-gauss-sum %%

$$\\mathrm{e}^{\\ln(a)} = a$$ %% verify latex-mathrm-e %%

$$\\exp(x) \\cdot \\exp(-x) = 1$$ %% verify %%

$$\\displaystyle \\frac{2x}{2} = x$$ %% verify latex-displaystyle %%

$$3 \\times a = a + a + a\\;$$ %% verify latex-times %%

$$e^{i\\pi} = -1$$ %% verify latex-euler-identity %%

$$e^{\\mathrm{i}\\pi} = -1$$ %% verify latex-euler-identity-upright-i %%

$$e^{I\\pi} = -1$$ %% verify latex-euler-identity-capital-i %%

$$\\lim_{x \\to 0} \\frac{\\sin(2x)}{x} = 2$$ %% verify latex-limit %%

$$\\int_{-\\infty}^{\\infty} e^{-x^2}\\,dx = \\sqrt{\\pi}$$ %% verify latex-gaussian-integral %%

## False

$$\\sqrt{x^2} = x$$ %% verify latex-sqrt-real %%

$$|x| = x$$ %% verify latex-abs-real %%

$$\\sum_{k=1}^{n} 2^k = 2^{n+1} - 1$$ %% verify latex-geometric-off-by-one %%

$$\\frac{d}{dx} \\sin(x^2) = \\cos(x^2)$$ %% verify latex-chain-rule-dropped %%

$$\\frac{d}{dx} e^{-a x^2/2} = a x\\, e^{-a x^2/2}$$ %% verify latex-gaussian-derivative-sign %%

$$\\log(x^2) = 2\\log(x)$$ %% verify latex-log-square-real %%

$$\\lim_{x \\to 0} \\frac{\\sin(x)}{x} = 2$$ %% verify latex-limit-wrong-value %%
"""

PASTED_LECTURE = """---
source: pasted from slides
tags: [inbox]
---
# Pasted lecture notes

```sympy
symbols: y indexed real; m k integer; x real; n positive integer
```

$$\\foo(x) = x$$ %% verify latex-unknown-command %%

$$\\frac{\\sin(x)}{x} = 1 \\quad (x \\to 0)$$ %% verify latex-limit-arrow %%

$$e^{-x} \\to 0$$ %% verify latex-arrow-alone %%

$$\\sin(x) \\approx x$$ %% verify latex-approx %%

$$x^2 \\geq 0$$ %% verify latex-inequality %%

$$\\sqrt{x^2} = \\pm x$$ %% verify latex-plus-minus %%

$$\\sum_{k=1}^{n} k = 1 + 2 + \\dots + n$$ %% verify latex-ellipsis %%

$$\\frac{d}{dx} x^2 = 2x \\text{ for all } x$$ %% verify latex-text %%

$$\\sum_m y_m = 0$$ %% verify latex-sum-without-range %%

$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$ %% verify latex-undefined-function %%

$$\\input{/etc/passwd} = 0$$ %% verify latex-input %%

$$\\immediate\\write18{touch @latex-write18@} = 0$$ %% verify latex-write18 %%
"""

NESTED = "(" * 1200 + "x" + ")" * 1200
GIANT_LITERAL = "9" * 150

PASTED_FORUM = (
    """---
source: a forum post
tags: [inbox, untrusted]
---
# Pasted from a forum

Someone's "derivation", kept for reference. None of it must ever run.

```sympy
symbols: x real; n positive integer
claim hostile-import: __import__('pathlib').Path('@import-touch@').touch() == 0
claim hostile-system: __import__('os').system('touch @os-system@') == 0
claim hostile-attribute: x.__class__ == x
claim hostile-lambda: (lambda: x)() == x
claim hostile-comprehension: Sum([k for k in (1, 2)]) == 3
claim hostile-string: 'x' == x
claim hostile-keyword-argument: diff(x, x, evaluate=False) == 1
claim hostile-conditional: (x if x else 1) == x
claim hostile-eval: eval(x) == x
claim hostile-exec: exec(x) == 0
claim hostile-open: open(x) == 0
claim hostile-builtins: __builtins__ == x
claim hostile-power-tower: 2**2**2**40 == 0
claim hostile-giant-literal: """
    + GIANT_LITERAL
    + """ == 0
claim hostile-factorial: factorial(100000) == 0
claim hostile-deep-nesting: """
    + NESTED
    + """ == x
claim undeclared-function: g(x) == x
helper := x + 1
helper := x + 2
payload(y) := __import__('pathlib').Path('@definition-payload@').touch()
import os
```
"""
)

HALF_FINISHED = """---
tags: [inbox, draft]
---
# Half-finished derivation

Lines typed in a hurry; each must come back as an error with a reason.

```sympy
symbols: x real; n positive integer
claim single-equals: x = x
claim missing-equation: x + 1
claim unbalanced-parenthesis: (x + 1 == x + 1
claim inequality-not-identity: x**2 >= 0
claim chained-equation: x == x == x
claim undeclared-symbol: q + 1 == 1 + q
claim huge-power: 10**100000 == 0
```
"""

# Saved on Windows: CRLF line endings.
LORENTZ_FACTOR = (
    "---\r\n"
    "tags: [physics/relativity]\r\n"
    "---\r\n"
    "# Lorentz factor\r\n"
    "\r\n"
    "For speeds $v$ below $c$, $\\gamma = 1/\\sqrt{1 - v^2/c^2}$.\r\n"
    "\r\n"
    "```sympy\r\n"
    "symbols: v c positive\r\n"
    "gamma_v := 1/sqrt(1 - v**2/c**2)\r\n"
    "claim lorentz-factor-identity: gamma_v**2*(1 - v**2/c**2) == 1\r\n"
    "claim lorentz-low-speed-approximation: gamma_v == 1 + v**2/(2*c**2)\r\n"
    "```\r\n"
    "\r\n"
    "$$\\sqrt{c^2} = c$$ %% verify latex-crlf-sqrt %%\r\n"
)

CYCLE_ALPHA = """---
tags: [graph]
---
# Cycle alpha

```sympy
uses: [[Cycle beta]]
symbols: u real
claim cycle-alpha-claim: u + u == 2*u
```
"""

CYCLE_BETA = """---
tags: [graph]
---
# Cycle beta

```sympy
uses: [[Cycle alpha]]
symbols: v real
claim cycle-beta-claim: v*v == v**2
```
"""

SELF_REFERENCE = """# Self reference

```sympy
uses: [[Self reference]]
symbols: w real
claim self-reference-claim: w - w == 0
```
"""

SCRATCHPAD = """---
tags: [scratch]
---
# Derivation scratchpad

```python derivation
import pathlib
pathlib.Path("@python-block@").touch()
from sympy import symbols, exp, diff
x = symbols("x", real=True)
s = 1 / (1 + exp(-x))
claim("py-sigmoid-derivative", diff(s, x), s * (1 - s))
```
"""

NOTES = {
    "physics/mechanics/Harmonic oscillator.md": HARMONIC_OSCILLATOR,
    "physics/quantum/Two-level amplitudes.md": TWO_LEVEL_AMPLITUDES,
    "physics/Two-level system.md": TWO_LEVEL_SYSTEM,
    "ml/Activation functions.md": ACTIVATION_FUNCTIONS,
    "ml/Softmax temperature.md": SOFTMAX_TEMPERATURE,
    "ml/losses/Cross-entropy loss.md": CROSS_ENTROPY,
    "ml/losses/Label smoothing.md": LABEL_SMOOTHING,
    "math/Calculus identities.md": CALCULUS,
    "math/Identities in LaTeX.md": LATEX_IDENTITIES,
    "inbox/Pasted lecture notes.md": PASTED_LECTURE,
    "inbox/Pasted from a forum.md": PASTED_FORUM,
    "inbox/Half-finished derivation.md": HALF_FINISHED,
    "physics/relativity/Lorentz factor.md": LORENTZ_FACTOR,
    "graph/Cycle alpha.md": CYCLE_ALPHA,
    "graph/Cycle beta.md": CYCLE_BETA,
    "graph/Self reference.md": SELF_REFERENCE,
    "scratch/Derivation scratchpad.md": SCRATCHPAD,
}

# ---------------------------------------------------------------------------------------------------------
# What the contract says about each claim: id -> (note, expected verdict class)
# ---------------------------------------------------------------------------------------------------------

SHO = "physics/mechanics/Harmonic oscillator.md"
AMP = "physics/quantum/Two-level amplitudes.md"
TLS = "physics/Two-level system.md"
ACT = "ml/Activation functions.md"
SMX = "ml/Softmax temperature.md"
XENT = "ml/losses/Cross-entropy loss.md"
SMOOTH = "ml/losses/Label smoothing.md"
CALC = "math/Calculus identities.md"
LTX = "math/Identities in LaTeX.md"
LECTURE = "inbox/Pasted lecture notes.md"
FORUM = "inbox/Pasted from a forum.md"
DRAFT = "inbox/Half-finished derivation.md"
LORENTZ = "physics/relativity/Lorentz factor.md"

SYMPY_TRUE = {
    "sho-equation-of-motion": SHO,
    "sho-energy-conserved": SHO,
    "sho-total-energy": SHO,
    "amplitudes-normalized": AMP,
    "global-phase-invariance": AMP,
    "modulus-via-conjugate": AMP,
    "bloch-sphere-normalized": AMP,
    "conjugate-of-product": AMP,
    "two-level-mean-energy": TLS,
    "boltzmann-ratio": TLS,
    "energy-is-a-symbol": TLS,
    "sigmoid-derivative": ACT,
    "sigmoid-point-symmetry": ACT,
    "tanh-is-rescaled-sigmoid": ACT,
    "softplus-derivative": ACT,
    "softplus-reflection": ACT,
    "relu-via-heaviside": ACT,
    "softmax-sums-to-one": SMX,
    "log-sum-exp-gradient": SMX,
    "softmax-shift-invariance": SMX,
    "softmax-odds": SMX,
    "logit-sum-shift": SMX,
    "cross-entropy-gradient": XENT,
    "used-softmax-normalized": XENT,
    "transitive-softmax-odds": SMOOTH,
    "gaussian-integral": CALC,
    "sine-half-period": CALC,
    "gaussian-derivative": CALC,
    "pythagorean": CALC,
    "hyperbolic-pythagorean": CALC,
    "tanh-addition": CALC,
    "sqrt-of-square-positive": CALC,
    "log-of-product-positive": CALC,
    "gauss-sum": CALC,
    "geometric-sum": CALC,
    "sinc-limit": CALC,
    "arctan-reflection-positive": CALC,
    "binomial-row-sum": CALC,
    "euler-number": CALC,
    "factorial-as-product": CALC,
    "gamma-factorial": CALC,
    "unevaluated-derivative": CALC,
    "unevaluated-integral": CALC,
    "basel-sum": CALC,
    "integer-parity": CALC,  # needs k to be drawn as an integer
    "sqrt-of-square-negative": CALC,  # needs u to be drawn negative
    "nonzero-ratio": CALC,
    "sign-times-modulus": CALC,
    "kronecker-sifting": SMX,  # needs the free index k drawn from its range
    "softmax-jacobian": SMX,
}

SYMPY_FALSE = {
    "sho-energy-missing-half": SHO,  # off by a factor of 2 (equal only when k A^2 = 0)
    "sho-velocity-sign": SHO,  # sign error
    "sho-chain-rule-dropped": SHO,  # missing the inner derivative omega0
    "modulus-of-square-complex": AMP,  # true for real z only
    "conjugate-half-applied": AMP,  # true for real alpha only
    "real-part-of-square": AMP,  # true for real z only
    "log-exp-complex": AMP,  # true only while |Im z| < pi
    "energy-is-not-euler": TLS,  # E is a declared energy here, not Euler's number
    "sigmoid-derivative-squared": ACT,  # agrees with the truth at x = 0
    "relu6-equals-relu": ACT,  # false only for x > 6
    "tanh-gain-chain-rule": ACT,  # missing the chain-rule factor a (agrees at a = 1)
    "softmax-gradient-missing-temperature": SMX,  # missing 1/T (agrees at T = 1)
    "softmax-sum-wrong-bounds": SMX,  # sum stops at n - 1
    "softmax-shift-numerator-only": SMX,  # shift applied to the numerator only
    "cross-entropy-gradient-sign": XENT,  # sign error
    "sqrt-of-square-real": CALC,  # true for x >= 0 only
    "log-of-product-real": CALC,  # false only when both factors are negative
    "gauss-sum-wrong-bounds": CALC,  # sum stops at n - 1
    "geometric-sum-off-by-one": CALC,  # sum starts at 1, not 0
    "gaussian-integral-width-inverted": CALC,  # sqrt(pi*a) for sqrt(pi/a): agrees at a = 1
    "antiderivative-off-by-constant": CALC,  # off by an additive constant
    "double-angle-sign": CALC,  # sign error
    "arctan-reflection-real": CALC,  # true for x > 0 only
    "sqrt-of-product-real": CALC,  # false only when both factors are negative
    "bare-e-is-a-symbol": CALC,  # a bare e is a symbol, not Euler's number
    "circle-regions-pattern": CALC,  # 1, 2, 4, 8, 16 regions, then 31 at n = 6
    "ramanujan-almost-integer": CALC,  # the sides differ by about 7.5e-13
    "sum-is-n-times-one-term": SMX,  # true only when all logits are equal
    "lorentz-low-speed-approximation": LORENTZ,  # an approximation, not an identity
    "lorentz-factor-identity": LORENTZ,  # at v = c the left side has no value and the right is 1
}

LATEX_TRUE = {
    "latex-amplitudes-normalized": AMP,  # through the note's `given`
    "latex-sigmoid-derivative": ACT,  # the contract's own example
    "latex-sigmoid-symmetry": ACT,  # `%% verify %%` on the line after the closing $$
    "latex-tanh-derivative": ACT,
    "latex-softmax-normalized": SMX,
    "latex-softmax-normalized-range": SMX,  # \\sum_i over the declared range
    "latex-logit-shift-sum": SMX,
    "latex-log-partition-gradient": SMX,
    "latex-gaussian-derivative": LTX,
    "latex-hyperbolic-pythagorean": LTX,
    "latex-sqrt-positive": LTX,
    "latex-log-exp": LTX,
    "latex-partial-cube": LTX,
    "latex-logistic-complement": LTX,
    "latex-left-right": LTX,
    "latex-geometric-sum": LTX,
    "latex-gauss-sum": LTX,  # a display equation over several lines
    "latex-mathrm-e": LTX,
    "latex-displaystyle": LTX,
    "latex-times": LTX,
    "latex-euler-identity-upright-i": LTX,
    "latex-crlf-sqrt": LORENTZ,
}

LATEX_FALSE = {
    # In LaTeX, E and I are ordinary names (an energy, a current, a moment of inertia), as the claims
    # guide says; the imaginary unit is \mathrm{i}. So e^{I\pi} = -1 is false for most values of I.
    "latex-euler-identity-capital-i": LTX,
    "latex-sigmoid-derivative-squared": ACT,
    "latex-softmax-wrong-bounds": SMX,
    "latex-sqrt-real": LTX,
    "latex-abs-real": LTX,
    "latex-geometric-off-by-one": LTX,
    "latex-chain-rule-dropped": LTX,
    "latex-gaussian-derivative-sign": LTX,
    "latex-log-square-real": LTX,  # true for x > 0 only
}

# Errors that name what is not understood: id -> (note, one of these strings must be in the message).
LATEX_ERROR = {
    "latex-unknown-command": (LECTURE, ("\\foo",)),
    "latex-limit-arrow": (LECTURE, ("\\to", "\\quad")),  # "= 1 as x -> 0" is not "= 1"
    "latex-arrow-alone": (LECTURE, ("\\to",)),
    "latex-approx": (LECTURE, ("\\approx",)),
    "latex-inequality": (LECTURE, ("\\geq",)),
    "latex-plus-minus": (LECTURE, ("\\pm",)),
    "latex-ellipsis": (LECTURE, ("\\dots",)),
    "latex-text": (LECTURE, ("\\text",)),
    "latex-sum-without-range": (LECTURE, ("range",)),
    "latex-undefined-function": (LECTURE, ("sigma",)),
    "latex-input": (LECTURE, ("\\input",)),
    "latex-write18": (LECTURE, ("\\immediate", "\\write")),
}

# Integrals and limits are not in the contract's list of LaTeX translations: a right answer, or an error
# that names the command.
LATEX_TRUE_OR_ERROR = {
    "latex-gaussian-integral": (LTX, ("\\int",)),
    "latex-limit": (LTX, ("\\lim",)),
}
LATEX_FALSE_OR_ERROR = {
    "latex-limit-wrong-value": (LTX, ("\\lim",)),
}

# The contract does not say whether a bare i in LaTeX is the imaginary unit or a symbol. Either reading is
# acceptable if it is explicit: true (imaginary unit), an error (ambiguous), or false with i as a variable.
LATEX_AMBIGUOUS = {
    "latex-euler-identity": (LTX, {"proved", "checked", "error", "false"}),
}

MALFORMED = {
    "single-equals": DRAFT,
    "missing-equation": DRAFT,
    "unbalanced-parenthesis": DRAFT,
    "inequality-not-identity": DRAFT,
    "chained-equation": DRAFT,
    "undeclared-symbol": DRAFT,
    "huge-power": DRAFT,
}

HOSTILE = {
    "hostile-import": FORUM,
    "hostile-system": FORUM,
    "hostile-attribute": FORUM,
    "hostile-lambda": FORUM,
    "hostile-comprehension": FORUM,
    "hostile-string": FORUM,
    "hostile-keyword-argument": FORUM,
    "hostile-conditional": FORUM,
    "hostile-eval": FORUM,
    "hostile-exec": FORUM,
    "hostile-open": FORUM,
    "hostile-builtins": FORUM,
    "hostile-power-tower": FORUM,
    "hostile-giant-literal": FORUM,
    "hostile-factorial": FORUM,
    "hostile-deep-nesting": FORUM,
    "undeclared-function": FORUM,
}

# Statements that are not claims but must be an error on their own line: (note, text of that line).
STATEMENT_ERRORS = [
    (FORUM, "helper := x + 2"),  # a name defined twice: the second definition is the cause
    (FORUM, "payload(y) := __import__"),
    (FORUM, "import os"),
]

# A cycle of `uses`: an error on the line that closes it (whichever of the two that is).
CYCLE_LINES = [
    ("graph/Cycle alpha.md", "uses: [[Cycle beta]]"),
    ("graph/Cycle beta.md", "uses: [[Cycle alpha]]"),
]
SELF_CYCLE = ("graph/Self reference.md", "uses: [[Self reference]]")

EXPECTED: dict[str, tuple[str, str]] = {}
for _table, _kind in ((SYMPY_TRUE, TRUE), (SYMPY_FALSE, FALSE), (LATEX_TRUE, TRUE), (LATEX_FALSE, FALSE)):
    for _id, _note in _table.items():
        EXPECTED[_id] = (_note, _kind)
for _id, (_note, _names) in LATEX_ERROR.items():
    EXPECTED[_id] = (_note, ERROR)
for _id, (_note, _names) in LATEX_TRUE_OR_ERROR.items():
    EXPECTED[_id] = (_note, TRUE_OR_ERROR)
for _id, (_note, _names) in LATEX_FALSE_OR_ERROR.items():
    EXPECTED[_id] = (_note, FALSE_OR_ERROR)
for _id, (_note, _accepted) in LATEX_AMBIGUOUS.items():
    EXPECTED[_id] = (_note, AMBIGUOUS)
for _table in (HOSTILE, MALFORMED):
    for _id, _note in _table.items():
        EXPECTED[_id] = (_note, ERROR)

SYMPY_IDS = set(SYMPY_TRUE) | set(SYMPY_FALSE) | set(HOSTILE) | set(MALFORMED)
LATEX_IDS = (
    set(LATEX_TRUE)
    | set(LATEX_FALSE)
    | set(LATEX_ERROR)
    | set(LATEX_TRUE_OR_ERROR)
    | set(LATEX_FALSE_OR_ERROR)
    | set(LATEX_AMBIGUOUS)
)
assert not SYMPY_IDS & LATEX_IDS and SYMPY_IDS | LATEX_IDS == set(EXPECTED)


def expected_lines(note_text: str, claim_id: str) -> set[int]:
    """The lines a claim may be reported on: its `claim ID:` line, or its display equation's lines."""
    if claim_id in SYMPY_IDS:
        return {line_of(note_text, f"claim {claim_id}:")}
    marker = f"%% verify {claim_id} %%"
    comment_line = line_of(note_text, marker)
    lines = note_text.split("\n")
    before_marker = lines[comment_line - 1].split(marker)[0]
    dollars = before_marker.count("$$")
    if dollars == 2:  # $$ … $$ %% verify %% on one line
        return {comment_line}
    if dollars == 0:  # the comment on the line after the equation: either line
        return {comment_line - 1, comment_line}
    # The closing $$ of an equation over several lines: any line from the opening $$ to here.
    start = comment_line - 1
    while lines[start - 1].count("$$") == 0:
        start -= 1
    return set(range(start, comment_line + 1))


# ---------------------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------------------


def vaultkit_command() -> list[str]:
    script = Path(sys.executable).parent / "vaultkit"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "vaultkit.cli"]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("outsider-claims")
    markers = base / "markers"
    markers.mkdir()
    marker_paths = {name: markers / name for name in MARKER_NAMES}
    notes = {}
    for rel, text in NOTES.items():
        for name, path in marker_paths.items():
            text = text.replace(f"@{name}@", str(path))
        notes[rel] = text
    vault = write_vault(base, notes)
    workdir = base / "cwd"
    workdir.mkdir()
    env = dict(os.environ)
    env["VAULTKIT_CACHE_DIR"] = str(base / "cache")
    before = tree_snapshot(vault)
    proc = subprocess.run(
        [*vaultkit_command(), "verify", str(vault), "--json", "--no-cache", "--budget", BUDGET],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    after = tree_snapshot(vault)
    try:
        results = json.loads(proc.stdout)
    except json.JSONDecodeError:  # pragma: no cover - reported by the test below
        results = None
    return {
        "vault": vault,
        "notes": notes,
        "proc": proc,
        "results": results,
        "before": before,
        "after": after,
        "markers": marker_paths,
        "workdir": workdir,
    }


def results_of(run) -> list[dict]:
    proc = run["proc"]
    assert run["results"] is not None, f"stdout is not JSON: {proc.stdout[:2000]!r} {proc.stderr[-2000:]!r}"
    assert isinstance(run["results"], list)
    return run["results"]


def result(run, claim_id: str) -> dict:
    found = [r for r in results_of(run) if r.get("id") == claim_id]
    assert len(found) == 1, f"{claim_id}: {len(found)} results"
    return found[0]


def describe(r: dict) -> str:
    verdict, method, message = r.get("verdict"), r.get("method"), r.get("message")
    return f"{verdict} ({method}): {message!r} counterexample={r.get('counterexample')!r}"


# ---------------------------------------------------------------------------------------------------------
# The run as a whole
# ---------------------------------------------------------------------------------------------------------


def test_output_is_a_json_list_of_results(run):
    results = results_of(run)
    assert results, "no results"


def test_exit_status_is_1_when_something_is_false_or_an_error(run):
    assert run["proc"].returncode == 1, run["proc"].stderr[-2000:]


def test_every_result_has_the_contract_fields(run):
    for r in results_of(run):
        missing = [f for f in REQUIRED_FIELDS if f not in r]
        assert not missing, (r.get("id"), missing)
        assert r["verdict"] in VERDICTS, r
        assert r["source"] in {"sympy", "latex", "builtin", "python"}, r
        assert isinstance(r["line"], int) and r["line"] >= 1, r
        assert isinstance(r["seconds"], (int, float)) and r["seconds"] >= 0, r
        assert isinstance(r["message"], str), r


def test_results_name_notes_by_vault_relative_path(run):
    for r in results_of(run):
        assert r["note"] in NOTES, r["note"]


def test_no_builtin_derivation_attaches(run):
    # No note here is titled or aliased after a built-in derivation's concepts.
    assert not [r for r in results_of(run) if r["source"] == "builtin"]


def test_every_expected_claim_is_reported_once(run):
    ids = [r["id"] for r in results_of(run)]
    missing = sorted(i for i in EXPECTED if i not in ids)
    assert not missing, missing
    repeated = sorted({i for i in ids if i in EXPECTED and ids.count(i) > 1})
    assert not repeated, repeated


def test_unmarked_display_equation_is_not_a_claim(run):
    line = line_of(run["notes"][ACT], "$$\\mathrm{ReLU}(x) = \\max(0, x)$$")
    assert not [r for r in results_of(run) if r["note"] == ACT and r["line"] == line]


def test_claim_without_an_id_is_reported_on_its_line(run):
    line = line_of(run["notes"][CALC], "claim: exp(log(a)) == a")
    found = [r for r in results_of(run) if r["note"] == CALC and r["line"] == line]
    assert len(found) == 1, found
    assert found[0]["id"], found[0]
    assert found[0]["verdict"] in ACCEPTED[TRUE], describe(found[0])


# ---------------------------------------------------------------------------------------------------------
# Claim by claim
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("claim_id", sorted(EXPECTED))
def test_verdict(run, claim_id):
    note, kind = EXPECTED[claim_id]
    r = result(run, claim_id)
    assert r["note"] == note
    accepted = LATEX_AMBIGUOUS[claim_id][1] if kind == AMBIGUOUS else ACCEPTED[kind]
    assert r["verdict"] in accepted, f"{claim_id}: expected {kind}, got {describe(r)}"
    if r["verdict"] == "false":
        assert r["counterexample"], f"{claim_id}: false without a counterexample: {describe(r)}"
    if r["verdict"] == "error":
        assert r["message"].strip(), f"{claim_id}: an error without a reason"


@pytest.mark.parametrize("claim_id", sorted(EXPECTED))
def test_line_points_to_the_claim(run, claim_id):
    note, _kind = EXPECTED[claim_id]
    r = result(run, claim_id)
    assert r["line"] in expected_lines(run["notes"][note], claim_id), (claim_id, r["line"])


@pytest.mark.parametrize("claim_id", sorted(EXPECTED))
def test_source_kind(run, claim_id):
    r = result(run, claim_id)
    assert r["source"] == ("sympy" if claim_id in SYMPY_IDS else "latex"), r


@pytest.mark.parametrize("claim_id", sorted(LATEX_ERROR))
def test_latex_error_names_what_is_not_understood(run, claim_id):
    _note, names = LATEX_ERROR[claim_id]
    r = result(run, claim_id)
    assert r["verdict"] == "error", describe(r)
    assert any(name in r["message"] for name in names), (claim_id, r["message"])


@pytest.mark.parametrize("claim_id", sorted(LATEX_TRUE_OR_ERROR | LATEX_FALSE_OR_ERROR))
def test_unsupported_latex_is_refused_by_name(run, claim_id):
    _note, names = (LATEX_TRUE_OR_ERROR | LATEX_FALSE_OR_ERROR)[claim_id]
    r = result(run, claim_id)
    if r["verdict"] == "error":
        assert any(name in r["message"] for name in names), (claim_id, r["message"])


@pytest.mark.parametrize("claim_id", sorted(set(SYMPY_TRUE) | set(LATEX_TRUE)))
def test_true_claims_have_no_counterexample(run, claim_id):
    r = result(run, claim_id)
    assert r["counterexample"] is None, describe(r)


def test_euler_identity_with_i_as_a_variable_says_so(run):
    r = result(run, "latex-euler-identity")
    if r["verdict"] == "false":
        point = r["counterexample"]
        names = point.keys() if isinstance(point, dict) else str(point)
        assert "i" in names, describe(r)


def test_latex_claim_without_an_id_is_reported_on_its_line(run):
    line = line_of(run["notes"][LTX], "$$\\exp(x) \\cdot \\exp(-x) = 1$$ %% verify %%")
    found = [r for r in results_of(run) if r["note"] == LTX and r["line"] == line]
    assert len(found) == 1, found
    assert found[0]["id"] and found[0]["source"] == "latex", found[0]
    assert found[0]["verdict"] in ACCEPTED[TRUE], describe(found[0])


@pytest.mark.parametrize("note,text", STATEMENT_ERRORS, ids=[t for _n, t in STATEMENT_ERRORS])
def test_bad_statement_is_an_error_on_its_line(run, note, text):
    line = line_of(run["notes"][note], text)
    found = [r for r in results_of(run) if r["note"] == note and r["line"] == line]
    assert found, f"no result on {note}:{line} ({text})"
    assert all(r["verdict"] == "error" for r in found), [describe(r) for r in found]


def test_uses_cycle_is_an_error_on_a_uses_line(run):
    lines = {(note, line_of(run["notes"][note], text)) for note, text in CYCLE_LINES}
    found = [r for r in results_of(run) if (r["note"], r["line"]) in lines]
    assert found, "the cycle of uses is not reported on either uses line"
    assert all(r["verdict"] == "error" for r in found), [describe(r) for r in found]
    assert any("cycle" in r["message"].lower() for r in found), [describe(r) for r in found]


def test_self_use_is_a_cycle(run):
    note, text = SELF_CYCLE
    line = line_of(run["notes"][note], text)
    found = [r for r in results_of(run) if r["note"] == note and r["line"] == line]
    assert found, "uses of the note itself is not reported on its line"
    assert all(r["verdict"] == "error" for r in found), [describe(r) for r in found]


def test_python_block_is_skipped_without_run_python(run):
    note = "scratch/Derivation scratchpad.md"
    text = run["notes"][note]
    first = line_of(text, "```python derivation")
    last = line_of(text, "```", occurrence=2)
    found = [r for r in results_of(run) if r["note"] == note]
    assert found, "the python derivation block is not reported"
    for r in found:
        assert r["source"] == "python", r
        assert r["verdict"] == "skipped", describe(r)
        assert first <= r["line"] <= last, r["line"]


# ---------------------------------------------------------------------------------------------------------
# Nothing runs, nothing is written
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", MARKER_NAMES)
def test_no_code_from_a_note_runs(run, name):
    assert not run["markers"][name].exists(), f"note text was executed: {name}"


def test_no_stray_files_in_the_working_directory(run):
    assert not any(run["workdir"].iterdir()), sorted(p.name for p in run["workdir"].iterdir())


def test_nothing_is_written_in_the_vault(run):
    assert run["before"] == run["after"]
