"""Built-in derivations (spec/derivations.md §3): the registry, the steps as claims, and their verdicts.

The verdicts come from the checking engine (`vaultkit.checking.engine.check`); nothing here or in the
derivations writes one by hand. Engine tests are skipped while the engine does not exist. Deliberately
broken copies of steps check that the engine never passes a false identity. A derivation is plain data
(`vaultkit.derivations`); `vaultkit.checking.builtin` turns its steps into claims, and a note asks for it
with `derivations: [NAME]` in its frontmatter.
"""

from __future__ import annotations

import dataclasses
import pickle
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import sympy
from sympy import Abs, Derivative, I, Indexed, KroneckerDelta, Subs, Sum, exp, log, sqrt
from sympy.core.function import AppliedUndef

from vaultkit.derivations import DERIVATIONS, Derivation, Step, find
from vaultkit.derivations import amplitude_normalization as amp
from vaultkit.derivations import sigmoid_two_class_softmax as sig
from vaultkit.derivations import softmax_partition_function as smx
from vaultkit.derivations import wick_rotation as wick
from vaultkit.checking.builtin import claims
from vaultkit.checking.claims import Claim, Given, IndexRange, Verdict

SAMPLE_VAULT = Path(__file__).resolve().parent.parent / "vault"

# The notes of the bundled vault that ask for each derivation (`derivations:` in their frontmatter): those
# the derivation is really about. Survey notes that only mention its results (Statistical mechanics,
# Superposition, Quantum state) do not ask, and nothing attaches by title or alias any more.
BUNDLED_OPT_INS = {
    "amplitude-normalization": {"Amplitude normalization", "Born rule", "Qubit"},
    "softmax-partition-function": {"Softmax", "Partition function", "Boltzmann distribution"},
    "sigmoid-two-class-softmax": {"Sigmoid", "Neuron activation"},
    "wick-rotation": {"Wick rotation", "Schrödinger equation", "Heat equation"},
}

# The steps of the spec's table, by id: each item of the table is one of these steps (or a pair of them).
SPEC_STEPS = {
    "amplitude-normalization": {"qubit-normalized", "n-normalized", "global-phase", "born-nonnegative", "born-sum"},
    "softmax-partition-function": {
        "partition-function",
        "boltzmann-normalized",
        "softmax-is-boltzmann",
        "mean-energy",
        "shift-invariance",
        "softmax-jacobian",
        "logsumexp-gradient",
    },
    "sigmoid-two-class-softmax": {"two-class-softmax", "sigmoid-derivative", "weight-gradient"},
    "wick-rotation": {"time-derivative", "schrodinger-to-diffusion", "heat-kernel", "evolution-operator"},
}

# What each symbol must be assumed to be, by derivation and name; an index must be an integer.
# "complex" means genuinely complex: declared complex and not real (a real amplitude would prove less).
INTENDED = {
    "amplitude-normalization": {
        "alpha": {"complex"},
        "beta": {"complex"},
        "c": {"complex"},
        "phi": {"real"},
        "n": {"integer", "positive"},
    },
    "softmax-partition-function": {
        "E": {"real"},
        "x": {"real"},
        "beta": {"positive"},
        "T": {"positive"},
        "c": {"real"},
        "n": {"integer", "positive"},
    },
    "sigmoid-two-class-softmax": {
        "x": {"real"},
        "w": {"real"},
        "b": {"real"},
        "n": {"integer", "positive"},
    },
    "wick-rotation": {
        "x": {"real"},
        "t": {"real"},
        "tau": {"positive"},
        "hbar": {"positive"},
        "m": {"positive"},
        "k": {"real"},
        "H": {"real"},
        "beta": {"positive"},
    },
}

ALL_STEPS = [(d, s) for d in DERIVATIONS.values() for s in d.steps]
ALL_CLAIMS = [c for d in DERIVATIONS.values() for c in claims(d)]


def step_of(name: str, step_id: str) -> Step:
    (step,) = [s for s in DERIVATIONS[name].steps if s.id == step_id]
    return step


def claim_of(name: str, step_id: str) -> Claim:
    (claim,) = [c for c in claims(DERIVATIONS[name]) if c.id == f"{name}/{step_id}"]
    return claim


# --- the registry ---------------------------------------------------------------------------------------


