"""Attacks on the sandbox of `vaultkit verify --run-python`, written from the promise alone.

The promise (docs/claims.md, "Python derivation blocks (opt-in)"; README, `--run-python`; `vaultkit verify
--help`): where Linux gives user namespaces, a ```` ```python derivation ```` block runs in a sandbox in
which every file system it sees is read-only except its own temporary working folder (which vanishes with
it); it has no network, not even loopback, cannot open a Unix socket, cannot see other processes and has no
capability; its processes end with it (normal end, time-out, `kill -9` of vaultkit); it runs under limits on
CPU/wall-clock time, memory (2 GiB a process), file size (16 MiB) and processes (8); it only *states* claims
with `claim(id, lhs, rhs)`, vaultkit reads them with a safe reader and checks them itself, so nothing the
block does can make a false claim `proved`/`checked`, the verification cache is written by vaultkit alone, and
a later run without --run-python is never fooled.
Documented as allowed: a block may read any file you can read and put it in its claims.

Each test writes a vault into `tmp_path`, runs the vaultkit CLI with --run-python and asserts the promise;
after every run it also checks that the vault is byte-identical, that no process of the attack is left, that
the block's working folder is gone and that the cache is not forged (a run without --run-python must give the
verdicts of a fresh run). The attacks that once broke the promise carry a comment `Once broken: ...`.
Every test is bounded (about a minute at most) and cleans up what it creates on the host.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sandbox promise is Linux's")

VAULTKIT = Path(sys.executable).with_name("vaultkit")
if not VAULTKIT.exists():  # pragma: no cover - other layouts
    VAULTKIT = Path(shutil.which("vaultkit") or "vaultkit")

IS_ROOT = os.geteuid() == 0
LIBC = ctypes.CDLL(None, use_errno=True)


def _userns_available() -> bool:
    code = "import ctypes,sys; sys.exit(0 if ctypes.CDLL(None).unshare(0x10000000) == 0 else 1)"
    try:
        return subprocess.run([sys.executable, "-c", code], timeout=20).returncode == 0
    except Exception:
        return False


USERNS = _userns_available()
needs_userns = pytest.mark.skipif(not USERNS, reason="the read-only/no-network promise needs user namespaces")

OTHER_NOTE = """# Other

```sympy
symbols: x real
claim other-true: (x + 1)**2 == x**2 + 2*x + 1
claim other-false: (x + 1)**2 == x**2 + 1
```
"""

# Put in front of every attack block: `R(name, value)` reports a value through a claim id (`R|name|value`,
# a true claim 0 = 0), `TRY(name, f)` reports what `f()` returned or raised. The block's process name
# (comm) is set to the attack's token so that a surviving process can be found.
PRELUDE = """\
import os, sys, ctypes
from sympy import Integer
TOKEN = {token!r}
VAULT, CACHE = {vault!r}, {cache!r}
LIBC = ctypes.CDLL(None, use_errno=True)
LIBC.prctl(15, TOKEN.encode(), 0, 0, 0)
def R(name, value):
    claim("R|" + name + "|" + str(value)[:300], Integer(0), Integer(0))
def TRY(name, f):
    try:
        R(name, "OK " + str(f()))
    except BaseException as e:
        R(name, "EXC " + type(e).__name__ + " " + str(e)[:200])
"""


# --------------------------------------------------------------------------------------------------------------
# helpers


def snapshot(root: Path) -> dict[str, tuple]:
    out: dict[str, tuple] = {}
    if not root.exists():
        return out
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        if path.is_symlink():
            out[str(path.relative_to(root))] = ("link", os.readlink(path), st.st_mode)
        elif path.is_file():
            out[str(path.relative_to(root))] = (hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mode, st.st_mtime_ns, st.st_nlink)
        else:
            out[str(path.relative_to(root))] = ("dir", st.st_mode)
    return out


def token_processes(token: str) -> list[int]:
    """Processes (other than this one) whose command line or name contains `token`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            comm = Path(f"/proc/{entry}/comm").read_bytes()
        except OSError:
            continue
        if token.encode() in cmdline or token.encode() in comm:
            found.append(int(entry))
    return found


def wait_no_processes(token: str, seconds: float = 5.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while True:
        left = token_processes(token)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def kill_processes(token: str) -> None:
    for _ in range(3):
        for pid in token_processes(token):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.2)


class Result:
    def __init__(self, rc, stdout: str, stderr: str, elapsed: float, as_json: bool):
        self.rc, self.stdout, self.stderr, self.elapsed = rc, stdout, stderr, elapsed
        self.records: list[dict] = []
        if as_json and rc != "timeout":
            try:
                self.records = json.loads(stdout)
            except ValueError:
                self.records = []

    @property
    def reports(self) -> dict[str, str]:
        out = {}
        for r in self.records:
            if isinstance(r.get("id"), str) and r["id"].startswith("R|"):
                _, name, value = r["id"].split("|", 2)
                out[name] = value
        return out

    def verdicts(self, note: str | None = None) -> dict[str, str]:
        return {str(r["id"]): r["verdict"] for r in self.records
                if (note is None or r["note"] == note) and not str(r["id"]).startswith("R|")}

    def record(self, ident: str) -> dict:
        for r in self.records:
            if r["id"] == ident:
                return r
        raise AssertionError(f"no result for claim {ident!r}; got {[r['id'] for r in self.records]}\n{self.stdout[-2000:]}")

    def __repr__(self):
        return f"<Result rc={self.rc} {self.elapsed:.1f}s stdout={self.stdout[-1500:]!r} stderr={self.stderr[-1500:]!r}>"


_TOKENS: list[str] = []


@pytest.fixture(autouse=True)
def _kill_leftovers():
    """Whatever a test proves, leave no process of its attacks behind."""
    yield
    while _TOKENS:
        kill_processes(_TOKENS.pop())


