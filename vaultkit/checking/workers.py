"""Isolated worker processes: each unit of work in a process of its own, under limits.

`run_units` runs the checking pipeline's units, anything that follows the
`Unit` protocol: a note's claims (`work.NoteWork`), a built-in derivation
(`builtin.DerivationUnit`) or a Python block (`python.PythonBlock`).
`run_isolated` is the general runner underneath (`coverage` uses it too).
A unit that explodes (memory, CPU, a hang) costs only its own answer, which its
`stopped` function turns into an error; the run goes on. Processes are forked
where the system can, so a unit need not be pickled to start.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from typing import Protocol, TypeVar

from .claims import Result

MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for one worker


class Unit(Protocol):
    """One unit of the checking pipeline, checked in a process of its own and cached by content."""

    @property
    def id(self) -> str:
        """Unique among the units of one run: `note:PATH`, `derivation:NAME`, `python:PATH:LINE`."""
        ...

    def key(self) -> str:
        """A cache key that changes whenever anything that could change a verdict changes (not the budget)."""
        ...

    def wall_limit(self, budget: float) -> float:
        """Seconds of wall-clock time for the whole unit, given at most `budget` seconds a claim."""
        ...

    def run(self, budget: float) -> list[Result]:
        """Check everything in the unit (inside the worker process); never raises on content."""
        ...

    def stopped(self, message: str) -> list[Result]:
        """The answer when the process died or ran over: errors saying why, every one `incomplete`."""
        ...


U = TypeVar("U")
T = TypeVar("T")
V = TypeVar("V", bound=Unit)


def run_units(units: Sequence[V], budget: float, workers: int) -> Iterator[tuple[V, list[Result]]]:
    """Yield (unit, its results) as each unit's process finishes; a time-out says to raise --budget."""
    return run_isolated(
        units, workers, partial(_run, budget=budget), partial(_wall_limit, budget=budget), _stopped,
        overtime="ran out of time after {seconds:.0f} s; raise --budget",
    )  # fmt: skip


def _run(unit: Unit, budget: float) -> list[Result]:
    return unit.run(budget)


def _wall_limit(unit: Unit, budget: float) -> float:
    return unit.wall_limit(budget)


def _stopped(unit: Unit, message: str) -> list[Result]:
    """The unit's own answer, every result `incomplete` whatever the unit says: such results are never cached."""
    return [r if r.incomplete else replace(r, incomplete=True) for r in unit.stopped(message)]


def run_isolated(
    units: Sequence[U],
    workers: int,
    work: Callable[[U], T],
    limit: Callable[[U], float],
    stopped: Callable[[U, str], T],
    *,
    overtime: str = "the checking process was stopped after {seconds:.0f} s",
) -> Iterator[tuple[U, T]]:
    """Yield (unit, work(unit)) as each unit's process finishes, at most `workers` at once.

    `limit(unit)` is its wall-clock deadline in seconds (CPU time is capped a
    little above it); `stopped(unit, why)` is the answer for a unit whose
    process died or overran (`overtime`, formatted with the seconds, says why).
    """
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pending = deque(units)
    running: dict = {}
    while pending or running:
        while pending and len(running) < workers:
            unit = pending.popleft()
            receive, send = context.Pipe(duplex=False)
            seconds = limit(unit)
            process = context.Process(
                target=_child, args=(unit, work, stopped, seconds, send, os.getpid()), daemon=True
            )
            process.start()
            send.close()
            running[receive] = (process, unit, time.monotonic() + seconds, seconds)
        for connection in multiprocessing.connection.wait(list(running), timeout=0.2):
            process, unit, _, _ = running.pop(connection)
            yield unit, _answer(connection, process, unit, stopped)
        now = time.monotonic()
        for connection, (process, unit, deadline, seconds) in list(running.items()):
            if now > deadline:
                process.kill()
                process.join(5)
                connection.close()
                del running[connection]
                yield unit, stopped(unit, overtime.format(seconds=seconds))


def _answer(connection, process, unit: U, stopped: Callable[[U, str], T]) -> T:  # noqa: ANN001
    """What a finished process sent, or why it sent nothing."""
    try:
        answer = connection.recv()
    except (EOFError, OSError):
        answer = None
    connection.close()
    process.join(5)
    if answer is not None:
        return answer
    code = process.exitcode
    reason = "ran out of memory" if code in (-9, 137, None) else f"stopped (exit status {code})"
    return stopped(unit, f"the checking process {reason}")


def _address_space() -> int:
    """Bytes of address space this process holds now (0 where the system does not say)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    import resource

    return pages * resource.getpagesize()


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WATCH_INTERVAL = 0.5  # seconds between looks at the parent, where the kernel cannot be asked


def _die_with_parent(parent: int | None) -> None:
    """Make this worker end when the process that started it ends, however it ends (even `kill -9`).

    On Linux the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG);
    a parent already gone before that was set is caught by looking once after.
    Elsewhere a daemon thread watches for the parent to change and exits.
    Without this a worker of a killed `vaultkit verify` runs on, re-parented to
    init, until its CPU limit.
    """
    if parent is None:
        parent = os.getppid()
    if sys.platform.startswith("linux") and _pdeathsig():
        if os.getppid() != parent:
            os._exit(1)
        return
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="vaultkit-parent-watch", daemon=True).start()


def _pdeathsig() -> bool:
    """Ask Linux for SIGKILL when the parent dies; False where that cannot be done."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError, ImportError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_INTERVAL)
    os._exit(1)


def _child(unit, work, stopped, seconds: float, send, parent: int | None = None) -> None:  # noqa: ANN001
    _die_with_parent(parent)
    try:
        import resource

        limit = _address_space() + MEMORY_LIMIT  # a fork of a large process already holds its mappings
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        cpu = int(seconds) + 5
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    except (ImportError, ValueError, OSError):
        pass
    try:
        send.send(work(unit))
    except MemoryError:
        send.send(stopped(unit, "the checking process ran out of memory"))
    except RecursionError:
        send.send(stopped(unit, "the claim is too deeply nested to check"))
    except Exception as error:  # noqa: BLE001 - a failure of one unit is its own error, not the run's
        send.send(stopped(unit, f"the checking process failed: {type(error).__name__}: {error}"))
    finally:
        send.close()
