"""Verdicts that can be trusted: the traps that once passed false claims or failed true ones.

Each case is a real vault run through `vaultkit.verify`: a false claim must not come back proved or
checked, a true one must not come back false, and the same claim gets the same verdict (and the same
counterexample) on any line and in any note. Budgets are far above what any claim here needs, so no
verdict depends on the machine's speed.
"""

from __future__ import annotations

import pytest

import vaultkit
from conftest import write_vault

pytestmark = pytest.mark.xdist_group("test_verdicts")  # its tests share a module fixture: one worker runs them all

BUDGET = 120.0

TRAPS = """# Traps

```sympy
symbols: x y real; a positive; z w; m nonnegative integer; k integer
claim tiny-difference: x + exp(-50) == x
claim large-threshold: Min(a, 1000) == a
claim integers-only: floor(x) + floor(-x) == -1
claim branch-cut: log(1/z) == -log(z)
claim empty-sum: Sum((-1)**k*binomial(m, k), (k, 0, m)) == 0
claim cancellation-false: cosh(a + 100)**2 - sinh(a + 100)**2 == 0
claim cancellation-true: cosh(a + 40)**2 - sinh(a + 40)**2 == 1
claim two-sided-limit: limit(Abs(x)/x, x, 0) == 1
claim one-sided-limit: limit(Abs(x)/x, x, 0, '+') == 1
claim large-only: exp(pi*sqrt(163)) == 262537412640768744
claim pythagoras: sin(w)**2 + cos(w)**2 == 1
```
"""

NONZERO = """# Nonzero

```sympy
symbols: z complex nonzero
claim nonzero-not-real: im(z) == 0
claim nonzero-is-nonzero: Abs(z)/z * z == Abs(z)
```
"""

SIGNS = """# Signs

```sympy
symbols: m nonnegative; t nonpositive
claim nonnegative-sign: sign(m)**2 == sign(m)
claim nonpositive-sign: sign(t)**2 == -sign(t)
claim nonnegative-may-be-zero: sign(m) == 1
```
"""

PARAMETERS = """# Parameters

```sympy
symbols: x positive; y real
f(x) := sqrt(x**2)
claim parameter-own: f(y) == y
claim parameter-abs: f(y) == Abs(y)
```
"""

GIVENS = """# Circle

```sympy
symbols: s c real
given: s**2 + c**2 == 1
claim circle-square: c**2 == 1 - s**2
claim circle-root: c == sqrt(1 - s**2)
```
"""

FALSE_GIVEN = """# Vacuous

```sympy
given: 4 == 5
claim vacuous: 2*2 == 5
```
"""

LINE_3 = """# Trig
$$\\sin^2 x + \\cos^2 x = 1$$ %% verify early %%
"""

LINE_10 = "# Trig again\n" + "\n" * 8 + "$$\\sin^2 x + \\cos^2 x = 1$$ %% verify late %%\n"

SAME_CLAIM = """# Elsewhere

Some text first.

```sympy
symbols: z w; m nonnegative integer; k integer
claim branch-cut-again: log(1/z) == -log(z)
claim empty-sum-again: Sum((-1)**k*binomial(m, k), (k, 0, m)) == 0
```
"""

LATEX = """# Euler

$$\\ln e = 1$$ %% verify ln-e %%

$$e^2 = e \\cdot e$$ %% verify e-squared %%

$$\\lim_{n\\to\\infty}\\left(1+\\frac{1}{n}\\right)^n = e$$ %% verify compound %%

$$e^{i\\pi} + 1 = 0$$ %% verify euler-i %%

$$e^{\\mathrm{i}\\pi} + 1 = 0$$ %% verify euler-roman-i %%

$$\\sqrt[3]{-8} = -2$$ %% verify cube-root %%

$$\\frac{d}{dx}(x^2)\\, x = 3x^2$$ %% verify derivative-product %%

$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$ %% verify gauss %%
"""


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    root = tmp_path_factory.mktemp("verdicts")
    notes = {
        "Traps.md": TRAPS, "Nonzero.md": NONZERO, "Parameters.md": PARAMETERS, "Circle.md": GIVENS,
        "Vacuous.md": FALSE_GIVEN, "Trig.md": LINE_3, "Trig again.md": LINE_10, "Elsewhere.md": SAME_CLAIM,
        "Euler.md": LATEX, "Signs.md": SIGNS,
    }  # fmt: skip
    write_vault(root, notes)
    verification = vaultkit.verify(vaultkit.load(root), use_cache=False, budget=BUDGET)
    return {result.id: result for result in verification.results}


FALSE = [
    "tiny-difference", "large-threshold", "integers-only", "branch-cut", "empty-sum", "cancellation-false",
    "two-sided-limit", "large-only", "nonzero-not-real", "parameter-own", "circle-root", "nonnegative-may-be-zero",
]  # fmt: skip
TRUE = [
    "cancellation-true", "one-sided-limit", "pythagoras", "nonzero-is-nonzero", "parameter-abs", "circle-square",
    "early", "late", "ln-e", "e-squared", "compound", "euler-roman-i", "cube-root", "gauss", "nonnegative-sign",
    "nonpositive-sign",
]  # fmt: skip
REFUSED = ["vacuous", "euler-i", "derivative-product"]


@pytest.mark.parametrize("ident", FALSE)
def test_a_false_claim_is_false_with_a_counterexample(verdicts, ident):
    result = verdicts[ident]
    assert result.verdict.value == "false", result.message
    assert result.counterexample, result.message


@pytest.mark.parametrize("ident", TRUE)
def test_a_true_claim_is_proved_or_checked(verdicts, ident):
    result = verdicts[ident]
    assert result.verdict.value in {"proved", "checked"}, result.message


@pytest.mark.parametrize("ident", REFUSED)
def test_what_cannot_be_read_one_way_is_refused(verdicts, ident):
    result = verdicts[ident]
    assert result.verdict.value == "error", result.message


def test_a_refusal_says_why(verdicts):
    assert "4 == 5" in verdicts["vacuous"].message or "false" in verdicts["vacuous"].message
    assert "\\mathrm{i}" in verdicts["euler-i"].message


def test_a_verdict_names_the_givens_it_relies_on(verdicts):
    assert verdicts["circle-square"].givens == ("[[Circle]]:5",)
    assert verdicts["pythagoras"].givens == ()


@pytest.mark.parametrize(("one", "other"), [("early", "late"), ("branch-cut", "branch-cut-again"),
                                            ("empty-sum", "empty-sum-again")])  # fmt: skip
def test_the_same_claim_gets_the_same_verdict_anywhere(verdicts, one, other):
    assert verdicts[one].verdict == verdicts[other].verdict
    assert verdicts[one].counterexample == verdicts[other].counterexample


def test_the_counterexample_is_the_exact_point(verdicts):
    assert verdicts["empty-sum"].counterexample["m"] == "0"
    assert verdicts["empty-sum"].counterexample["lhs"] == "1"
    point = verdicts["integers-only"].counterexample["x"]
    assert "." not in point  # exact: an integer or a fraction, not a rounded decimal