def test_registry_holds_the_four_derivations_of_the_spec():
    assert set(DERIVATIONS) == set(BUNDLED_OPT_INS)
    for name, derivation in DERIVATIONS.items():
        assert isinstance(derivation, Derivation)
        assert derivation.name == name
        assert derivation.title and derivation.summary


def test_find():
    for name, derivation in DERIVATIONS.items():
        assert find(name) is derivation
    assert find("Wick-Rotation") is DERIVATIONS["wick-rotation"]
    assert find(" SOFTMAX-partition-function ") is DERIVATIONS["softmax-partition-function"]
    assert find(unicodedata.normalize("NFD", "wick-rotation")) is DERIVATIONS["wick-rotation"]
    assert find("no-such-derivation") is None
    assert find("") is None
    assert find("Softmax") is None  # a concept's name is not a derivation's: nothing matches by title


def test_derivations_are_plain_data_that_never_import_the_checking_package():
    """derivations → checking would be a cycle (checking.builtin imports derivations)."""
    code = "import sys, vaultkit.derivations; print([m for m in sys.modules if m.startswith('vaultkit.checking')])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    for path in Path(amp.__file__).parent.glob("*.py"):
        assert "checking" not in re.sub(r'""".*?"""', "", path.read_text(encoding="utf-8"), flags=re.S), path
    for derivation in DERIVATIONS.values():
        assert not hasattr(derivation, "attaches_to") and not hasattr(derivation, "claims")


@pytest.mark.parametrize("name", sorted(BUNDLED_OPT_INS))
def test_every_spec_step_is_present(name):
    assert {s.id for s in DERIVATIONS[name].steps} >= SPEC_STEPS[name]


@pytest.mark.parametrize("derivation", DERIVATIONS.values(), ids=lambda d: d.name)
def test_four_to_eight_steps(derivation):
    assert 4 <= len(derivation.steps) <= 8


def test_the_bundled_vault_asks_for_the_derivations_about_its_notes():
    from vaultkit.checking.builtin import opt_ins
    from vaultkit.load import load

    vault = load(SAMPLE_VAULT)
    asked = opt_ins(vault)
    assert asked.errors == ()
    by_title = {vault.notes[node].title: names for node, names in asked.names.items()}
    expected = {title: (name,) for name, titles in BUNDLED_OPT_INS.items() for title in titles}
    assert by_title == expected


# --- the steps ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("derivation, step", ALL_STEPS, ids=lambda v: getattr(v, "name", None) or v.id)
def test_step_is_an_identity_between_sympy_expressions(derivation, step):
    assert isinstance(step.lhs, sympy.Basic) and isinstance(step.rhs, sympy.Basic)
    assert not isinstance(step.lhs, (sympy.logic.boolalg.Boolean, sympy.Eq))
    assert not isinstance(step.rhs, (sympy.logic.boolalg.Boolean, sympy.Eq))
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", step.id)
    # one sentence, and the step as display LaTeX without delimiters
    assert step.text.strip().endswith(".") and step.text[0].isupper()
    assert step.latex.strip() and "$" not in step.latex and "=" in step.latex
    assert step.latex.count("{") == step.latex.count("}")


def _free_indices(expr: sympy.Basic) -> set[sympy.Symbol]:
    return {s for a in expr.atoms(Indexed) for idx in a.indices for s in idx.free_symbols} & expr.free_symbols


@pytest.mark.parametrize("derivation, step", ALL_STEPS, ids=lambda v: getattr(v, "name", None) or v.id)
def test_every_free_symbol_carries_its_intended_assumptions(derivation, step):
    intended = INTENDED[derivation.name]
    both = sympy.Tuple(step.lhs, step.rhs)
    indices = _free_indices(both)
    ranged = {index for index, _, _ in step.ranges}
    assert indices <= ranged, f"free indices without a range: {indices - ranged}"
    for index, low, high in step.ranges:  # plain (index, low, high) tuples
        assert index.is_integer, index
        assert low == 1 and high.is_integer and high.is_positive
    symbols = {s for s in both.free_symbols if isinstance(s, sympy.Symbol)}
    for s in symbols | {a.base.label for a in both.atoms(Indexed)}:
        if s in indices:
            continue
        assert s.name in intended, f"{s} is not a symbol this derivation declares"
        for word in intended[s.name]:
            if word == "complex":
                assert s.is_complex and s.is_real is None, f"{s} should be complex, not real"
            else:
                assert getattr(s, f"is_{word}") is True, f"{s} should be {word}"
    for a in both.atoms(Indexed):
        assert a.is_complex, f"{a}: an indexed element with no assumptions"


