"""A confined child process for code from a note: what it may write, what it may use, and that nothing outlives it.

Used only for ```python derivation``` blocks run with --run-python. Where Linux
allows unprivileged namespaces, the child gets a user, mount, network and PID
namespace of its own: every mount it sees is read-only (the vault, the cache,
your home, vaultkit itself), except a small private tmpfs that is its working
directory and HOME; it has no network, no Unix sockets (a seccomp filter) and
no capabilities; and every process it starts lives in its PID namespace, which
the kernel empties when its first process ends or is killed. Everywhere, it
runs in a session of its own under limits on CPU time, memory, file size and
processes, and every process it leaves is killed at the end. `available()`
says whether the namespaces can be had here; without them the child can write
wherever you can, and the caller must treat anything it could have written
(the cache) as forged.
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass

from . import kernel_rules

_CLONE_NEWNS, _CLONE_NEWIPC, _CLONE_NEWUSER = 0x00020000, 0x08000000, 0x10000000
_CLONE_NEWPID, _CLONE_NEWNET = 0x20000000, 0x40000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REC, _MS_PRIVATE = 0x1, 0x2, 0x4, 0x8, 0x4000, 0x40000
_AT_FDCWD, _AT_RECURSIVE, _MOUNT_ATTR_RDONLY = -100, 0x8000, 0x1
_SYS_MOUNT_SETATTR = 442  # the same number on every architecture (new system calls share one table)
_PR_SET_DUMPABLE, _PR_SET_PDEATHSIG, _PR_SET_NO_NEW_PRIVS, _PR_CAPBSET_DROP, _PR_SET_CHILD_SUBREAPER = 4, 1, 38, 24, 36
_ROUNDS = 100  # of killing orphans: each round kills a generation
WORKDIR_SIZE = "64m"  # the private tmpfs the child may write


class ConfinementError(OSError):
    """The namespaces could not be set up (raised in the child, before the program runs)."""


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int
    memory: int  # bytes of address space
    file_size: int  # bytes, for any file the child writes (its output included)
    processes: int  # the child's own (beyond those the user already runs, where it has no namespace)


class _Mount(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]  # fmt: skip


@dataclass(frozen=True)
class Confinement:
    """`preexec_fn` of the child: limits always, namespaces when `isolate` (else nothing is read-only)."""

    workdir: str
    limits: Limits
    isolate: bool

    def __call__(self) -> None:  # runs in the child between fork and exec: no locks, no threads
        die_with_parent()
        _set_limits(self.limits, self.isolate)
        if self.isolate:
            _isolate(self.workdir)


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent ends (kept across exec, not across fork)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def guard_init() -> None:
    """For the PID namespace's init: die with its parent, and let no process of the namespace trace it."""
    die_with_parent()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _set_limits(limits: Limits, isolate: bool) -> None:
    """Resource limits; the process limit counts the user's processes, which a new user namespace starts at 0."""
    import resource

    for limit, value in (
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_AS, limits.memory),
        (resource.RLIMIT_FSIZE, limits.file_size),
        (resource.RLIMIT_NPROC, limits.processes if isolate else _processes_of_user() + limits.processes),
        (resource.RLIMIT_CORE, 0),
    ):
        try:
            resource.setrlimit(limit, (value, value))
        except (ValueError, OSError):
            pass


def _processes_of_user() -> int:
    """How many processes this user runs now: the process limit counts them all, not just the child's."""
    uid, count = os.getuid(), 0
    try:
        names = os.listdir("/proc")
    except OSError:
        return 0
    for name in names:
        if name.isdigit():
            try:
                count += os.stat(f"/proc/{name}").st_uid == uid
            except OSError:
                pass
    return count


