"""``csto-tui serve --web``: the explorer in a browser, through textual-serve, driven over its websocket."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp

from csto_tui.paths import shipped_store

from .conftest import REPO, TIMEOUT, children, running, wait_until


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def first_frame(url: str) -> str:
    """Open the app's websocket like the page does; return its output once the panes are drawn."""
    output = ""
    async with aiohttp.ClientSession() as http, http.ws_connect(f"{url}/ws?width=90&height=28") as ws:
        await ws.send_str(json.dumps(["resize", {"width": 90, "height": 28}]))
        while "Timeline" not in output:
            message = await asyncio.wait_for(ws.receive(), 30)
            if message.type == aiohttp.WSMsgType.BINARY:  # the app's terminal output
                output += message.data.decode(errors="replace")
            elif message.type != aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"websocket ended: {message.type}")
        return output


def test_web_serves_the_explorer_to_a_browser(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    argv = [sys.executable, "-m", "csto_tui", "serve", "--web", "--port", str(port), "--db", str(shipped_store())]
    log = (tmp_path / "web.log").open("w")
    server = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _get(url), what="the web server")
        page = _get(url)
        assert page is not None and "csto-tui" in page and "/ws" in page
        assert "Roster" in asyncio.run(first_frame(url))
        # The tab closed: its app is stopped.
        wait_until(lambda: not children(server.pid), timeout=TIMEOUT, what="the app to stop with its tab")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(TIMEOUT)
        log.close()
    assert not running(server.pid)


def _get(url: str) -> str | None:
    async def fetch() -> str:
        async with aiohttp.ClientSession() as http, http.get(url) as response:
            assert response.status == 200
            return await response.text()

    try:
        return asyncio.run(fetch())
    except aiohttp.ClientConnectionError:
        return None
