r"""Abbreviations a note spells out in its prose are names in its formulas: `SE`, `TP + FP`, `SSE(\alpha)`.

TeX sets `SE` as S times E. A note that writes "the standard error (SE)" says it is one name, and vaultkit reads
it so, in `--coverage` and in `--scan`; a note that does not say so keeps the question.
"""

from __future__ import annotations

import pytest

import vaultkit
from vaultkit.abbreviations import defined_abbreviations
from vaultkit.checking.coverage import coverage
from vaultkit.checking.scan import Kind
from vaultkit.checking.scan_findings import Finding
from vaultkit.checking.scan_run import scan
from vaultkit.model import SourceFile
from vaultkit.parse import parse_note
from conftest import line_of, write_vault


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The **Sum of Squared Errors (SSE)** is a measure of the total error", {"SSE"}),
        ("True positives(TP) and False positives(FP)", {"TP", "FP"}),
        ("one typically looks at the maximum-a-posteriori (MAP) estimate", {"MAP"}),
        ("A true-positive (TP) decision assigns two similar documents to the same cluster", {"TP"}),
        ("the Kullback-Leibler (KL) divergence", {"KL"}),
        ("SE (standard error of the mean) shrinks", {"SE"}),
        # letters that are not the initials of the words beside them define nothing
        ("Area Under roc Curve(AUC)", set()),
        ("the pressure (P) and volume (V)", set()),
        ("energy (E) and (EE)", set()),
        ("see (AB) below", set()),
        ("the temperature by the pressure (TP)", set()),  # a small word never opens the phrase
        ("heat in the reservoir (HR)", set()),  # only "of", "and", "the", "for", "a", "an" are passed over
        ("We measured the temperature. Pressure (TP) was constant.", set()),  # within one sentence
    ],
)
def test_an_abbreviation_is_defined_by_the_initials_of_its_words(text, expected):
    assert defined_abbreviations(text) == expected


def test_a_note_collects_abbreviations_from_its_prose_only():
    text = (
        "The **standard error**\n(SE) is small.\n\n| metric | |\n|---|---|\n| Mean Squared Error (MSE) | x |\n\n"
        "```\nLeft Out (LO)\n```\n\n$$Not Counted (NC) = 1$$\n"
    )
    note = parse_note(SourceFile("Errors.md", text))
    assert note.abbreviations == ("MSE", "SE")  # across emphasis and a line break, in a table; not in code or math


STATISTICS = r"""# Standard error

The standard error (SE) of the mean shrinks with the sample size:

$$SE = \frac{s}{\sqrt{n}}$$

Of the predictions, the true positives (TP) and false positives (FP) give the precision:

$$\frac{TP}{TP + FP} = \frac{1}{1 + FP/TP}$$
"""

UNSPELLED = r"""# Without words

$$SE = \frac{s}{\sqrt{n}}$$
"""


def test_coverage_reads_spelled_out_abbreviations_as_names(tmp_path):
    vault = write_vault(tmp_path, {"Standard error.md": STATISTICS, "Without words.md": UNSPELLED})
    outcomes = {(o.note, o.line): o for o in coverage(vaultkit.load(vault), jobs=1).outcomes}
    assert outcomes["Standard error.md", line_of(STATISTICS, "SE =")].reading == "SE = s/sqrt(n)"
    assert outcomes["Standard error.md", line_of(STATISTICS, "TP + FP")].reading == "TP/(FP + TP) = 1/(FP/TP + 1)"
    unspelled = outcomes["Without words.md", line_of(UNSPELLED, "SE =")]
    assert unspelled.reading is None and unspelled.cause == "ambiguous"  # S times E, or one name? still asked


def test_scan_checks_a_step_between_spelled_out_abbreviations(tmp_path):
    found = scan(vaultkit.load(write_vault(tmp_path, {"Standard error.md": STATISTICS})), jobs=1, budget=30.0)
    steps = [j for j in found.judged if j.step.line == line_of(STATISTICS, "TP + FP")]
    assert [(j.step.kind, j.finding) for j in steps] == [(Kind.EQUATION, Finding.ASSUMED)]  # with TP ≠ 0


OHM = r"""# Ohm's law

The sensor reads in the infra-red (IR).

$$I = \frac{U}{R}$$

$$U = IR$$
"""


def test_an_abbreviation_whose_letters_the_note_writes_alone_stays_a_product(tmp_path):
    """"infra-red (IR)" in a note that writes I and R alone: `U = IR` is still a question, not the name IR."""
    outcomes = {o.line: o for o in coverage(vaultkit.load(write_vault(tmp_path, {"Ohm.md": OHM})), jobs=1).outcomes}
    assert outcomes[line_of(OHM, "U = IR")].reading is None
