"""`vaultkit verify --scan`: every step of every display equation, checked without markup."""

from __future__ import annotations

import json

import pytest
import sympy

import vaultkit
from vaultkit.checking.scan import Kind
from vaultkit.checking.scan_context import commuted
from vaultkit.checking.scan_doubt import doubt, guesses
from vaultkit.checking.scan_findings import Finding
from vaultkit.checking.scan_run import scan
from vaultkit.checking.scan_tex import prepare_display
from vaultkit.cli import main
from conftest import line_of, tree_snapshot, write_vault

BUDGET = 30.0

ALGEBRA = r"""# Algebra

A true chain, on one line:

$$(a+b)^2 = (a+b)(a+b) = a^2 + 2ab + b^2$$

The same with a wrong sign in its second step:

$$(a-b)^2 = (a-b)(a-b) = a^2 + 2ab + b^2$$

An aligned derivation:

$$
\begin{aligned}
(x+1)^2 - 1 &= x^2 + 2x + 1 - 1 \\
&= x^2 + 2x \\
&= (x + 2) \, x
\end{aligned}
$$
"""

PHYSICS = r"""# Physics

$$E = mc^2$$

$$F \approx -k x$$

$$H\psi = E\psi$$

$$f(x) := x^2 + 1$$

$$p \le q$$
"""

CONTEXT = r"""# Context

$$u = a + b$$

Later, u is used:

$$u^2 = a^2 + 2ab + b^2$$

$$|x| = x \quad x > 0$$

$$|y| = y \quad \text{if } y^2 = y \cdot y$$
"""

UNREAD = r"""# Unread

$$\oint F \, ds = 0$$

$$\frac{d}{dx} f(x) g(x) = 0$$
"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test its own verification cache, outside its vault."""
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(tmp_path / "cache"))


def _scan(tmp_path, files: dict[str, str], **options):
    return scan(vaultkit.load(write_vault(tmp_path, files)), jobs=2, budget=BUDGET, **options)


def _by_place(found) -> dict[tuple[str, int], list]:
    placed: dict[tuple[str, int], list] = {}
    for judged in found.judged:
        placed.setdefault((judged.step.note, judged.step.line), []).append(judged)
    return placed


def test_a_true_chain_is_proved_and_a_wrong_sign_does_not_follow(tmp_path):
    vault = write_vault(tmp_path, {"Algebra.md": ALGEBRA})
    before = tree_snapshot(vault)
    found = scan(vaultkit.load(vault), jobs=2, budget=BUDGET)
    assert tree_snapshot(vault) == before  # a scan writes nothing in the vault
    placed = _by_place(found)
    true_chain = placed["Algebra.md", line_of(ALGEBRA, "(a+b)^2 =")]
    assert [(j.step.kind, j.finding) for j in true_chain] == [(Kind.STEP, Finding.PROVED)] * 2
    typo = placed["Algebra.md", line_of(ALGEBRA, "(a-b)^2 =")]
    assert [j.finding for j in typo] == [Finding.PROVED, Finding.DOES_NOT_FOLLOW]
    wrong = typo[1]
    assert (wrong.step.lhs, wrong.step.rhs) == ("(a - b)**2", "a**2 + 2*a*b + b**2")
    assert wrong.result.counterexample and {"a", "b"} <= set(wrong.result.counterexample)
    assert found.failed


def test_an_aligned_derivation_is_a_chain_with_each_line_in_place(tmp_path):
    found = _scan(tmp_path, {"Algebra.md": ALGEBRA})
    placed = _by_place(found)
    first = line_of(ALGEBRA, "(x+1)^2 - 1 &=")
    rows = [placed["Algebra.md", first + k] for k in range(3)]
    assert [len(row) for row in rows] == [1, 1, 1]
    assert [(row[0].step.kind, row[0].finding) for row in rows] == [(Kind.STEP, Finding.PROVED)] * 3
    assert [row[0].step.rhs for row in rows] == ["x**2 + 2*x", "x**2 + 2*x", "x*(x + 2)"]  # 1 - 1 is read as 0


