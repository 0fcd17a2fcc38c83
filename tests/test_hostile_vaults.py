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
from vaultkit.model import Severity
from vaultkit.new import NewNoteError, create_note

# ---------------------------------------------------------------- 1. discovery


def _lattice(tmp_path: Path, levels: int) -> tuple[Path, dict[str, str]]:
    """`levels` folders with a note each, each folder with two links (`x`, `y`) to the next."""
    files = {f"f{i:02d}/note{i:02d}.md": f"note {i}" for i in range(levels)}
    root = write_vault(tmp_path, files)
    for i in range(levels - 1):
        os.symlink(f"../f{i + 1:02d}", root / f"f{i:02d}" / "x")
        os.symlink(f"../f{i + 1:02d}", root / f"f{i:02d}" / "y")
    return root, files


def test_a_lattice_of_folder_links_lists_each_folder_once(tmp_path):
    """16 folders, each with two links to the next: 2**16 paths to the last note before."""
    root, files = _lattice(tmp_path, 16)
    found = discover(root)
    assert found.notes == tuple(sorted(files))
    duplicates = [(d.path, d.line, d.kind) for d in found.diagnostics]
    assert duplicates == [(f"f{i:02d}/{name}", 0, "symlink-duplicate") for i in range(15) for name in "xy"]
    vault = vaultkit.load(root)
    assert len(vault.notes) == 16


def test_a_folder_reached_again_through_a_second_link_is_a_diagnostic(tmp_path):
    root = write_vault(tmp_path, {"real/r.md": "r"})
    os.symlink("real", root / "one")
    os.symlink("real", root / "two")
    found = discover(root)
    assert found.notes == ("real/r.md",)
    assert [(d.path, d.kind) for d in found.diagnostics] == [("one", "symlink-duplicate"), ("two", "symlink-duplicate")]


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


def test_twenty_two_folders_of_links_that_once_did_not_finish(tmp_path):
    """22 folders, each with two links to the next: 2**22 paths to the last note; each folder listed once."""
    root, files = _lattice(tmp_path, 22)
    vault = vaultkit.load(root)
    assert sorted(note.path for note in vault.notes.values()) == sorted(files)
    assert sum(d.kind == "symlink-duplicate" for d in vault.diagnostics) == 42


