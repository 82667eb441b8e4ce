"""One SSH session: the client's terminal wired to its own app process, and the limits that end it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import time
from pathlib import Path
from typing import TYPE_CHECKING

import asyncssh
from asyncssh.packet import SSHPacket

from csto_tui.safety import clean_line
from csto_tui.serve.child import PtyChild
from csto_tui.serve.state import UnsafePath, session_environment

if TYPE_CHECKING:
    from csto_tui.serve.server import Connection, Hub

# Variables a client may pass to its app (OpenSSH sends LANG and LC_* by default; COLORTERM and
# NO_COLOR with SendEnv). Everything else from the client is ignored.
CLIENT_ENV = ("LANG", "LC_ALL", "LC_CTYPE", "COLORTERM", "NO_COLOR")
# What one session's env requests may store: OpenSSH sends one per variable (LANG, LC_*, SendEnv).
MAX_ENV_REQUESTS = 64
MAX_ENV_BYTES = 4096
_TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
DEFAULT_TERM = "xterm-256color"
DEFAULT_SIZE = (80, 24)
# A client may claim any size; the app allocates screen buffers to match (benchmarks/serve_memory.py: peak
# RSS 43 MiB at 80x24, 55 MiB at 512x200, 74 MiB at 1024x512). 512x200 is more than any screen shows.
MAX_SIZE = (512, 200)
CLOSE_TIMEOUT = 2.0
# Leave what the app may have switched on when it did not get to switch it off (it was ended):
# alternate screen, mouse reports, bracketed paste, focus events, kitty keyboard, hidden cursor.
RESTORE_TERMINAL = (
    b"\x1b[?1049l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"
    b"\x1b[?2004l\x1b[?1004l\x1b[<u\x1b[0m\x1b[?25h\r\n"
)


class CappedEnvChannel(asyncssh.SSHServerChannel[bytes]):
    """A session channel storing only the variables in CLIENT_ENV, and at most MAX_ENV_BYTES of them.

    asyncssh stores every env request, without limit; past the caps, requests are refused.
    """

    _env_requests = 0
    _env_bytes = 0

    def _process_env_request(self, packet: SSHPacket) -> bool:
        name = packet.get_string()
        value = packet.get_string()
        packet.check_end()
        self._env_requests += 1
        size = len(name) + len(value)
        if self._env_requests > MAX_ENV_REQUESTS or self._env_bytes + size > MAX_ENV_BYTES:
            return False
        if name.decode("latin-1") not in CLIENT_ENV:
            return False
        self._env_bytes += size
        self._env[name] = value
        return True


class Session(asyncssh.SSHServerSession[bytes]):
    """A shell request with a terminal runs the app; anything else is refused with a one-line reason."""

    def __init__(self, hub: Hub, conn: Connection) -> None:
        self._hub = hub
        self._conn = conn
        self._chan: asyncssh.SSHServerChannel[bytes] | None = None
        self._term: str | None = None
        self._size = DEFAULT_SIZE
        self._command: str | None = None
        self._child: PtyChild | None = None
        self._ended = asyncio.Event()
        self._how: str | None = None
        self._message: str | None = None
        self._task: asyncio.Task[None] | None = None
        self._started = time.monotonic()
        self._last_input = self._started
        self._timer: asyncio.TimerHandle | None = None
        self._state_dir: Path | None = None
        self._early_input = bytearray()  # typed before the app was running

    # -- asyncssh callbacks

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._chan = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object) -> bool:
        self._term = term_type if _TERM.fullmatch(term_type) else DEFAULT_TERM
        if term_size[0] > 0 and term_size[1] > 0:
            self._size = _bounded(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # Accepted only to say why it is refused: "exec request failed" tells a user nothing.
        self._command = command
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        self.end(f"refused: subsystem {clean_line(subsystem)[:40]!r}")
        return False

    def session_started(self) -> None:
        # Decided now, before any later packet (an EOF) can end the session without saying why.
        if self._command is not None:
            self._refuse("a command", "this server runs only the explorer: connect without a command")
        elif self._term is None:
            self._refuse("no terminal", "the explorer needs a terminal: connect with ssh -t")
        elif not self._hub.take_slot(self):
            limit = self._hub.settings.max_sessions
            sessions = "session" if limit == 1 else "sessions"
            self._refuse("server full", f"the server is full ({limit} {sessions}); try again later")
        self._task = asyncio.ensure_future(self._run())

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self._last_input = time.monotonic()
        if self._child is not None:
            self._child.write(data)
        elif len(self._early_input) < 4096:
            self._early_input += data

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if width > 0 and height > 0:
            self._size = _bounded(width, height)
            if self._child is not None:
                self._child.resize(*self._size, pixwidth, pixheight)

    def break_received(self, msec: int) -> bool:
        return False

    def eof_received(self) -> bool:
        self.end("client hung up")
        return True

    def pause_writing(self) -> None:
        if self._child is not None:
            self._child.pause_output()

    def resume_writing(self) -> None:
        if self._child is not None:
            self._child.resume_output()

    def connection_lost(self, exc: Exception | None) -> None:
        self._chan = None
        self.end("client disconnected")
        if self._task is None:
            # Refused before it began (a subsystem): still one line in the log.
            self._hub.session_done(self, self._conn, time.monotonic() - self._started, self._how or "refused")

    # -- ending

    def end(self, how: str, message: str | None = None) -> None:
        """End the session (first reason wins); ``message`` is shown to the client if it is still there."""
        if self._how is None:
            self._how = how
            self._message = message
        self._ended.set()

    async def done(self) -> None:
        if self._task is not None:
            await asyncio.shield(self._task)

    # -- the session

    async def _run(self) -> None:
        status = 1
        self._hub.session_started(self)
        try:
            status = await self._serve()
        finally:
            await self._finish(status)

    async def _serve(self) -> int:
        if self._how is not None:  # refused, or the client left already
            return 1
        try:
            env = self._environment()
        except UnsafePath as exc:
            return self._refuse(f"unsafe state directory: {exc}", "the server cannot keep your session's files safe")
        try:
            self._child = await PtyChild.start(
                self._hub.settings.command,
                env,
                self._size,
                str(self._state_dir),
                self._output,
                self._input_space,
            )
        except OSError as exc:
            return self._refuse(f"app failed to start: {exc.strerror}", "the explorer could not start")
        self._conn.app_started()
        self._child.write(bytes(self._early_input))
        self._schedule_limits()
        exited = asyncio.ensure_future(self._child.wait())
        ended = asyncio.ensure_future(self._ended.wait())
        await asyncio.wait({exited, ended}, return_when=asyncio.FIRST_COMPLETED)
        ended.cancel()
        if exited.done():
            status = exited.result()
            self.end(f"app exited ({status})" if status >= 0 else f"app killed ({signal.Signals(-status).name})")
        else:
            exited.cancel()
            status = await self._child.stop(self._hub.settings.grace)
            if self._chan is not None and self._message is not None:
                self._chan.write(RESTORE_TERMINAL)
        return status if status >= 0 else 128 - status

    def _refuse(self, how: str, message: str) -> int:
        self.end(f"refused: {how}", message)
        return 1

    async def _finish(self, status: int) -> None:
        if self._timer is not None:
            self._timer.cancel()
        chan = self._chan
        if chan is not None:
            with contextlib.suppress(asyncssh.Error, OSError):
                if self._message is not None:
                    chan.write_stderr(f"csto-tui: {self._message}\r\n".encode())
                chan.exit(status)
            # Let the client take the message and the close before a shutdown disconnects it.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(chan.wait_closed(), CLOSE_TIMEOUT)
        if self._state_dir is not None and self._conn.fingerprint is None:
            shutil.rmtree(self._state_dir, ignore_errors=True)
        duration = time.monotonic() - self._started
        self._hub.session_done(self, self._conn, duration, self._how or "ended")

    # -- wiring

    def _environment(self) -> dict[str, str]:
        assert self._chan is not None
        env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "TERM": self._term or DEFAULT_TERM,
            "CSTO_TUI_SERVED": "ssh",
        }
        if "PYTHONPATH" in os.environ:  # a server run from a source checkout
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        # As sshd does: tells the app its "local" clipboard is the server's, not the user's.
        peer = self._chan.get_extra_info("peername") or ("?", 0)
        local = self._chan.get_extra_info("sockname") or ("?", 0)
        env["SSH_CONNECTION"] = f"{peer[0]} {peer[1]} {local[0]} {local[1]}"
        sent = self._chan.get_environment()
        for name in CLIENT_ENV:
            value = clean_line(sent.get(name, ""))[:64]
            if value:
                env[name] = value
        # Preferences, history, marks and notes are per key; anonymous sessions get a throwaway directory.
        # HOME, the XDG directories and TMPDIR are all inside it: the app has nowhere else to write.
        state = self._hub.state
        fingerprint = self._conn.fingerprint
        self._state_dir = state.anonymous() if fingerprint is None else state.for_key(fingerprint)
        env.update(session_environment(self._state_dir))
        return env

    def _output(self, data: bytes) -> None:
        if self._chan is not None:
            self._chan.write(data)

    def _input_space(self, available: bool) -> None:
        if self._chan is not None:
            if available:
                self._chan.resume_reading()
            else:
                self._chan.pause_reading()

    def _schedule_limits(self) -> None:
        settings = self._hub.settings
        deadlines = []
        if settings.idle_timeout > 0:
            deadlines.append(self._last_input + settings.idle_timeout)
        if settings.max_session_time > 0:
            deadlines.append(self._started + settings.max_session_time)
        if deadlines:
            delay = max(0.0, min(deadlines) - time.monotonic())
            self._timer = asyncio.get_running_loop().call_later(delay, self._check_limits)

    def _check_limits(self) -> None:
        settings = self._hub.settings
        now = time.monotonic()
        if settings.max_session_time > 0 and now - self._started >= settings.max_session_time:
            self.end("max session time", f"session closed: the limit is {_span(settings.max_session_time)}")
        elif settings.idle_timeout > 0 and now - self._last_input >= settings.idle_timeout:
            self.end("idle timeout", f"session closed after {_span(settings.idle_timeout)} without input")
        else:
            self._schedule_limits()


def _bounded(cols: int, rows: int) -> tuple[int, int]:
    return min(cols, MAX_SIZE[0]), min(rows, MAX_SIZE[1])


def _span(seconds: float) -> str:
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{seconds / 3600:g} h"
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"