def test_definitions_approximations_and_inequalities_are_not_identities(tmp_path):
    found = _scan(tmp_path, {"Physics.md": PHYSICS})
    kinds = {(j.step.lhs, j.step.relation): (j.step.kind, j.finding) for j in found.judged}
    assert kinds["E", "="] == (Kind.DEFINITION, Finding.NOT_IDENTITY)  # a law or a definition
    assert kinds["F", "\\approx"] == (Kind.APPROXIMATION, Finding.NOT_IDENTITY)
    assert kinds["f(x)", "\\coloneqq"] == (Kind.DEFINITION, Finding.NOT_IDENTITY)  # := read as a definition
    assert kinds["p", "\\le"] == (Kind.INEQUALITY, Finding.NOT_IDENTITY)
    # an eigenvalue equation holds for some values only, and H is an operator: never "does not follow"
    kind, finding = kinds["H*psi", "="]
    assert kind is Kind.EQUATION and finding in (Finding.STATEMENT, Finding.NOT_CHECKED)
    assert not found.failed


def test_a_name_after_a_definition_or_an_approximation_is_defined_too():
    from vaultkit.checking.latex import read_statements
    from vaultkit.checking.scan import classify
    from vaultkit.checking.scope import Scope

    def kinds(tex: str) -> list[tuple[str, str]]:
        return [(str(r.lhs), r.kind.value) for r in classify(read_statements(tex, Scope()), Scope())]

    assert kinds(r"a \equiv a_{\perp} = \sqrt{a_y^2 + a_z^2}") == [("a", "definition"), ("a_perp", "definition")]
    assert kinds(r"\Delta r \approx \ell = \frac{1}{\alpha} = \frac{1}{\kappa \rho}") == [
        ("Δr", "approximation"), ("ell", "definition"), ("1/alpha", "step")
    ]  # fmt: skip
    assert kinds(r"E = mc^2 = m c c") == [("E", "definition"), ("c**2*m", "step")]


def test_a_step_that_follows_from_an_earlier_definition_says_which_line(tmp_path):
    found = _scan(tmp_path, {"Context.md": CONTEXT})
    placed = _by_place(found)
    (squared,) = placed["Context.md", line_of(CONTEXT, "u^2 =")]
    assert squared.finding is Finding.PROVED
    assert squared.attempt.using == (line_of(CONTEXT, "u = a + b"),)
    assert squared.context == f"using line {line_of(CONTEXT, 'u = a + b')}"


SIGNS = r"""# Signs

$$(a \pm b)^2 = a^2 \pm 2ab + b^2$$

$$u = a \pm b$$

Later, u is used as if only the lower sign were meant:

$$u^2 = a^2 - 2ab + b^2$$
"""


def test_a_display_with_plus_minus_is_both_sign_choices_and_defines_nothing(tmp_path):
    found = _scan(tmp_path, {"Signs.md": SIGNS})
    placed = _by_place(found)
    square = placed["Signs.md", line_of(SIGNS, "(a \\pm b)^2")]
    assert [judged.finding for judged in square] == [Finding.PROVED, Finding.PROVED]  # upper and lower signs
    (later,) = placed["Signs.md", line_of(SIGNS, "u^2 =")]
    assert later.finding is not Finding.PROVED  # u = a - b is one of two choices: no proof may rest on it


ONE_OF_TWO = r"""# One of two

$$\sin\frac{(2R+1)\pi}{4} = \pm \frac{1}{\sqrt{2}}$$

$$x = \pm 1$$
"""


def test_a_side_equal_to_one_of_two_signed_values_is_no_identity_under_either_sign(tmp_path):
    """`sin((2R+1)π/4) = ±1/√2` holds for every whole R, but neither sign does alone: it must not "not follow"."""
    found = _scan(tmp_path, {"OneOfTwo.md": ONE_OF_TWO})
    placed = _by_place(found)
    grover = placed["OneOfTwo.md", line_of(ONE_OF_TWO, "\\sin")]
    assert [j.step.kind for j in grover] == [Kind.RELATION, Kind.RELATION]
    assert all(j.finding is Finding.NOT_IDENTITY for j in grover)


SETS = r"""# Sets

$$A \cup B = B \cup A$$

$$g \circ (f \circ h) = (g \circ f) \circ h$$

$$\theta^* = \frac{\text{heads}}{\text{heads} + \text{tails}} = \frac{\text{number of heads}}{n}$$
"""


def test_operations_on_sets_and_quantities_in_words_are_never_checked(tmp_path):
    """The engine knows no law of ∪ or ∘ and no value of a word: a true law must not "not follow"."""
    found = _scan(tmp_path, {"Sets.md": SETS})
    kinds = {(j.step.line, j.step.kind) for j in found.judged}
    assert kinds == {(3, Kind.RELATION), (5, Kind.RELATION), (7, Kind.DEFINITION), (7, Kind.RELATION)}
    assert all(j.finding is Finding.NOT_IDENTITY for j in found.judged)


