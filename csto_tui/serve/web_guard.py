"""textual-serve with the limits ``csto-tui serve`` keeps over SSH: origin, size, sessions, environment, files.

Any page open in a browser on the machine can open a WebSocket to a loopback port, and textual-serve
would start an app for it. Here a WebSocket whose ``Origin`` is not this server's own page (or one
named with ``--allow-origin``) is refused, sizes are clamped, sessions are capped, and each app gets a
minimal environment and a throwaway directory that holds its ``HOME`` and everything it may write.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from asyncio.subprocess import Process
from pathlib import Path

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from csto_tui.serve.session import MAX_SIZE
from csto_tui.serve.settings import Settings, is_loopback
from csto_tui.serve.state import StateRoot, session_environment

log = logging.getLogger("csto_tui.serve")

# What textual-serve sets for its web driver; nothing else of the server's environment is passed on.
_DRIVER_ENV = ("TEXTUAL_DRIVER", "TEXTUAL_FPS", "TEXTUAL_COLOR_SYSTEM", "TERM_PROGRAM", "TERM_PROGRAM_VERSION")


def clamp(cols: int, rows: int) -> tuple[int, int]:
    """A size the app may be given: at least 1x1, at most ``MAX_SIZE`` (the same clamp as over SSH)."""
    return max(1, min(cols, MAX_SIZE[0])), max(1, min(rows, MAX_SIZE[1]))


def own_origins(settings: Settings) -> set[str]:
    """Origins of this server's own page: its address, and the loopback names when it listens on loopback."""
    hosts = {settings.host}
    if is_loopback(settings.host):
        hosts |= {"localhost", "127.0.0.1", "[::1]"}
    return {f"http://{host}:{settings.port}" for host in hosts}


class GuardedAppService(AppService):
    """One tab's app: started in its own directory with a minimal environment, resized within the clamp."""

    def __init__(self, argv: list[str], home: Path, **kwargs: object) -> None:
        super().__init__(" ".join(argv), **kwargs)  # type: ignore[arg-type]
        self._argv = argv
        self._home = home

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        width, height = clamp(width, height)
        full = super()._build_environment(width, height)
        env = {name: full[name] for name in _DRIVER_ENV if name in full}
        env |= {"PATH": os.environ.get("PATH", os.defpath), "COLUMNS": str(width), "ROWS": str(height)}
        if "PYTHONPATH" in os.environ:  # a server run from a source checkout
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        env["CSTO_TUI_SERVED"] = "web"
        env |= session_environment(self._home)
        return env

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        # As textual-serve's, but the command is run directly (no shell) in the tab's own directory.
        self._process = process = await asyncio.create_subprocess_exec(
            *self._argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width, height),
            cwd=self._home,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamp(to_int(str(width), 80), to_int(str(height), 24)))


class GuardedServer(Server):
    """textual-serve's server with an origin check, a session cap and guarded app services."""

    def __init__(self, settings: Settings, state: StateRoot) -> None:
        super().__init__(" ".join(settings.command), host=settings.host, port=settings.port, title="csto-tui")
        self.settings = settings
        self.state = state
        self.origins = own_origins(settings) | set(settings.allowed_origins)
        self.sessions = 0

    def initialize_logging(self) -> None:
        """Keep the server's one-line log format (set up by ``csto-tui serve``)."""

    async def on_startup(self, app: web.Application) -> None:
        log.info("listening on %s port %d for browsers from %s", self.host, self.port, " ".join(sorted(self.origins)))

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        peer = request.remote or "?"
        origin = request.headers.get("Origin")
        # A page from anywhere else may not drive an app here; a client that is no browser sends no
        # Origin and could send any, so only a wrong one is refused.
        if origin is not None and origin not in self.origins:
            log.info("refused %s: origin %.80r", peer, origin)
            raise web.HTTPForbidden(text="csto-tui: this page may not open the explorer (origin not allowed)\n")
        if self.sessions >= self.settings.max_sessions:
            log.info("refused %s: server full", peer)
            raise web.HTTPServiceUnavailable(text="csto-tui: the server is full; try again later\n")
        width, height = clamp(
            to_int(request.query.get("width", "80"), 80), to_int(request.query.get("height", "24"), 24)
        )
        self.sessions += 1
        home = self.state.anonymous()
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        service: GuardedAppService | None = None
        try:
            await websocket.prepare(request)
            service = GuardedAppService(
                self.settings.command,
                home,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=False,
            )
            await service.start(width, height)
            log.info("session %s started (%dx%d)", peer, width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # as textual-serve: a broken tab must not stop the server
            log.warning("session %s: %s", peer, error)
        finally:
            if service is not None:
                await service.stop()
            self.sessions -= 1
            shutil.rmtree(home, ignore_errors=True)
            log.info("session %s ended", peer)
        return websocket
