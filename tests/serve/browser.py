"""``csto-tui serve --web`` on loopback, opened in headless Chromium (Debian's ``chromium``) through playwright.

Used by tests/serve/test_browser.py and by scripts/screenshots.py (screenshots/web-view.png).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, Route, sync_playwright
from playwright.sync_api import TimeoutError as PageTimeout

from csto_tui.paths import shipped_store

from .conftest import REPO, TIMEOUT, children, wait_until
from .test_web import free_port

CHROMIUM = "/usr/bin/chromium"
# Headless, no sandbox (the suite runs as root in CI), and nothing that talks to the network on its own.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Milliseconds; the app's first frame is the slow part (a Textual start-up on a loaded 2-core machine).
PAGE_TIMEOUT = 30_000

# textual-serve's page keeps its xterm.js Terminal in a closure and draws it on a canvas (WebGL), so the
# page's text is in no DOM node. The browser is handed the page's own script with one addition that
# exposes that Terminal, and the text is read from xterm's buffer: what xterm.js itself made of the bytes.
TERMINAL_OPEN = "this.terminal.open(e)"
EXPOSE_TERMINAL = TERMINAL_OPEN + ",window.cstoTerminal=this.terminal"
SCREEN_TEXT = """() => {
    const terminal = window.cstoTerminal;
    if (!terminal) return "";
    const buffer = terminal.buffer.active;
    const rows = [];
    for (let y = 0; y < terminal.rows; y++) {
        rows.push(buffer.getLine(buffer.viewportY + y).translateToString(true));
    }
    return rows.join("\\n");
}"""


class WebView:
    """One browser tab on the served app: its text as xterm.js holds it, keys, and a PNG."""

    def __init__(self, page: Page, log: Path) -> None:
        self.page = page
        self.log = log

    def text(self) -> str:
        return str(self.page.evaluate(SCREEN_TEXT))

    def wait_for(self, *present: str, absent: tuple[str, ...] = ()) -> str:
        """Wait until every string in ``present`` is on the page's terminal and none in ``absent``; return its text."""
        script = f"""([present, absent]) => {{
            const text = ({SCREEN_TEXT})();
            return present.every(s => text.includes(s)) && !absent.some(s => text.includes(s));
        }}"""
        try:
            self.page.wait_for_function(script, arg=[list(present), list(absent)], timeout=PAGE_TIMEOUT)
        except PageTimeout as exc:
            raise AssertionError(
                f"not {present!r} on the page and {absent!r} gone within {PAGE_TIMEOUT} ms:\n{self.text()}"
            ) from exc
        return self.text()

    def press(self, *keys: str) -> None:
        """Type keys into the terminal (xterm.js reads them from its hidden textarea, which has the focus)."""
        for key in keys:
            self.page.keyboard.press(key)

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))


@contextmanager
def web_view(tmp: Path, db: Path | None = None, width: int = 1280, height: int = 800) -> Iterator[WebView]:
    """Start the server and a browser, open the app, and yield once the timeline is drawn; stop both after."""
    port = free_port()
    log_path = tmp / "web.log"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data"), "PYTHONUNBUFFERED": "1"}
    argv = [sys.executable, "-m", "csto_tui", "serve", "--web", "--port", str(port), "--db", str(db or shipped_store())]
    origin = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        server = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    # The browser's own files (profile, caches, crash reports) stay in the test's directory.
    home = tmp / "browser-home"
    home.mkdir()
    browser_env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home)}
    try:
        wait_until(lambda: _listening(server, log_path), what=f"the web server (log: {log_path})")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, env={**os.environ, **browser_env}, timeout=PAGE_TIMEOUT
            )
            try:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.set_default_timeout(PAGE_TIMEOUT)
                # Only the server is reached: the page's web font (from the internet) is refused, offline or not.
                page.route("**/*", lambda route: _same_origin_only(route, origin))
                page.route("**/static/js/textual.js", _expose_terminal)
                page.goto(origin)
                page.locator(".xterm-helper-textarea").focus()
                view = WebView(page, log_path)
                view.wait_for("Timeline", "Roster", "Case file", "Inspector")
                yield view
                page.close()
                # The tab closed: the server stops its app.
                wait_until(lambda: not children(server.pid), what="the app to stop with its tab")
            finally:
                browser.close()
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(home, ignore_errors=True)


def _listening(server: subprocess.Popen[bytes], log: Path) -> bool:
    if server.poll() is not None:
        raise AssertionError(f"server exited {server.returncode}: {log.read_text(errors='replace')}")
    return "listening on" in log.read_text(errors="replace")


def _same_origin_only(route: Route, origin: str) -> None:
    if route.request.url.startswith(origin + "/"):
        route.fallback()
    else:
        route.abort()


def _expose_terminal(route: Route) -> None:
    response = route.fetch()
    script = response.text()
    # Fail loudly if a textual-serve release changed the line (constraints.txt pins it).
    assert script.count(TERMINAL_OPEN) == 1, "textual-serve's textual.js no longer opens its terminal as expected"
    route.fulfill(response=response, body=script.replace(TERMINAL_OPEN, EXPOSE_TERMINAL))