def test_a_written_condition_is_an_assumption_when_it_can_be_and_conditional_otherwise(tmp_path):
    found = _scan(tmp_path, {"Context.md": CONTEXT})
    placed = _by_place(found)
    (absolute,) = placed["Context.md", line_of(CONTEXT, "|x| = x")]
    assert (absolute.finding, absolute.attempt.assuming, absolute.step.condition) == (
        Finding.PROVED, "x positive", "\\quad x > 0"
    )  # fmt: skip
    (other,) = placed["Context.md", line_of(CONTEXT, "|y| = y")]
    assert other.step.condition.startswith("\\quad \\text{if }")
    # |y| = y is false for y = -1; with its condition unread that is no mistake, and positive values are not
    # assumed where a condition says where the step holds: conditional, never proved
    assert other.finding is Finding.CONDITIONAL


def test_a_written_domain_is_never_replaced_by_positive_values(tmp_path):
    # the tester's cases: sqrt(x^2) = x "for all real x" must not hold "for positive values"
    text = ("# D\n\n$$\\sqrt{x^2} = x \\quad \\text{for all } x \\in \\mathbb{R}$$\n\n"
            "$$|x| = x \\quad \\forall x \\in \\mathbb{R}$$\n\n$$\\sqrt{x^2} = x \\quad \\text{for } x > 0$$\n")
    found = [(j.step.line, j.finding) for j in _scan(tmp_path, {"D.md": text}).judged]
    assert found == [(3, Finding.CONDITIONAL), (5, Finding.CONDITIONAL), (7, Finding.PROVED)]


def test_a_condition_in_parentheses_is_said_of_its_line_and_defines_nothing(tmp_path):
    text = "# P\n\n$$z = c^2 = c \\qquad (c = 1)$$\n\n$$w = c + 1 = 2$$\n"
    placed = _by_place(_scan(tmp_path, {"P.md": text}))
    (step,) = [j for j in placed["P.md", 3] if j.step.relation == "=" and j.step.lhs == "c**2"]
    assert step.finding is Finding.CONDITIONAL and "c = 1" in step.step.condition
    assert [j.step.lhs for j in placed["P.md", 3]] == ["z", "c**2"]  # c = 1 is no relation of its own
    (later,) = [j for j in placed["P.md", 5] if j.step.lhs == "c + 1"]
    assert later.finding is Finding.DOES_NOT_FOLLOW  # c = 1 held on its line only: no definition of c


def test_dimensional_analysis_is_never_checked(tmp_path):
    # in natural units L T^{-1} = M^0 holds by convention: no relation of such a display is an identity
    text = "# D\n\n$$[c] = L T^{-1} = M^0 \\quad \\Longrightarrow \\quad L = T$$\n"
    found = _scan(tmp_path, {"D.md": text})
    assert found.judged and {j.step.kind for j in found.judged} == {Kind.RELATION}


def test_states_families_and_dimensions_in_a_system_are_never_checked(tmp_path):
    # a tensor product of states, a family of parameters and a dimension in SI units are read, but nothing checks them
    text = ("# Q\n\n$$CNOT \\ket{a}\\ket{b} = \\ket{a}\\ket{a \\oplus b}$$\n\n"
            "$$\\{x_i\\}_{i=1}^{n} = \\{y_i\\}_{i=1}^{n}$$\n\n$$[F]_{\\text{SI}} = M L T^{-2}$$\n")
    found = _scan(tmp_path, {"Q.md": text})
    assert len(found.judged) == 3
    assert not {j.finding for j in found.judged} & {Finding.PROVED, Finding.CHECKED, Finding.DOES_NOT_FOLLOW}


def test_a_chain_goes_on_from_one_display_to_the_next(tmp_path):
    # lessons write a derivation as displays that end and start with `=`; the step across them is checked too
    text = ("# C\n\n$$(a+b)^2 - (a-b)^2 = a^2 + 2ab + b^2 - (a-b)^2 =$$\n\n$$= 4ab$$\n\n"
            "$$(x+1)^2 =$$\n\n$$= x^2 + 1$$\n\n$$E =$$\n\n$$= m c^2$$\n\n$$y = 3$$\n\n$$= 4$$\n")
    placed = _by_place(_scan(tmp_path, {"C.md": text}))
    assert [(j.step.kind, j.finding) for j in placed["C.md", 5]] == [(Kind.STEP, Finding.PROVED)]
    wrong = placed["C.md", 9]
    assert [(j.step.lhs, j.step.rhs, j.finding) for j in wrong] == [("(x + 1)**2", "x**2 + 1", Finding.DOES_NOT_FOLLOW)]
    assert [j.step.kind for j in placed["C.md", 13]] == [Kind.DEFINITION]  # `E =`, then `= m c^2`: E is defined
    assert ("C.md", 17) not in placed  # `y = 3` does not end with `=`: `= 4` goes on from nothing


