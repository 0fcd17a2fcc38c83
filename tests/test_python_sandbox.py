"""`--run-python`: a block can state claims, and nothing else: no write into the vault or the cache, no
network, no process left behind, no say in its own verdicts. Each test is an attack a block could make."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest

import vaultkit
from vaultkit.checking import cache as cache_module
from vaultkit.checking import sandbox
from vaultkit.checking.cache import ResultCache
from vaultkit.checking.claims import Verdict
from vaultkit.checking.run import UNCONFINED, verify
from vaultkit.checking.srepr import SreprError, read_srepr
from vaultkit.checking.work import note_works
from conftest import tree_snapshot, write_vault

isolated = pytest.mark.skipif(not sandbox.available(), reason="this system gives no user namespaces")
FALSE_NOTE = "# Wrong\n\n```sympy\nsymbols: x real\nclaim wrong: x + 1 == x\n```\n"


def block(code: str) -> str:
    return f"# Code\n\n```python derivation\n{code.strip()}\n```\n"


def verdicts(verification) -> dict[str, Verdict]:  # noqa: ANN001
    return {r.id: r.verdict for r in verification.results}


@pytest.fixture
def unconfined(monkeypatch):
    """This system as one without namespaces: blocks run with the user's rights."""
    monkeypatch.setattr(sandbox, "available", lambda: False)
    monkeypatch.setattr("vaultkit.checking.run.sandbox_available", lambda: False)


def _forged_entry(vault, cache_dir) -> tuple[str, str]:  # noqa: ANN001
    """Where the false note's cache entry lives, and an entry that says its claim is proved."""
    (work,) = [w for w in note_works(vaultkit.load(vault))[0] if w.path == "Wrong.md"]
    key = work.key()
    result = {"note": "Wrong.md", "line": 5, "id": "wrong", "source": "sympy", "verdict": "proved", "method": "forged",
              "seconds": 0.0, "message": "", "counterexample": None, "givens": [], "incomplete": False}  # fmt: skip
    entry = {"format": 1, "key": key, "engine": cache_module._engine_version(), "results": [result]}
    return str(ResultCache(cache_dir, vault)._path(key)), json.dumps(entry)


def test_a_forged_cache_entry_would_be_believed_so_blocks_must_not_be_able_to_write_one(tmp_path):
    vault = write_vault(tmp_path, {"Wrong.md": FALSE_NOTE})
    cache_dir = tmp_path / "cache"
    assert verdicts(verify(vaultkit.load(vault), cache_dir=cache_dir)) == {"wrong": Verdict.FALSE}
    path, entry = _forged_entry(vault, cache_dir)
    with open(path, "w", encoding="utf-8") as handle:  # what a block with the user's rights could do
        handle.write(entry)
    assert verdicts(verify(vaultkit.load(vault), cache_dir=cache_dir)) == {"wrong": Verdict.PROVED}


FORGER = """
import os
try:
    with open({path!r}, "w") as handle:
        handle.write({entry!r})
    forged = 1
except OSError:
    forged = 0
claim("could-not-forge", forged, 0)
"""


def _run_forger(vault, cache_dir):  # noqa: ANN001, ANN202
    """A false note checked and cached, then a block that tries to rewrite its entry as proved, run."""
    write_vault(vault.parent, {"Wrong.md": FALSE_NOTE}, name=vault.name)
    verify(vaultkit.load(vault), cache_dir=cache_dir)
    path, entry = _forged_entry(vault, cache_dir)
    (vault / "Forger.md").write_text(block(FORGER.format(path=path, entry=entry)), encoding="utf-8")
    return verify(vaultkit.load(vault), cache_dir=cache_dir, run_python=True)


