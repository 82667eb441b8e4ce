"""One session's app: a child process under its own pseudo-terminal, bytes passed through unmodified."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import pty
import signal
import struct
import sys
import termios
from collections.abc import Callable, Mapping, Sequence

READ_SIZE = 65536
# Input the app has not read yet; above this the session stops reading from the client.
INPUT_HIGH_WATER = 256 * 1024
DRAIN_TIMEOUT = 2.0


def set_window_size(fd: int, cols: int, rows: int, width_px: int = 0, height_px: int = 0) -> None:
    """Set the pty's size; the kernel then sends SIGWINCH to the app (its controlling terminal)."""
    size = struct.pack("HHHH", _clamp(rows), _clamp(cols), _clamp(width_px), _clamp(height_px))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, size)


def _clamp(value: int) -> int:
    return max(0, min(int(value), 0xFFFF))


class PtyChild:
    """The app's process: output goes to ``on_output``, input comes from ``write``.

    ``wait()`` returns the exit status once the app has exited and its last output has been read.
    """

    def __init__(
        self,
        process: asyncio.subprocess.Process,
        master: int,
        on_output: Callable[[bytes], None],
        on_input_space: Callable[[bool], None],
    ) -> None:
        self.process = process
        self.pid = process.pid
        self._master = master
        self._on_output = on_output
        self._on_input_space = on_input_space
        self._loop = asyncio.get_running_loop()
        self._pending = bytearray()
        self._input_full = False
        self._output_done = asyncio.Event()
        self._reading = False
        self._closed = False
        self.resume_output()

    @classmethod
    async def start(
        cls,
        command: Sequence[str],
        env: Mapping[str, str],
        size: tuple[int, int],
        cwd: str,
        on_output: Callable[[bytes], None],
        on_input_space: Callable[[bool], None],
    ) -> PtyChild:
        master, slave = pty.openpty()
        try:
            set_window_size(slave, *size)
            # Keys typed before the app sets its own modes are neither echoed nor held for a newline.
            attrs = termios.tcgetattr(slave)
            attrs[3] &= ~(termios.ECHO | termios.ICANON)
            termios.tcsetattr(slave, termios.TCSANOW, attrs)
            os.set_blocking(master, False)
            os.set_inheritable(master, False)
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "csto_tui.serve.ctty",
                *command,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=dict(env),
                cwd=cwd,
                start_new_session=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            # The child holds its own copy; ours would keep the pty open after the app exits.
            os.close(slave)
        return cls(process, master, on_output, on_input_space)

    def resize(self, cols: int, rows: int, width_px: int = 0, height_px: int = 0) -> None:
        if not self._closed and cols > 0 and rows > 0:
            set_window_size(self._master, cols, rows, width_px, height_px)

    def write(self, data: bytes) -> None:
        """Queue client input for the app; writes never block the server."""
        if self._closed or not data:
            return
        if not self._pending:
            self._loop.add_writer(self._master, self._flush)
        self._pending += data
        if len(self._pending) > INPUT_HIGH_WATER and not self._input_full:
            self._input_full = True
            self._on_input_space(False)

    def pause_output(self) -> None:
        """The client is slow: stop reading the app, which then blocks writing to its terminal."""
        if self._reading:
            self._loop.remove_reader(self._master)
            self._reading = False

    def resume_output(self) -> None:
        if not self._reading and not self._closed and not self._output_done.is_set():
            self._loop.add_reader(self._master, self._read)
            self._reading = True

    async def wait(self) -> int:
        status = await self.process.wait()
        # Its last frame may still be in the pty; a leftover grandchild holding the pty must not hold us.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._output_done.wait(), DRAIN_TIMEOUT)
        self._signal_group(signal.SIGKILL)
        self._close()
        return status

    async def stop(self, grace: float) -> int:
        """End the app: SIGHUP to its process group, SIGKILL if it is still there after ``grace`` seconds."""
        if self.process.returncode is None:
            self._signal_group(signal.SIGHUP)
            try:
                await asyncio.wait_for(self.process.wait(), grace)
            except TimeoutError:
                pass
        # Also reaches anything the app started that outlived it.
        self._signal_group(signal.SIGKILL)
        status = await self.process.wait()
        self._close()
        return status

    def _signal_group(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signum)

    def _read(self) -> None:
        try:
            data = os.read(self._master, READ_SIZE)
        except BlockingIOError:
            return
        except OSError as exc:
            # EIO: every process has closed the slave, so there is nothing more to read.
            if exc.errno != errno.EIO:
                raise
            data = b""
        if data:
            self._on_output(data)
            return
        self.pause_output()
        self._output_done.set()

    def _flush(self) -> None:
        try:
            written = os.write(self._master, self._pending)
        except BlockingIOError:
            return
        except OSError:
            written = len(self._pending)  # the app is gone; its input goes with it
        del self._pending[:written]
        if not self._pending:
            self._loop.remove_writer(self._master)
        if self._input_full and len(self._pending) <= INPUT_HIGH_WATER // 2:
            self._input_full = False
            self._on_input_space(True)

    def _close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.pause_output()
        self._loop.remove_writer(self._master)
        self._output_done.set()
        os.close(self._master)
