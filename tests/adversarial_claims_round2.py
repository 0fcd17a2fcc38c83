r"""Adversarial claims, round 2: attacks on the documented checking method itself.

Same structure as tests/adversarial_claims.py (NOTES, EXPECTED, SAME_VERDICT, TRAPS, NO_CLAIM_NOTES,
OPT_IN_NOTES); every note lives under `round2/` so both modules can share one vault. Titles are distinct from
round 1's, so `[[wikilinks]]` stay unambiguous.

docs/claims.md says where points are drawn (special values, magnitudes 1e-6..1e6, integers up to 50 above the
lowest, thresholds of Heaviside/sign/Abs/floor/ceiling/Min/Max when the argument is linear, poles of tan at
pi/2..., branch cuts on the negative real axis), how agreement is decided (300 digits, more for tiny or huge
constants), and how givens are solved. These claims aim at the gaps: removable singularities and poles at
points nobody samples (7/2, sqrt 2, 5i, pi/2 - 1/7), thresholds of nonlinear arguments, thresholds beyond 1e6
hidden in logarithms, integer identities that fail only at n = 60, 97 or 10**4, differences below 10**-300
made by the symbols rather than by a constant, branch cuts off the negative real axis or reached by a whole
interval of real points, givens whose solution leaves the symbols' assumptions, vacuous givens, limits that
do not exist, derivatives of non-smooth functions, integrals that diverge for part of a parameter range, and
the same claim under other names, in other orders, through `uses`.

A documented limitation still counts: a FALSE claim is FALSE even when it fails only off every point the docs
say are tested, or by less than 10**-P. Classes are decided mathematically under the documented semantics
(principal branches, SymPy conventions Heaviside(0) = 1/2, sign(0) = 0; a point where exactly one side is
undefined or infinite makes a claim false; two-sided limits). Truth values were double-checked with mpmath /
SymPy at high precision outside the repository; the comment gives the witness.

Trap prefixes marked "(semantic)" in TRAPS are readings the engineers may settle the other way (the derivative
of |x| at 0); they are classed FALSE because the documented rule says a point where one side is undefined
makes the claim false.
"""

from __future__ import annotations

from adversarial_claims import CLASSES, ERROR, FALSE, FALSE_OR_ERROR, TRUE, TRUE_OR_ERROR  # noqa: F401