@isolated
def test_a_block_cannot_forge_the_cache_so_a_later_run_still_finds_the_false_claim(tmp_path):
    vault, cache_dir = tmp_path / "vault", tmp_path / "cache"
    ran = _run_forger(vault, cache_dir)
    assert verdicts(ran) == {"wrong": Verdict.FALSE, "could-not-forge": Verdict.PROVED}
    assert ran.warnings == ()
    later = verify(vaultkit.load(vault), cache_dir=cache_dir)  # without --run-python, from the cache
    assert verdicts(later)["wrong"] is Verdict.FALSE and later.reused == 1


def test_without_a_sandbox_the_cache_is_emptied_after_the_blocks_ran(tmp_path, unconfined):
    vault, cache_dir = tmp_path / "vault", tmp_path / "cache"
    ran = _run_forger(vault, cache_dir)
    assert verdicts(ran) == {"wrong": Verdict.FALSE, "could-not-forge": Verdict.FALSE}  # it did forge
    assert ran.warnings == (UNCONFINED,)
    later = verify(vaultkit.load(vault), cache_dir=cache_dir)
    assert verdicts(later)["wrong"] is Verdict.FALSE


WRITER = """
import os
written = []
for target in {targets!r}:
    try:
        with open(target, "a") as handle:
            handle.write("owned")
        written.append(target)
    except OSError:
        pass
claim("wrote-nothing-outside", len(written), 0)
with open("scratch.txt", "w") as handle:  # its own working directory is writable
    handle.write("x")
claim("home-is-its-workdir", int(os.environ["HOME"] == os.getcwd() == os.environ["TMPDIR"]), 1)
claim("environment-is-minimal", int(set(os.environ) <= {{"HOME", "TMPDIR", "PATH", "LANG", "LC_CTYPE"}}), 1)
"""


@isolated
def test_a_block_can_write_only_its_own_temporary_folder(tmp_path):
    vault = write_vault(tmp_path, {"Wrong.md": FALSE_NOTE})
    cache_dir = tmp_path / "cache"
    verify(vaultkit.load(vault), cache_dir=cache_dir)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("mine", encoding="utf-8")
    targets = [str(vault / "Wrong.md"), str(vault / "New.md"), str(cache_dir / "results" / "x.json"), str(outside),
               os.path.join(os.path.dirname(vaultkit.__file__), "planted.py")]  # fmt: skip
    (vault / "Code.md").write_text(block(WRITER.format(targets=targets)), encoding="utf-8")
    before, cache_before = tree_snapshot(vault), tree_snapshot(cache_dir)
    ran = verify(vaultkit.load(vault), cache_dir=cache_dir, run_python=True)
    assert {k: v for k, v in verdicts(ran).items() if k != "wrong"} == {
        "wrote-nothing-outside": Verdict.PROVED,
        "home-is-its-workdir": Verdict.PROVED,
        "environment-is-minimal": Verdict.PROVED,
    }
    assert tree_snapshot(vault) == before
    assert outside.read_text(encoding="utf-8") == "mine"
    assert not os.path.exists(targets[-1])
    entries = {k: v for k, v in cache_before.items() if k.endswith(".json")}
    after = tree_snapshot(cache_dir)  # the parent wrote the block's results; no entry changed otherwise
    assert entries and {k: v for k, v in after.items() if k in entries} == entries


@isolated
def test_a_block_has_no_network_not_even_loopback(tmp_path):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        code = f"""
import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=5).close()
    reached = 1
except OSError:
    reached = 0
claim("no-network", reached, 0)
"""
        vault = write_vault(tmp_path, {"Code.md": block(code)})
        ran = verify(vaultkit.load(vault), use_cache=False, run_python=True)
    assert verdicts(ran) == {"no-network": Verdict.PROVED}


@isolated
def test_a_block_cannot_reach_a_local_socket_file(tmp_path):
    """A read-only mount lets a program connect to a socket file: a session bus could write for it."""
    path = str(tmp_path / "bus")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(path)
        server.listen()
        code = f"""
import socket
try:
    with socket.socket(socket.AF_UNIX) as client:
        client.connect({path!r})
    reached = 1
except OSError:
    reached = 0
claim("no-local-socket", reached, 0)
"""
        vault = write_vault(tmp_path, {"Code.md": block(code)})
        ran = verify(vaultkit.load(vault), use_cache=False, run_python=True)
    assert verdicts(ran) == {"no-local-socket": Verdict.PROVED}


