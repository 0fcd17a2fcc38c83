"""What the kernel refuses a sandboxed program, beyond its namespaces: a seccomp filter and a Landlock ruleset.

A read-only mount does not stop everything: a program can still write to a
device (a terminal, `/dev/kmsg`, a loop device), a FIFO or a socket file, and
through a session bus ask someone else to write for it. The seccomp filter
refuses every socket family but IP (whose network namespace has nothing up),
socket pairs, io_uring (which could do all of this without a system call),
`fallocate` (disk beyond the file-size limit) and new namespaces; the Landlock
ruleset, where the kernel has it, allows writing only beneath the working
directory and to `/dev/null`, and no TCP, signals or abstract sockets outside.
Both run in the child between fork and exec, after `no_new_privs`.
"""

from __future__ import annotations

import ctypes
import os

_ARCHES = {  # audit arch; socket, socketpair, fallocate, unshare, setns, clone
    "x86_64": (0xC000003E, {"socket": 41, "socketpair": 53, "fallocate": 285, "unshare": 272, "setns": 308,
                            "clone": 56}),
    "aarch64": (0xC00000B7, {"socket": 198, "socketpair": 199, "fallocate": 47, "unshare": 97, "setns": 268,
                             "clone": 220}),
}  # fmt: skip
SUPPORTED = frozenset(_ARCHES)
_IO_URING_SETUP, _CLONE3 = 425, 435  # the same on every architecture
_X32 = 0x40000000  # x86-64's x32 system calls carry this bit
_NEW_NAMESPACES = 0x7E020000  # CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET
_AF_INET, _AF_INET6 = 2, 10
_EACCES, _ENOSYS = 13, 38
_LD, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06  # BPF_LD|W|ABS; BPF_JMP|JEQ, JGE, JSET|K; RET|K
_ALLOW, _KILL = 0x7FFF0000, 0x80000000
_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 22, 2


class RuleError(OSError):
    """A rule the kernel should have taken was refused."""


class _Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_uint16), ("filter", ctypes.POINTER(_Instruction))]


def _errno(number: int) -> int:
    return 0x00050000 | number


def _assemble(steps: list[tuple]) -> list[tuple[int, int, int, int]]:
    """BPF from steps `(label,)` or `(code, k, jump_if_true, jump_if_false)`; a jump is a label or None (next)."""
    places, index = {}, 0
    for step in steps:
        if len(step) == 1:
            places[step[0]] = index
        else:
            index += 1
    program, index = [], 0
    for step in steps:
        if len(step) == 1:
            continue
        code, k, yes, no = step
        offset = lambda label: 0 if label is None else places[label] - index - 1  # noqa: E731
        program.append((code, offset(yes), offset(no), k))
        index += 1
    return program


def _filter_steps(arch: int, calls: dict[str, int]) -> list[tuple]:
    return [
        (_LD, 4, None, None), (_JEQ, arch, None, "kill"),  # another ABI (i386 on x86-64): killed
        (_LD, 0, None, None), (_JGE, _X32, "kill", None),
        (_JEQ, _CLONE3, "enosys", None),  # its flags are out of reach: the C library falls back to clone
        *((_JEQ, number, "deny", None) for number in
          (_IO_URING_SETUP, calls["socketpair"], calls["fallocate"], calls["unshare"], calls["setns"])),
        (_JEQ, calls["socket"], "socket", None), (_JEQ, calls["clone"], "clone", None),
        (_RET, _ALLOW, None, None),
        ("socket",), (_LD, 16, None, None), (_JEQ, _AF_INET, "allow", None), (_JEQ, _AF_INET6, "allow", "deny"),
        ("clone",), (_LD, 16, None, None), (_JSET, _NEW_NAMESPACES, "deny", "allow"),
        ("allow",), (_RET, _ALLOW, None, None),
        ("deny",), (_RET, _errno(_EACCES), None, None),
        ("enosys",), (_RET, _errno(_ENOSYS), None, None),
        ("kill",), (_RET, _KILL, None, None),
    ]  # fmt: skip


def install_filter(libc: ctypes.CDLL) -> None:
    """The seccomp filter (see the module's docstring); raises RuleError."""
    arch, calls = _ARCHES[os.uname().machine]
    program = _assemble(_filter_steps(arch, calls))
    instructions = (_Instruction * len(program))(*(_Instruction(*step) for step in program))
    filter_program = _Program(len(program), instructions)
    _check(libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(filter_program), 0, 0), "seccomp")


# ---------------------------------------------------------------- Landlock

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_RULESET_VERSION, _RULE_PATH_BENEATH = 1, 1
_WRITE_FILE = 1 << 1
_WRITES_BY_ABI = (  # the write rights each ABI version adds
    (1, sum(1 << bit for bit in (1, 4, 5, 6, 7, 8, 9, 10, 11, 12))),  # write, remove, make anything
    (2, 1 << 13),  # refer (rename and link across folders)
    (3, 1 << 14),  # truncate
    (5, 1 << 15),  # ioctl on devices
)
_NET_TCP = (1 << 0) | (1 << 1)  # bind, connect (ABI 4)
_SCOPES = (1 << 0) | (1 << 1)  # abstract Unix sockets, signals (ABI 6)


class _Ruleset(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]  # fmt: skip


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def restrict_writes(libc: ctypes.CDLL, workdir: str) -> bool:
    """Landlock: write only beneath `workdir` and to /dev/null; False where the kernel has no Landlock."""
    abi = libc.syscall(_CREATE_RULESET, None, 0, _RULESET_VERSION)
    if abi < 1:
        return False
    writes = sum(rights for version, rights in _WRITES_BY_ABI if abi >= version)
    ruleset = _Ruleset(writes, _NET_TCP if abi >= 4 else 0, _SCOPES if abi >= 6 else 0)
    size = ctypes.sizeof(ctypes.c_uint64) * (3 if abi >= 6 else 2 if abi >= 4 else 1)
    handle = libc.syscall(_CREATE_RULESET, ctypes.byref(ruleset), size, 0)
    _check(-1 if handle < 0 else 0, "landlock ruleset")
    try:
        for path, rights in ((workdir, writes), ("/dev/null", _WRITE_FILE)):
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                rule = _PathBeneath(rights, fd)
                _check(libc.syscall(_ADD_RULE, handle, _RULE_PATH_BENEATH, ctypes.byref(rule), 0), "landlock rule")
            finally:
                os.close(fd)
        _check(libc.syscall(_RESTRICT_SELF, handle, 0), "landlock restrict")
    finally:
        os.close(handle)
    return True


def _check(status: int, what: str) -> None:
    if status != 0:
        error = ctypes.get_errno()
        raise RuleError(error, f"{what}: {os.strerror(error)}")
