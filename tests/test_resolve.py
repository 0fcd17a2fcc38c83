"""Stage 3, vaultkit.resolve: link targets → note, attachment or ghost, in the spec's order."""

from __future__ import annotations

import pytest

from vaultkit.model import LinkRef, Note, Severity
from vaultkit.resolve import NameIndex, Resolution, normalize, resolve_links, resolve_target


def note(ident: str, *links: LinkRef, aliases: tuple[str, ...] = ()) -> Note:
    return Note(id=ident, path=ident + ".md", title=ident.rsplit("/", 1)[-1], aliases=aliases, links=links)


def wiki(target: str, line: int = 1, anchors: tuple[str, ...] = (), kind: str = "link") -> LinkRef:
    return LinkRef(target, anchors, None, kind, "wiki", line)  # type: ignore[arg-type]


def md(target: str, line: int = 1) -> LinkRef:
    return LinkRef(target, (), None, "link", "markdown", line)


def index(*notes: Note, attachments: tuple[str, ...] = ()) -> NameIndex:
    return NameIndex.build(notes, attachments)


def target_of(idx: NameIndex, target: str, folder: str = "", **options) -> str | None:
    return resolve_target(idx, target, folder, **options).target


def diags(resolved) -> list[tuple]:
    return [(d.path, d.line, d.kind, d.severity) for d in resolved.diagnostics]


# ---------------------------------------------------------------- step 1: normalising


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Quantum Mechanics", "quantum mechanics"),
        ("  Spaced  ", "spaced"),
        ("Note.md", "note"),
        ("Note.MD", "note"),
        ("Note .md", "note"),
        ("/Top", "top"),
        ("Cafe\u0301", "caf\u00e9"),
        ("Folder/Sub Note.md", "folder/sub note"),
    ],
)
def test_normalize(name, key):
    assert normalize(name) == key


@pytest.mark.parametrize("written", ["Quantum mechanics", "quantum MECHANICS", " Quantum mechanics ", "Quantum mechanics.md", "QUANTUM MECHANICS.MD"])
def test_name_comparison_ignores_case_md_and_spaces(written):
    idx = index(note("physics/Quantum mechanics"))
    assert target_of(idx, written) == "physics/Quantum mechanics"


def test_unicode_is_normalised_both_ways():
    nfd_note = index(note("Cafe\u0301"))
    nfc_note = index(note("Caf\u00e9"))
    assert target_of(nfd_note, "Caf\u00e9") == "Cafe\u0301"
    assert target_of(nfc_note, "Cafe\u0301") == "Caf\u00e9"


# ---------------------------------------------------------------- step 2: paths


def test_path_exact_and_suffix():
    idx = index(note("x/y/Deep"), note("other/Deep"), note("xb/y/Thing"), note("b/y/Thing"))
    assert resolve_target(idx, "x/y/Deep", "") == Resolution("x/y/Deep")
    assert resolve_target(idx, "y/Deep", "") == Resolution("x/y/Deep")
    assert resolve_target(idx, "Y/DEEP.md", "") == Resolution("x/y/Deep")
    assert resolve_target(idx, "other/Deep", "x/y") == Resolution("other/Deep")
    # suffixes are /-aligned: "b/y/Thing" is not a suffix match for "xb/y/Thing"
    assert resolve_target(idx, "b/y/Thing", "") == Resolution("b/y/Thing")


def test_path_suffix_matching_several_notes_is_ambiguous():
    idx = index(note("one/shared/Leaf"), note("two/shared/Leaf"))
    assert resolve_target(idx, "shared/Leaf", "two/shared") == Resolution(
        "two/shared/Leaf", candidates=("one/shared/Leaf", "two/shared/Leaf")
    )


def test_path_that_matches_nothing_goes_on_to_aliases():
    idx = index(note("Target", aliases=("Odd/Alias",)))
    assert resolve_target(idx, "odd/alias", "") == Resolution("Target", via_alias=True)


def test_path_beats_name():
    idx = index(note("Leaf"), note("deep/folder/Leaf"))
    assert target_of(idx, "folder/Leaf") == "deep/folder/Leaf"
    assert target_of(idx, "Leaf", "elsewhere") == "Leaf"


# ---------------------------------------------------------------- step 3: file names


def test_one_file_name_match():
    idx = index(note("a/b/Only"))
    assert resolve_target(idx, "Only", "z") == Resolution("a/b/Only")


def test_duplicate_names_prefer_the_linking_notes_folder():
    idx = index(note("Dup"), note("b/c/Dup"), note("zz/Dup"))
    found = resolve_target(idx, "Dup", "b/c")
    assert found.target == "b/c/Dup"
    assert found.candidates == ("Dup", "zz/Dup", "b/c/Dup")


