"""```python derivation``` blocks: run only with --run-python, each in its own subprocess.

The one place vaultkit runs code from a note, and only when the user asks. The
block runs in a fresh interpreter (`python -I`: no environment variables, no
user site), with an empty environment, in a temporary working directory, under
CPU-time, memory, file-size and process limits and a wall-clock timeout, and in
a network namespace of its own where the system allows one. `claim(id, lhs, rhs)`
checks an identity with vaultkit's engine inside that process. These limits
keep a careless block from harming the run; they are not a security boundary.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import replace

from .claims import Result, Verdict

CPU_SECONDS = 60
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


def timeout(budget: float) -> float:
    """The wall-clock limit of one block: generous, since a block may check many claims."""
    return min(float(CPU_SECONDS), 10 + budget * 5)


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
                preexec_fn=_confine if os.name == "posix" else None,
            )
        except subprocess.TimeoutExpired:
            return [_error(note, title, fence_line, f"the block ran over its {limit:.0f} s time limit")]
    try:
        items = json.loads(done.stdout)
    except ValueError:
        reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return [_error(note, title, fence_line, f"the block stopped: {reason}")]
    results = []
    for item in items if isinstance(items, list) else [None]:
        try:
            if "error" in item:
                results.append(_error(note, title, int(item["line"]), str(item["error"])))
            else:  # the block's output names its own claims; where they live is ours to say
                results.append(replace(Result.from_json(item), note=note, source="python"))
        except (KeyError, TypeError, ValueError):
            return [_error(note, title, fence_line, "the block's output could not be read")]
    if not results:
        results.append(Result(note, fence_line, f"{title}:{fence_line}", "python", Verdict.ERROR,
                              message="the block made no claim(…)"))  # fmt: skip
    return results


def _error(note: str, title: str, line: int, message: str) -> Result:
    return Result(note, line, f"{title}:{line}", "python", Verdict.ERROR, message=message)


def _confine() -> None:  # runs in the child between fork and exec
    import resource

    for limit, value in (
        (resource.RLIMIT_CPU, CPU_SECONDS),
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