def test_a_step_may_rest_on_an_equation_the_note_wrote_before(tmp_path):
    # P(0) + P(1) = 1 is a statement; a later step that needs it follows with it, and says so
    text = "# P\n\n$$P(0) + P(1) = 1$$\n\n$$P(0) - P(1) = 2P(0) - 1$$\n\n$$P(0) - P(1) = 2P(0) + 1$$\n"
    placed = _by_place(_scan(tmp_path, {"P.md": text}))
    assert [j.finding for j in placed["P.md", 3]] == [Finding.STATEMENT]
    follows = placed["P.md", 5][0]
    assert (follows.finding, follows.attempt.using) == (Finding.PROVED, (3,))
    assert [j.finding for j in placed["P.md", 7]] == [Finding.STATEMENT]  # false with line 3 as without it


def test_index_notation_is_never_checked(tmp_path):
    text = "# R\n\n$$p^\\mu p_\\mu = E^2 - p^2 = m^2$$\n\n$$x = (a+b)^2 = a^2 + 2ab + b^2$$\n"
    placed = _by_place(_scan(tmp_path, {"R.md": text}))
    assert {j.step.kind for j in placed["R.md", 3]} == {Kind.RELATION}  # a contraction needs the metric
    assert Finding.PROVED in {j.finding for j in placed["R.md", 5]}


@pytest.mark.parametrize(
    "tex",
    [r"\sqrt{x^2} = x", r"\ln(x^2) = 2\ln x", r"\sqrt{ab} = \sqrt{a}\,\sqrt{b}", r"\frac{|x|}{x} = 1",
     r"\arctan x + \arctan\frac{1}{x} = \frac{\pi}{2}"],
)
def test_a_step_true_only_for_positive_values_is_never_proved_or_checked(tmp_path, tex):
    found = _scan(tmp_path, {"P.md": f"# P\n\n$$s = {tex}$$\n"})
    (step,) = [j for j in found.judged if j.step.kind.identity]
    assert step.finding is Finding.ASSUMED and step.attempt.assuming.startswith("every symbol positive")


def test_an_integral_over_a_region_is_never_checked(tmp_path):
    # 4π B for isotropic radiation: true in the note's physics, unknown to the engine
    text = "# U\n\n$$U = \\frac{1}{c} \\int_{\\Omega} I \\, d\\Omega = \\frac{4 \\pi}{c} B$$\n"
    found = _scan(tmp_path, {"U.md": text})
    assert found.judged and all(not j.step.kind.identity for j in found.judged)


def test_an_integral_over_a_volume_element_is_never_checked(tmp_path):
    # in spherical shells, true; the engine knows no coordinates of p
    text = "# n\n\n$$n = \\int f(p)\\, d^3p = 4\\pi \\int_0^\\infty p^2 f(p)\\, dp$$\n"
    found = _scan(tmp_path, {"n.md": text})
    assert found.judged and all(not j.step.kind.identity for j in found.judged)


def test_a_derivative_of_names_that_do_not_show_its_variable_is_never_checked(tmp_path):
    """d/dt(μ ṙ) = μ r̈ is true where μ is a constant; which names depend on t the note does not say."""
    text = ("# Orbit\n\n$$\\frac{d}{dt}\\left(\\mu \\dot{r}\\right) = \\mu \\ddot{r}$$\n\n"
            "$$\\frac{d}{dt}\\left(\\mu \\dot{r}\\right) = 0 = 2 \\cdot 0$$\n\n"
            "$$W = \\int_{V_1}^{V_2} p\\,dV = p (V_2 - V_1)$$\n")  # true only where p is constant
    found = _scan(tmp_path, {"Orbit.md": text})
    opaque = [j for j in found.judged if "d/dt" in j.step.lhs + j.step.rhs or "∫dV" in j.step.lhs + j.step.rhs]
    assert {j.step.line for j in opaque} == {3, 5, 7}
    assert opaque and all(not j.step.kind.identity for j in opaque)
    assert all(j.finding is not Finding.DOES_NOT_FOLLOW for j in found.judged)


