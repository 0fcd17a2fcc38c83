"""```python derivation``` blocks: run only with --run-python, each in its own subprocess.

The one place vaultkit runs code from a note, and only when the user asks. The
block runs in a fresh interpreter (`python -I`: no environment variables, no
user site), with an empty environment, in a temporary working directory, under
CPU-time, memory, file-size and process limits and a wall-clock timeout, and in
a network namespace of its own where the system allows one. `claim(id, lhs, rhs)`
checks an identity with vaultkit's engine inside that process. These limits
keep a careless block from harming the run; they are not a security boundary.
`PythonBlock` is a block as a unit of work (see `workers.Unit`).
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from functools import partial

from ..vault import Vault
from .claims import Result, Verdict
from .work import ENGINE_VERSION

MAX_SECONDS = 600.0  # the longest a block may run (wall-clock and CPU time), whatever the budget
MEMORY = 2 * 1024**3
FILE_SIZE = 16 * 1024**2
PROCESSES = 64
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000

_HARNESS = r"""
import json, sys, traceback
import sympy
from vaultkit.checking.claims import Claim
from vaultkit.checking.engine import check

job = json.loads(sys.stdin.read())
out = sys.stdout
sys.stdout = sys.stderr  # the block's own prints do not mix with results
results = []

def claim(ident, lhs, rhs):
    frame = sys._getframe(1)
    line = job["line"] + frame.f_lineno if frame.f_code.co_filename == "<derivation>" else job["line"]
    made = Claim(job["note"], line, str(ident), "python", sympy.sympify(lhs), sympy.sympify(rhs))
    results.append(check(made, budget=job["budget"]).as_json())

try:
    code = compile(job["code"], "<derivation>", "exec")
    exec(code, {"__name__": "__derivation__", "claim": claim})
except BaseException as error:
    line = job["line"]
    for entry in traceback.extract_tb(error.__traceback__):
        if entry.filename == "<derivation>":
            line = job["line"] + entry.lineno
    results.append({"error": f"{type(error).__name__}: {error}", "line": line})
out.write(json.dumps(results))
"""


@dataclass(frozen=True)
class PythonBlock:
    """A ```python derivation``` block, run only with --run-python."""

    path: str
    title: str
    code: str
    line: int  # of the opening fence

    @property
    def id(self) -> str:
        return f"python:{self.path}:{self.line}"

    def key(self) -> str:
        payload = json.dumps([ENGINE_VERSION, "python", self.path, self.title, self.code, self.line])
        return hashlib.sha256(payload.encode()).hexdigest()

    def wall_limit(self, budget: float) -> float:
        return timeout(budget) + 10  # the block's own subprocess has a shorter limit

    def run(self, budget: float) -> list[Result]:
        return run_block(self.path, self.title, self.code, self.line, budget)

    def stopped(self, message: str) -> list[Result]:
        return [_error(self.path, self.title, self.line, message, incomplete=True)]

    def skipped(self) -> Result:
        message = "Python derivation blocks run only with --run-python"
        return Result(self.path, self.line, f"{self.title}:{self.line}", "python", Verdict.SKIPPED, message=message)


def python_blocks(vault: Vault) -> list[PythonBlock]:
    """Every ```python derivation``` block of the vault."""
    return [
        PythonBlock(note.path, note.title, block.content, block.line)
        for note in vault.notes.values()
        for block in note.code_blocks
        if block.info.split()[:2] == ["python", "derivation"]
    ]


def timeout(budget: float) -> float:
    """The wall-clock (and CPU-time) limit of one block: generous, since a block may check many claims."""
    return min(MAX_SECONDS, 10 + budget * 5)


def run_block(note: str, title: str, code: str, fence_line: int, budget: float) -> list[Result]:
    """Run one block; `fence_line` is the line of its opening fence."""
    job = json.dumps({"note": note, "line": fence_line, "code": code, "budget": budget})
    limit = timeout(budget)
    with tempfile.TemporaryDirectory(prefix="vaultkit-run-") as workdir:
        try:
            done = subprocess.run(
                [sys.executable, "-I", "-c", _HARNESS],
                input=job,
                capture_output=True,
                text=True,
                cwd=workdir,
                env={},
                timeout=limit,
                preexec_fn=partial(_confine, int(limit) + 1) if os.name == "posix" else None,
            )
        except subprocess.TimeoutExpired:
            return [_error(note, title, fence_line, f"ran out of time after {limit:.0f} s; raise --budget", incomplete=True)]
    try:
        items = json.loads(done.stdout)
    except ValueError:
        reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        killed = done.returncode < 0  # by a signal: the CPU-time or memory limit, or from outside
        return [_error(note, title, fence_line, f"the block stopped: {reason}", incomplete=killed)]
    try:
        results = _results(items, note, title)
    except (KeyError, TypeError, ValueError):
        return [_error(note, title, fence_line, "the block's output could not be read")]
    return results or [_error(note, title, fence_line, "the block made no claim(…)")]


def _results(items: object, note: str, title: str) -> list[Result]:
    """The harness's output as results; raises KeyError, TypeError or ValueError when it is not what it writes."""
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise TypeError("not a list of objects")
    return [
        _error(note, title, int(item["line"]), str(item["error"])) if "error" in item
        # the block's output names its own claims; where they live is ours to say
        else replace(Result.from_json(item), note=note, source="python")
        for item in items
    ]


def _error(note: str, title: str, line: int, message: str, incomplete: bool = False) -> Result:
    return Result(note, line, f"{title}:{line}", "python", Verdict.ERROR, message=message, incomplete=incomplete)


def _confine(cpu_seconds: int) -> None:  # runs in the child between fork and exec
    import resource

    for limit, value in (
        (resource.RLIMIT_CPU, cpu_seconds),
        (resource.RLIMIT_AS, MEMORY),
        (resource.RLIMIT_FSIZE, FILE_SIZE),
        (resource.RLIMIT_NPROC, PROCESSES),
    ):
        try:
            resource.setrlimit(limit, (value, value))
        except (ValueError, OSError):
            pass
    try:  # no network: a namespace with only a loopback that is down
        libc = ctypes.CDLL(None, use_errno=True)
        flags = _CLONE_NEWNET if os.geteuid() == 0 else _CLONE_NEWUSER | _CLONE_NEWNET
        libc.unshare(flags)
    except (OSError, AttributeError):
        pass