LIAR = """
import sympy
import vaultkit.checking.engine as engine
from vaultkit.checking.claims import Result, Verdict
engine.check = lambda claim, **_: Result(claim.note, claim.line, claim.id, "python", Verdict.PROVED)
sympy.simplify = lambda expression, *args, **kwargs: sympy.Integer(0)
sympy.Basic.equals = lambda self, other, *args: True
x = sympy.Symbol("x")
claim("one-is-two", 1, 2)
claim("square", (x + 1) ** 2, x**2 + 1)
"""


def test_a_block_cannot_change_its_own_verdicts(tmp_path):
    vault = write_vault(tmp_path, {"Code.md": block(LIAR)})
    ran = verify(vaultkit.load(vault), use_cache=False, run_python=True)
    assert verdicts(ran) == {"one-is-two": Verdict.FALSE, "square": Verdict.FALSE}


ASSUMING = """
import sympy
A, B = sympy.symbols("A B", commutative=False)
n, y = sympy.Symbol("n", odd=True), sympy.Symbol("y", imaginary=True)
x, x_real = sympy.Symbol("x"), sympy.Symbol("x", real=True)
claim("noncommuting", A * B, B * A)
claim("odd", 2 * sympy.floor(n / 2) + 1, n)
claim("imaginary", sympy.conjugate(y), -y)
claim("one-name-two-symbols", x, x_real)
claim("plain", x * x, x**2)
"""


def test_symbols_the_engine_cannot_sample_are_refused_not_judged(tmp_path):
    """A block can build symbols `symbols:` cannot declare; the sampler would draw wrong values for them."""
    vault = write_vault(tmp_path, {"Code.md": block(ASSUMING)})
    found = verdicts(verify(vaultkit.load(vault), use_cache=False, run_python=True))
    assert found == {"noncommuting": Verdict.ERROR, "odd": Verdict.ERROR, "imaginary": Verdict.ERROR,
                     "one-name-two-symbols": Verdict.ERROR, "plain": Verdict.PROVED}  # fmt: skip


def _stray(token: str) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        try:
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                if token.encode() in handle.read():
                    found.append(int(name))
        except (OSError, ValueError):
            pass
    return found


ESCAPER = """
import subprocess, sys
program = "import os, time\\nif os.fork(): os._exit(0)\\nos.setsid()\\ntime.sleep(600)"
subprocess.Popen([sys.executable, "-c", program, {token!r}], start_new_session=True)
claim("started", 1, 1)
"""


@pytest.mark.parametrize("confined", [True, False], ids=["sandbox", "no-sandbox"])
def test_a_process_a_block_starts_does_not_outlive_the_run(tmp_path, monkeypatch, confined):
    if confined and not sandbox.available():
        pytest.skip("this system gives no user namespaces")
    if not confined:
        monkeypatch.setattr(sandbox, "available", lambda: False)
        monkeypatch.setattr("vaultkit.checking.run.sandbox_available", lambda: False)
    token = f"vaultkit-stray-{uuid.uuid4().hex}"
    vault = write_vault(tmp_path, {"Code.md": block(ESCAPER.format(token=token))})
    ran = verify(vaultkit.load(vault), use_cache=False, run_python=True)
    assert verdicts(ran) == {"started": Verdict.PROVED}
    assert _stray(token) == []


SLEEPER = """
import ctypes, subprocess, sys, time
if {stubborn!r}:
    ctypes.CDLL(None).prctl(1, 0, 0, 0, 0)  # no parent-death signal for the block itself
program = "import os, time\\nif os.fork(): os._exit(0)\\nos.setsid()\\ntime.sleep(600)"
subprocess.Popen([sys.executable, "-c", program, {token!r}], start_new_session=True)
time.sleep(600)
"""


