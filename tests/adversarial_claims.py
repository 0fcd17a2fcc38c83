r"""Data for the adversarial claims suite: a vault of notes and the expected class of every claim.

No test logic lives here. `NOTES` is a list of (vault-relative path, text); `EXPECTED` maps every claim id to
its class; `SAME_VERDICT` lists groups of ids that hold the same claim (same text, same symbol assumptions) on
different lines and in different notes; `TRAPS` names the trap class of each id prefix.

Classes:
  TRUE            the claim is true: it must never be reported `false` (a refusal, `error`, is counted, not failed)
  FALSE           the claim is false: it must never be reported `proved` or `checked`
  ERROR           the claim must be refused (`error`)
  TRUE_OR_ERROR   true, or a reading the contract leaves open: must not be `false`
  FALSE_OR_ERROR  false, or a reading the contract leaves open: must not be `proved`/`checked`

Semantics assumed (the target contract): an undeclared-assumption symbol ranges over all complex numbers;
`nonzero` does not imply real; principal branches as SymPy defines them (Heaviside(0) = 1/2, sign(0) = 0,
sign(z) = z/|z|); a claim is false at a point where exactly one side is defined and finite; `limit` is
two-sided unless '+'/'-' is given; a `given:` is a constraint; a constant-false or contradictory set of
givens makes every claim in its scope an `error`. In LaTeX an undeclared `e` is Euler's number, an undeclared
`i` that could be the imaginary unit is refused, `\sqrt[3]{-8}` is the real cube root, a derivative before a
product is refused, and an applied unknown function is an arbitrary (smooth) function.

Every truth value was decided by hand and double-checked numerically at high precision (mpmath, 50+ digits)
outside the repository; the comment next to a non-obvious entry gives the witness or the reason.
"""

from __future__ import annotations

TRUE = "TRUE"
FALSE = "FALSE"
ERROR = "ERROR"
TRUE_OR_ERROR = "TRUE_OR_ERROR"
FALSE_OR_ERROR = "FALSE_OR_ERROR"

CLASSES = (TRUE, FALSE, ERROR, TRUE_OR_ERROR, FALSE_OR_ERROR)

# ---------------------------------------------------------------------------------------------------------
# The vault
# ---------------------------------------------------------------------------------------------------------

