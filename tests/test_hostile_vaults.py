"""Hostile vaults: vaultkit never writes inside one, never leaks a file outside it,
never hangs on it, and never trusts its own cache blindly.

Every test writes its own hostile vault in tmp_path; the sizes are such that the
old behaviour would take minutes or fail, but no test measures time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import tree_snapshot, write_vault

import vaultkit
from vaultkit.checking import work as work_module
from vaultkit.checking.cache import ResultCache
from vaultkit.checking.claims import Result, Verdict
from vaultkit.export import write_graph
from vaultkit.files import discover
from vaultkit.new import NewNoteError, create_note

# ---------------------------------------------------------------- 1. discovery


def test_a_lattice_of_folder_links_lists_each_folder_a_bounded_number_of_times(tmp_path):
    """16 folders, each with two links to the next: 2**16 paths to the last note before."""
    files = {f"f{i:02d}/note{i:02d}.md": f"note {i}" for i in range(16)}
    root = write_vault(tmp_path, files)
    for i in range(15):
        os.symlink(f"../f{i + 1:02d}", root / f"f{i:02d}" / "x")
        os.symlink(f"../f{i + 1:02d}", root / f"f{i:02d}" / "y")
    found = discover(root)
    last = [n for n in found.notes if n.endswith("note15.md")]
    assert "f15/note15.md" in last
    assert len(last) <= 2  # at its place, and at most once through a link
    assert len(found.notes) <= 2 * 16
    assert any(d.kind == "symlink-duplicate" for d in found.diagnostics)
    vault = vaultkit.load(root)
    assert len(vault.notes) <= 32


def test_a_folder_reached_again_through_a_second_link_is_a_diagnostic(tmp_path):
    root = write_vault(tmp_path, {"real/r.md": "r"})
    os.symlink("real", root / "one")
    os.symlink("real", root / "two")
    found = discover(root)
    assert found.notes == ("one/r.md", "real/r.md")
    assert [(d.path, d.kind) for d in found.diagnostics] == [("two", "symlink-duplicate")]


def test_two_thousand_nested_folders_are_discovered(tmp_path):
    root = tmp_path / "v"
    deep = root.joinpath(*["d"] * 2000)
    assert len(str(deep)) + len("/bottom.md") < 4095, "the test needs a path the system can open"
    path = str(root)
    os.mkdir(path)
    for _ in range(2000):  # os.makedirs recurses once a level
        path = os.path.join(path, "d")
        os.mkdir(path)
    (deep / "bottom.md").write_text("the bottom", encoding="utf-8")
    os.symlink("../..", deep / "up")  # a loop at the very bottom too
    try:
        found = discover(root)
    finally:
        _remove_chain(root, 2000)  # shutil.rmtree (pytest's own clean-up too) recurses once a level
    bottom = "/".join(["d"] * 2000) + "/bottom.md"
    assert found.notes == (bottom,)
    assert [d.kind for d in found.diagnostics] == ["symlink-loop"]


def _remove_chain(root: Path, depth: int) -> None:
    """Remove root/d/d/…/d (depth levels) and what the bottom holds, deepest first, without recursion."""
    levels = [str(root)]
    for _ in range(depth):
        levels.append(os.path.join(levels[-1], "d"))
    for entry in os.scandir(levels[-1]):
        os.unlink(entry.path)
    for level in reversed(levels):
        os.rmdir(level)


# ---------------------------------------------------------------- 2. output written through a link


def test_publish_does_not_follow_an_index_html_link_into_the_vault(tmp_path, monkeypatch):
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(tmp_path / "cache"))
    root = write_vault(tmp_path, {"a.md": "precious [[b]]", "b.md": "b"})
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(root / "a.md", out / "index.html")
    before = tree_snapshot(root)
    result = vaultkit.publish(root, out, verify=False)
    assert tree_snapshot(root) == before
    assert (root / "a.md").read_text(encoding="utf-8") == "precious [[b]]"
    assert not (out / "index.html").is_symlink()
    assert result.page == out / "index.html"
    assert "<html" in (out / "index.html").read_text(encoding="utf-8").lower()
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]  # no temporary file left


def test_publish_still_refuses_an_output_folder_inside_the_vault(tmp_path):
    root = write_vault(tmp_path, {"a.md": "a"})
    os.symlink(root, tmp_path / "sneaky")
    with pytest.raises(vaultkit.publish.PublishError):
        vaultkit.publish(root, tmp_path / "sneaky" / "site", verify=False)


@pytest.mark.parametrize("suffix", [".json", ".graphml", ".gexf"])
def test_graph_output_does_not_follow_a_link_into_the_vault(tmp_path, suffix):
    root = write_vault(tmp_path, {"a.md": "precious [[b]]", "b.md": "b"})
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(root / "a.md", out / f"g{suffix}")
    before = tree_snapshot(root)
    write_graph(vaultkit.load(root).graph(), out / f"g{suffix}")
    assert tree_snapshot(root) == before
    assert not (out / f"g{suffix}").is_symlink()
    assert (out / f"g{suffix}").stat().st_size > 0
    assert sorted(p.name for p in out.iterdir()) == [f"g{suffix}"]


def test_graph_cli_refuses_an_output_link_into_the_vault(tmp_path, capsys):
    from vaultkit.cli import main

    root = write_vault(tmp_path, {"a.md": "precious"})
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(root / "a.md", out / "g.json")
    before = tree_snapshot(root)
    main(["graph", str(root), "-o", str(out / "g.json")])
    assert tree_snapshot(root) == before


# ---------------------------------------------------------------- 3. the verification cache

KEY = "ab" + "0" * 62


def _result(verdict: Verdict = Verdict.PROVED) -> Result:
    return Result("a.md", 3, "a:3", "sympy", verdict, "simplify", 0.1, "", None, (), False)


def _entry_path(cache_dir: Path, key: str = KEY) -> Path:
    return cache_dir / "results" / key[:2] / f"{key}.json"


def _forge(cache_dir: Path, content: str | bytes, key: str = KEY) -> None:
    path = _entry_path(cache_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)


def test_cache_round_trip_is_bound_to_its_key(tmp_path):
    cache = ResultCache(tmp_path / "cache", tmp_path / "vault")
    assert cache.enabled and cache.warning is None
    cache.put(KEY, [_result()])
    assert cache.get(KEY) == [_result()]
    other = "cd" + "0" * 62  # the same entry moved under another key is not believed
    _entry_path(tmp_path / "cache", other).parent.mkdir(parents=True, exist_ok=True)
    os.replace(_entry_path(tmp_path / "cache"), _entry_path(tmp_path / "cache", other))
    assert cache.get(other) is None
    assert oct((tmp_path / "cache").stat().st_mode & 0o777) == oct(0o700)


@pytest.mark.parametrize(
    "content",
    [
        "{}",
        '{"a": 1}',
        "[1, 2, 3]",
        '[{"note": 1}]',
        "not json",
        b"\xff\xfe",
        "[" * 100_000 + "]" * 100_000,
        '{"format": 1, "key": "KEY", "engine": "ENGINE", "results": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
    ids=["empty", "wrong-object", "numbers", "wrong-fields", "not-json", "not-utf8", "deep", "deep-inside"],
)
def test_malformed_cache_entries_are_ignored(tmp_path, content):
    if isinstance(content, str):
        content = content.replace("KEY", KEY).replace("ENGINE", work_module.ENGINE_VERSION)
    _forge(tmp_path / "cache", content)
    assert ResultCache(tmp_path / "cache", None).get(KEY) is None


def test_a_cache_entry_linked_to_dev_urandom_is_ignored(tmp_path):
    path = _entry_path(tmp_path / "cache")
    path.parent.mkdir(parents=True)
    os.symlink("/dev/urandom", path)
    assert ResultCache(tmp_path / "cache", None).get(KEY) is None


def test_an_oversized_cache_entry_is_ignored(tmp_path):
    _forge(tmp_path / "cache", " " * (5 * 1024 * 1024) + "[]")
    assert ResultCache(tmp_path / "cache", None).get(KEY) is None


def _forged_proof(note: str, line: int, ident: str) -> dict:
    return {
        "note": note, "line": line, "id": ident, "source": "sympy", "verdict": "proved", "method": "forged",
        "seconds": 0.0, "message": "", "counterexample": None, "givens": [], "incomplete": False,
    }  # fmt: skip


def _false_vault(tmp_path: Path) -> tuple[Path, object]:
    root = write_vault(tmp_path, {"Lie.md": "# Lie\n\n```sympy\nclaim: 1 + 1 == 3\n```\n"})
    vault = vaultkit.load(root)
    works, _ = work_module.note_works(vault)
    return root, works[0]


@pytest.mark.parametrize("binding", ["wrong-key", "wrong-engine", "no-binding", "old-list"])
def test_a_forged_cache_entry_does_not_make_a_false_claim_proved(tmp_path, binding):
    cache_dir = tmp_path / "cache"
    root, unit = _false_vault(tmp_path)
    key = unit.key()
    line = unit.blocks[0].line
    proof = [_forged_proof(unit.path, line, f"{unit.title}:{line}")]
    entry: object = {"format": 1, "key": key, "engine": work_module.ENGINE_VERSION, "results": proof}
    if binding == "wrong-key":
        entry["key"] = "f" * 64  # type: ignore[index]
    elif binding == "wrong-engine":
        entry["engine"] = "0"  # type: ignore[index]
    elif binding == "no-binding":
        entry = {"results": proof}
    else:
        entry = proof  # the old format: a bare list
    _forge(cache_dir, json.dumps(entry), key)
    verification = vaultkit.verify(vaultkit.load(root), jobs=1, cache_dir=cache_dir)
    assert verification.reused == 0
    assert [r.verdict for r in verification.results] == [Verdict.FALSE]
    again = vaultkit.verify(vaultkit.load(root), jobs=1, cache_dir=cache_dir)  # the recomputed entry is sound
    assert again.reused == 1
    assert [r.verdict for r in again.results] == [Verdict.FALSE]


def test_a_cache_folder_inside_the_vault_turns_caching_off(tmp_path):
    root = write_vault(tmp_path, {"a.md": "a"})
    before = tree_snapshot(root)
    cache = ResultCache(root / "cache", root)
    assert not cache.enabled and "inside the vault" in (cache.warning or "")
    cache.put(KEY, [_result()])
    assert cache.get(KEY) is None
    assert tree_snapshot(root) == before
    assert not (Path(os.environ.get("TMPDIR", "/tmp")) / "vaultkit-cache" / "results" / KEY[:2] / f"{KEY}.json").exists()


def test_an_uncreatable_cache_folder_turns_caching_off(tmp_path):
    (tmp_path / "file").write_text("x")
    cache = ResultCache(tmp_path / "file" / "cache", None)
    assert not cache.enabled and cache.warning
    cache.put(KEY, [_result()])
    assert cache.get(KEY) is None


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root owns whatever it makes")
def test_a_cache_folder_owned_by_someone_else_turns_caching_off(tmp_path):
    others = [p for p in ("/", "/usr", "/etc") if os.stat(p).st_uid != os.getuid()]
    if not others:
        pytest.skip("no folder owned by another user")
    cache = ResultCache(Path(others[0]), None)  # `results/` inside cannot be made, and it is not ours
    assert not cache.enabled and cache.warning


def test_the_cache_folder_comes_from_the_environment_only(tmp_path, monkeypatch):
    from vaultkit.checking.cache import default_cache_dir

    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(tmp_path / "a"))
    assert default_cache_dir() == tmp_path / "a"
    monkeypatch.delenv("VAULTKIT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "vaultkit"


# ---------------------------------------------------------------- 4. templates of `vaultkit new`


def test_a_template_linked_out_of_the_vault_is_not_read(tmp_path):
    root = write_vault(tmp_path, {"a.md": "a"})
    (root / "templates").mkdir()
    os.symlink("/proc/self/environ", root / "templates" / "concept.md")
    before = tree_snapshot(root)
    with pytest.raises(NewNoteError, match="symbolic link"):
        create_note(root, "Leak")
    assert tree_snapshot(root) == before


def test_a_template_linked_to_a_secret_outside_is_not_read(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("SECRET {{title}}")
    root = write_vault(tmp_path, {"a.md": "a"})
    (root / "templates").mkdir()
    os.symlink(secret, root / "templates" / "concept.md")
    with pytest.raises(NewNoteError):
        create_note(root, "Leak")
    assert not (root / "Leak.md").exists()


def test_a_templates_folder_linked_out_of_the_vault_is_not_read(tmp_path):
    outside = write_vault(tmp_path, {"concept.md": "SECRET"}, name="outside")
    root = write_vault(tmp_path, {"a.md": "a"})
    os.symlink(outside, root / "templates")
    with pytest.raises(NewNoteError, match="out of the vault"):
        create_note(root, "Leak")
    assert not (root / "Leak.md").exists()


def test_a_template_that_is_a_pipe_or_too_large_is_refused(tmp_path):
    root = write_vault(tmp_path, {"templates/big.md": "x" * (2 * 1024 * 1024)})
    os.mkfifo(root / "templates" / "concept.md")
    with pytest.raises(NewNoteError, match="not a regular file"):
        create_note(root, "Pipe")
    with pytest.raises(NewNoteError, match="limit"):
        create_note(root, "Big", template="big")
    assert sorted(p.name for p in root.iterdir()) == ["a.md", "templates"] or not (root / "Pipe.md").exists()


def test_a_regular_template_inside_the_vault_still_works(tmp_path):
    root = write_vault(tmp_path, {"templates/concept.md": "# {{title}}\n"})
    note = create_note(root, "Fine")
    assert note.read_text(encoding="utf-8") == "# Fine\n"


# ---------------------------------------------------------------- 5. long `uses:` chains


def test_the_dependency_walk_handles_a_chain_of_ten_thousand_notes():
    depth = 10_000
    direct = {f"n{i}": [(f"n{i + 1}", 1)] for i in range(depth - 1)}
    order, cycle = work_module._dependencies("n0", direct)
    assert cycle is None
    assert order == [f"n{i}" for i in reversed(range(depth))]
    direct[f"n{depth - 1}"] = [("n0", 7)]  # close the chain into a loop
    order, cycle = work_module._dependencies("n0", direct)
    assert cycle is not None and cycle[1].startswith("uses: cycle n0 → n1 → ") and cycle[1].endswith("→ n0")


def test_verify_a_chain_of_notes_each_using_the_next(tmp_path, monkeypatch):
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(tmp_path / "cache"))
    depth = 1_100  # the old recursive walk raised RecursionError from about 1,000
    files = {f"n{i}.md": f"```sympy\nuses: [[n{i + 1}]]\n```\n" for i in range(depth - 1)}
    files[f"n{depth - 1}.md"] = "```sympy\nsymbols: x real\nclaim: (x + 1)**2 == x**2 + 2*x + 1\n```\n"
    files["top.md"] = "```sympy\nuses: [[n0]]\nclaim: x*x == x**2\n```\n"
    root = write_vault(tmp_path, files)
    verification = vaultkit.verify(vaultkit.load(root), use_cache=False)
    verdicts = {r.note: r.verdict for r in verification.results}
    assert verdicts[f"n{depth - 1}.md"] in (Verdict.PROVED, Verdict.CHECKED)
    assert verdicts["top.md"] in (Verdict.PROVED, Verdict.CHECKED)  # `x` came down the whole chain
