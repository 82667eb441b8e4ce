"""Each Textual bug the reliability suite found, reproduced alone; csto_tui.ui.textual_fixes works around them."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.color import Color
from textual.filter import Monochrome
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList

import csto_tui.ui.app  # noqa: F401 - importing the app applies the work-arounds


def test_page_keys_before_layout() -> None:
    """Page down on an OptionList not laid out yet (keys typed ahead into the palette) raised KeyError."""
    options = OptionList("a", "b", "c")
    options.highlighted = 1
    options.action_page_down()
    options.action_page_up()


def test_monochrome_filter_takes_segments_without_style() -> None:
    """NO_COLOR=1 crashed at the first frame on a segment with no style."""
    out = Monochrome().apply([Segment("a", None), Segment("b", Style(color="red"))], Color(0, 0, 0))
    assert [s.text for s in out] == ["a", "b"] and out[0].style is None


class _Dialog(ModalScreen[str]):
    def compose(self) -> ComposeResult:
        yield Label("dialog")


class _Host(App[None]):
    results: list[str | None]

    def on_mount(self) -> None:
        self.results = []


async def test_double_dismiss_is_harmless() -> None:
    """Enter Enter in a burst dismissed a screen twice: InvalidStateError or ScreenStackError ended the app."""
    app = _Host()
    async with app.run_test() as pilot:
        dialog = _Dialog()
        app.push_screen(dialog, app.results.append)
        await pilot.pause()
        dialog.dismiss("first")
        dialog.dismiss("second")
        await pilot.pause()
        dialog.dismiss("third")  # popped by now
        await pilot.pause()
        assert app.results == ["first"]
        assert len(app.screen_stack) == 1


async def test_dismiss_from_beneath_is_ignored() -> None:
    """A queued selection for a screen that another has covered popped the covering screen instead."""
    app = _Host()
    async with app.run_test() as pilot:
        below, above = _Dialog(), _Dialog()
        app.push_screen(below, app.results.append)
        app.push_screen(above)
        await pilot.pause()
        below.dismiss("stale")
        await pilot.pause()
        assert app.screen is above and app.results == []
        above.dismiss("x")
        await pilot.pause()
        below.dismiss("now")
        await pilot.pause()
        assert app.results == ["now"] and len(app.screen_stack) == 1