NOTES: list[tuple[str, str]] = [
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/singular/Removable singularities.md",
        r"""# Removable singularities

Cancellable factors vanishing at points nobody samples: 7/2, sqrt(2), 5i, e.

```sympy
symbols: x real; z; k integer; a positive
claim rs-72: (x**2 - 49/4)/(x - 7/2) == x + 7/2
claim rs-sqrt2: (x**2 - 2)/(x - sqrt(2)) == x + sqrt(2)
claim rs-self72: (x - 7/2)/(x - 7/2) == 1
claim rs-zero-log72: 0*log(x - 7/2) == 0
claim rs-zero-log: 0*log(x) == 0
claim rs-log-diff72: log(x - 7/2) - log(x - 7/2) == 0
claim rs-third: (x**3 - 1/27)/(x - 1/3) == x**2 + x/3 + 1/9
claim rs-complex-i: (z**2 + 1)/(z - I) == z + I
claim rs-complex-5i: (z**2 + 25)/(z - 5*I) == z + 5*I
claim rs-complex-guard: (z**2 + 49/4)/(z**2 + 49/4) == 1
claim rs-real-guard: (x**2 + 49/4)/(x**2 + 49/4) == 1
claim rs-int-7: (k**2 - 49)/(k - 7) == k + 7
claim rs-int-61: (k**2 - 3721)/(k - 61) == k + 61
claim rs-exp-72: (exp(x) - exp(7/2))/(exp(x) - exp(7/2)) == 1
claim rs-log-e: (log(a) - 1)/(log(a) - 1) == 1
claim rs-times-72: x*(x - 7/2)/(x - 7/2) == x
claim rs-scaled-72: (4*x**2 - 49)/(4*x - 14) == x + 7/2
claim rs-factored-72: (x - 7/2)*(x + 7/2)/(x - 7/2) == x + 7/2
claim rs-swapped-72: x + 7/2 == (x**2 - 49/4)/(x - 7/2)
claim rs-renamed-72: (a**2 - 49/4)/(a - 7/2) == a + 7/2
claim rs-sin-shift: cos(x - 1/7)/sin(x - 1/7)*sin(x - 1/7) == cos(x - 1/7)
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/thresholds/Nonlinear thresholds.md",
        r"""# Nonlinear thresholds

Heaviside, sign, floor, KroneckerDelta, Min and Max whose argument is not linear in a symbol, or linear with an
irrational threshold.

```sympy
symbols: x y real
claim nl-sign-lin-sqrt2: sign(x - sqrt(2))**2 == 1
claim nl-sign-lin-sqrt2-flip: sign(sqrt(2) - x)**2 == 1
claim nl-sign-lin-sqrt2-scaled: sign(2*x - 2*sqrt(2))**2 == 1
claim nl-abs-sign-sqrt2: Abs(sign(x - sqrt(2))) == 1
claim nl-sign-sq2: sign(x**2 - 2)**2 == 1
claim nl-heav-prod-sq2: Heaviside(x**2 - 2)*Heaviside(2 - x**2) == 0
claim nl-heav-sum-sq2: Heaviside(x**2 - 2) + Heaviside(2 - x**2) == 1
claim nl-sin-sign-sq2: sign(sin(x**2 - 2))**2 == 1
claim nl-sign-sin-shift: sign(sin(x - 1/7))**2 == 1
claim nl-sign-sin-abs: sign(sin(x))*sin(x) == Abs(sin(x))
claim nl-floor-sq-tiny: floor(x**2 + 10**-9) == floor(x**2)
claim nl-floor-xsin-tiny: floor(x*sin(x) + 10**-9) == floor(x*sin(x))
claim nl-floor-exp-tiny: floor(exp(x) + 10**-9) == floor(exp(x))
claim nl-floor-sqrt-tiny: floor(sqrt(Abs(x)) + 10**-9) == floor(sqrt(Abs(x)))
claim nl-heav-exp: Heaviside(exp(x) - 3) == Heaviside(x - log(3))
claim nl-heav-exp-wrong: Heaviside(exp(x) - 3) == Heaviside(x - 11/10)
claim nl-kd-x2: KroneckerDelta(x**2, 2) == 0
claim nl-kd-sin: KroneckerDelta(sin(x), 1) == 0
claim nl-kd-cos-shift: KroneckerDelta(cos(x - 1/7), 1) == 0
claim nl-min-sq: Min(x**2, 3) == Min(Abs(x), sqrt(3))**2
claim nl-maxmin-sq: Max(x**2, 3) - Min(x**2, 3) == Abs(x**2 - 3)
claim nl-min-decomp: Min(x**2, 2) == x**2*Heaviside(2 - x**2) + 2*Heaviside(x**2 - 2)
claim nl-min-decomp-wrong: Min(x**2, 2) == x**2*Heaviside(2 - x**2) + 2*Heaviside(x**2 - 2) + KroneckerDelta(x**2, 2)
claim nl-abs-cubic: Abs(x**3 - 2) == (x**3 - 2)*sign(x**3 - 2)
claim nl-sign-cubic: sign(x**3 - 2) == sign(x - 2**(1/3))
claim nl-sign-cubic-wrong: sign(x**3 - 2) == sign(x - 126/100)
claim nl-floor-sq-int: floor(x**2) == floor(x)**2
claim nl-heav-sin-shift: Heaviside(sin(x - 1/7))*Heaviside(sin(1/7 - x)) == 0
claim nl-max-sqrt2: Max(x, sqrt(2)) + Min(x, sqrt(2)) == x + sqrt(2)
claim nl-max-sqrt2-wrong: Max(x, sqrt(2)) - Min(x, sqrt(2)) == x - sqrt(2) + 2*Heaviside(sqrt(2) - x)*(sqrt(2) - x) + KroneckerDelta(x, sqrt(2))
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/thresholds/Far thresholds.md",
        r"""# Far thresholds

Switches beyond 10**6, hidden in logarithms, absolute values and scaled arguments.

```sympy
symbols: x real; k integer; a positive; s positive
claim far-heav-log40: Heaviside(log(x**2 + 1) - 40) == 0
claim far-heav-abs-1e7: Heaviside(Abs(x) - 10**7) == 0
claim far-heav-abs-scaled: Heaviside(Abs(x)/10**7 - 1) == 0
claim far-heav-x2: Heaviside(x**2 - 10**14) == 0
claim far-min-x2: Min(x**2, 10**14) == x**2
claim far-max-log20: Max(log(Abs(x) + 1), 20) == 20
claim far-heavk-log: Heaviside(log(k**2 + 1) - 40) == 0
claim far-asin-1e7: conjugate(asin(x/10**7)) == asin(x/10**7)
claim far-sqrt-1e7: im(sqrt(1 - x**2/10**14)) == 0
claim far-floor-log: floor(log(a + 1)/30) == 0
claim far-sign-exp: sign(exp(-a) - 10**-20) == 1
claim far-floor-atan: floor(2*atan(x)/pi + 10**-9) == floor(2*atan(x)/pi)
claim far-floor-tanh: floor(tanh(x) + 10**-9) == floor(tanh(x))
claim far-int-abs: Integral(Abs(x - s/10**7), (x, 0, 1)) == s**2/10**14 - s/10**7 + 1/2
claim far-int-heav: Integral(Heaviside(x - s/10**7), (x, 0, 1)) == 1 - s/10**7
claim far-cbrt-conj: conjugate((x + 10**7)**(1/3)) == (x + 10**7)**(1/3)
claim far-acos-im: im(acos(x/10**7)) == 0
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/integers/Hidden integers.md",
        r"""# Hidden integers

Integer identities that fail only at n = 60, 97 or 10**4, with no integer constant near the failure.

```sympy
symbols: n nonnegative integer; p positive integer; k integer; j integer
claim hi-kd3600: KroneckerDelta(n**2, 3600) == 0
claim hi-kd3660: KroneckerDelta(n*(n + 1), 3660) == 0
claim hi-kd-cube: KroneckerDelta(n**3, 10**12) == 0
claim hi-kd-60: KroneckerDelta(n, 60) == 0
claim hi-kd-ratio60: KroneckerDelta(n/60, 1) == 0
claim hi-kd-cos97: KroneckerDelta(cos(2*pi*n/97), 1) == KroneckerDelta(n, 0)
claim hi-kd-cos60: KroneckerDelta(cos(pi*n/30), 1) == KroneckerDelta(n, 0)
claim hi-sign-sin97: Abs(sign(sin(pi*n/97))) == 1 - KroneckerDelta(n, 0)
claim hi-sign-sin1e4: Abs(sign(sin(pi*p/10**4))) == 1
claim hi-fermat: floor((2**p - 2)/p) == (2**p - 2)/p
claim hi-wilson: floor((factorial(p - 1) + 1)/p) == (factorial(p - 1) + 1)/p
claim hi-euler-41: KroneckerDelta(floor(sqrt(n**2 + n + 41))**2, n**2 + n + 41) == 0
claim hi-floor-1e4: floor(n**2/10**8) == 0
claim hi-kd-k-sq: KroneckerDelta(k**2, 3600) == KroneckerDelta(k, 60)
claim hi-kd-k-sq-true: KroneckerDelta(k**2, 3600) == KroneckerDelta(k, 60) + KroneckerDelta(k, -60)
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/integers/Hidden sums and products.md",
        r"""# Hidden sums and products

Closed forms that break only above n = 50, or at one n far away.

```sympy
symbols: n nonnegative integer; j integer; x real
claim sp-kd3600: Sum(KroneckerDelta(j**2, 3600), (j, 1, n)) == 0
claim sp-prod-kd3600: Product(1 - KroneckerDelta(j**2, 3600), (j, 1, n)) == 1
claim sp-cos97: Sum(KroneckerDelta(cos(2*pi*j/97), 1), (j, 1, n)) == 0
claim sp-floor-3601: Sum(floor(j**2/3601), (j, 1, n)) == 0
claim sp-harmonic-5: floor(Sum(1/j, (j, 1, n))/5) == 0
claim sp-gauss-kd3660: Sum(j, (j, 1, n)) == n*(n + 1)/2 + KroneckerDelta(n*(n + 1), 3660)
claim sp-prod-kd3660: Product(j, (j, 1, n)) == factorial(n)*(1 + KroneckerDelta(n*(n + 1), 3660))
claim sp-prod-cube: Product((j + 1)/j, (j, 1, n)) == n + 1 + KroneckerDelta(n**3, 10**12)
claim sp-sum-sin: Sum(sin(j*x), (j, 1, n)) == sin(n*x/2)*sin((n + 1)*x/2)/sin(x/2)
claim sp-nicomachus: Sum(j**3, (j, 1, n)) == Sum(j, (j, 1, n))**2
claim sp-gauss-big: Sum(j, (j, 1, n)) == n*(n + 1)/2
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/analysis/Hidden tiny differences.md",
        r"""# Hidden tiny differences

Differences below 10**-300 produced by the symbols, not by a tiny constant of the claim.

```sympy
symbols: x real; a positive
claim ht-tanh400: tanh(x**2 + 400) == 1
claim ht-sig800: 1/(1 + exp(-x**2 - 800)) == 1
claim ht-expadd: x + exp(-x**2 - 1000) == x
claim ht-exp700: (1 + exp(-700 - x**2))*a == a
claim ht-tanh-abs: 1 - tanh(Abs(x) + 400) == 0
claim ht-cosh-tiny: cosh(x)**2 - sinh(x)**2 == 1 + 10**-100
claim ht-tanh-x4: tanh(x**4 + 1000) == 1
claim ht-cos-tiny: cos(exp(-x**2 - 400)) == 1
claim ht-sqrt-tiny: sqrt(1 + exp(-x**2 - 700)) == 1
claim ht-atan-big: atan(exp(x**2 + 700)) == pi/2
claim ht-double-exp: x + exp(-exp(7)) == x
claim ht-tanh-exact: tanh(x**2 + 400) == 1 - 2/(exp(2*x**2 + 800) + 1)
claim ht-product-exact: (1 + exp(-x**2 - 800))*(1 - exp(-x**2 - 800)) == 1 - exp(-2*x**2 - 1600)
claim ht-split-exact: exp(-x**2 - 1000) == exp(-x**2)*exp(-1000)
claim ht-tanh-a: tanh(a + 400) == 1
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/singular/Shifted poles.md",
        r"""# Shifted poles

Poles of tan and Gamma moved off pi/2, 0 and the integers.

```sympy
symbols: x real; y real; k integer
claim pole-tan-shift: tan(x + 1/7)*cos(x + 1/7) == sin(x + 1/7)
claim pole-tan-shift-swapped: sin(x + 1/7) == tan(x + 1/7)*cos(x + 1/7)
claim pole-tan-shift-renamed: tan(y + 1/7)*cos(y + 1/7) == sin(y + 1/7)
claim pole-tan-sq: tan(x**2)*cos(x**2) == sin(x**2)
claim pole-tan-2x: tan(2*x)*cos(2*x) == sin(2*x)
claim pole-tan-one: tan(x + 1)*cos(x + 1) == sin(x + 1)
claim pole-ratio: sin(x + 1/7)/cos(x + 1/7) == tan(x + 1/7)
claim pole-sec: 1 + tan(x - 1/7)**2 == 1/cos(x - 1/7)**2
claim pole-gamma-17: gamma(x + 1/7)*(x + 1/7) == gamma(x + 8/7)
claim pole-gamma-72: gamma(x - 7/2)*(x - 7/2) == gamma(x - 5/2)
claim pole-gamma-reflect: gamma(x + 1/7)*gamma(6/7 - x) == pi/sin(pi*(x + 1/7))
claim pole-gamma-reflect-wrong: gamma(x + 1/7)*gamma(6/7 - x) == pi/cos(pi*(x + 1/7))
claim pole-gamma-int: gamma(k)*sin(pi*k) == 0
claim pole-fact-ratio: factorial(x)/x == factorial(x - 1)
claim pole-binom-neg: binomial(-1, k**2) == (-1)**k
claim pole-atan-sign: atan(1/(x - 1/7)) + atan(x - 1/7) == pi*sign(x - 1/7)/2
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/complex/Displaced cuts.md",
        r"""# Displaced cuts

Branch cuts moved off the negative real axis, and inner values lying exactly on a cut for a whole interval
of real points.

```sympy
symbols: z; x real
claim cut-sqrt5: sqrt(1/(z - 5*I)) == 1/sqrt(z - 5*I)
claim cut-log5: log(1/(z - 5*I)) == -log(z - 5*I)
claim cut-conj5: conjugate(sqrt(z - 5*I)) == sqrt(conjugate(z) + 5*I)
claim cut-acos-atan: acos(x) == 2*atan(sqrt(1 - x)/sqrt(1 + x))
claim cut-asin-atan: asin(x) == atan(x/sqrt(1 - x**2))
claim cut-sqrt-square5: sqrt(z - 5*I)*sqrt(z - 5*I) == z - 5*I
claim cut-sqrt-sq5-wrong: sqrt((z - 5*I)**2) == z - 5*I
claim cut-im-log72: im(log(x - 7/2)) == pi*Heaviside(7/2 - x)
claim cut-im-log-sq2: im(log(x**2 - 2)) == pi*Heaviside(2 - x**2)
claim cut-exp-log5: exp(log(z - 5*I)) == z - 5*I
claim cut-sqrt-ratio5: sqrt(z - 5*I)/sqrt(z - 5*I) == 1
claim cut-conj-asin-far: conjugate(asin(z/10**7)) == asin(conjugate(z)/10**7)
claim cut-conj-atan-far: conjugate(atan(z/10**7)) == atan(conjugate(z)/10**7)
claim cut-conj-asin: conjugate(asin(z)) == asin(conjugate(z))
claim cut-abs-conj: Abs(conjugate(z)) == Abs(z)
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/complex/Real and imaginary parts.md",
        r"""# Real and imaginary parts

re, im, conjugate of values that are not real.

```sympy
symbols: x real; v real nonzero
claim ric-im-log: im(log(v)) == pi*Heaviside(-v)
claim ric-im-log0: im(log(x)) == pi*Heaviside(-x)
claim ric-re-sqrt: re(sqrt(x))**2 == Max(x, 0)
claim ric-im-sqrt: im(sqrt(x))**2 == Max(-x, 0)
claim ric-re-log-abs: re(log(v)) == log(Abs(v))
claim ric-conj-cbrt: conjugate(x**(1/3)) == x**(1/3)
claim ric-im-square: im(x**2) == 0
claim ric-re-root: re(sqrt(x)) == sqrt(Max(x, 0))
claim ric-im-asin: im(asin(x)) == 0
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/constraints/Given parabola.md",
        r"""# Given parabola

`x` is real, so the given forces y >= 0: points with y < 0 do not satisfy it.

```sympy
symbols: x y real
given: x**2 == y
claim ga-absy: x**2 == Abs(y)
claim ga-absx2: Abs(x)**2 == y
claim ga-maxy: Max(y, 0) == y
claim ga-sqrtxy: sqrt(x**2) == sqrt(y)
claim ga-xsqrt: x == sqrt(y)
claim ga-sign: sign(y)**2 == sign(x)**2
claim ga-heav: Heaviside(-y)*y == 0
claim r2dup-parabola-a: Abs(y) == y
```
""",
    ),
    (
        "round2/constraints/Given parabola copy.md",
        r"""# Given parabola copy

The same given and claim as [[Given parabola]], declared in another order, on another line.

```sympy
symbols: y real; x real
# padding

given: x**2 == y
claim r2dup-parabola-b: Abs(y) == y
```
""",
    ),
    (
        "round2/constraints/Given even.md",
        r"""# Given even

m = 2k with k and m integers: m is even.

```sympy
symbols: k m integer
given: 2*k == m
claim ga-parity: (-1)**m == 1
claim ga-cos: cos(pi*m/2) == (-1)**k
claim ga-floor: floor(m/2) == m/2
claim ga-wrong: m == k
```
""",
    ),
    (
        "round2/constraints/Given even rewritten.md",
        r"""# Given even rewritten

The same constraint written the other way round.

```sympy
symbols: k m integer
given: m - 2*k == 0
claim ga2-parity: (-1)**m == 1
claim ga2-floor: floor(m/2) == m/2
claim ga2-half: (-1)**(m/2) == (-1)**k
```
""",
    ),
    (
        "round2/constraints/Given segment.md",
        r"""# Given segment

u, v > 0 with u + v = 1: both lie in (0, 1).

```sympy
symbols: u v positive
given: u + v == 1
claim ga-maxv: Max(v, 0) == v
claim ga-abs1u: Abs(1 - u) == 1 - u
claim ga-floor-u: floor(u) == 0
claim ga-wrong2: u == v
claim ga-sqrt-v: sqrt(v**2) == v
claim ga-prod: u*v == u - u**2
claim ga-amgm: Min(u*v, 1/4) == u*v
claim ga-log: log(u) + log(v) == log(u - u**2)
```
""",
    ),
    (
        "round2/constraints/Given impossible integer.md",
        r"""# Given impossible integer

No integer k satisfies 2k = 3, and none satisfies k**2 = 2: every claim is vacuous.

```sympy
symbols: k integer
given: 2*k == 3
claim ga-vac-floor: floor(k) == k
claim ga-vac-val: k == 3/2
claim ga-vac-five: k == 5
```

```sympy
symbols: q integer
given: q**2 == 2
claim ga-vac2-one: q == 1
claim ga-vac2-floor: floor(q) == q
claim ga-vac2-parity: (-1)**(2*q) == 1
```
""",
    ),
    (
        "round2/constraints/Given cube.md",
        r"""# Given cube

z**3 = 8 has three complex roots; the given is cubic, so only a proof can decide.

```sympy
symbols: z
given: z**3 == 8
claim ga-cube-2: z == 2
claim ga-cube-6: z**6 == 64
claim ga-cube-abs: Abs(z) == 2
claim ga-cube-re: re(z) == 2
```
""",
    ),
    (
        "round2/constraints/Given circle shifted.md",
        r"""# Given circle shifted

|w - 1| = 1: the circle through 0 and 2.

```sympy
symbols: w
given: Abs(w - 1) == 1
claim ga-disk: Abs(w)**2 == 2*re(w)
claim ga-disk-wrong: Abs(w)**2 == 2*re(w) + im(w)**2
```
""",
    ),
    (
        "round2/constraints/Given root two.md",
        r"""# Given root two

p**2 = 2 with p real: p = sqrt(2) or p = -sqrt(2).

```sympy
symbols: p real
given: p**2 == 2
claim ga-p-sqrt2: p == sqrt(2)
claim ga-p-kd: KroneckerDelta(p**2, 2) == 1
claim ga-p-floor: floor(p) == 1
claim ga-p-floor-abs: floor(Abs(p)) == 1
claim ga-p-sign: sign(p)**2 == 1
```
""",
    ),
    (
        "round2/constraints/Given two roots.md",
        r"""# Given two roots

x**2 - 3x + 2 = 0: x = 1 or x = 2. And a*x = 1, whose leading coefficient is a symbol.

```sympy
symbols: x real
given: x**2 - 3*x + 2 == 0
claim ga-quad-prod: (x - 1)*(x - 2) == 0
claim ga-quad-one: x == 1
claim ga-quad-floor: floor(x) == x
claim ga-quad-ratio: (x - 1)/(x - 1) == 1
claim ga-quad-log: log(x - 1) == 0
```

```sympy
symbols: b c real; t positive
given: b*c == 1
given: t**2 == 4
claim ga-bc-inverse: c == 1/b
claim ga-bc-wrong: c == b
claim ga-t-two: t == 2
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/calculus/Limits that do not exist.md",
        r"""# Limits that do not exist

Two-sided limits of functions with jumps and flat spots: substituting the point is not the limit.

```sympy
symbols: x real
claim l2-xfloor: limit(x*floor(1/x), x, 0) == 1
claim l2-floorx-over: limit(floor(x)/x, x, 0) == 0
claim l2-xx: limit(x**x, x, 0) == 1
claim l2-absrecip: limit(Abs(x)**(1/x), x, 0) == 0
claim l2-sign2: limit(sign(x)**2, x, 0) == 1
claim l2-sign: limit(sign(x), x, 0) == 0
claim l2-heavx2: limit(Heaviside(x**2), x, 0) == 1
claim l2-heavx2-half: limit(Heaviside(x**2), x, 0) == 1/2
claim l2-floor-negsq: limit(floor(-x**2), x, 0) == -1
claim l2-floor-negsq-wrong: limit(floor(-x**2), x, 0) == 0
claim l2-sinabs: limit(sin(x)/Abs(x), x, 0) == 1
claim l2-ceil-sq: limit(ceiling(x**2), x, 0) == 1
claim l2-ceil-sq-wrong: limit(ceiling(x**2), x, 0) == 0
claim l2-floor-sq-at1: limit(floor(x**2), x, 1) == 1
claim l2-floor-sq-at1-right: limit(floor(x**2), x, 1, '+') == 1
claim l2-exp-recip-sq: limit(exp(-1/x**2), x, 0) == 0
claim l2-xsinx-inf: limit(x*sin(x), x, oo) == 0
claim l2-sqrt-left: limit(sqrt(x), x, 0, '-') == 0
claim l2-xlogabs: limit(x*log(Abs(x)), x, 0) == 0
claim l2-kd: limit(KroneckerDelta(x, 0), x, 0) == 0
claim l2-kd-wrong: limit(KroneckerDelta(x, 0), x, 0) == 1
claim l2-floor-sin: limit(floor(sin(x)), x, 0) == 0
claim l2-floor-cos: limit(floor(cos(x)), x, 0) == 0
claim l2-floor-cos-wrong: limit(floor(cos(x)), x, 0) == 1
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/calculus/Nonsmooth derivatives.md",
        r"""# Nonsmooth derivatives

Derivatives of Abs, sign, floor, Heaviside, Max and Min at the points where they do not exist.

```sympy
symbols: x real
claim ns-abs: diff(Abs(x), x) == sign(x)
claim ns-max: diff(Max(x, 0), x) == Heaviside(x)
claim ns-abs-shift: diff(Abs(x - 7/2), x) == sign(x - 7/2)
claim ns-min-sq: diff(Min(x**2, 1), x) == 2*x*Heaviside(1 - x**2)
claim ns-floor: diff(floor(x), x) == 0
claim ns-heav: diff(Heaviside(x), x) == 0
claim ns-abs-second: diff(Abs(x), x, 2) == 0
claim ns-xabs: diff(x*Abs(x), x) == 2*Abs(x)
claim ns-x2sign: diff(x**2*sign(x), x) == 2*Abs(x)
claim ns-abs-sq: diff(Abs(x)**2, x) == 2*x
claim ns-abs-cube: diff(Abs(x)**3, x) == 3*x*Abs(x)
claim ns-sqrt-sq: diff(sqrt(x**2), x) == x/Abs(x)
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/calculus/Parametric integrals.md",
        r"""# Parametric integrals

Improper integrals that diverge on part of the parameter range.

```sympy
symbols: x real; c real; s positive
claim pint-expc: Integral(exp(c*x), (x, -oo, 0)) == 1/c
claim pint-gammas: Integral(exp(-x)*x**(s - 1), (x, 0, oo)) == gamma(s)
claim pint-lorc: Integral(1/(x**2 + c), (x, -oo, oo)) == pi/sqrt(c)
claim pint-lors: Integral(1/(x**2 + s), (x, -oo, oo)) == pi/sqrt(s)
claim pint-gausscos: Integral(cos(c*x)*exp(-x**2), (x, -oo, oo)) == sqrt(pi)*exp(-c**2/4)
claim pint-abs-c: Integral(Abs(x - c), (x, 0, 1)) == c**2 - c + 1/2
claim pint-heav-c: Integral(Heaviside(x - s), (x, 0, 1)) == 1 - s
claim pint-exp-ratio: Integral(exp(-s*x), (x, 0, 1)) == (1 - exp(-s))/s
claim pint-sinc-c: Integral(sin(c*x)/x, (x, 0, oo)) == pi*sign(c)/2
claim pint-cos-diverge: Integral(cos(c*x), (x, 0, oo)) == 0
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/latex/Round two in LaTeX.md",
        r"""# Round two in LaTeX

```sympy
symbols: x t real; a positive; n nonnegative integer; z
```

$$\frac{x^2 - \frac{49}{4}}{x - \frac{7}{2}} = x + \frac{7}{2}$$ %% verify lt-rem72 %%

$$\tanh(x^2 + 400) = 1$$ %% verify lt-tanh400 %%

$$\frac{1}{1 + e^{-x^2 - 800}} = 1$$ %% verify lt-sig800 %%

$$\tan(x + \frac{1}{7}) \cos(x + \frac{1}{7}) = \sin(x + \frac{1}{7})$$ %% verify lt-tan-shift %%

$$\left\lfloor \frac{\ln(x^2 + 1)}{40} \right\rfloor = 0$$ %% verify lt-floor-far %%

$$\sqrt{1 - \frac{x^2}{10^{14}}} = \left\lvert \sqrt{1 - \frac{x^2}{10^{14}}} \right\rvert$$ %% verify lt-sqrt-far %%

$$\sum_{j=1}^{n} \left\lfloor \frac{j^2}{3601} \right\rfloor = 0$$ %% verify lt-sum-floor %%

$$\left\lfloor \frac{1}{5} \sum_{j=1}^{n} \frac{1}{j} \right\rfloor = 0$$ %% verify lt-harmonic %%

$$\lim_{x \to 0} \lfloor \cos x \rfloor = 0$$ %% verify lt-lim-floor-cos %%

$$\lim_{x \to 0} \lfloor \cos x \rfloor = 1$$ %% verify lt-lim-floor-cos-wrong %%

$$\lim_{x \to 0} x \left\lfloor \frac{1}{x} \right\rfloor = 1$$ %% verify lt-lim-xfloor %%

$$\frac{d}{dx}\left(x \lvert x \rvert\right) = 2\lvert x \rvert$$ %% verify lt-deriv-xabs %%

$$\int_0^1 \left\lvert t - \frac{a}{10^7} \right\rvert\, dt = \frac{a^2}{10^{14}} - \frac{a}{10^7} + \frac{1}{2}$$ %% verify lt-int-far %%

$$\sqrt{\frac{1}{z - 5\mathrm{i}}} = \frac{1}{\sqrt{z - 5\mathrm{i}}}$$ %% verify lt-cut5 %%

$$\arccos x = 2\arctan\frac{\sqrt{1 - x}}{\sqrt{1 + x}}$$ %% verify lt-acos %%

$$\lfloor x \sin x + 10^{-9} \rfloor = \lfloor x \sin x \rfloor$$ %% verify lt-floor-xsin %%

$$\frac{(x - \frac{7}{2})(x + \frac{7}{2})}{x - \frac{7}{2}} = x + \frac{7}{2}$$ %% verify lt-factored-72 %%

$$\frac{x^2 - 2}{x - \sqrt{2}} = x + \sqrt{2}$$ %% verify lt-rem-sqrt2 %%
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    # The same claims on other lines, in other notes, with other declaration orders, through `uses`.
    (
        "round2/dup/R2 Dup A.md",
        r"""# R2 Dup A

```sympy
symbols: x real; y real
claim r2dup-floorxsin-a: floor(x*sin(x) + 1/16) == floor(x*sin(x))
claim r2dup-heavlog-a: Heaviside(log(x**2 + 1) - 40) == 0
claim r2dup-rem72-a: (x**2 - 49/4)/(x - 7/2) == x + 7/2
claim r2dup-tanh400-a: tanh(x**2 + 400) == 1
claim r2dup-acos-a: acos(x) == 2*atan(sqrt(1 - x)/sqrt(1 + x))
claim r2dup-signsqrt2-a: sign(x - sqrt(2))**2 == 1
claim r2dup-two-a: floor(x*sin(y) + y*sin(x) + 1/16) == floor(x*sin(y) + y*sin(x))
```

$$\tanh(x^2 + 400) = 1$$ %% verify r2dup-latex-tanh-a %%

$$\lfloor x \sin x + \frac{1}{16} \rfloor = \lfloor x \sin x \rfloor$$ %% verify r2dup-latex-floor-a %%
""",
    ),
    (
        "round2/dup/deeper/R2 Dup B.md",
        r"""---
aliases: [Round two second copy]
---
# R2 Dup B

Other declarations first, extra symbols, a comment, and more lines above.

Some prose.

```sympy
# declared in another order, with unused symbols
symbols: z; y real; n integer; x real; w positive

claim r2dup-two-b: floor(x*sin(y) + y*sin(x) + 1/16) == floor(x*sin(y) + y*sin(x))
claim r2dup-signsqrt2-b: sign(x - sqrt(2))**2 == 1
claim r2dup-acos-b: acos(x) == 2*atan(sqrt(1 - x)/sqrt(1 + x))
```

$$\lfloor x \sin x + \frac{1}{16} \rfloor = \lfloor x \sin x \rfloor$$ %% verify r2dup-latex-floor-b %%

```sympy
claim r2dup-tanh400-b: tanh(x**2 + 400) == 1

claim r2dup-rem72-b: (x**2 - 49/4)/(x - 7/2) == x + 7/2
claim r2dup-heavlog-b: Heaviside(log(x**2 + 1) - 40) == 0
claim r2dup-floorxsin-b: floor(x*sin(x) + 1/16) == floor(x*sin(x))
```

$$\tanh(x^2 + 400) = 1$$ %% verify r2dup-latex-tanh-b %%
""",
    ),
    (
        "round2/dup/R2 Dup C.md",
        r"""# R2 Dup C

x and y arrive through `uses`.

```sympy
uses: [[R2 Dup A]]
claim r2dup-floorxsin-c: floor(x*sin(x) + 1/16) == floor(x*sin(x))
claim r2dup-heavlog-c: Heaviside(log(x**2 + 1) - 40) == 0
claim r2dup-two-c: floor(x*sin(y) + y*sin(x) + 1/16) == floor(x*sin(y) + y*sin(x))
claim r2dup-acos-c: acos(x) == 2*atan(sqrt(1 - x)/sqrt(1 + x))
```
""",
    ),
    # -----------------------------------------------------------------------------------------------------
    (
        "round2/dup/Renamed.md",
        r"""# Renamed

The claim floor(x sin x + 1/16) == floor(x sin x) under other names and in other equivalent forms: each is
false (x sin x comes within 1/16 below an integer on a set of positive measure), and a renamed symbol should
not change what the checker finds.

```sympy
symbols: t u v w y s r q x real
claim ren-t: floor(t*sin(t) + 1/16) == floor(t*sin(t))
claim ren-u: floor(u*sin(u) + 1/16) == floor(u*sin(u))
claim ren-v: floor(v*sin(v) + 1/16) == floor(v*sin(v))
claim ren-w: floor(w*sin(w) + 1/16) == floor(w*sin(w))
claim ren-y: floor(y*sin(y) + 1/16) == floor(y*sin(y))
claim ren-s: floor(s*sin(s) + 1/16) == floor(s*sin(s))
claim ren-r: floor(r*sin(r) + 1/16) == floor(r*sin(r))
claim ren-q: floor(q*sin(q) + 1/16) == floor(q*sin(q))
claim ren-swapped: floor(x*sin(x)) == floor(x*sin(x) + 1/16)
claim ren-commuted: floor(sin(x)*x + 1/16) == floor(sin(x)*x)
claim ren-difference: floor(x*sin(x) + 1/16) - floor(x*sin(x)) == 0
claim ren-sixteenth: floor(x*sin(x) + 0.0625) == floor(x*sin(x))
claim ren-heav-t: Heaviside(log(t**2 + 1) - 40) == 0
claim ren-heav-u: Heaviside(log(u**2 + 1) - 40) == 0
claim ren-heav-swapped: 0 == Heaviside(log(x**2 + 1) - 40)
```
""",
    ),
]

