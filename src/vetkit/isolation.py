"""Running plugin code: a time budget that really ends it, and every way it can fail caught as its fault.

:func:`call_plugin` runs one call of plugin code (a check, a register hook, a loader, a renderer).
Whatever the call raises, ``SystemExit`` and a ``KeyboardInterrupt`` it raises itself included,
becomes a :class:`PluginFault`; only a user's own interrupt (Ctrl-C, seen by
:func:`user_interrupts`) goes through as ``KeyboardInterrupt``, so that it stops the run.

The time budget ends a call that runs too long. In the main thread a ``SIGALRM`` timer raises
inside the call, which ends Python loops and C-level regular-expression backtracking alike
(the regex engine checks for signals), and it repeats every 0.1 s until the call is over, so
a call that catches the first one is stopped again. In other threads, where signals cannot be
delivered, a watchdog thread raises the same exception asynchronously: it ends Python code,
not a C function that holds the interpreter. An overrun is reported as such even when the
call swallowed the exception and returned.
"""

from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

#: Seconds between the repeats of the stop after a call's budget is spent.
_REPEAT = 0.1


class PluginFault(Exception):
    """Plugin code failed: it raised, exited, interrupted itself or ran out of time.

    ``str(fault)`` completes "the check of plugin X ...": ``raised ValueError: ...`` or ``did
    not finish within its time budget of 10 s and was stopped``; ``summary`` is the exception
    (``ValueError: ...``) or, for an overrun, ``it did not finish ...``.
    """

    def __init__(self, summary: str, *, timed_out: bool = False):
        super().__init__(summary[3:] if timed_out else f"raised {summary}")
        self.summary = summary
        self.timed_out = timed_out


class _OutOfTime(BaseException):
    """Raised inside plugin code whose time budget is spent (a BaseException: ``except Exception`` lets it by)."""


def summarize(error: BaseException) -> str:
    """``ExceptionType: message`` on one line."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def call_plugin(function: Callable[..., Any], *args: Any, budget: float | None = None, **kwargs: Any) -> Any:
    """``function(*args, **kwargs)`` within ``budget`` seconds (None: no limit), or :class:`PluginFault`.

    A user's interrupt (see :func:`user_interrupts`) is re-raised as ``KeyboardInterrupt``, even
    when the plugin code caught it.
    """
    timer = _start(budget) if budget else None
    try:
        try:
            result = function(*args, **kwargs)
        finally:
            if timer is not None:
                timer.stop()
    except BaseException as error:  # noqa: BLE001 - SystemExit and every other exception of plugin code
        if timer is not None:
            timer.stop()  # again: a stop that arrived while stopping leaves the timer to be stopped here
        if isinstance(error, KeyboardInterrupt) and _user_interrupted():
            raise
        if timer is not None and timer.expired:
            raise _overrun(budget) from None
        raise PluginFault(summarize(error)) from error
    if _tracking["interrupted"] and threading.current_thread() is threading.main_thread():
        raise KeyboardInterrupt  # the user's, swallowed by the plugin code
    if timer is not None and timer.expired:
        raise _overrun(budget)
    return result


def _overrun(budget: float | None) -> PluginFault:
    return PluginFault(f"it did not finish within its time budget of {budget:g} s and was stopped", timed_out=True)


# -- the time budget -------------------------------------------------------------------------------


def _start(budget: float):
    """The alarm in the main thread when the program uses no timer of its own, else the watchdog."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer") \
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) and signal.getsignal(signal.SIGALRM) is not None:
        return _Alarm(budget)
    return _Watchdog(budget)


class _Alarm:
    """A ``SIGALRM`` timer that raises :class:`_OutOfTime` in the main thread, except inside this module."""

    def __init__(self, budget: float):
        self.expired = False
        self.previous = signal.signal(signal.SIGALRM, self._ring)
        signal.setitimer(signal.ITIMER_REAL, budget, _REPEAT)

    def _ring(self, signum, frame) -> None:
        self.expired = True
        if frame is not None and frame.f_code.co_filename == __file__:
            return  # between calls, in vetkit's own bookkeeping: nothing to stop
        raise _OutOfTime

    def stop(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _settle()  # a signal that arrived before the timer stopped is handled here, by _ring, harmlessly
        signal.signal(signal.SIGALRM, self.previous)


def _settle() -> None:
    """A Python call: pending signal handlers run on entry to it."""


class _Watchdog:
    """A thread that raises :class:`_OutOfTime` in the calling thread once the budget is spent."""

    def __init__(self, budget: float):
        self.expired = False
        self.target = threading.get_ident()
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, args=(budget,), name="vetkit-time-budget", daemon=True)
        self.thread.start()

    def _watch(self, budget: float) -> None:
        if self.done.wait(budget):
            return
        while True:
            with self.lock:
                if self.done.is_set():
                    return
                self.expired = True
                frame = sys._current_frames().get(self.target)
                if frame is None or frame.f_code.co_filename != __file__:  # not in vetkit's own bookkeeping
                    _raise_in(self.target, _OutOfTime)
            if self.done.wait(_REPEAT):
                return

    def stop(self) -> None:
        with self.lock:
            self.done.set()
            if self.expired:
                _raise_in(self.target, None)  # withdraw a stop not yet raised
        if self.thread is not threading.current_thread():
            self.thread.join()


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exception) if exception else None)


# -- user interrupts -------------------------------------------------------------------------------

_tracking = {"depth": 0, "interrupted": False}


@contextmanager
def user_interrupts() -> Iterator[None]:
    """While inside, note every SIGINT, so that :func:`call_plugin` tells a user's Ctrl-C from plugin code's own.

    Main thread only (elsewhere a no-op); nests; restores the previous handler on exit. An
    ignored SIGINT stays ignored.
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is None:
        yield  # not the main thread, or a handler set outside Python that could not be put back
        return
    if _tracking["depth"] == 0:
        previous = signal.getsignal(signal.SIGINT)

        def noted(signum, frame):
            if previous == signal.SIG_IGN:
                return
            try:
                if callable(previous):  # Python's own handler raises KeyboardInterrupt; a program's may not
                    previous(signum, frame)
                    return
                raise KeyboardInterrupt
            except KeyboardInterrupt:
                _tracking["interrupted"] = True  # the user's: it goes through plugin code and stops the run
                raise

        _tracking["interrupted"] = False
        signal.signal(signal.SIGINT, noted)
    _tracking["depth"] += 1
    try:
        yield
    finally:
        _tracking["depth"] -= 1
        if _tracking["depth"] == 0:
            signal.signal(signal.SIGINT, previous)


def _user_interrupted() -> bool:
    """Whether a KeyboardInterrupt now is a user's: a SIGINT was noted, or nobody was listening for one."""
    if threading.current_thread() is not threading.main_thread():
        return False  # signals are delivered to the main thread only
    return _tracking["interrupted"] or _tracking["depth"] == 0