def _isolate(workdir: str) -> None:
    """New namespaces, every mount read-only, a private tmpfs as working directory, no capabilities left."""
    libc = ctypes.CDLL(None, use_errno=True)
    uid, gid, last = os.getuid(), os.getgid(), _last_capability()  # /proc is hidden below
    _check(libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNS | _CLONE_NEWNET | _CLONE_NEWPID | _CLONE_NEWIPC), "unshare")
    for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
        with open(f"/proc/self/{name}", "w", encoding="ascii") as handle:
            handle.write(text)
    _check(libc.mount(None, b"/", None, _MS_REC | _MS_PRIVATE, None), "mount --make-rprivate /")
    attributes = _Mount(_MOUNT_ATTR_RDONLY, 0, 0, 0)
    mount_setattr = libc.syscall
    _check(
        mount_setattr(_SYS_MOUNT_SETATTR, _AT_FDCWD, b"/", _AT_RECURSIVE, ctypes.byref(attributes),
                      ctypes.sizeof(attributes)),
        "mount_setattr read-only",
    )  # fmt: skip
    options = f"size={WORKDIR_SIZE},mode=0700".encode()
    _check(libc.mount(b"tmpfs", workdir.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV, options), "mount tmpfs")
    os.chdir(workdir)  # the working directory was entered before the tmpfs covered it
    hidden = _MS_RDONLY | _MS_NOSUID | _MS_NODEV | _MS_NOEXEC  # /proc would show vaultkit's own processes
    _check(libc.mount(b"tmpfs", b"/proc", b"tmpfs", hidden, b"size=4k,mode=0555"), "mount tmpfs on /proc")
    _drop_capabilities(libc, last)
    kernel_rules.restrict_writes(libc, workdir)  # where the kernel has Landlock
    kernel_rules.install_filter(libc)


def _last_capability() -> int:
    try:
        with open("/proc/sys/kernel/cap_last_cap", encoding="ascii") as handle:
            return int(handle.read())
    except (OSError, ValueError):
        return 63


def _drop_capabilities(libc: ctypes.CDLL, last: int) -> None:
    """Empty the bounding set, so that the program runs with no capability even as root of its namespace."""
    for capability in range(last + 1):
        libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0)
    _check(libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def _check(status: int, what: str) -> None:
    if status != 0:
        error = ctypes.get_errno()
        raise ConfinementError(error, f"{what}: {os.strerror(error)}")


@functools.cache
def available() -> bool:
    """Whether this system gives a child the namespaces (tried once, on a child that runs nothing)."""
    if not sys.platform.startswith("linux") or os.uname().machine not in kernel_rules.SUPPORTED:
        return False
    limits = Limits(cpu_seconds=30, memory=1024**3, file_size=1024**2, processes=8)
    with tempfile.TemporaryDirectory(prefix="vaultkit-probe-") as workdir:
        try:
            done = subprocess.run(
                [sys.executable, "-I", "-S", "-c", "pass"], cwd=workdir, env={}, capture_output=True, timeout=30,
                preexec_fn=Confinement(workdir, limits, isolate=True), start_new_session=True,
            )  # fmt: skip
        except (subprocess.SubprocessError, OSError):
            return False
    return done.returncode == 0


def environment(workdir: str) -> dict[str, str]:
    """What a Python child needs and nothing else: no token, no proxy, no path into the user's files."""
    return {"HOME": workdir, "TMPDIR": workdir, "PATH": os.defpath, "LANG": "C.UTF-8"}


def adopt_orphans() -> frozenset[int]:
    """Make this process the one that inherits its descendants' orphans; the children it has now.

    A program that forks and lets its parent die, or starts a new session, is
    then still ours to kill in `end`. Where Linux cannot be asked, orphans go to
    init and only the process group (and PID namespace) can be killed.
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    return frozenset(_children(os.getpid()))


def end(process: subprocess.Popen, before: frozenset[int] = frozenset()) -> None:
    """Kill whatever the child left: its PID namespace, its process group, and every orphan it made.

    `before` are this process's children from before the child started
    (`adopt_orphans`): they are not the child's and are left alone.
    """
    for pid in _children(process.pid):
        _kill(lambda: os.kill(pid, signal.SIGKILL))  # the namespace's first process: the kernel kills the rest
    _kill(lambda: os.killpg(process.pid, signal.SIGKILL))  # its session's group (start_new_session)
    _kill(process.kill)
    process.wait()
    for _ in range(_ROUNDS):  # orphans arrive as their parents die: kill until none is left
        left = [pid for pid in _children(os.getpid()) if pid not in before]
        if not left:
            return
        for pid in left:
            _kill(lambda: os.kill(pid, signal.SIGKILL))
            _kill(lambda: os.waitpid(pid, 0))


def _children(pid: int) -> list[int]:
    """The children of `pid` (every thread's), from /proc."""
    found: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for thread in threads:
        try:
            with open(f"/proc/{pid}/task/{thread}/children", encoding="ascii") as handle:
                found.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):
            pass
    return found


def _kill(action) -> None:  # noqa: ANN001
    try:
        action()
    except (ProcessLookupError, PermissionError, ChildProcessError):
        pass
