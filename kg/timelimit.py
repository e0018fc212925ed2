"""A time limit for the work on one file: past it, the work stops with :class:`FileTimeout`.

The limit is a real-time timer (``SIGALRM``) in the main thread of the process that does the work: the
build process itself, or each extraction worker. Python runs the handler between two instructions, and
the regular-expression engine checks for signals while it scans, so a pass that runs away on one
file is stopped there. :class:`FileTimeout` derives from ``BaseException`` so that no ``except
Exception`` on the way swallows it. Where there is no ``SIGALRM`` (Windows) or outside the main
thread, the work runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["DEFAULT_FILE_TIMEOUT", "FileTimeout", "time_limit"]

DEFAULT_FILE_TIMEOUT = 120.0  # seconds; a 16 MB file (the size limit) extracts in well under that


class FileTimeout(BaseException):
    """The work on one file took longer than its time limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than the time limit of {seconds:g} s")
        self.seconds = seconds


_armed = False


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    if _armed:
        raise FileTimeout(_limit)


_limit = 0.0


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`FileTimeout` in the body if it runs longer than ``seconds`` (None or 0: no limit)."""
    global _armed, _limit
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _limit = seconds
    _armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _armed = False  # first: an alarm that comes now is ignored
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