def test_false_steps_around_derivatives_are_never_proved(tmp_path):
    """(x²)' · x is 2x², not 3x²; d/dt(t ṙ) is ṙ + t r̈, not ṙ: read as the note writes them, never proved."""
    text = ("# D\n\n$$\\frac{d}{dx}(x^2) \\cdot x = 3x^2$$\n\n$$\\frac{d}{dx}(x^2)/x = 1$$\n\n"
            "$$\\frac{d}{dt}(t \\mu \\dot r) = \\mu \\dot r$$\n\n$$\\int_0^\\tau t \\dot x \\, dt = \\frac{\\tau^2}{2} \\dot x$$\n")
    found = _scan(tmp_path, {"D.md": text})
    assert found.judged
    assert all(j.finding not in (Finding.PROVED, Finding.CHECKED) for j in found.judged)


def test_a_derivative_that_takes_a_name_as_constant_holds_only_under_that_assumption(tmp_path):
    """d/dt(e^{γt} x) = γ e^{γt} x is true if x is constant in t, false for the x(t) of an equation of motion."""
    text = "# L\n\n$$\\frac{d}{dt}\\left(e^{\\gamma t} x\\right) = \\gamma e^{\\gamma t} x$$\n"
    found = _scan(tmp_path, {"L.md": text})
    [judged] = found.judged
    assert judged.finding is Finding.ASSUMED and "x constant in t" in judged.attempt.assuming


def test_evaluations_and_optima_read_by_name_are_never_found_false(tmp_path):
    """(x² + 1) at x = 2 is 5 and the argmin of x² − 2x is 1: the engine knows neither operation by its name."""
    text = ("# E\n\n$$(x^2+1)_{x=2} = 5$$\n\n$$\\underset{x}{\\arg\\min}\\,(x^2-2x) = 1$$\n")
    found = _scan(tmp_path, {"E.md": text})
    assert len(found.judged) == 2
    assert all(j.finding in (Finding.NOT_IDENTITY, Finding.NOT_CHECKED) for j in found.judged)


def test_displays_not_read_keep_the_readers_cause_and_command(tmp_path):
    found = _scan(tmp_path, {"Unread.md": UNREAD})
    assert [(o.line, o.cause, o.command[:7]) for o in found.unread] == [
        (line_of(UNREAD, "\\oint"), "unsupported-construct", "\\oint"),
        (line_of(UNREAD, "\\frac{d}{dx}"), "ambiguous", "\\frac{d"),  # the whole product, or f(x) alone?
    ]
    assert found.judged == () and found.displays == 2


def test_the_same_step_has_the_same_verdict_on_any_line_of_any_note(tmp_path):
    step = r"$$(p+q)^3 = p^3 + 3p^2 q + 3p q^2 + q^3$$"
    wrong = r"$$(p+q)^3 = p^3 + 3p^2 q + 3p q^2 - q^3$$"
    files = {
        "One.md": f"# One\n\n{step}\n\n{wrong}\n",
        "deep/Two.md": f"# Two\n\nText.\n\nMore text.\n\n{wrong}\n\n{step}\n\n{step}\n",
    }
    found = _scan(tmp_path, files)
    by_tex: dict[str, set] = {}
    for judged in found.judged:
        by_tex.setdefault(judged.step.rhs, set()).add((judged.finding, judged.result.verdict, judged.result.message))
    assert len(by_tex) == 2 and all(len(outcomes) == 1 for outcomes in by_tex.values())
    again = _scan(tmp_path, files)  # the second run answers from the cache: the same findings
    assert again.reused >= 2
    assert [(j.step.line, j.finding) for j in again.judged] == [(j.step.line, j.finding) for j in found.judged]


