"""vaultkit.markdown: the markdown-it plugins, tested on the tokens they emit (real markdown-it)."""

from __future__ import annotations

import pytest

from vaultkit.markdown import obsidian_markdown
from vaultkit.markdown.comments import HIDDEN, Comment
from vaultkit.markdown.tags import is_tag_char, scan_tag
from vaultkit.markdown.wikilinks import split_wikilink


def tokens(text: str):
    return obsidian_markdown().parse(text)


def children(text: str, kind: str) -> list:
    """All inline children of one type, in document order."""
    found = []
    for token in tokens(text):
        if token.type == "inline":
            found.extend(c for c in token.children if c.type == kind)
    return found


def wikilinks(text: str) -> list[tuple]:
    return [(c.meta["target"], c.meta["anchors"], c.meta["display"], c.meta["embed"]) for c in children(text, "wikilink")]


def tags(text: str) -> list[str]:
    return [c.content for c in children(text, "tag")]


def block_types(text: str) -> list[str]:
    return [t.type for t in tokens(text)]


# ---------------------------------------------------------------- configuration


def test_parser_is_cached_and_rendering_parser_is_separate():
    assert obsidian_markdown() is obsidian_markdown()
    assert obsidian_markdown(for_rendering=True) is not obsidian_markdown()


def test_rendering_hides_comments_and_block_ids():
    html = obsidian_markdown(for_rendering=True).render("[[A|b]] #t %%hidden%% ![[E]] x ^id")
    assert html == '<p><a class="wikilink">b</a> <span class="tag">#t</span>  <a class="wikilink">E</a> x </p>\n'


def test_rendering_escapes_hostile_link_text():
    html = obsidian_markdown(for_rendering=True).render("[[<script>alert(1)</script>]]")
    assert html == '<p><a class="wikilink">&lt;script&gt;alert(1)&lt;/script&gt;</a></p>\n'


# ---------------------------------------------------------------- wikilinks


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("target", ("target", (), None)),
        ("target|display", ("target", (), "display")),
        ("target#Heading", ("target", ("Heading",), None)),
        ("target#H1#H2", ("target", ("H1", "H2"), None)),
        ("target#^block", ("target", ("^block",), None)),
        ("folder/target.md", ("folder/target.md", (), None)),
        ("#Heading", ("", ("Heading",), None)),
        ("#^blk", ("", ("^blk",), None)),
        ("target\\|display", ("target", (), "display")),
        ("t#H\\|shown", ("t", ("H",), "shown")),
        (" spaced | shown ", ("spaced", (), "shown")),
        ("a|b|c", ("a", (), "b|c")),
        ("a|b#c", ("a", (), "b#c")),
        ("a|  ", ("a", (), None)),
        ("a##b#", ("a", ("b",), None)),
    ],
)
def test_split_wikilink(inner, expected):
    assert split_wikilink(inner) == expected


def test_wikilink_tokens_carry_parts_and_offsets():
    text = "a [[T#H|d]] ![[E]] [[#Local]]"
    found = children(text, "wikilink")
    assert [(c.meta["target"], c.meta["anchors"], c.meta["display"], c.meta["embed"], c.meta["offset"]) for c in found] == [
        ("T", ("H",), "d", False, 2),
        ("E", (), None, True, 12),
        ("", ("Local",), None, False, 19),
    ]
    assert [c.markup for c in found] == ["[[", "![[", "[["]


@pytest.mark.parametrize(
    "text",
    [
        "[[ ]]",
        "[[]]",
        "[[a\nb]]",
        "[[a]b]]",
        "[[unclosed",
        "`[[code]]`",
        "    [[indented code]]",
        "```\n[[fenced]]\n```",
        "$[[math]]$",
        "%%[[comment]]%%",
        "<!-- [[html comment]] -->",
        "x <!-- [[inline html comment]] --> y",
    ],
)
def test_not_wikilinks(text):
    assert wikilinks(text) == []


def test_wikilink_with_escaped_pipe_inside_a_table():
    text = "| a | b |\n|---|---|\n| [[Target\\|shown]] | ![[Pic.png\\|100]] |\n"
    assert wikilinks(text) == [("Target", (), "shown", False), ("Pic.png", (), "100", True)]


def test_nested_brackets_are_scanned_linearly_and_find_the_last_link():
    assert wikilinks("[[[[[[x]]") == [("x", (), None, False)]
    assert wikilinks("[[a]] [[b]]") == [("a", (), None, False), ("b", (), None, False)]