def test_only_the_wick_residual_steps_use_an_undefined_function():
    uses = {c.id for c in ALL_CLAIMS if sympy.Tuple(c.lhs, c.rhs).atoms(AppliedUndef)}
    assert uses == {
        "wick-rotation/imaginary-diffusion",
        "wick-rotation/time-derivative",
        "wick-rotation/schrodinger-to-diffusion",
    }


def test_claims_ids_unique_and_numbered():
    ids = [c.id for c in ALL_CLAIMS]
    assert len(ids) == len(set(ids))
    for derivation in DERIVATIONS.values():
        made = claims(derivation)
        assert len(made) == len(derivation.steps)
        for number, (claim, step) in enumerate(zip(made, derivation.steps), start=1):
            assert isinstance(claim, Claim)
            assert claim.id == f"{derivation.name}/{step.id}"
            assert claim.source == "builtin" and claim.note == "" and claim.line == number
            assert claim.lhs is step.lhs and claim.rhs is step.rhs
            assert claim.ranges == tuple(IndexRange(*r) for r in step.ranges)
            assert claim.givens == tuple(Given(lhs, rhs) for lhs, rhs in step.givens)
            assert claim.problem is None and claim.text


def test_a_step_s_givens_become_givens_from_no_note():
    x, y = sympy.symbols("x y", positive=True)
    i, n = sympy.Symbol("i", integer=True), sympy.Symbol("n", integer=True, positive=True)
    step = Step("with-given", "Text.", "x = y", x, y, ranges=((i, sympy.Integer(1), n),), givens=((x, y),))
    (claim,) = claims(Derivation("demo", "Demo", "Summary.", (step,)))
    assert claim.givens == (Given(x, y, "", 0),) and claim.givens[0].describe() == "x == y"
    assert claim.ranges == (IndexRange(i, sympy.Integer(1), n),)


def test_claims_survive_pickling_unchanged():
    """Claims go to worker processes: each must arrive as written (no held modulus evaluated on the way)."""
    for claim in ALL_CLAIMS:
        copy = pickle.loads(pickle.dumps(claim))
        assert copy.lhs == claim.lhs and copy.rhs == claim.rhs and copy.ranges == claim.ranges, claim.id
        assert str(copy.lhs) == str(claim.lhs) and copy.text == claim.text


def test_steps_are_not_written_as_trivial_identities():
    """lhs and rhs differ as written: the engine, not SymPy's constructors, does each step."""
    for claim in ALL_CLAIMS:
        assert claim.lhs != claim.rhs, claim.id


def test_step_and_derivation_reject_bad_values():
    x = sympy.Symbol("x", real=True)
    with pytest.raises(ValueError):
        Step("bad id", "Text.", "x = x", x, x)
    with pytest.raises(TypeError):
        Step("ok", "Text.", "x = x", "x", x)
    with pytest.raises(TypeError):
        Step("ok", "Text.", "x = x", x, x, ranges=(x, 1, 2))  # a range, not a tuple of ranges
    with pytest.raises(TypeError):
        Step("ok", "Text.", "x = x", x, x, givens=((x, "1"),))
    step = Step("ok", "Text.", "x = x", x, x)
    with pytest.raises(ValueError):
        Derivation("twice", "Twice", "Summary.", (step, step))
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.id = "other"  # type: ignore[misc]


def test_no_verdict_is_written_in_the_derivations():
    """No step's verdict is written by hand: the package never names a verdict or builds a result."""
    root = Path(amp.__file__).parent
    for path in root.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "Verdict" not in text and "Result" not in text and "verdict=" not in text, path


# --- verdicts from the engine ---------------------------------------------------------------------------


def _engine_check():
    try:
        from vaultkit.checking.engine import check
    except ImportError:  # the engine is written separately; until it exists these tests are skipped
        return None
    return check


check = _engine_check()
needs_engine = pytest.mark.skipif(check is None, reason="vaultkit.checking.engine is not there yet")


