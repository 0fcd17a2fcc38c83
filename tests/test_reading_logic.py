r"""The free reading of logic: quantifiers, connectives, set-builders, hypotheses, inner products.

Each equation is written as public mathematics notes write it (set theory and analysis notes, statistics notes,
quantum mechanics notes); the reading is the textbook convention or a refusal that names the construct.
"""

from __future__ import annotations

import pytest

from vaultkit.checking.latex import TranslationError, read_display
from vaultkit.checking.scope import Scope


def reading(tex: str) -> str:
    return read_display(tex, Scope())


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        # quantifiers in order, the statement to the end of the row, the arrow inside it
        (r"\exists\delta>0,\forall x\in\Omega:0<\left|x-c\right|<\delta\Rightarrow\left|g(x)-g(c)\right|<\epsilon.",
         "Exists(delta > 0, ForAll(in(x, Omega), Implies(And(0 < Abs(c - x), Abs(c - x) < delta), "
         "Abs(g(c) - g(x)) < epsilon)))"),
        (r"\exists x, \forall y: x < y", "Exists(x, ForAll(y, x < y))"),
        (r"\forall y, \exists x: x < y", "ForAll(y, Exists(x, x < y))"),
        # quantifiers one after another, the statement in brackets
        (r"\forall z\forall f\left[f\in z\Leftrightarrow f\in v\land\exists x:f=\left\{x\right\}\right].",
         "ForAll(z, ForAll(f, Iff(in(f, z), And(in(f, v), Exists(x, Eq(f, set(x)))))))"),
        # a list of names bound at once; a list with an ellipsis is each of its names
        (r"\forall x,y \in V \;:\; x + y \in V", "ForAll(And(in(x, V), in(y, V)), in(x + y, V))"),
        (r"\forall a,b:-\infty\leq a\leq b\leq\infty", "ForAll((a, b), And(-oo <= a, a <= b, b <= oo))"),
        (r"\forall v \in V, \exists! \alpha_1, \ldots, \alpha_n \in K : v = \sum_{i=1}^n \alpha_i b_i",
         "ForAll(in(v, V), ExistsOne(in(each(alpha[1], …, alpha[n]), K), Eq(v, Sum(alpha[i]*b[i], (i, 1, n)))))"),
        # a thin space between quantifiers is no comma, and nothing after it is lost
        (r"\forall \epsilon > 0 \, \exists \delta > 0 : |x - a| < \delta \implies |f(x) - f(a)| < \epsilon",
         "ForAll(epsilon > 0, Exists(delta > 0, Implies(Abs(a - x) < delta, Abs(f(a) - f(x)) < epsilon)))"),
        (r"\forall x \, \exists y : x < y", "ForAll(x, Exists(y, x < y))"),
        (r"\forall x \, (P(x) \lor Q(x))", "ForAll(x, Or(P(x), Q(x)))"),
        # connectives: ¬ binds tighter than ∧, ∧ than ∨, ∨ than ⇒
        (r"x \in A \land y \in B \Rightarrow x + y \in C", "Implies(And(in(x, A), in(y, B)), in(x + y, C))"),
        (r"\neg (x \in A) \lor x \in B", "Or(Not(in(x, A)), in(x, B))"),
        (r"a > 0 \lor b > 0 \land c > 0", "Or(a > 0, And(b > 0, c > 0))"),
        # statements before the quantified one keep their arrows
        (r"x \in A \Leftrightarrow \exists a\in A: x=a", "x in A ⟺ Exists(in(a, A), Eq(x, a))"),
        # one quantifier at the start, its statement after a comma or colon: the statement's condition, as before
        (r"\forall x \in A: f(x) \geq 0", "f(x) geq 0, for all x in A"),
        (r"\forall x \in A, f(x) \geq 0", "f(x) geq 0, for all x in A"),
        # set-builders with a colon or a bar, and logic in their condition
        (r"\operatorname{null}(A) = \{x : Ax = 0\}", "null(A) = set(given(x, Eq(A*x, 0)))"),
        (r"P = \left\{x\in Q \,\middle\vert\, x\in A\lor x\in B\right\}",
         "P = set(given(in(x, Q), Or(in(x, A), in(x, B))))"),
        # membership, inclusion and chains of inequalities as events and conditions
        (r"P(X \in A) = 0.5", "P(in(X, A)) = 1/2"),
        (r"P(a \le X \le b) = \int_a^b f(x)\,dx", "P(And(a <= X, X <= b)) = Integral(f(x), (x, a, b))"),
        # a test's hypotheses are statements with their names, not facts
        (r"H _0: \mu \geq \mu_0 \quad H _1: \mu<\mu_0", "hypothesis(H_0, mu >= mu_0)\nhypothesis(H_1, mu < mu_0)"),
        (r"H_0: \lambda=\lambda_0 \quad \text { vs. } H_1: \lambda=\lambda_1",
         "hypothesis(H_0, Eq(lambda, lambda_0))\nhypothesis(H_1, Eq(lambda, lambda_1))"),
        (r"H_0 = 5", "H_0 = 5"),
        (r"H_0 : \mu \geq 0 \land \sigma = 1", "hypothesis(H_0, And(mu >= 0, Eq(sigma, 1)))"),
        (r"H_0: \beta_1 = \beta_2 = 0", "hypothesis(H_0, And(Eq(beta_1, beta_2), Eq(beta_2, 0)))"),
        # angle brackets around two things are an inner product; around one, an expectation value
        (r"\langle A\psi,\phi\rangle = \langle \psi,A\phi\rangle", "inner(A*psi, phi) = inner(psi, A*phi)"),
        (r"\langle A \rangle = 1", "expectation(A) = 1"),
        # `where` opening a display: the definitions after it are read
        (r"\hspace{1cm} \text{where} \hspace{1cm} \mathcal{A} = \frac{A_{1}}{A_{2}}", "A_cal = A_1/A_2"),
    ],
)
def test_logic_as_notes_write_it(tex: str, expected: str) -> None:
    assert reading(tex) == expected


