"""What a server is told to do: the command line, resolved."""

from __future__ import annotations

import ipaddress
import socket
import sys
from dataclasses import dataclass
from pathlib import Path


def app_command(db: Path) -> list[str]:
    """The explorer itself, reading ``db``; every session runs its own copy."""
    return [sys.executable, "-m", "csto_tui", "--db", str(db.resolve())]


@dataclass(frozen=True)
class Settings:
    command: list[str]
    host: str = "127.0.0.1"
    port: int = 2222
    host_key: Path | None = None  # None: generated once in the user's data directory
    authorized_keys: Path | None = None  # None with open=False: nobody gets in
    open: bool = False
    max_sessions: int = 20
    idle_timeout: float = 900.0  # seconds without input; 0: never
    max_session_time: float = 14400.0  # seconds; 0: no limit
    rate: int = 30  # connections per address per minute; 0: no limit
    login_timeout: float = 30.0  # seconds to authenticate, and then to open a session
    keepalive: float = 30.0  # seconds between keepalives to a quiet client; 3 unanswered end it
    grace: float = 2.0  # seconds between SIGHUP and SIGKILL when a session ends
    allowed_origins: tuple[str, ...] = ()  # --web: pages besides the server's own that may open the app

    @property
    def public(self) -> bool:
        """Whether the listening address is reachable from other machines."""
        return not is_loopback(self.host)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)