@needs_engine
@pytest.mark.parametrize("claim", ALL_CLAIMS, ids=lambda c: c.id)
def test_every_step_is_proved_or_checked(claim):
    result = check(claim)
    assert result.id == claim.id and result.source == "builtin" and result.line == claim.line
    assert result.verdict in (Verdict.PROVED, Verdict.CHECKED), f"{result.verdict.value}: {result.message}"


@needs_engine
@pytest.mark.parametrize(
    "claim_id",
    [
        "wick-rotation/imaginary-diffusion",
        "wick-rotation/time-derivative",
        "wick-rotation/schrodinger-to-diffusion",
    ],
)
def test_steps_about_an_arbitrary_wave_function_are_proved(claim_id):
    """ψ is an undefined function: no random point can stand for it, so only a proof will do."""
    name, step_id = claim_id.split("/")
    assert check(claim_of(name, step_id)).verdict is Verdict.PROVED


def _broken() -> list[tuple[str, str, dict]]:
    """(derivation, step, replaced sides): copies of steps made false on purpose."""
    s = sig.sigma
    x = sig.x
    p = smx.boltzmann
    return [
        # σ′ = σ²: agrees with the truth at x = 0, so "nice" points are not enough
        ("sigmoid-two-class-softmax", "sigmoid-derivative", {"rhs": s(x) ** 2}),
        ("sigmoid-two-class-softmax", "two-class-softmax", {"rhs": s(-x)}),
        ("sigmoid-two-class-softmax", "weight-gradient", {"rhs": sig.a * (1 - sig.a)}),
        ("sigmoid-two-class-softmax", "bias-gradient", {"rhs": sig.a * (1 + sig.a)}),
        # rhs multiplied by 2
        ("softmax-partition-function", "boltzmann-normalized", {"rhs": sympy.Integer(2)}),
        ("softmax-partition-function", "logsumexp-gradient", {"rhs": 2 * smx.softmax(smx.k)}),
        # a sign flipped
        ("softmax-partition-function", "mean-energy", {"lhs": sympy.diff(log(smx.Z), smx.beta)}),
        (
            "softmax-partition-function",
            "softmax-jacobian",
            {
                "rhs": smx.softmax(smx.i, dummy=smx.k)
                * (KroneckerDelta(smx.i, smx.j) + smx.softmax(smx.j, dummy=smx.k))
                / smx.T
            },
        ),
        (
            "softmax-partition-function",
            "shift-invariance",
            {"lhs": exp((smx.x[smx.k] + smx.c) / smx.T) / Sum(exp(smx.x[smx.j] / smx.T), (smx.j, 1, smx.n))},
        ),
        ("softmax-partition-function", "partition-function", {"lhs": Abs(-smx.Z, evaluate=False), "rhs": -smx.Z}),
        ("softmax-partition-function", "mean-energy", {"rhs": Sum(smx.E[smx.i] * p(smx.i) ** 2, (smx.i, 1, smx.n))}),
        # amplitudes: forgetting the square root, a phase that is not a phase, a negative probability
        (
            "amplitude-normalization",
            "qubit-normalized",
            {
                "lhs": Abs(amp.alpha / amp.pair_norm**2) ** 2 + Abs(amp.beta / amp.pair_norm**2) ** 2,
            },
        ),
        ("amplitude-normalization", "global-phase", {"lhs": Abs(exp(amp.phi) * amp.c[amp.k]) ** 2}),
        ("amplitude-normalization", "born-nonnegative", {"lhs": Abs(-amp.born(amp.k)), "rhs": -amp.born(amp.k)}),
        (
            "amplitude-normalization",
            "n-normalized",
            {"lhs": Sum(Abs(amp.c[amp.i] / amp.norm_squared) ** 2, (amp.i, 1, amp.n))},
        ),
        # Wick rotation: the wrong diffusion constant, the wrong direction of rotation
        ("wick-rotation", "heat-kernel", {"lhs": wick.diffusion_residual(wick.heat_kernel, wick.tau, 2 * wick.D)}),
        ("wick-rotation", "plane-wave", {"lhs": wick.diffusion_residual(wick.plane_wave(I * wick.tau), wick.tau)}),
        ("wick-rotation", "evolution-operator", {"rhs": exp(wick.H * wick.tau / wick.hbar)}),
        (
            "wick-rotation",
            "boltzmann-weight",
            {"lhs": Subs(exp(-I * wick.H * wick.t / wick.hbar), wick.t, I * wick.beta * wick.hbar)},
        ),
        (
            "wick-rotation",
            "propagator",
            {"rhs": wick.heat_kernel.subs(wick.m, 2 * wick.m)},
        ),
        ("wick-rotation", "propagator", {"rhs": sqrt(2) * wick.heat_kernel}),
        # … and for an arbitrary wave function ψ: the rotation the wrong way round, a sign, a wrong D
        (
            "wick-rotation",
            "time-derivative",
            {"rhs": -I * Derivative(wick.psi(wick.x, -I * wick.tau), wick.tau)},
        ),
        (
            "wick-rotation",
            "schrodinger-to-diffusion",
            {"rhs": wick.hbar * wick.diffusion_residual(wick.psi(wick.x, wick.tau), wick.tau)},
        ),
        (
            "wick-rotation",
            "schrodinger-to-diffusion",
            {"rhs": -wick.hbar * wick.diffusion_residual(wick.psi(wick.x, wick.tau), wick.tau, 2 * wick.D)},
        ),
        (
            "wick-rotation",
            "imaginary-diffusion",
            {"rhs": wick.diffusion_residual(wick.psi(wick.x, wick.t), wick.t, -I * wick.hbar / (2 * wick.m))},
        ),
    ]


