"""Both panes survive every terminal size users have, in both languages, while keys are pressed."""

from __future__ import annotations

import pytest

from csto_tui.model import Store
from csto_tui.ui.widgets.case_file import CaseFilePane
from csto_tui.ui.widgets.roster import Roster
from ui_panes.pane_app import PaneApp

SIZES = [(20, 6), (60, 20), (80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pane", ["roster", "case"])
async def test_pane_draws_and_moves_at_size(store: Store, pane: str, size: tuple[int, int]) -> None:
    app = PaneApp(store, pane)
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "G", "pagedown", "pageup", "g", "enter")
        widget = app.query_one(Roster if pane == "roster" else CaseFilePane)
        widget.language = "en"
        await pilot.press("k", "x", "c", "c")
        await pilot.resize_terminal(size[0] // 2 + 1, max(3, size[1] // 2))
        await pilot.press("j")
        await pilot.pause()
        # Every visible line of every widget fits the screen.
        screen = app.screen._compositor.render_update(full=True)
        assert screen is not None
        assert widget.size.width <= size[0] // 2 + 1
