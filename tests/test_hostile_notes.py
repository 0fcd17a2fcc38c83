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


def test_a_yaml_set_keeps_the_order_it_was_written_in():
    """Found by the fuzzer: a Python set ordered the members by hash, so the graph changed from run to run."""
    note = _parse("---\naliases: !!set {b, a, c, d, e}\ntags: !!set {t2, t1, t3}\nx: !!set {q, p, r}\n---\n")
    assert note.aliases == ("b", "a", "c", "d", "e")
    assert [tag.name for tag in note.tags] == ["t2", "t1", "t3"]
    assert note.properties == {"x": ["q", "p", "r"]}


@pytest.mark.parametrize("value", ["!!timestamp x", "!!bool x", "!!int", "!!float"])
def test_a_value_its_yaml_tag_cannot_hold_is_a_diagnostic(value):
    """Found by the fuzzer: PyYAML raises AttributeError, KeyError or IndexError on these, and load crashed."""
    note = _parse(f"---\nok: 1\na: {value}\n---\n[[Link]]")
    assert [(d.kind, d.line) for d in note.diagnostics] == [("invalid-yaml", 3)]
    assert note.properties == {}
    assert [link.target for link in note.links] == ["Link"]


# ---------------------------------------------------------------- runs of embed openers: `![![`, `![[![[`, `[[![[`

# markdown-it reads a label after each `[` and `![`, nesting a level at each opener up to its limit: a dozen rule
# calls a character, 20 s and 400 MB a mebibyte of these. A link or image needs `](` after its label (or a note
# with references), so where none follows neither rule is tried.
OPENER_RUNS = ["![![", "![[![[", "![[", "[[![[", "![[[[![[", "![![\n"]


@pytest.mark.parametrize("unit", OPENER_RUNS)
def test_a_mebibyte_of_unclosed_embed_openers(unit):
    opened = unit * ((1 << 20) // len(unit))
    note = _parse(opened + "\n\n![[Last]] [[Link]] ![x](pic.png)")
    last = opened.count("\n") + 3
    assert [(link.target, link.kind, link.line) for link in note.links] == [
        ("Last", "embed", last), ("Link", "link", last), ("pic.png", "embed", last)
    ]  # fmt: skip
    assert note.diagnostics == ()


def test_half_a_mebibyte_of_embed_openers_closed_by_wikilink_brackets():
    note = _parse("![![" * 125_000 + "x]] ![[Seen]]")
    assert [(link.target, link.kind) for link in note.links] == [("Seen", "embed")]
    nested = _parse("![[" * 100_000 + "Inner" + "]]" * 100_000)
    assert [(link.target, link.kind) for link in nested.links] == [("Inner", "embed")]
    interleaved = _parse("[[![[a]]" * 64_000)
    assert len(interleaved.links) == 64_000
    assert {(link.target, link.kind) for link in interleaved.links} == {("a", "embed")}
    assert (note.diagnostics, nested.diagnostics, interleaved.diagnostics) == ((), (), ())


def test_embed_openers_before_a_link_target_are_each_read_at_a_bounded_cost():
    """`](y)` at the end (or references in the note): an opener followed by 32 more is plain text, like a run of
    `[`; the last ones are read as labels. 2 MB of this once took 42 s and 800 MB."""
    long = _parse("![" * 1_000_000 + "](x)\n\n[[After]]")
    assert [(link.target, link.kind, link.line) for link in long.links] == [("x", "embed", 1), ("After", "link", 3)]
    note = _parse("![![" * 16_000 + "](y) [[Seen]]")
    assert [(link.target, link.kind, link.syntax) for link in note.links] == [
        ("y", "embed", "markdown"), ("Seen", "link", "wiki")
    ]  # fmt: skip
    referenced = _parse("[r]: /u\n\n" + "![[![[" * 10_000 + "] [r]")
    assert [(link.target, link.display) for link in referenced.links] == [("/u", "r")]
    assert (note.diagnostics, referenced.diagnostics) == ((), ())


def test_ten_thousand_notes_of_one_name_each_linking_to_it_from_its_own_folder():
    """Found scaling the fuzzer's vaults up by copies: every link scanned all the notes of its name for one in
    its own folder, and its ambiguity kept a copy of their list (quadratic time and memory)."""
    from vaultkit.model import LinkRef, Note
    from vaultkit.resolve import NameIndex, resolve_links

    count = 10_000

    def wiki(target: str) -> LinkRef:
        return LinkRef(target, (), None, "link", "wiki", 1)

    notes = [
        Note(id=f"c{i}/index", path=f"c{i}/index.md", title="index", aliases=("home",),
             links=(wiki("index"), wiki(f"c{(i + 1) % count}/index"), wiki("img.png"), wiki("home")))
        for i in range(count)
    ]  # fmt: skip
    attachments = [f"c{i}/img.png" for i in range(count)]
    resolved = resolve_links(notes, NameIndex.build(notes, attachments), attachments=True)
    targets = [(link.source, link.target, link.ambiguous) for link in resolved.links]
    assert targets[:4] == [("c0/index", "c0/index", True), ("c0/index", "c1/index", False),
                           ("c0/index", "c0/img.png", True), ("c0/index", "home", False)]  # fmt: skip
    assert targets[-3] == ("c9999/index", "c0/index", False)
    assert len(resolved.links) == 4 * count


def test_two_notes_that_claim_the_same_fifty_thousand_aliases():
    """Each conflict looked for its alias among all the note's aliases again (quadratic in a note's aliases)."""
    from vaultkit.model import Note
    from vaultkit.resolve import NameIndex, resolve_links

    aliases = tuple(f"Alias {i}" for i in range(50_000)) + ("ALIAS 0",)
    notes = [Note(id=name, path=name + ".md", title=name, aliases=aliases) for name in ("A", "B")]
    index = NameIndex.build(notes, ())
    assert index.by_alias["alias 0"] == ("A", "B")
    conflicts = [d for d in resolve_links(notes, index).diagnostics if d.kind == "alias-conflict"]
    assert len(conflicts) == 100_000
    assert conflicts[0].message == "alias 'Alias 0' is also claimed by B; links to it stay unresolved"
