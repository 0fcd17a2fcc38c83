"""vaultkit.cli: `main([...])` in-process, plus real runs of the `vaultkit` console script.

Exit status (cli.py): 0 success, 1 the vault has errors (lint), 2 usage error.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import tree_snapshot, write_vault

from vaultkit import __version__
from vaultkit.cli import main

A = "---\naliases: [Alpha]\ntags: [greek]\nkind: letter\n---\n# A\nSee [[B]] and [[B|bee]] and ![[sub/C#Part]] #Tag\n"
B = "Back to [[Alpha]] and [[Ghost]]\n"
C = "---\ntitle: {{title}}\n---\nbody [[A]]\n"


@pytest.fixture
def vault(tmp_path) -> Path:
    return write_vault(tmp_path, {"A.md": A, "B.md": B, "sub/C.md": C})


@pytest.fixture
def clean_vault(tmp_path) -> Path:
    return write_vault(tmp_path, {"A.md": "[[B]]", "B.md": "[[A]] [[Gone]]"}, name="clean")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def console_script() -> list[str]:
    found = shutil.which("vaultkit") or str(Path(sys.executable).with_name("vaultkit"))
    if os.path.exists(found):
        return [found]
    return [sys.executable, "-m", "vaultkit.cli"]


# ---------------------------------------------------------------- graph


def test_graph_summary(capsys, vault):
    before = tree_snapshot(vault)
    code, out, err = run(capsys, "graph", str(vault))
    assert code == 0
    assert out.splitlines() == [
        "vault       vault",
        "notes       3",
        "links       4",
        "unresolved  1 links to 1 missing notes",
        "tags        2",
        "orphans     0",
        "diagnostics 1 errors, 0 warnings",
    ]
    assert err == ""
    assert tree_snapshot(vault) == before


def test_graph_writes_json_outside_the_vault(capsys, vault, tmp_path):
    before = tree_snapshot(vault)
    out_file = tmp_path / "out" / "g.json"
    code, out, _ = run(capsys, "graph", str(vault), "-o", str(out_file))
    assert code == 0
    assert out.splitlines()[-1] == f"wrote {out_file} (4 nodes, 5 edges)"
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert sorted(n["id"] for n in data["nodes"]) == ["A", "B", "Ghost", "sub/C"]
    assert tree_snapshot(vault) == before


def test_graph_load_options(capsys, vault):
    code, out, _ = run(capsys, "graph", str(vault), "--no-alias-links", "--jobs", "1")
    assert code == 0
    assert "unresolved  2 links to 2 missing notes" in out.splitlines()


def test_graph_attachments_flag(capsys, tmp_path):
    root = write_vault(tmp_path, {"A.md": "![[pic.png]] [[doc.pdf]] [[B]]", "B.md": "", "pic.png": b"p", "doc.pdf": b"d"})
    code, out, _ = run(capsys, "graph", str(root), "-o", str(tmp_path / "plain.json"))
    assert code == 0 and "links       1" in out.splitlines()
    code, out, _ = run(capsys, "graph", str(root), "--attachments", "-o", str(tmp_path / "all.json"))
    assert code == 0 and "links       3" in out.splitlines()
    nodes = {n["id"]: n["kind"] for n in json.loads((tmp_path / "all.json").read_text("utf-8"))["nodes"]}
    assert nodes == {"A": "note", "B": "note", "pic.png": "attachment", "doc.pdf": "attachment"}


@pytest.mark.parametrize("name", ["g.txt", "g", "g.json.tmp"])
def test_graph_unknown_output_extension(capsys, vault, tmp_path, name):
    code, _, err = run(capsys, "graph", str(vault), "-o", str(tmp_path / name))
    assert code == 2
    assert err == "vaultkit: error: cannot tell the format of " + name + ": use one of .json, .graphml, .gexf\n"
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("inside", ["g.json", "sub/g.graphml", "new-folder/g.gexf"])
def test_graph_output_inside_the_vault_is_refused(capsys, vault, inside):
    before = tree_snapshot(vault)
    target = vault / inside
    code, _, err = run(capsys, "graph", str(vault), "-o", str(target))
    assert code == 2
    assert err == f"vaultkit: error: {target} is inside the vault; vaultkit does not write there\n"
    assert tree_snapshot(vault) == before


def test_graph_output_into_the_vault_through_a_symlink_is_refused(capsys, vault, tmp_path):
    os.symlink(vault, tmp_path / "sneaky")
    before = tree_snapshot(vault)
    code, _, err = run(capsys, "graph", str(vault), "-o", str(tmp_path / "sneaky" / "g.json"))
    assert code == 2
    assert "is inside the vault" in err
    assert tree_snapshot(vault) == before


def test_missing_vault_and_file_as_vault(capsys, vault, tmp_path):
    code, out, err = run(capsys, "graph", str(tmp_path / "nope"))
    assert (code, out, err) == (2, "", f"vaultkit: error: no such vault: {tmp_path / 'nope'}\n")
    code, out, err = run(capsys, "lint", str(vault / "A.md"))
    assert (code, out, err) == (2, "", f"vaultkit: error: not a folder: {vault / 'A.md'}\n")


def test_default_vault_is_dot_slash_vault(capsys, vault, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "graph")
    assert code == 0
    assert out.splitlines()[0] == "vault       vault"
    monkeypatch.chdir(vault)
    code, out, err = run(capsys, "lint")
    assert (code, out, err) == (2, "", "vaultkit: error: no vault given and there is no ./vault here\n")


def test_max_size_must_be_positive(capsys, vault):
    code, _, err = run(capsys, "graph", str(vault), "--max-size", "0")
    assert (code, err) == (2, "vaultkit: error: --max-size must be a positive number of bytes\n")


def test_max_size_makes_notes_oversized(capsys, vault):
    code, out, _ = run(capsys, "lint", str(vault), "--max-size", "60", "--min-severity", "error")
    assert code == 1
    assert out.splitlines() == [
        f"A.md:0: error: oversized: file is {len(A.encode())} bytes, over the 60-byte limit; not parsed",
        "sub/C.md:2: error: invalid-yaml: invalid YAML in frontmatter (while constructing a mapping, found "
        "unhashable key); aliases, tags and properties ignored",
    ]


# ---------------------------------------------------------------- lint


def test_lint_lists_diagnostics_and_exits_1_on_errors(capsys, vault):
    code, out, err = run(capsys, "lint", str(vault))
    assert code == 1
    assert out.splitlines() == [
        "B.md:1: info: alias-link: [[Alpha]] resolved through an alias of A (Obsidian leaves it unresolved)",
        "B.md:1: info: unresolved-link: [[Ghost]] matches no note; shown as an unresolved link",
        "sub/C.md:2: error: invalid-yaml: invalid YAML in frontmatter (while constructing a mapping, found "
        "unhashable key); aliases, tags and properties ignored",
    ]
    assert err == "3 notes checked: 1 errors, 0 warnings\n"


def test_lint_min_severity(capsys, vault):
    code, out, _ = run(capsys, "lint", str(vault), "--min-severity", "warning")
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines()] == ["error"]


def test_lint_exits_0_without_errors(capsys, clean_vault):
    code, out, err = run(capsys, "lint", str(clean_vault))
    assert code == 0
    assert out == "B.md:1: info: unresolved-link: [[Gone]] matches no note; shown as an unresolved link\n"
    assert err == "2 notes checked: 0 errors, 0 warnings\n"


def test_lint_reports_warnings_without_failing(capsys, tmp_path):
    root = write_vault(tmp_path, {"x/Dup.md": "", "y/Dup.md": "", "L.md": "[[Dup]]"})
    code, out, err = run(capsys, "lint", str(root), "--min-severity", "warning")
    assert code == 0
    assert out == "L.md:1: warning: ambiguous-link: [[Dup]] matches 2 files (x/Dup, y/Dup); linked to x/Dup\n"
    assert err == "3 notes checked: 0 errors, 1 warnings\n"


# ---------------------------------------------------------------- show


def test_show_a_note(capsys, vault):
    code, out, err = run(capsys, "show", "alpha", "--vault", str(vault))
    assert code == 0
    assert err == ""
    assert out.splitlines() == [
        "A  (A.md)",
        "aliases    Alpha",
        "tags       #greek #Tag",
        "properties kind: letter",
        "links out  2",
        "  → B  (B.md) ×2  line 7",
        "  → C  (sub/C.md)  line 7",
        "backlinks  2",
        "  ← B  (B.md)",
        "  ← C  (sub/C.md)",
    ]


def test_show_ghost_targets_and_diagnostics(capsys, vault):
    code, out, _ = run(capsys, "show", "sub/C.md", "--vault", str(vault))
    assert code == 0
    assert out.splitlines()[0] == "C  (sub/C.md)"
    assert out.splitlines()[-1].startswith("  ! sub/C.md:2: invalid-yaml: invalid YAML in frontmatter")
    code, out, _ = run(capsys, "show", "B", "--vault", str(vault), "--no-alias-links")
    assert "  → Alpha  (unresolved)  line 1" in out.splitlines()
    assert "  → Ghost  (unresolved)  line 1" in out.splitlines()


def test_show_unknown_note(capsys, vault):
    code, out, err = run(capsys, "show", "Nope", "--vault", str(vault))
    assert (code, out, err) == (2, "", "vaultkit: error: no note called 'Nope' in vault (by title, alias or path)\n")


def test_show_hostile_names(capsys, tmp_path):
    root = write_vault(tmp_path, {"<script>.md": "[[new\\nline]] [[x]]", "x.md": "[[<script>]]"})
    code, out, _ = run(capsys, "show", "<script>", "--vault", str(root))
    assert code == 0
    assert out.splitlines()[0] == "<script>  (<script>.md)"


# ---------------------------------------------------------------- new


def test_new_creates_a_note(capsys, vault):
    code, out, err = run(capsys, "new", "Heat equation", "--vault", str(vault), "--folder", "math")
    assert code == 0
    assert (out, err) == (f"created {vault / 'math' / 'Heat equation.md'}\n", "")
    assert (vault / "math" / "Heat equation.md").read_text(encoding="utf-8").splitlines()[6] == "# Heat equation"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new", "a/b"], "vaultkit: error: a title cannot contain '/' (Obsidian forbids them in file names)\n"),
        (["new", "../../x"], "vaultkit: error: a title cannot contain '/' (Obsidian forbids them in file names)\n"),
        (["new", "<script>"], "vaultkit: error: a title cannot contain '<' '>' (Obsidian forbids them in file names)\n"),
        (["new", "line\nbreak"], "vaultkit: error: a title cannot contain '\\n' (Obsidian forbids them in file names)\n"),
        (["new", "a"], "vaultkit: error: a.md already exists; not overwritten\n"),
        (["new", "c", "--folder", "sub"], "vaultkit: error: sub/c.md already exists; not overwritten\n"),
        (["new", "x", "--folder", "../out"], "vaultkit: error: folder '../out' must be a plain path inside the vault\n"),
        (["new", "x", "--template", "nope"], "vaultkit: error: no template 'nope.md' in the vault's templates folder or vaultkit's\n"),
    ],
)
def test_new_refusals_write_nothing(capsys, vault, tmp_path, argv, message):
    before = tree_snapshot(vault)
    code, out, err = run(capsys, *argv, "--vault", str(vault))
    assert (code, out, err) == (2, "", message)
    assert tree_snapshot(vault) == before
    assert sorted(os.listdir(tmp_path)) == ["vault"]


def test_new_in_a_missing_vault(capsys, tmp_path):
    code, out, err = run(capsys, "new", "X", "--vault", str(tmp_path / "nope"))
    assert (code, out, err) == (2, "", f"vaultkit: error: no such vault: {tmp_path / 'nope'}\n")
    assert not (tmp_path / "nope").exists()


def test_new_with_a_file_as_vault(capsys, vault):
    code, _, err = run(capsys, "new", "X", "--vault", str(vault / "A.md"))
    assert (code, err) == (2, f"vaultkit: error: no such vault: {vault / 'A.md'}\n")


def test_new_with_a_file_as_folder_is_a_usage_error(capsys, vault):
    code, _, err = run(capsys, "new", "X", "--vault", str(vault), "--folder", "A.md")
    assert code == 2
    assert err.startswith("vaultkit: error:")


# ---------------------------------------------------------------- argument errors


@pytest.mark.parametrize(
    "argv",
    [[], ["bogus"], ["lint", "--min-severity", "fatal"], ["graph", "--max-size", "ten"], ["show"], ["new"]],
)
def test_argument_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "usage: vaultkit" in err
    assert "Traceback" not in err


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"vaultkit {__version__}\n"


def test_unwritable_output_is_a_clean_error(capsys, vault, tmp_path):
    (tmp_path / "g.json").mkdir()
    code, _, err = run(capsys, "graph", str(vault), "-o", str(tmp_path / "g.json"))
    assert code == 2
    assert err.startswith("vaultkit: error:")


# ---------------------------------------------------------------- the real console script


def script(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*console_script(), *argv], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_console_script_lint_and_graph(vault, tmp_path):
    before = tree_snapshot(vault)
    lint = script("lint", str(vault))
    assert lint.returncode == 1
    assert lint.stdout.splitlines()[-1].startswith("sub/C.md:2: error: invalid-yaml:")
    assert lint.stderr == "3 notes checked: 1 errors, 0 warnings\n"
    graph = script("graph", "vault", "-o", str(tmp_path / "g.graphml"), cwd=tmp_path)
    assert graph.returncode == 0
    assert graph.stdout.splitlines()[-1] == f"wrote {tmp_path / 'g.graphml'} (4 nodes, 5 edges)"
    assert graph.stderr == ""
    assert tree_snapshot(vault) == before


@pytest.mark.parametrize(
    ("argv", "expected_err"),
    [
        (["graph", "{tmp}/nope"], "vaultkit: error: no such vault: {tmp}/nope\n"),
        (["graph", "{tmp}/vault/A.md"], "vaultkit: error: not a folder: {tmp}/vault/A.md\n"),
        (["graph", "{tmp}/vault", "-o", "{tmp}/g.csv"], "vaultkit: error: cannot tell the format of g.csv: use one of .json, .graphml, .gexf\n"),
        (["graph", "{tmp}/vault", "-o", "{tmp}/vault/g.json"], "vaultkit: error: {tmp}/vault/g.json is inside the vault; vaultkit does not write there\n"),
        (["new", "a/b", "--vault", "{tmp}/vault"], "vaultkit: error: a title cannot contain '/' (Obsidian forbids them in file names)\n"),
        (["new", "B", "--vault", "{tmp}/vault"], "vaultkit: error: B.md already exists; not overwritten\n"),
    ],
)
def test_console_script_usage_errors_have_no_traceback(vault, tmp_path, argv, expected_err):
    before = tree_snapshot(vault)
    done = script(*(a.format(tmp=tmp_path) for a in argv))
    assert done.returncode == 2
    assert done.stderr == expected_err.format(tmp=tmp_path)
    assert "Traceback" not in done.stderr
    assert tree_snapshot(vault) == before


def test_console_script_reader_going_away_is_not_an_error(tmp_path):
    root = write_vault(tmp_path, {f"n{i}.md": " ".join(f"[[missing {i} {j}]]" for j in range(40)) for i in range(150)})
    pipeline = subprocess.run(
        " ".join([*console_script(), "lint", str(root), "|", "head", "-n", "1", ";", "echo", "status=${PIPESTATUS[0]}"]),
        shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=60,
    )
    assert pipeline.stdout.splitlines() == [
        "n0.md:1: info: unresolved-link: [[missing 0 0]] matches no note; shown as an unresolved link",
        "status=0",
    ]
    assert "Traceback" not in pipeline.stderr


def test_console_script_new(vault):
    done = script("new", "Fresh idea", "--vault", str(vault))
    assert (done.returncode, done.stdout, done.stderr) == (0, f"created {vault / 'Fresh idea.md'}\n", "")
    assert (vault / "Fresh idea.md").is_file()


def test_console_script_graph_with_a_non_utf8_file_name(vault, tmp_path):
    with open(os.path.join(os.fsencode(vault), b"bad\xffname.md"), "wb") as handle:
        handle.write(b"[[A]]")
    done = script("graph", str(vault), "-o", str(tmp_path / "g.json"))
    assert "Traceback" not in done.stderr
    assert done.returncode == 0


# ---------------------------------------------------------------- verification results on the command line


def test_a_verdict_that_relies_on_givens_says_so():
    from vaultkit.checking import report
    from vaultkit.checking.claims import Result, Verdict

    plain = Result("a/N.md", 4, "c", "sympy", Verdict.PROVED, message="lhs − rhs reduces to 0 by expand")
    given = Result("a/N.md", 4, "c", "sympy", Verdict.PROVED, message="lhs − rhs reduces to 0 by expand",
                   givens=("[[Note]]:12", "[[Other]]:3"))  # fmt: skip
    assert report.line(plain) == "a/N.md:4: PROVED c — lhs − rhs reduces to 0 by expand"
    assert report.line(given) == "a/N.md:4: PROVED c — lhs − rhs reduces to 0 by expand (given [[Note]]:12, [[Other]]:3)"
    assert given.as_json()["givens"] == ["[[Note]]:12", "[[Other]]:3"] and plain.as_json()["givens"] == []
    assert Result.from_json(given.as_json()) == given


def test_show_verify_lists_the_derivations_asked_for_and_the_givens(tmp_path, capsys, monkeypatch):
    import dataclasses

    import vaultkit.checking

    notes = {
        "Sigmoid.md": "---\nderivations: [sigmoid-two-class-softmax]\n---\n```sympy\nsymbols: a real\nclaim c: a == a\n```\n",
        "Softmax.md": "Named after a derivation, asks for none.\n",
    }
    root = write_vault(tmp_path, notes)
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(tmp_path / "cache"))
    real = vaultkit.checking.verify

    def with_givens(vault, **options):  # noqa: ANN001, ANN202 - the engine names givens; here they are chosen
        found = real(vault, **options)
        results = tuple(dataclasses.replace(r, givens=("[[Other]]:3",)) if r.id == "c" else r for r in found.results)
        return dataclasses.replace(found, results=results)

    monkeypatch.setattr(vaultkit.checking, "verify", with_givens)
    code, out, _ = run(capsys, "show", "Sigmoid", "--vault", str(root), "--verify")
    assert code == 0
    assert "status     proved  (verified ancestry: yes)" in out and "derivations sigmoid-two-class-softmax" in out
    assert "  Sigmoid.md:6: PROVED c — " in out and out.count("(given [[Other]]:3)") == 1
    assert out.count("builtin/sigmoid-two-class-softmax:") == 6
    code, out, _ = run(capsys, "show", "Softmax", "--vault", str(root), "--verify")
    assert "status     no claims\n" in out and "builtin/" not in out and "verified ancestry" not in out


def test_derive_lists_the_derivations_and_how_a_note_asks_for_one(capsys):
    code, out, _ = run(capsys, "derive")
    assert code == 0
    for name in ("amplitude-normalization", "softmax-partition-function", "sigmoid-two-class-softmax", "wick-rotation"):
        assert name in out
    assert "derivations: [NAME]" in out and "attaches" not in out
    assert run(capsys, "derive", "no-such-thing")[0] == 2
