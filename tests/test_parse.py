"""Stage 2, vaultkit.parse: a SourceFile → Note (links, tags, headings, math, code, diagnostics)."""

from __future__ import annotations


import pytest
from conftest import line_of, parse_text

from vaultkit.model import CodeBlock, Diagnostic, Heading, LinkRef, Math, Severity, SourceFile, Tag
from vaultkit.parse import note_id, parse_note


def links(note) -> list[tuple]:
    return [(l.target, l.line) for l in note.links]


def tag_lines(note) -> list[tuple]:
    return [(t.name, t.line) for t in note.tags]


# ---------------------------------------------------------------- identity


@pytest.mark.parametrize(
    ("path", "ident", "title"),
    [
        ("physics/Quantum mechanics.md", "physics/Quantum mechanics", "Quantum mechanics"),
        ("Top.md", "Top", "Top"),
        ("a/b/c/Deep note.md", "a/b/c/Deep note", "Deep note"),
        ("<script>alert(1)<\\script>.md", "<script>alert(1)<\\script>", "<script>alert(1)<\\script>"),
        ("x/<img src=x onerror=alert(1)>.md", "x/<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ("new\nline.md", "new\nline", "new\nline"),
    ],
)
def test_identity_from_path(path, ident, title):
    note = parse_text("x", path=path)
    assert (note.id, note.path, note.title) == (ident, path, title)
    assert note_id(path) == ident


def test_unreadable_source_is_a_bare_note():
    diagnostic = Diagnostic("big.md", 0, "oversized", "too big", Severity.ERROR)
    note = parse_note(SourceFile("sub/big.md", "", (diagnostic,), readable=False, size=9_000_000))
    assert (note.id, note.title, note.size) == ("sub/big", "big", 9_000_000)
    assert note.diagnostics == (diagnostic,)
    assert (note.links, note.tags, note.aliases, note.properties, note.math) == ((), (), (), {}, ())


def test_size_and_source_diagnostics_are_kept():
    diagnostic = Diagnostic("n.md", 2, "bad-encoding", "bad", Severity.ERROR)
    note = parse_note(SourceFile("n.md", "a\nb\ufffd [[x]]", (diagnostic,), size=13))
    assert note.size == 13
    assert note.diagnostics == (diagnostic,)
    assert links(note) == [("x", 2)]


# ---------------------------------------------------------------- links


def test_every_wikilink_form():
    text = (
        "[[target]] [[target|display]] [[target#Heading]] [[target#H1#H2]] [[target#^block]]\n"
        "[[target.md]] [[folder/target]] ![[embed]] [[#Local]] [[#^blk]]\n"
    )
    assert parse_text(text).links == (
        LinkRef("target", (), None, "link", "wiki", 1),
        LinkRef("target", (), "display", "link", "wiki", 1),
        LinkRef("target", ("Heading",), None, "link", "wiki", 1),
        LinkRef("target", ("H1", "H2"), None, "link", "wiki", 1),
        LinkRef("target", ("^block",), None, "link", "wiki", 1),
        LinkRef("target.md", (), None, "link", "wiki", 2),
        LinkRef("folder/target", (), None, "link", "wiki", 2),
        LinkRef("embed", (), None, "embed", "wiki", 2),
        LinkRef("", ("Local",), None, "link", "wiki", 2),
        LinkRef("", ("^blk",), None, "link", "wiki", 2),
    )


def test_markdown_links_are_url_decoded_and_externals_dropped():
    text = (
        "[a](<folder/Note Name.md#Sec%20One>) [b](Note%20Name.md) ![alt](pic.png) ![](Note.md)\n"
        "[e](https://x.org/y.md) [m](mailto:x@y.org) [s](//host/x.md) [f](file:///etc/passwd)\n"
        "[rel](../up/Sib.md) [here](#Heading) [**bold** text](B.md)\n"
    )
    assert parse_text(text).links == (
        LinkRef("folder/Note Name.md", ("Sec One",), "a", "link", "markdown", 1),
        LinkRef("Note Name.md", (), "b", "link", "markdown", 1),
        LinkRef("pic.png", (), "alt", "embed", "markdown", 1),
        LinkRef("Note.md", (), None, "embed", "markdown", 1),
        LinkRef("../up/Sib.md", (), "rel", "link", "markdown", 3),
        LinkRef("", ("Heading",), "here", "link", "markdown", 3),
        LinkRef("B.md", (), "**bold** text", "link", "markdown", 3),
    )


def test_links_that_do_not_count():
    text = (
        "`[[inline code]]` $[[math]]$ %%[[comment]]%% <!-- [[html]] --> [x](<`code`.md>)\n"
        "\n"
        "```\n[[fenced]]\n```\n"
        "\n"
        "    [[indented]]\n"
        "\n"
        "$$\n[[display math]]\n$$\n"
        "\n"
        "%%\n[[block comment]]\n%%\n"
        "\n"
        "<!--\n[[html block]]\n-->\n"
        "last [[Counted]]\n"
    )
    note = parse_text(text)
    assert [l.target for l in note.links] == ["`code`.md", "Counted"]
    assert links(note)[-1] == ("Counted", line_of(text, "[[Counted]]"))


def test_link_lines_in_a_multi_line_paragraph_after_frontmatter():
    text = "---\ntags: [t]\n---\nfirst line\nsecond [[A]] and\nthird [b](B.md) ![[C]]\n![i](D.png) end\n"
    assert links(parse_text(text)) == [("A", 5), ("B.md", 6), ("C", 6), ("D.png", 7)]


def test_link_tag_and_math_lines_in_lists_blockquotes_and_tables():
    text = (
        "intro\n"  # 1
        "\n"
        "- item [[L1]]\n"  # 3
        "- item two\n"  # 4
        "  continued #listtag [[L2]] $l$\n"  # 5
        "  1. nested [[L3]]\n"  # 6
        "\n"
        "> quote\n"  # 8
        "> more [[Q1]] #quotetag\n"  # 9
        "> > nested $q$\n"  # 10
        "> > deeper [[Q2]]\n"  # 11
        "\n"
        "| a | b |\n"  # 13
        "|---|---|\n"  # 14
        "| [[T1\\|shown]] | #tabletag |\n"  # 15
        "| x | [[T2]] $t$ |\n"  # 16
        "\n"
        "lazy\ncontinuation [[Lazy]]\n"  # 18, 19
    )
    note = parse_text(text)
    assert links(note) == [("L1", 3), ("L2", 5), ("L3", 6), ("Q1", 9), ("Q2", 11), ("T1", 15), ("T2", 16), ("Lazy", 19)]
    assert tag_lines(note) == [("listtag", 5), ("quotetag", 9), ("tabletag", 15)]
    assert [(m.tex, m.line) for m in note.math] == [("l", 5), ("q", 10), ("t", 16)]
    for target, line in links(note):
        assert line == line_of(text, target)


def test_links_in_headings_keep_their_lines():
    text = "Title [[S1]]\n=====\n\n## Sub [[S2]]\n\nSetext two\n[[S3]]\n---\n"
    note = parse_text(text)
    assert links(note) == [("S1", 1), ("S2", 4), ("S3", 7)]
    assert note.headings == (Heading(1, "Title [[S1]]", 1), Heading(2, "Sub [[S2]]", 4), Heading(2, "Setext two\n[[S3]]", 6))


def test_crlf_line_endings_count_like_lf():
    text = "---\r\naliases: [q]\r\n---\r\nx\r\n[[A]] #t\r\n"
    note = parse_text(text)
    assert note.aliases == ("q",)
    assert links(note) == [("A", 5)]
    assert tag_lines(note) == [("t", 5)]


# ---------------------------------------------------------------- tags


def test_frontmatter_tags_first_then_body_tags_case_insensitive():
    text = "---\ntags: [Physics, '#quantum']\n---\n#superposition and #PHYSICS\n#Superposition #new #1984 #y1984\n"
    assert parse_text(text).tags == (
        Tag("Physics", 0),
        Tag("quantum", 0),
        Tag("superposition", 4),
        Tag("new", 5),
        Tag("y1984", 5),
    )


def test_tags_not_in_code_math_comments_links_or_urls():
    text = (
        "`#code` $#math$ %%#comment%% <!-- #html --> [[Note#anchor]] [x](Note.md#frag) https://x.org/#frag C# a#b\n"
        "\n```\n#fenced\n```\n\n    #indented\n\n$$\n#display\n$$\n\n%%\n#blockcomment\n%%\n\n# Heading\n"
    )
    note = parse_text(text)
    assert note.tags == ()
    assert note.headings == (Heading(1, "Heading", 17),)


def test_nested_tag_is_kept_whole_on_the_note():
    assert tag_lines(parse_text("#physics/quantum #physics")) == [("physics/quantum", 1), ("physics", 1)]


# ---------------------------------------------------------------- headings, block ids, code


def test_headings_block_ids_and_code_blocks():
    text = (
        "---\ntitle: x\n---\n"  # 1-3
        "# One\n"  # 4
        "Para ^para-id\n"  # 5
        "\n"
        "### Three ###\n"  # 7
        "- item ^item1\n"  # 8
        "\n"
        "^alone\n"  # 10
        "\n"
        "```python derivation\n"  # 12
        "x = 1  # [[not a link]]\n"  # 13
        "```\n"  # 14
        "\n"
        "~~~\n"  # 16
        "unclosed\n"  # 17
    )
    note = parse_text(text)
    assert note.headings == (Heading(1, "One", 4), Heading(3, "Three", 7))
    assert note.block_ids == ("para-id", "item1", "alone")
    assert note.code_blocks == (
        CodeBlock("python derivation", "x = 1  # [[not a link]]\n", 12, 14),
        CodeBlock("", "unclosed\n", 16, 17),
    )
    assert note.links == ()
    assert note.properties == {"title": "x"}


# ---------------------------------------------------------------- math


def test_display_math_annotation_on_the_same_line():
    note = parse_text("intro\n\n$$\na = b\n$$ %% verify %%\n")
    assert note.math == (Math("a = b", True, 3, 5, "verify"),)


def test_display_math_annotation_on_the_next_line():
    note = parse_text("$$\na = b\n$$\n%% verify next %%\n")
    assert note.math == (Math("a = b", True, 1, 3, "verify next"),)


def test_one_line_display_math_annotations():
    assert parse_text("$$a=b$$ %% same %%\n").math == (Math("a=b", True, 1, 1, "same"),)
    assert parse_text("$$a=b$$\n%% next %%\n").math == (Math("a=b", True, 1, 1, "next"),)


def test_annotation_after_a_blank_line_does_not_belong_to_the_formula():
    assert parse_text("$$\na = b\n$$\n\n%% far %%\n").math == (Math("a = b", True, 1, 3, None),)


def test_display_math_inside_a_paragraph_with_annotation():
    text = "Text\nmore $x$ and\n$$y=z$$ %% v %%\n"
    assert parse_text(text).math == (Math("x", False, 2, 2, None), Math("y=z", True, 3, 3, "v"))


def test_display_math_annotations_in_blockquote_and_list():
    assert parse_text("> $$\n> a=b\n> $$ %% quoted %%\n").math == (Math("a=b", True, 1, 3, "quoted"),)
    assert parse_text("- $$\n  a=b\n  $$ %% listed %%\n").math == (Math("a=b", True, 1, 3, "listed"),)


def test_display_math_may_span_blank_lines():
    assert parse_text("$$\na\n\nb\n$$\n[[After]]").math == (Math("a\n\nb", True, 1, 5, None),)


def test_each_display_formula_gets_only_its_own_annotation():
    text = "$$\na\n$$ %% first %%\n\n$$\nb\n$$\n\n$$\nc\n$$\n%% third %%\n"
    assert [(m.tex, m.line, m.end_line, m.annotation) for m in parse_text(text).math] == [
        ("a", 1, 3, "first"),
        ("b", 5, 7, None),
        ("c", 9, 11, "third"),
    ]


def test_inline_math_spanning_lines():
    note = parse_text("a $x +\ny$ b")
    assert note.math == (Math("x +\ny", False, 1, 2, None),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The energy is\n$$\nE = mc^2\n$$\n%% verify %%\n", Math("E = mc^2", True, 2, 4, "verify")),
        ("- item\n  $$\n  E = mc^2\n  $$\n  %% verify %%\n", Math("E = mc^2", True, 2, 4, "verify")),
        ("Text $$a=b$$\n%% verify %%\n", Math("a=b", True, 1, 1, "verify")),
    ],
)
def test_display_math_after_text_keeps_an_annotation_on_the_next_line(text, expected):
    assert parse_text(text).math == (expected,)