NO_CLAIM_NOTES: list[str] = []
OPT_IN_NOTES: dict[str, list[str]] = {}

EXPECTED: dict[str, str] = {
    # --- Removable singularities -------------------------------------------------------------------------
    "rs-72": FALSE,  # x = 7/2: 0/0 undefined, rhs 7
    "rs-sqrt2": FALSE,  # x = sqrt 2: 0/0, rhs 2 sqrt 2
    "rs-self72": FALSE,  # x = 7/2: 0/0 vs 1
    "rs-zero-log72": FALSE,  # x = 7/2: 0 * log 0 is undefined, rhs 0
    "rs-zero-log": FALSE,  # x = 0: 0 * log 0 undefined
    "rs-log-diff72": FALSE,  # x = 7/2: log 0 - log 0 undefined
    "rs-third": FALSE,  # x = 1/3 (a sampled point): 0/0
    "rs-complex-i": FALSE,  # z = i (sampled): 0/0
    "rs-complex-5i": FALSE,  # z = 5i: 0/0
    "rs-complex-guard": FALSE,  # z = 7i/2: 0/0
    "rs-real-guard": TRUE,  # x**2 + 49/4 > 0 for real x
    "rs-int-7": FALSE,  # k = 7 (a constant of the claim)
    "rs-int-61": FALSE,  # k = 61
    "rs-exp-72": FALSE,  # x = 7/2: 0/0
    "rs-log-e": FALSE,  # a = e: 0/0
    "rs-times-72": FALSE,  # x = 7/2: 0/0 * 7/2
    "rs-scaled-72": FALSE,  # x = 7/2: 0/0
    "rs-factored-72": FALSE,  # x = 7/2
    "rs-swapped-72": FALSE,  # x = 7/2
    "rs-renamed-72": FALSE,  # a = 7/2
    "rs-sin-shift": FALSE,  # x = 1/7: cos(0)/0 * 0 undefined, rhs 1
    # --- Nonlinear thresholds ----------------------------------------------------------------------------
    "nl-sign-lin-sqrt2": FALSE,  # x = sqrt 2: sign(0)**2 = 0
    "nl-sign-lin-sqrt2-flip": FALSE,  # x = sqrt 2
    "nl-sign-lin-sqrt2-scaled": FALSE,  # x = sqrt 2
    "nl-abs-sign-sqrt2": FALSE,  # x = sqrt 2
    "nl-sign-sq2": FALSE,  # x = sqrt 2
    "nl-heav-prod-sq2": FALSE,  # x = sqrt 2: 1/4
    "nl-heav-sum-sq2": TRUE,  # 1/2 + 1/2 at x**2 = 2
    "nl-sin-sign-sq2": FALSE,  # x = sqrt 2: sin 0 = 0
    "nl-sign-sin-shift": FALSE,  # x = 1/7
    "nl-sign-sin-abs": TRUE,
    "nl-floor-sq-tiny": FALSE,  # x = sqrt(1 - 10**-9)
    "nl-floor-xsin-tiny": FALSE,  # x sin x = 1 - 10**-9/2 has real solutions near x = 1.114
    "nl-floor-exp-tiny": FALSE,  # x = log(1 - 10**-9/2)
    "nl-floor-sqrt-tiny": FALSE,  # |x| = (1 - 10**-9/2)**2
    "nl-heav-exp": TRUE,  # both 1/2 at x = log 3
    "nl-heav-exp-wrong": FALSE,  # x in (log 3, 11/10): 1 vs 0
    "nl-kd-x2": FALSE,  # x = sqrt 2
    "nl-kd-sin": FALSE,  # x = pi/2
    "nl-kd-cos-shift": FALSE,  # x = 1/7
    "nl-min-sq": TRUE,
    "nl-maxmin-sq": TRUE,
    "nl-min-decomp": TRUE,  # at x**2 = 2: 2/2 + 2/2 = 2
    "nl-min-decomp-wrong": FALSE,  # x = sqrt 2: 2 vs 3
    "nl-abs-cubic": TRUE,
    "nl-sign-cubic": TRUE,
    "nl-sign-cubic-wrong": FALSE,  # x in (2**(1/3), 1.26)
    "nl-floor-sq-int": FALSE,  # x = -1/2: 0 vs 1
    "nl-heav-sin-shift": FALSE,  # x = 1/7: 1/4
    "nl-max-sqrt2": TRUE,
    "nl-max-sqrt2-wrong": FALSE,  # x = sqrt 2: lhs 0, rhs KroneckerDelta(sqrt2, sqrt2) = 1
    # --- Far thresholds ------------------------------------------------------------------------------------
    "far-heav-log40": FALSE,  # |x| > e**20 ~ 4.85e8
    "far-heav-abs-1e7": FALSE,  # |x| > 10**7
    "far-heav-abs-scaled": FALSE,  # |x| > 10**7
    "far-heav-x2": FALSE,  # |x| > 10**7
    "far-min-x2": FALSE,  # |x| > 10**7
    "far-max-log20": FALSE,  # |x| > e**20 - 1
    "far-heavk-log": FALSE,  # integer |k| > 4.85e8
    "far-asin-1e7": FALSE,  # x = 2e7: asin(2) is not real
    "far-sqrt-1e7": FALSE,  # x = 2e7: sqrt(-3) = i sqrt 3
    "far-floor-log": FALSE,  # a > e**30 - 1
    "far-sign-exp": FALSE,  # a > 20 log 10 ~ 46.05
    "far-floor-atan": FALSE,  # x > tan(pi/2 (1 - 1e-9)) ~ 6.4e8, and x in (-1.6e-9, 0)
    "far-floor-tanh": FALSE,  # x > ~10.7: tanh x > 1 - 1e-9
    "far-int-abs": FALSE,  # s > 10**7: the formula only holds for s/1e7 in [0, 1]
    "far-int-heav": FALSE,  # s > 10**7: integral 0, rhs negative
    "far-cbrt-conj": FALSE,  # x = -2e7: principal cube root of -1e7 is not real
    "far-acos-im": FALSE,  # x = 2e7: acos(2) = 1.317 i
    # --- Hidden integers -----------------------------------------------------------------------------------
    "hi-kd3600": FALSE,  # n = 60
    "hi-kd3660": FALSE,  # n = 60: 60*61 = 3660
    "hi-kd-cube": FALSE,  # n = 10**4
    "hi-kd-60": FALSE,  # n = 60
    "hi-kd-ratio60": FALSE,  # n = 60
    "hi-kd-cos97": FALSE,  # n = 97
    "hi-kd-cos60": FALSE,  # n = 60
    "hi-sign-sin97": FALSE,  # n = 97: sin(pi) = 0
    "hi-sign-sin1e4": FALSE,  # p = 10**4
    "hi-fermat": FALSE,  # p = 4
    "hi-wilson": FALSE,  # p = 4: 7/4
    "hi-euler-41": FALSE,  # n = 40: 1681 = 41**2
    "hi-floor-1e4": FALSE,  # n >= 10**4
    "hi-kd-k-sq": FALSE,  # k = -60
    "hi-kd-k-sq-true": TRUE,
    # --- Hidden sums and products -----------------------------------------------------------------------
    "sp-kd3600": FALSE,  # n >= 60
    "sp-prod-kd3600": FALSE,  # n >= 60
    "sp-cos97": FALSE,  # n >= 97
    "sp-floor-3601": FALSE,  # n >= 61: 61**2 = 3721
    "sp-harmonic-5": FALSE,  # n >= 83: H_83 = 5.0021 (H_82 = 4.9900)
    "sp-gauss-kd3660": FALSE,  # n = 60
    "sp-prod-kd3660": FALSE,  # n = 60
    "sp-prod-cube": FALSE,  # n = 10**4
    "sp-sum-sin": FALSE,  # x = 0: lhs 0, rhs 0/0
    "sp-nicomachus": TRUE,
    "sp-gauss-big": TRUE,
    # --- Hidden tiny differences ----------------------------------------------------------------------------
    "ht-tanh400": FALSE,  # 1 - tanh(400) ~ 2e-348
    "ht-sig800": FALSE,  # difference ~ e**-800 ~ 3.7e-348
    "ht-expadd": FALSE,  # x = 0: 5e-435 vs 0
    "ht-exp700": FALSE,  # relative difference e**-700 ~ 9.9e-305 at x = 0
    "ht-tanh-abs": FALSE,  # x = 0: 2e-348 vs 0
    "ht-cosh-tiny": FALSE,  # 1 vs 1 + 1e-100
    "ht-tanh-x4": FALSE,  # 1 - tanh(1000) ~ 2.8e-869
    "ht-cos-tiny": FALSE,  # 1 - cos(e**-400) ~ e**-800/2
    "ht-sqrt-tiny": FALSE,  # ~ e**-700/2 ~ 5e-305
    "ht-atan-big": FALSE,  # pi/2 - atan(e**700) ~ e**-700
    "ht-double-exp": FALSE,  # e**-e**7 ~ 1e-476
    "ht-tanh-exact": TRUE,
    "ht-product-exact": TRUE,
    "ht-split-exact": TRUE,
    "ht-tanh-a": FALSE,  # 1 - tanh(400 + a) > 0
    # --- Shifted poles ---------------------------------------------------------------------------------------
    "pole-tan-shift": FALSE,  # x = pi/2 - 1/7: tan undefined, sin = 1
    "pole-tan-shift-swapped": FALSE,
    "pole-tan-shift-renamed": FALSE,
    "pole-tan-sq": FALSE,  # x = sqrt(pi/2)
    "pole-tan-2x": FALSE,  # x = pi/4 (sampled)
    "pole-tan-one": FALSE,  # x = pi/2 - 1
    "pole-ratio": TRUE_OR_ERROR,  # both sides infinite at the poles
    "pole-sec": TRUE_OR_ERROR,  # both sides infinite at the poles
    "pole-gamma-17": FALSE,  # x = -1/7: Gamma(0) * 0 undefined, Gamma(1) = 1
    "pole-gamma-72": FALSE,  # x = 7/2: Gamma(0) * 0 undefined, Gamma(1) = 1
    "pole-gamma-reflect": TRUE_OR_ERROR,  # both sides infinite where x + 1/7 is an integer
    "pole-gamma-reflect-wrong": FALSE,  # x = 0: pi/sin(pi/7) vs pi/cos(pi/7)
    "pole-gamma-int": FALSE,  # k = 0: Gamma(0) * 0 undefined
    "pole-fact-ratio": TRUE_OR_ERROR,  # both sides infinite at non-positive integers
    "pole-binom-neg": TRUE,  # binomial(-1, m) = (-1)**m and k**2 has the parity of k
    "pole-atan-sign": FALSE,  # x = 1/7: atan(1/0) undefined, rhs 0
    # --- Displaced cuts ---------------------------------------------------------------------------------------
    "cut-sqrt5": FALSE,  # z = -1 + 5i: i vs -i
    "cut-log5": FALSE,  # z = -1 + 5i: i pi vs -i pi
    "cut-conj5": FALSE,  # z = -1 + 5i: -i vs i
    "cut-acos-atan": FALSE,  # x = -2: pi - 1.317i vs -pi - 1.317i; x = -1: rhs undefined
    "cut-asin-atan": FALSE,  # x = 2: pi/2 - 1.317i vs -pi/2 - 1.317i; x = 1: rhs undefined
    "cut-sqrt-square5": TRUE,
    "cut-sqrt-sq5-wrong": FALSE,  # z = 0
    "cut-im-log72": FALSE,  # x = 7/2: lhs undefined, rhs pi/2
    "cut-im-log-sq2": FALSE,  # x = sqrt 2: lhs undefined, rhs pi/2
    "cut-exp-log5": FALSE,  # z = 5i: exp(log 0) undefined, rhs 0
    "cut-sqrt-ratio5": FALSE,  # z = 5i: 0/0
    "cut-conj-asin-far": FALSE,  # z = 2e7: conj(asin 2) != asin 2
    "cut-conj-atan-far": FALSE,  # z = 2e7 i: pi/2 - 0.549i vs -pi/2 - 0.549i
    "cut-conj-asin": FALSE,  # z = 2 (sampled)
    "cut-abs-conj": TRUE,
    # --- Real and imaginary parts -------------------------------------------------------------------------
    "ric-im-log": TRUE,
    "ric-im-log0": FALSE,  # x = 0: im(log 0) undefined, rhs pi/2
    "ric-re-sqrt": TRUE,
    "ric-im-sqrt": TRUE,
    "ric-re-log-abs": TRUE,
    "ric-conj-cbrt": FALSE,  # x = -1
    "ric-im-square": TRUE,
    "ric-re-root": TRUE,
    "ric-im-asin": FALSE,  # x = 2
    # --- Givens -------------------------------------------------------------------------------------------
    "ga-absy": TRUE,
    "ga-absx2": TRUE,
    "ga-maxy": TRUE,
    "ga-sqrtxy": TRUE,
    "ga-xsqrt": FALSE,  # x = -1, y = 1
    "ga-sign": TRUE,
    "ga-heav": TRUE,
    "r2dup-parabola-a": TRUE,  # y = x**2 >= 0
    "r2dup-parabola-b": TRUE,
    "ga-parity": TRUE,
    "ga-cos": TRUE,  # cos(pi k) = (-1)**k
    "ga-floor": TRUE,
    "ga-wrong": FALSE,  # k = 1, m = 2
    "ga2-parity": TRUE,
    "ga2-floor": TRUE,
    "ga2-half": TRUE,  # (-1)**(m/2) = (-1)**k exactly
    "ga-maxv": TRUE,
    "ga-abs1u": TRUE,
    "ga-floor-u": TRUE,
    "ga-wrong2": FALSE,  # u = 1/4, v = 3/4
    "ga-sqrt-v": TRUE,
    "ga-prod": TRUE,
    "ga-amgm": TRUE,
    "ga-log": TRUE,  # u, v > 0
    "ga-vac-floor": TRUE_OR_ERROR,  # vacuous: no integer k has 2k = 3
    "ga-vac-val": TRUE_OR_ERROR,
    "ga-vac-five": TRUE_OR_ERROR,
    "ga-vac2-one": TRUE_OR_ERROR,  # vacuous: no integer q has q**2 = 2
    "ga-vac2-floor": TRUE_OR_ERROR,
    "ga-vac2-parity": TRUE_OR_ERROR,
    "ga-cube-2": FALSE,  # z = 2 exp(2 pi i/3)
    "ga-cube-6": TRUE,
    "ga-cube-abs": TRUE,
    "ga-cube-re": FALSE,  # z = -1 + i sqrt 3
    "ga-disk": TRUE,  # |w|**2 = 2 + 2 cos t = 2 re w for w = 1 + e**(it)
    "ga-disk-wrong": FALSE,  # w = 1 + i: 2 vs 3
    "ga-p-sqrt2": FALSE,  # p = -sqrt 2
    "ga-p-kd": TRUE,
    "ga-p-floor": FALSE,  # p = -sqrt 2: floor = -2
    "ga-p-floor-abs": TRUE,
    "ga-p-sign": TRUE,
    "ga-quad-prod": TRUE,
    "ga-quad-one": FALSE,  # x = 2
    "ga-quad-floor": TRUE,
    "ga-quad-ratio": FALSE,  # x = 1: 0/0
    "ga-quad-log": FALSE,  # x = 1: log 0 undefined
    "ga-bc-inverse": TRUE,  # b c = 1 forces b != 0
    "ga-bc-wrong": FALSE,  # b = 2, c = 1/2
    "ga-t-two": TRUE,  # t > 0
    # --- Limits ------------------------------------------------------------------------------------------
    "l2-xfloor": TRUE,  # x floor(1/x) lies between 1 - |x| and 1 + |x|
    "l2-floorx-over": FALSE,  # right 0, left +oo
    "l2-xx": TRUE,  # |x|**x e**(i pi x) -> 1 from the left as well
    "l2-absrecip": FALSE,  # right 0, left +oo
    "l2-sign2": TRUE,
    "l2-sign": FALSE,  # right 1, left -1
    "l2-heavx2": TRUE,  # Heaviside(x**2) = 1 for x != 0
    "l2-heavx2-half": FALSE,
    "l2-floor-negsq": TRUE,
    "l2-floor-negsq-wrong": FALSE,
    "l2-sinabs": FALSE,  # left -1
    "l2-ceil-sq": TRUE,
    "l2-ceil-sq-wrong": FALSE,
    "l2-floor-sq-at1": FALSE,  # left 0, right 1
    "l2-floor-sq-at1-right": TRUE,
    "l2-exp-recip-sq": TRUE,
    "l2-xsinx-inf": FALSE,  # does not exist
    "l2-sqrt-left": TRUE,  # i sqrt|x| -> 0
    "l2-xlogabs": TRUE,
    "l2-kd": TRUE,  # KroneckerDelta(x, 0) = 0 for x != 0
    "l2-kd-wrong": FALSE,
    "l2-floor-sin": FALSE,  # left -1, right 0
    "l2-floor-cos": TRUE,  # cos x < 1 near 0, x != 0
    "l2-floor-cos-wrong": FALSE,
    # --- Nonsmooth derivatives (semantic) -------------------------------------------------------------------
    "ns-abs": FALSE,  # x = 0: |x| has no derivative, sign(0) = 0
    "ns-max": FALSE,  # x = 0: no derivative, Heaviside(0) = 1/2
    "ns-abs-shift": FALSE,  # x = 7/2
    "ns-min-sq": FALSE,  # x = 1: no derivative (left 2, right 0), rhs 1
    "ns-floor": FALSE,  # x = 0: floor jumps
    "ns-heav": FALSE,  # x = 0: Heaviside jumps
    "ns-abs-second": FALSE,  # x = 0
    "ns-xabs": TRUE,  # x|x| is C1 with derivative 2|x|
    "ns-x2sign": TRUE,  # x**2 sign x = x|x|
    "ns-abs-sq": TRUE,
    "ns-abs-cube": TRUE,  # |x|**3 is C2 with derivative 3 x |x|
    "ns-sqrt-sq": TRUE_OR_ERROR,  # both undefined at 0
    # --- Parametric integrals ---------------------------------------------------------------------------
    "pint-expc": FALSE,  # c < 0: diverges
    "pint-gammas": TRUE,
    "pint-lorc": FALSE,  # c <= 0: diverges
    "pint-lors": TRUE,
    "pint-gausscos": TRUE,
    "pint-abs-c": FALSE,  # c = 2: 3/2 vs 5/2
    "pint-heav-c": FALSE,  # s = 2: 0 vs -1
    "pint-exp-ratio": TRUE,
    "pint-sinc-c": TRUE,
    "pint-cos-diverge": FALSE,  # diverges (oscillates) for every c
    # --- LaTeX ------------------------------------------------------------------------------------------
    "lt-rem72": FALSE,
    "lt-tanh400": FALSE,
    "lt-sig800": FALSE,
    "lt-tan-shift": FALSE,
    "lt-floor-far": FALSE,  # |x| > e**20
    "lt-sqrt-far": FALSE,  # |x| > 1e7: i sqrt(...) vs its modulus
    "lt-sum-floor": FALSE,  # n >= 61
    "lt-harmonic": FALSE,  # n >= 83
    "lt-lim-floor-cos": TRUE,
    "lt-lim-floor-cos-wrong": FALSE,
    "lt-lim-xfloor": TRUE,
    "lt-deriv-xabs": TRUE,
    "lt-int-far": FALSE,  # a > 1e7
    "lt-cut5": FALSE,  # z = -1 + 5i
    "lt-acos": FALSE,  # x = -2
    "lt-floor-xsin": FALSE,
    "lt-factored-72": FALSE,
    "lt-rem-sqrt2": FALSE,
    # --- Duplicates -------------------------------------------------------------------------------------
    "r2dup-floorxsin-a": FALSE,  # x sin x within 1/16 below an integer: e.g. x = 31.55 region; positive measure
    "r2dup-floorxsin-b": FALSE,
    "r2dup-floorxsin-c": FALSE,
    "r2dup-heavlog-a": FALSE,
    "r2dup-heavlog-b": FALSE,
    "r2dup-heavlog-c": FALSE,
    "r2dup-rem72-a": FALSE,
    "r2dup-rem72-b": FALSE,
    "r2dup-tanh400-a": FALSE,
    "r2dup-tanh400-b": FALSE,
    "r2dup-acos-a": FALSE,
    "r2dup-acos-b": FALSE,
    "r2dup-acos-c": FALSE,
    "r2dup-signsqrt2-a": FALSE,
    "r2dup-signsqrt2-b": FALSE,
    "r2dup-two-a": FALSE,  # positive-measure set where the argument is within 1/16 below an integer
    "r2dup-two-b": FALSE,
    "r2dup-two-c": FALSE,
    "r2dup-latex-tanh-a": FALSE,
    "r2dup-latex-tanh-b": FALSE,
    "r2dup-latex-floor-a": FALSE,
    "r2dup-latex-floor-b": FALSE,
    # --- Renamed ----------------------------------------------------------------------------------------
    "ren-t": FALSE,
    "ren-u": FALSE,
    "ren-v": FALSE,
    "ren-w": FALSE,
    "ren-y": FALSE,
    "ren-s": FALSE,
    "ren-r": FALSE,
    "ren-q": FALSE,
    "ren-swapped": FALSE,
    "ren-commuted": FALSE,
    "ren-difference": FALSE,
    "ren-sixteenth": FALSE,
    "ren-heav-t": FALSE,
    "ren-heav-u": FALSE,
    "ren-heav-swapped": FALSE,
}