class Attack:
    """A vault with one attack block (`N.md`) and a canary note (`Other.md`), its own cache and TMPDIR."""

    def __init__(self, tmp_path: Path, block: str, *, prelude: bool = True, extra: dict[str, str] | None = None):
        self.token = "vk" + secrets.token_hex(5)
        _TOKENS.append(self.token)
        self.root = tmp_path
        self.vault = tmp_path / f"vault_{self.token}"
        self.cache = tmp_path / "cache"
        self.tmpdir = tmp_path / "tmp"
        self.vault.mkdir()
        self.tmpdir.mkdir()
        code = (PRELUDE.format(token=self.token, vault=str(self.vault), cache=str(self.cache)) if prelude else "") + textwrap.dedent(block).strip("\n")
        assert "```" not in code
        self.note_text = "# N\n\nAn attack.\n\n```python derivation\n" + code + "\n```\n\nAfter the block.\n"
        (self.vault / "N.md").write_text(self.note_text)
        (self.vault / "Other.md").write_text(OTHER_NOTE)
        for name, text in (extra or {}).items():
            (self.vault / name).write_text(text)
        lines = self.note_text.splitlines()
        self.block_first = lines.index("```python derivation") + 1  # 1-based line of the fence
        self.block_last = len(lines) - lines[::-1].index("```")  # 1-based line of the closing fence
        self.before = snapshot(self.vault)

    def env(self, extra: dict[str, str] | None = None, cache: Path | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("VAULTKIT", "XDG_CACHE"))}
        env.update(VAULTKIT_CACHE_DIR=str(cache or self.cache), TMPDIR=str(self.tmpdir))
        env.update(extra or {})
        return env

    def argv(self, *, run_python: bool, as_json: bool, budget: float, extra_args=()) -> list[str]:
        argv = [str(VAULTKIT), "verify", str(self.vault), "--budget", str(budget), *extra_args]
        if run_python:
            argv.append("--run-python")
        if as_json:
            argv.append("--json")
        return argv

    def run(self, *, run_python: bool = True, as_json: bool = True, budget: float = 5, timeout: float = 90,
            env: dict[str, str] | None = None, cache: Path | None = None, extra_args=()) -> Result:
        start = time.monotonic()
        proc = subprocess.Popen(self.argv(run_python=run_python, as_json=as_json, budget=budget, extra_args=extra_args),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.env(env, cache),
                                cwd=self.root, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
            rc = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            rc = "timeout"
        return Result(rc, out.decode(errors="replace"), err.decode(errors="replace"), time.monotonic() - start, as_json)

    # -- the checks after every attack ------------------------------------------------------------------------

    def assert_unharmed(self, result: Result, *, canary: bool = True, tmp_gone: bool = True) -> None:
        assert "Traceback" not in result.stderr, f"vaultkit crashed: {result!r}"
        assert snapshot(self.vault) == self.before, "the vault changed"
        left = wait_no_processes(self.token)
        assert not left, f"processes of the block outlived the run: {left}"
        if tmp_gone:
            assert list(self.tmpdir.iterdir()) == [], f"the block's working folder stayed: {list(self.tmpdir.iterdir())}"
        if canary:
            got = result.verdicts("Other.md")
            assert got == {"other-true": "proved", "other-false": "false"}, f"canary note: {got}; {result!r}"
        self.assert_cache_not_forged()

    def assert_cache_not_forged(self) -> None:
        """A later run without --run-python gives what a run with an empty cache gives: the python block
        skipped and the canary's own verdicts (known, so no second run is needed to learn them)."""
        later = self.run(run_python=False)
        assert later.records, f"the run without --run-python printed no results: {later!r}"
        for r in later.records:
            if r["source"] == "python":
                assert r["verdict"] == "skipped", f"a python block was not skipped without --run-python: {r}"
        others = {k: v for k, v in later.verdicts().items() if not any(
            r["id"] == k and r["source"] == "python" for r in later.records)}
        assert others == {"other-true": "proved", "other-false": "false"}, (
            f"the cache changed a verdict of a later run without --run-python: {others}")


class Code(str):
    """A payload given as a Python expression, computed inside the block (keeps the note small)."""


def hostile_results(payload: str | bytes) -> str:
    """Block code that replaces the block's result channel (fd 3) with `payload` and ends at once."""
    return f"""
import os, json
data = {payload if isinstance(payload, Code) else repr(payload)}
data = data.encode() if isinstance(data, str) else data
os.ftruncate(3, 0)
os.lseek(3, 0, 0)
os.write(3, data)
os._exit(0)
"""


def raw_claims(claims: list[dict]) -> str:
    """Block code that appends raw claim records (as the `claim` function would) to the block's result list."""
    return f"""
_claims = claim.__globals__["claims"]
for _c in {claims!r}:
    _claims.append(_c)
"""


# --------------------------------------------------------------------------------------------------------------
# 1. file systems: read-only except the block's own folder


@needs_userns
def test_block_cannot_write_vault_cache_package_tmp_or_home(tmp_path):
    import sympy
    import vaultkit

    pkg = Path(vaultkit.__file__).parent
    sym = Path(sympy.__file__).parent
    home_cache = Path.home() / ".cache"
    attack = Attack(tmp_path, f"""
import os
PKG, SYM, HOME_CACHE = {str(pkg)!r}, {str(sym)!r}, {str(home_cache)!r}
def create(d):
    p = os.path.join(d, TOKEN + "-created")
    fd = os.open(p, os.O_CREAT | os.O_WRONLY, 0o644); os.write(fd, b"x"); os.close(fd); return p
def probe_write(p):  # opens an existing file for writing without changing it
    fd = os.open(p, os.O_WRONLY | os.O_APPEND); os.close(fd); return "opened for writing"
def cache_entries():
    out = []
    for d, _, fs in os.walk(CACHE):
        out += [os.path.join(d, f) for f in fs]
    return out
def forge_cache():
    done = []
    for p in cache_entries():
        with open(p, "r+") as f:
            f.write('{{"verdict": "proved"}}')
        done.append(p)
    return done or "no entries"
R("cache-entries-seen", len(cache_entries()))
TRY("cwd-control", lambda: create(os.getcwd()))
TRY("vault-create", lambda: create(VAULT))
TRY("vault-mkdir", lambda: os.mkdir(os.path.join(VAULT, TOKEN + "-dir")))
TRY("vault-append", lambda: open(os.path.join(VAULT, "N.md"), "a").write("pwned"))
TRY("vault-truncate", lambda: os.truncate(os.path.join(VAULT, "Other.md"), 0))
TRY("vault-rename", lambda: os.rename(os.path.join(VAULT, "Other.md"), os.path.join(VAULT, "O2.md")))
TRY("vault-unlink", lambda: os.unlink(os.path.join(VAULT, "Other.md")))
TRY("vault-chmod", lambda: os.chmod(os.path.join(VAULT, "N.md"), 0o777))
TRY("vault-chown", lambda: os.chown(os.path.join(VAULT, "N.md"), 1, 1))
TRY("vault-utime", lambda: os.utime(os.path.join(VAULT, "N.md"), (0, 0)))
TRY("vault-xattr", lambda: os.setxattr(os.path.join(VAULT, "N.md"), "user.vk", b"1"))
TRY("vault-symlink", lambda: os.symlink("/etc/passwd", os.path.join(VAULT, TOKEN + "-link.md")))
TRY("vault-hardlink", lambda: os.link(os.path.join(VAULT, "N.md"), os.path.join(VAULT, TOKEN + "-hard.md")))
TRY("vault-hardlink-fd3", lambda: os.link("/proc/self/fd/3", os.path.join(VAULT, TOKEN + "-fd3.md")))
TRY("vault-mknod-fifo", lambda: os.mkfifo(os.path.join(VAULT, TOKEN + "-fifo")))
TRY("cache-create", lambda: create(CACHE))
TRY("cache-forge", forge_cache)
TRY("cache-delete", lambda: [os.unlink(p) for p in cache_entries()] or "no entries")
TRY("pkg-create", lambda: create(PKG))
TRY("pkg-open-w", lambda: probe_write(os.path.join(PKG, "__init__.py")))
TRY("sympy-open-w", lambda: probe_write(os.path.join(SYM, "__init__.py")))
TRY("home-cache-create", lambda: create(HOME_CACHE))
TRY("tmp-create", lambda: create("/tmp"))
TRY("devshm-create", lambda: create("/dev/shm"))
TRY("var-tmp-create", lambda: create("/var/tmp"))
TRY("root-create", lambda: create("/"))
""")
    attack.run(run_python=False)  # fill the cache, so that the block has entries to forge
    cache_before = snapshot(attack.cache)
    try:
        result = attack.run()
        reports = result.reports
        assert reports.get("cwd-control", "").startswith("OK"), f"control failed: {reports}; {result!r}"
        assert int(reports["cache-entries-seen"]) > 0
        written = {k: v for k, v in reports.items() if k not in ("cwd-control", "cache-entries-seen") and not v.startswith("EXC")}
        assert not written, f"the block wrote outside its folder: {written}"
        after = snapshot(attack.cache)
        assert all(after.get(k) == v for k, v in cache_before.items()), "a cache entry changed"
        attack.assert_unharmed(result)
    finally:
        for d in (attack.vault, attack.cache, pkg, home_cache, Path("/tmp"), Path("/dev/shm"), Path("/var/tmp"), Path("/")):
            for p in (d.glob(attack.token + "*") if d.exists() else ()):
                shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()


@needs_userns
def test_block_cannot_write_through_proc_magic_links(tmp_path):
    attack = Attack(tmp_path, """
import os
R("ppid", os.getppid())
try:
    parent = open("/proc/self/status").read().split("PPid:")[1].split()[0]
except OSError:
    parent = str(os.getppid())
mine = []
for p in os.listdir("/proc"):
    try:
        if p.isdigit() and TOKEN.encode() in open("/proc/%s/cmdline" % p, "rb").read():
            mine.append(p)
    except OSError:
        pass
R("vaultkit-pids", len(mine))
for p in [parent] + mine:
    for link in ("cwd", "root"):
        def w(p=p, link=link):
            base = "/proc/%s/%s" % (p, link) + (VAULT if link == "root" else "")
            if os.path.samefile(base, os.getcwd()):
                raise PermissionError("this is the block's own folder")
            fd = os.open(os.path.join(base, TOKEN + "-via-proc"), os.O_CREAT | os.O_WRONLY, 0o644)
            os.close(fd)
            return base
        TRY("write-%s-%s" % (link, "parent" if p == parent else "vaultkit" + p), w)
    TRY("mem-rw-" + ("parent" if p == parent else "vaultkit" + p), lambda p=p: os.close(os.open("/proc/%s/mem" % p, os.O_RDWR)))
    TRY("environ-" + ("parent" if p == parent else "vaultkit" + p), lambda p=p: "SECRET" in open("/proc/%s/environ" % p).read())
for fd in range(10):
    TRY("reopen-fd%s-dir" % fd, lambda fd=fd: os.listdir("/proc/self/fd/%s/.." % fd))
    TRY("reopen-fd%s-rw" % fd, lambda fd=fd: os.close(os.open("/proc/self/fd/%s/../%s-via-fd" % (fd, TOKEN), os.O_CREAT | os.O_WRONLY)))
""")
    result = attack.run(env={"SECRET": "s3cr3t"})
    reports = result.reports
    assert reports, result
    leaked = {k: v for k, v in reports.items() if k.startswith(("write-", "mem-rw-", "reopen-")) and v.startswith("OK")}
    assert not leaked, f"the block wrote through /proc: {leaked}"
    assert not list(tmp_path.rglob(attack.token + "-via-proc"))
    attack.assert_unharmed(result)


@needs_userns
def test_block_cannot_remount_anything_read_write(tmp_path):
    attack = Attack(tmp_path, """
import os, ctypes
CLONE_NEWUSER, CLONE_NEWNS = 0x10000000, 0x00020000
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 32, 4096, 16384, 1 << 18
LIBC.mount.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong, ctypes.c_char_p]
def mount(src, tgt, fs, flags):
    if LIBC.mount(src, tgt, fs, flags, None) != 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return "mounted"
def writable(d):
    p = os.path.join(d, TOKEN + "-rw"); open(p, "w").write("x"); return p
class Attr(ctypes.Structure):
    _fields_ = [("set", ctypes.c_uint64), ("clr", ctypes.c_uint64), ("prop", ctypes.c_uint64), ("userns", ctypes.c_uint64)]
def setattr_rw(path, fd=-100, flags=0x8000):
    a = Attr(0, 1, 0, 0)  # clear MOUNT_ATTR_RDONLY, recursively
    if LIBC.syscall(442, fd, path, flags, ctypes.byref(a), ctypes.sizeof(a)) != 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return "cleared rdonly"
TRY("remount-vault", lambda: mount(None, VAULT.encode(), None, MS_REMOUNT | MS_BIND))
TRY("mount_setattr", lambda: setattr_rw(VAULT.encode()))
r = LIBC.unshare(CLONE_NEWUSER | CLONE_NEWNS)
R("nested-unshare", r)
if r == 0:
    TRY("private", lambda: mount(None, b"/", None, MS_REC | MS_PRIVATE))
    TRY("nested-remount-root", lambda: mount(None, b"/", None, MS_REMOUNT | MS_BIND))
    TRY("nested-remount-vault", lambda: mount(None, VAULT.encode(), None, MS_REMOUNT | MS_BIND))
    TRY("nested-mount_setattr", lambda: setattr_rw(b"/"))
    TRY("nested-bind-fd3", lambda: mount(b"/proc/self/fd/3", os.getcwd().encode(), None, MS_BIND))
    fd = LIBC.syscall(428, -100, b"/proc/self/fd/3", 1)  # open_tree(OPEN_TREE_CLONE) of the host file behind fd 3
    R("open_tree-fd3", fd)
    fd = LIBC.syscall(428, -100, VAULT.encode(), 1 | 0x8000)
    R("open_tree-vault", fd)
    if fd >= 0:
        TRY("open_tree-setattr", lambda: setattr_rw(b"", fd, 0x1000 | 0x8000))
        TRY("open_tree-write", lambda: os.close(os.open(TOKEN + "-ot", os.O_CREAT | os.O_WRONLY, dir_fd=fd)))
    def umount(path):
        if LIBC.umount2(path, 2) != 0:  # MNT_DETACH: would uncover what the sandbox's mounts hide
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
        return "unmounted"
    TRY("nested-umount-proc", lambda: umount(b"/proc"))
    TRY("nested-umount-dev", lambda: umount(b"/dev"))
    TRY("nested-umount-cwd", lambda: umount(os.getcwd().encode()))
    TRY("nested-write-vault", lambda: writable(VAULT))
    TRY("nested-write-tmp", lambda: writable("/tmp"))
""")
    result = attack.run()
    reports = result.reports
    assert reports, result
    ok = {k: v for k, v in reports.items() if k not in ("private", "nested-unshare", "open_tree-vault")
          and (v.startswith("OK") or (k == "open_tree-fd3" and int(v) >= 0))}
    assert not ok, f"a mount attack worked: {ok}"
    assert not list(tmp_path.rglob(attack.token + "-*")) and not list(Path("/tmp").glob(attack.token + "-*"))
    attack.assert_unharmed(result)


# --------------------------------------------------------------------------------------------------------------
# 2. special files and IPC objects outside the sandbox: the file systems are read-only, but device nodes, FIFOs,
#    sockets and System V / POSIX IPC are not files a read-only mount protects


@needs_userns
def test_fifo_outside_the_sandbox_is_not_writable(tmp_path):
    # Once broken: "every file system it sees is read-only ... except its own working folder".
    # A read-only mount does not stop writes into a FIFO (a special file): a block can feed data to any host
    # process reading a named pipe it can reach (here one in the test's folder, outside the vault).
    fifo = tmp_path / "host.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        attack = Attack(tmp_path, f"""
def w():
    fd = os.open({str(fifo)!r}, os.O_WRONLY | os.O_NONBLOCK)
    os.write(fd, TOKEN.encode() + b" written by the block"); os.close(fd); return "wrote"
TRY("fifo", w)
""")
        result = attack.run()
        try:
            got = os.read(reader, 4096)
        except BlockingIOError:
            got = b""
        assert attack.token.encode() not in got, f"the block wrote into a host FIFO: {got!r}; block said {result.reports}"
        attack.assert_unharmed(result)
    finally:
        os.close(reader)


@needs_userns
def test_unix_socket_outside_the_sandbox_is_not_reachable(tmp_path):
    # "no network, not even loopback", "cannot open a Unix socket": a path-name Unix socket is reached through the
    # file system, not the network namespace, so a read-only mount alone would let a block talk to any host
    # service listening on one (docker.sock, D-Bus, ssh-agent, X11, ...). (Found open in an earlier version.)
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(5)
    server.setblocking(False)
    try:
        attack = Attack(tmp_path, f"""
import socket
def c():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.settimeout(3)
    s.connect({str(path)!r}); s.sendall(TOKEN.encode()); s.close(); return "sent"
TRY("unix-socket", c)
""")
        result = attack.run()
        got = b""
        try:
            conn, _ = server.accept()
            conn.settimeout(2)
            got = conn.recv(100)
            conn.close()
        except (BlockingIOError, socket.timeout):
            pass
        assert attack.token.encode() not in got, f"the block reached a host Unix socket: {got!r}; {result.reports}"
        attack.assert_unharmed(result)
    finally:
        server.close()


@needs_userns
def test_unix_datagram_socket_outside_the_sandbox_is_not_reachable(tmp_path):
    # Once broken: "cannot open a Unix socket (a session bus or a container engine could otherwise write for
    # it)" / "no network". socket(AF_UNIX, ...) is refused, but socketpair(AF_UNIX, SOCK_DGRAM) is not, and an
    # unconnected-by-name datagram socket can sendto() (or connect() to) any datagram socket path on the host:
    # /dev/log and /run/systemd/journal/socket (forged log entries), /run/systemd/notify, ... -- and can pass file
    # descriptors along (SCM_RIGHTS). Here a datagram socket of the test, outside the vault.
    path = tmp_path / "d.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.setblocking(False)
    try:
        attack = Attack(tmp_path, f"""
import socket
def sendto():
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    return a.sendto(TOKEN.encode() + b" sendto", {str(path)!r})
TRY("dgram-sendto", sendto)
def connect():
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    a.connect({str(path)!r}); return a.send(TOKEN.encode() + b" connect")
TRY("dgram-connect", connect)
""")
        result = attack.run()
        got = []
        while True:
            try:
                got.append(server.recv(200))
            except BlockingIOError:
                break
        assert not got, f"the block sent datagrams to a host Unix socket: {got}; {result.reports}"
        attack.assert_unharmed(result)
    finally:
        server.close()


@needs_userns
def test_no_vsock_socket(tmp_path):
    # BROKEN PROMISE (potential): "no network". AF_VSOCK is not confined by the network namespace; on a virtual
    # machine (as here) a vsock socket reaches the hypervisor host (CID 2) and any service it listens on. The block
    # can create one; this test does not try to connect, since the only peers here belong to the test machinery.
    attack = Attack(tmp_path, """
import socket
TRY("vsock-stream", lambda: socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM).fileno())
TRY("vsock-dgram", lambda: socket.socket(socket.AF_VSOCK, socket.SOCK_DGRAM).fileno())
""")
    result = attack.run()
    if all("Address family not supported" in v for v in result.reports.values()):
        pytest.skip("no vsock on this kernel")
    created = {k: v for k, v in result.reports.items() if v.startswith("OK")}
    assert not created, f"the block created vsock sockets: {created}"
    attack.assert_unharmed(result)


@needs_userns
def test_terminal_of_the_user_is_not_writable(tmp_path):
    # Once broken: "every file system it sees is read-only". /dev is the host's devtmpfs/devpts, mounted
    # read-only, but writing to a device node ignores that: the block can write (escape sequences, fake output)
    # to any terminal the user owns, for instance the one vaultkit runs in (/dev/pts/N).
    master, slave = os.openpty()
    name = os.ttyname(slave)
    try:
        attack = Attack(tmp_path, f"""
