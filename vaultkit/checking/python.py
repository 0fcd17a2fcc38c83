"""```python derivation``` blocks: run only with --run-python, each in a sandbox, their claims checked outside it.

The one place vaultkit runs code from a note, and only when the user asks. The
block runs in a fresh interpreter (`python -I`) confined by `sandbox`: where
Linux allows it, every file it can see is read-only except a private temporary
working directory (its HOME), with no network, no capability, and every process
it starts killed at the end; everywhere, limits on CPU time, memory, file size
and processes. The block only *states* claims: `claim(id, lhs, rhs)` sends
`srepr` of both sides out of the sandbox, and vaultkit reads them with a safe
reader and checks them with its own engine in its own process, so nothing the
block does (not even replacing SymPy or the engine inside its interpreter) can
make a claim proved. `PythonBlock` is a block as a unit of work (see `workers.Unit`).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace

from ..vault import Vault
from . import sandbox
from .claims import Claim, Result, Verdict
from .deadline import OutOfTime, time_limit
from .engine import check
from .srepr import SreprError, read_srepr
from .work import ENGINE_VERSION

MAX_SECONDS = 600.0  # the longest a block may run (wall-clock and CPU time), whatever the budget
MEMORY = 2 * 1024**3
FILE_SIZE = 16 * 1024**2  # any file the block writes, and its output
PROCESSES = 8  # the harness's three, and five more for the block: with MEMORY, at most 16 GiB in all
MAX_CLAIMS = 500  # a block's claims are checked one by one after it ends
_SLOW = "reading it took more than"

_HARNESS = r"""
import json, os, signal, sys, traceback
job = json.loads(sys.stdin.read())
if job["isolated"]:
    # Three processes: this one, outside the PID namespace; its child, the namespace's init, which only waits;
    # and the block, the init's child. The init dies with its parent (a signal the block can neither clear nor
    # send to an init), and when the init ends, the kernel kills every process of the namespace.
    def wait_for(child):
        return os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
    init = os.fork()
    if init:  # an init cannot signal itself, so it passes a signal up as 128 + its number
        code = wait_for(init)
        os.kill(os.getpid(), code - 128) if code > 128 else None
        os._exit(code)
    from vaultkit.checking.sandbox import guard_init
    guard_init()
    block = os.fork()
    if block:
        code = wait_for(block)
        os._exit(128 - code if code < 0 else code)
import sympy
results = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)  # the block's own prints go to stderr, not among its claims
claims, error = [], None

def claim(ident, lhs, rhs):
    frame = sys._getframe(1)
    line = job["line"] + frame.f_lineno if frame.f_code.co_filename == "<derivation>" else job["line"]
    sides = [sympy.srepr(sympy.sympify(side)) for side in (lhs, rhs)]
    claims.append({"id": str(ident), "line": line, "lhs": sides[0], "rhs": sides[1]})

try:
    exec(compile(job["code"], "<derivation>", "exec"), {"__name__": "__derivation__", "claim": claim})
except BaseException as failure:
    line = job["line"]
    for entry in traceback.extract_tb(failure.__traceback__):
        if entry.filename == "<derivation>":
            line = job["line"] + entry.lineno
    error = {"error": f"{type(failure).__name__}: {failure}", "line": line}
results.write(json.dumps({"claims": claims, "error": error}))
results.flush()
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
        payload = json.dumps([ENGINE_VERSION, "python-sandboxed", self.path, self.title, self.code, self.line])
        return hashlib.sha256(payload.encode()).hexdigest()

    def wall_limit(self, budget: float) -> float:
        """The block's own time limit, then its claims checked one by one, each within the budget."""
        claims = min(self.code.count("claim"), MAX_CLAIMS)
        return timeout(budget) + 30 + budget * 1.5 * (claims + 1)

    def run(self, budget: float) -> list[Result]:  # in a worker process of its own: orphans come to it
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
    """The wall-clock (and CPU-time) limit of running one block: generous, a block may do heavy algebra."""
    return min(MAX_SECONDS, 10 + budget * 5)


def run_block(note: str, title: str, code: str, fence_line: int, budget: float) -> list[Result]:
    """Run one block in its sandbox, then check the claims it stated; `fence_line` is its opening fence."""
    last_line = fence_line + code.count("\n") + 1
    stated = _state_claims(note, title, code, fence_line, timeout(budget))
    if isinstance(stated, Result):
        return [stated]
    try:
        claims, error = _read_output(stated, note, title, (fence_line, last_line), budget)
    except (KeyError, TypeError, ValueError):
        return [_error(note, title, fence_line, "the block's output could not be read")]
    results = [_timed(claim, check(claim, budget=budget)) for claim in claims]
    results += [error] if error is not None else []
    return results or [_error(note, title, fence_line, "the block made no claim(…)")]


