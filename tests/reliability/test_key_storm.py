"""Robustness under input: 10,000 random keys with random resizes, then the app still answers and quits."""

from __future__ import annotations

import random
import time
import unicodedata
from pathlib import Path

import pytest
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

from csto_tui.model import Store
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.main import MainScreen

from .hostile import hostile_url
from .storegen import store_doc, write_store

KEYS = (
    list("abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789[]{}/?.,;:'\"-=+!@#$%^&*() ")
    + ["enter", "escape", "backspace", "delete", "tab", "shift+tab", "space"]
    + ["up", "down", "left", "right", "home", "end", "pageup", "pagedown", "f1", "f2", "f5", "insert"]
    # ctrl combinations, but not the ones that end or suspend the app (ctrl+q quits, ctrl+z suspends)
    + [f"ctrl+{c}" for c in "abdefghijklnoprstuvwxy"]
)
# Sizes the storm resizes between, from the smallest supported to the largest.
SIZES = [(20, 6), (24, 8), (40, 12), (60, 20), (80, 24), (100, 30), (132, 43), (200, 60), (300, 100)]
STORM = 10_000
CHUNK = 250
SHORT_HOSTILE = " [@click=app.quit]x[/] [b]\x1b]0;T\x07\x1b[2J\u202e"


class StormApp(CstoApp):
    """The real app, except that quitting only counts while the storm blows.

    Random letters typed into the command palette can pick its "Quit" command; that is the app
    working, but it would end the storm early.
    """

    storming = True
    quits = 0

    async def action_quit(self) -> None:
        if self.storming:
            self.quits += 1
        else:
            await super().action_quit()


def key_event(key: str) -> events.Key:
    """The Key event Pilot.press would send for ``key``."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


@pytest.mark.slow
async def test_key_storm(tmp_path: Path) -> None:
    rng = random.Random(20100407)  # the day of the 2010 Kyrgyz uprising; any fixed seed will do
    # Short hostile text in every third record: markup and escapes, not the 100 KB strings (test_hostile_text).
    doc = store_doc(60, text=lambda field, i: f"{field} {i}" + (SHORT_HOSTILE if i % 3 == 0 else ""), url=hostile_url)
    app = StormApp(Store.open(write_store(tmp_path / "store.json", doc)))
    start = time.monotonic()
    sent = 0
    resizes = 0
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        driver = app._driver
        assert driver is not None
        while sent < STORM:
            # A burst, as typed ahead or pasted over a slow link: the keys queue up faster than
            # the app handles them (Pilot.press waits for idle after every key, 20x slower).
            for key in (rng.choice(KEYS) for _ in range(CHUNK)):
                driver.send_message(key_event(key))
            await pilot.pause()
            sent += CHUNK
            await pilot.resize_terminal(*rng.choice(SIZES))
            resizes += 1
            assert app.return_code is None, f"app exited after {sent} keys"
        # Still responsive: close whatever dialogs the storm left open, then go to the timeline.
        app.storming = False
        await pilot.resize_terminal(80, 24)
        for _ in range(8):  # escape also leaves the search box, where "2" would be typed
            await pilot.press("escape")
        assert isinstance(app.screen, MainScreen), app.screen_stack
        await pilot.press("2")
        assert app.screen.current_pane == "timeline"
        await pilot.press("q")
        await pilot.pause()
    seconds = time.monotonic() - start
    held = f"{app.quits} quit requests held"
    print(f"key storm: {sent} keys, {resizes} resizes, {held}, {seconds:.1f}s; exit {app.return_code}")
    assert app.return_code == 0
