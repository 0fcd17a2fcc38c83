"""vaultkit.load and vaultkit.vault: files → parse → resolve, sequential and parallel; Vault.find."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import tree_snapshot, write_vault

import vaultkit
from vaultkit import VaultNotFound
from vaultkit.load import PARALLEL_THRESHOLD
from vaultkit.model import Severity
from vaultkit.vault import LoadOptions


def diag_tuples(vault) -> list[tuple]:
    return [(d.path, d.line, d.kind, d.severity) for d in vault.diagnostics]


# ---------------------------------------------------------------- basics


def test_load_a_small_vault(tmp_path):
    root = write_vault(
        tmp_path,
        {
            "b.md": "[[a]] [[Ghost]]",
            "a.md": "---\naliases: [Alpha]\n---\n[[b]]",
            "sub/c.md": "---\nbad: {{x}}\n---\n[[Alpha]]",
            "pic.png": b"p",
            ".obsidian/app.md": "hidden",
        },
    )
    vault = vaultkit.load(root)
    assert vault.root == Path(os.path.realpath(root))
    assert vault.name == "vault"
    assert list(vault.notes) == ["a", "b", "sub/c"]
    assert vault.attachments == ("pic.png",)
    assert vault.options == LoadOptions()
    assert [(l.source, l.target, l.exists, l.via_alias) for l in vault.links] == [
        ("a", "b", True, False),
        ("b", "a", True, False),
        ("b", "Ghost", False, False),
        ("sub/c", "a", True, True),
    ]
    # files, then notes (in path order), then resolution
    assert diag_tuples(vault) == [
        ("sub/c.md", 2, "invalid-yaml", Severity.ERROR),
        ("b.md", 1, "unresolved-link", Severity.INFO),
        ("sub/c.md", 4, "alias-link", Severity.INFO),
    ]
    assert [d.kind for d in vault.errors()] == ["invalid-yaml"]


def test_options_are_recorded(tmp_path):
    root = write_vault(tmp_path, {"a.md": "a"})
    vault = vaultkit.load(root, alias_links=False, attachments=True, max_size=10)
    assert vault.options == LoadOptions(alias_links=False, attachments=True, max_size=10)


def test_missing_vault_and_file_as_vault(tmp_path):
    with pytest.raises(VaultNotFound, match="no such vault"):
        vaultkit.load(tmp_path / "nope")
    write_vault(tmp_path, {"file.md": "x"})
    with pytest.raises(VaultNotFound, match="not a folder"):
        vaultkit.load(tmp_path / "vault" / "file.md")


def test_a_vault_folder_whose_own_name_is_hidden_still_loads(tmp_path):
    root = write_vault(tmp_path, {"a.md": "[[b]]", "b.md": "b"}, name=".my-vault")
    assert list(vaultkit.load(root).notes) == ["a", "b"]


def test_vault_root_given_through_a_symlink(tmp_path):
    root = write_vault(tmp_path, {"a.md": "[[b]]", "b.md": "b"})
    os.symlink(root, tmp_path / "alias-of-vault")
    vault = vaultkit.load(tmp_path / "alias-of-vault")
    assert vault.root == Path(os.path.realpath(root))
    assert list(vault.notes) == ["a", "b"]


# ---------------------------------------------------------------- Vault.find


def test_find_by_path_title_and_alias(tmp_path):
    root = write_vault(
        tmp_path,
        {
            "physics/Quantum mechanics.md": "---\naliases: [QM]\n---\n",
            "deeper/er/Quantum mechanics.md": "",
            "Other.md": "---\naliases: [Quantum mechanics 2]\n---\n",
        },
    )
    vault = vaultkit.load(root)
    assert vault.find("physics/Quantum mechanics").id == "physics/Quantum mechanics"
    assert vault.find("deeper/er/Quantum mechanics.md").id == "deeper/er/Quantum mechanics"
    assert vault.find("quantum MECHANICS").id == "physics/Quantum mechanics"  # shortest path of two
    assert vault.find("qm").id == "physics/Quantum mechanics"
    assert vault.find("Quantum mechanics 2").id == "Other"
    assert vault.find("nothing") is None
    assert vault.find("") is None


# ---------------------------------------------------------------- bad input through the whole pipeline


def test_bad_input_gives_diagnostics_and_nodes(tmp_path):
    root = write_vault(
        tmp_path,
        {
            "enc.md": b"ok\n[[Target]] \xff\n",
            "big.md": "x" * 300,
            "yaml.md": "---\ntitle: {{title}}\n---\n[[Target]] #kept\n",
            "Target.md": "t",
        },
    )
    os.symlink(tmp_path, root / "escape")
    os.symlink(".", root / "loop")
    os.symlink("gone.md", root / "dangling.md")
    before = tree_snapshot(root)
    vault = vaultkit.load(root, max_size=200)
    assert tree_snapshot(root) == before
    assert list(vault.notes) == ["Target", "big", "dangling", "enc", "yaml"]
    assert sorted((d.path, d.line, d.kind) for d in vault.errors()) == [
        ("big.md", 0, "oversized"),
        ("dangling.md", 0, "unreadable"),
        ("enc.md", 2, "bad-encoding"),
        ("escape", 0, "symlink-outside"),
        ("loop", 0, "symlink-loop"),
        ("yaml.md", 2, "invalid-yaml"),
    ]
    assert vault.notes["big"].title == "big"
    assert vault.notes["dangling"].title == "dangling"
    assert [l.target for l in vault.notes["enc"].links] == ["Target"]
    assert [t.name for t in vault.notes["yaml"].tags] == ["kept"]
    graph = vault.graph()
    assert set(graph.predecessors("Target")) == {"enc", "yaml"}


def test_six_megabyte_note_with_the_default_limit(tmp_path):
    root = write_vault(tmp_path, {"huge.md": b"[[a]] " * (6 * 1024 * 1024 // 6), "a.md": "a"})
    vault = vaultkit.load(root)
    assert [(d.path, d.kind) for d in vault.errors()] == [("huge.md", "oversized")]
    assert vault.notes["huge"].links == ()
    assert "huge" in vault.graph()


def test_hostile_file_names_load(tmp_path):
    root = write_vault(
        tmp_path,
        {
            "<script>alert(1)<\\script>.md": "[[new\nline]]",
            "new\nline.md": "[[<script>alert(1)<\\script>]] [[../../x]]",
            "-rf.md": "[[--help]]",
        },
    )
    vault = vaultkit.load(root)
    assert set(vault.notes) == {"<script>alert(1)<\\script>", "new\nline", "-rf"}
    graph = vault.graph()
    assert graph.nodes["../../x"]["kind"] == "ghost"
    assert graph.nodes["--help"]["kind"] == "ghost"
    # [[new\nline]] is not a wikilink (no line breaks inside), so only one edge between the two
    assert set(graph.edges) == {("new\nline", "<script>alert(1)<\\script>"), ("new\nline", "../../x"), ("-rf", "--help")}


def test_one_hostile_frontmatter_does_not_sink_the_whole_vault(tmp_path):
    root = write_vault(tmp_path, {"ok.md": "[[bad]]", "bad.md": "---\na: &a [*a]\n---\nbody\n"})
    vault = vaultkit.load(root)
    assert list(vault.notes) == ["bad", "ok"]


# ---------------------------------------------------------------- parallel parsing


def big_vault(tmp_path) -> Path:
    files: dict[str, str | bytes] = {}
    for i in range(450):
        folder = f"f{i % 7}"
        files[f"{folder}/Note {i:03d}.md"] = (
            f"---\naliases: [N{i}]\ntags: [t{i % 5}]\n---\n"
            f"# Note {i}\nLinks [[Note {(i + 1) % 450:03d}]] [[N{(i * 7) % 450}]] [[Missing {i % 11}]] #body{i % 3}\n"
            f"$$x_{{{i}}}$$ %% verify %%\n"
        )
    files["f0/bad-yaml.md"] = "---\nt: {{x}}\n---\n[[Note 001]]"
    files["f1/bad-bytes.md"] = b"\xfe\n[[Note 002]]"
    files["f2/huge.md"] = "y" * 5000
    files["f3/Note 000.md"] = "duplicate name [[Note 000]]"
    return write_vault(tmp_path, files)


def test_parallel_parsing_gives_exactly_the_sequential_result(tmp_path):
    root = big_vault(tmp_path)
    before = tree_snapshot(root)
    sequential = vaultkit.load(root, jobs=1, max_size=4096)
    parallel = vaultkit.load(root, jobs=2, max_size=4096)
    assert tree_snapshot(root) == before
    assert len(sequential.notes) == 454 > PARALLEL_THRESHOLD
    assert list(parallel.notes) == list(sequential.notes)
    for ident, note in sequential.notes.items():
        assert parallel.notes[ident] == note, ident
    assert parallel.links == sequential.links
    assert parallel.diagnostics == sequential.diagnostics
    assert parallel.attachments == sequential.attachments
    one, two = sequential.graph(), parallel.graph()
    assert list(two.nodes(data=True)) == list(one.nodes(data=True))
    assert list(two.edges(data=True)) == list(one.edges(data=True))
    # the content really was parsed in both
    assert sequential.notes["f0/Note 000"].math[0].annotation == "verify"
    assert sorted(d.kind for d in sequential.errors()) == ["bad-encoding", "invalid-yaml", "oversized"]
    assert one.number_of_edges() > 1000


def test_jobs_zero_or_negative_runs_sequentially(tmp_path):
    root = write_vault(tmp_path, {"a.md": "[[b]]", "b.md": "b"})
    assert vaultkit.load(root, jobs=0).links == vaultkit.load(root, jobs=-3).links == vaultkit.load(root).links