BROKEN = _broken()
BROKEN_IDS = [f"{n}/{s}-{i}" for i, (n, s, _) in enumerate(BROKEN)]


def _difference_at(claim: Claim, rng: random.Random) -> complex:
    """lhs − rhs at one random point: n and the free indices fixed to small integers, then random values."""
    expr = claim.lhs - claim.rhs
    if expr.atoms(AppliedUndef):  # ψ: any smooth function will do, so take a fixed, unremarkable one
        a, b = (sympy.Float(rng.uniform(-1.0, 1.0), 30) for _ in range(2))
        expr = expr.replace(
            lambda e: isinstance(e, AppliedUndef),
            lambda e: exp(a * e.args[0] + b * e.args[-1]) * (1 + a * e.args[0] * e.args[-1] + b * e.args[0] ** 2),
        ).doit()
    n = sympy.Symbol("n", integer=True, positive=True)
    size = rng.randint(1, 4)
    fixed = {n: size, **{r.index: rng.randint(1, size) for r in claim.ranges}}
    expr = expr.subs(fixed).doit()

    def value(s):
        if s.is_positive:
            return sympy.Float(rng.uniform(0.2, 3.0), 30)
        if s.is_real:
            return sympy.Float(rng.uniform(-3.0, 3.0), 30)
        return sympy.Float(rng.uniform(-2.0, 2.0), 30) + I * sympy.Float(rng.uniform(-2.0, 2.0), 30)

    expr = expr.xreplace({a: value(a) for a in expr.atoms(Indexed)})
    expr = expr.xreplace({s: value(s) for s in expr.free_symbols}).doit()
    return complex(sympy.N(expr, 30))


@pytest.mark.parametrize("derivation, step", ALL_STEPS, ids=lambda v: getattr(v, "name", None) or v.id)
def test_steps_hold_at_random_points(derivation, step):
    """A sanity check of the steps without the engine (which gives the verdicts)."""
    (claim,) = [c for c in claims(derivation) if c.id == f"{derivation.name}/{step.id}"]
    rng = random.Random(claim.id)
    for _ in range(6):
        assert abs(_difference_at(claim, rng)) < 1e-20


@pytest.mark.parametrize("name, step_id, sides", BROKEN, ids=BROKEN_IDS)
def test_broken_copies_really_differ(name, step_id, sides):
    """Each broken copy is false somewhere: a sanity check of the copies themselves, without the engine."""
    broken = dataclasses.replace(claim_of(name, step_id), **sides)
    rng = random.Random(broken.id)
    assert max(abs(_difference_at(broken, rng)) for _ in range(8)) > 1e-6


@needs_engine
@pytest.mark.parametrize("name, step_id, sides", BROKEN, ids=BROKEN_IDS)
def test_engine_never_passes_a_broken_step(name, step_id, sides):
    broken = dataclasses.replace(claim_of(name, step_id), **sides)
    result = check(broken)
    assert result.verdict is Verdict.FALSE, f"{result.verdict.value} ({result.method}): {result.message}"
    assert result.counterexample