def test_a_counterexample_to_a_doubtful_reading_is_not_a_step_that_does_not_follow(tmp_path):
    note = (
        "# Doubt\n\n$$x^2 + 2x = x^2 + 2x = x(x + 2)$$\n\n$$a + b = b + a = \\dot{a} + b$$\n\n"
        "$$y^T y = y^T y = |y|^2$$\n\n$$e = g^n = g^{q} e^{q}$$\n"
    )
    found = _scan(tmp_path, {"Doubt.md": note})
    # the note is right as meant: whatever the reader makes of it, no step is reported as not following
    assert found.judged and not found.failed
    # the guesses a free reading may make, each a reason not to trust a counterexample
    x, a, b, a_dot, y, T, e, g, n, q, H, H_0 = sympy.symbols("x a b a_dot y T e g n q H H_0")
    applied = sympy.Function("x")(x + 2)  # x(x + 2) read as a function x applied to x + 2
    assert "x(…)" in doubt((x**2 + 2 * x, applied), guesses([x**2, applied], ""))
    assert "a_dot is a decorated name" in doubt((a + b, a_dot + b))
    assert "transpose" in doubt((y**T * y, sympy.Abs(y) ** 2))
    assert "Euler's number" in doubt((g**n, g**q * sympy.exp(q)), guesses([e, g**q * sympy.exp(q)], ""))
    display = guesses([], "E^{2}(a) = \\frac{H^{2}(a)}{H_0^{2}}")  # TeX for H(a)², not H²·a
    assert "H(…) squared" in doubt((H**2 * a / H_0**2, a**-3), display)
    G, M = sympy.symbols("G M", commutative=False)  # a capital beside a name: read in written order
    assert "G, M may not commute" in doubt((G * M, M * G + 1))
    assert commuted((G * M, M * G)) == ((sympy.Symbol("G") * sympy.Symbol("M"),) * 2, "G, M commute")
    assert doubt((x**2 + 2 * x, x * (x + 2))) == ""  # a plain reading: a counterexample would count
    index = sympy.Symbol("i", integer=True)  # declared in the note's sympy block: an index, not the imaginary unit
    assert doubt((index + 1, index)) == "" and "imaginary unit" in doubt((sympy.Symbol("i") + 1, sympy.Symbol("i")))


def test_an_arrow_ends_a_chain_what_follows_is_a_new_equation(tmp_path):
    note = "# Arrow\n\n$$\\log(a) = 0 \\, \\rightarrow \\, \\bar{n} = N p$$\n"
    found = _scan(tmp_path, {"Arrow.md": note})
    assert [(j.step.relation, j.step.kind) for j in found.judged] == [
        ("=", Kind.EQUATION), ("=", Kind.DEFINITION)
    ]  # fmt: skip  (the reader reads the arrow between two equations as leading from one to the next)
    assert found.judged[0].finding is not Finding.DOES_NOT_FOLLOW  # log(a) = 0 holds for a = 1: a statement


def test_a_note_without_math_and_an_empty_vault(tmp_path):
    found = _scan(tmp_path, {"Plain.md": "# Plain\n\nNo formulas, only $x$ inline.\n"})
    assert (found.notes, found.displays, found.judged, found.unread) == (0, 0, (), ())


def test_hostile_displays_are_diagnostics_not_hangs(tmp_path):
    nested = "$$x = " + "{" * 3000 + "y" + "}" * 3000 + "$$"
    huge = "$$" + " + ".join(f"x_{{{i}}}" for i in range(5000)) + " = 0$$"
    tower = "$$x = " + "2^{" * 400 + "2" + "}" * 400 + "$$"
    files = {"Nested.md": f"# N\n\n{nested}\n", "Huge.md": f"# H\n\n{huge}\n", "Tower.md": f"# T\n\n{tower}\n",
             "Fine.md": "# F\n\n$$(a+b)^2 = a^2 + 2ab + b^2 = (a+b)(a+b)$$\n"}  # fmt: skip
    found = _scan(tmp_path, files)
    unread = {o.note: o.cause for o in found.unread}
    assert {"Nested.md", "Huge.md"} <= set(unread) and "internal" not in unread.values()
    assert [j.finding for j in found.judged if j.step.note == "Fine.md"] == [Finding.PROVED, Finding.PROVED]
    assert all(j.step.note == "Fine.md" or j.finding is not Finding.PROVED for j in found.judged)


def test_conditions_are_cut_from_their_row_and_definition_marks_made_plain():
    prepared = prepare_display("\\begin{aligned}\na &= b \\quad x > 0 \\\\\n&= c\n\\end{aligned}")
    assert prepared.tex == "\\begin{aligned}\na &= b\\\\\n&= c\n\\end{aligned}"
    assert [(c.line, c.tex) for c in prepared.conditions] == [(2, "\\quad x > 0")]
    assert prepare_display("a = b, \\quad c = d").conditions == ()  # two equations, no condition
    assert prepare_display("f := x^2").tex.startswith("f \\coloneqq")
    piecewise = "y = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise}\\end{cases}"
    assert prepare_display(piecewise).tex == piecewise  # a piecewise function is the reader's


