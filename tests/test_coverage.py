"""`vaultkit verify --coverage`: every display equation read freely, failures grouped by cause."""

from __future__ import annotations

import json

import vaultkit
from vaultkit.checking.coverage import coverage
from vaultkit.cli import main
from conftest import tree_snapshot, write_vault

PHYSICS = r"""# Oscillator

$$E = \frac{1}{2} m v^2 + \frac{1}{2} k x^2$$

$$\frac{d^2 x}{dt^2} = -\omega^2 x$$

$$F \approx -k x$$

$$W = \oint F \, ds$$

Inline math $a = b$ is not a display equation.

```latex
$$\notmath$$
```
"""

ML = r"""---
aliases: [softmax]
---
```sympy
symbols: z indexed real; n positive integer; i j integer
range: j = 1..n
```

$$\sigma(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$$

$$L = -\sum_{i=1}^{n} y_i \log p_i$$

$$\sum_k e^{z_k}$$

$$x \in \mathbb{R}^n$$
"""


def test_coverage_counts_every_display_equation_and_groups_failures(tmp_path):
    vault = write_vault(tmp_path, {"physics/Oscillator.md": PHYSICS, "ml/Softmax.md": ML})
    before = tree_snapshot(vault)
    found = coverage(vaultkit.load(vault), jobs=2)
    assert tree_snapshot(vault) == before
    assert [(o.note, o.line) for o in found.outcomes] == [
        ("ml/Softmax.md", 9), ("ml/Softmax.md", 11), ("ml/Softmax.md", 13), ("ml/Softmax.md", 15),
        ("physics/Oscillator.md", 3), ("physics/Oscillator.md", 5), ("physics/Oscillator.md", 7),
        ("physics/Oscillator.md", 9),
    ]  # fmt: skip
    by_line = {(o.note, o.line): o for o in found.outcomes}
    energy = by_line["physics/Oscillator.md", 3]
    assert energy.translated and energy.reading == "E = k*x**2/2 + m*v**2/2"
    assert by_line["physics/Oscillator.md", 5].reading == "Derivative(x(t), (t, 2)) = -omega**2*x(t)"
    assert by_line["physics/Oscillator.md", 7].reading == "F approx -k*x"  # any relation is read
    contour = by_line["physics/Oscillator.md", 9]
    assert (contour.translated, contour.cause, contour.command) == (False, "unsupported-construct", "\\oint")
    # the note's own scope: z is indexed; k has no declared range, so its bounds are left as names
    assert by_line["ml/Softmax.md", 11].reading == "L = -Sum(log(p[i])*y[i], (i, 1, n))"
    assert by_line["ml/Softmax.md", 13].reading == "Sum(exp(z[k]), (k, k_first, k_last))"
    assert by_line["ml/Softmax.md", 9].command == "_"  # a subscript after a call: softmax(z)_i is not guessed
    assert by_line["ml/Softmax.md", 15].reading == "x in R_bb**n"  # membership is a relation, read as written
    assert found.translated == 6 and found.fraction == 0.75


def test_cli_coverage_text_and_json(tmp_path, capsys):
    vault = write_vault(tmp_path, {"Oscillator.md": PHYSICS})
    assert main(["verify", str(vault), "--coverage"]) == 0
    out = capsys.readouterr().out
    first, rest = out.split("\n\n", 1)
    assert first == "Oscillator.md:9: unsupported-construct: \\oint: multiple and contour integrals are not supported"
    assert rest.startswith("3 of 4 display equations translate (75.0 %)")  # the failures first, like a compiler
    assert "\\oint" in out and "unsupported-construct" in out
    assert main(["verify", str(vault), "--coverage", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["equations"], data["translated"], data["fraction"]) == (4, 3, 0.75)
    assert data["failures"] == [{"cause": "unsupported-construct", "command": "\\oint", "count": 1}]
    assert {o["line"] for o in data["outcomes"] if o["translated"]} == {3, 5, 7}


def test_a_vault_without_display_math_is_fully_covered(tmp_path, capsys):
    vault = write_vault(tmp_path, {"Plain.md": "No maths, only $x$ inline."})
    found = coverage(vaultkit.load(vault))
    assert found.outcomes == () and found.fraction == 1.0
    assert main(["verify", str(vault), "--coverage"]) == 0
    assert capsys.readouterr().out.startswith("0 of 0 display equations translate")


def test_a_display_of_macro_definitions_is_no_equation(tmp_path):
    """`$$\\newcommand{\\R}{\\mathbb{R}}$$` shows nothing: it defines the note's macros, which the next display uses."""
    note = "$$\n\\newcommand{\\R}{\\mathbb{R}}\n\\DeclareMathOperator{\\tr}{tr}\n$$\n\n$$\\tr(A) \\in \\R$$\n"
    found = coverage(vaultkit.load(write_vault(tmp_path, {"Trace.md": note})), jobs=1)
    assert [(o.line, o.reading) for o in found.outcomes] == [(6, "tr(A) in R_bb")]


def test_comments_and_default_arguments_among_definitions_show_nothing(tmp_path):
    """A preamble display with `% Sets` comments and `\\newcommand{\\seq}[4][{}]{…}` (a default first argument)."""
    note = ("$$\n% Sets\n\\newcommand{\\R}{\\mathbb{R}}\n% Sequences\n"
            "\\newcommand{\\seq}[4][{}]{#2_{#3}#1 \\ldots #1 #2_{#4}}\n$$\n\n$$x \\in \\R$$\n")
    found = coverage(vaultkit.load(write_vault(tmp_path, {"Preamble.md": note})), jobs=1)
    assert [(o.line, o.reading) for o in found.outcomes] == [(8, "x in R_bb")]
