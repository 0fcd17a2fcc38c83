"""Stage 1, vaultkit.files: which files are notes, and how their bytes become text.

The diagnostics of this stage: unreadable, oversized, bad-encoding, symlink-outside, symlink-loop,
symlink-duplicate.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from conftest import tree_snapshot, write_vault

from vaultkit.files import DEFAULT_MAX_SIZE, discover, is_note_name, read_note
from vaultkit.model import Severity


def kinds(diagnostics) -> list[tuple[str, int, str]]:
    return sorted((d.path, d.line, d.kind) for d in diagnostics)


# ---------------------------------------------------------------- which files are notes


def test_discover_lists_notes_and_attachments_sorted(tmp_path):
    root = write_vault(
        tmp_path,
        {
            "b.md": "b",
            "a.md": "a",
            "physics/Quantum mechanics.md": "q",
            "physics/quantum/Qubit.md": "q",
            "img/figure.png": b"\x89PNG",
            "board.canvas": "{}",
            "paper.pdf": b"%PDF",
        },
    )
    found = discover(root)
    assert found.root == Path(os.path.realpath(root))
    assert found.notes == ("a.md", "b.md", "physics/Quantum mechanics.md", "physics/quantum/Qubit.md")
    assert found.attachments == ("board.canvas", "img/figure.png", "paper.pdf")
    assert found.diagnostics == ()


def test_discover_skips_hidden_folders_and_files(tmp_path):
    root = write_vault(
        tmp_path,
        {
            "kept.md": "k",
            ".obsidian/workspace.md": "x",
            ".obsidian/app.json": "{}",
            ".trash/deleted.md": "x",
            ".git/HEAD.md": "x",
            ".hidden/inside.md": "x",
            "sub/.private/deep.md": "x",
            ".dotfile.md": "x",
            "sub/.also-hidden.md": "x",
            "sub/.image.png": b"x",
            "sub/visible.md": "v",
        },
    )
    found = discover(root)
    assert found.notes == ("kept.md", "sub/visible.md")
    assert found.attachments == ()
    assert found.diagnostics == ()


def test_a_folder_named_like_a_note_is_a_folder(tmp_path):
    root = write_vault(tmp_path, {"Topic.md/inside.md": "i", "Topic.md/pic.png": b"p", "top.md": "t"})
    found = discover(root)
    assert found.notes == ("Topic.md/inside.md", "top.md")
    assert found.attachments == ("Topic.md/pic.png",)


def test_is_note_name():
    assert is_note_name("a.md")
    assert is_note_name("Quantum mechanics.md")
    assert is_note_name("UPPER.MD")
    assert not is_note_name(".md")
    assert not is_note_name("md")
    assert not is_note_name("a.markdown")
    assert not is_note_name("a.md.png")


def test_empty_vault(tmp_path):
    root = write_vault(tmp_path, {})
    found = discover(root)
    assert (found.notes, found.attachments, found.diagnostics) == ((), (), ())


# ---------------------------------------------------------------- symbolic links


def test_symlink_to_a_note_inside_is_followed_under_its_own_path(tmp_path):
    root = write_vault(tmp_path, {"real/r.md": "r [[x]]", "a.md": "a"})
    os.symlink("a.md", root / "shortcut.md")
    os.symlink("real", root / "mirror")  # a folder listed at its own place already
    found = discover(root)
    assert found.notes == ("a.md", "real/r.md", "shortcut.md")
    assert kinds(found.diagnostics) == [("mirror", 0, "symlink-duplicate")]
    assert read_note(found.root, "shortcut.md").text == "a"
    assert read_note(found.root, "real/r.md").text == "r [[x]]"


def test_symlinks_leaving_the_vault_are_diagnostics_not_notes(tmp_path):
    outside = write_vault(tmp_path, {"secret.md": "secret", "dir/s.md": "s"}, name="outside")
    root = write_vault(tmp_path, {"a.md": "a"})
    os.symlink(outside / "secret.md", root / "leak.md")
    os.symlink(outside / "dir", root / "leakdir")
    os.symlink("../outside/secret.md", root / "relative-leak.md")
    found = discover(root)
    assert found.notes == ("a.md",)
    assert kinds(found.diagnostics) == [
        ("leak.md", 0, "symlink-outside"),
        ("leakdir", 0, "symlink-outside"),
        ("relative-leak.md", 0, "symlink-outside"),
    ]
    assert {d.severity for d in found.diagnostics} == {Severity.ERROR}


def test_symlink_loops_are_diagnostics(tmp_path):
    root = write_vault(tmp_path, {"a.md": "a", "sub/b.md": "b"})
    os.symlink(".", root / "self")  # a folder that contains itself
    os.symlink("..", root / "sub" / "up")  # back to an ancestor
    os.symlink("loop2.md", root / "loop1.md")  # two links pointing at each other
    os.symlink("loop1.md", root / "loop2.md")
    found = discover(root)
    assert found.notes == ("a.md", "sub/b.md")
    assert kinds(found.diagnostics) == [
        ("loop1.md", 0, "symlink-loop"),
        ("loop2.md", 0, "symlink-loop"),
        ("self", 0, "symlink-loop"),
        ("sub/up", 0, "symlink-loop"),
    ]


def test_cross_linked_folders_terminate(tmp_path):
    root = write_vault(tmp_path, {"a/x.md": "x", "b/y.md": "y"})
    os.symlink("../b", root / "a" / "to-b")
    os.symlink("../a", root / "b" / "to-a")
    found = discover(root)
    assert found.notes == ("a/x.md", "b/y.md")
    assert kinds(found.diagnostics) == [("a/to-b", 0, "symlink-duplicate"), ("b/to-a", 0, "symlink-duplicate")]


def test_broken_symlink_to_a_note_is_an_unreadable_note(tmp_path):
    root = write_vault(tmp_path, {"a.md": "a"})
    os.symlink("gone.md", root / "broken.md")
    os.symlink("gone.png", root / "broken.png")
    found = discover(root)
    assert found.notes == ("a.md", "broken.md")
    assert kinds(found.diagnostics) == [("broken.png", 0, "unreadable")]
    source = read_note(found.root, "broken.md")
    assert source.readable is False
    assert source.text == ""
    assert [(d.path, d.line, d.kind, d.severity) for d in source.diagnostics] == [
        ("broken.md", 0, "unreadable", Severity.ERROR)
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a folder without permissions")
def test_unreadable_folder_is_a_diagnostic(tmp_path):
    root = write_vault(tmp_path, {"a.md": "a", "locked/x.md": "x"})
    os.chmod(root / "locked", 0)
    try:
        found = discover(root)
    finally:
        os.chmod(root / "locked", 0o755)
    assert found.notes == ("a.md",)
    assert kinds(found.diagnostics) == [("locked", 0, "unreadable")]


# ---------------------------------------------------------------- reading a note


def test_read_plain_utf8(tmp_path):
    root = write_vault(tmp_path, {"n.md": "Ünïcode — ok\n"})
    source = read_note(root, "n.md")
    assert source.text == "Ünïcode — ok\n"
    assert source.readable is True
    assert source.diagnostics == ()
    assert source.size == len("Ünïcode — ok\n".encode("utf-8"))
    assert source.path == "n.md"


def test_bom_is_stripped(tmp_path):
    data = b"\xef\xbb\xbf---\ntags: [a]\n---\nbody\n"
    root = write_vault(tmp_path, {"n.md": data})
    source = read_note(root, "n.md")
    assert source.text == "---\ntags: [a]\n---\nbody\n"
    assert source.diagnostics == ()
    assert source.size == len(data) == 26


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\xff first line\nsecond\n", 1),
        (b"one\ntwo\nthr\xe9e\nfour\n", 3),
        (b"one\r\ntwo\r\n\r\nbad \xc3\x28 here\r\n", 4),
        (b"ok\nok\nok\nok\ntruncated \xe2\x82", 5),
    ],
)
def test_invalid_utf8_gives_bad_encoding_on_the_line_of_the_first_bad_byte(tmp_path, data, line):
    root = write_vault(tmp_path, {"n.md": data})
    source = read_note(root, "n.md")
    assert source.readable is True
    assert source.text == data.decode("utf-8", errors="replace")
    assert "\ufffd" in source.text
    assert [(d.path, d.line, d.kind, d.severity) for d in source.diagnostics] == [
        ("n.md", line, "bad-encoding", Severity.ERROR)
    ]


def test_bad_encoding_message_names_the_byte_and_offset(tmp_path):
    root = write_vault(tmp_path, {"n.md": b"ab\ncd\xfe"})
    (diagnostic,) = read_note(root, "n.md").diagnostics
    assert "0xfe" in diagnostic.message
    assert "offset 5" in diagnostic.message


def test_bad_encoding_line_is_right_when_the_file_starts_with_a_bom(tmp_path):
    root = write_vault(tmp_path, {"n.md": b"\xef\xbb\xbfab\ncd\n\xffz\n"})
    source = read_note(root, "n.md")
    assert source.text == "ab\ncd\n\ufffdz\n"
    (diagnostic,) = source.diagnostics
    assert diagnostic.kind == "bad-encoding"
    assert "0xff" in diagnostic.message
    assert diagnostic.line == 3


def test_over_max_size_is_oversized_and_not_read(tmp_path):
    root = write_vault(tmp_path, {"big.md": "x" * 101, "edge.md": "y" * 100})
    source = read_note(root, "big.md", max_size=100)
    assert source.readable is False
    assert source.text == ""
    assert source.size == 101
    assert [(d.path, d.line, d.kind, d.severity) for d in source.diagnostics] == [
        ("big.md", 0, "oversized", Severity.ERROR)
    ]
    exactly = read_note(root, "edge.md", max_size=100)
    assert (exactly.readable, exactly.text, exactly.diagnostics) == (True, "y" * 100, ())


def test_six_megabyte_note_is_oversized_with_the_default_limit(tmp_path):
    assert DEFAULT_MAX_SIZE == 5 * 1024 * 1024
    size = 6 * 1024 * 1024
    root = write_vault(tmp_path, {"huge.md": b"[[a]] " * (size // 6)})
    source = read_note(root, "huge.md")
    assert source.readable is False
    assert source.size == size
    assert [d.kind for d in source.diagnostics] == ["oversized"]
    assert "6,291,456 bytes" in source.diagnostics[0].message


def test_missing_file_is_unreadable_not_an_exception(tmp_path):
    root = write_vault(tmp_path, {})
    source = read_note(root, "nowhere/missing.md")
    assert source.readable is False
    assert source.size == 0
    assert [(d.path, d.line, d.kind) for d in source.diagnostics] == [("nowhere/missing.md", 0, "unreadable")]


def test_fifo_named_like_a_note_does_not_hang(tmp_path):
    root = write_vault(tmp_path, {"a.md": "a"})
    fifo = root / "pipe.md"
    os.mkfifo(fifo)
    result: list = []
    worker = threading.Thread(target=lambda: result.append(read_note(root, "pipe.md")), daemon=True)
    worker.start()
    worker.join(2)
    hung = worker.is_alive()
    if hung:  # unblock the reader so no thread is left behind
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        worker.join(5)
    assert not hung, "read_note blocked on a FIFO"
    assert [d.kind for d in result[0].diagnostics] == ["unreadable"]


# ---------------------------------------------------------------- never writes


def test_discover_and_read_never_write_into_the_vault(tmp_path):
    root = write_vault(
        tmp_path,
        {"a.md": "a [[b]]", "b.md": b"\xff", "sub/c.md": "c" * 50, ".obsidian/x.json": "{}", "p.png": b"p"},
    )
    os.symlink("a.md", root / "link.md")
    os.symlink(".", root / "loop")
    before = tree_snapshot(root)
    found = discover(root)
    for path in found.notes:
        read_note(found.root, path, max_size=10)
    assert tree_snapshot(root) == before