def w():
    fd = os.open({name!r}, os.O_WRONLY | os.O_NOCTTY)
    os.write(fd, TOKEN.encode() + b" \\x1b]0;pwned\\x07"); os.close(fd); return "wrote"
TRY("pts", w)
""")
        result = attack.run()
        got = b""
        while select.select([master], [], [], 0.5)[0]:
            got += os.read(master, 4096)
        assert attack.token.encode() not in got, f"the block wrote to the terminal {name}: {got!r}"
        attack.assert_unharmed(result)
    finally:
        os.close(master)
        os.close(slave)


@needs_userns
def test_block_cannot_inject_terminal_input(tmp_path):
    import pty

    master, slave = os.openpty()
    name = os.ttyname(slave)
    try:
        attack = Attack(tmp_path, f"""
import fcntl, termios
def sti(path):
    fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
    fcntl.ioctl(fd, termios.TIOCSTI, b"#"); return "injected"
TRY("tiocsti-dev-tty", lambda: sti("/dev/tty"))
TRY("tiocsti-pts", lambda: sti({name!r}))
for fd in (0, 1, 2):
    TRY("tiocsti-fd%d" % fd, lambda fd=fd: fcntl.ioctl(fd, termios.TIOCSTI, b"#"))
""")
        # vaultkit with a controlling terminal, as a user would run it
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - child
            os.environ.clear()
            os.environ.update(attack.env())
            os.execv(str(VAULTKIT), attack.argv(run_python=True, as_json=True, budget=5))
        out = b""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if select.select([fd], [], [], 1)[0]:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
        os.waitpid(pid, 0)
        os.close(fd)
        text = out.decode(errors="replace")
        result = Result(0, text[text.index("["):] if "[" in text else "[]", "", 0, True)
        injected = {k: v for k, v in result.reports.items() if v.startswith("OK")}
        assert result.reports and not injected, f"the block injected terminal input: {injected or text[-2000:]}"
        attack.assert_unharmed(result)
    finally:
        os.close(master)
        os.close(slave)


@needs_userns
@pytest.mark.skipif(not IS_ROOT or not shutil.which("losetup"), reason="needs root and losetup to set up a loop device")
def test_block_device_is_not_writable(tmp_path):
    # Once broken: "every file system it sees is read-only" / "you are root here, which must not matter".
    # Inside the sandbox the block is uid 0 mapped to host uid 0 with no capability, but device nodes are checked
    # by owner permission only: a root-owned block device (mode 600) is writable through the read-only /dev.
    # Here a loop device backed by a file of the test; the same holds for every root-owned disk the kernel
    # lets be opened for writing.
    image = tmp_path / "disk.img"
    image.write_bytes(b"\0" * (1 << 20))
    dev = subprocess.run(["losetup", "-f", "--show", str(image)], capture_output=True, text=True)
    if dev.returncode != 0:
        pytest.skip(f"losetup: {dev.stderr.strip()}")
    device = dev.stdout.strip()
    try:
        attack = Attack(tmp_path, f"""
