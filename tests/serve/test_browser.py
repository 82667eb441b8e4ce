"""The web view in a real browser: ``csto-tui serve --web`` on loopback, headless Chromium, keys, page text, a PNG."""

from __future__ import annotations

import struct
from pathlib import Path

from csto_tui.model import Store
from csto_tui.paths import shipped_store

from .browser import web_view


def test_the_explorer_in_headless_chromium(tmp_path: Path) -> None:
    store = Store.open(shipped_store())
    first, second = store.events[0], store.events[1]
    english = " ".join(second.summary_en.split()[:5])
    with web_view(tmp_path) as view:
        # The four panes, the timeline's count and its first event in the inspector; Chinese, as a new user sees it.
        view.wait_for("2 Timeline", f"{len(store.events)} events", f"Event · {first.date} (", absent=(english,))
        view.press("j")
        view.wait_for(f"Event · {second.date} (")
        view.press("L")  # English: the timeline row and the inspector carry the event's English summary
        text = view.wait_for(english, "Members (")
        assert text.count(english) == 2, text
        view.press("?")
        view.wait_for("Help: Timeline", "Keys in this pane")
        view.press("Escape")
        view.wait_for(f"Event · {second.date} (", absent=("Help: Timeline",))
        png = tmp_path / "web-view.png"
        view.screenshot(png)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png.read_bytes()[16:24]) == (1280, 800)
        # q quits the app: the page says the session ended and the server logs it.
        view.press("q")
        view.page.get_by_text("Session ended.").wait_for(state="visible")
    log = view.log.read_text()
    assert "session 127.0.0.1 started" in log and "session 127.0.0.1 ended" in log, log
    assert "refused" not in log, log  # the browser's own origin is let in