@isolated
@pytest.mark.parametrize("stubborn", [False, True], ids=["plain", "clears-its-parent-death-signal"])
def test_kill_9_of_vaultkit_takes_a_running_block_and_its_processes_with_it(tmp_path, stubborn):
    token = f"vaultkit-stray-{uuid.uuid4().hex}"
    vault = write_vault(tmp_path, {"Code.md": block(SLEEPER.format(token=token, stubborn=stubborn))})
    command = [sys.executable, "-m", "vaultkit.cli", "verify", str(vault), "--run-python", "--no-cache"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:  # until the block's process is up: a budget far above need (seconds idle), for a machine kept busy
        assert _waited(lambda: bool(_stray(token)) or process.poll() is not None, 600) and _stray(token), (
            "the block never started")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    _waited(lambda: not _stray(token), 300)  # the kernel ends them; a busy machine may take a while
    assert _stray(token) == []


def _waited(done, seconds: float) -> bool:
    """Poll `done` until it holds or `seconds` have passed (a budget, never a measurement)."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


SNOOP = """
import glob
found = 0
for path in glob.glob("/proc/*/environ") + glob.glob("/proc/*/cmdline"):
    try:
        found += {token!r} in open(path, errors="replace").read()
    except OSError:
        pass
claim("saw-no-secret", found, 0)
"""


@isolated
def test_a_block_cannot_read_the_environment_of_vaultkit(tmp_path):
    token = f"secret-{uuid.uuid4().hex}"
    vault = write_vault(tmp_path, {"Code.md": block(SNOOP.format(token=token))})
    command = [sys.executable, "-m", "vaultkit.cli", "verify", str(vault), "--run-python", "--no-cache", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "API_TOKEN": token})
    (result,) = json.loads(done.stdout)
    assert (result["id"], result["verdict"]) == ("saw-no-secret", "proved")


# ---------------------------------------------------------------- the reader of what a block sends


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('true')",
        "Add('x', Integer(1))",  # a string where SymPy would sympify it
        "Symbol('x').__class__",
        "sympify('x')",
        "open('f')",
        "Float('__import__')",
        "S.Half",
        "(lambda: 1)()",
        "Symbol('x', real='yes')",
        "Function('f')('x')",
        "Symbol('x')(Integer(1))",
        "Integer('5')",
        "[Integer(1)]",
        "Add(" + "(" * 300 + "Integer(1)" + ")" * 300 + ")",
        "Add(" + "Integer(1), " * 30_000 + ")",
        "Float('1.5', precision=100000000)",  # building it would be the work
    ],
)
def test_the_reader_of_a_blocks_claims_refuses_anything_but_sympy_objects(text):
    with pytest.raises(SreprError):
        read_srepr(text)


def test_the_reader_rebuilds_what_the_block_built():
    import sympy

    x, n = sympy.Symbol("x", positive=True), sympy.Symbol("n", integer=True)
    f = sympy.Function("f")
    for expression in [
        sympy.exp(-x) * sympy.sin(x) ** 2 / 3 + sympy.pi,
        sympy.Sum(1 / n**2, (n, 1, sympy.oo)),
        sympy.Integral(f(x), (x, 0, 1)),
        sympy.Derivative(f(x), x),
        sympy.Limit(sympy.sin(x) / x, x, 0, "+"),
        sympy.Piecewise((x, x > 1), (0, True)),
        sympy.Float("-1.5e-30", 30),
        sympy.sqrt(2) / 2 + sympy.I * sympy.EulerGamma,
    ]:
        rebuilt = read_srepr(sympy.srepr(expression))
        assert sympy.srepr(rebuilt.doit()) == sympy.srepr(expression.doit()) or sympy.simplify(rebuilt - expression) == 0
        assert rebuilt.free_symbols == expression.free_symbols  # assumptions travel with the symbols
