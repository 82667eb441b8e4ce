"""Run ``csto-tui`` as a real process on a real pseudo-terminal and watch it from the outside."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .conftest import csto_tui

# Textual switches to the alternate screen on start and paints the footer last.
READY_MARKERS = ("\x1b[?1049h", "Quit")


def set_size(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _take_terminal() -> None:
    # Runs in the child after setsid: make the pty slave on stdin its controlling terminal,
    # as a login shell's is, so that closing the master delivers SIGHUP.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyApp:
    """``csto-tui ARGS`` on a pty of ``cols`` x ``rows``; all output is collected in ``raw``."""

    def __init__(
        self,
        args: Sequence[str],
        *,
        cols: int = 80,
        rows: int = 24,
        env: dict[str, str] | None = None,
        ignore_sighup: bool = False,
    ) -> None:
        self.master, self.slave = os.openpty()
        set_size(self.slave, cols, rows)
        self.tty_attrs_before = termios.tcgetattr(self.slave)
        self._raw = bytearray()
        self._lock = threading.Lock()
        base = dict(os.environ if env is None else env)
        base.setdefault("TERM", "xterm-256color")
        cmd = csto_tui() + list(args)
        if ignore_sighup:  # as nohup does
            nohup = "import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_IGN); "
            nohup += "os.execvp(sys.argv[1], sys.argv[1:])"
            cmd = [sys.executable, "-c", nohup, *cmd]
        self.proc = subprocess.Popen(
            cmd,
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env=base,
            start_new_session=True,
            preexec_fn=_take_terminal,
        )
        self._stop_reading = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        # select with a timeout, not a blocking read: a read in progress would keep the master
        # open after close_master() closed its descriptor.
        while not self._stop_reading.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._raw += chunk

    @property
    def raw(self) -> bytes:
        with self._lock:
            return bytes(self._raw)

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8", "replace")

    def wait_ready(self, timeout: float = 20.0, markers: Sequence[str] = READY_MARKERS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(m in self.text for m in markers):
                time.sleep(0.3)  # let the first frame finish
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"app exited early ({self.proc.returncode}): {self.text[-2000:]!r}")
            time.sleep(0.05)
        raise AssertionError(f"app not ready after {timeout}s: {self.text[-2000:]!r}")

    def wait_idle(self, quiet: float = 0.15, timeout: float = 10.0) -> None:
        """Until the app has written nothing for ``quiet`` seconds: it has handled what was sent, and drawn."""
        deadline = time.monotonic() + timeout
        size, since = len(self.raw), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.02)
            if (now := len(self.raw)) != size:
                size, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
        raise AssertionError(f"the app never went quiet in {timeout}s: {self.text[-500:]!r}")

    def wait_output(self, needle: bytes, timeout: float = 10.0) -> None:
        """Until ``needle`` is in what the app has written."""
        deadline = time.monotonic() + timeout
        while needle not in self.raw:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never written in {timeout}s: {self.text[-500:]!r}")
            time.sleep(0.02)

    def send(self, data: str | bytes) -> None:
        os.write(self.master, data.encode() if isinstance(data, str) else data)

    def resize(self, cols: int, rows: int) -> None:
        set_size(self.slave, cols, rows)
        self.proc.send_signal(signal.SIGWINCH)

    def cpu_seconds(self) -> float:
        """User + system CPU time the app has used so far (from /proc)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_exit(self, timeout: float) -> tuple[int | None, float]:
        """(exit status or None if still running, seconds waited)."""
        start = time.monotonic()
        try:
            status = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None, time.monotonic() - start
        return status, time.monotonic() - start

    def close_master(self) -> None:
        """The terminal disappears, as when an SSH connection or a terminal window goes away."""
        self._stop_reading.set()
        self._reader.join()
        os.close(self.master)
        self.master = -1

    def session_processes(self) -> list[int]:
        """Processes still in the app's session (it is the session leader)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[3]) == self.proc.pid and fields[0] != "Z":
                    found.append(int(entry.name))
        return found

    def cleanup(self) -> None:
        self._stop_reading.set()
        self._reader.join()
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        for fd in (self.master, self.slave):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.master = self.slave = -1

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.cleanup()
