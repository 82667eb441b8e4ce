"""The SSH server: who may connect, how many, and a clean shutdown that leaves no app behind."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import signal
from collections.abc import Callable
from pathlib import Path

import asyncssh

from csto_tui.serve.hostkey import default_path
from csto_tui.serve.limits import RateLimit
from csto_tui.serve.session import Session
from csto_tui.serve.settings import Settings

log = logging.getLogger("csto_tui.serve")

# Connections that have not (yet) started a session: bounded so a flood cannot exhaust the server.
MAX_PENDING = 64


class Connection(asyncssh.SSHServer):
    """One client connection: authentication, refusals of everything but a session, its rate limit."""

    def __init__(self, hub: Hub) -> None:
        self._hub = hub
        self._conn: asyncssh.SSHServerConnection | None = None
        self.address = "?"
        self.fingerprint: str | None = None  # of the key that logged in; None: anonymous
        self._no_session: asyncio.TimerHandle | None = None
        self._authenticated = False
        self._rate_ok = True
        self._refused = False

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        self.address = f"{peer[0]}:{peer[1]}"
        self._hub.connections.add(self)
        self._rate_ok = self._hub.rate.allow(str(peer[0]))
        if len(self._hub.connections) > self._hub.settings.max_sessions + MAX_PENDING:
            # A flood: drop it before spending a key exchange on it.
            self._refused = True
            self._hub.log_refusal(self, "too many connections")
            conn.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self._authenticated and not self._refused:
            self._hub.log_refusal(self, "not authenticated")
        self._cancel_no_session()
        self._hub.connections.discard(self)

    def refuse(self, what: str, code: int, reason: str) -> None:
        """Log why, then disconnect with a reason the client shows."""
        self._refused = True
        self._hub.log_refusal(self, what)
        self.disconnect(code, reason)

    def disconnect(self, code: int, reason: str) -> None:
        if self._conn is not None:
            self._conn.disconnect(code, reason)

    # -- authentication: public keys from --authorized-keys, or nothing at all with --open

    def begin_auth(self, username: str) -> bool:
        if not self._rate_ok:
            # Refused here rather than on connect: only after the key exchange can the client show why.
            reason = "too many connections from your address; wait a minute"
            self.refuse("connection rate", asyncssh.DISC_TOO_MANY_CONNECTIONS, reason)
            return True
        return not self._hub.settings.open

    def public_key_auth_supported(self) -> bool:
        return not self._hub.settings.open

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        keys = self._hub.authorized_keys()
        host = self.address.rsplit(":", 1)[0]
        if keys is None or keys.validate(key, host, host) is None:
            return False
        # Called again for the signed attempt: the last key accepted is the one that logged in.
        self.fingerprint = key.get_fingerprint("sha256")
        return True

    def auth_completed(self) -> None:
        self._authenticated = True
        # A client that logs in but never opens a session (ssh -N, forwarding only) holds a slot for nothing.
        timeout = self._hub.settings.login_timeout
        if timeout > 0:
            self._no_session = asyncio.get_running_loop().call_later(timeout, self._close_idle_connection)

    def _close_idle_connection(self) -> None:
        reason = "csto-tui serves only the explorer: connect without -N"
        self.refuse("no session opened", asyncssh.DISC_BY_APPLICATION, reason)

    def _cancel_no_session(self) -> None:
        if self._no_session is not None:
            self._no_session.cancel()
            self._no_session = None

    # -- requests

    def session_requested(self) -> Session:
        self._cancel_no_session()
        return Session(self._hub, self)

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str, orig_port: int) -> bool:
        self._hub.log_refusal(self, "port forwarding refused")
        return False

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        self._hub.log_refusal(self, "remote port forwarding refused")
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        self._hub.log_refusal(self, "socket forwarding refused")
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        self._hub.log_refusal(self, "remote socket forwarding refused")
        return False


class Hub:
    """State shared by all connections: settings, live sessions, the rate limit."""

    def __init__(self, settings: Settings, state_root: Path | None = None) -> None:
        self.settings = settings
        self.rate = RateLimit(settings.rate)
        self.connections: set[Connection] = set()
        self.sessions: set[Session] = set()
        self._slots: set[Session] = set()
        self._state_root = state_root
        self._keys: asyncssh.SSHAuthorizedKeys | None = None
        self._keys_stamp: tuple[float, int] | None = None

    def authorized_keys(self) -> asyncssh.SSHAuthorizedKeys | None:
        """The --authorized-keys file, re-read when it changes (as sshd does); None if unreadable."""
        path = self.settings.authorized_keys
        if path is None:
            return None
        try:
            stat = path.stat()
            stamp = (stat.st_mtime, stat.st_size)
            if stamp != self._keys_stamp:
                self._keys = asyncssh.read_authorized_keys(str(path))
                self._keys_stamp = stamp
        except (OSError, ValueError, asyncssh.KeyImportError) as exc:
            log.warning("cannot read %s (%s): refusing every key", path, exc)
            self._keys, self._keys_stamp = None, None
        return self._keys

    def state_dir(self, fingerprint: str | None) -> str | None:
        """A per-key directory for the app's preferences; None for anonymous sessions."""
        if fingerprint is None or self._state_root is None:
            return None
        path = self._state_root / hashlib.sha256(fingerprint.encode()).hexdigest()[:32]
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        return str(path)

    def take_slot(self, session: Session) -> bool:
        if len(self._slots) >= self.settings.max_sessions:
            return False
        self._slots.add(session)
        return True

    def session_started(self, session: Session) -> None:
        self.sessions.add(session)

    def session_done(self, session: Session, conn: Connection, duration: float, how: str) -> None:
        self._slots.discard(session)
        self.sessions.discard(session)
        who = conn.fingerprint or "anonymous"
        log.info("session %s %s %.1fs %s", conn.address, who, duration, how)

    def log_refusal(self, conn: Connection, what: str) -> None:
        log.info("refused %s %s: %s", conn.address, conn.fingerprint or "anonymous", what)

    async def shutdown(self) -> None:
        """Tell every session, end its app, then close every connection."""
        sessions = list(self.sessions)
        for session in sessions:
            session.end("server shutdown", "the server is shutting down")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(
                asyncio.gather(*(s.done() for s in sessions), return_exceptions=True),
                self.settings.grace + 5,
            )
        for conn in list(self.connections):
            conn.disconnect(asyncssh.DISC_BY_APPLICATION, "the server is shutting down")


async def serve(
    settings: Settings,
    host_key: asyncssh.SSHKey,
    ready: Callable[[int], None] | None = None,
) -> int:
    """Serve until SIGTERM or SIGINT; ``ready`` gets the port once listening."""
    # Before listening: a SIGTERM at any moment from then on is a clean shutdown.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    hub = Hub(settings, default_path().parent / "serve-state")
    for name in ("asyncssh", "asyncssh.sftp"):
        logging.getLogger(name).setLevel(logging.WARNING)
    server = await asyncssh.create_server(
        lambda: Connection(hub),
        settings.host,
        settings.port,
        server_host_keys=[host_key],
        server_version="csto_tui",
        encoding=None,
        line_editor=False,
        allow_pty=True,
        agent_forwarding=False,
        x11_forwarding=False,
        allow_scp=False,
        login_timeout=settings.login_timeout,
        keepalive_interval=settings.keepalive,
        keepalive_count_max=3,
        reuse_address=True,
    )
    port = server.sockets[0].getsockname()[1]
    if ready is not None:
        ready(port)
    try:
        await stop.wait()
    finally:
        server.close()
        await hub.shutdown()
        await server.wait_closed()
    return 0