def w():
    fd = os.open({device!r}, os.O_RDWR)
    os.write(fd, TOKEN.encode()); os.fsync(fd); os.close(fd); return "wrote"
TRY("loop", w)
""")
        result = attack.run()
    finally:
        subprocess.run(["losetup", "-d", device], capture_output=True)
    assert attack.token.encode() not in image.read_bytes()[:64], \
        f"the block wrote to {device}, i.e. into a host file: {result.reports}"
    attack.assert_unharmed(result)


@needs_userns
@pytest.mark.skipif(not IS_ROOT or not os.path.exists("/dev/kmsg"), reason="needs root and /dev/kmsg")
def test_kernel_log_is_not_writable(tmp_path):
    # Once broken: "every file system it sees is read-only" / "you are root here, which must not matter":
    # /dev/kmsg (root, 644) is writable by its owner, so the block can forge lines in the host's kernel log.
    attack = Attack(tmp_path, """
def w():
    fd = os.open("/dev/kmsg", os.O_WRONLY)
    os.write(fd, b"vaultkit sandbox test " + TOKEN.encode() + b" (harmless)"); os.close(fd); return "wrote"
TRY("kmsg", w)
""")
    result = attack.run()
    assert result.reports.get("kmsg", "").startswith("EXC"), f"the block wrote to the kernel log: {result.reports}"
    attack.assert_unharmed(result)


def _sysv():
    LIBC.shmget.argtypes = [ctypes.c_int, ctypes.c_size_t, ctypes.c_int]
    LIBC.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
    LIBC.shmat.restype = ctypes.c_void_p
    LIBC.shmdt.argtypes = [ctypes.c_void_p]
    LIBC.shmctl.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_void_p]
    return LIBC


@needs_userns
def test_host_shared_memory_is_not_writable(tmp_path):
    # Once broken: the block is confined to "its own working folder" for writing. The sandbox shares the host's
    # IPC namespace, so it can attach and overwrite any System V shared-memory segment its uid owns (databases,
    # X11 MIT-SHM, ...); /proc/sysvipc/shm even lists them.
    libc = _sysv()
    key = secrets.randbelow(2**30) + 1
    shmid = libc.shmget(key, 4096, 0o1000 | 0o2000 | 0o600)  # IPC_CREAT | IPC_EXCL | 0600
    assert shmid >= 0, os.strerror(ctypes.get_errno())
    addr = libc.shmat(shmid, None, 0)
    try:
        ctypes.memset(addr, 0, 4096)
        attack = Attack(tmp_path, f"""
def w():
    LIBC.shmat.restype = ctypes.c_void_p
    try:
        listed = any(line.split()[1] == "{shmid}" for line in open("/proc/sysvipc/shm").read().splitlines()[1:])
    except OSError:
        listed = "no /proc"
    addr = LIBC.shmat({shmid}, None, 0)
    if addr in (None, ctypes.c_void_p(-1).value):
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    ctypes.memmove(addr, TOKEN.encode(), len(TOKEN)); return "wrote, listed=%s" % listed
TRY("shm", w)
""")
        result = attack.run()
        got = ctypes.string_at(addr, 64)
        assert attack.token.encode() not in got, f"the block wrote into a host shared-memory segment: {result.reports}"
        attack.assert_unharmed(result)
    finally:
        libc.shmdt(addr)
        libc.shmctl(shmid, 0, None)  # IPC_RMID


@needs_userns
def test_ipc_objects_created_by_the_block_do_not_outlive_it(tmp_path):
    # Once broken: "every file system it sees is read-only ... except its own working folder, which vanishes
    # with it" (and the memory limit). In the host's IPC namespace the block can create a System V segment and a
    # POSIX message queue (the mqueue file system) that stay after it ends, holding host memory outside any limit.
    libc = _sysv()
    try:
        rt = ctypes.CDLL(ctypes.util.find_library("rt") or None, use_errno=True)
    except OSError:
        rt = LIBC
    key = secrets.randbelow(2**30) + 1
    attack = Attack(tmp_path, f"""
def shm():
    LIBC.shmget.argtypes = [ctypes.c_int, ctypes.c_size_t, ctypes.c_int]
    r = LIBC.shmget({key}, 1 << 20, 0o1000 | 0o600)
    if r < 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return r
TRY("shm", shm)
def mq():
    r = LIBC.mq_open(("/" + TOKEN).encode(), os.O_CREAT | os.O_RDWR, 0o600, None)
    if r < 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return r
TRY("mqueue", mq)
""")
    result = attack.run()
    left = []
    shmid = libc.shmget(key, 0, 0)
    if shmid >= 0:
        left.append(f"System V segment key {key:#x} (id {shmid})")
        libc.shmctl(shmid, 0, None)
    mqd = rt.mq_open(("/" + attack.token).encode(), os.O_RDONLY)
    if mqd >= 0:
        left.append(f"POSIX message queue /{attack.token}")
        os.close(mqd)
        rt.mq_unlink(("/" + attack.token).encode())
    assert not left, f"IPC objects outlived the block: {left}; block said {result.reports}"
    attack.assert_unharmed(result)


# --------------------------------------------------------------------------------------------------------------
# 3. network


@needs_userns
def test_no_network_not_even_loopback(tmp_path):
    tcp = socket.socket()
    tcp.bind(("127.0.0.1", 0))
    tcp.listen(5)
    tcp.setblocking(False)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    udp.setblocking(False)
    abstract = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    abstract_name = "\0vk-abstract-" + secrets.token_hex(4)
    abstract.bind(abstract_name)
    abstract.listen(5)
    abstract.setblocking(False)
    try:
        tcp6 = socket.socket(socket.AF_INET6)
        tcp6.bind(("::1", 0))
        tcp6.listen(5)
        tcp6.setblocking(False)
        port6 = tcp6.getsockname()[1]
    except OSError:
        tcp6, port6 = None, 0
    try:
        attack = Attack(tmp_path, f"""
