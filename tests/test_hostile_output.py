"""A vault's text never reaches the terminal raw, and a killed `vaultkit verify` leaves no worker behind.

The vault is untrusted: its file names, aliases, tags, properties, link targets
and claims can hold escape sequences that retitle the terminal window or
overwrite lines already printed. Human output shows them as visible escapes;
JSON output keeps the exact strings.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from urllib.parse import quote

import pytest

from vaultkit.cli import main
from vaultkit.terminal import escape, json_safe
from conftest import write_vault

RETITLE = "\x1b]0;pwned\x07"  # OSC 0: set the window title
OVERWRITE = "\x1b[2K\rfake: all good"  # erase the line, back to its start, lie
RETITLE_SHOWN = "\\x1b]0;pwned\\x07"
OVERWRITE_SHOWN = "\\x1b[2K\\x0dfake: all good"
TITLE = RETITLE + OVERWRITE

NOTE = f"""---
aliases: ["\\e]0;pwned\\a", "\\e[2K\\rfake: all good"]
tags: ["\\e]0;pwned\\a", "\\e[2K\\rfake: all good"]
colour: "\\e[2K\\rfake: all good"
"\\e]0;pwned\\a": yes
---
# Note

[self]({quote(RETITLE)}) [[Other]]

```sympy
symbols: x real
claim: x + x == 2*x
claim: x + x == 3*x
claim: x == {RETITLE}
```

$$ \\frac{{{OVERWRITE}}}{{2}} $$
"""

# Wikilinks cannot hold `[`, `]` or CR; percent-encoded Markdown links can hold anything.
OTHER = f"""# Other

[the note]({quote(TITLE + ".md")}) and a ghost: [gone]({quote(f"missing {TITLE}.md")})
"""


@pytest.fixture
def hostile(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("VAULTKIT_CACHE_DIR", str(tmp_path / "cache"))
    return write_vault(tmp_path, {f"{TITLE}.md": NOTE, "Other.md": OTHER}, name=f"vault {TITLE}")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_safe(*texts: str) -> None:
    """No raw ESC, BEL or CR (nor any other control but tab and newline) reaches the terminal."""
    for text in texts:
        for bad in ("\x1b", "\x07", "\r", "\x9b", "\u202e"):
            assert bad not in text, (bad, text)
        assert escape(text.replace("\n", "")) == text.replace("\n", "")


# ---------------------------------------------------------------- the one function


def test_escape_shows_controls_and_keeps_the_rest():
    assert escape(RETITLE) == RETITLE_SHOWN
    assert escape(OVERWRITE) == OVERWRITE_SHOWN
    assert escape("tab\there, ünïcødé, → ×2") == "tab\there, ünïcødé, → ×2"
    assert escape("a\nb\x00\x7f\x85\x9b") == "a\\x0ab\\x00\\x7f\\x85\\x9b"
    assert escape("\u202eevil\u202c \u2066x\u2069") == "\\u202eevil\\u202c \\u2066x\\u2069"
    forged = "ok\u2028Other.md:7: PROVED forged\u2029"  # line breaks to `str.splitlines`
    assert escape(forged).splitlines() == ["ok\\u2028Other.md:7: PROVED forged\\u2029"]
    assert escape(escape(TITLE)) == escape(TITLE)  # backslashes are left alone: escaping twice changes nothing


def test_json_safe_keeps_the_exact_strings():
    value = {"k\u202e": [TITLE, "\x85\x9b\x7f", "\u2066x\u2069", "tab\t", "a\nb"]}
    text = json_safe(json.dumps(value, ensure_ascii=False, indent=1))
    assert_safe(text)
    assert json.loads(text) == value


# ---------------------------------------------------------------- every command's human output


def test_lint(capsys, hostile):
    code, out, err = run(capsys, "lint", str(hostile))
    assert code == 0
    assert_safe(out, err)
    assert "unresolved-link" in out
    assert RETITLE_SHOWN in out and OVERWRITE_SHOWN in out
    # one diagnostic a line: vault text cannot start a line of its own
    assert all(line.startswith(("Other.md:", f"{escape(TITLE)}.md:")) for line in out.splitlines())


def test_show_the_hostile_note(capsys, hostile):
    code, out, err = run(capsys, "show", TITLE, "--vault", str(hostile))
    assert code == 0
    assert_safe(out, err)
    lines = out.splitlines()
    assert lines[0] == f"{escape(TITLE)}  ({escape(TITLE)}.md)"
    assert f"aliases    {RETITLE_SHOWN}, {OVERWRITE_SHOWN}" in lines
    assert f"tags       #{RETITLE_SHOWN} #{OVERWRITE_SHOWN}" in lines
    assert f"properties colour: {OVERWRITE_SHOWN}, {RETITLE_SHOWN}: True" in lines
    assert any(line.startswith(f"  ← Other  (Other.md)") for line in lines)


def test_show_link_targets(capsys, hostile):
    code, out, err = run(capsys, "show", "Other", "--vault", str(hostile))
    assert code == 0
    assert_safe(out, err)
    assert f"  → {escape(TITLE)}  ({escape(TITLE)}.md)  line 3" in out
    assert f"missing {escape(TITLE)}" in out and "(unresolved)" in out


def test_show_with_verify(capsys, hostile):
    code, out, err = run(capsys, "show", TITLE, "--vault", str(hostile), "--verify")
    assert code == 0
    assert_safe(out, err)
    assert f"PROVED {escape(TITLE)}:" in out and f"FALSE {escape(TITLE)}:" in out


def test_graph_summary_and_exact_json_file(capsys, hostile, tmp_path):
    output = tmp_path / "graph.json"
    code, out, err = run(capsys, "graph", str(hostile), "-o", str(output))
    assert code == 0
    assert_safe(out, err)
    assert out.splitlines()[0] == f"vault       vault {escape(TITLE)}"
    text = output.read_text(encoding="utf-8")
    assert RETITLE in text or json.dumps(RETITLE) in text  # the file keeps the exact strings
    nodes = json.loads(text)["nodes"]
    ids = {node["id"] for node in nodes}
    assert TITLE in ids
    assert any(f"missing {TITLE}" in i for i in ids)


def test_verify_lines(capsys, hostile):
    code, out, err = run(capsys, "verify", str(hostile), "--no-cache")
    assert code == 1  # x + x == 3*x is false
    assert_safe(out, err)
    lines = out.splitlines()
    assert lines[0].startswith(f"{escape(TITLE)}.md:13: PROVED {escape(TITLE)}:13 — ")
    assert lines[1].startswith(f"{escape(TITLE)}.md:14: FALSE {escape(TITLE)}:14 — ")
    assert lines[2].startswith(f"{escape(TITLE)}.md:15: ERROR {escape(TITLE)}:15 — ")
    assert lines[3].startswith("3 claims: 1 proved, 1 false, 1 error")
    assert len(lines) == 4  # nothing from the vault started a line of its own


def test_verify_json_round_trips_the_exact_strings(capsys, hostile):
    code, out, err = run(capsys, "verify", str(hostile), "--no-cache", "--json")
    assert code == 1
    assert_safe(out, err)
    results = json.loads(out)
    assert {r["id"] for r in results} == {f"{TITLE}:13", f"{TITLE}:14", f"{TITLE}:15"}
    assert {r["note"] for r in results} == {f"{TITLE}.md"}


def test_verify_coverage(capsys, hostile):
    code, out, err = run(capsys, "verify", str(hostile), "--coverage")
    assert code == 0
    assert_safe(out, err)
    code, out, err = run(capsys, "verify", str(hostile), "--coverage", "--json")
    assert_safe(out, err)
    assert json.loads(out)["equations"] >= 1


def test_error_messages_are_escaped(capsys, tmp_path):
    missing = tmp_path / f"no {TITLE}"
    code, out, err = run(capsys, "lint", str(missing))
    assert code == 2
    assert_safe(out, err)
    assert RETITLE_SHOWN in err


# ---------------------------------------------------------------- a killed `vaultkit verify` leaves no worker

SLOW = """# Slow