def _state_claims(note: str, title: str, code: str, fence_line: int, limit: float) -> str | Result:
    """The block's output (JSON text), or an error saying why there is none."""
    isolated = sandbox.available()
    job = json.dumps({"line": fence_line, "code": code, "isolated": isolated})
    limits = sandbox.Limits(int(limit) + 1, MEMORY, FILE_SIZE, PROCESSES)
    with tempfile.TemporaryDirectory(prefix="vaultkit-run-") as workdir, tempfile.TemporaryFile() as out, \
            tempfile.TemporaryFile() as err:  # fmt: skip
        before = sandbox.adopt_orphans()
        try:
            process = subprocess.Popen(
                [sys.executable, "-I", "-c", _HARNESS], stdin=subprocess.PIPE, stdout=out, stderr=err, cwd=workdir,
                env=sandbox.environment(workdir), start_new_session=True,
                preexec_fn=sandbox.Confinement(workdir, limits, isolated),
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError) as failure:
            return _error(note, title, fence_line, f"the block could not be confined, so it was not run: {failure}")
        try:
            process.communicate(job.encode(), timeout=limit)
        except subprocess.TimeoutExpired:
            return _error(note, title, fence_line, f"ran out of time after {limit:.0f} s; raise --budget", True)
        finally:
            sandbox.end(process, before)
        if process.returncode != 0:
            return _error(note, title, fence_line, _why_stopped(process.returncode, err), process.returncode < 0)
        out.seek(0)
        return out.read(FILE_SIZE).decode("utf-8", "replace")


def _timed(claim: Claim, result: Result) -> Result:
    """A claim that could not be read in time is `incomplete`: a faster run may read it."""
    slow = claim.problem is not None and _SLOW in claim.problem
    return replace(result, incomplete=True) if slow else result


def _why_stopped(code: int, err) -> str:  # noqa: ANN001
    """The last line the block wrote to stderr, or its exit status; killed by a signal: a limit was reached."""
    err.seek(0)
    lines = err.read(FILE_SIZE).decode("utf-8", "replace").strip().splitlines()
    reason = lines[-1] if lines else (f"killed by signal {-code}" if code < 0 else f"exit status {code}")
    return f"the block stopped: {reason[:300]}"


def _read_output(
    text: str, note: str, title: str, lines: tuple[int, int], budget: float
) -> tuple[list[Claim], Result | None]:
    """The claims the block stated, read safely, and its error; raises KeyError, TypeError or ValueError."""
    data = json.loads(text)
    items, failure = data["claims"], data["error"]
    if not isinstance(items, list):
        raise TypeError("not a list of claims")
    if len(items) > MAX_CLAIMS:
        too_many = f"the block stated {len(items)} claims; at most {MAX_CLAIMS} are checked"
        return [], _error(note, title, lines[0], too_many)
    claims = [_claim(item, note, lines, budget) for item in items]
    error = None
    if failure is not None:
        error = _error(note, title, _within(failure["line"], lines), str(failure["error"])[:1000])
    return claims, error


def _claim(item: dict, note: str, lines: tuple[int, int], budget: float) -> Claim:
    """One stated claim; a side that is not an srepr the safe reader accepts makes it an error."""
    ident, line = str(item["id"])[:200], _within(item["line"], lines)
    text = f"{str(item['lhs'])[:200]} == {str(item['rhs'])[:200]}"
    try:
        with time_limit(budget):  # building what the block sent is work too
            lhs, rhs = read_srepr(item["lhs"]), read_srepr(item["rhs"])
    except (SreprError, OutOfTime) as problem:
        why = problem if isinstance(problem, SreprError) else f"{_SLOW} {budget:g} s"
        return Claim(note, line, ident, "python", None, None, text=text, problem=f"the claim cannot be read: {why}")
    return Claim(note, line, ident, "python", lhs, rhs, text=f"{lhs} == {rhs}"[:1000])


def _within(line: object, lines: tuple[int, int]) -> int:
    """A line the block reports, kept inside the block: it cannot point anywhere else in the note."""
    if type(line) is not int:
        raise TypeError("a line is a number")
    return min(max(line, lines[0]), lines[1])


def _error(note: str, title: str, line: int, message: str, incomplete: bool = False) -> Result:
    return Result(note, line, f"{title}:{line}", "python", Verdict.ERROR, message=message, incomplete=incomplete)