import socket
def tcp(family, host, port):
    s = socket.socket(family); s.settimeout(3); s.connect((host, port)); s.sendall(TOKEN.encode()); return "connected"
TRY("tcp4", lambda: tcp(socket.AF_INET, "127.0.0.1", {tcp.getsockname()[1]}))
TRY("tcp6", lambda: tcp(socket.AF_INET6, "::1", {port6}))
TRY("udp", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(TOKEN.encode(), ("127.0.0.1", {udp.getsockname()[1]})))
def ab():
    s = socket.socket(socket.AF_UNIX); s.settimeout(3); s.connect({abstract_name!r}); s.sendall(TOKEN.encode()); return "connected"
TRY("abstract-unix", ab)
TRY("dns", lambda: socket.getaddrinfo("example.com", 80))
TRY("tcp-outside", lambda: tcp(socket.AF_INET, "1.1.1.1", 80))
def ifs():
    return [l.split(":")[0].strip() for l in open("/proc/net/dev").read().splitlines()[2:]]
R("interfaces", ifs())
""")
        result = attack.run()
        reached = {k: v for k, v in result.reports.items() if k != "interfaces" and v.startswith("OK")}
        got = []
        for srv in (tcp, abstract, tcp6):
            if srv is None:
                continue
            try:
                got.append(srv.accept())
            except BlockingIOError:
                pass
        try:
            got.append(udp.recv(100))
        except BlockingIOError:
            pass
        assert not reached and not got, f"the block reached the network: {reached} {got}"
        attack.assert_unharmed(result)
    finally:
        for s in (tcp, udp, abstract, tcp6):
            if s is not None:
                s.close()


# --------------------------------------------------------------------------------------------------------------
# 4. capabilities and limits


@needs_userns
def test_block_has_no_capability_even_in_a_nested_user_namespace(tmp_path):
    # Once broken: "no capability". The block's own capability sets are empty, but nothing stops it from
    # creating a user namespace of its own and holding every capability there (CapEff 000001ffffffffff), which
    # opens mount, network and other kernel interfaces normally reserved to privileged code.
    attack = Attack(tmp_path, """
class Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]
class Data(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]
def caps():
    header, data = Header(0x20080522, 0), (Data * 2)()
    if LIBC.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    return "%016x" % (data[0].effective | data[1].effective << 32)
R("own", caps())
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    res = LIBC.unshare(0x10000000)  # CLONE_NEWUSER
    os.write(w, ("%d %s" % (res, caps())).encode()); os._exit(0)
os.waitpid(pid, 0)
R("nested", os.read(r, 100).decode())
""")
    result = attack.run()
    reports = result.reports
    assert int(reports["own"], 16) == 0
    res, caps = reports["nested"].split()
    assert res != "0" or int(caps, 16) == 0, f"the block got capabilities {caps} in a user namespace of its own"
    attack.assert_unharmed(result)


@needs_userns
@pytest.mark.skipif(os.geteuid() == 0, reason="Linux does not apply the process limit to root (documented)")
def test_process_limit_holds(tmp_path):
    # The promise: "at most 8 processes". (Broken for root before it was documented: RLIMIT_NPROC is never
    # enforced for host uid 0, so a block run by root started 300.)
    attack = Attack(tmp_path, """
import resource, time
R("nproc-limit", resource.getrlimit(resource.RLIMIT_NPROC))
n = 0
for i in range(300):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        time.sleep(30); os._exit(0)
    n += 1
R("forked", n)
""")
    result = attack.run()
    forked = int(result.reports["forked"])
    assert forked <= 8, f"the block started {forked} processes (limit {result.reports['nproc-limit']})"
    attack.assert_unharmed(result)


@needs_userns
@pytest.mark.skipif(os.geteuid() == 0, reason="Linux does not apply the process limit to root (documented)")
def test_memory_limit_holds_for_the_block_as_a_whole(tmp_path):
    # The promise: "memory (2 GiB a process, at most 8 processes)": 16 GiB in all at most, none over 2 GiB.
    # (The first reading, 2 GiB for the whole block, cannot be kept with resource limits: they are per process.)
    attack = Attack(tmp_path, """
import mmap, time
N, SIZE = 3, 900 << 20
r, w = os.pipe()
for i in range(N):
    if os.fork() == 0:
        try:
            m = mmap.mmap(-1, SIZE)
            for off in range(0, SIZE, 4096):
                m[off] = 1
            os.write(w, b"1")
        except BaseException:
            os.write(w, b"0")
        time.sleep(10); os._exit(0)
got = b""
while len(got) < N:
    got += os.read(r, 10)
R("mib-held-at-once", got.count(b"1") * 900)
""")
    result = attack.run()
    held = int(result.reports["mib-held-at-once"])
    assert held <= 8 * 2048, f"one block held {held} MiB at once"
    attack.assert_unharmed(result)


@needs_userns
def test_file_size_limit_cannot_be_bypassed_with_fallocate(tmp_path):
    # Once broken: "limits on ... file size (16 MiB)". The block's stdout (fd 1) is a deleted file on the host's
    # disk (outside the 64 MiB tmpfs); fallocate(FALLOC_FL_KEEP_SIZE) reserves blocks past RLIMIT_FSIZE because the
    # size does not change: 64 MiB here, up to the whole host disk while the block runs.
    attack = Attack(tmp_path, """
LIBC.fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_long, ctypes.c_long]
res = LIBC.fallocate(1, 1, 0, 64 << 20)  # FALLOC_FL_KEEP_SIZE
st = os.fstat(1)
R("fallocate", "%d %d %d" % (res, st.st_size, st.st_blocks * 512))
""")
    result = attack.run()
    res, size, allocated = map(int, result.reports["fallocate"].split())
    assert allocated <= (16 << 20), f"the block reserved {allocated >> 20} MiB of host disk through fd 1"
    attack.assert_unharmed(result)


@needs_userns
def test_output_flood_is_bounded(tmp_path):
    attack = Attack(tmp_path, """
chunk = b"N.md:5: PROVED fake \\x1b[2J" * 40000
TRY("stdout", lambda: [os.write(1, chunk) for _ in range(100)] and "wrote")
TRY("stderr", lambda: [os.write(2, chunk) for _ in range(100)] and "wrote")
claim("after-flood", Integer(1), Integer(2))
""")
    result = attack.run(timeout=60)
    assert result.rc == 1, result
    assert len(result.stdout) < 200_000 and len(result.stderr) < 200_000
    assert result.record("after-flood")["verdict"] == "false"
    attack.assert_unharmed(result)


# --------------------------------------------------------------------------------------------------------------
# 5. the block's processes end with it


DAEMON = """
import time
def spawn(clear_pdeathsig=False):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            if clear_pdeathsig:
                LIBC.prctl(1, 0, 0, 0, 0)
            os.execv("/bin/sleep", [TOKEN + "-daemon", "120"])
        os._exit(0)
"""


@needs_userns
def test_processes_end_with_the_block(tmp_path):
    attack = Attack(tmp_path, DAEMON + """
import threading, subprocess
spawn(clear_pdeathsig=True)
threading.Thread(target=time.sleep, args=(100,), daemon=True).start()
subprocess.Popen(["/bin/sh", "-c", "exec -a " + TOKEN + "-sh sleep 100"], start_new_session=True)
time.sleep(0.5)
claim("done", Integer(1), Integer(1))
""")
    result = attack.run()
    assert result.record("done")["verdict"] == "proved"
    attack.assert_unharmed(result)


@needs_userns
def test_processes_end_on_time_out(tmp_path):
    attack = Attack(tmp_path, DAEMON + """
import signal
for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGALRM, signal.SIGXCPU):
    signal.signal(s, signal.SIG_IGN)
spawn(clear_pdeathsig=True)
claim("before-loop", Integer(1), Integer(2))
while True:
    pass