# ---------------------------------------------------------------- tags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#tag", ["tag"]),
        ("x #tag y", ["tag"]),
        ("C# a#b https://x.org/#frag", []),
        ("#1984 #y1984 #1984a #2024/05", ["y1984", "1984a"]),
        ("#a, #b. #c: #d; #e! #f? #g) #h] #i\" #j'", ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]),
        ("(#paren) [#bracket] \"#quote\"", []),
        ("#physics/quantum #a/b/c", ["physics/quantum", "a/b/c"]),
        ("#tag-with_under #trailing/", ["tag-with_under", "trailing"]),
        ("#emoji🚀 #🚀 #👍🏽 #❤️", ["emoji🚀", "🚀", "👍🏽", "❤️"]),
        ("#Ünïcode #日本語 #café", ["Ünïcode", "日本語", "café"]),
        ("x\t#tab", ["tab"]),
        ("line one\n#second", ["second"]),
        ("#a.b #c:d", ["a", "c"]),
        ("# / #", []),
        ("`#code` $#math$ %%#comment%% <!-- #html --> [[Note#notatag]] [x](u.md#frag)", []),
    ],
)
def test_tag_tokens(text, expected):
    assert tags(text) == expected


def test_heading_marker_is_not_a_tag_but_a_tag_in_a_heading_is():
    assert block_types("# Heading")[:1] == ["heading_open"]
    assert tags("# Heading") == []
    assert tags("## Section #intag") == ["intag"]
    assert tags("#notheading") == ["notheading"]
    assert block_types("#notheading")[:1] == ["paragraph_open"]


def test_tags_not_in_code_blocks():
    assert tags("```\n#fenced\n```\n\n    #indented\n") == []


def test_tag_token_offset():
    (tag,) = children("ab #tag", "tag")
    assert tag.meta == {"offset": 3}
    assert tag.markup == "#"


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("#tag rest", 0, "tag"),
        ("#1984", 0, None),
        ("#y1984", 0, "y1984"),
        ("#/", 0, None),
        ("#//1", 0, None),
        ("#a/", 0, "a"),
        ("#", 0, None),
        ("x #abc.", 2, "abc"),
    ],
)
def test_scan_tag(text, start, expected):
    assert scan_tag(text, start) == expected


def test_is_tag_char():
    for ch in "aZ09_-/éß日🚀\u200d\ufe0f":
        assert is_tag_char(ch), ch
    for ch in " \t,.:;!?()[]\"'#$%&*+=<>@^`{|}~\\":
        assert not is_tag_char(ch), ch


# ---------------------------------------------------------------- comments


def comments(text: str) -> list[Comment]:
    env: dict = {}
    obsidian_markdown().parse(text, env)
    return env.get("comments", [])


def test_inline_comment_keeps_its_text_and_place():
    assert comments("a %% note [[X]] #t %% b [[Y]]") == [Comment(" note [[X]] #t ", 1, 2, 1)]
    assert wikilinks("a %% note [[X]] #t %% b [[Y]]") == [("Y", (), None, False)]


def test_comment_is_hidden_character_for_character():
    """Offsets and lines after a comment stay true: the comment is blanked, not cut."""
    toks = tokens("a %% x %% b [[Y]]")
    assert toks[1].content == "a " + HIDDEN * 7 + " b [[Y]]"
    assert [c.meta["offset"] for c in toks[1].children if c.type == "wikilink"] == [12]


def test_block_comment_covers_its_lines():
    text = "%%\nhidden [[X]] #h\n%%\nafter [[Y]]\n"
    assert comments(text) == [Comment("\nhidden [[X]] #h\n", 1, 0, 3)]
    assert wikilinks(text) == [("Y", (), None, False)]
    assert tags(text) == []


def test_unclosed_block_comment_hides_the_rest_of_the_note():
    text = "visible [[A]]\n\n%% never closed\n\n[[X]] #x\n\n# Heading\n"
    assert wikilinks(text) == [("A", (), None, False)]
    assert "heading_open" not in block_types(text)


def test_comment_opening_mid_paragraph_across_lines():
    text = "Intro [[A]] %% inline\ncomment [[X]] %% rest [[B]]\n\n[[After]]\n"
    assert wikilinks(text) == [("A", (), None, False), ("B", (), None, False), ("After", (), None, False)]


def test_closed_comment_with_text_after_its_close_hides_nothing_after_it():
    text = "%%\ndraft [[X]]\n%% visible [[V]]\n\n# Heading\n[[After]] #tag\n"
    assert wikilinks(text) == [("V", (), None, False), ("After", (), None, False)]
    assert tags(text) == ["tag"]
    assert "heading_open" in block_types(text)


def test_comment_interrupts_a_paragraph():
    text = "para [[A]]\n%% c [[X]] %%\nmore [[B]]\n"
    assert wikilinks(text) == [("A", (), None, False), ("B", (), None, False)]


def test_comment_in_code_opens_nothing():
    text = "```\n%%\n```\n[[After]]\n\n`%%` [[Also]]\n"
    assert wikilinks(text) == [("After", (), None, False), ("Also", (), None, False)]