def test_cli_scan_text_json_strict_and_usage(tmp_path, capsys):
    vault = write_vault(tmp_path, {"Algebra.md": ALGEBRA, "Physics.md": PHYSICS})
    budget = ["--budget", str(BUDGET), "--jobs", "2"]
    assert main(["verify", str(vault), "--scan", *budget]) == 0  # advisory
    out = capsys.readouterr().out
    table, details = out.split("\ndoes not follow:\n")
    assert "does not follow" in table and "definition" in table and "approximation" in table
    wrong = line_of(ALGEBRA, "(a-b)^2 =")
    assert details.startswith(f"Algebra.md:{wrong}: does not follow (a derivation step): $$(a-b)^2")
    assert "read as   (a - b)**2 = a**2 + 2*a*b + b**2" in details and "the sides differ at" in details
    assert main(["verify", str(vault), "--scan", "--strict", *budget]) == 1
    capsys.readouterr()
    assert main(["verify", str(vault), "--scan", "--json", *budget]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"notes", "displays", "summary", "steps", "not_read"}
    assert data["summary"]["does not follow"] == 1 and data["summary"]["not an identity"]["definition"] == 2
    step = next(s for s in data["steps"] if s["finding"] == "does not follow")
    assert step["note"] == "Algebra.md" and step["line"] == wrong and step["counterexample"]
    assert {"tex", "relation", "kind", "lhs", "rhs", "using", "assuming", "verdict", "message"} <= set(step)
    assert main(["verify", str(vault), "--scan", "--coverage"]) == 2
    assert "cannot be combined" in capsys.readouterr().err
    assert main(["verify", str(vault), "--strict"]) == 2


def test_strict_passes_when_nothing_fails(tmp_path):
    vault = write_vault(tmp_path, {"Physics.md": PHYSICS})
    assert main(["verify", str(vault), "--scan", "--strict", "--budget", str(BUDGET)]) == 0


def test_the_documented_example_scans_as_documented(tmp_path, capsys):
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "claims.md").read_text(encoding="utf-8")
    note = page.split("<!-- scan-example -->\n````markdown\n", 1)[1].split("\n````", 1)[0] + "\n"
    documented = page.split("<!-- scan-output -->\n```\n", 1)[1].split("\n```", 1)[0].split("\n")
    vault = write_vault(tmp_path, {"Expansion.md": note})
    assert main(["verify", str(vault), "--scan", "--budget", str(BUDGET)]) == 0
    printed = capsys.readouterr().out.rstrip("\n").split("\n")
    assert len(printed) == len(documented)
    for shown, written in zip(printed, documented):
        assert shown.startswith(written.split("…", 1)[0])  # the page shortens the counterexample's digits


def test_a_step_that_runs_out_of_time_is_not_checked_and_not_cached(tmp_path):
    note = "# S\n\n$$\\int_0^{1} e^{-x^{2}} \\sin(x^{7} + x) \\, dx = \\int_0^{1} e^{-x^{2}} \\sin(x + x^{7}) \\, dx$$\n"
    vault = vaultkit.load(write_vault(tmp_path, {"Slow.md": note}))
    found = scan(vault, jobs=1, budget=1.0)
    assert [j.step.kind for j in found.judged] == [Kind.NUMERIC] and not found.failed
    for judged in found.judged:  # however fast the machine: decided, or out of time and said so
        assert judged.finding in (Finding.PROVED, Finding.CHECKED, Finding.NOT_CHECKED)
        if judged.finding is Finding.NOT_CHECKED:
            assert judged.result.incomplete and "raise --budget" in judged.message
    timed_out = sum(1 for j in found.judged if j.result.incomplete)
    assert scan(vault, jobs=1, budget=1.0).reused == len(found.judged) - timed_out  # a time-out is never cached


def test_a_name_defined_earlier_is_its_value_where_a_derivative_applies_it(tmp_path):
    text = (
        "# L\n\n$$\\gamma = \\frac{1}{\\sqrt{1-\\beta^2}}$$\n\n"
        "$$\\frac{d\\gamma}{d\\beta} = \\frac{\\beta}{(1-\\beta^2)^{3/2}} = \\gamma^3\\beta$$\n\n"
        "$$N = \\frac{n^2(n^2-1)}{12}$$\n\n$$N(4) = \\frac{16 \\cdot 15}{12} = 20$$\n"
    )
    placed = _by_place(_scan(tmp_path, {"L.md": text}))
    assert [(j.finding, j.attempt.using) for j in placed["L.md", 5]] == [(Finding.PROVED, (3,)), (Finding.PROVED, (3,))]
    assert placed["L.md", 9][0].finding is Finding.PROVED and placed["L.md", 9][0].attempt.using == (7,)


def test_components_with_permuted_indices_are_not_checked(tmp_path):
    # R_{abcd} = -R_{bacd} = R_{cdab}: true by the tensor's symmetries, which the engine does not know
    placed = _by_place(_scan(tmp_path, {"R.md": "# R\n\n$$R_{abcd} = -R_{bacd} = R_{cdab}$$\n"}))
    (step,) = [j for j in placed["R.md", 3] if j.step.kind.identity]
    assert step.finding is Finding.NOT_CHECKED and "symmetry" in step.message