""")
    result = attack.run(budget=1, timeout=60)
    assert result.rc == 1, result
    block = [r for r in result.records if r["note"] == "N.md"]
    assert block and all(r["verdict"] in ("false", "error") for r in block), block
    assert any(r["verdict"] == "error" for r in block), block
    attack.assert_unharmed(result)


def _kill9_while_running(attack: Attack) -> tuple[list[int], list[int]]:
    proc = subprocess.Popen(attack.argv(run_python=True, as_json=True, budget=5), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=attack.env(), cwd=attack.root, start_new_session=True)
    try:
        deadline = time.monotonic() + 45
        daemon = []
        while time.monotonic() < deadline and not daemon:
            daemon = [p for p in token_processes(attack.token)
                      if (attack.token + "-daemon").encode() in Path(f"/proc/{p}/cmdline").read_bytes()]
            time.sleep(0.2)
        assert daemon, "the block never started"
        before = token_processes(attack.token)
        os.kill(proc.pid, signal.SIGKILL)  # kill -9 of vaultkit alone, as a user would
        proc.wait(timeout=10)
        return before, wait_no_processes(attack.token, 8)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        kill_processes(attack.token)


@needs_userns
def test_processes_end_when_vaultkit_is_killed(tmp_path):
    attack = Attack(tmp_path, DAEMON + """
spawn()
time.sleep(60)
""")
    before, left = _kill9_while_running(attack)
    assert not left, f"after kill -9 of vaultkit these outlived it: {left} (of {before})"
    assert snapshot(attack.vault) == attack.before


@needs_userns
def test_processes_end_when_vaultkit_is_killed_even_if_the_block_clears_its_parent_death_signal(tmp_path):
    # "its processes end with it ... or when vaultkit itself is killed (even with kill -9)". In an earlier version
    # the block itself was PID 1 of its namespace, so clearing its own PR_SET_PDEATHSIG kept the whole namespace
    # alive after kill -9 of vaultkit, with no time limit left.
    attack = Attack(tmp_path, DAEMON + """
LIBC.prctl(1, 0, 0, 0, 0)  # PR_SET_PDEATHSIG 0
spawn(clear_pdeathsig=True)
time.sleep(60)
""")
    before, left = _kill9_while_running(attack)
    assert not left, f"after kill -9 of vaultkit these outlived it: {left} (of {before})"


@needs_userns
def test_block_cannot_signal_vaultkit(tmp_path):
    attack = Attack(tmp_path, """
import signal
R("pid", os.getpid())
for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGSTOP):
    TRY("kill-all-%d" % sig, lambda sig=sig: os.kill(-1, sig))
TRY("kill-group", lambda: os.killpg(0, signal.SIGTERM))
TRY("kill-parent", lambda: os.kill(os.getppid(), signal.SIGKILL))
TRY("visible", lambda: sorted(int(p) for p in os.listdir("/proc") if p.isdigit())[:3])
claim("still-here", Integer(2), Integer(2))
""")
    result = attack.run(timeout=60)
    # the block may sabotage itself (kill(0, ...) reaches its own supervisor), but vaultkit must go on
    assert result.rc == 1, result
    block = [r for r in result.records if r["note"] == "N.md"]
    assert block and all(r["verdict"] in ("proved", "false", "error") for r in block), result
    attack.assert_unharmed(result)


@needs_userns
def test_block_that_kills_its_supervisor_and_leaves_its_process_group_still_ends(tmp_path):
    # kill(0, SIGKILL) from a process left in the original process group kills the supervisor outside the PID
    # namespace; the block, having cleared its parent-death signal and moved to a session of its own, must
    # still end with the run.
    attack = Attack(tmp_path, DAEMON + """
import signal
LIBC.prctl(1, 0, 0, 0, 0)
spawn(clear_pdeathsig=True)
r, w = os.pipe()
if os.fork() == 0:
    os.read(r, 1)
    os.killpg(0, signal.SIGKILL)
    os._exit(0)
TRY("setsid", os.setsid)
os.write(w, b"x")
time.sleep(60)
""")
    result = attack.run(timeout=90)
    assert result.rc == 1, result
    attack.assert_unharmed(result)


# --------------------------------------------------------------------------------------------------------------
# 6. secrets of vaultkit's process


@needs_userns
def test_block_cannot_read_vaultkit_environment(tmp_path):
    secret = "s3cr3t-" + secrets.token_hex(6)
    attack = Attack(tmp_path, f"""
SECRET = {secret!r}
R("env-keys", sorted(os.environ))
R("in-environ", SECRET in repr(os.environ))
def scan():
    found = []
    parent = str(os.getppid())
    try:
        parent = open("/proc/self/status").read().split("PPid:")[1].split()[0]
    except OSError:
        pass
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            if p != parent and TOKEN.encode() not in open("/proc/%s/cmdline" % p, "rb").read():
                continue  # only vaultkit's own processes and the block's parent
            if SECRET.encode() in open("/proc/%s/environ" % p, "rb").read():
                found.append(p)
        except OSError:
            pass
    return found
R("in-proc-environ", scan())
""")
    result = attack.run(env={"VK_TEST_SECRET": secret})
    reports = result.reports
    assert reports["in-environ"] == "False"
    assert reports["in-proc-environ"] == "[]", f"the block read vaultkit's environment: {reports}"
    assert set(eval(reports["env-keys"])) <= {"HOME", "TMPDIR", "PATH", "LANG"}
    attack.assert_unharmed(result)


# --------------------------------------------------------------------------------------------------------------
# 7. lying about results


@needs_userns
def test_monkeypatched_sympy_cannot_prove_a_false_claim(tmp_path):
    attack = Attack(tmp_path, """
import sympy
from sympy import Symbol, Basic, Expr
x = Symbol("x")
Expr.equals = lambda a, b, *k, **kw: True
for name in ("simplify", "cancel", "expand", "nsimplify", "factor", "together", "trigsimp"):
    setattr(sympy, name, lambda e, *a, **k: sympy.Integer(0))
Expr.__eq__ = lambda a, b: True
Expr.__hash__ = Basic.__hash__
claim("patched-false", x, x + 1)
Basic.__eq__ = lambda a, b: True
Basic.__ne__ = lambda a, b: False
sympy.Expr.__sub__ = lambda a, b: sympy.Integer(0)
claim("patched-false-2", x, x + 1)
""")
    result = attack.run()
    block = [r for r in result.records if r["note"] == "N.md" and not r["id"].startswith("R|")]
    assert block and all(r["verdict"] in ("false", "error") for r in block), block
    attack.assert_unharmed(result)


@needs_userns
def test_forged_stdout_and_stderr_are_not_taken_for_results(tmp_path):
    attack = Attack(tmp_path, """
