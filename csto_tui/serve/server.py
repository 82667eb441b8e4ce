"""The SSH server: who may connect, how many, and a clean shutdown that leaves no app behind."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable

import asyncssh

from csto_tui.serve.limits import RateLimit
from csto_tui.serve.session import CappedEnvChannel, Session
from csto_tui.serve.settings import Settings
from csto_tui.serve.state import StateRoot

log = logging.getLogger("csto_tui.serve")

# Connections with no app running yet (handshake, login, opening a session): bounded in all and per
# address, so a flood cannot exhaust the server and one address cannot take every slot from the rest.
MAX_PENDING = 64
MAX_PENDING_PER_ADDRESS = 8


class Connection(asyncssh.SSHServer):
    """One client connection: authentication, refusals of everything but a session, its rate limit."""

    def __init__(self, hub: Hub) -> None:
        self._hub = hub
        self._conn: asyncssh.SSHServerConnection | None = None
        self.host = "?"
        self.address = "?"
        self.fingerprint: str | None = None  # of the key that logged in; None: anonymous
        self._deadline: asyncio.TimerHandle | None = None
        self._authenticated = False
        self._rate_ok = True
        self._refused = False
        self._session_opened = False

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        self.host = str(peer[0])
        self.address = f"{self.host}:{peer[1]}"
        self._hub.connections.add(self)
        # Everything here happens before the key exchange, so a client that never sends a byte counts too.
        why = self._hub.admit(self)
        self._rate_ok = self._hub.rate.allow(self.host)
        if why is None and not self._rate_ok and self._hub.pending_from(self.host) > 1:
            # Over the rate with another connection already pending: no reason to spend a key exchange.
            why = "connection rate"
        if why is not None:
            self._refused = True
            self._hub.log_refusal(self, why)
            conn.abort()
            return
        # Until its app runs, every connection is on the clock: logging in, opening a session, asking
        # for a terminal. A client that stops anywhere on the way is dropped, not held.
        timeout = self._hub.settings.login_timeout
        if timeout > 0:
            self._deadline = asyncio.get_running_loop().call_later(timeout, self._too_slow)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self._authenticated and not self._refused:
            self._hub.log_refusal(self, "not authenticated")
        self._cancel_deadline()
        self._hub.connections.discard(self)
        self._hub.leave_pending(self)

    def evict(self) -> None:
        """Make room for another address's connection (this address holds more than its share)."""
        self._refused = True
        self._hub.log_refusal(self, "pending slot given to another address")
        if self._conn is not None:
            self._conn.abort()

    def app_started(self) -> None:
        """Its app is running: no longer pending, no longer on the login clock."""
        self._cancel_deadline()
        self._hub.leave_pending(self)

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

    def _too_slow(self) -> None:
        self._deadline = None
        if not self._authenticated:
            self._refused = True
            self._hub.log_refusal(self, "not authenticated within the login timeout")
            if self._conn is not None:
                self._conn.abort()
            return
        reason = "csto-tui serves only the explorer: connect without -N"
        self.refuse("no app started within the login timeout", asyncssh.DISC_BY_APPLICATION, reason)

    def _cancel_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    # -- requests

    def session_requested(self) -> tuple[asyncssh.SSHServerChannel[bytes], Session] | bool:
        # One app per connection: otherwise one login could start apps without end, each after the last.
        if self._session_opened or self._conn is None:
            self._hub.log_refusal(self, "a second session on one connection")
            return False
        self._session_opened = True
        chan = self._conn.create_server_channel()
        chan.__class__ = CappedEnvChannel  # the same channel, with a cap on what env requests may store
        return chan, Session(self._hub, self)

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
    """State shared by all connections: settings, live sessions, the rate limit, pending connections."""

    def __init__(self, settings: Settings, state: StateRoot) -> None:
        self.settings = settings
        self.rate = RateLimit(settings.rate)
        self.connections: set[Connection] = set()
        self._pending: dict[str, list[Connection]] = {}  # by address, oldest first
        self.sessions: set[Session] = set()
        self._slots: set[Session] = set()
        self.state = state
        self._keys: asyncssh.SSHAuthorizedKeys | None = None
        self._keys_stamp: tuple[float, int] | None = None

    def admit(self, conn: Connection) -> str | None:
        """Count ``conn`` as pending; or why it is refused: its address holds too many, or all are taken.

        When every pending slot is taken, the address holding the most gives up its oldest, as long as
        it holds at least two more than the newcomer's address: each address gets a fair share.
        """
        mine = self._pending.setdefault(conn.host, [])
        if len(mine) >= MAX_PENDING_PER_ADDRESS:
            return "too many pending connections from this address"
        if sum(map(len, self._pending.values())) >= MAX_PENDING:
            heaviest = max(self._pending.values(), key=len)
            if len(heaviest) < len(mine) + 2:
                return "too many connections"
            heaviest.pop(0).evict()
        mine.append(conn)
        return None

    def pending_from(self, host: str) -> int:
        return len(self._pending.get(host, ()))

    def leave_pending(self, conn: Connection) -> None:
        mine = self._pending.get(conn.host)
        if mine is not None and conn in mine:
            mine.remove(conn)
            if not mine:
                del self._pending[conn.host]

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
        # Its one session is over (the client has had its exit status): nothing more can happen on it.
        conn.disconnect(asyncssh.DISC_BY_APPLICATION, "session ended")

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
    state: StateRoot,
    ready: Callable[[int], None] | None = None,
) -> int:
    """Serve until SIGTERM or SIGINT; ``ready`` gets the port once listening."""
    # Before listening: a SIGTERM at any moment from then on is a clean shutdown.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    hub = Hub(settings, state)
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
