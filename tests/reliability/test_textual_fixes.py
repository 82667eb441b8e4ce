"""Each Textual bug csto_tui.ui.textual_fixes works around, reproduced against Textual's own code.

The reproducers call the unpatched methods: they fail once upstream fixes a bug, and then the
patch and its test go (docs/upstream.md has each bug ready to report). The dialogs' single
dismiss is the app's own behaviour (ui/screens/dialog.py), tested here beside them.
"""

from __future__ import annotations

from importlib.metadata import version

import pytest
from textual import events
from textual.app import App, ComposeResult, ScreenStackError
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.widgets import Label, OptionList

from csto_tui.ui import textual_fixes
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.dialog import Dialog
from csto_tui.ui.widgets.density import DensityStrip


def test_patches_are_for_the_installed_textual() -> None:
    """A Textual upgrade lands here first: check each bug below still happens, then move PATCHED_TEXTUAL."""
    assert version("textual") == textual_fixes.PATCHED_TEXTUAL
    assert textual_fixes.textual_is_pinned()
    assert textual_fixes.apply()


def test_upstream_option_list_page_keys_before_layout() -> None:
    """Textual bug: page down on an OptionList before its first layout raises KeyError."""
    options = OptionList("a", "b", "c")
    options.highlighted = 1
    with pytest.raises(KeyError):
        textual_fixes.ORIGINAL_MOVE_PAGE(options, 1)
    options.action_page_down()  # patched: the key is dropped
    options.action_page_up()


def test_upstream_command_palette_watcher_after_close() -> None:
    """Textual bug: the palette's list-visible watcher, run once the palette's widgets are gone, raises NoMatches."""
    palette = CommandPalette()
    with pytest.raises(NoMatches):
        textual_fixes.ORIGINAL_WATCH_LIST_VISIBLE(palette)
    palette._watch__list_visible()  # patched: nothing to update, nothing raised


async def _palette_enter_enter() -> int | None:
    """The real app: the palette opened, then two Enter keys queued at once; its exit code (None: still running)."""
    from csto_tui.model import Store
    from csto_tui.paths import shipped_store

    app = CstoApp(Store.open(shipped_store()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app._driver is not None
        for _ in range(2):
            app._driver.send_message(events.Key("enter", "\r"))
        await pilot.pause()
        await pilot.pause()
    return app.return_code


async def test_upstream_command_palette_dismissed_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual bug: Enter Enter in a burst selects twice; the palette dismisses twice and pops the screen beneath."""
    assert await _palette_enter_enter() is None  # patched: the app goes on
    monkeypatch.setattr(CommandPalette, "dismiss", textual_fixes.ORIGINAL_PALETTE_DISMISS)
    with pytest.raises(ScreenStackError):  # no longer raised: fixed upstream, remove the palette dismiss patch
        await _palette_enter_enter()


async def test_no_color_needs_no_patch(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR puts Textual's Monochrome filter in; it needs every segment styled, and the density strip's are."""
    from csto_tui.model import Store
    from csto_tui.paths import shipped_store

    monkeypatch.setenv("NO_COLOR", "1")
    app = CstoApp(Store.open(shipped_store()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "down", "2", "d", "right", "escape", "3", "down", "4", "L", "question_mark", "escape")
        await pilot.press("2", "slash", "x")
        await pilot.pause()
        assert any(type(f).__name__ == "Monochrome" for f in app._filters)
        strip = app.screen.query_one(DensityStrip)
        for y in range(strip.size.height):
            assert all(segment.style is not None for segment in strip.render_line(y))
    assert app.return_code in (None, 0)


class _Dialog(Dialog[str]):
    def compose(self) -> ComposeResult:
        yield Label("dialog")


class _Host(App[None]):
    results: list[str | None]

    def on_mount(self) -> None:
        self.results = []


async def test_double_dismiss_is_harmless() -> None:
    """Enter Enter in a burst dismissed a dialog twice: InvalidStateError or ScreenStackError ended the app."""
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
    """A queued selection for a dialog that another has covered popped the covering dialog instead."""
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