def test_duplicate_names_fall_back_to_shortest_then_alphabetical():
    idx = index(note("long/folder/Dup"), note("bb/Dup"), note("aa/Dup"))
    assert target_of(idx, "Dup", "elsewhere") == "aa/Dup"  # aa/Dup and bb/Dup are equally short
    idx = index(note("long/folder/Dup"), note("zzzz/Dup"))
    assert target_of(idx, "Dup", "") == "zzzz/Dup"


def test_ambiguous_link_is_reported_on_the_linking_note():
    notes = [note("x/Dup"), note("y/Dup"), note("src/Linker", wiki("Dup", 7))]
    resolved = resolve_links(notes, index(*notes))
    (link,) = resolved.links
    assert (link.source, link.target, link.exists, link.ambiguous, link.via_alias) == ("src/Linker", "x/Dup", True, True, False)
    assert diags(resolved) == [("src/Linker.md", 7, "ambiguous-link", Severity.WARNING)]
    assert "x/Dup, y/Dup" in resolved.diagnostics[0].message


def test_same_target_from_different_folders_is_not_cached_across_folders():
    notes = [note("x/Dup", wiki("Dup")), note("y/Dup", wiki("Dup")), note("y/Other", wiki("Dup"))]
    resolved = resolve_links(notes, index(*notes))
    assert [(l.source, l.target) for l in resolved.links] == [("x/Dup", "x/Dup"), ("y/Dup", "y/Dup"), ("y/Other", "y/Dup")]


# ---------------------------------------------------------------- step 4: aliases


def test_alias_resolves_when_no_file_name_matches():
    notes = [note("physics/Quantum mechanics", aliases=("QM",)), note("Linker", wiki("qm", 3))]
    resolved = resolve_links(notes, index(*notes))
    (link,) = resolved.links
    assert (link.target, link.exists, link.via_alias) == ("physics/Quantum mechanics", True, True)
    assert diags(resolved) == [("Linker.md", 3, "alias-link", Severity.INFO)]


def test_file_name_beats_alias():
    idx = index(note("Real QM"), note("Other", aliases=("Real QM",)))
    assert resolve_target(idx, "real qm", "") == Resolution("Real QM")


def test_alias_links_off_restores_obsidian_behaviour():
    notes = [note("Quantum", aliases=("QM",)), note("Linker", wiki("QM", 2))]
    resolved = resolve_links(notes, index(*notes), alias_links=False)
    (link,) = resolved.links
    assert (link.target, link.exists, link.via_alias) == ("QM", False, False)
    assert diags(resolved) == [("Linker.md", 2, "unresolved-link", Severity.INFO)]


def test_alias_claimed_by_two_notes_is_unresolved_and_reported():
    notes = [
        note("A", aliases=("Shared",)),
        note("sub/B", aliases=("shared", "Own")),
        note("Linker", wiki("SHARED", 4)),
    ]
    resolved = resolve_links(notes, index(*notes))
    (link,) = resolved.links
    assert (link.target, link.exists) == ("SHARED", False)
    assert diags(resolved) == [
        ("A.md", 1, "alias-conflict", Severity.WARNING),
        ("sub/B.md", 1, "alias-conflict", Severity.WARNING),
        ("Linker.md", 4, "unresolved-link", Severity.WARNING),
    ]
    assert "'Shared' is also claimed by sub/B" in resolved.diagnostics[0].message


def test_one_note_repeating_an_alias_is_no_conflict():
    notes = [note("A", aliases=("Same", "same")), note("L", wiki("same"))]
    resolved = resolve_links(notes, index(*notes))
    assert [(l.target, l.via_alias) for l in resolved.links] == [("A", True)]
    assert [d.kind for d in resolved.diagnostics] == ["alias-link"]


# ---------------------------------------------------------------- step 5: ghosts


def test_unresolved_links_become_ghosts_named_as_first_written():
    notes = [
        note("A", wiki("Missing Note", 1), wiki("missing note.md", 2), wiki(" MISSING NOTE ", 3), wiki("x/Ghost", 4)),
        note("B", wiki("missing NOTE", 5)),
    ]
    resolved = resolve_links(notes, index(*notes))
    assert [(l.source, l.target, l.exists, l.ref.line) for l in resolved.links] == [
        ("A", "Missing Note", False, 1),
        ("A", "Missing Note", False, 2),
        ("A", "Missing Note", False, 3),
        ("A", "x/Ghost", False, 4),
        ("B", "Missing Note", False, 5),
    ]
    assert diags(resolved) == [
        ("A.md", 1, "unresolved-link", Severity.INFO),
        ("A.md", 2, "unresolved-link", Severity.INFO),
        ("A.md", 3, "unresolved-link", Severity.INFO),
        ("A.md", 4, "unresolved-link", Severity.INFO),
        ("B.md", 5, "unresolved-link", Severity.INFO),
    ]
    assert resolved.diagnostics[0].message == "[[Missing Note]] matches no note; shown as an unresolved link"


def test_ghost_id_drops_md_and_is_nfc():
    notes = [note("A", wiki("Gone.md"), wiki("Cafe\u0301 ghost"))]
    resolved = resolve_links(notes, index(*notes))
    assert [l.target for l in resolved.links] == ["Gone", "Caf\u00e9 ghost"]