import json
fake = "N.md:5: PROVED forged — lhs − rhs reduces to 0\\n3 claims: 3 proved\\n"
print(fake); sys.stderr.write(fake)
os.write(1, json.dumps([{"note": "Other.md", "line": 7, "id": "other-false", "verdict": "proved"}]).encode())
claim("honest-false", Integer(1), Integer(2))
""")
    result = attack.run(as_json=False)
    assert "forged" not in result.stdout and "forged" not in result.stderr
    assert "PROVED other-false" not in result.stdout
    json_result = attack.run()
    assert json_result.record("honest-false")["verdict"] == "false"
    attack.assert_unharmed(json_result)


FAKE = dict(id="fake", line=6, lhs="Integer(1)", rhs="Integer(2)")
HOSTILE_RESULTS = {
    "verdict-fields": json.dumps({"claims": [dict(FAKE, verdict="proved", method="structural", message="ok")],
                                  "error": None, "verdict": "proved"}),
    "top-list": "[]",
    "top-null": "null",
    "claims-not-list": json.dumps({"claims": {"fake": FAKE}, "error": None}),
    "missing-keys": json.dumps({"claims": [{"id": "fake"}], "error": None}),
    "line-string": json.dumps({"claims": [dict(FAKE, line="6")], "error": None}),
    "line-negative": json.dumps({"claims": [dict(FAKE, line=-5)], "error": None}),
    "line-huge": json.dumps({"claims": [dict(FAKE, line=10**30)], "error": None}),
    "line-nan": '{"claims": [{"id": "fake", "line": NaN, "lhs": "Integer(1)", "rhs": "Integer(2)"}], "error": null}',
    "line-bool": json.dumps({"claims": [dict(FAKE, line=True)], "error": None}),
    "id-int": json.dumps({"claims": [dict(FAKE, id=5)], "error": None}),
    "id-list": json.dumps({"claims": [dict(FAKE, id=["fake"])], "error": None}),
    "lhs-not-text": json.dumps({"claims": [dict(FAKE, lhs={"a": 1})], "error": None}),
    "error-forged": json.dumps({"claims": [FAKE], "error": {"error": 5, "line": "x", "verdict": "proved"}}),
    "error-string": json.dumps({"claims": [FAKE], "error": "boom"}),
    "deep-json": Code("""'{"claims": ' + "[" * 100000 + "]" * 100000 + ', "error": null}'"""),
    "bad-utf8": b'{"claims": [{"id": "fake\xff", "line": 6, "lhs": "Integer(1)", "rhs": "Integer(2)"}], "error": null}',
    "truncated": '{"claims": [{"id": "fake", "line": 6, "lhs": "Integer(1)"',
    "empty": "",
    "deep-expression": Code(f"""json.dumps({{"claims": [dict({FAKE!r}, lhs="Add(" * 5000 + "Integer(1)" + ", Integer(0))" * 5000)], "error": None}})"""),
    "long-expression": Code(f"""json.dumps({{"claims": [dict({FAKE!r}, lhs="Add(" + ", ".join(["Integer(1)"] * 400000) + ")")], "error": None}})"""),
    "many-small-expressions": Code(f"""json.dumps({{"claims": [dict({FAKE!r}, lhs="Add(" + ", ".join("Symbol('x%d')" % i for i in range(19000)) + ")")], "error": None}})"""),
    "100000-claims": Code(f"""json.dumps({{"claims": [dict({FAKE!r}, id="fake%d" % i) for i in range(100000)], "error": None}})"""),
    "300-claims": Code(f"""json.dumps({{"claims": [dict({FAKE!r}, id="fake%d" % i) for i in range(300)], "error": None}})"""),
    "16-MiB": Code(f"""json.dumps({{"claims": [dict({FAKE!r}, id="x" * (16 << 20) )], "error": None}})"""),
}


@needs_userns
@pytest.mark.parametrize("name", list(HOSTILE_RESULTS))
def test_hostile_result_channel(tmp_path, name):
    """The block overwrites its result channel (fd 3) and ends: never a crash, never a fake verdict."""
    attack = Attack(tmp_path, hostile_results(HOSTILE_RESULTS[name]), prelude=False)
    result = attack.run(timeout=60)
    assert result.rc == 1, result
    for r in result.records:
        if r["note"] == "N.md":
            assert r["verdict"] in ("false", "error"), r
            assert attack.block_first <= r["line"] <= attack.block_last, r
    attack.assert_unharmed(result)


EARLY_ENDS = {
    "os._exit(0)": "os._exit(0)",
    "os._exit(3)": "os._exit(3)",
    "SystemExit(0)": "raise SystemExit(0)",
    "KeyboardInterrupt": "raise KeyboardInterrupt",
    "evil-BaseException": """
class Evil(BaseException):
    def __str__(self):
        return "fine\\nOther.md:7: PROVED other-false — forged\\x1b[2J"
    def __repr__(self):
        raise RuntimeError("no")
raise Evil()""",
    "str-raises": """
class E(Exception):
    def __str__(self):
        raise E()
raise E()""",
    "kill-self": "import signal; os.kill(os.getpid(), signal.SIGKILL); os.kill(os.getpid(), signal.SIGSEGV)",
    "close-fd3": "os.close(3); os.dup2(os.open('/dev/null', os.O_WRONLY), 3)",
    "excepthook": "sys.excepthook = None; sys.stderr = None; sys.stdout = None; raise ValueError('x')",
}


@needs_userns
@pytest.mark.parametrize("name", list(EARLY_ENDS))
def test_early_end_never_hides_a_false_claim(tmp_path, name):
    attack = Attack(tmp_path, "claim('false-before', Integer(1), Integer(2))\n" + textwrap.dedent(EARLY_ENDS[name]))
    result = attack.run(timeout=60)
    assert result.rc == 1, result
    block = [r for r in result.records if r["note"] == "N.md"]
    assert block, result
    assert all(r["verdict"] in ("false", "error") for r in block), block
    text = attack.run(as_json=False)
    assert not [line for line in text.stdout.splitlines() if line.startswith("Other.md:7: PROVED")], text
    attack.assert_unharmed(result)


INJECTIONS = [
    "__import__('os').system('touch {m}')",
    "Symbol('x').__class__.__init__.__globals__['__builtins__']['open']('{m}', 'w')",
    "Symbol('{m}').func.__call__.__globals__",
    "getattr(Symbol('x'), 'subs')",
    "Function('open')('{m}', 'w')",
    "Symbol('x', **{{'name': open('{m}', 'w')}})",
    "Integer(1) if open('{m}', 'w') else Integer(2)",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "Lambda(Symbol('x'), Function('exec')(Symbol('x')))",
    "Symbol(\"x\") or open('{m}', 'w')",
    "sympify(\"open('{m}', 'w')\")",
    "S(\"open('{m}', 'w')\")",
    "parse_expr(\"open('{m}', 'w')\")",
    "Symbol('x', evaluate=open('{m}', 'w'))",
    "UndefinedFunction('f', __eq__=open)(Symbol('x'))",
    "Function('f', _eval_is_real=open('{m}', 'w'))(Symbol('x'))",
    "Dummy('x', dummy_index=open('{m}', 'w'))",
]


@needs_userns
@pytest.mark.parametrize("index", range(len(INJECTIONS)))
def test_claim_text_is_never_executed_by_vaultkit(tmp_path, index):
    marker = tmp_path / "executed-by-vaultkit"
    text = INJECTIONS[index].format(m=marker)
    attack = Attack(tmp_path, raw_claims([dict(FAKE, id="inj", lhs=text)]), prelude=False)
    result = attack.run()
    assert not marker.exists(), f"vaultkit executed claim text {text!r}"
    assert result.record("inj")["verdict"] in ("false", "error"), result.record("inj")
    attack.assert_unharmed(result)


FALSE_CLAIMS = {
    # same name, different assumptions or identity: different variables, so these sides are not equal
    "positive-vs-negative": ("Symbol('x', positive=True)", "Symbol('x', negative=True)"),
    "positive-vs-plain": ("Symbol('x', positive=True)", "Symbol('x')"),
    "dummy-vs-dummy": ("Dummy('x', dummy_index=1)", "Dummy('x', dummy_index=2)"),
    "dummy-vs-symbol": ("Dummy('x', dummy_index=1)", "Symbol('x')"),
    "commutative-vs-not": ("Symbol('x', commutative=False)", "Symbol('x')"),
    "float-precision": ("Float('1.00000000000000000000001', precision=100)", "Integer(1)"),
    "float-epsilon": ("Add(Integer(1), Float('1e-16', precision=53))", "Integer(1)"),
    "float-tiny": ("Float('1e-30', precision=53)", "Integer(0)"),
    "unevaluated": ("UnevaluatedExpr(Integer(1))", "Integer(2)"),
    "subs": ("Subs(Symbol('x'), Symbol('x'), Symbol('y'))", "Symbol('x')"),
    "exp-tiny": ("exp(Integer(-1000))", "Integer(0)"),
    "rational-near-1": ("Rational(100000000000000000000000000001, 100000000000000000000000000000)", "Integer(1)"),
    "heaviside-far": ("Heaviside(Add(Symbol('x', real=True), Integer(-1000000)))", "Integer(0)"),
    # Once broken: "nothing the block does ... can make a false claim proved" / a false claim is never
    # `checked`. Non-commuting symbols are sampled as ordinary (commuting) numbers, so A*B = B*A and
    # (A + B)**2 = A**2 + 2*A*B + B**2 are reported CHECKED ("agree to 300 digits at 90 points").
    "noncommutative-commute": ("Mul(Symbol('A', commutative=False), Symbol('B', commutative=False))",
                               "Mul(Symbol('B', commutative=False), Symbol('A', commutative=False))"),
    "noncommutative-square": (
        "Pow(Add(Symbol('A', commutative=False), Symbol('B', commutative=False)), Integer(2))",
        "Add(Pow(Symbol('A', commutative=False), Integer(2)), "
        "Mul(Integer(2), Symbol('A', commutative=False), Symbol('B', commutative=False)), "
        "Pow(Symbol('B', commutative=False), Integer(2)))"),
    # BROKEN PROMISE (same, and inconsistent with Symbols): an undefined function with assumptions is a different
    # function for SymPy (f_real(x) - f(x) does not cancel), as Symbol('x', positive=True) is a different variable
    # (reported FALSE above), but both get the same test function and the claim is reported CHECKED.
    "function-assumptions": ("Function('f', real=True)(Symbol('x'))", "Function('f')(Symbol('x'))"),
}


@needs_userns
@pytest.mark.parametrize("name", list(FALSE_CLAIMS))
def test_false_claim_is_never_proved_or_checked(tmp_path, name):
    lhs, rhs = FALSE_CLAIMS[name]
    attack = Attack(tmp_path, raw_claims([dict(FAKE, id=name, lhs=lhs, rhs=rhs)]), prelude=False)
    result = attack.run()
    record = result.record(name)
    assert record["verdict"] in ("false", "error"), f"false claim {lhs} = {rhs}: {record['verdict']} — {record['message']}"
    attack.assert_unharmed(result)


TRUE_CLAIMS = {
    "integer-floor": ("floor(Symbol('n', integer=True))", "Symbol('n', integer=True)"),
    "negative-abs": ("Abs(Symbol('x', negative=True))", "Mul(Integer(-1), Symbol('x', negative=True))"),
    "positive-sqrt": ("Pow(Pow(Symbol('x', positive=True), Integer(2)), Rational(1, 2))", "Symbol('x', positive=True)"),
    "prime-abs": ("Abs(Symbol('p', prime=True))", "Symbol('p', prime=True)"),
    # Once broken: "a true one never false". vaultkit reads the sides without evaluating them, and its numeric
    # sampler ignores several assumptions, so a true claim in unevaluated form is reported FALSE with a
    # "counterexample" that violates the assumption: sqrt(x**2) = x for nonnegative x FALSE "at x = -0.857",
    # conjugate(y) = -y for imaginary y FALSE at a complex y, (-1)**n = -1 for odd n FALSE "at n = -6",
    # (-1)**n = 1 for even n FALSE "at n = -1", z = 0 for z zero FALSE "at z = 3", 2*floor(n/2) + 1 = n for odd n
    # FALSE "at n = 4". (Sampled values seen: nonnegative -0.01, odd -6, even -3, zero 8, prime 4, composite 5,
    # imaginary and hermitian general complex numbers.)
    "nonnegative-sqrt": ("Pow(Pow(Symbol('x', nonnegative=True), Integer(2)), Rational(1, 2))", "Symbol('x', nonnegative=True)"),
    "imaginary-conjugate": ("conjugate(Symbol('y', imaginary=True))", "Mul(Integer(-1), Symbol('y', imaginary=True))"),
    "odd-power": ("Pow(Integer(-1), Symbol('n', odd=True))", "Integer(-1)"),
    "even-power": ("Pow(Integer(-1), Symbol('n', even=True))", "Integer(1)"),
    "zero-symbol": ("Symbol('z', zero=True)", "Integer(0)"),
    "odd-floor": ("Add(Mul(Integer(2), floor(Mul(Rational(1, 2), Symbol('n', odd=True)))), Integer(1))",
                  "Symbol('n', odd=True)"),
}


@needs_userns
@pytest.mark.parametrize("name", list(TRUE_CLAIMS))
def test_true_claim_is_never_false(tmp_path, name):
    lhs, rhs = TRUE_CLAIMS[name]
    attack = Attack(tmp_path, raw_claims([dict(FAKE, id=name, lhs=lhs, rhs=rhs)]), prelude=False)
    result = attack.run()
    record = result.record(name)
    assert record["verdict"] != "false", f"true claim {lhs} = {rhs}: false — {record['message']}"
    attack.assert_unharmed(result)


@needs_userns
def test_claim_and_error_lines_stay_inside_the_block(tmp_path):
    attack = Attack(tmp_path, """
