"""Time limits that nest: a stage's limit inside a claim's, inside a worker's.

A limit is an interval timer (SIGALRM) on the main thread; an inner limit never
outlasts the outer one, and when it ends the outer timer is set again with what
is left of it. The exception is a BaseException, so SymPy's own
`except Exception` cannot swallow it.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Iterator
import contextlib
from contextlib import contextmanager


class OutOfTime(BaseException):
    """A time limit ran out."""


_REPEAT = 0.05  # seconds between reminders once a limit has run out


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (main thread on Unix; elsewhere unlimited).

    Once the limit runs out the signal repeats until the block has ended: an
    interruption that lands where Python ignores exceptions (a `__del__`, a
    weak-reference callback) or in a bare `except:` is not lost, and one that
    lands in a finalizer is dropped quietly instead of reported as unraisable.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    outer, outer_repeat = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    limit = max(seconds, 0.001) if not outer else max(min(seconds, outer), 0.001)
    previous = signal.signal(signal.SIGALRM, _expire)
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _QuietHook(previous_hook)
    signal.setitimer(signal.ITIMER_REAL, limit, _REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001), outer_repeat)


def _expire(signum, frame) -> None:  # noqa: ANN001, ARG001
    """Raise, except while a limit is being set up or taken down (the next reminder comes soon)."""
    if frame is not None and frame.f_code.co_filename in _QUIET:
        return
    raise OutOfTime


class _QuietHook:
    """An unraisable-exception hook that drops the limit's own interruptions.

    An interruption that lands in a `__del__` cannot propagate; the next
    reminder will. Anything else goes to the hook that was there before. The
    hook lives in this file, so a reminder never lands inside it.
    """

    def __init__(self, previous) -> None:  # noqa: ANN001
        self.previous = previous

    def __call__(self, unraisable) -> None:  # noqa: ANN001
        if isinstance(unraisable.exc_value, OutOfTime):
            return
        self.previous(unraisable)


_QUIET = frozenset({__file__, contextlib.__file__})