@pytest.mark.parametrize("target", ["../../etc/passwd", "../Outside", "/../x", "..", "a/../../b"])
def test_wikilinks_never_leave_the_vault(target):
    notes = [note("sub/A", wiki(target)), note("etc/passwd"), note("Outside"), note("b")]
    idx = index(*notes)
    resolved = resolve_links(notes, idx)
    (link,) = resolved.links
    assert link.exists is False


def test_same_note_anchor_links_make_no_edge():
    notes = [note("A", wiki("", anchors=("Heading",)), wiki("", anchors=("^blk",)))]
    resolved = resolve_links(notes, index(*notes))
    assert resolved.links == ()
    assert resolved.diagnostics == ()


def test_link_to_itself_is_an_ordinary_link():
    notes = [note("plugins/Backlinks", wiki("plugins/Backlinks"), wiki("Backlinks"))]
    resolved = resolve_links(notes, index(*notes))
    assert [(l.source, l.target, l.exists) for l in resolved.links] == [("plugins/Backlinks", "plugins/Backlinks", True)] * 2


# ---------------------------------------------------------------- markdown links: relative paths


def test_markdown_relative_paths_are_tried_from_the_linking_folder_first():
    notes = [
        note("Root"),
        note("x/Root"),
        note("x/Sibling"),
        note("x/y/Linker", md("../Root.md"), md("./Child.md"), md("../../Root.md"), md("./Root.md"), md("Root.md")),
        note("x/y/Child"),
    ]
    resolved = resolve_links(notes, index(*notes))
    assert [(l.target, l.exists, l.ambiguous) for l in resolved.links] == [
        ("x/Root", True, False),  # ../Root.md from x/y
        ("x/y/Child", True, False),  # ./Child.md
        ("Root", True, False),  # ../../Root.md reaches the vault root
        ("Root", True, True),  # ./Root.md: no x/y/Root, so resolved by name, shortest path
        ("Root", True, True),  # plain name, like a wikilink
    ]


def test_markdown_relative_path_escaping_the_vault_is_unresolved():
    notes = [note("Secret"), note("sub/A", md("../../Secret.md"), md("../../../etc/passwd"))]
    resolved = resolve_links(notes, index(*notes))
    assert [(l.target, l.exists) for l in resolved.links] == [("../../Secret", False), ("../../../etc/passwd", False)]


def test_wikilinks_are_not_relative():
    notes = [note("Root"), note("x/Root"), note("x/y/L", wiki("../Root"))]
    resolved = resolve_links(notes, index(*notes))
    assert [(l.target, l.exists) for l in resolved.links] == [("../Root", False)]


# ---------------------------------------------------------------- attachments


def test_attachment_links_are_dropped_by_default_and_kept_on_request():
    notes = [note("n/A", wiki("pic.png", kind="embed"), md("docs/paper.pdf"), wiki("missing.png"))]
    idx = index(*notes, attachments=("n/pic.png", "docs/paper.pdf"))
    default = resolve_links(notes, idx)
    assert [(l.target, l.exists, l.attachment) for l in default.links] == [("missing.png", False, False)]
    wanted = resolve_links(notes, idx, attachments=True)
    assert [(l.target, l.exists, l.attachment) for l in wanted.links] == [
        ("n/pic.png", True, True),
        ("docs/paper.pdf", True, True),
        ("missing.png", False, False),
    ]


def test_attachment_by_path_and_name():
    idx = index(attachments=("img/a/pic.png", "img/b/pic.png", "Doc.PDF"))
    assert resolve_target(idx, "img/a/pic.png", "") == Resolution("img/a/pic.png", attachment=True)
    assert resolve_target(idx, "b/pic.png", "") == Resolution("img/b/pic.png", attachment=True)
    assert resolve_target(idx, "doc.pdf", "") == Resolution("Doc.PDF", attachment=True)
    assert resolve_target(idx, "pic.png", "img/b") == Resolution(
        "img/b/pic.png", candidates=("img/a/pic.png", "img/b/pic.png"), attachment=True
    )


def test_note_with_a_dot_in_its_name_still_resolves():
    idx = index(note("v1.2 release"), attachments=("v1.2 release.pdf",))
    assert resolve_target(idx, "v1.2 release", "") == Resolution("v1.2 release")


def test_attachment_name_prefers_the_linking_notes_folder_like_notes_do():
    idx = index(attachments=("pic.png", "img/pic.png"))
    found = resolve_target(idx, "pic.png", "img")
    assert found.target == "img/pic.png"
    assert len(found.candidates) == 2


def test_degenerate_targets_do_not_make_an_empty_ghost():
    notes = [note("A", wiki(".md", 1), wiki("/", 2))]
    resolved = resolve_links(notes, index(*notes))
    assert "" not in [l.target for l in resolved.links]
