"""End the app when its terminal goes away, within a second, leaving nothing behind.

Textual's input thread spins at full speed once stdin reaches EOF (it reads zero bytes,
breaks and selects again), so an app started by ``ssh -T`` whose connection drops lives on
busy-looping. SIGHUP and SIGTERM would by default kill the process without restoring the
terminal. This guard turns all of these into ``app.exit`` on the event loop, and, if the app
cannot finish (its writer thread blocked on a dead terminal), restores what it can and ends
the process after a short grace period.
"""

from __future__ import annotations

import asyncio
import os
import select
import signal
import stat
import sys
import termios
import threading
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import Any

from textual.app import App

# Exit statuses follow the shell's 128 + signal number; a vanished terminal counts as a hang-up.
SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
HANGUP_STATUS = 128 + signal.SIGHUP

POLL_SECONDS = 0.1
# Textual's own shutdown restores the terminal in well under this; after it the process is ended.
GRACE_SECONDS = 0.5

_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL | getattr(select, "POLLRDHUP", 0)

# What Textual's driver turns on (mouse, bracketed paste, kitty keys, alternate screen, hidden
# cursor, focus reports, no line wrap), turned off again for the forced exit.
TERMINAL_RESET = (
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l\x1b[?2004l\x1b[?2048l"
    "\x1b[?7h\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l"
)


def fd_gone(fd: int) -> bool:
    """The other end of ``fd`` has hung up or closed (a dropped SSH session, a closed pane)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | getattr(select, "POLLRDHUP", 0))
    try:
        return any(revents & _GONE for _, revents in poller.poll(0))
    except OSError:
        return True


def input_ended(fd: int) -> bool:
    """Input can never arrive again: a hung-up tty, pipe or socket, or a file read to its end."""
    try:
        info = os.fstat(fd)
    except OSError:
        return True
    if stat.S_ISREG(info.st_mode):
        # Textual reads the file through this same descriptor, so its offset says how far it got.
        try:
            return os.lseek(fd, 0, os.SEEK_CUR) >= info.st_size
        except OSError:
            return True
    if stat.S_ISCHR(info.st_mode) and not os.isatty(fd):
        return info.st_rdev == os.stat(os.devnull).st_rdev  # /dev/null: EOF for ever
    return fd_gone(fd)


class HangupGuard:
    """Context manager around ``app.run``: signals and a watchdog thread end the app.

    ``reason`` says why it ended it (None when the user quit).
    """

    def __init__(
        self,
        app: App[Any],
        loop: asyncio.AbstractEventLoop,
        *,
        input_fd: int | None = None,
        output_fd: int | None = None,
        exit_process: Callable[[int], None] = os._exit,
    ) -> None:
        self.app = app
        self.loop = loop
        stdin = sys.__stdin__
        stderr = sys.__stderr__
        self.input_fd = input_fd if input_fd is not None else (stdin.fileno() if stdin else 0)
        # Textual's driver writes the screen to stderr.
        self.output_fd = output_fd if output_fd is not None else (stderr.fileno() if stderr else 2)
        self.reason: str | None = None
        self._exit_process = exit_process
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, name="csto-hangup-watchdog", daemon=True)
        self._saved_handlers: dict[int, Any] = {}
        self._tty_attrs: list[Any] | None = None

    def __enter__(self) -> HangupGuard:
        try:
            self._tty_attrs = termios.tcgetattr(self.input_fd)
        except termios.error:
            self._tty_attrs = None
        for signum in SIGNALS:
            # An inherited SIG_IGN (nohup, a background job) is the parent's choice; the watchdog
            # still notices when the terminal goes.
            if signal.getsignal(signum) is not signal.SIG_IGN:
                self._saved_handlers[signum] = signal.signal(signum, self._on_signal)
        self._watchdog.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        for signum, handler in self._saved_handlers.items():
            signal.signal(signum, handler)

    def hang_up(self, status: int, reason: str) -> None:
        """Ask the app to exit with ``status``; end the process if it has not within the grace period."""
        with self._lock:
            if self.reason is not None:
                return
            self.reason = reason
        try:
            self.loop.call_soon_threadsafe(self._exit_app, status)
        except RuntimeError:  # the loop has already closed: the app is finishing anyway
            pass
        timer = threading.Timer(GRACE_SECONDS, self._force_exit, (status,))
        timer.daemon = True
        timer.start()

    def _exit_app(self, status: int) -> None:
        self.app.exit(return_code=status)

    def terminal_gone(self, status: int, reason: str) -> None:
        """The terminal has closed: nothing is left to restore, so save the app's state and end at once.

        Textual's orderly shutdown writes to the dead terminal and waits on its threads; a bare
        Textual app, killed by the SIGHUP, is gone in milliseconds, and so is this one.
        """
        with self._lock:
            if self.reason is not None:
                return
            self.reason = reason
        try:
            self.loop.call_soon_threadsafe(self._save_and_exit, status)
        except RuntimeError:  # the loop has already closed: the app is finishing anyway
            pass
        timer = threading.Timer(GRACE_SECONDS, self._exit_process, (status,))  # the loop is stuck: go anyway
        timer.daemon = True
        timer.start()

    def _save_and_exit(self, status: int) -> None:
        save_state = getattr(self.app, "save_state", None)
        if callable(save_state):
            try:
                save_state()
            except Exception:  # the state is lost, not the exit
                pass
        self._exit_process(status)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGHUP and fd_gone(self.output_fd):
            # Python runs this handler on the main thread, the event loop's: save and go from here.
            with self._lock:
                if self.reason is not None:
                    return
                self.reason = "terminal closed"
            self._save_and_exit(128 + signum)
            return
        self.hang_up(128 + signum, signal.Signals(signum).name)

    def _watch(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            if input_ended(self.input_fd):
                self.hang_up(HANGUP_STATUS, "input closed")
                return
            if fd_gone(self.output_fd):
                self.terminal_gone(HANGUP_STATUS, "terminal closed")
                return

    def _force_exit(self, status: int) -> None:
        """The app did not finish in time: put the terminal back as far as it still exists, and go."""
        if self._tty_attrs is not None:
            # A background process group changing tty modes would be stopped by SIGTTOU.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTTOU})
            try:
                termios.tcsetattr(self.input_fd, termios.TCSANOW, self._tty_attrs)
            except termios.error:
                pass
        _write_nonblocking(self.output_fd, TERMINAL_RESET.encode())
        self._exit_process(status)


def _write_nonblocking(fd: int, data: bytes) -> None:
    """Write what the terminal takes now; a stalled or vanished one must not hold the exit."""
    try:
        flags = os.get_blocking(fd)
        os.set_blocking(fd, False)
    except OSError:
        return
    try:
        os.write(fd, data)
    except OSError:
        pass
    finally:
        try:
            # The descriptor is shared with the shell that started us: leave it as it was.
            os.set_blocking(fd, flags)
        except OSError:
            pass