def test_ten_thousand_nested_folders_deeper_than_any_path_are_a_diagnostic(tmp_path):
    """Below the system's path limit a note is found; what lies deeper is said, not silently lost."""
    root = tmp_path / "v"
    os.mkdir(root)
    descriptor = os.open(root, os.O_RDONLY)
    try:
        for level in range(10_000):  # a path this deep cannot be named whole: each folder made from its parent
            os.mkdir("d", dir_fd=descriptor)
            if level == 10:
                os.close(os.open("shallow.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor))
            inner = os.open("d", os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        os.close(os.open("bottom.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor))
    finally:
        os.close(descriptor)
    try:
        vault = vaultkit.load(root)
    finally:
        _remove_deep_chain(root, 10_000)
    assert [note.path for note in vault.notes.values()] == ["/".join(["d"] * 10) + "/shallow.md"]
    assert [(d.kind, d.message) for d in vault.diagnostics] == [("unreadable", "cannot be read: File name too long")]


def _remove_deep_chain(root: Path, depth: int) -> None:
    """Remove root/d/…/d and the files in it through folder descriptors, deepest first: no path is too long."""
    chain = [os.open(root, os.O_RDONLY)]
    for _ in range(depth):
        chain.append(os.open("d", os.O_RDONLY, dir_fd=chain[-1]))
    for parent, folder in zip(reversed(chain[:-1]), reversed(chain[1:])):
        for name in os.listdir(folder):
            os.unlink(name, dir_fd=folder)
        os.close(folder)
        os.rmdir("d", dir_fd=parent)
    for name in os.listdir(chain[0]):
        os.unlink(name, dir_fd=chain[0])
    os.close(chain[0])
    os.rmdir(root)


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


def test_a_half_gibibyte_template_is_refused_without_being_read(tmp_path):
    root = write_vault(tmp_path, {"a.md": "a"})
    (root / "templates").mkdir()
    with open(root / "templates" / "concept.md", "wb") as handle:
        handle.truncate(512 * 1024**2)  # sparse: the test costs no disk and no time
    with pytest.raises(NewNoteError, match="limit"):
        create_note(root, "Huge")
    assert not (root / "Huge.md").exists()


def test_a_refused_cache_folder_never_falls_back_into_the_vault_or_a_shared_folder(tmp_path, monkeypatch):
    """TMPDIR inside the vault, or unset, once decided where the cache went when its folder was refused."""
    root = write_vault(tmp_path, {"Lie.md": "# Lie\n\n```sympy\nclaim: 1 + 1 == 3\n```\n"})
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(tmp_path / "file" / "cache"))  # cannot be created
    before = tree_snapshot(root)
    for tmpdir in (str(root), None):
        if tmpdir is None:
            monkeypatch.delenv("TMPDIR", raising=False)
        else:
            monkeypatch.setenv("TMPDIR", tmpdir)
        shared = Path(tmpdir or "/tmp") / "vaultkit-cache"
        existed = shared.exists()
        done = vaultkit.verify(vaultkit.load(root), jobs=1)
        assert [r.verdict for r in done.results] == [Verdict.FALSE]
        assert any("not cached" in warning for warning in done.warnings)
        assert tree_snapshot(root) == before
        assert shared.exists() == existed


def test_a_regular_template_inside_the_vault_still_works(tmp_path):
    root = write_vault(tmp_path, {"templates/concept.md": "# {{title}}\n"})
    note = create_note(root, "Fine")
    assert note.read_text(encoding="utf-8") == "# Fine\n"


# ---------------------------------------------------------------- 5. long `uses:` chains


MAX_USED = work_module.MAX_USED_NOTES
BOTTOM = "```sympy\nsymbols: x real\nclaim: (x + 1)**2 == x**2 + 2*x + 1\n```\n"


def _limit_message(target: str) -> str:
    limit = f"more than {MAX_USED:,} notes in all (the limit)"
    return f"uses: [[{target}]] brings in {limit}; no claim of this note checked"


def _chain(depth: int, claims: set[int]) -> dict[str, str]:
    """n0 uses n1 uses … n{depth-1}, which defines `x`; the notes in `claims` also claim something about `x`."""
    files = {}
    for i in range(depth - 1):
        claim = "claim: x*x == x**2\n" if i in claims else ""
        files[f"n{i}.md"] = f"```sympy\nuses: [[n{i + 1}]]\n{claim}```\n"
    files[f"n{depth - 1}.md"] = BOTTOM
    return files


def test_the_dependency_walk_stops_at_the_limit_on_a_chain_of_ten_thousand_notes():
    depth = 10_000
    direct = {f"n{i}": [(f"n{i + 1}", 3)] for i in range(depth - 1)}
    sizes = dict.fromkeys(direct, 20)
    order, cycle, over = work_module._dependencies("n0", direct, sizes)
    assert (cycle, over) == (None, (3, _limit_message("n1")))
    assert len(order) <= MAX_USED  # the walk stopped there
    first = depth - 1 - MAX_USED  # uses exactly the limit
    order, cycle, over = work_module._dependencies(f"n{first}", direct, sizes)
    assert (cycle, over) == (None, None)
    assert order == [f"n{i}" for i in reversed(range(first, depth))]
    loop = {f"c{i}": [(f"c{(i + 1) % 300}", 7)] for i in range(300)}  # a cycle inside the limit is still found
    order, cycle, over = work_module._dependencies("c0", loop, {})
    assert over is None
    assert cycle is not None and cycle[1].startswith("uses: cycle c0 → c1 → ") and cycle[1].endswith("→ c0")


def test_a_chain_of_ten_thousand_notes_costs_each_unit_a_bounded_amount(tmp_path):
    """The parent's walks and keys and each unit's reading are bounded by the limit: linear in the chain.

    Each unit runs here, as a worker would run it: starting 10,000 processes, one a
    unit, would take longer than the test. `test_verify_a_chain_…` runs real workers.
    """
    depth = 10_000
    first = depth - 1 - MAX_USED  # the first note within the limit: it uses exactly MAX_USED notes
    claims = {0, first - 1, first, depth - 50}
    root = write_vault(tmp_path, _chain(depth, claims))
    works, uses = work_module.note_works(vaultkit.load(root))
    assert len(works) == depth and len(uses) == depth - 1
    assert max(len(unit.used) for unit in works) == MAX_USED
    assert len({unit.key() for unit in works}) == depth
    results = {unit.path: unit.run(60.0) for unit in works}
    for i in range(first):  # over the limit: the limit error alone, even where the note claims something
        assert [(r.line, r.verdict, r.message) for r in results[f"n{i}.md"]] == [
            (2, Verdict.ERROR, _limit_message(f"n{i + 1}"))
        ]
    for i in (first, depth - 50, depth - 1):  # within it: `x` came down the chain
        assert [r.verdict for r in results[f"n{i}.md"]] == [Verdict.PROVED], i
    assert sum(len(found) for found in results.values()) == first + 3


def test_verify_a_chain_of_a_thousand_notes_through_workers_and_the_commands(tmp_path, monkeypatch, capsys):
    from vaultkit.cli import main

    cache = tmp_path / "cache"
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(cache))
    depth = 1_000  # the old recursive walk raised RecursionError from about 1,000
    first = depth - 1 - MAX_USED
    root = write_vault(tmp_path, _chain(depth, {0, first - 1, first}))
    verification = vaultkit.verify(vaultkit.load(root), cache_dir=cache, jobs=2)
    found = {(r.note, r.line): (r.verdict, r.message) for r in verification.results}
    assert found[("n0.md", 2)] == (Verdict.ERROR, _limit_message("n1"))
    assert found[(f"n{first - 1}.md", 2)] == (Verdict.ERROR, _limit_message(f"n{first}"))
    assert found[(f"n{first}.md", 3)][0] is Verdict.PROVED  # exactly at the limit: checked
    assert found[(f"n{depth - 1}.md", 3)][0] is Verdict.PROVED
    assert len(found) == first + 2
    assert verification.status["n0"] is Verdict.ERROR and not verification.verified_ancestry["n0"]
    assert verification.verified_ancestry[f"n{first}"]
    before = tree_snapshot(root)
    assert main(["graph", str(root), "-o", str(tmp_path / "g.json"), "--verify"]) in (0, 1)
    assert main(["show", "n0", "--vault", str(root), "--verify"]) in (0, 1)
    assert main(["publish", str(root), "-o", str(tmp_path / "site")]) in (0, 1)
    assert "more than 500 notes" in capsys.readouterr().out
    graph = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert sum(1 for edge in graph["edges"] if edge.get("uses")) == depth - 1
    assert (tmp_path / "site" / "index.html").is_file()
    assert tree_snapshot(root) == before


def test_a_note_that_uses_more_than_a_mebibyte_of_blocks_is_an_error(tmp_path):
    padding = "# " + "p" * (400 * 1024) + "\n"  # a comment: bytes to carry, nothing to read
    files = {f"big{i}.md": f"```sympy\nuses: [[big{i + 1}]]\n{padding}```\n" for i in range(3)}
    files["big3.md"] = BOTTOM
    files["top.md"] = "```sympy\nsymbols: y real\nuses: [[big0]]\nclaim: y == y\n```\n"
    works, _ = work_module.note_works(vaultkit.load(write_vault(tmp_path, files)))
    units = {unit.path: unit for unit in works}
    limit = f"{work_module.MAX_USED_BYTES:,} bytes of sympy blocks"
    message = f"uses: [[big0]] brings in more than {limit} in all (the limit); no claim of this note checked"
    assert [(r.line, r.verdict, r.message) for r in units["top.md"].run(60.0)] == [(3, Verdict.ERROR, message)]
    assert [len(units[f"big{i}.md"].used) for i in range(3)] == [3, 2, 1]  # 800 KiB: within the limit
    assert [r.verdict for r in units["big0.md"].run(60.0)] == []


# ---------------------------------------------------------------- 6. discovery lists each real folder once


def test_a_folder_link_sorted_before_the_real_folder_does_not_take_its_place(tmp_path):
    root = write_vault(tmp_path, {"z-real/n.md": "n [[m]]", "z-real/sub/m.md": "m", "b/c.md": "c"})
    os.symlink("z-real", root / "a-link")
    os.symlink("../z-real/sub", root / "b" / "a-sub")  # a link to a folder inside the real one
    os.symlink("a-link", root / "a-link-to-link")
    found = discover(root)
    assert found.notes == ("b/c.md", "z-real/n.md", "z-real/sub/m.md")
    assert [(d.path, d.line, d.kind, d.severity) for d in found.diagnostics] == [
        ("a-link", 0, "symlink-duplicate", Severity.ERROR),
        ("a-link-to-link", 0, "symlink-duplicate", Severity.ERROR),
        ("b/a-sub", 0, "symlink-duplicate", Severity.ERROR),
    ]
    assert set(vaultkit.load(root).notes) == {"b/c", "z-real/n", "z-real/sub/m"}


def test_a_link_to_a_hidden_folder_is_followed_once(tmp_path):
    """The plain walk skips `.hidden`, so the first link to it lists it: no other path does."""
    root = write_vault(tmp_path, {".hidden/h.md": "h", ".hidden/sub/s.md": "s", ".hidden/.deeper/x.md": "x"})
    os.symlink("..", root / ".hidden" / "up")
    for name, target in [("a-view", ".hidden"), ("b-view", ".hidden"), ("c-part", ".hidden/sub")]:
        os.symlink(target, root / name)
    before = tree_snapshot(root)
    found = discover(root)
    assert found.notes == ("a-view/h.md", "a-view/sub/s.md")
    assert [(d.path, d.kind) for d in found.diagnostics] == [
        ("a-view/up", "symlink-loop"),
        ("b-view", "symlink-duplicate"),
        ("c-part", "symlink-duplicate"),
    ]
    assert vaultkit.load(root).notes["a-view/sub/s"].path == "a-view/sub/s.md"
    assert tree_snapshot(root) == before


def test_two_thousand_folders_each_linking_to_the_top_and_to_the_next(tmp_path):
    """Every link is looked at once, in constant system calls: 4,000 links, one diagnostic each."""
    root = write_vault(tmp_path, {f"f{i:04d}/n.md": f"note {i}" for i in range(2000)})
    for i in range(2000):
        os.symlink("..", root / f"f{i:04d}" / "top")
        os.symlink(f"../f{(i + 1) % 2000:04d}", root / f"f{i:04d}" / "next")
    found = discover(root)
    assert found.notes == tuple(f"f{i:04d}/n.md" for i in range(2000))
    kinds = [(d.path, d.kind) for d in found.diagnostics]
    assert kinds == [
        pair for i in range(2000)
        for pair in ((f"f{i:04d}/next", "symlink-duplicate"), (f"f{i:04d}/top", "symlink-loop"))
    ]  # fmt: skip


def test_a_knot_of_notes_each_using_all_the_others_costs_each_user_a_bounded_walk(tmp_path):
    """300 notes each using the 299 others, and 1,000 notes using the knot: 90 million steps unbounded."""
    knot = 300
    files = {
        f"k{i}.md": "```sympy\nuses: " + ", ".join(f"[[k{j}]]" for j in range(knot) if j != i) + "\n```\n"
        for i in range(knot)
    }
    files.update({f"user{i}.md": f"```sympy\nuses: [[k{i % knot}]]\nclaim: 1 == 1\n```\n" for i in range(1000)})
    files["fine.md"] = "```sympy\nuses: [[a0]]\nclaim: 1 == 1\n```\n"  # 30 notes, each using 10 of the others
    files.update({f"a{i}.md": "```sympy\nuses: " + ", ".join(f"[[a{(i + j) % 30}]]" for j in range(1, 11)) + "\n```\n"
                  for i in range(30)})  # fmt: skip
    works, _ = work_module.note_works(vaultkit.load(write_vault(tmp_path, files)))
    units = {unit.path: unit for unit in works}
    bound = f"more than {work_module.MAX_USES_LINKS:,} uses: targets in all (the limit)"
    for path in ("user0.md", "user999.md", "k0.md"):
        (line, message), *_ = [p for p in units[path].problems if "the limit" in p[1]]
        assert line == 2 and bound in message and units[path].blocks == ()
    results = units["user7.md"].run(60.0)  # the knot is a cycle, too: both are said, and nothing else
    found = [(r.verdict, r.message.split(" ")[1]) for r in results]
    assert found == [(Verdict.ERROR, "cycle"), (Verdict.ERROR, "[[k7]]")]
    assert len(units["fine.md"].used) == 30 and not [p for p in units["fine.md"].problems if "limit" in p[1]]
