"""A program in a real pseudo-terminal, watched through pyte (a headless VT100 screen).

Bytes are read by a thread that stamps each chunk with the time it left the pty, so
the time spent parsing escape sequences in pyte never counts against the program.
"""

from __future__ import annotations

import fcntl
import os
import pty
import queue
import re
import signal
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable, Sequence

import pyte

Predicate = Callable[["Terminal"], bool]

# Queries and keyboard-protocol switches pyte does not know; it would print their final byte.
_UNKNOWN_TO_PYTE = re.compile(rb"\x1b\[[<>=][0-9;]*u|\x1b\[\?[0-9;]*\$p")


class Terminal:
    """One program running in a pty of ``cols`` x ``rows``."""

    def __init__(self, argv: Sequence[str], cols: int = 80, rows: int = 24, env: dict[str, str] | None = None) -> None:
        self.cols = cols
        self.rows = rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self._chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()
        self.eof = False
        self.t_start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child: size the terminal before the program asks for it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execvpe(argv[0], list(argv), env if env is not None else dict(os.environ))
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            self._chunks.put((time.perf_counter(), data))
            if not data:
                return

    # Reading

    def pump(self, timeout: float) -> float | None:
        """Feed the next chunk to the screen; its arrival time, or None on timeout or EOF."""
        try:
            stamp, data = self._chunks.get(timeout=max(timeout, 0.0))
        except queue.Empty:
            return None
        if not data:
            self.eof = True
            return None
        self.raw += data
        self.stream.feed(_UNKNOWN_TO_PYTE.sub(b"", data))
        return stamp

    def wait_for(self, predicate: Predicate, timeout: float) -> float | None:
        """Arrival time of the chunk after which ``predicate`` holds (None if it never does in time)."""
        if predicate(self):
            return time.perf_counter()
        deadline = time.perf_counter() + timeout
        while not self.eof:
            stamp = self.pump(deadline - time.perf_counter())
            if stamp is None:
                if time.perf_counter() >= deadline:
                    return None
                continue
            # Drain what already arrived before judging, so a frame split in chunks is whole.
            while not self._chunks.empty():
                later = self.pump(0)
                if later is None:
                    break
                stamp = later
            if predicate(self):
                return stamp
        return None

    def settle(self, quiet: float = 0.03, limit: float = 3.0) -> None:
        """Read until the program has written nothing for ``quiet`` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline and not self.eof:
            if self.pump(quiet) is None:
                return

    # Looking at the screen

    def lines(self) -> list[str]:
        """The screen's text, row by row (pyte's own ``display`` fails on a half-overwritten wide character)."""
        buffer = self.screen.buffer
        return ["".join(buffer[y][x].data for x in range(self.cols)) for y in range(self.rows)]

    def text(self) -> str:
        return "\n".join(self.lines())

    def contains(self, needle: str) -> bool:
        return any(needle in line for line in self.lines())

    def fingerprint(self) -> tuple[object, ...]:
        """Characters and colours of every cell: changes when anything visible changes."""
        buffer = self.screen.buffer
        return tuple(
            tuple((c.data, c.fg, c.bg, c.reverse, c.bold) for c in buffer[y].values()) for y in range(self.rows)
        )

    def line_of(self, needle: str) -> int | None:
        for y, line in enumerate(self.lines()):
            if needle in line:
                return y
        return None

    # Writing

    def send(self, data: bytes) -> float:
        stamp = time.perf_counter()
        os.write(self.fd, data)
        return stamp

    def press(self, data: bytes, predicate: Predicate | None = None, timeout: float = 3.0) -> float | None:
        """Seconds from writing ``data`` to the frame that shows its effect.

        Without a predicate, the effect is any visible change to the screen.
        """
        if predicate is None:
            before = self.fingerprint()

            def changed(term: Terminal) -> bool:
                return term.fingerprint() != before

            predicate = changed
        sent = self.send(data)
        arrived = self.wait_for(predicate, timeout)
        return None if arrived is None else arrived - sent

    # Ending

    def peak_rss_kib(self) -> int | None:
        """VmHWM of the running program (its peak resident set), in KiB."""
        try:
            with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def close(self, quit_keys: bytes = b"\x11", timeout: float = 3.0) -> None:
        """Ask the program to quit, then make sure it has ended."""
        if quit_keys:
            try:
                os.write(self.fd, quit_keys)
            except OSError:
                pass
        deadline = time.perf_counter() + timeout
        killed = False
        while True:
            try:
                pid, _status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                break
            if pid:
                break
            if time.perf_counter() > deadline and not killed:
                os.kill(self.pid, signal.SIGKILL)
                killed = True
            self.pump(0.02)
        try:
            os.close(self.fd)
        except OSError:
            pass


def python() -> str:
    return sys.executable
