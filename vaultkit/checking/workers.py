"""Isolated worker processes: each unit of work in a process of its own, under limits.

A unit that explodes (memory, CPU, a hang) costs only its own answer, which the
caller's `stopped` function turns into an error; the run goes on. Processes are
forked where the system can, so a unit need not be pickled to start.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import TypeVar

U = TypeVar("U")
T = TypeVar("T")

MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for one worker


def run_isolated(
    units: list[U],
    workers: int,
    work: Callable[[U], T],
    limit: Callable[[U], float],
    stopped: Callable[[U, str], T],
) -> Iterator[tuple[U, T]]:
    """Yield (unit, work(unit)) as each unit's process finishes, at most `workers` at once.

    `limit(unit)` is its wall-clock deadline in seconds (CPU time is capped a
    little above it); `stopped(unit, why)` is the answer for a unit whose
    process died or overran.
    """
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pending = deque(units)
    running: dict = {}
    while pending or running:
        while pending and len(running) < workers:
            unit = pending.popleft()
            receive, send = context.Pipe(duplex=False)
            seconds = limit(unit)
            process = context.Process(target=_child, args=(unit, work, stopped, seconds, send), daemon=True)
            process.start()
            send.close()
            running[receive] = (process, unit, time.monotonic() + seconds, seconds)
        for connection in multiprocessing.connection.wait(list(running), timeout=0.2):
            process, unit, _, _ = running.pop(connection)
            try:
                answer = connection.recv()
            except (EOFError, OSError):
                answer = None
            connection.close()
            process.join(5)
            if answer is None:
                code = process.exitcode
                reason = "ran out of memory" if code in (-9, 137, None) else f"stopped (exit status {code})"
                answer = stopped(unit, f"the checking process {reason}")
            yield unit, answer
        now = time.monotonic()
        for connection, (process, unit, deadline, seconds) in list(running.items()):
            if now > deadline:
                process.kill()
                process.join(5)
                connection.close()
                del running[connection]
                yield unit, stopped(unit, f"the checking process was stopped after {seconds:.0f} s")


def _child(unit, work, stopped, seconds: float, send) -> None:  # noqa: ANN001
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
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