SAME_VERDICT: dict[str, list[str]] = {
    "r2-floorxsin": ["r2dup-floorxsin-a", "r2dup-floorxsin-b", "r2dup-floorxsin-c"],
    "r2-heavlog": ["r2dup-heavlog-a", "r2dup-heavlog-b", "r2dup-heavlog-c"],
    "r2-rem72": ["r2dup-rem72-a", "r2dup-rem72-b"],
    "r2-tanh400": ["r2dup-tanh400-a", "r2dup-tanh400-b"],
    "r2-acos": ["r2dup-acos-a", "r2dup-acos-b", "r2dup-acos-c"],
    "r2-signsqrt2": ["r2dup-signsqrt2-a", "r2dup-signsqrt2-b"],
    "r2-two": ["r2dup-two-a", "r2dup-two-b", "r2dup-two-c"],
    "r2-parabola": ["r2dup-parabola-a", "r2dup-parabola-b"],
    "r2-latex-tanh": ["r2dup-latex-tanh-a", "r2dup-latex-tanh-b"],
    "r2-latex-floor": ["r2dup-latex-floor-a", "r2dup-latex-floor-b"],
}

# Groups of mathematically equivalent but textually different claims (renamed symbols, swapped sides,
# rewritten forms): not a SAME_VERDICT requirement, but a disagreement is reported as a finding.
EQUIVALENT_FORMS: dict[str, list[str]] = {
    "removable-72": ["rs-72", "rs-swapped-72", "rs-renamed-72", "rs-scaled-72", "rs-factored-72", "r2dup-rem72-a",
                     "lt-rem72", "lt-factored-72"],
    "removable-sqrt2": ["rs-sqrt2", "lt-rem-sqrt2"],
    "sign-sqrt2": ["nl-sign-lin-sqrt2", "nl-sign-lin-sqrt2-flip", "nl-sign-lin-sqrt2-scaled", "nl-abs-sign-sqrt2",
                   "nl-sign-sq2"],
    "tan-shift": ["pole-tan-shift", "pole-tan-shift-swapped", "pole-tan-shift-renamed", "lt-tan-shift"],
    "floor-xsin": ["ren-t", "ren-u", "ren-v", "ren-w", "ren-y", "ren-s", "ren-r", "ren-q", "ren-swapped",
                   "ren-commuted", "ren-difference", "ren-sixteenth", "r2dup-floorxsin-a", "r2dup-latex-floor-a"],
    "heav-far": ["far-heav-abs-1e7", "far-heav-abs-scaled", "far-heav-x2"],
    "heav-log40": ["far-heav-log40", "ren-heav-t", "ren-heav-u", "ren-heav-swapped", "r2dup-heavlog-a"],
    "tanh400": ["ht-tanh400", "lt-tanh400", "r2dup-tanh400-a", "ht-tanh-abs"],
    "sig800": ["ht-sig800", "lt-sig800"],
    "acos-atan": ["cut-acos-atan", "lt-acos", "r2dup-acos-a"],
    "kd-60": ["hi-kd3600", "hi-kd3660", "hi-kd-60", "hi-kd-ratio60", "hi-kd-cos60"],
    "even-given": ["ga-floor", "ga2-floor"],
}

TRAPS: dict[str, str] = {
    "rs-": "r2 removable singularities off the sampled points",
    "nl-": "r2 thresholds of nonlinear or irrational arguments",
    "far-": "r2 thresholds beyond 1e6 hidden in nonlinear forms",
    "hi-": "r2 integer identities failing only at 60, 97, 1e4",
    "sp-": "r2 sums and products failing only above 50",
    "ht-": "r2 differences below 1e-300 made by the symbols",
    "pole-": "r2 poles moved off pi/2 and the integers",
    "cut-": "r2 branch cuts displaced or reached on an interval",
    "ric-": "r2 re, im, conjugate of non-real values",
    "ga-": "r2 givens: several solutions, assumptions, vacuous",
    "ga2-": "r2 givens: several solutions, assumptions, vacuous",
    "l2-": "r2 limits that do not exist / substitution traps",
    "ns-": "r2 derivatives of non-smooth functions (semantic)",
    "pint-": "r2 integrals diverging for part of a parameter range",
    "lt-": "r2 LaTeX forms of the round-2 traps",
    "r2dup-": "r2 same claim, same verdict",
    "ren-": "r2 renamed / rewritten equivalents",
}