@pytest.mark.parametrize(
    ("tex", "command"),
    [
        # the arrow may end the first quantified statement or sit inside it
        (r"\forall A,\exists x:x\in A \Rightarrow \exists x,\forall A:x\in A", "\\Rightarrow"),
        # x R y: a relation R, or a product of three names?
        (r"\{y \mid \exists x: xRy\}", "xRy"),
        # a quantifier with nothing to say
        (r"\exists \delta > 0, \forall x", "\\forall"),
        # a list bound that is not of names
        (r"\forall x + 1, y \in V: x \in V", ","),
        # what follows the arrow does not speak of x: (∀x f(x) = g(x)) ⇒ f = g, or ∀x (… ⇒ f = g)?
        (r"\forall x \in X : f(x) = g(x) \implies f = g", "\\implies"),
        # two bars in a set: such that, or divides?
        (r"\{ n \in \mathbb{N} \mid 3 \mid n \}", "\\mid"),
        # and, then an equation, after a condition: one more condition or a new statement?
        (r"a = b \text{ for all } x > 0, \text{ and } c = d", "\\text{and}"),
        (r"f(x) > 0 \quad \forall x > 0 \quad \text{and} \quad f(0) = 0", "\\text{and}"),
        # angle brackets that a span or a generated group may be
        (r"\langle x_1, x_2 \rangle = \mathrm{span}(x_1, x_2)", "\\langle"),
        (r"W = \langle v_1, v_2 \rangle", "\\langle"),
        (r"\langle g \rangle = \{ g^n : n \in \mathbb{Z} \}", "\\langle"),
        (r"\langle g \rangle = G", "\\langle"),
    ],
)
def test_what_logic_leaves_open_is_refused(tex: str, command: str) -> None:
    with pytest.raises(TranslationError) as refused:
        reading(tex)
    assert refused.value.command == command


def test_brackets_that_do_not_pair_leave_the_text_as_written() -> None:
    """`[0, 1)` is an interval, not a bracket left open: the logic is not rewritten, and nothing breaks."""
    with pytest.raises(TranslationError):
        reading(r"\forall x \in [0, 1) \land y > 0: x < 1")


@pytest.mark.parametrize(
    "tex",
    [r"\forall x_1, " * 300 + "y = 1", "(" * 500 + r"a \land b" + ")" * 500],
)
def test_logic_nested_without_end_is_refused_as_too_large(tex: str) -> None:
    """Each level of logic reads its text once; a bounded depth keeps a hostile display's reading short."""
    with pytest.raises(TranslationError) as refused:
        reading(tex)
    assert refused.value.cause == "too-large"