def test_display_math_after_text_keeps_an_annotation_on_the_same_line():
    note = parse_text("The energy is\n$$\nE = mc^2\n$$ %% verify %%\n")
    assert note.math == (Math("E = mc^2", True, 2, 4, "verify"),)


# ---------------------------------------------------------------- frontmatter in notes


@pytest.mark.parametrize(
    ("frontmatter", "line"),
    [
        ('title: "{{title}}"\nbad: {{title}}', 3),
        ("aliases: [a]\ntags:\n\t- x", 4),
        ("title: x\ncreated: {{date}}", 3),
    ],
)
def test_invalid_yaml_diagnostic_and_body_still_parsed(frontmatter, line):
    text = f"---\n{frontmatter}\n---\n# Body\nSee [[Linked]] #bodytag\n"
    note = parse_text(text)
    assert [(d.path, d.line, d.kind) for d in note.diagnostics] == [("note.md", line, "invalid-yaml")]
    assert note.aliases == ()
    assert note.properties == {}
    assert links(note) == [("Linked", line_of(text, "[[Linked]]"))]
    assert tag_lines(note) == [("bodytag", line_of(text, "#bodytag"))]
    assert note.headings == (Heading(1, "Body", line_of(text, "# Body")),)


def test_frontmatter_values_reach_the_note():
    text = "---\nAliases: Quantum Mechanics, QM\nTAGS: '#physics'\ncreated: 2024-05-01\n---\nbody\n"
    note = parse_text(text)
    assert note.aliases == ("Quantum Mechanics", "QM")
    assert note.tags == (Tag("physics", 0),)
    assert note.properties == {"created": "2024-05-01"}
    assert note.diagnostics == ()


