"""LaTeX macros: definitions from a vault's preamble.sty and a note's formulas, expanded for claims and coverage."""

from __future__ import annotations

import os

import pytest
from conftest import tree_snapshot, write_vault

import vaultkit
from vaultkit.checking.claims import Verdict
from vaultkit.checking.coverage import coverage
from vaultkit.checking.macros import Macro, MacroError, definitions, expand
from vaultkit.checking.run import verify


def test_every_form_of_definition_is_read_in_order():
    found = definitions([
        r"\newcommand{\E}{\mathbb{E}} \renewcommand\dt{\mathrm{d}t} \providecommand{\tr}[1]{\mathrm{Tr}\left[#1\right]}",
        r"\def\R{\mathbb{R}} \DeclareMathOperator*{\argmin}{arg\,min} \newcommand*{\half}{\frac{1}{2}}",
    ])  # fmt: skip
    assert found == (
        Macro("E", 0, r"\mathbb{E}"), Macro("dt", 0, r"\mathrm{d}t"), Macro("tr", 1, r"\mathrm{Tr}\left[#1\right]"),
        Macro("R", 0, r"\mathbb{R}"), Macro("argmin", 0, r"\operatorname{arg\,min}"), Macro("half", 0, r"\frac{1}{2}"),
    )  # fmt: skip


def test_expansion_substitutes_arguments_and_keeps_a_body_in_one_piece():
    macros = definitions([r"\newcommand{\dt}{\mathrm{d}t} \newcommand{\tr}[1]{\mathrm{Tr}\left[#1\right]}"
                          r"\newcommand{\E}{\mathbb{E}} \newcommand{\pair}[2]{(#1, #2)}"])
    assert expand(r"\frac{\mathrm{d}\rho}{\dt} = \tr{\rho H}", macros) == (
        r"\frac{\mathrm{d}\rho}{\mathrm{d}t} = \mathrm{Tr}\left[\rho H\right]"
    )
    assert expand(r"O(\dt^2) + \dt(x)", macros) == r"O({\mathrm{d}t}^2) + {\mathrm{d}t}(x)"  # (dt)², not d·t²
    assert expand(r"\E[X] = \pair a {b_1}", macros) == r"\mathbb{E}[X] = (a, b_1)"
    assert expand(r"\Edt", macros) == r"\Edt"  # a longer command is not \E followed by dt
    assert expand(r"\newcommand{\x}{y} x = 1", macros) == " x = 1"  # a definition reads as nothing


def test_a_command_before_a_parameter_stays_a_command():
    # a lecture note's `\newcommand{\norm}[1]{\lVert#1\rVert}`: TeX reads `\lVert` before it substitutes, so
    # \norm{A} is ‖A‖, not the unknown command \lVertA
    macros = definitions([r"\newcommand{\norm}[1]{\lVert#1\rVert} \newcommand{\scaled}[2]{#1\cdot#2x}"
                          r"\newcommand{\br}[1]{a\\#1}"])
    assert expand(r"\norm{A} + \norm{\alpha}", macros) == r"\lVert A\rVert + \lVert\alpha\rVert"
    assert expand(r"\scaled{2}{\beta}", macros) == r"2\cdot\beta x"  # the argument's \beta, then the body's x
    assert expand(r"\br{x}", macros) == r"a\\x"  # a line break, then x


def test_runaway_and_malformed_expansions_are_errors():
    with pytest.raises(MacroError, match="call itself"):
        expand(r"\loop", definitions([r"\newcommand{\loop}{\loop\loop}"]))
    with pytest.raises(MacroError, match="longer than"):
        expand(r"\a", definitions([r"\newcommand{\a}{\b\b\b\b} \newcommand{\b}{\c\c\c\c} \newcommand{\c}{" + "x" * 2000 + "}"]))
    with pytest.raises(MacroError, match="takes 2 argument"):
        expand(r"\pair{a}", definitions([r"\newcommand{\pair}[2]{(#1, #2)}"]))


PREAMBLE = r"""% the vault's macros
\newcommand{\dd}{\mathrm{d}}
\newcommand{\dt}{\mathrm{d}t}
"""

DECAY = r"""# Decay

```sympy
symbols: k positive; t real
N(t) := exp(-k*t)
```

$\newcommand{\rate}{k}$ The rate is $\rate$.

$$\frac{\dd N(t)}{\dt} = -\rate N(t)$$ %% verify decay %%

$$\frac{\dd N(t)}{\dt} = \rate N(t)$$ %% verify wrong-sign %%

$$\frac{\dd N}{\dt} = \undefinedmacro$$
"""


def test_claims_and_coverage_see_the_preamble_and_the_notes_own_macros(tmp_path):
    vault = write_vault(tmp_path, {"preamble.sty": PREAMBLE, "Decay.md": DECAY})
    before = tree_snapshot(vault)
    loaded = vaultkit.load(vault)
    assert loaded.preamble == PREAMBLE
    results = {r.id: r for r in verify(loaded, cache_dir=tmp_path / "cache").results}
    assert results["decay"].verdict is Verdict.PROVED
    assert results["wrong-sign"].verdict is Verdict.FALSE
    found = {o.line: o for o in coverage(loaded, jobs=1).outcomes}
    assert found[10].reading == "Derivative(exp(-k*t), t) = -k*exp(-k*t)"  # N(t) := exp(-k*t) in the note's scope
    assert (found[14].translated, found[14].command) == (False, "\\undefinedmacro")
    assert tree_snapshot(vault) == before


def test_a_preamble_outside_the_vault_or_unreadable_is_not_used(tmp_path):
    outside = write_vault(tmp_path, {"preamble.sty": PREAMBLE}, name="elsewhere")
    vault = write_vault(tmp_path, {"Note.md": "# Note\n"})
    os.symlink(outside / "preamble.sty", vault / "preamble.sty")
    assert vaultkit.load(vault).preamble == ""
    bad = write_vault(tmp_path, {"preamble.sty": b"\\newcommand{\\x}{\xff}\n", "Note.md": "# Note\n"}, name="bad")
    loaded = vaultkit.load(bad)
    assert [(d.path, d.kind) for d in loaded.diagnostics] == [("preamble.sty", "bad-encoding")]
