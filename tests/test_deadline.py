"""Time limits: an interruption that is swallowed once is repeated, and limits nest."""

import signal
import time

import pytest

from vaultkit.checking.deadline import OutOfTime, time_limit

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="interval timers are Unix only")


def test_a_limit_swallowed_by_a_bare_except_still_stops_the_block():
    swallowed = 0
    with pytest.raises(OutOfTime):
        with time_limit(0.05):
            while True:
                try:
                    while True:
                        pass
                except BaseException:  # noqa: BLE001 - code that hides every interruption once
                    swallowed += 1
                    if swallowed > 1:
                        raise
    assert swallowed == 2
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_inner_limit_gives_back_the_rest_of_the_outer_one():
    with pytest.raises(OutOfTime):
        with time_limit(0.5):
            with pytest.raises(OutOfTime):
                with time_limit(0.05):
                    while True:
                        pass
            left, _ = signal.getitimer(signal.ITIMER_REAL)
            assert 0 < left < 0.5
            while True:
                pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_block_that_ends_in_time_is_not_interrupted_later():
    with time_limit(0.05):
        pass
    time.sleep(0.15)  # no reminder arrives after the block


class _SlowToFinalize:
    """An object whose finalizer runs long enough for the limit to land inside it."""

    def __del__(self):
        ends = time.monotonic() + 0.3
        while time.monotonic() < ends:
            pass


def test_a_limit_that_lands_in_a_finalizer_is_not_reported_and_still_stops_the_block(monkeypatch):
    reported = []
    monkeypatch.setattr("sys.unraisablehook", reported.append)
    with pytest.raises(OutOfTime):
        with time_limit(0.05):
            _SlowToFinalize()  # dropped at once: its finalizer is running when the limit ends
            while True:
                pass
    assert reported == []
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_other_unraisable_exceptions_still_reach_the_hook_in_place(monkeypatch):
    reported = []
    monkeypatch.setattr("sys.unraisablehook", reported.append)

    class Broken:
        def __del__(self):
            raise ValueError("broken finalizer")

    with time_limit(5):
        Broken()
    assert [type(report.exc_value) for report in reported] == [ValueError]