def test_unclosed_frontmatter_is_body_text():
    note = parse_text("---\ntitle: x\n\n# Heading [[A]]\n")
    assert note.properties == {}
    assert links(note) == [("A", 4)]


# ---------------------------------------------------------------- hostile input


# Each input is large enough that a quadratic stage would take minutes; the tests assert what is read,
# never how long it took (bench/ measures that), so a busy machine cannot fail them.


def test_200000_open_brackets_parse():
    note = parse_text("[[" * 100_000)
    assert note.links == ()


def test_open_brackets_with_one_close_parse():
    note = parse_text("[[a" * 10_000 + "]]")
    assert [l.target for l in note.links] == ["a"]


def test_deeply_nested_blockquotes_parse():
    note = parse_text(">" * 100_000 + " x [[A]]\n")
    assert note.id == "note"
    staircase = parse_text("".join(">" * i + " line\n" for i in range(1, 500)) + "\n[[After]]\n")
    assert links(staircase) == [("After", 501)]


def test_shallow_blockquote_nesting_keeps_its_link():
    assert links(parse_text(">" * 15 + " x [[A]] #deep\n")) == [("A", 1)]


def test_many_tags_dollars_and_comment_markers_parse():
    assert len(parse_text("#a " * 10_000).tags) == 1
    for text in ("$" * 20_000, "%% " * 10_000, "`" * 20_000, "<" * 20_000, "![[" * 5_000):
        note = parse_text(text)
        assert note.links == () and note.tags == (), text[:10]


def test_control_characters_and_nul_do_not_crash():
    note = parse_text("a\x00b [[x\x01y]] #t\x02 \x1b[31m\n")
    assert [l.target for l in note.links] == ["x\x01y"]
    assert tag_lines(note) == [("t", 1)]


def test_ten_level_outline_keeps_its_links_and_the_rest_of_the_note():
    outline = "".join("  " * depth + f"- level {depth + 1}\n" for depth in range(9)) + "  " * 9 + "- [[Deep]]\n"
    text = outline + "\nAfter the outline [[After]] #after\n\n# Heading\n"
    note = parse_text(text)
    assert links(note) == [("Deep", 10), ("After", 12)]
    assert tag_lines(note) == [("after", 12)]
    assert note.headings == (Heading(1, "Heading", 14),)


def test_nine_level_outline_keeps_its_links():
    outline = "".join("  " * depth + f"- level {depth + 1}\n" for depth in range(8)) + "  " * 8 + "- [[Deep]]\n"
    assert links(parse_text(outline + "\n[[After]]\n")) == [("Deep", 9), ("After", 11)]