```sympy
symbols: x positive
claim slow: integrate(exp(x**7)*sin(x**5)*log(x), x) == 1
```
"""

# `vaultkit` in a process of its own; "watch" takes away PR_SET_PDEATHSIG to test the fallback used off Linux.
LAUNCH = """
import sys
from vaultkit.checking import workers
if sys.argv[1] == "watch":
    workers._pdeathsig = lambda: False
from vaultkit.cli import main
raise SystemExit(main(sys.argv[2:]))
"""


def _alive(pid: int) -> bool:
    """The process exists and is not a zombie (a zombie has stopped running; only its exit status is left)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def _poll(condition, timeout: float) -> bool:  # noqa: ANN001
    give_up = time.monotonic() + timeout
    while time.monotonic() < give_up:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds processes through /proc")
@pytest.mark.parametrize("mode", ["prctl", "watch"])
def test_killing_verify_kills_its_worker(tmp_path, mode):
    root = write_vault(tmp_path, {"Slow.md": SLOW})
    env = dict(os.environ, VAULTKIT_CACHE_DIR=str(tmp_path / "cache"))
    argv = [sys.executable, "-c", LAUNCH, mode, "verify", str(root), "--budget", "600", "--jobs", "1", "--no-cache"]
    parent = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    workers: list[int] = []
    try:
        assert _poll(lambda: bool(workers.extend(_children(parent.pid)) or workers), 120), "no worker started"
        assert parent.poll() is None
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(60)
        assert _poll(lambda: not any(_alive(pid) for pid in workers), 60), "a worker outlived vaultkit verify"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pid in workers:  # never leave one spinning, whatever the test found
            if _alive(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
