"""Time limits that nest: a stage's limit inside a claim's, inside a worker's.

A limit is an interval timer (SIGALRM) on the main thread; an inner limit never
outlasts the outer one, and when it ends the outer timer is set again with what
is left of it. The exception is a BaseException, so SymPy's own
`except Exception` cannot swallow it.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class OutOfTime(BaseException):
    """A time limit ran out."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (main thread on Unix; elsewhere unlimited)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    outer, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    limit = max(seconds, 0.001) if not outer else max(min(seconds, outer), 0.001)

    def expire(signum, frame):  # noqa: ANN001, ARG001
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))