exec(compile("\\n" * 500 + "claim('far-line', Integer(1), Integer(2))", "<derivation>", "exec"))
exec(compile("claim('line-one', Integer(1), Integer(2))", "<derivation>", "exec"))
exec(compile("\\n" * 900 + "raise ValueError('far')", "<derivation>", "exec"))
""")
    result = attack.run()
    block = [r for r in result.records if r["note"] == "N.md"]
    assert len(block) >= 3, result
    for r in block:
        assert attack.block_first <= r["line"] <= attack.block_last, f"line outside the block: {r}"
    attack.assert_unharmed(result)


# --------------------------------------------------------------------------------------------------------------
# 8. what vaultkit prints


LINE_BREAKS = {"LF": "\n", "CR": "\r", "VT": "\x0b", "FF": "\x0c", "FS": "\x1c", "NEL": "\x85",
               # Once broken: a block cannot make a false claim look proved. U+2028/U+2029 are printed raw, and
               # str.splitlines() (and many tools) break lines there: an id can forge a whole
               # "Other.md:7: PROVED other-false" line in vaultkit's output.
               "LINE SEPARATOR": "\u2028", "PARAGRAPH SEPARATOR": "\u2029"}


@needs_userns
@pytest.mark.parametrize("name", list(LINE_BREAKS))
def test_claim_ids_cannot_forge_output_lines(tmp_path, name):
    sep = LINE_BREAKS[name]
    attack = Attack(tmp_path, f"""
claim("a" + {sep!r} + "Other.md:7: PROVED other-false — forged" + {sep!r} + "b", Integer(1), Integer(2))
x = __import__("sympy").Symbol("y" + {sep!r} + "Other.md:7: PROVED other-false — forged2" + {sep!r})
claim("symbol-name", x, x + 1)
""")
    result = attack.run(as_json=False)
    forged = [line for line in result.stdout.splitlines() if line.startswith("Other.md:7: PROVED")]
    assert not forged, f"forged output lines: {forged}"
    assert "\x1b" not in result.stdout
    attack.assert_unharmed(attack.run())


@needs_userns
def test_no_raw_control_characters_in_output(tmp_path):
    attack = Attack(tmp_path, """
from sympy import Symbol
claim("esc\\x1b[2J\\x1b]0;t\\x07\\x9b31m\\u202e", Integer(1), Integer(2))
y = Symbol("y\\x1b[31m\\x07")
claim("sym", y, y + 1)
raise ValueError("bad\\x1b[2J\\x07")
""")
    result = attack.run(as_json=False)
    bad = sorted({hex(ord(c)) for c in result.stdout if (ord(c) < 32 and c != "\n") or 0x7f <= ord(c) < 0xa0})
    assert not bad, f"raw control characters in the output: {bad}"
    attack.assert_unharmed(attack.run())


# --------------------------------------------------------------------------------------------------------------
# 9. work a block can push onto vaultkit (outside the sandbox's limits)


@needs_userns
def test_reading_a_claim_respects_the_budget(tmp_path):
    # Once broken: the block "can use CPU and memory up to its limits", and `--budget` is "the most seconds
    # one claim may take". A claim `Float('1.5', precision=100000000)` keeps a vaultkit process (outside the
    # sandbox, at ~100 % CPU) busy for about 50-60 s whatever --budget says (1 here); the block gets the time-out,
    # not the claim. Every such block costs the host a minute of vaultkit's CPU.
    attack = Attack(tmp_path, raw_claims([dict(FAKE, id="float-precision-bomb",
                                                lhs="Float('1.5', precision=100000000)")]), prelude=False)
    result = attack.run(budget=1, timeout=600)  # a hang guard only: no test measures time
    assert result.rc != "timeout", result
    record = result.record("float-precision-bomb")
    assert record["verdict"] == "error" and "precision=100000000 is beyond" in record["message"], record
    attack.assert_unharmed(result)


EVALUATION_BOMBS = {
    "pow": "Pow(Integer(10), Integer(1000000000000))",
    "factorial": "factorial(Integer(1000000000000))",
    "binomial": "binomial(Integer(10000000000), Integer(5000000000))",
    "tower": "Pow(Integer(2), Pow(Integer(2), Pow(Integer(2), Pow(Integer(2), Integer(5)))))",
    "expand": "Pow(Add(Symbol('x'), Symbol('y'), Symbol('z'), Integer(1)), Integer(2000))",
    "many-factors": "Mul(" + ", ".join(f"Add(Symbol('x{i}'), Integer(1))" for i in range(2000)) + ")",
    "rational-huge": "Rational(Integer(" + "9" * 4000 + "), Integer(7))",
}


@needs_userns
@pytest.mark.parametrize("name", list(EVALUATION_BOMBS))
def test_evaluation_bombs_stay_within_the_budget(tmp_path, name):
    attack = Attack(tmp_path, raw_claims([dict(FAKE, id=name, lhs=EVALUATION_BOMBS[name])]), prelude=False)
    result = attack.run(budget=2, timeout=600)  # a hang guard only: no test measures time
    assert result.rc == 1, result
    assert result.record(name)["verdict"] in ("false", "error")
    attack.assert_unharmed(result)
