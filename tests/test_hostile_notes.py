"""Hostile notes: each input is large enough that a quadratic stage would run for minutes.

No timing is asserted; a regression shows as a test that does not finish.
"""

from __future__ import annotations

import pytest

from vaultkit.checking.macros import MAX_DEFINITIONS, Macro, MacroError, definitions, expand
from vaultkit.model import SourceFile
from vaultkit.parse import parse_note


def _parse(text: str):  # noqa: ANN202
    return parse_note(SourceFile("hostile.md", text, size=len(text.encode())))


def test_a_comment_then_a_million_code_spans():
    text = "%% c %%\n" + "`a` " * 1_200_000 + "\n\n[[After]] #tag"
    note = _parse(text)
    assert [link.target for link in note.links] == ["After"]
    assert [tag.name for tag in note.tags] == ["tag"]


def test_code_spans_of_many_distinct_lengths_hide_a_comment_marker():
    spans = "".join("`" * n + " x " for n in range(2, 3000))  # 4.5 MB, no run closes: O(n^1.5) before
    note = _parse("%% first %%\n" + spans + "`%%` [[Mid]] `%%`\n\n%% [[Hidden]] %% [[Seen]]")
    assert [link.target for link in note.links] == ["Mid", "Seen"]


def test_a_paragraph_of_a_hundred_thousand_markdown_links():
    note = _parse("[x](t.md) " * 100_000)
    assert len(note.links) == 100_000
    assert {(link.target, link.display, link.syntax) for link in note.links} == {("t.md", "x", "markdown")}


def test_five_megabytes_of_brackets():
    note = _parse("[" * 5_000_000 + "x](t.md) and [[Target]]\n\n[y](u.md)")
    assert [(link.target, link.line) for link in note.links] == [("t.md", 1), ("Target", 1), ("u.md", 3)]
    assert [(d.kind, d.line) for d in note.diagnostics] == [("bracket-run", 1)]


def test_eight_thousand_unclosed_definitions_in_a_formula():
    tex = "\\def\\a{" * 8000
    assert definitions([tex]) == ()
    with pytest.raises(MacroError, match="longer than"):
        expand(tex, (Macro("a", 0, "y"),))
    assert expand(tex, (Macro("b", 0, "y"),)) == tex


def test_a_mebibyte_preamble_of_unclosed_and_nested_definitions():
    unclosed = "\\def\\a{" * 150_000
    nested = "\\def\\n{" * 8000 + "x" + "}" * 8000
    found = definitions([unclosed[: 1 << 20], nested, "\\newcommand{\\E}{\\mathbb{E}}"])
    assert len(found) == MAX_DEFINITIONS
    assert found[0] == Macro("n", 0, "\\def\\n{" * 2499 + "x" + "}" * 2499)  # longer bodies could never expand
    assert found[-1] == Macro("n", 0, "\\def\\n{" * 500 + "x" + "}" * 500)
    assert definitions(["\\newcommand{\\E}{\\mathbb{E}}"]) == (Macro("E", 0, "\\mathbb{E}"),)


def test_many_closed_definitions_are_all_dropped_from_an_equation():
    tex = "\\newcommand{\\x}{y} " * 200_000 + "w"
    assert expand(tex, (Macro("x", 0, "z"),)) == " " * 200_000 + "w"