def test_definitions_keep_the_variables_of_derivatives_and_match_names_read_in_order(tmp_path):
    text = (
        "# L\n\n$$\\beta = \\frac{v}{c}, \\qquad \\gamma = \\frac{1}{\\sqrt{1 - \\beta^2}}$$\n\n"
        "$$\\frac{d\\gamma}{d\\beta} = \\frac{\\beta}{(1-\\beta^2)^{3/2}} = \\gamma^3\\beta$$\n\n"
        "$$v_p = \\sqrt{\\frac{2k_BT}{m}}, \\qquad v_{\\rm rms} = \\sqrt{\\frac{3k_BT}{m}}$$\n\n"
        "$$\\frac{v_{\\rm rms}}{v_p} = \\sqrt{\\frac{3}{2}}$$\n"
    )
    placed = _by_place(_scan(tmp_path, {"L.md": text}))
    assert [j.finding for j in placed["L.md", 5]] == [Finding.PROVED, Finding.PROVED]  # β stays dγ/dβ's variable
    (ratio,) = placed["L.md", 9]  # k_B T was read in written order at line 7: the proof takes those names as numbers
    assert ratio.finding is Finding.ASSUMED and ratio.attempt.using == (7,)


def test_names_a_note_writes_in_both_orders_do_not_commute_in_its_other_displays(tmp_path):
    # (gh)^{-1} = h^{-1}g^{-1} shows that g and h do not commute: the false step below is never proved
    text = ("# G\n\n$$(gh)^{-1} = h^{-1}g^{-1}$$\n\n$$(gh)^{-1} = g^{-1}h^{-1}$$\n\n$$(gh)^2 = g^2h^2$$\n\n"
            "$$e^{i\\theta\\sigma_x}e^{i\\phi\\sigma_z} = e^{i(\\theta\\sigma_x + \\phi\\sigma_z)}$$\n\n"
            "$$\\sigma_x\\sigma_z + \\sigma_z\\sigma_x = 0$$\n")
    found = _scan(tmp_path, {"G.md": text})
    assert found.judged and not {j.finding for j in found.judged} & {Finding.PROVED, Finding.CHECKED}


SOUNDNESS_OF_RANGES = r"""# Ranges, labels and deltas

$$S = \sum_{n \geq 1/2} \frac{1}{n^2} = \frac{\pi^2}{2}$$

$$T = \sum_{n \geq 1/2} \frac{1}{n^2} = \frac{\pi^2}{6}$$

$$B = \sum_{0 \le i < n/2} 2 = n$$

$$V = \sum_{0 < k < 0} 1 = 0$$

$$A = \lim_{n \to \infty} \frac{\text{SS}_n}{n} = 0$$

$$C_i = \sum_{j=1}^{n} \text{SS}_{ij} = n\, \text{SS}_{ij}$$

$$D = \sum_{i=1}^{n} \delta_{ii} = n$$

$$E = \sum_{j=1}^{3} \delta_{1,j} = 2$$
"""


def test_sums_over_inequalities_labels_under_binders_and_deltas_keep_the_promise(tmp_path):
    """A false step is never proved or checked, a true one never does not follow: ranges whose bounds are no integer
    numbers are sums over sets, never decided; a label a binder runs over is no constant; δ_ij is Kronecker's."""
    placed = _by_place(_scan(tmp_path, {"Ranges.md": SOUNDNESS_OF_RANGES}))

    def findings(needle: str) -> set:
        return {j.finding for j in placed.get(("Ranges.md", line_of(SOUNDNESS_OF_RANGES, needle)), [])}

    decided = {Finding.PROVED, Finding.CHECKED, Finding.ASSUMED}
    assert not findings(r"\frac{\pi^2}{2}") & decided  # ζ(2) is π²/6
    assert Finding.DOES_NOT_FOLLOW not in findings(r"\frac{\pi^2}{6}")
    assert not findings("B =") & decided  # false for odd n
    assert not findings("V =") & {Finding.DOES_NOT_FOLLOW}  # an empty range sums to 0: refused, never false
    assert not findings("A =") & decided and not findings("C_i =") & decided
    assert Finding.PROVED in findings("D =")  # D = Σ δ_ii names it; Σ δ_ii = n is proved
    assert Finding.DOES_NOT_FOLLOW in findings("E =")