NOTES: list[tuple[str, str]] = [
    # -----------------------------------------------------------------------------------------------------
    (
        "complex/Branch cuts.md",
        r"""---
tags: [complex, branch-cuts]
---
# Branch cuts

Principal branches: log has its cut on the negative real axis, arg in (-pi, pi].

```sympy
symbols: z w; x y real; a b positive; r nonnegative; t negative; k integer; u complex nonzero
claim bc-log-exp-complex: log(exp(z)) == z
claim bc-log-exp-real: log(exp(x)) == x
claim bc-exp-log-nonzero: exp(log(u)) == u
claim bc-log-product-pos: log(a*b) == log(a) + log(b)
claim dup-logsum-c: log(z*w) == log(z) + log(w)
claim bc-log-product-real: log(x*y) == log(x) + log(y)
claim bc-log-square-nonzero: log(u*u) == 2*log(u)
claim bc-log-inverse-complex: log(1/z) == -log(z)
claim bc-log-inverse-pos: log(1/a) == -log(a)
claim bc-log-inverse-nonzero: log(1/u) == -log(u)
claim bc-log-inverse-neg: log(1/t) == -log(t)
claim bc-sqrt-square-complex: sqrt(z**2) == z
claim bc-sqrt-square-abs: sqrt(x**2) == Abs(x)
claim dup-sqrtsq-c: sqrt(x**2) == x
claim bc-sqrt-square-pos: sqrt(a**2) == a
claim bc-sqrt-square-neg: sqrt(t**2) == -t
claim bc-sqrt-product-complex: sqrt(z*w) == sqrt(z)*sqrt(w)
claim bc-sqrt-product-pos: sqrt(a*b) == sqrt(a)*sqrt(b)
claim bc-sqrt-product-nonneg: sqrt(r*a) == sqrt(r)*sqrt(a)
claim bc-sqrt-product-mixed: sqrt(t*a) == sqrt(t)*sqrt(a)
claim bc-sqrt-product-two-neg: sqrt(t*t) == sqrt(t)*sqrt(t)
claim bc-sqrt-inverse-neg: sqrt(1/t) == 1/sqrt(t)
claim bc-sqrt-inverse-complex: sqrt(1/z) == 1/sqrt(z)
claim bc-sqrt-squared: sqrt(z)**2 == z
```

Powers of complex numbers and inverse trigonometric functions off the real line.

```sympy
claim bc-power-power-complex: (z**a)**b == z**(a*b)
claim bc-power-power-pos-base: (b**z)**w == b**(z*w)
claim bc-power-power-real-exp: (a**x)**y == a**(x*y)
claim bc-power-integer-outer: (u**w)**k == u**(w*k)
claim bc-cube-cuberoot: (z**3)**(1/3) == z
claim bc-cuberoot-neg8: (-8)**(1/3) == -2
claim bc-cuberoot-neg8-principal: (-8)**(1/3) == 1 + I*sqrt(3)
claim bc-exp-power-complex: exp(z)**w == exp(z*w)
claim bc-exp-power-real: exp(x)**y == exp(x*y)
claim bc-atan-tan: atan(tan(x)) == x
claim bc-atan-recip-pos: atan(a) + atan(1/a) == pi/2
claim bc-atan-odd: atan(-z) == -atan(z)
claim bc-asin-sin: asin(sin(x)) == x
claim bc-sin-asin: sin(asin(z)) == z
claim bc-asin-two: asin(2) == pi/2
claim bc-asin-acos: asin(z) + acos(z) == pi/2
claim bc-log-square-real: log(x**2) == 2*log(x)
claim bc-log-square-pos: log(a**2) == 2*log(a)
claim bc-log-square-abs: log(x**2) == 2*log(Abs(x))
claim bc-log-sqrt: log(sqrt(z)) == log(z)/2
claim bc-log-square-complex: log(z**2) == 2*log(z)
claim bc-arg-product: arg(z*w) == arg(z) + arg(w)
claim bc-abs-product: Abs(z*w) == Abs(z)*Abs(w)
claim bc-conj-log: conjugate(log(z)) == log(conjugate(z))
claim bc-conj-sqrt: conjugate(sqrt(z)) == sqrt(conjugate(z))
claim bc-conj-exp: conjugate(exp(z)) == exp(conjugate(z))
claim bc-sqrt-neg: sqrt(t) == I*sqrt(-t)
claim bc-sqrt-neg-wrong: sqrt(t) == -I*sqrt(-t)
claim bc-neg-one-power: (-1)**z == exp(I*pi*z)
claim bc-i-power-i: I**I == exp(-pi/2)
claim bc-i-power-i-wrong: I**I == exp(pi/2)
claim bc-log-neg: log(t) == log(-t) + I*pi
claim bc-log-neg-wrong: log(t) == log(-t) - I*pi
claim bc-acos-cos: acos(cos(x)) == Abs(x)
claim bc-power-product-real: (x*y)**w == x**w*y**w
claim bc-power-definition: exp(w*log(u)) == u**w
claim bc-cube-real: (x**3)**(1/3) == x
claim bc-cos-asin: cos(asin(z)) == sqrt(1 - z**2)
claim bc-sqrt-exp-complex: sqrt(exp(z)) == exp(z/2)
claim bc-sqrt-exp-real: sqrt(exp(x)) == exp(x/2)
claim bc-log-minus: log(-x) == log(x) + I*pi
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "complex/Assumptions.md",
        r"""# Assumptions

`nonzero` does not make a symbol real; `integer` parity tricks.

```sympy
symbols: x real; z; u complex nonzero; q nonzero; v real nonzero; a positive; t negative; k integer; p positive integer
claim as-nonzero-complex-im: im(u) == 0
claim as-nonzero-im: im(q) == 0
claim as-nonzero-abs-square: Abs(q)**2 == q**2
claim as-nonzero-ratio: q/q == 1
claim as-real-nonzero-ratio: sqrt(v**2)/v == sign(v)
claim as-real-ratio: x/x == 1
claim as-removable: (x**2 - 1)/(x - 1) == x + 1
claim as-conj-real: conjugate(x) == x
claim as-conj-complex: conjugate(z) == z
claim as-conj-nonzero: conjugate(q) == q
claim as-abs-pos: Abs(a) == a
claim as-abs-real: Abs(x) == x
claim as-abs-neg: Abs(t) == -t
claim as-parity-even: (-1)**(2*k) == 1
claim as-parity-odd: (-1)**(2*k + 1) == -1
claim as-parity-k: (-1)**k == 1
claim as-parity-real: (-1)**(2*x) == 1
claim as-parity-square: (-1)**(k**2) == (-1)**k
claim as-parity-consecutive: (-1)**(k*(k + 1)) == 1
claim as-parity-triangular: (-1)**(k*(k + 1)/2) == 1
claim as-parity-pos: (-1)**(p*(p - 1)) == 1
claim as-sin-pi-k: sin(pi*k) == 0
claim as-cos-pi-k: cos(pi*k) == (-1)**k
claim as-sin-pi-x: sin(pi*x) == 0
claim as-cos-period-k: cos(x + 2*pi*k) == cos(x)
claim as-exp-2pi-i-k: exp(2*pi*I*k) == 1
claim as-exp-2pi-i-x: exp(2*pi*I*x) == 1
claim as-exp-pi-i-k: exp(pi*I*k) == 1
claim as-floor-int: floor(k) == k
claim as-floor-real: floor(x) == x
claim as-factorial-ratio: factorial(p)/factorial(p - 1) == p
claim as-sqrt-square-int: sqrt(k**2) == Abs(k)
claim as-sqrt-square-int-wrong: sqrt(k**2) == k
claim as-sqrt-square-posint: sqrt(p**2) == p
claim as-sqrt-square-nonzero-real: sqrt(v**2) == v
claim as-abs-square-real: Abs(x**2) == x**2
claim as-abs-square-complex: Abs(z**2) == z**2
claim as-re-real: re(x) == x
claim as-re-complex: re(z) == z
claim as-abs-exp-real: Abs(exp(x)) == exp(x)
claim as-abs-exp-complex: Abs(exp(z)) == exp(z)
claim as-abs-exp-re: Abs(exp(z)) == exp(re(z))
claim as-sign-nonzero-wrong: Abs(q)/q == sign(q)
claim as-sign-nonzero: q/Abs(q) == sign(q)
claim as-log-abs-neg: log(Abs(t)) == log(-t)
claim as-arg-nonzero: arg(u) == 0
claim as-shifted-ratio: (x - 1)/(x - 1) == 1
claim as-log-ratio: log(x)/log(x) == 1
claim as-square-over: x**2/x == x
claim as-exp-ratio: exp(x)/exp(x) == 1
claim as-tan-cos: tan(x)*cos(x) == sin(x)
claim as-sin-over-cos: sin(x)/cos(x) == tan(x)
claim as-nonzero-sqrt-abs: sqrt(q**2) == Abs(q)
claim as-nonzero-log-abs: log(q**2) == 2*log(Abs(q))
claim as-nonzero-abs-conj: Abs(q)**2 == q*conjugate(q)
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "analysis/Tiny differences.md",
        r"""# Tiny differences

Differences far below 30 digits: numeric agreement at working precision is not equality.

```sympy
symbols: x y real; a positive; z
claim td-exp-minus-50: x + exp(-50) == x
claim dup-tiny40-c: x + 10**-40 == x
claim td-relative-1e100: (1 + 10**-100)*a == a
claim td-exp-minus-100: exp(-100) == 0
claim td-tanh-100: tanh(100) == 1
claim td-tanh-shift: tanh(a + 100) == 1
claim td-sigmoid-200: 1/(1 + exp(-200)) == 1
claim td-sin-pi-big: sin(pi*10**20) == 0
claim td-pi-355: pi == 355/113
claim td-pi-40-digits: pi == 3141592653589793238462643383279502884197/10**39
claim td-e-46-digits: E == 27182818284590452353602874713526624977572470937/10**46
claim td-cancel-back: (x + 10**-40) - 10**-40 == x
claim td-exp-product: exp(-50)*exp(50) == 1
claim td-log1p: log(1 + 10**-30) == 10**-30
claim td-sqrt-near: sqrt(10**40 + 1) == 10**20
claim td-sqrt-cancel: sqrt(10**80 + 1) - 10**40 == 0
claim td-sqrt-rationalized: sqrt(10**80 + 1) - 10**40 == 1/(sqrt(10**80 + 1) + 10**40)
claim td-relative-1e35: x*(1 + 10**-35) == x
claim td-poly-tiny-coefficient: x**2 + 10**-50*x**3 == x**2
claim td-exact-square: (1 + 10**-40)**2 == 1 + 2*10**-40 + 10**-80
claim td-exp-shift: exp(x + 10**-40) == exp(x)
claim td-ratio: (x**2 + 1)/(x**2 + 1 + 10**-45) == 1
claim td-cos-small: cos(10**-20) == 1
claim td-sin-small: sin(10**-20) == 10**-20
claim td-complex-tiny: z + I*10**-40 == z
claim td-relative-sum: a + 10**-100*a == a
claim td-log-shift: exp(log(a) + 10**-40) == a*exp(10**-40)
claim td-compound-interest: (1 + 10**-20)**(10**20) == E
claim td-1e-1000: x + 10**-1000 == x
claim td-exp-minus-1e4: exp(-10**4) == 0
claim td-relative-1e500: (1 + 10**-500)*a == a
claim td-decimal-sum: 0.1 + 0.2 == 0.3
claim td-decimal-third: 1/3 == 0.333333333333333
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "analysis/Huge magnitudes.md",
        r"""# Huge magnitudes

Catastrophic cancellation at e^200 and beyond.

```sympy
symbols: x y real; a positive; z
claim dup-cosh100-c: cosh(a + 100)**2 - sinh(a + 100)**2 == 1
claim hm-cosh-sinh-shift-zero: cosh(a + 100)**2 - sinh(a + 100)**2 == 0
claim hm-cosh-sinh-real: cosh(x)**2 - sinh(x)**2 == 1
claim hm-cosh-sinh-complex: cosh(z)**2 - sinh(z)**2 == 1
claim hm-cosh-sinh-far: cosh(x + 1000)**2 - sinh(x + 1000)**2 == 1
claim hm-exp-ratio: exp(x + 1000)/exp(x + 999) == E
claim hm-exp-ratio-wrong: exp(x + 1000)/exp(x + 999) == 3
claim hm-big-square: (10**30 + x)**2 - 10**60 - 2*10**30*x == x**2
claim hm-big-square-zero: (10**30 + x)**2 - 10**60 - 2*10**30*x == 0
claim hm-big-square-off: (10**30 + x)**2 - 10**60 - 2*10**30*x == x**2 + 1
claim hm-log-exp-1000: log(exp(1000)) == 1000
claim hm-exp-difference: exp(a + 200) - exp(a + 200)*(1 + exp(-300)) == 0
claim hm-logsumexp: log(exp(1000) + exp(1000)) == 1000 + log(2)
claim hm-logsumexp-wrong: log(exp(1000) + exp(999)) == 1000
claim hm-tanh-tail: 1 - tanh(a + 50) == 2/(exp(2*a + 100) + 1)
claim hm-tanh-tail-wrong: 1 - tanh(a + 50) == 2*exp(-2*a - 100)
claim hm-factorial-ratio: factorial(100)/factorial(98) == 9900
claim hm-factorial-ratio-wrong: factorial(100)/factorial(98) == 9901
claim hm-sqrt-cancel: sqrt(x**2 + 1) - Abs(x) == 1/(sqrt(x**2 + 1) + Abs(x))
claim hm-sqrt-cancel-wrong: sqrt(x**2 + 1) - Abs(x) == 1/(2*sqrt(x**2 + 1))
claim hm-power-two: 2**1000 - 2**999 == 2**999
claim hm-power-two-wrong: 2**1000 - 2**999 == 2**999 + 1
claim hm-cosh-definition-far: cosh(x + 500) == (exp(x + 500) + exp(-x - 500))/2
claim hm-cosh-half-exp: cosh(x + 500) == exp(x + 500)/2
claim hm-big-rational: (10**50 + 1)/10**50 == 1
claim hm-tanh-far: sinh(a + 300)/cosh(a + 300) == tanh(a + 300)
claim hm-exp-big-minus: exp(1000)*(1 - exp(-1000)) == exp(1000) - 1
claim hm-exp-big-minus-wrong: exp(1000)*(1 - exp(-1000)) == exp(1000)
claim hm-cosh-sinh-1e4: cosh(x + 10**4)**2 - sinh(x + 10**4)**2 == 1
claim hm-log-exp-1e6: log(exp(10**6)) == 10**6
claim hm-factorial-1000: factorial(1000)/factorial(999) == 1000
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "analysis/Thresholds.md",
        r"""# Thresholds

Heaviside, floor, ceiling, sign, Abs, Min, Max switching at 0, 1/3, 1000 and 10**5.

```sympy
symbols: x y real; a positive; z
claim th-heaviside-sign: 2*Heaviside(x) - 1 == sign(x)
claim th-heaviside-1000: Heaviside(x - 1000) == 0
claim th-heaviside-1e5: Heaviside(x - 10**5)*x == 0
claim th-heaviside-third: Heaviside(x - 1/3) == Heaviside(3*x - 1)
claim th-heaviside-product: Heaviside(x)*Heaviside(-x) == 0
claim th-heaviside-sum: Heaviside(x) + Heaviside(-x) == 1
claim th-heaviside-abs: Heaviside(Abs(x)) == 1
claim th-abs-max: Abs(x) == Max(x, -x)
claim th-max-plus-min: Max(x, y) + Min(x, y) == x + y
claim th-max-minus-min: Max(x, y) - Min(x, y) == x - y
claim th-max-minus-min-abs: Max(x, y) - Min(x, y) == Abs(x - y)
claim th-max-1000: Max(x, 1000) == x
claim dup-min1000-c: Min(x, 1000) == x
claim th-min-1e5: Min(x, 10**5) == x
claim th-max-1e5-split: Max(x, 10**5) == x + Max(0, 10**5 - x)
claim th-max-third: Max(x, 1/3) == Max(3*x, 1)/3
claim th-floor-triple: floor(3*x) == 3*floor(x)
claim th-floor-1000: floor(x/1000) == 0
claim th-floor-abs: floor(Abs(x)) == Abs(floor(x))
claim th-floor-1e5-shift: floor(x + 10**5) == floor(x) + 10**5
claim th-ceiling-floor: ceiling(x) == -floor(-x)
claim th-ceiling-floor-plus1: ceiling(x) == floor(x) + 1
claim th-ceiling-third: ceiling(x - 1/3) == floor(x + 2/3)
claim th-sign-abs: sign(x)*Abs(x) == x
claim th-sign-abs-complex: sign(z)*Abs(z) == z
claim th-sign-square: sign(x)**2 == 1
claim th-sign-1000: sign(x - 1000) == -1
claim th-sign-third: sign(3*x - 1) == sign(x - 1/3)
claim th-abs-1e5: Abs(x - 10**5) == 10**5 - x
claim th-abs-triangle: Abs(x + y) == Abs(x) + Abs(y)
claim th-abs-window: Abs(x) + Abs(x - 1000) == 1000
claim th-max-pos-1e5: Max(a, 10**5) == 10**5
claim th-min-pos-zero: Min(a, 0) == 0
claim th-max-pos-neg: Max(a, -a) == a
claim th-hermite-2: floor(x + 1/2) == floor(2*x) - floor(x)
claim th-hermite-3: floor(x) + floor(x + 1/3) + floor(x + 2/3) == floor(3*x)
claim th-hermite-3-wrong: floor(x) + floor(x + 1/3) + floor(x + 1/2) == floor(3*x)
claim th-heaviside-1e10: Heaviside(x - 10**10) == 0
claim th-min-1e30: Min(x, 10**30) == x
claim th-float-third: Heaviside(x - 0.333333333333333) == Heaviside(3*x - 1)
claim th-floor-1e10: floor(x/10**10) == 0
claim th-max-complex: Max(z, 0) == z
claim th-heaviside-integral: Integral(Heaviside(x), (x, -1, 1)) == 1
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "number-theory/Integer identities.md",
        r"""# Integer identities

Identities that hold only on the integers, or only off them.

```sympy
symbols: x real; k m integer; n nonnegative integer; p positive integer
claim dup-floorneg-c: floor(x) + floor(-x) == -1
claim nt-floor-neg-int: floor(k) + floor(-k) == 0
claim nt-floor-neg-half: floor(k + 1/2) + floor(-k - 1/2) == -1
claim nt-floor-ceiling-half: floor(k/2) + ceiling(k/2) == k
claim nt-twice-floor-half: 2*floor(k/2) == k
claim nt-parity-floor: k - 2*floor(k/2) == (1 - (-1)**k)/2
claim nt-ceiling-third: ceiling(k/3) == floor((k + 2)/3)
claim nt-ceiling-third-wrong: ceiling(k/3) == floor((k + 1)/3)
claim nt-floor-shift: floor(x + k) == floor(x) + k
claim nt-floor-scale: floor(k*x) == k*floor(x)
claim nt-consecutive-parity: (-1)**(k**2 + k) == 1
claim nt-cos-k-pi: cos(k*pi) == (-1)**k
claim nt-sin-half-odd: sin(pi*(2*k + 1)/2) == (-1)**k
claim nt-binomial-one: binomial(p, 1) == p
claim nt-binomial-two: binomial(n + 2, 2) == (n + 2)*(n + 1)/2
claim nt-floor-sqrt-step: floor(sqrt(p)) == floor(sqrt(p + 1))
claim nt-floor-sqrt-square: floor(sqrt(p**2)) == p
claim nt-triple-parity: (-1)**(3*k) == (-1)**k
claim nt-half-power: (-1)**(k/2) == I**k
claim nt-half-power-wrong: (-1)**(k/2) == 1
claim nt-kronecker-zero: KroneckerDelta(k, 0) == 1 - Abs(sign(k))
claim nt-kronecker-product: KroneckerDelta(k, m) == KroneckerDelta(k, 0)*KroneckerDelta(m, 0)
claim nt-fermat-30: floor((k**5 - k)/30) == (k**5 - k)/30
claim nt-fermat-60: floor((k**5 - k)/60) == (k**5 - k)/60
claim nt-cubes-6: floor((k**3 - k)/6) == (k**3 - k)/6
claim nt-sin-k: sin(k) == 0
claim nt-floor-third: floor(k + 1/3) == k
claim nt-power-of-two: floor(2**p/2) == 2**(p - 1)
claim nt-floor-below-one: floor(n/(n + 1)) == 0
claim nt-floor-above-one: floor((p + 1)/p) == 1
claim nt-half-square: floor((k**2 + 1)/2) == k**2/2
claim nt-wilson-quotient: floor(factorial(p - 1)/p) == factorial(p - 1)/p
claim nt-threshold-1e6: floor(k/10**6) == 0
claim nt-kronecker-1e6: KroneckerDelta(k, 10**6) == 0
claim nt-floor-sqrt-plus-one: floor(sqrt(p**2 + 1)) == p
claim nt-floor-sqrt-k: floor(sqrt(k**2 + 1)) == Abs(k)
claim nt-floor-sqrt-next: floor(sqrt(p**2 + 2*p + 1)) == p
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "series/Sums.md",
        r"""# Sums

Symbolic bounds, empty ranges, closed forms that are wrong only for some n.

```sympy
symbols: n m nonnegative integer; p positive integer; x real; j k integer
claim dup-gauss-c: Sum(j, (j, 1, n)) == n*(n + 1)/2
claim sum-gauss-wrong: Sum(j, (j, 1, n)) == n**2/2
claim sum-squares: Sum(j**2, (j, 1, n)) == n*(n + 1)*(2*n + 1)/6
claim sum-cubes: Sum(j**3, (j, 1, n)) == (n*(n + 1)/2)**2
claim sum-count: Sum(1, (j, 1, n)) == n
claim sum-count-max: Sum(1, (j, 1, n)) == Max(n, 1)
claim sum-from-zero: Sum(j, (j, 0, n)) == n*(n + 1)/2
claim sum-geometric-closed: Sum(x**j, (j, 0, n)) == (x**(n + 1) - 1)/(x - 1)
claim sum-geometric-times: Sum(x**j, (j, 0, n))*(x - 1) == x**(n + 1) - 1
claim sum-powers-two: Sum(2**j, (j, 0, n)) == 2**(n + 1) - 1
claim sum-half-powers: Sum(2**(-j), (j, 0, n)) == 2 - 2**(-n)
claim sum-half-powers-tiny-at-3: Sum(2**(-j), (j, 0, n)) == 2 - 2**(-n) + KroneckerDelta(n, 3)/10**30
claim sum-geometric-infinite: Sum(2**(-j), (j, 0, oo)) == 2
claim sum-geometric-infinite-wrong: Sum(2**(-j), (j, 1, oo)) == 2
claim sum-geometric-series-x: Sum(x**j, (j, 0, oo)) == 1/(1 - x)
claim sum-basel: Sum(1/j**2, (j, 1, oo)) == pi**2/6
claim sum-basel-decimal: Sum(1/j**2, (j, 1, oo)) == 16449/10000
claim sum-harmonic-log: Sum(1/j, (j, 1, n)) == log(n) + 1
claim sum-alternating-ones: Sum((-1)**j, (j, 0, n)) == (1 + (-1)**n)/2
claim sum-alternating-ones-wrong: Sum((-1)**j, (j, 0, n)) == 1
claim sum-telescoping: Sum(1/(j*(j + 1)), (j, 1, n)) == n/(n + 1)
claim sum-telescoping-wrong: Sum(1/(j*(j + 1)), (j, 1, n)) == 1 - 1/n
claim dup-pattern-c: Sum(j, (j, 1, n)) == n*(n + 1)/2 + n*(n - 1)*(n - 2)*(n - 3)*(n - 4)*(n - 5)
claim sum-pattern-1-to-5: Sum(j**2, (j, 1, p)) == p*(p + 1)*(2*p + 1)/6 + (p - 1)*(p - 2)*(p - 3)*(p - 4)*(p - 5)
claim sum-gauss-positive: Sum(j, (j, 1, p)) == p*(p + 1)/2
claim sum-binomial-weighted: Sum(j*binomial(n, j), (j, 0, n)) == n*2**(n - 1)
claim sum-binomial-row: Sum(binomial(n, j), (j, 0, n)) == 2**n
claim sum-binomial-alternating: Sum((-1)**j*binomial(n, j), (j, 0, n)) == 0
claim sum-binomial-alternating-pos: Sum((-1)**j*binomial(p, j), (j, 0, p)) == 0
claim sum-binomial-alternating-delta: Sum((-1)**j*binomial(n, j), (j, 0, n)) == KroneckerDelta(n, 0)
claim sum-double: Sum(Sum(1, (k, 1, j)), (j, 1, n)) == n*(n + 1)/2
claim sum-shifted-window: Sum(j, (j, m + 1, m + n)) == n*m + n*(n + 1)/2
claim sum-shifted-window-wrong: Sum(j, (j, m, m + n)) == n*m + n*(n + 1)/2
claim sum-reversal: Sum(j, (j, 1, n)) == Sum(n + 1 - j, (j, 1, n))
claim sum-j-two-power: Sum(j*2**j, (j, 0, n)) == (n - 1)*2**(n + 1) + 2
claim sum-zeta3-wrong: Sum(1/j**3, (j, 1, oo)) == pi**3/26
claim sum-exp-series: Sum(x**j/factorial(j), (j, 0, oo)) == exp(x)
claim sum-exp-series-from-1: Sum(x**j/factorial(j), (j, 1, oo)) == exp(x)
claim sum-alternating-harmonic: Sum((-1)**(j + 1)/j, (j, 1, oo)) == log(2)
claim sum-odd-numbers: Sum(2*j - 1, (j, 1, n)) == n**2
claim sum-odd-numbers-wrong: Sum(2*j + 1, (j, 1, n)) == n**2
claim sum-binomial-30: Sum(j, (j, 1, n)) == n*(n + 1)/2 + binomial(n, 30)
claim sum-kronecker-50: Sum(j, (j, 1, n)) == n*(n + 1)/2 + KroneckerDelta(n, 50)
claim sum-heaviside-half: Sum(Heaviside(j - 3), (j, 1, n)) == Max(n - 3, 0)
claim sum-heaviside-half-true: Sum(Heaviside(j - 3), (j, 1, n)) == Max(n - 5/2, 0)
claim sum-derivative-geometric: diff(Sum(x**j, (j, 0, n)), x) == Sum(j*x**(j - 1), (j, 1, n))
claim sum-sign: Sum(sign(j), (j, 0, n)) == n
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "series/Products.md",
        r"""# Products

Empty products are 1; closed forms that fail at n = 0 or only from n = 7 on.

```sympy
symbols: n m nonnegative integer; p positive integer; x real; j integer
claim prod-factorial: Product(j, (j, 1, n)) == factorial(n)
claim prod-constant: Product(2, (j, 1, n)) == 2**n
claim prod-factorial-recursion: Product(j, (j, 1, n)) == n*factorial(n - 1)
claim prod-factorial-recursion-pos: Product(j, (j, 1, p)) == p*factorial(p - 1)
claim prod-telescoping: Product((j + 1)/j, (j, 1, n)) == n + 1
claim prod-telescoping-wrong: Product((j + 1)/j, (j, 1, n)) == n
claim prod-wallis: Product(1 - 1/(4*j**2), (j, 1, oo)) == 2/pi
claim prod-wallis-wrong: Product(1 - 1/(4*j**2), (j, 1, oo)) == 1/2
claim prod-powers: Product(2**j, (j, 1, n)) == 2**(n*(n + 1)/2)
claim prod-evens: Product(2*j, (j, 1, n)) == 2**n*factorial(n)
claim prod-power-x: Product(x, (j, 1, n)) == x**n
claim prod-pattern-0-to-6: Product(j, (j, 1, n)) == factorial(n) + n*(n - 1)*(n - 2)*(n - 3)*(n - 4)*(n - 5)*(n - 6)
claim prod-one-minus-squares: Product(1 - 1/j**2, (j, 2, p)) == (p + 1)/(2*p)
claim prod-window: Product(j, (j, m + 1, m + n)) == factorial(m + n)/factorial(m)
claim prod-window-wrong: Product(j, (j, m, m + n)) == factorial(m + n)/factorial(m)
claim prod-odds: Product(2*j - 1, (j, 1, n)) == factorial(2*n)/(2**n*factorial(n))
claim prod-odds-wrong: Product(2*j - 1, (j, 1, n)) == factorial(2*n)/2**n
claim prod-sign: Product(-1, (j, 1, n)) == (-1)**n
claim prod-sign-wrong: Product(-1, (j, 1, n)) == -1
claim prod-kronecker-40: Product(j, (j, 1, n)) == factorial(n)*(1 + KroneckerDelta(n, 40))
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "calculus/Improper integrals.md",
        r"""# Improper integrals

Convergence depends on the parameter's range.

```sympy
symbols: x t real; a b positive; c real; s positive; k positive integer
claim ig-exp-decay: Integral(exp(-a*x), (x, 0, oo)) == 1/a
claim ig-exp-decay-real: Integral(exp(-c*x), (x, 0, oo)) == 1/c
claim ig-gauss: Integral(exp(-a*x**2), (x, -oo, oo)) == sqrt(pi/a)
claim ig-gauss-half-wrong: Integral(exp(-a*x**2), (x, 0, oo)) == sqrt(pi/a)
claim ig-gauss-real-param: Integral(exp(-c*x**2), (x, -oo, oo)) == sqrt(pi/c)
claim ig-gamma-k: Integral(x**k*exp(-x), (x, 0, oo)) == factorial(k)
claim ig-gamma-k-wrong: Integral(x**k*exp(-x), (x, 0, oo)) == factorial(k - 1)
claim ig-inverse-square: Integral(1/x**2, (x, 1, oo)) == 1
claim ig-harmonic-zero: Integral(1/x, (x, 1, oo)) == 0
claim ig-harmonic-infinite: Integral(1/x, (x, 1, oo)) == oo
claim ig-power-tail: Integral(x**(-s), (x, 1, oo)) == 1/(s - 1)
claim ig-power-tail-k: Integral(x**(-k - 1), (x, 1, oo)) == 1/k
claim ig-sinc: Integral(sin(x)/x, (x, 0, oo)) == pi/2
claim ig-sinc-wrong: Integral(sin(x)/x, (x, 0, oo)) == pi
claim ig-dirichlet-pos: Integral(sin(a*x)/x, (x, 0, oo)) == pi/2
claim ig-dirichlet-real: Integral(sin(c*x)/x, (x, 0, oo)) == pi/2
claim ig-laplace-cos: Integral(exp(-a*x)*cos(b*x), (x, 0, oo)) == a/(a**2 + b**2)
claim ig-laplace-sin-wrong: Integral(exp(-a*x)*sin(b*x), (x, 0, oo)) == a/(a**2 + b**2)
claim ig-abs: Integral(Abs(x), (x, -1, 1)) == 1
claim ig-odd-wrong: Integral(x, (x, -1, 1)) == 1
claim ig-power-01-real: Integral(x**c, (x, 0, 1)) == 1/(c + 1)
claim ig-power-01-pos: Integral(x**a, (x, 0, 1)) == 1/(a + 1)
claim ig-log-01: Integral(log(x), (x, 0, 1)) == -1
claim ig-lorentz: Integral(1/(1 + x**2), (x, -oo, oo)) == pi
claim ig-leibniz: diff(Integral(exp(-t*x), (x, 0, 1)), t) == -Integral(x*exp(-t*x), (x, 0, 1))
claim ig-ftc: diff(integrate(exp(-x**2), (x, 0, t)), t) == exp(-t**2)
claim ig-ftc-wrong: diff(integrate(exp(-x**2), (x, 0, t)), t) == 2*t*exp(-t**2)
claim ig-heaviside-1000: Integral(Heaviside(x - 1000), (x, 0, 2000)) == 1000
claim ig-heaviside-1000-wrong: Integral(Heaviside(x - 1000), (x, 0, 2000)) == 2000
claim ig-exp-decay-shift: Integral(exp(-a*(x - 1000)), (x, 1000, oo)) == 1/a
claim ig-truncated: Integral(exp(-x), (x, 0, 100)) == 1
claim ig-principal-value: Integral(1/x, (x, -1, 1)) == 0
claim ig-odd-convergent: Integral(x*exp(-x**2), (x, -oo, oo)) == 0
claim ig-odd-divergent: Integral(x/(1 + x**2), (x, -oo, oo)) == 0
claim ig-sin-oo: Integral(sin(x), (x, 0, oo)) == 1
claim ig-param-removable: Integral(exp(-t*x), (x, 0, 1)) == (1 - exp(-t))/t
claim ig-param-removable-pos: Integral(exp(-a*x), (x, 0, 1)) == (1 - exp(-a))/a
claim ig-leibniz-power: diff(Integral(x**c, (x, 1, 2)), c) == Integral(x**c*log(x), (x, 1, 2))
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "calculus/Limits.md",
        r"""# Limits

`limit(f, x, a)` is two-sided; '+' and '-' ask for one side.

```sympy
symbols: x c real; a positive; z
claim lim-sinc: limit(sin(x)/x, x, 0) == 1
claim dup-limabs-c: limit(Abs(x)/x, x, 0) == 1
claim lim-sign-right: limit(Abs(x)/x, x, 0, '+') == 1
claim lim-sign-left: limit(Abs(x)/x, x, 0, '-') == -1
claim lim-sign-left-wrong: limit(Abs(x)/x, x, 0, '-') == 1
claim lim-reciprocal-two-sided: limit(1/x, x, 0) == oo
claim lim-reciprocal-right: limit(1/x, x, 0, '+') == oo
claim lim-reciprocal-square: limit(1/x**2, x, 0) == oo
claim lim-heaviside-one: limit(Heaviside(x), x, 0) == 1
claim lim-heaviside-half: limit(Heaviside(x), x, 0) == 1/2
claim lim-signfun-right: limit(sign(x), x, 0, '+') == 1
claim lim-floor-zero: limit(floor(x), x, 0) == 0
claim lim-floor-left: limit(floor(x), x, 0, '-') == -1
claim lim-floor-half: limit(floor(x), x, 1/2) == 0
claim lim-exp-reciprocal: limit(exp(1/x), x, 0) == oo
claim lim-exp-reciprocal-left: limit(exp(1/x), x, 0, '-') == 0
claim lim-atan-plus-inf: limit(atan(x), x, oo) == pi/2
claim lim-atan-minus-inf: limit(atan(x), x, -oo) == -pi/2
claim lim-compound: limit((1 + 1/x)**x, x, oo) == E
claim lim-compound-wrong: limit((1 + 1/x)**x, x, oo) == 1
claim lim-compound-minus-inf: limit((1 + 1/x)**x, x, -oo) == E
claim lim-xlogx-right: limit(x*log(x), x, 0, '+') == 0
claim lim-xlogx-two-sided: limit(x*log(x), x, 0) == 0
claim lim-sqrt-two-sided: limit(sqrt(x), x, 0) == 0
claim lim-power-right: limit(x**a, x, 0, '+') == 0
claim lim-decay-wrong: limit(exp(-a*x), x, oo) == 1
claim lim-sin-inf: limit(sin(x), x, oo) == 0
claim lim-sinc-inf: limit(sin(x)/x, x, oo) == 0
claim lim-tan-pole: limit(tan(x), x, pi/2) == -oo
claim lim-tan-pole-left: limit(tan(x), x, pi/2, '-') == oo
claim lim-cos-ratio: limit((1 - cos(x))/x**2, x, 0) == 1/2
claim lim-cos-ratio-wrong: limit((1 - cos(x))/x**2, x, 0) == 1
claim lim-root: limit(x**(1/x), x, oo) == 1
claim lim-abs: limit(Abs(x), x, 0) == 0
claim lim-x-sin-inverse: limit(x*sin(1/x), x, 0) == 0
claim lim-sin-inverse: limit(sin(1/x), x, 0) == 0
claim lim-param-two-sided: limit(a/x, x, 0) == oo
claim lim-removable: limit((x**2 - 1)/(x - 1), x, 1) == 2
claim lim-jump-1000: limit(Heaviside(x - 1000), x, 1000) == 1
claim lim-ceiling-third: limit(ceiling(3*x), x, 1/3) == 1
claim lim-ceiling-third-left: limit(ceiling(3*x), x, 1/3, '-') == 1
claim lim-param-power-real: limit(x**c, x, 0, '+') == 0
claim lim-sin-ax: limit(sin(a*x)/x, x, 0) == a
claim lim-poly-exp: limit(x**10*exp(-x**2), x, oo) == 0
claim lim-x-exp-inverse-right: limit(x*exp(1/x), x, 0, '+') == oo
claim lim-x-exp-inverse: limit(x*exp(1/x), x, 0) == oo
claim lim-compound-c: limit((1 + c/x)**x, x, oo) == exp(c)
claim lim-cos-over-x: limit(cos(x)/x, x, oo) == 0
claim lim-floor-ratio: limit(floor(x)/x, x, oo) == 1
claim lim-fractional-part: limit(x - floor(x), x, oo) == 0
claim lim-atan-inverse: limit(atan(1/x), x, 0) == pi/2
claim lim-atan-inverse-left: limit(atan(1/x), x, 0, '-') == -pi/2
claim lim-flat: limit(exp(-1/x**2)/x**100, x, 0) == 0
claim lim-log-right: limit(log(x), x, 0, '+') == -oo
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "special/Gamma and binomials.md",
        r"""# Gamma and binomials

Gamma, factorial and binomial off the non-negative integers.

```sympy
symbols: x t real; a b positive; n nonnegative integer; p positive integer; z
claim gam-half: gamma(1/2) == sqrt(pi)
claim gam-half-wrong: gamma(1/2) == pi/2
claim gam-recursion-pos: gamma(a + 1) == a*gamma(a)
claim gam-recursion-complex: gamma(z + 1) == z*gamma(z)
claim gam-factorial-shift: gamma(p) == factorial(p - 1)
claim gam-factorial-n: gamma(n + 1) == factorial(n)
claim gam-factorial-real: factorial(x) == gamma(x + 1)
claim gam-factorial-half: factorial(1/2) == sqrt(pi)/2
claim gam-factorial-half-wrong: factorial(1/2) == 1
claim gam-binomial-half-one: binomial(1/2, 1) == 1/2
claim gam-binomial-half-two: binomial(1/2, 2) == -1/8
claim gam-binomial-half-two-wrong: binomial(1/2, 2) == 0
claim gam-binomial-minus-one: binomial(-1, p) == (-1)**p
claim gam-binomial-real-two: binomial(x, 2) == x*(x - 1)/2
claim gam-binomial-beyond: binomial(n, n + 1) == 0
claim gam-binomial-symmetry: binomial(n + 3, 3) == binomial(n + 3, n)
claim gam-central-binomial: binomial(2*n, n) == 4**n*gamma(n + 1/2)/(sqrt(pi)*gamma(n + 1))
claim gam-central-binomial-wrong: factorial(2*n)/factorial(n)**2 == 2**n
claim gam-reflection: gamma(x)*gamma(1 - x) == pi/sin(pi*x)
claim gam-reflection-wrong: gamma(x)*gamma(1 - x) == pi/cos(pi*x)
claim gam-duplication: gamma(a)*gamma(a + 1/2) == 2**(1 - 2*a)*sqrt(pi)*gamma(2*a)
claim gam-minus-half: gamma(-1/2) == -2*sqrt(pi)
claim gam-minus-half-wrong: gamma(-1/2) == 2*sqrt(pi)
claim gam-nice-quadratic: gamma(a + 1) == 1 + a*(a - 1)/2
claim gam-factorial-cubic: factorial(n) == 1 + n*(n - 1)/2 + n*(n - 1)*(n - 2)/3
claim gam-factorial-ratio: factorial(n + 2)/factorial(n) == (n + 1)*(n + 2)
claim gam-stirling: factorial(p) == sqrt(2*pi*p)*(p/E)**p
claim gam-conjugate: gamma(conjugate(z)) == conjugate(gamma(z))
claim gam-beta: gamma(a)*gamma(b)/gamma(a + b) == Integral(t**(a - 1)*(1 - t)**(b - 1), (t, 0, 1))
claim gam-one: gamma(1) == factorial(0)
claim gam-pole: gamma(-p) == 0
claim gam-reflection-negative: gamma(z)*gamma(-z) == -pi/(z*sin(pi*z))
claim gam-factorial-minus-half: factorial(-1/2) == sqrt(pi)
claim gam-binomial-negative-k: binomial(n, -1) == 0
claim gam-binomial-minus-half: binomial(-1/2, 1) == -1/2
claim gam-third: gamma(1/3)*gamma(2/3) == 2*pi/sqrt(3)
claim gam-third-wrong: gamma(1/3)*gamma(2/3) == 2*pi/3
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "constraints/Circle.md",
        r"""# Circle

A point on the unit circle: the given is a constraint, not a text substitution.

```sympy
symbols: s c real; x real
given: s**2 + c**2 == 1
claim giv-circle-c2: c**2 == 1 - s**2
claim giv-circle-sqrt: c == sqrt(1 - s**2)
claim giv-circle-abs: Abs(c) == sqrt(1 - s**2)
claim giv-circle-bound: Max(Abs(s), 1) == 1
claim giv-circle-sum: s + c == 1
claim giv-circle-quartic: s**4 + c**4 == 1 - 2*s**2*c**2
claim giv-circle-quartic-wrong: s**4 + c**4 == 1
claim giv-circle-cube: (s**2 + c**2)**3 == 1
claim giv-circle-s2: s**2 == 1 - c**2
claim giv-circle-product: (c*s)**2 == s**2 - s**4
claim giv-circle-free-true: (x + 1)**2 == x**2 + 2*x + 1
claim giv-circle-free-false: (x + 1)**2 == x**2 + 1
```

The same in LaTeX:

$$c^2 = 1 - s^2$$ %% verify giv-latex-circle %%

$$c = \sqrt{1 - s^2}$$ %% verify giv-latex-circle-sqrt %%

$$\lvert s \rvert + \lvert c \rvert = 1$$ %% verify giv-latex-circle-abs-sum %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "constraints/Hyperbola.md",
        r"""# Hyperbola

Two independent givens in one note.

```sympy
symbols: x y positive; u v real
given: x*y == 1
given: u - v == 1
claim giv-xy-log: log(x) + log(y) == 0
claim giv-xy-inverse: y == 1/x
claim giv-xy-sum: x + y == 2
claim giv-xy-amgm: Min(x + y, 2) == 2
claim giv-xy-square: x**2*y**2 == 1
claim giv-uv-difference: u**2 - v**2 == u + v
claim giv-uv-difference-wrong: u**2 - v**2 == 1
claim giv-uv-exp: exp(u) == E*exp(v)
```

$$\ln x + \ln y = 0$$ %% verify giv-latex-xy %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "constraints/Uses hyperbola.md",
        r"""# Uses hyperbola

Givens come with `uses`.

```sympy
uses: [[Hyperbola]]
claim giv-uses-xy-log: log(x*y) == 0
claim giv-uses-xy-equal: x == y
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "constraints/Implicit givens.md",
        r"""# Implicit givens

Givens with no closed-form substitution.

```sympy
symbols: x y real
given: exp(x) + x == 2
given: floor(y) == 3
claim giv-implicit-solve: exp(x) == 2 - x
claim giv-implicit-half: x == 1/2
claim giv-implicit-log: x == log(2 - x)
claim giv-floor-square: floor(y)**2 == 9
claim giv-floor-three: y == 3
claim giv-floor-double: floor(2*y) == 6
claim giv-floor-ceiling: ceiling(y) == 4
claim giv-floor-range: Min(Max(y, 3), 4) == y
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "constraints/Constant false given.md",
        r"""# Constant false given

```sympy
symbols: x real
given: 4 == 5
claim giv-false-trivial: x == x
claim giv-false-wrong: x + 1 == x
claim giv-false-identity: (x + 1)**2 == x**2 + 2*x + 1
```

$$x + x = 2x$$ %% verify giv-false-latex %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "constraints/Uses false given.md",
        r"""# Uses false given

```sympy
uses: [[Constant false given]]
claim giv-uses-false-identity: x + x == 2*x
claim giv-uses-false-wrong: x**2 == -1
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "constraints/Contradictory givens.md",
        r"""# Contradictory givens

```sympy
symbols: x y real
given: x == 1
given: x == 2
claim giv-contra-square: x**2 == x
claim giv-contra-value: x == 1
claim giv-contra-unrelated: y + 1 == 1 + y
```

```sympy
symbols: w real
given: w**2 == -1
claim giv-impossible-zero: w == 0
claim giv-impossible-square: w**2 + 1 == 0
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "constraints/Constant true given.md",
        r"""# Constant true given

```sympy
symbols: x real
given: 1 + 1 == 2
claim giv-true-identity: x + x == 2*x
claim giv-true-wrong: x + 1 == x
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "shared/Definitions.md",
        r"""# Definitions

Function parameters are their own symbols: `t` below is declared positive, but the parameter `t` of `root`
and `lg` is not.

```sympy
symbols: x real; n nonnegative integer; j k integer; t positive
S := Sum(j, (j, 1, n))
sq(t) := t**2
root(t) := sqrt(t**2)
lg(t) := log(exp(t))
cpi(k) := cos(pi*k)
fl(k) := floor(k)
claim def-root-neg: root(-2) == 2
claim def-root-neg-wrong: root(-2) == -2
claim def-root-real: root(x) == Abs(x)
claim def-root-real-wrong: root(x) == x
claim def-lg-complex: lg(3*I*pi/2) == 3*I*pi/2
claim def-lg-real: lg(x) == x
claim def-declared-t: sqrt(t**2) == t
claim def-cos-third: cpi(1/3) == 1/2
claim def-cos-param: cpi(x) == (-1)**x
claim def-floor-half: fl(1/2) == 0
claim def-floor-half-wrong: fl(1/2) == 1/2
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "shared/Uses definitions.md",
        r"""# Uses definitions

```sympy
uses: [[Definitions]]
claim use-sum: S == n*(n + 1)/2
claim use-square: sq(x + 1) == x**2 + 2*x + 1
claim use-square-wrong: sq(x) == x
claim use-root-i: root(I) == I
claim use-root-minus-i: root(-I) == -I
```

$$S = \frac{n(n+1)}{2}$$ %% verify use-latex-sum %%

$$S = \frac{n^2}{2}$$ %% verify use-latex-sum-wrong %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "analysis/Nice points.md",
        r"""# Nice points

Identities that hold at 0, ±1, ±1/2 and the small integers, and nowhere else that matters.

```sympy
symbols: x real; z; n nonnegative integer; a positive
claim dup-nicepoly-c: x*(x**2 - 1)*(4*x**2 - 1)*(x**2 - 4)*(x**2 - 9) == 0
claim np-poly-expanded: 4*x**9 - 57*x**7 + 210*x**5 - 193*x**3 + 36*x == 0
claim np-sin-pi: sin(pi*x) == 0
claim np-floor-double: floor(2*x) == 2*floor(x)
claim np-sigmoid-square: diff(1/(1 + exp(-x)), x) == (1/(1 + exp(-x)))**2
claim np-sigmoid-derivative: diff(1/(1 + exp(-x)), x) == exp(-x)/(1 + exp(-x))**2
claim np-cos-two-pi: cos(2*pi*x) == 1
claim np-exp-taylor: exp(x) == 1 + x + x**2/2
claim np-abs-square: Abs(x) == x**2
claim np-cube: x**3 == x
claim np-complex-roots: z*(z**2 + 1)*(z**2 - 1) == 0
claim np-sin-square: sin(x)**2 == sin(x**2)
claim np-triple-angle: sin(3*x) == 3*sin(x) - 4*sin(x)**3
claim np-triple-angle-wrong: sin(3*x) == 3*sin(x) - 4*sin(x)**2
claim np-five-roots: (a - 1)*(a - 2)*(2*a - 1)*(a - 3)*(a - 10) == 0
claim np-cos-square: cos(pi*x)**2 == 1
claim np-floor-seventh: floor(x + 1/7) == floor(x)
claim np-rational: (x**3 - x)/(x**2 + 1) == x - 2*x/(x**2 + 1)
claim np-rational-wrong: (x**3 - x)/(x**2 + 1) == x - x/(x**2 + 1)
claim np-integer-poly: n*(n - 1)*(n - 2)*(n - 3) == 0
claim np-third-root: (3*x - 1)*(x**2 - x) == 0
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "analysis/Asymptotics.md",
        r"""# Asymptotics

Approximations that are good for large or small |x| are not identities.

```sympy
symbols: x real; a positive
claim asy-atan-tail: atan(a) == pi/2 - 1/a
claim asy-sqrt-tail: sqrt(a**2 + 1) == a + 1/(2*a)
claim asy-floor-unit: floor(1/(a + 1)) == 0
claim asy-floor-reciprocal: floor(1/a) == 0
claim asy-min-reciprocal: Min(a, 1/a) == a
claim asy-ramp-1000: Max(a - 1000, 0) == 0
claim asy-step-1e5: Heaviside(10**5 - x) == 1
claim asy-exp-flat: exp(-1/a**2) == 0
claim asy-tanh-square: tanh(x)**2 == 1
claim asy-sign-small: sign(x**3 - x/10**9) == sign(x)
claim asy-abs-shift: Abs(x - 10**-6) == Abs(x)
claim asy-floor-scale: floor(x/10**5) == floor(x/(10**5 + 1))
claim asy-cos-slow: cos(x/1000) == 1
claim asy-sin-small: sin(a) == a
claim asy-large-only: x**2 + 1 == Max(x**2 + 1, 10**6)
claim asy-exact-tail: sqrt(a**2 + 1) - a == 1/(sqrt(a**2 + 1) + a)
claim asy-atan-exact: atan(a) == pi/2 - atan(1/a)
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "latex/Notation.md",
        r"""# Notation

```sympy
symbols: x y real; n nonnegative integer; a b positive; k integer; z
```

Euler's number and the imaginary unit.

$$\ln e = 1$$ %% verify lx-ln-e %%
$$e^2 = e \cdot e$$ %% verify lx-e-squared %%
$$\lim_{n\to\infty}\left(1+\frac{1}{n}\right)^n = e$$ %% verify lx-e-limit %%
$$e^{i\pi} + 1 = 0$$ %% verify lx-euler-identity %%
$$e^{\mathrm{i}\pi} + 1 = 0$$ %% verify lx-euler-mathrm %%
$$e^{\mathrm{i}\pi} = 1$$ %% verify lx-euler-mathrm-wrong %%
$$i^2 = -1$$ %% verify lx-i-squared %%
$$\mathrm{i}^2 = -1$$ %% verify lx-mathrm-i-squared %%
$$\sum_{i=1}^{n} i = \frac{n(n+1)}{2}$$ %% verify lx-index-i %%
$$\sum_{i=1}^{n} i = \frac{n^2}{2}$$ %% verify lx-index-i-wrong %%
$$\sum_{i=1}^{2} e^{i} = e + e^2$$ %% verify lx-e-sum-index %%

Roots.

$$\sqrt[3]{-8} = -2$$ %% verify lx-cbrt-neg8 %%
$$\sqrt[3]{-8} = 2$$ %% verify lx-cbrt-neg8-wrong %%
$$\sqrt[3]{x^3} = x$$ %% verify lx-cbrt-cube %%
$$\sqrt[3]{-27} + 3 = 0$$ %% verify lx-cbrt-neg27 %%
$$\sqrt{4} = 2$$ %% verify lx-sqrt-4 %%
$$\sqrt{4} = -2$$ %% verify lx-sqrt-4-neg %%
$$\sqrt{\sqrt{16}} = 2$$ %% verify lx-nested-sqrt %%
$$\sqrt[2]{9} = 3$$ %% verify lx-sqrt-index-2 %%
$$\sqrt{x^2} = \lvert x \rvert$$ %% verify lx-sqrt-sq-abs %%
$$\sqrt{x^2} = x$$ %% verify dup-latex-sqrt-c %%

Juxtaposition, parentheses and factorials.

$$\frac{n(n+1)}{2} = \frac{n^2+n}{2}$$ %% verify lx-n-paren %%
$$\frac{n(n+1)}{2} = \frac{n^2}{2}$$ %% verify lx-n-paren-wrong %%
$$a(b + 1) = ab + a$$ %% verify lx-a-paren %%
$$x(x+1) = x^2 + x$$ %% verify lx-x-paren %%
$$xy = yx$$ %% verify lx-xy-commute %%
$$3! = 6$$ %% verify lx-fact-3 %%
$$\frac{(n+1)!}{n!} = n + 1$$ %% verify lx-fact-ratio %%
$$\frac{(n+1)!}{n!} = n$$ %% verify lx-fact-ratio-wrong %%
$$0! = 1$$ %% verify lx-fact-0 %%
$$0! = 0$$ %% verify lx-fact-0-wrong %%
$$\frac{5!}{3!\,2!} = 10$$ %% verify lx-fact-choose %%
$$\frac{5!}{3!\,2!} = 20$$ %% verify lx-fact-choose-wrong %%
$$n!! = (n!)!$$ %% verify lx-double-factorial %%
$$\binom{n}{2} = \frac{n(n-1)}{2}$$ %% verify lx-binom-2 %%
$$\binom{n}{2} = \frac{n^2}{2}$$ %% verify lx-binom-2-wrong %%

Logarithms and exponentials.

$$\ln(ab) = \ln a + \ln b$$ %% verify lx-ln-product-pos %%
$$\ln(zw) = \ln z + \ln w$$ %% verify lx-ln-product-complex %%
$$e^{\ln a} = a$$ %% verify lx-exp-ln %%
$$\ln e^{z} = z$$ %% verify lx-ln-exp-complex %%
$$\ln e^{x} = x$$ %% verify lx-ln-exp-real %%
$$e^{x+y} = e^x e^y$$ %% verify lx-exp-sum %%
$$e^{x}e^{-x} = 1$$ %% verify lx-e-product %%
$$e^{2\ln a} = a^2$$ %% verify lx-e-power-two %%
$$\log_2 8 = 3$$ %% verify lx-log-base %%
$$\log_2 8 = 4$$ %% verify lx-log-base-wrong %%

Odds and ends.

$$\sin \pi = 0$$ %% verify lx-sin-pi %%
$$\cos \pi = 1$$ %% verify lx-cos-pi-wrong %%
$$\lvert x \rvert^2 = x^2$$ %% verify lx-abs-sq-real %%
$$\lvert z \rvert^2 = z^2$$ %% verify lx-abs-sq-complex %%
$$\frac{1}{2} + \frac{1}{2} = 1$$ %% verify lx-frac-half %%
$$2 \cdot 3 = 2 \times 3$$ %% verify lx-cdot-times %%
$$\pi = \frac{355}{113}$$ %% verify lx-pi-approx %%
$$\sum_{k=1}^{3} k + k = 12$$ %% verify lx-index-then-free %%
$$\int_0^1 x\, dx = x$$ %% verify lx-integral-bound-free %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "latex/Declared letters.md",
        r"""# Declared letters

Here `i`, `e`, `E` and `I` are declared: they are symbols, not constants.

```sympy
symbols: i integer; e positive; E I real; x real
claim de-E-log: log(E) == 1
claim de-I-square: I**2 == -1
claim de-e-log: log(e) == 1
claim de-E-exp: exp(x)*exp(-x) == 1
```

$$(-1)^{2i} = 1$$ %% verify lx-declared-i-parity %%

$$i^2 = -1$$ %% verify lx-declared-i-square %%

$$\lvert i \rvert = \sqrt{i^2}$$ %% verify lx-declared-i-abs %%

$$\ln e = 1$$ %% verify lx-declared-e-ln %%

$$e^2 = e \cdot e$$ %% verify lx-declared-e-square %%

$$\ln \mathrm{e} = 1$$ %% verify lx-declared-mathrm-e %%

$$\mathrm{i}^2 = -1$$ %% verify lx-declared-mathrm-i %%

$$\ln E = 1$$ %% verify lx-declared-E-ln %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "latex/Undefined functions.md",
        r"""# Undefined functions

In LaTeX an applied unknown function is an arbitrary function.

```sympy
symbols: x y t real; a positive
sigma(u) := 1/(1 + exp(-u))
```

$$f(0) = 1$$ %% verify uf-f-zero %%

$$\frac{d}{dx}\left(f(x) g(x)\right) = f(x) \frac{d}{dx} g(x) + g(x) \frac{d}{dx} f(x)$$ %% verify uf-product-rule %%

$$\frac{d}{dx}\left(f(x) g(x)\right) = \left(\frac{d}{dx} f(x)\right) \left(\frac{d}{dx} g(x)\right)$$ %% verify uf-product-rule-wrong %%

$$\frac{d}{dx} f(x) g(x) = g(x) \frac{d}{dx} f(x)$$ %% verify uf-derivative-before-product %%

$$\frac{d}{dx}\left(f(x) + g(x)\right) = \frac{d}{dx} f(x) + \frac{d}{dx} g(x)$$ %% verify uf-sum-rule %%

$$\frac{d}{dx}\left(a f(x)\right) = a \frac{d}{dx} f(x)$$ %% verify uf-constant-factor %%

$$\frac{d}{dx} \frac{f(x)}{g(x)} = \frac{g(x) \frac{d}{dx} f(x) - f(x) \frac{d}{dx} g(x)}{g(x)^2}$$ %% verify uf-quotient-rule %%

$$\frac{d}{dx} \frac{f(x)}{g(x)} = \frac{f(x) \frac{d}{dx} g(x) - g(x) \frac{d}{dx} f(x)}{g(x)^2}$$ %% verify uf-quotient-rule-wrong %%

$$f(x) = f(y)$$ %% verify uf-f-x-y %%

$$f(x + 0) = f(x)$$ %% verify uf-f-plus-zero %%

$$f(x) + f(-x) = 2 f(x)$$ %% verify uf-f-even-wrong %%

$$f(x)^2 = f(x) f(x)$$ %% verify uf-f-square %%

$$f(x)^2 = f(x^2)$$ %% verify uf-f-square-arg %%

$$\int_0^x \frac{d}{dt} f(t)\, dt = f(x) - f(0)$$ %% verify uf-ftc %%

$$\int_0^x \frac{d}{dt} f(t)\, dt = f(x)$$ %% verify uf-ftc-wrong %%

$$\frac{\partial}{\partial x} f(x, y) = \frac{\partial}{\partial y} f(x, y)$$ %% verify uf-partials-differ %%

$$\frac{\partial^2 f(x, y)}{\partial x \partial y} = \frac{\partial^2 f(x, y)}{\partial y \partial x}$$ %% verify uf-mixed-partials %%

$$f(e) = f(\exp(1))$$ %% verify uf-f-of-e %%

$$g(f(x)) = f(g(x))$$ %% verify uf-composition %%

$$\frac{d}{dx} e^{f(x)} = e^{f(x)} \frac{d}{dx} f(x)$$ %% verify uf-chain-exp %%

$$\frac{d}{dx} f(x)^2 = 2 f(x)$$ %% verify uf-derivative-square-wrong %%

$$f(0) - f(0) = 0$$ %% verify uf-self-difference %%

$$f(2x) = 2 f(x)$$ %% verify uf-homogeneity-wrong %%

$$f(x + 1) = f(x) + 1$$ %% verify uf-shift-wrong %%

$$\int_x^x f(t)\, dt = 0$$ %% verify uf-integral-zero-width %%

$$x(y+1) = xy + x$$ %% verify uf-declared-multiplies %%

$$\frac{d}{dx}\sigma(x) = \sigma(x)\left(1 - \sigma(x)\right)$$ %% verify uf-sigma-derivative %%

$$\frac{d}{dx}\sigma(x) = \sigma(x)^2$$ %% verify uf-sigma-derivative-wrong %%

$$\sigma(-x) = 1 - \sigma(x)$$ %% verify uf-sigma-symmetry %%

$$\sigma(-x) = \sigma(x)$$ %% verify uf-sigma-symmetry-wrong %%

$$\frac{d}{dx} x \sin x = \sin x + x \cos x$$ %% verify uf-derivative-sin-product %%

$$\frac{d}{dx}\left(x \sin x\right) = \sin x + x \cos x$$ %% verify uf-derivative-parenthesized %%

$$\frac{d^2}{dx^2}\left(a x + f(0)\right) = 0$$ %% verify uf-second-derivative-linear %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "latex/Calculus in LaTeX.md",
        r"""# Calculus in LaTeX

```sympy
symbols: x t real; a b positive; n m nonnegative integer; k integer; p positive integer
range: j = 1..n
```

Limits are two-sided unless a side is written.

$$\lim_{x \to 0} \frac{\sin x}{x} = 1$$ %% verify lc-lim-sinc %%
$$\lim_{x \to 0^+} \frac{\lvert x \rvert}{x} = 1$$ %% verify lc-lim-abs-right %%
$$\lim_{x \to 0^-} \frac{\lvert x \rvert}{x} = -1$$ %% verify lc-lim-abs-left %%
$$\lim_{x \to 0} \frac{1}{x} = \infty$$ %% verify lc-lim-reciprocal %%
$$\lim_{x \to 0} \frac{1}{x^2} = \infty$$ %% verify lc-lim-reciprocal-square %%
$$\lim_{x \to \infty} \frac{1}{x} = 0$$ %% verify lc-lim-inf %%
$$\lim_{x \to \infty} \left(1 + \frac{1}{x}\right)^x = e$$ %% verify lc-lim-e %%
$$\lim_{x \to \infty} \left(1 + \frac{a}{x}\right)^x = e^a$$ %% verify lc-lim-e-a %%
$$\lim_{x \to \infty} \left(1 + \frac{a}{x}\right)^x = e$$ %% verify lc-lim-e-a-wrong %%
$$\lim_{x \to 0} e^{1/x} = 0$$ %% verify lc-lim-exp-reciprocal %%
$$\lim_{x \to 0^-} e^{1/x} = 0$$ %% verify lc-lim-exp-reciprocal-left %%
$$\lim_{x \to 0} \lfloor x \rfloor = 0$$ %% verify lc-lim-floor %%
$$\lim_{x \to 0^+} \lfloor x \rfloor = 0$$ %% verify lc-lim-floor-right %%
$$\lim_{x \to \infty} \sin x = 0$$ %% verify lc-lim-sin-inf %%
$$\lim_{x \to 0} \frac{1 - \cos x}{x^2} = \frac{1}{2}$$ %% verify lc-lim-cos-ratio %%
$$\lim_{x \to 0} x \sin\frac{1}{x} = 0$$ %% verify lc-lim-x-sin-inverse %%

Sums and products.

$$\sum_{j=1}^{n} j = \frac{n(n+1)}{2}$$ %% verify lc-sum-gauss %%
$$\sum_j j = \frac{n(n+1)}{2}$$ %% verify lc-sum-range %%
$$\sum_{j=1}^{n} j^2 = \frac{n(n+1)(2n+1)}{3}$$ %% verify lc-sum-squares-wrong %%
$$\sum_{k=0}^{\infty} \frac{1}{2^k} = 2$$ %% verify lc-sum-geometric %%
$$\sum_{k=1}^{\infty} \frac{1}{k^2} = \frac{\pi^2}{6}$$ %% verify lc-sum-basel %%
$$\sum_{k=1}^{\infty} \frac{1}{k^2} = \frac{\pi^2}{8}$$ %% verify lc-sum-basel-wrong %%
$$\sum_{k=0}^{n} (-1)^k \binom{n}{k} = 0$$ %% verify lc-sum-binomial-alternating %%
$$\sum_{k=0}^{\infty} \frac{x^k}{k!} = e^x$$ %% verify lc-sum-exp %%
$$\sum_{k=1}^{\infty} \frac{x^k}{k!} = e^x$$ %% verify lc-sum-exp-wrong %%
$$\sum_{k=1}^{p} (2k - 1) = p^2$$ %% verify lc-sum-odd %%
$$\prod_{j=1}^{n} j = n!$$ %% verify lc-prod-factorial %%
$$\prod_{j=1}^{n} j = n^n$$ %% verify lc-prod-factorial-wrong %%
$$\prod_{k=1}^{n} 2 = 2^n$$ %% verify lc-prod-constant %%

Integrals and derivatives.

$$\int_{-\infty}^{\infty} e^{-a x^2}\, dx = \sqrt{\frac{\pi}{a}}$$ %% verify lc-int-gauss %%
$$\int_0^{\infty} e^{-a x}\, dx = \frac{1}{a}$$ %% verify lc-int-exp %%
$$\int_0^{\infty} e^{-a x}\, dx = a$$ %% verify lc-int-exp-wrong %%
$$\int_0^1 x\, dx = \frac{1}{2}$$ %% verify lc-int-x %%
$$\int_0^{\pi} \sin x\, dx = 2$$ %% verify lc-int-sin %%
$$\int_0^{2\pi} \sin x\, dx = 2$$ %% verify lc-int-sin-wrong %%
$$\int_0^{x} t\, dt = \frac{x^2}{2}$$ %% verify lc-int-t %%
$$\int_1^{\infty} \frac{1}{x^2}\, dx = 1$$ %% verify lc-int-inverse-square %%
$$\int_1^{\infty} \frac{1}{x}\, dx = 0$$ %% verify lc-int-harmonic %%
$$\int_0^{\infty} \frac{\sin(ax)}{x}\, dx = \frac{\pi}{2}$$ %% verify lc-int-dirichlet %%
$$\int x\, dx = \frac{x^2}{2}$$ %% verify lc-int-indefinite %%
$$\frac{d}{dx} x^3 = 3x^2$$ %% verify lc-deriv-cube %%
$$\frac{d}{dx}\sin x = \cos x$$ %% verify lc-deriv-sin %%
$$\frac{d}{dx}\cos x = \sin x$$ %% verify lc-deriv-cos-wrong %%
$$\frac{d}{dx}\ln\lvert x\rvert = \frac{1}{x}$$ %% verify lc-deriv-ln-abs %%
$$\frac{d^2}{dx^2} e^{a x} = a^2 e^{a x}$$ %% verify lc-deriv-second %%
$$\frac{\partial}{\partial x}\left(x^2 t\right) = 2 x t$$ %% verify lc-partial %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "latex/Complex in LaTeX.md",
        r"""# Complex in LaTeX

```sympy
symbols: x y real; a b positive; z w; u complex nonzero; t negative
```

$$\ln\frac{1}{z} = -\ln z$$ %% verify lz-ln-inverse %%

$$\ln\frac{1}{a} = -\ln a$$ %% verify lz-ln-inverse-pos %%

$$\sqrt{zw} = \sqrt{z}\sqrt{w}$$ %% verify lz-sqrt-product %%

$$\sqrt{ab} = \sqrt{a}\sqrt{b}$$ %% verify lz-sqrt-product-pos %%

$$\sqrt{z^2} = z$$ %% verify lz-sqrt-square %%

$$\sqrt{t} = \mathrm{i}\sqrt{-t}$$ %% verify lz-sqrt-neg %%

$$(z^2)^{1/2} = z$$ %% verify lz-power-half %%

$$\lvert z \rvert^2 = z z^*$$ %% verify lz-abs-sq %%

$$(zw)^* = z^* w^*$$ %% verify lz-conj-product %%

$$\lvert zw \rvert = \lvert z \rvert \lvert w \rvert$$ %% verify lz-abs-product %%

$$\lvert z + w \rvert = \lvert z \rvert + \lvert w \rvert$$ %% verify lz-abs-sum %%

$$e^{\ln u} = u$$ %% verify lz-exp-ln %%

$$\ln e^{z} = z$$ %% verify lz-ln-exp %%

$$e^{\mathrm{i} x} = \cos x + \mathrm{i} \sin x$$ %% verify lz-euler-formula %%

$$e^{\mathrm{i} z} = \cos z + \mathrm{i} \sin z$$ %% verify lz-euler-formula-complex %%

$$e^{\mathrm{i} x} = \cos x - \mathrm{i} \sin x$$ %% verify lz-euler-formula-wrong %%

$$\cos x = \frac{e^{\mathrm{i} x} + e^{-\mathrm{i} x}}{2}$$ %% verify lz-cos-exp %%

$$e^{i x} = \cos x + i \sin x$$ %% verify lz-i-undeclared %%

$$\sum_{i=1}^{3} i^2 = 14$$ %% verify lz-i-index %%

$$\arg(zw) = \arg z + \arg w$$ %% verify lz-arg-product %%

$$(\Re z)^2 + (\Im z)^2 = \lvert z \rvert^2$$ %% verify lz-re-im %%

$$\sqrt[3]{-1} = -1$$ %% verify lz-cbrt-minus-one %%

$$(-8)^{1/3} = -2$$ %% verify lz-power-third %%

$$\sqrt{-1} = \mathrm{i}$$ %% verify lz-sqrt-minus-one %%

$$\sqrt{-1} = -\mathrm{i}$$ %% verify lz-sqrt-minus-one-wrong %%

$$\mathrm{i}^{\mathrm{i}} = e^{-\pi/2}$$ %% verify lz-i-power-i %%

$$\lvert u \rvert^2 = u^2$$ %% verify lz-nonzero-abs %%

$$x^* = x$$ %% verify lz-conj-real %%

$$z^* = z$$ %% verify lz-conj-complex %%

$$\cosh^2 z - \sinh^2 z = 1$$ %% verify lz-cosh-sinh %%

$$\cosh^2(a + 100) - \sinh^2(a + 100) = 1$$ %% verify lz-cosh-sinh-far %%

$$\cosh^2(a + 100) - \sinh^2(a + 100) = 0$$ %% verify lz-cosh-sinh-far-wrong %%

$$x + e^{-50} = x$$ %% verify lz-tiny-exp %%

$$x + 10^{-40} = x$$ %% verify lz-tiny-power %%

$$\ln(t^2) = 2 \ln t$$ %% verify lz-ln-square-neg %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "constraints/Nonlinear givens.md",
        r"""# Nonlinear givens

Givens whose solution sets are not a single point: a tool that cannot handle one must say error, never false.

```sympy
symbols: x y r s real; z
given: Abs(x) == 1
given: exp(z) == 1
given: Max(y, 0) == 0
given: r**2 + s**2 == 0
claim giv-abs-square: x**2 == 1
claim giv-abs-one: x == 1
claim giv-exp-double: exp(2*z) == 1
claim giv-exp-zero: z == 0
claim giv-exp-sin: sin(z) == 0
claim giv-exp-half: exp(z/2)**2 == 1
claim giv-exp-half-wrong: exp(z/2) == 1
claim giv-max-abs: Abs(y) == -y
claim giv-max-zero: y == 0
claim giv-max-min: Min(y, 0) == y
claim giv-point-r: r == 0
claim giv-point-sum: r + s == 1
claim giv-point-exp: exp(r + s) == 1
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "shared/deeper/Uses uses.md",
        r"""# Uses uses

`uses` is transitive: the definitions of [[Definitions]] arrive through [[Uses definitions]].

```sympy
uses: [[Uses definitions]]
claim use-transitive-sum: S == n*(n + 1)/2
claim use-transitive-root: root(-3) == 3
claim use-transitive-wrong: sq(x) == 2*x
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "latex/Free functions.md",
        r"""# Free functions

No `sympy` block at all: every letter is undeclared (complex), f and g are arbitrary functions.

$$f(0) = 1$$ %% verify ff-f-zero %%

$$\frac{d}{dx}\left(f(x) g(x)\right) = f(x) \frac{d}{dx} g(x) + g(x) \frac{d}{dx} f(x)$$ %% verify ff-product-rule %%

$$\frac{d}{dx}\left(f(x) g(x)\right) = f(x) \frac{d}{dx} g(x)$$ %% verify ff-product-rule-wrong %%

$$\frac{d}{dx} f(x)^2 = 2 f(x) \frac{d}{dx} f(x)$$ %% verify ff-chain-square %%

$$f(g(x)) = g(f(x))$$ %% verify ff-composition %%

$$f(x) - f(x) = 0$$ %% verify ff-self %%

$$f(x, y) = f(y, x)$$ %% verify ff-two-args %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "dup/Dup one.md",
        r"""# Dup one

The same claims as elsewhere, on other lines: each must get the verdict it gets there.

```sympy
symbols: x y real; z w; a positive; n nonnegative integer; j integer
claim dup-logsum-a: log(z*w) == log(z) + log(w)
claim dup-sqrtsq-a: sqrt(x**2) == x
claim dup-min1000-a: Min(x, 1000) == x
claim dup-tiny40-a: x + 10**-40 == x
claim dup-cosh100-a: cosh(a + 100)**2 - sinh(a + 100)**2 == 1
claim dup-gauss-a: Sum(j, (j, 1, n)) == n*(n + 1)/2
claim dup-pattern-a: Sum(j, (j, 1, n)) == n*(n + 1)/2 + n*(n - 1)*(n - 2)*(n - 3)*(n - 4)*(n - 5)
claim dup-limabs-a: limit(Abs(x)/x, x, 0) == 1
claim dup-nicepoly-a: x*(x**2 - 1)*(4*x**2 - 1)*(x**2 - 4)*(x**2 - 9) == 0
claim dup-floorneg-a: floor(x) + floor(-x) == -1
claim dup-atanrecip-a: atan(x) + atan(1/x) == pi/2
claim dup-rel100-a: (1 + 10**-100)*a == a
claim dup-heavprod-a: Heaviside(x)*Heaviside(-x) == 0
claim dup-loginv-a: log(1/z) == -log(z)
```

$$\sqrt{x^2} = x$$ %% verify dup-latex-sqrt-a %%
$$\ln(zw) = \ln z + \ln w$$ %% verify dup-latex-lnprod-a %%
$$\lim_{x \to 0} \frac{\lvert x \rvert}{x} = 1$$ %% verify dup-latex-limabs-a %%
$$e^{\mathrm{i}\pi} + 1 = 0$$ %% verify dup-latex-euler-a %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "dup/nested/deeper/Dup two.md",
        r"""---
aliases: [Second copy]
tags: [dup]
---
# Dup two

Padding so that every claim sits on a different line than in Dup one.

Some prose. More prose.

```sympy
# the same declarations as Dup one, in another order
symbols: j integer; n nonnegative integer; a positive; z w; x y real

# a comment line

claim dup-loginv-b: log(1/z) == -log(z)
claim dup-heavprod-b: Heaviside(x)*Heaviside(-x) == 0
claim dup-rel100-b: (1 + 10**-100)*a == a
```

$$\lim_{x \to 0} \frac{\lvert x \rvert}{x} = 1$$ %% verify dup-latex-limabs-b %%

```sympy
claim dup-atanrecip-b: atan(x) + atan(1/x) == pi/2

claim dup-floorneg-b: floor(x) + floor(-x) == -1
claim dup-nicepoly-b: x*(x**2 - 1)*(4*x**2 - 1)*(x**2 - 4)*(x**2 - 9) == 0
claim dup-limabs-b: limit(Abs(x)/x, x, 0) == 1
claim dup-pattern-b: Sum(j, (j, 1, n)) == n*(n + 1)/2 + n*(n - 1)*(n - 2)*(n - 3)*(n - 4)*(n - 5)
claim dup-gauss-b: Sum(j, (j, 1, n)) == n*(n + 1)/2
# another comment
claim dup-cosh100-b: cosh(a + 100)**2 - sinh(a + 100)**2 == 1
claim dup-tiny40-b: x + 10**-40 == x
claim dup-min1000-b: Min(x, 1000) == x
claim dup-sqrtsq-b: sqrt(x**2) == x
claim dup-logsum-b: log(z*w) == log(z) + log(w)
```

$$e^{\mathrm{i}\pi} + 1 = 0$$ %% verify dup-latex-euler-b %%

$$\ln(zw) = \ln z + \ln w$$ %% verify dup-latex-lnprod-b %%

$$\sqrt{x^2} = x$$ %% verify dup-latex-sqrt-b %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    # Built-in derivations attach only on opt-in: these three notes check that.
    (
        "machine-learning/Softmax.md",
        r"""# Softmax

The softmax turns logits into probabilities. This note checks nothing and does not opt in to any derivation.
""",
    ),
    (
        "machine-learning/Logistic function.md",
        r"""---
aliases: [Sigmoid]
---
# Logistic function

Also called the sigmoid. No claims, no opt-in.
""",
    ),
    (
        "physics/Partition sums.md",
        r"""---
derivations: [softmax-partition-function]
---
# Partition sums

This note opts in to the built-in derivation `softmax-partition-function`.
""",
    ),
]

# Notes whose status must be None (no claims of their own, no opt-in), and notes that opt in to a derivation.
NO_CLAIM_NOTES = ["machine-learning/Softmax.md", "machine-learning/Logistic function.md"]
OPT_IN_NOTES = {"physics/Partition sums.md": ["softmax-partition-function"]}

# ---------------------------------------------------------------------------------------------------------
# Expected classes
# ---------------------------------------------------------------------------------------------------------

EXPECTED: dict[str, str] = {
    # --- complex/Branch cuts.md ------------------------------------------------------------------------
    "bc-log-exp-complex": FALSE,  # z = 4i: log(exp(4i)) = (4 - 2pi)i
    "bc-log-exp-real": TRUE,
    "bc-exp-log-nonzero": TRUE,
    "bc-log-product-pos": TRUE,
    "dup-logsum-c": FALSE,  # z = w = -1: log 1 = 0, but log(-1) + log(-1) = 2 pi i
    "bc-log-product-real": FALSE,  # x = y = -1: 0 vs 2 pi i
    "bc-log-square-nonzero": FALSE,  # u = -1 + i: log(-2i) = log 2 - i pi/2, 2 log u = log 2 + 3 pi i/2
    "bc-log-inverse-complex": FALSE,  # fails only on the cut: z = -1 gives log(-1) = i pi vs -log(-1) = -i pi
    "bc-log-inverse-pos": TRUE,
    "bc-log-inverse-nonzero": FALSE,  # u = -2 (nonzero is not "off the cut"): i pi - log 2 vs -log 2 - i pi
    "bc-log-inverse-neg": FALSE,  # every negative t: log(1/t) = -log|t| + i pi, -log t = -log|t| - i pi
    "bc-sqrt-square-complex": FALSE,  # z = -1
    "bc-sqrt-square-abs": TRUE,
    "dup-sqrtsq-c": FALSE,  # x = -1
    "bc-sqrt-square-pos": TRUE,
    "bc-sqrt-square-neg": TRUE,  # t < 0: sqrt(t^2) = |t| = -t
    "bc-sqrt-product-complex": FALSE,  # z = w = -1: 1 vs -1
    "bc-sqrt-product-pos": TRUE,
    "bc-sqrt-product-nonneg": TRUE,  # r >= 0, a > 0: both sides real, non-negative
    "bc-sqrt-product-mixed": TRUE,  # t < 0 < a: both sides are i sqrt(|t| a)
    "bc-sqrt-product-two-neg": FALSE,  # t = -1: sqrt(1) = 1 vs i*i = -1
    "bc-sqrt-inverse-neg": FALSE,  # t = -1: sqrt(-1) = i vs 1/i = -i
    "bc-sqrt-inverse-complex": FALSE,  # only on the negative real axis: z = -1 gives i vs -i
    "bc-sqrt-squared": TRUE,  # (exp(log(z)/2))^2 = z, and 0 at 0
    "bc-power-power-complex": FALSE,  # z = -1, a = 2, b = 1/2: 1 vs -1
    "bc-power-power-pos-base": FALSE,  # b = e, z = 10 i, w = 1/3: log(e^{10i}) = (10 - 4 pi) i
    "bc-power-power-real-exp": TRUE,  # a^x > 0, so (a^x)^y = exp(y x log a)
    "bc-power-integer-outer": TRUE,  # integer outer powers are single-valued; u != 0
    "bc-cube-cuberoot": FALSE,  # z = -1: (-1)^(1/3) = exp(i pi/3)
    "bc-cuberoot-neg8": FALSE,  # principal power: (-8)^(1/3) = 1 + i sqrt 3
    "bc-cuberoot-neg8-principal": TRUE,
    "bc-exp-power-complex": FALSE,  # z = 3 pi i/2, w = 1/2: (-i)^(1/2) = exp(-i pi/4) vs exp(3 i pi/4)
    "bc-exp-power-real": TRUE,
    "bc-atan-tan": FALSE,  # x = 4
    "bc-atan-recip-pos": TRUE,
    "bc-atan-odd": TRUE,  # atan(z) = (i/2)(log(1 - iz) - log(1 + iz)) is odd even on its cuts
    "bc-asin-sin": FALSE,  # x = 2
    "bc-sin-asin": TRUE,
    "bc-asin-two": FALSE,  # asin(2) = pi/2 - i log(2 + sqrt 3) is not real
    "bc-asin-acos": TRUE,  # principal acos is pi/2 - asin everywhere, cuts included
    "bc-log-square-real": FALSE,  # x = -1: 0 vs 2 pi i
    "bc-log-square-pos": TRUE,
    "bc-log-square-abs": TRUE,  # at x = 0 both sides are infinite
    "bc-log-sqrt": TRUE,  # Im(log z / 2) lies in (-pi/2, pi/2]
    "bc-log-square-complex": FALSE,  # z = -1 + i
    "bc-arg-product": FALSE,  # z = w = -1: 0 vs 2 pi
    "bc-abs-product": TRUE,
    "bc-conj-log": FALSE,  # only on the cut: z = -1 gives -i pi vs i pi
    "bc-conj-sqrt": FALSE,  # only on the cut: z = -1 gives -i vs i
    "bc-conj-exp": TRUE,
    "bc-sqrt-neg": TRUE,
    "bc-sqrt-neg-wrong": FALSE,
    "bc-neg-one-power": TRUE,  # (-1)^z = exp(z log(-1)) = exp(i pi z)
    "bc-i-power-i": TRUE,
    "bc-i-power-i-wrong": FALSE,
    "bc-log-neg": TRUE,
    "bc-log-neg-wrong": FALSE,
    "bc-acos-cos": FALSE,  # x = 4: acos(cos 4) = 2 pi - 4
    "bc-power-product-real": FALSE,  # x = y = -1, w = 1/2: 1 vs i*i = -1 (w is complex, 1/2 allowed)
    "bc-power-definition": TRUE,  # the principal power is exp(w log u)
    "bc-cube-real": FALSE,  # x = -1: the principal cube root of -1 is exp(i pi/3)
    "bc-cos-asin": TRUE,  # holds for every complex z with principal branches (checked on the cuts too)
    "bc-sqrt-exp-complex": FALSE,  # z = 2 pi i: sqrt(1) = 1 vs exp(i pi) = -1
    "bc-sqrt-exp-real": TRUE,
    "bc-log-minus": FALSE,  # x = -1: log 1 = 0 vs log(-1) + i pi = 2 pi i (holds only for x > 0)
    # --- complex/Assumptions.md ------------------------------------------------------------------------
    "as-nonzero-complex-im": FALSE,  # u = i
    "as-nonzero-im": FALSE,  # `nonzero` does not imply real: q = i
    "as-nonzero-abs-square": FALSE,  # q = i: 1 vs -1
    "as-nonzero-ratio": TRUE,
    "as-real-nonzero-ratio": TRUE,
    "as-real-ratio": FALSE,  # x = 0: the left side 0/0 is undefined, the right side is 1
    "as-removable": FALSE,  # x = 1: the left side 0/0 is undefined, the right side is 2
    "as-conj-real": TRUE,
    "as-conj-complex": FALSE,
    "as-conj-nonzero": FALSE,  # q = i
    "as-abs-pos": TRUE,
    "as-abs-real": FALSE,  # x = -1
    "as-abs-neg": TRUE,
    "as-parity-even": TRUE,
    "as-parity-odd": TRUE,
    "as-parity-k": FALSE,  # k = 1
    "as-parity-real": FALSE,  # x = 1/4: (-1)^(1/2) = i
    "as-parity-square": TRUE,  # k^2 and k have the same parity
    "as-parity-consecutive": TRUE,  # k(k+1) is even
    "as-parity-triangular": FALSE,  # k = 1: (-1)^1
    "as-parity-pos": TRUE,  # p(p-1) is even
    "as-sin-pi-k": TRUE,
    "as-cos-pi-k": TRUE,
    "as-sin-pi-x": FALSE,  # x = 1/2
    "as-cos-period-k": TRUE,
    "as-exp-2pi-i-k": TRUE,
    "as-exp-2pi-i-x": FALSE,  # x = 1/2
    "as-exp-pi-i-k": FALSE,  # k = 1
    "as-floor-int": TRUE,
    "as-floor-real": FALSE,  # x = 1/2
    "as-factorial-ratio": TRUE,  # p >= 1
    "as-sqrt-square-int": TRUE,
    "as-sqrt-square-int-wrong": FALSE,  # k = -1
    "as-sqrt-square-posint": TRUE,
    "as-sqrt-square-nonzero-real": FALSE,  # v = -1
    "as-abs-square-real": TRUE,
    "as-abs-square-complex": FALSE,  # z = i: 1 vs -1
    "as-re-real": TRUE,
    "as-re-complex": FALSE,
    "as-abs-exp-real": TRUE,
    "as-abs-exp-complex": FALSE,  # z = i pi: 1 vs -1
    "as-abs-exp-re": TRUE,
    "as-sign-nonzero-wrong": FALSE,  # q = i: |i|/i = -i but sign(i) = i
    "as-sign-nonzero": TRUE,  # sign(q) = q/|q| for complex q != 0
    "as-log-abs-neg": TRUE,
    "as-arg-nonzero": FALSE,  # u = -1: arg = pi
    "as-shifted-ratio": FALSE,  # x = 1: 0/0 is undefined, the right side is 1
    "as-log-ratio": FALSE,  # x = 1: 0/0 is undefined, the right side is 1
    "as-square-over": FALSE,  # x = 0: 0/0 is undefined, the right side is 0
    "as-exp-ratio": TRUE,  # exp(x) is never 0 or infinite
    "as-tan-cos": FALSE,  # x = pi/2: tan is undefined, sin(pi/2) = 1
    "as-sin-over-cos": TRUE,  # both sides undefined exactly at the poles
    "as-nonzero-sqrt-abs": FALSE,  # q = i: sqrt(-1) = i vs 1
    "as-nonzero-log-abs": FALSE,  # q = i: log(-1) = i pi vs 0
    "as-nonzero-abs-conj": TRUE,
    # --- analysis/Tiny differences.md ------------------------------------------------------------------
    "td-exp-minus-50": FALSE,  # differ by e^-50 ~ 2e-22
    "dup-tiny40-c": FALSE,
    "td-relative-1e100": FALSE,  # relative difference 1e-100
    "td-exp-minus-100": FALSE,
    "td-tanh-100": FALSE,  # 1 - tanh(100) ~ 2.8e-87
    "td-tanh-shift": FALSE,
    "td-sigmoid-200": FALSE,  # 1 - 1/(1 + e^-200) ~ 1.4e-87
    "td-sin-pi-big": TRUE,  # exact: sin(k pi) = 0
    "td-pi-355": FALSE,  # 2.7e-7
    "td-pi-40-digits": FALSE,  # pi minus this rational is 1.69e-40
    "td-e-46-digits": FALSE,  # e minus this rational is -4.0e-50
    "td-cancel-back": TRUE,
    "td-exp-product": TRUE,
    "td-log1p": FALSE,  # log(1 + 1e-30) = 1e-30 - 5e-61: relative difference 5e-31
    "td-sqrt-near": FALSE,  # differ by 5e-21, relative 5e-41
    "td-sqrt-cancel": FALSE,  # left side is ~5e-41
    "td-sqrt-rationalized": TRUE,  # (sqrt(N+1) - M)(sqrt(N+1) + M) = 1 with M^2 = N
    "td-relative-1e35": FALSE,  # x = 1
    "td-poly-tiny-coefficient": FALSE,  # x = 1
    "td-exact-square": TRUE,
    "td-exp-shift": FALSE,
    "td-ratio": FALSE,
    "td-cos-small": FALSE,  # 1 - cos(1e-20) = 5e-41
    "td-sin-small": FALSE,  # 1e-20 - sin(1e-20) = 1.7e-61, relative 1.7e-41
    "td-complex-tiny": FALSE,
    "td-relative-sum": FALSE,
    "td-log-shift": TRUE,
    "td-compound-interest": FALSE,  # = exp(1e20 log(1 + 1e-20)) = exp(1 - 5e-21) != e
    "td-1e-1000": FALSE,
    "td-exp-minus-1e4": FALSE,
    "td-relative-1e500": FALSE,
    "td-decimal-sum": TRUE,  # decimal numerals: 1/10 + 2/10 = 3/10 (binary doubles would disagree)
    "td-decimal-third": FALSE,  # 1/3 - 0.333333333333333 = 3.3e-16
    # --- analysis/Huge magnitudes.md -------------------------------------------------------------------
    "dup-cosh100-c": TRUE,  # cancellation of two numbers ~e^200: still exactly 1
    "hm-cosh-sinh-shift-zero": FALSE,
    "hm-cosh-sinh-real": TRUE,
    "hm-cosh-sinh-complex": TRUE,
    "hm-cosh-sinh-far": TRUE,
    "hm-exp-ratio": TRUE,
    "hm-exp-ratio-wrong": FALSE,
    "hm-big-square": TRUE,
    "hm-big-square-zero": FALSE,  # = x^2, nonzero at x = 1
    "hm-big-square-off": FALSE,
    "hm-log-exp-1000": TRUE,
    "hm-exp-difference": FALSE,  # left side is -e^(a - 100) != 0
    "hm-logsumexp": TRUE,
    "hm-logsumexp-wrong": FALSE,  # = 1000 + log(1 + 1/e)
    "hm-tanh-tail": TRUE,  # 1 - tanh(y) = 2/(e^{2y} + 1)
    "hm-tanh-tail-wrong": FALSE,  # only asymptotically equal
    "hm-factorial-ratio": TRUE,
    "hm-factorial-ratio-wrong": FALSE,
    "hm-sqrt-cancel": TRUE,
    "hm-sqrt-cancel-wrong": FALSE,  # x = 0: 1 vs 1/2
    "hm-power-two": TRUE,
    "hm-power-two-wrong": FALSE,
    "hm-cosh-definition-far": TRUE,
    "hm-cosh-half-exp": FALSE,  # misses exp(-x - 500)/2, relatively tiny unless x << -500
    "hm-big-rational": FALSE,  # 1 + 1e-50
    "hm-tanh-far": TRUE,
    "hm-exp-big-minus": TRUE,
    "hm-exp-big-minus-wrong": FALSE,  # differ by exactly 1 on top of e^1000
    "hm-cosh-sinh-1e4": TRUE,  # cancellation of numbers ~e^20000
    "hm-log-exp-1e6": TRUE,
    "hm-factorial-1000": TRUE,
    # --- analysis/Thresholds.md ------------------------------------------------------------------------
    "th-heaviside-sign": TRUE,  # with SymPy's Heaviside(0) = 1/2 it holds at 0 too
    "th-heaviside-1000": FALSE,  # x = 2000
    "th-heaviside-1e5": FALSE,  # x = 2e5
    "th-heaviside-third": TRUE,  # same sign everywhere, both H(0) at x = 1/3
    "th-heaviside-product": FALSE,  # x = 0: 1/2 * 1/2 = 1/4
    "th-heaviside-sum": TRUE,  # x = 0: 1/2 + 1/2
    "th-heaviside-abs": FALSE,  # x = 0: H(0) = 1/2
    "th-abs-max": TRUE,
    "th-max-plus-min": TRUE,
    "th-max-minus-min": FALSE,  # x = 0, y = 1
    "th-max-minus-min-abs": TRUE,
    "th-max-1000": FALSE,  # x = 0
    "dup-min1000-c": FALSE,  # x = 2000
    "th-min-1e5": FALSE,  # x = 2e5
    "th-max-1e5-split": TRUE,
    "th-max-third": TRUE,
    "th-floor-triple": FALSE,  # x = 1/2: 1 vs 0
    "th-floor-1000": FALSE,  # x = 1000
    "th-floor-abs": FALSE,  # x = -1/2: 0 vs 1
    "th-floor-1e5-shift": TRUE,
    "th-ceiling-floor": TRUE,
    "th-ceiling-floor-plus1": FALSE,  # x = 0
    "th-ceiling-third": FALSE,  # x = 1/3: ceiling(0) = 0 vs floor(1) = 1 (fails exactly when x - 1/3 is an integer)
    "th-sign-abs": TRUE,
    "th-sign-abs-complex": TRUE,  # sign(z) = z/|z|, sign(0) = 0
    "th-sign-square": FALSE,  # x = 0
    "th-sign-1000": FALSE,  # x = 2000
    "th-sign-third": TRUE,
    "th-abs-1e5": FALSE,  # x = 2e5
    "th-abs-triangle": FALSE,  # x = 1, y = -1
    "th-abs-window": FALSE,  # x = 2000 (true only on [0, 1000])
    "th-max-pos-1e5": FALSE,  # a = 2e5
    "th-min-pos-zero": TRUE,
    "th-max-pos-neg": TRUE,
    "th-hermite-2": TRUE,  # Hermite: floor(x) + floor(x + 1/2) = floor(2x)
    "th-hermite-3": TRUE,  # Hermite's identity for n = 3
    "th-hermite-3-wrong": FALSE,  # x = 0.4: 0 vs 1
    "th-heaviside-1e10": FALSE,  # x = 2e10
    "th-min-1e30": FALSE,  # x = 2e30
    "th-float-third": FALSE,  # x in (0.333333333333333, 1/3): 1 vs 0
    "th-floor-1e10": FALSE,  # x = 1e10
    "th-max-complex": FALSE,  # z = i: Max of a non-real number is undefined, the right side is i
    "th-heaviside-integral": TRUE,
    # --- number-theory/Integer identities.md -----------------------------------------------------------
    "dup-floorneg-c": FALSE,  # x integer: floor(x) + floor(-x) = 0
    "nt-floor-neg-int": TRUE,
    "nt-floor-neg-half": TRUE,  # k + 1/2 is never an integer
    "nt-floor-ceiling-half": TRUE,
    "nt-twice-floor-half": FALSE,  # k = 1
    "nt-parity-floor": TRUE,
    "nt-ceiling-third": TRUE,  # ceil(k/3) = floor((k + 2)/3) for integers
    "nt-ceiling-third-wrong": FALSE,  # k = 1: 1 vs 0
    "nt-floor-shift": TRUE,
    "nt-floor-scale": FALSE,  # k = 2, x = 1/2: 1 vs 0
    "nt-consecutive-parity": TRUE,
    "nt-cos-k-pi": TRUE,
    "nt-sin-half-odd": TRUE,
    "nt-binomial-one": TRUE,
    "nt-binomial-two": TRUE,
    "nt-floor-sqrt-step": FALSE,  # p = 3: 1 vs 2
    "nt-floor-sqrt-square": TRUE,
    "nt-triple-parity": TRUE,
    "nt-half-power": TRUE,  # (-1)^(k/2) = exp(i pi k/2) = i^k
    "nt-half-power-wrong": FALSE,  # k = 1: i
    "nt-kronecker-zero": TRUE,
    "nt-kronecker-product": FALSE,  # k = m = 1: 1 vs 0
    "nt-fermat-30": TRUE,  # 30 divides k^5 - k (Fermat mod 2, 3, 5)
    "nt-fermat-60": FALSE,  # k = 2: 30/60 = 1/2
    "nt-cubes-6": TRUE,  # 6 divides k^3 - k
    "nt-sin-k": FALSE,  # k = 1
    "nt-floor-third": TRUE,
    "nt-power-of-two": TRUE,  # p >= 1
    "nt-floor-below-one": TRUE,
    "nt-floor-above-one": FALSE,  # p = 1: floor(2) = 2
    "nt-half-square": FALSE,  # k = 1: 1 vs 1/2
    "nt-wilson-quotient": FALSE,  # p = 2: 1!/2 = 1/2
    "nt-threshold-1e6": FALSE,  # k = 10**6
    "nt-kronecker-1e6": FALSE,  # k = 10**6
    "nt-floor-sqrt-plus-one": TRUE,  # p^2 < p^2 + 1 < (p + 1)^2 for p >= 1
    "nt-floor-sqrt-k": FALSE,  # k = 0 only: floor(1) = 1 vs 0
    "nt-floor-sqrt-next": FALSE,  # = p + 1
    # --- series/Sums.md --------------------------------------------------------------------------------
    "dup-gauss-c": TRUE,
    "sum-gauss-wrong": FALSE,  # n = 1
    "sum-squares": TRUE,
    "sum-cubes": TRUE,
    "sum-count": TRUE,  # n = 0: empty sum
    "sum-count-max": FALSE,  # n = 0: empty sum is 0, not 1
    "sum-from-zero": TRUE,
    "sum-geometric-closed": FALSE,  # x = 1: left n + 1, right 0/0 undefined
    "sum-geometric-times": TRUE,
    "sum-powers-two": TRUE,
    "sum-half-powers": TRUE,
    "sum-half-powers-tiny-at-3": FALSE,  # n = 3: off by 1e-30
    "sum-geometric-infinite": TRUE,
    "sum-geometric-infinite-wrong": FALSE,  # = 1
    "sum-geometric-series-x": FALSE,  # x = 2: the series diverges, the right side is -1
    "sum-basel": TRUE,
    "sum-basel-decimal": FALSE,  # pi^2/6 = 1.644934...
    "sum-harmonic-log": FALSE,  # n = 2: 3/2 vs 1.693
    "sum-alternating-ones": TRUE,
    "sum-alternating-ones-wrong": FALSE,  # n = 1: 0
    "sum-telescoping": TRUE,
    "sum-telescoping-wrong": FALSE,  # n = 1: 1/2 vs 0
    "dup-pattern-c": FALSE,  # agrees for n = 0..5; n = 6: 21 vs 741
    "sum-pattern-1-to-5": FALSE,  # agrees for p = 1..5; p = 6: 91 vs 211
    "sum-gauss-positive": TRUE,
    "sum-binomial-weighted": TRUE,  # n = 0: 0 = 0 * 2^-1
    "sum-binomial-row": TRUE,
    "sum-binomial-alternating": FALSE,  # n = 0: the sum is 1
    "sum-binomial-alternating-pos": TRUE,
    "sum-binomial-alternating-delta": TRUE,
    "sum-double": TRUE,
    "sum-shifted-window": TRUE,
    "sum-shifted-window-wrong": FALSE,  # m = 1, n = 0: 1 vs 0
    "sum-reversal": TRUE,
    "sum-j-two-power": TRUE,
    "sum-zeta3-wrong": FALSE,  # zeta(3) = 1.20206 vs pi^3/26 = 1.19254
    "sum-exp-series": TRUE,
    "sum-exp-series-from-1": FALSE,  # = e^x - 1
    "sum-alternating-harmonic": TRUE,
    "sum-odd-numbers": TRUE,
    "sum-odd-numbers-wrong": FALSE,  # n = 1: 3 vs 1
    "sum-binomial-30": FALSE,  # binomial(n, 30) vanishes for n < 30 only; n = 30: off by 1
    "sum-kronecker-50": FALSE,  # n = 50
    "sum-heaviside-half": FALSE,  # n = 3: Heaviside(0) = 1/2 vs 0
    "sum-heaviside-half-true": TRUE,  # 1/2 at j = 3, then 1 each: n - 5/2 for n >= 3, 0 below
    "sum-derivative-geometric": TRUE,  # including x = 1, where the closed form of the sum changes
    "sum-sign": TRUE,  # sign(0) = 0
    # --- series/Products.md ----------------------------------------------------------------------------
    "prod-factorial": TRUE,  # n = 0: empty product 1 = 0!
    "prod-constant": TRUE,
    "prod-factorial-recursion": FALSE,  # n = 0: left 1, right 0 * (-1)! is undefined
    "prod-factorial-recursion-pos": TRUE,
    "prod-telescoping": TRUE,
    "prod-telescoping-wrong": FALSE,
    "prod-wallis": TRUE,  # Wallis product
    "prod-wallis-wrong": FALSE,  # 2/pi = 0.6366
    "prod-powers": TRUE,
    "prod-evens": TRUE,
    "prod-power-x": TRUE,
    "prod-pattern-0-to-6": FALSE,  # agrees for n = 0..6; n = 7: 5040 vs 10080
    "prod-one-minus-squares": TRUE,  # telescopes; p = 1: empty product 1 = 2/2
    "prod-window": TRUE,
    "prod-window-wrong": FALSE,  # m = 2, n = 0: 2 vs 1
    "prod-odds": TRUE,
    "prod-odds-wrong": FALSE,  # n = 2: 3 vs 6
    "prod-sign": TRUE,
    "prod-sign-wrong": FALSE,  # n = 0: empty product 1
    "prod-kronecker-40": FALSE,  # n = 40
    # --- calculus/Improper integrals.md ----------------------------------------------------------------
    "ig-exp-decay": TRUE,
    "ig-exp-decay-real": FALSE,  # c = -1: the integral diverges, the right side is -1
    "ig-gauss": TRUE,
    "ig-gauss-half-wrong": FALSE,  # half of it
    "ig-gauss-real-param": FALSE,  # c = -1: diverges; right side i sqrt(pi) is finite
    "ig-gamma-k": TRUE,
    "ig-gamma-k-wrong": FALSE,
    "ig-inverse-square": TRUE,
    "ig-harmonic-zero": FALSE,  # diverges
    "ig-harmonic-infinite": TRUE_OR_ERROR,  # diverges to +oo: "== oo" is true in the extended reals
    "ig-power-tail": FALSE,  # s = 1/2: diverges, right side -2
    "ig-power-tail-k": TRUE,
    "ig-sinc": TRUE,  # Dirichlet integral
    "ig-sinc-wrong": FALSE,
    "ig-dirichlet-pos": TRUE,
    "ig-dirichlet-real": FALSE,  # c = -1: -pi/2; c = 0: 0
    "ig-laplace-cos": TRUE,
    "ig-laplace-sin-wrong": FALSE,  # the sine transform is b/(a^2 + b^2)
    "ig-abs": TRUE,
    "ig-odd-wrong": FALSE,
    "ig-power-01-real": FALSE,  # c = -2: diverges, right side -1
    "ig-power-01-pos": TRUE,
    "ig-log-01": TRUE,
    "ig-lorentz": TRUE,
    "ig-leibniz": TRUE,  # differentiation under the integral sign
    "ig-ftc": TRUE,
    "ig-ftc-wrong": FALSE,  # t = 1
    "ig-heaviside-1000": TRUE,
    "ig-heaviside-1000-wrong": FALSE,
    "ig-exp-decay-shift": TRUE,
    "ig-truncated": FALSE,  # 1 - e^-100
    "ig-principal-value": FALSE,  # diverges (only its principal value is 0)
    "ig-odd-convergent": TRUE,
    "ig-odd-divergent": FALSE,  # diverges at both ends (principal value 0)
    "ig-sin-oo": FALSE,  # does not exist (1 is only its Abel sum)
    "ig-param-removable": FALSE,  # t = 0: left 1, right 0/0 undefined
    "ig-param-removable-pos": TRUE,
    "ig-leibniz-power": TRUE,  # including c = -1, where the closed form of the integral changes
    # --- calculus/Limits.md ----------------------------------------------------------------------------
    "lim-sinc": TRUE,
    "dup-limabs-c": FALSE,  # one-sided limits 1 and -1: the limit does not exist
    "lim-sign-right": TRUE,
    "lim-sign-left": TRUE,
    "lim-sign-left-wrong": FALSE,
    "lim-reciprocal-two-sided": FALSE,  # +oo from the right, -oo from the left
    "lim-reciprocal-right": TRUE,
    "lim-reciprocal-square": TRUE,  # +oo from both sides
    "lim-heaviside-one": FALSE,  # 0 from the left
    "lim-heaviside-half": FALSE,  # the limit does not exist, whatever H(0) is
    "lim-signfun-right": TRUE,
    "lim-floor-zero": FALSE,  # -1 from the left, 0 from the right
    "lim-floor-left": TRUE,
    "lim-floor-half": TRUE,
    "lim-exp-reciprocal": FALSE,  # 0 from the left
    "lim-exp-reciprocal-left": TRUE,
    "lim-atan-plus-inf": TRUE,
    "lim-atan-minus-inf": TRUE,
    "lim-compound": TRUE,
    "lim-compound-wrong": FALSE,
    "lim-compound-minus-inf": TRUE,
    "lim-xlogx-right": TRUE,
    # principal log: x log x -> 0 from the left too (|x log|x|| + pi|x| -> 0); a real-only reading may refuse
    "lim-xlogx-two-sided": TRUE_OR_ERROR,
    "lim-sqrt-two-sided": TRUE_OR_ERROR,  # sqrt(x) = i sqrt|x| -> 0 from the left
    "lim-power-right": TRUE,
    "lim-decay-wrong": FALSE,  # = 0
    "lim-sin-inf": FALSE,  # does not exist
    "lim-sinc-inf": TRUE,
    "lim-tan-pole": FALSE,  # +oo from the left, -oo from the right: no two-sided limit
    "lim-tan-pole-left": TRUE,
    "lim-cos-ratio": TRUE,
    "lim-cos-ratio-wrong": FALSE,
    "lim-root": TRUE,
    "lim-abs": TRUE,
    "lim-x-sin-inverse": TRUE,
    "lim-sin-inverse": FALSE,  # does not exist
    "lim-param-two-sided": FALSE,  # a > 0: -oo from the left
    "lim-removable": TRUE,
    "lim-jump-1000": FALSE,  # 0 from the left
    "lim-ceiling-third": FALSE,  # 1 from the left, 2 from the right
    "lim-ceiling-third-left": TRUE,
    "lim-param-power-real": FALSE,  # c = -1: +oo; c = 0: 1
    "lim-sin-ax": TRUE,
    "lim-poly-exp": TRUE,
    "lim-x-exp-inverse-right": TRUE,
    "lim-x-exp-inverse": FALSE,  # 0 from the left
    "lim-compound-c": TRUE,
    "lim-cos-over-x": TRUE,
    "lim-floor-ratio": TRUE,
    "lim-fractional-part": FALSE,  # oscillates in [0, 1): no limit
    "lim-atan-inverse": FALSE,  # -pi/2 from the left
    "lim-atan-inverse-left": TRUE,
    "lim-flat": TRUE,
    "lim-log-right": TRUE,
    # --- special/Gamma and binomials.md ----------------------------------------------------------------
    "gam-half": TRUE,
    "gam-half-wrong": FALSE,
    "gam-recursion-pos": TRUE,
    "gam-recursion-complex": FALSE,  # z = 0: left Gamma(1) = 1, right 0 * Gamma(0) is undefined
    "gam-factorial-shift": TRUE,
    "gam-factorial-n": TRUE,
    "gam-factorial-real": TRUE_OR_ERROR,  # SymPy's factorial is Gamma(x + 1) off the integers; may be refused
    "gam-factorial-half": TRUE_OR_ERROR,  # Gamma(3/2) = sqrt(pi)/2
    "gam-factorial-half-wrong": FALSE,  # 0.886 (or undefined) but never 1
    "gam-binomial-half-one": TRUE,
    "gam-binomial-half-two": TRUE,  # (1/2)(-1/2)/2
    "gam-binomial-half-two-wrong": FALSE,
    "gam-binomial-minus-one": TRUE,  # C(-1, p) = (-1)^p
    "gam-binomial-real-two": TRUE,
    "gam-binomial-beyond": TRUE,
    "gam-binomial-symmetry": TRUE,
    "gam-central-binomial": TRUE,  # C(2n, n) = 4^n Gamma(n + 1/2)/(sqrt(pi) n!)
    "gam-central-binomial-wrong": FALSE,  # agrees at n = 0, 1; n = 2: 6 vs 4
    "gam-reflection": TRUE,  # at the integers both sides are infinite
    "gam-reflection-wrong": FALSE,  # x = 1/4
    "gam-duplication": TRUE,  # Legendre duplication
    "gam-minus-half": TRUE,
    "gam-minus-half-wrong": FALSE,
    "gam-nice-quadratic": FALSE,  # agrees at a = 1, 2; a = 3: 6 vs 4
    "gam-factorial-cubic": FALSE,  # agrees at n = 0..3; n = 4: 24 vs 15
    "gam-factorial-ratio": TRUE,
    "gam-stirling": FALSE,  # only asymptotic: p = 1 gives 0.922
    "gam-conjugate": TRUE,  # Schwarz reflection
    "gam-beta": TRUE,  # Euler's Beta integral
    "gam-one": TRUE,
    "gam-pole": FALSE,  # a pole: left infinite, right 0
    "gam-reflection-negative": TRUE,  # Gamma(z) Gamma(-z) = -pi/(z sin(pi z)); both sides infinite at integers
    "gam-factorial-minus-half": TRUE_OR_ERROR,  # Gamma(1/2)
    "gam-binomial-negative-k": TRUE,  # 1/Gamma(0) = 0
    "gam-binomial-minus-half": TRUE,
    "gam-third": TRUE,  # pi/sin(pi/3)
    "gam-third-wrong": FALSE,
    # --- constraints/Circle.md -------------------------------------------------------------------------
    "giv-circle-c2": TRUE,
    "giv-circle-sqrt": FALSE,  # (s, c) = (0, -1)
    "giv-circle-abs": TRUE,
    "giv-circle-bound": TRUE,  # |s| <= 1 on the circle
    "giv-circle-sum": FALSE,  # s = c = 1/sqrt 2
    "giv-circle-quartic": TRUE,  # (s^2 + c^2)^2 = 1
    "giv-circle-quartic-wrong": FALSE,  # s = c = 1/sqrt 2: 1/2
    "giv-circle-cube": TRUE,
    "giv-circle-s2": TRUE,
    "giv-circle-product": TRUE,  # c^2 = 1 - s^2
    "giv-circle-free-true": TRUE,
    "giv-circle-free-false": FALSE,
    "giv-latex-circle": TRUE,
    "giv-latex-circle-sqrt": FALSE,  # (0, -1)
    "giv-latex-circle-abs-sum": FALSE,  # s = c = 1/sqrt 2: sqrt 2
    # --- constraints/Hyperbola.md, Uses hyperbola.md ---------------------------------------------------
    "giv-xy-log": TRUE,
    "giv-xy-inverse": TRUE,
    "giv-xy-sum": FALSE,  # x = 2, y = 1/2
    "giv-xy-amgm": TRUE,  # x + y >= 2 when xy = 1, x, y > 0
    "giv-xy-square": TRUE,
    "giv-uv-difference": TRUE,  # (u - v)(u + v) = u + v
    "giv-uv-difference-wrong": FALSE,  # u^2 - v^2 = u + v; u = 2, v = 1 gives 3
    "giv-uv-exp": TRUE,
    "giv-latex-xy": TRUE,
    "giv-uses-xy-log": TRUE,  # the given comes with `uses`
    "giv-uses-xy-equal": FALSE,  # x = 2, y = 1/2
    # --- constraints/Implicit givens.md ----------------------------------------------------------------
    "giv-implicit-solve": TRUE,
    "giv-implicit-half": FALSE,  # the root of e^x + x = 2 is 0.4428544...
    "giv-implicit-log": TRUE,  # e^x = 2 - x, 2 - x > 0
    "giv-floor-square": TRUE,
    "giv-floor-three": FALSE,  # y = 3.5
    "giv-floor-double": FALSE,  # y = 3.5: 7
    "giv-floor-ceiling": FALSE,  # y = 3: 3
    "giv-floor-range": TRUE,  # 3 <= y < 4
    # --- constraints/Constant false given.md, Uses false given.md --------------------------------------
    "giv-false-trivial": ERROR,
    "giv-false-wrong": ERROR,
    "giv-false-identity": ERROR,
    "giv-false-latex": ERROR,
    "giv-uses-false-identity": ERROR,  # the false given comes with `uses`
    "giv-uses-false-wrong": ERROR,
    # --- constraints/Contradictory givens.md -----------------------------------------------------------
    "giv-contra-square": ERROR,
    "giv-contra-value": ERROR,
    "giv-contra-unrelated": TRUE_OR_ERROR,  # in scope of contradictory givens but does not involve x
    "giv-impossible-zero": ERROR,  # no real w has w^2 = -1
    "giv-impossible-square": ERROR,
    # --- constraints/Constant true given.md ------------------------------------------------------------
    "giv-true-identity": TRUE,
    "giv-true-wrong": FALSE,
    # --- constraints/Nonlinear givens.md ---------------------------------------------------------------
    "giv-abs-square": TRUE,
    "giv-abs-one": FALSE,  # x = -1
    "giv-exp-double": TRUE,
    "giv-exp-zero": FALSE,  # z = 2 pi i
    "giv-exp-sin": FALSE,  # z = 2 pi i: sin(2 pi i) = i sinh(2 pi)
    "giv-exp-half": TRUE,
    "giv-exp-half-wrong": FALSE,  # z = 2 pi i: exp(i pi) = -1
    "giv-max-abs": TRUE,  # y <= 0
    "giv-max-zero": FALSE,  # y = -1
    "giv-max-min": TRUE,
    "giv-point-r": TRUE,  # r^2 + s^2 = 0 over the reals: r = s = 0
    "giv-point-sum": FALSE,
    "giv-point-exp": TRUE,
    # --- shared/Definitions.md, Uses definitions.md ----------------------------------------------------
    "def-root-neg": TRUE,  # the parameter t is not the declared positive t: sqrt(4) = 2
    "def-root-neg-wrong": FALSE,
    "def-root-real": TRUE,
    "def-root-real-wrong": FALSE,  # x = -1
    "def-lg-complex": FALSE,  # log(exp(3 i pi/2)) = log(-i) = -i pi/2
    "def-lg-real": TRUE,
    "def-declared-t": TRUE,  # here t is the declared positive symbol
    "def-cos-third": TRUE,  # the parameter k is not the declared integer k: cos(pi/3) = 1/2
    "def-cos-param": FALSE,  # x = 1/2: cos(pi/2) = 0 vs (-1)^(1/2) = i
    "def-floor-half": TRUE,
    "def-floor-half-wrong": FALSE,
    "use-sum": TRUE,
    "use-square": TRUE,
    "use-square-wrong": FALSE,
    "use-root-i": TRUE,  # sqrt(i^2) = sqrt(-1) = i
    "use-root-minus-i": FALSE,  # sqrt((-i)^2) = sqrt(-1) = i
    "use-latex-sum": TRUE,
    "use-latex-sum-wrong": FALSE,
    "use-transitive-sum": TRUE,
    "use-transitive-root": TRUE,
    "use-transitive-wrong": FALSE,
    # --- analysis/Nice points.md -----------------------------------------------------------------------
    "dup-nicepoly-c": FALSE,  # vanishes at 0, +-1/2, +-1, +-2, +-3; x = 7/3: -21781760/19683
    "np-poly-expanded": FALSE,  # the same polynomial expanded
    "np-sin-pi": FALSE,
    "np-floor-double": FALSE,  # x = 1/2
    "np-sigmoid-square": FALSE,  # agrees only at x = 0
    "np-sigmoid-derivative": TRUE,
    "np-cos-two-pi": FALSE,
    "np-exp-taylor": FALSE,
    "np-abs-square": FALSE,  # agrees at 0, +-1
    "np-cube": FALSE,
    "np-complex-roots": FALSE,
    "np-sin-square": FALSE,
    "np-triple-angle": TRUE,
    "np-triple-angle-wrong": FALSE,  # agrees where sin x is 0 or 1
    "np-five-roots": FALSE,
    "np-cos-square": FALSE,
    "np-floor-seventh": FALSE,  # x = 0.9
    "np-rational": TRUE,
    "np-rational-wrong": FALSE,  # agrees at 0 only
    "np-integer-poly": FALSE,  # n = 4
    "np-third-root": FALSE,  # vanishes at 0, 1/3, 1
    # --- analysis/Asymptotics.md -----------------------------------------------------------------------
    "asy-atan-tail": FALSE,
    "asy-sqrt-tail": FALSE,
    "asy-floor-unit": TRUE,  # 0 < 1/(a + 1) < 1
    "asy-floor-reciprocal": FALSE,  # a = 1/2
    "asy-min-reciprocal": FALSE,  # a = 2
    "asy-ramp-1000": FALSE,  # a = 2000
    "asy-step-1e5": FALSE,  # x = 2e5
    "asy-exp-flat": FALSE,  # tiny for small a, never 0
    "asy-tanh-square": FALSE,
    "asy-sign-small": FALSE,  # x = 1e-5: sign(1e-15 - 1e-14) = -1
    "asy-abs-shift": FALSE,
    "asy-floor-scale": FALSE,  # x = 1e5: 1 vs 0
    "asy-cos-slow": FALSE,
    "asy-sin-small": FALSE,
    "asy-large-only": FALSE,  # x = 0
    "asy-exact-tail": TRUE,
    "asy-atan-exact": TRUE,  # a > 0
    # --- latex/Notation.md -----------------------------------------------------------------------------
    "lx-ln-e": TRUE,  # undeclared e is Euler's number (or refused)
    "lx-e-squared": TRUE,
    "lx-e-limit": TRUE,
    "lx-euler-identity": TRUE_OR_ERROR,  # undeclared i: imaginary unit or refused, never false
    "lx-euler-mathrm": TRUE,
    "lx-euler-mathrm-wrong": FALSE,  # -1
    "lx-i-squared": ERROR,  # undeclared i that could be the imaginary unit: refused
    "lx-mathrm-i-squared": TRUE,
    "lx-index-i": TRUE,  # i is the summation index
    "lx-index-i-wrong": FALSE,
    "lx-e-sum-index": TRUE,
    "lx-cbrt-neg8": TRUE,  # \sqrt[3] is the real cube root
    "lx-cbrt-neg8-wrong": FALSE,
    "lx-cbrt-cube": TRUE,  # real cube root of a real cube
    "lx-cbrt-neg27": TRUE,
    "lx-sqrt-4": TRUE,
    "lx-sqrt-4-neg": FALSE,
    "lx-nested-sqrt": TRUE,
    "lx-sqrt-index-2": TRUE,
    "lx-sqrt-sq-abs": TRUE,
    "dup-latex-sqrt-c": FALSE,  # x = -1
    "lx-n-paren": TRUE,  # declared n before parentheses multiplies
    "lx-n-paren-wrong": FALSE,
    "lx-a-paren": TRUE,
    "lx-x-paren": TRUE,
    "lx-xy-commute": TRUE,
    "lx-fact-3": TRUE,
    "lx-fact-ratio": TRUE,
    "lx-fact-ratio-wrong": FALSE,
    "lx-fact-0": TRUE,
    "lx-fact-0-wrong": FALSE,
    "lx-fact-choose": TRUE,
    "lx-fact-choose-wrong": FALSE,
    "lx-double-factorial": FALSE_OR_ERROR,  # n!! is the double factorial: n = 3 gives 3 vs 720
    "lx-binom-2": TRUE,
    "lx-binom-2-wrong": FALSE,
    "lx-ln-product-pos": TRUE,
    "lx-ln-product-complex": FALSE,  # z = w = -1 (w undeclared: complex)
    "lx-exp-ln": TRUE,
    "lx-ln-exp-complex": FALSE,  # z = 4i
    "lx-ln-exp-real": TRUE,
    "lx-exp-sum": TRUE,
    "lx-e-product": TRUE,
    "lx-e-power-two": TRUE,
    "lx-log-base": TRUE,
    "lx-log-base-wrong": FALSE,
    "lx-sin-pi": TRUE,
    "lx-cos-pi-wrong": FALSE,
    "lx-abs-sq-real": TRUE,
    "lx-abs-sq-complex": FALSE,  # z = i
    "lx-frac-half": TRUE,
    "lx-cdot-times": TRUE,
    "lx-pi-approx": FALSE,
    "lx-index-then-free": FALSE_OR_ERROR,  # (sum_k k) + k = 6 + k with k free: false (or refused)
    "lx-integral-bound-free": FALSE_OR_ERROR,  # 1/2 = x is false for x != 1/2 (or refused)
    # --- latex/Declared letters.md ---------------------------------------------------------------------
    "de-E-log": FALSE,  # E declared real: E = 2
    "de-I-square": FALSE,  # I declared real: I^2 >= 0
    "de-e-log": FALSE,  # e declared positive: e = 2
    "de-E-exp": TRUE,
    "lx-declared-i-parity": TRUE,
    "lx-declared-i-square": FALSE,  # i declared integer: i^2 >= 0
    "lx-declared-i-abs": TRUE,
    "lx-declared-e-ln": FALSE,  # e declared positive: e = 2
    "lx-declared-e-square": TRUE,
    "lx-declared-mathrm-e": TRUE,
    "lx-declared-mathrm-i": TRUE,
    "lx-declared-E-ln": FALSE,  # E declared real
    # --- latex/Undefined functions.md ------------------------------------------------------------------
    "uf-f-zero": FALSE,  # f = 0
    "uf-product-rule": TRUE,
    "uf-product-rule-wrong": FALSE,  # f = g = x
    "uf-derivative-before-product": ERROR,  # d/dx before a product: refused
    "uf-sum-rule": TRUE,
    "uf-constant-factor": TRUE,
    "uf-quotient-rule": TRUE,
    "uf-quotient-rule-wrong": FALSE,  # sign flipped
    "uf-f-x-y": FALSE,
    "uf-f-plus-zero": TRUE,
    "uf-f-even-wrong": FALSE,  # f = exp
    "uf-f-square": TRUE,
    "uf-f-square-arg": FALSE,
    "uf-ftc": TRUE,
    "uf-ftc-wrong": FALSE,  # f = 1
    "uf-partials-differ": FALSE,  # f = x
    "uf-mixed-partials": TRUE,  # Schwarz for smooth f
    "uf-f-of-e": TRUE,
    "uf-composition": FALSE,
    "uf-chain-exp": TRUE,
    "uf-derivative-square-wrong": FALSE,  # the chain rule gives 2 f f'
    "uf-self-difference": TRUE,
    "uf-homogeneity-wrong": FALSE,
    "uf-shift-wrong": FALSE,
    "uf-integral-zero-width": TRUE,
    "uf-declared-multiplies": TRUE,
    "uf-sigma-derivative": TRUE,
    "uf-sigma-derivative-wrong": FALSE,  # agrees only at x = 0
    "uf-sigma-symmetry": TRUE,
    "uf-sigma-symmetry-wrong": FALSE,
    "uf-derivative-sin-product": ERROR,  # d/dx before a product: refused
    "uf-derivative-parenthesized": TRUE,
    "uf-second-derivative-linear": TRUE,
    # --- latex/Free functions.md -----------------------------------------------------------------------
    "ff-f-zero": FALSE,
    "ff-product-rule": TRUE,
    "ff-product-rule-wrong": FALSE,  # f = g = x
    "ff-chain-square": TRUE,
    "ff-composition": FALSE,
    "ff-self": TRUE,
    "ff-two-args": FALSE,  # f(x, y) = x
    # --- latex/Calculus in LaTeX.md --------------------------------------------------------------------
    "lc-lim-sinc": TRUE,
    "lc-lim-abs-right": TRUE,
    "lc-lim-abs-left": TRUE,
    "lc-lim-reciprocal": FALSE,  # two-sided: -oo from the left
    "lc-lim-reciprocal-square": TRUE,
    "lc-lim-inf": TRUE,
    "lc-lim-e": TRUE,
    "lc-lim-e-a": TRUE,
    "lc-lim-e-a-wrong": FALSE,  # a = 2
    "lc-lim-exp-reciprocal": FALSE,  # +oo from the right
    "lc-lim-exp-reciprocal-left": TRUE,
    "lc-lim-floor": FALSE,  # -1 from the left
    "lc-lim-floor-right": TRUE,
    "lc-lim-sin-inf": FALSE,  # does not exist
    "lc-lim-cos-ratio": TRUE,
    "lc-lim-x-sin-inverse": TRUE,
    "lc-sum-gauss": TRUE,
    "lc-sum-range": TRUE,  # range j = 1..n
    "lc-sum-squares-wrong": FALSE,  # twice the true value
    "lc-sum-geometric": TRUE,
    "lc-sum-basel": TRUE,
    "lc-sum-basel-wrong": FALSE,
    "lc-sum-binomial-alternating": FALSE,  # n = 0: 1
    "lc-sum-exp": TRUE,
    "lc-sum-exp-wrong": FALSE,
    "lc-sum-odd": TRUE,
    "lc-prod-factorial": TRUE,
    "lc-prod-factorial-wrong": FALSE,  # agrees at n = 0, 1; n = 2: 2 vs 4
    "lc-prod-constant": TRUE,
    "lc-int-gauss": TRUE,
    "lc-int-exp": TRUE,
    "lc-int-exp-wrong": FALSE,
    "lc-int-x": TRUE,
    "lc-int-sin": TRUE,
    "lc-int-sin-wrong": FALSE,  # = 0
    "lc-int-t": TRUE,
    "lc-int-inverse-square": TRUE,
    "lc-int-harmonic": FALSE,  # diverges
    "lc-int-dirichlet": TRUE,
    "lc-int-indefinite": ERROR,  # an indefinite integral is not an identity (docs)
    "lc-deriv-cube": TRUE,
    "lc-deriv-sin": TRUE,
    "lc-deriv-cos-wrong": FALSE,
    "lc-deriv-ln-abs": TRUE,  # both sides undefined at 0
    "lc-deriv-second": TRUE,
    "lc-partial": TRUE,
    # --- latex/Complex in LaTeX.md ---------------------------------------------------------------------
    "lz-ln-inverse": FALSE,  # z = -1
    "lz-ln-inverse-pos": TRUE,
    "lz-sqrt-product": FALSE,  # z = w = -1
    "lz-sqrt-product-pos": TRUE,
    "lz-sqrt-square": FALSE,  # z = -1
    "lz-sqrt-neg": TRUE,
    "lz-power-half": FALSE,  # z = -1
    "lz-abs-sq": TRUE,
    "lz-conj-product": TRUE,
    "lz-abs-product": TRUE,
    "lz-abs-sum": FALSE,  # z = 1, w = -1
    "lz-exp-ln": TRUE,
    "lz-ln-exp": FALSE,  # z = 4i
    "lz-euler-formula": TRUE,
    "lz-euler-formula-complex": TRUE,
    "lz-euler-formula-wrong": FALSE,
    "lz-cos-exp": TRUE,
    "lz-i-undeclared": ERROR,  # undeclared i, not an index, could be the imaginary unit: refused
    "lz-i-index": TRUE,  # 1 + 4 + 9
    "lz-arg-product": FALSE,  # z = w = -1
    "lz-re-im": TRUE,
    "lz-cbrt-minus-one": TRUE,  # real cube root
    "lz-power-third": FALSE_OR_ERROR,  # a power is principal: (-8)^(1/3) = 1 + i sqrt 3
    "lz-sqrt-minus-one": TRUE,
    "lz-sqrt-minus-one-wrong": FALSE,
    "lz-i-power-i": TRUE,
    "lz-nonzero-abs": FALSE,  # u = i
    "lz-conj-real": TRUE,
    "lz-conj-complex": FALSE,
    "lz-cosh-sinh": TRUE,
    "lz-cosh-sinh-far": TRUE,
    "lz-cosh-sinh-far-wrong": FALSE,
    "lz-tiny-exp": FALSE,
    "lz-tiny-power": FALSE,
    "lz-ln-square-neg": FALSE,  # t = -1: 0 vs 2 pi i
    # --- dup/Dup one.md, dup/nested/deeper/Dup two.md ------------------------------------------------------
    "dup-logsum-a": FALSE,
    "dup-logsum-b": FALSE,
    "dup-sqrtsq-a": FALSE,
    "dup-sqrtsq-b": FALSE,
    "dup-min1000-a": FALSE,
    "dup-min1000-b": FALSE,
    "dup-tiny40-a": FALSE,
    "dup-tiny40-b": FALSE,
    "dup-cosh100-a": TRUE,
    "dup-cosh100-b": TRUE,
    "dup-gauss-a": TRUE,
    "dup-gauss-b": TRUE,
    "dup-pattern-a": FALSE,
    "dup-pattern-b": FALSE,
    "dup-limabs-a": FALSE,
    "dup-limabs-b": FALSE,
    "dup-nicepoly-a": FALSE,
    "dup-nicepoly-b": FALSE,
    "dup-floorneg-a": FALSE,
    "dup-floorneg-b": FALSE,
    "dup-atanrecip-a": FALSE,  # x = -1: -pi/2
    "dup-atanrecip-b": FALSE,
    "dup-rel100-a": FALSE,
    "dup-rel100-b": FALSE,
    "dup-heavprod-a": FALSE,  # x = 0: 1/4
    "dup-heavprod-b": FALSE,
    "dup-loginv-a": FALSE,  # z = -1 (fails only on the cut)
    "dup-loginv-b": FALSE,
    "dup-latex-sqrt-a": FALSE,
    "dup-latex-sqrt-b": FALSE,
    "dup-latex-lnprod-a": FALSE,
    "dup-latex-lnprod-b": FALSE,
    "dup-latex-limabs-a": FALSE,
    "dup-latex-limabs-b": FALSE,
    "dup-latex-euler-a": TRUE,
    "dup-latex-euler-b": TRUE,
}

# ---------------------------------------------------------------------------------------------------------
# Groups of the same claim (same text, same assumptions) on different lines and in different notes
# ---------------------------------------------------------------------------------------------------------

SAME_VERDICT: dict[str, list[str]] = {
    "logsum": ["dup-logsum-a", "dup-logsum-b", "dup-logsum-c"],
    "sqrtsq": ["dup-sqrtsq-a", "dup-sqrtsq-b", "dup-sqrtsq-c"],
    "min1000": ["dup-min1000-a", "dup-min1000-b", "dup-min1000-c"],
    "tiny40": ["dup-tiny40-a", "dup-tiny40-b", "dup-tiny40-c"],
    "cosh100": ["dup-cosh100-a", "dup-cosh100-b", "dup-cosh100-c"],
    "gauss": ["dup-gauss-a", "dup-gauss-b", "dup-gauss-c"],
    "pattern": ["dup-pattern-a", "dup-pattern-b", "dup-pattern-c"],
    "limabs": ["dup-limabs-a", "dup-limabs-b", "dup-limabs-c"],
    "nicepoly": ["dup-nicepoly-a", "dup-nicepoly-b", "dup-nicepoly-c"],
    "floorneg": ["dup-floorneg-a", "dup-floorneg-b", "dup-floorneg-c"],
    "atanrecip": ["dup-atanrecip-a", "dup-atanrecip-b"],
    "rel100": ["dup-rel100-a", "dup-rel100-b"],
    "heavprod": ["dup-heavprod-a", "dup-heavprod-b"],
    "loginv": ["dup-loginv-a", "dup-loginv-b"],
    "latex-sqrt": ["dup-latex-sqrt-a", "dup-latex-sqrt-b", "dup-latex-sqrt-c"],
    "latex-lnprod": ["dup-latex-lnprod-a", "dup-latex-lnprod-b"],
    "latex-limabs": ["dup-latex-limabs-a", "dup-latex-limabs-b"],
    "latex-euler": ["dup-latex-euler-a", "dup-latex-euler-b"],
}

# ---------------------------------------------------------------------------------------------------------
# Trap classes, by id prefix (longest prefix wins)
# ---------------------------------------------------------------------------------------------------------

TRAPS: dict[str, str] = {
    "bc-": "branch cuts",
    "as-": "assumptions (nonzero, real, integer parity)",
    "td-": "tiny differences",
    "hm-": "huge magnitudes and cancellation",
    "th-": "thresholds (Heaviside, floor, sign, Abs, Min, Max)",
    "nt-": "integer-only identities",
    "sum-": "sums (symbolic bounds, empty ranges, small-n patterns)",
    "prod-": "products (symbolic bounds, empty ranges, small-n patterns)",
    "ig-": "improper integrals with parameter ranges",
    "lim-": "limits (one- and two-sided, at oo)",
    "gam-": "Gamma, factorial, binomial off the integers",
    "giv-": "givens (constraints, false and contradictory givens)",
    "def-": "definitions and function-parameter scope",
    "use-": "definitions through uses",
    "np-": "holds at nice points only",
    "asy-": "holds for large or small |x| only",
    "lx-": "LaTeX notation (e, i, roots, juxtaposition, factorials)",
    "de-": "declared e, i, E, I",
    "uf-": "LaTeX undefined functions and derivatives",
    "ff-": "LaTeX undefined functions and derivatives",
    "lc-": "LaTeX calculus (limits, sums, integrals)",
    "lz-": "LaTeX complex numbers and branch cuts",
    "dup-": "same claim, same verdict",
}