@pytest.mark.parametrize(
    "text",
    [
        "%% start\n\n[[Hidden]] #hidden\n\nend %% visible [[V]]\n",
        "text %% start\n\n[[Hidden]] #hidden\n\nend %% [[V]]\n",
    ],
)
def test_comment_spanning_a_blank_line_with_text_after_it_hides_everything_inside(text):
    assert wikilinks(text) == [("V", (), None, False)]
    assert tags(text) == []


# ---------------------------------------------------------------- math


def test_inline_and_double_dollar_math_tokens():
    text = "a $x^2$ b $$y$$ c"
    assert [(c.type, c.content, c.meta["offset"]) for c in children(text, "math_inline")] == [("math_inline", "x^2", 2)]
    assert [(c.content, c.meta["offset"]) for c in children(text, "math_inline_double")] == [("y", 10)]


@pytest.mark.parametrize("text", ["costs $5 and $6", "$ x$", "$x $", "\\$x\\$"])
def test_not_math(text):
    assert children(text, "math_inline") == []


def test_display_math_block_with_annotation_on_the_closing_line():
    text = "$$\na = b\n$$ %% verify %%\nafter\n"
    toks = tokens(text)
    assert [(t.type, t.map, t.content) for t in toks[:1]] == [("math_block", [0, 3], "\na = b\n")]
    assert toks[1].type == "paragraph_open" and toks[1].map == [3, 4]
    assert comments(text) == [Comment(" verify ", 3, 3, 3)]


def test_display_math_annotation_does_not_swallow_the_next_formula():
    text = "$$\na\n$$ %% verify %%\n\n$$\nb\n$$\n"
    assert [(t.type, t.map, t.content) for t in tokens(text)] == [
        ("math_block", [0, 3], "\na\n"),
        ("math_block", [4, 7], "\nb\n"),
    ]
    assert comments(text) == [Comment(" verify ", 3, 3, 3)]


def test_display_math_in_a_blockquote_strips_the_markers():
    toks = tokens("> $$\n> a = b\n> $$ %% q %%\n")
    math = [t for t in toks if t.type == "math_block"]
    assert [(t.content, t.map) for t in math] == [("\na = b\n", [0, 3])]


def test_display_math_with_text_after_is_a_paragraph():
    toks = tokens("$$\na\n$$ trailing text\n")
    assert toks[0].type == "paragraph_open"
    assert [c.content for c in children("$$\na\n$$ trailing text\n", "math_inline_double")] == ["\na\n"]


def test_display_math_closed_by_a_line_with_a_label_after_it():
    # MyST: `$$` … `$$(label)`. The `$$(label)` line closes the formula the
    # paragraph opened; it starts no new formula that runs on into the prose.
    text = "$$\na = b\n$$(eq1)\n\nWe see [[Note]].\n\n$$\nc\n$$(eq2)\n"
    assert [c.content for c in children(text, "math_inline_double")] == ["\na = b\n", "\nc\n"]
    assert "math_block" not in block_types(text)
    assert [w[0] for w in wikilinks(text)] == ["Note"]


def test_display_math_after_text_with_closed_inline_math_still_starts():
    text = "see $$a$$ here\n$$\nb\n$$\n"
    assert [t.content for t in tokens(text) if t.type == "math_block"] == ["\nb\n"]


def test_links_and_tags_inside_display_math_do_not_count():
    text = "$$\n[[X]] #t\n$$\n"
    assert wikilinks(text) == [] and tags(text) == []


def test_empty_display_math_is_not_math():
    assert "math_block" not in block_types("$$\n\n$$\n")


# ---------------------------------------------------------------- block ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Para ^para-id", ["para-id"]),
        ("^alone", ["alone"]),
        ("text ^ok-1  ", ["ok-1"]),
        ("a ^id b", []),
        ("x^notid", []),
        ("text ^under_score", []),
        ("- item ^item1\n- other", ["item1"]),
    ],
)
def test_block_ids(text, expected):
    assert [c.content for c in children(text, "block_id")] == expected


# ---------------------------------------------------------------- offsets of built-in rules


def test_markdown_links_and_images_get_offsets():
    text = "ab [l](u.md) ![i](p.png)"
    assert [c.meta for c in children(text, "link_open")] == [{"offset": 3}]
    assert [c.meta for c in children(text, "image")] == [{"offset": 13}]


def test_offsets_are_recorded_after_pending_text_across_lines():
    text = "first line\nsecond [link](a.md) and $m$"
    (link,) = children(text, "link_open")
    (math,) = children(text, "math_inline")
    assert link.meta["offset"] == text.index("[link]")
    assert math.meta["offset"] == text.index("$m$")
