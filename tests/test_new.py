"""vaultkit.new: titles, folders, templates, placeholders, and the one write into a vault."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from conftest import tree_snapshot, write_vault

import vaultkit
from vaultkit.new import (
    NewNoteError,
    check_folder,
    check_title,
    create_note,
    fill_template,
    find_template,
    moment_format,
)

NOW = dt.datetime(2024, 5, 1, 9, 7, 3)


# ---------------------------------------------------------------- titles and folders


@pytest.mark.parametrize(
    ("given", "kept"),
    [("Quantum mechanics", "Quantum mechanics"), ("  padded  ", "padded"), ("Cafe\u0301", "Caf\u00e9"), ("Ünïcode — ok!", "Ünïcode — ok!")],
)
def test_check_title_accepts(given, kept):
    assert check_title(given) == kept


@pytest.mark.parametrize("bad", list('*"\\/<>:|?#^[]'))
def test_check_title_rejects_forbidden_characters(bad):
    with pytest.raises(NewNoteError, match="cannot contain"):
        check_title(f"a{bad}b")


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("line\nbreak", "cannot contain"),
        ("tab\there", "cannot contain"),
        ("nul\x00", "cannot contain"),
        (".hidden", "cannot start with '.'"),
        ("../../etc/passwd", "cannot contain"),
        ("<script>alert(1)</script>", "cannot contain"),
        ("x" * 201, "too long"),
        ("é" * 101, "too long"),
    ],
)
def test_check_title_rejects(title, message):
    with pytest.raises(NewNoteError, match=message):
        check_title(title)


def test_check_title_length_limit_is_in_bytes():
    assert check_title("x" * 200) == "x" * 200
    assert check_title("é" * 100) == "é" * 100


@pytest.mark.parametrize(("given", "parts"), [("a", ("a",)), ("a/b", ("a", "b")), ("a\\b", ("a", "b")), ("./a//b/", ("a", "b"))])
def test_check_folder_accepts(given, parts):
    assert check_folder(given).parts == parts


@pytest.mark.parametrize("bad", ["/abs", "..", "a/../b", "../out", ".obsidian", "a/.hidden", "\\abs"])
def test_check_folder_rejects(bad):
    with pytest.raises(NewNoteError, match="plain path inside the vault"):
        check_folder(bad)


# ---------------------------------------------------------------- placeholders


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("YYYY-MM-DD", "2024-05-01"),
        ("YY/M/D", "24/5/1"),
        ("HH:mm:ss", "09:07:03"),
        ("H:m:s", "9:7:3"),
        ("hh h A a", "09 9 AM am"),
        ("dddd ddd", "Wednesday Wed"),
        ("MMMM MMM", "May May"),
        ("Q W, -/", "Q W, -/"),
    ],
)
def test_moment_format(fmt, expected):
    assert moment_format(NOW, fmt) == expected


def test_moment_format_bracket_escape():
    assert moment_format(NOW, "YYYY-MM-DD [at] HH:mm") == "2024-05-01 at 09:07"


def test_fill_template_placeholders():
    template = "{{title}}|{{ Title }}|{{date}}|{{time}}|{{date:YYYY}}|{{ time : HH-mm }}|{{DATE:DD.MM}}|{{other}}|{title}"
    assert fill_template(template, "Note", NOW) == "Note|Note|2024-05-01|09:07|2024|09-07|01.05|{{other}}|{title}"


def test_title_is_not_expanded_again():
    assert fill_template("# {{title}}", "{{date}} and \\1", NOW) == "# {{date}} and \\1"


def test_find_template_builtin_and_vault_override(tmp_path):
    root = write_vault(tmp_path, {"a.md": "a"})
    builtin = find_template(root, "concept")
    assert builtin.startswith("---\naliases: []\ntags: []\n")
    assert "# {{title}}" in builtin
    assert find_template(root, "concept.md") == builtin
    write_vault(tmp_path, {"_templates/concept.md": "underscore"})
    assert find_template(root, "concept") == "underscore"
    write_vault(tmp_path, {"Templates/concept.md": "capital"})
    assert find_template(root, "concept") == "capital"
    write_vault(tmp_path, {"templates/concept.md": b"\xef\xbb\xbflower \xff"})
    assert find_template(root, "concept") == "lower \ufffd"


@pytest.mark.parametrize(("name", "message"), [("nope", "no template 'nope.md'"), ("../concept", "plain file name"), ("a\\b", "plain file name"), (".hidden", "plain file name")])
def test_find_template_errors(tmp_path, name, message):
    root = write_vault(tmp_path, {})
    with pytest.raises(NewNoteError, match=message):
        find_template(root, name)


# ---------------------------------------------------------------- create_note


def test_create_note_from_the_builtin_template(tmp_path):
    root = write_vault(tmp_path, {"a.md": "a"})
    before = tree_snapshot(root)
    path = create_note(root, "Heat equation", now=NOW)
    assert path == root / "Heat equation.md"
    text = path.read_bytes().decode("utf-8")
    expected = find_template(root, "concept").replace("{{date}}", "2024-05-01").replace("{{time}}", "09:07").replace("{{title}}", "Heat equation")
    assert text == expected
    assert text.startswith('---\naliases: []\ntags: []\ncreated: "2024-05-01"\nupdated: "2024-05-01 09:07"\n---\n# Heat equation\n')
    assert "\r\n" not in text
    after = tree_snapshot(root)
    assert set(after) - set(before) == {"Heat equation.md"}
    assert {k: v for k, v in after.items() if k not in (".", "Heat equation.md")} == {
        k: v for k, v in before.items() if k != "."
    }


def test_created_note_loads_cleanly(tmp_path):
    root = write_vault(tmp_path, {})
    create_note(root, "Heat equation", now=NOW)
    vault = vaultkit.load(root)
    note = vault.notes["Heat equation"]
    assert note.properties == {"created": "2024-05-01", "updated": "2024-05-01 09:07"}
    assert note.diagnostics == ()
    assert [h.text for h in note.headings][:2] == ["Heat equation", "Definition"]
    assert note.links == ()


def test_create_note_in_a_new_folder_with_a_vault_template(tmp_path):
    root = write_vault(tmp_path, {"templates/paper.md": "# {{title}}\nread on {{date:DD/MM/YYYY}}\n"})
    path = create_note(root, "Attention", template="paper", folder="reading/2024", now=NOW)
    assert path == root / "reading" / "2024" / "Attention.md"
    assert path.read_text(encoding="utf-8") == "# Attention\nread on 01/05/2024\n"


@pytest.mark.parametrize("existing", ["Topic.md", "topic.md", "TOPIC.MD"])
def test_create_note_never_overwrites(tmp_path, existing):
    root = write_vault(tmp_path, {existing: "original"})
    before = tree_snapshot(root)
    with pytest.raises(NewNoteError, match="already exists; not overwritten"):
        create_note(root, "Topic", now=NOW)
    assert tree_snapshot(root) == before


def test_create_note_does_not_write_through_a_dangling_symlink(tmp_path):
    root = write_vault(tmp_path, {})
    os.symlink(tmp_path / "target-outside.md", root / "Trap.md")
    with pytest.raises(NewNoteError, match="already exists"):
        create_note(root, "Trap", now=NOW)
    assert not (tmp_path / "target-outside.md").exists()


@pytest.mark.parametrize("title", ["<script>", "../../x", "a/b", "name\nwith newline", "C:x", ""])
def test_hostile_titles_write_nothing(tmp_path, title):
    root = write_vault(tmp_path, {"a.md": "a"})
    before = tree_snapshot(root)
    with pytest.raises(NewNoteError):
        create_note(root, title, now=NOW)
    assert tree_snapshot(root) == before
    assert sorted(os.listdir(tmp_path)) == ["vault"]


@pytest.mark.parametrize("folder", ["../outside", "/tmp", ".obsidian"])
def test_bad_folders_write_nothing(tmp_path, folder):
    root = write_vault(tmp_path, {"a.md": "a"})
    before = tree_snapshot(root)
    with pytest.raises(NewNoteError):
        create_note(root, "Fine", folder=folder, now=NOW)
    assert tree_snapshot(root) == before
    assert sorted(os.listdir(tmp_path)) == ["vault"]


def test_create_note_refuses_a_folder_symlinked_out_of_the_vault(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = write_vault(tmp_path, {"a.md": "a"})
    os.symlink(outside, root / "out")
    try:
        create_note(root, "Escaped", folder="out", now=NOW)
    except NewNoteError:
        pass
    assert os.listdir(outside) == []


@pytest.mark.parametrize("folder", ["a.md", "a.md/sub"])
def test_folder_that_is_a_file_is_a_new_note_error(tmp_path, folder):
    root = write_vault(tmp_path, {"a.md": "a"})
    with pytest.raises(NewNoteError):
        create_note(root, "X", folder=folder, now=NOW)
