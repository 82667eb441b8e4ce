"""Reading without friction: the wide layout, zoom, the case file's top, clearing filters (issue 13)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from textual.command import CommandList, CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot

from csto_tui.model import RecordRef, Store
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.main import MainScreen
from csto_tui.ui.text import entity_name
from csto_tui.ui.widgets.case_file import CaseFileList
from csto_tui.ui.widgets.density import DensityStrip
from csto_tui.ui.widgets.key_bar import KeyBar
from csto_tui.ui.widgets.roster import FILTER_MARK, MemberList, Roster
from csto_tui.ui.widgets.timeline import Filters, Timeline

from .screen_text import region_lines, widget_lines


def main(app: CstoApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def settle(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Wait for ``done`` (the inspector follows the cursor a moment later), then for the frame after it."""
    for _ in range(200):
        if done():
            break
        await pilot.pause(0.01)
    assert done()
    await pilot.pause()


def text_shown(line: str) -> str:
    """A timeline row's text: without its date, its footnotes and the frame around it."""
    body = re.sub(r"^\W*\d{4}(-\d\d)*\s+", "", line)
    return re.sub(r"\s*(\[\d+\])*\W*$", "", body)


@pytest.mark.parametrize(("size", "least"), [((120, 40), 45), ((160, 50), 60)])
async def test_wide_layout_gives_the_timeline_room_to_read(store: Store, size: tuple[int, int], least: int) -> None:
    app = CstoApp(store)
    async with app.run_test(size=size) as pilot:
        screen = main(app)
        await pilot.press("L")  # English: one character a cell, so characters are cells
        await pilot.pause()
        width = size[0]
        timeline, inspector = screen.pane("timeline").region, screen.pane("inspector").region
        roster, case = screen.pane("roster").region, screen.pane("case").region
        assert timeline.width >= width / 2
        assert roster.x == case.x and roster.width == case.width  # they share a column
        assert inspector.width >= 60  # a citation's outlet, dates and URL lines fit
        cut = [text_shown(line) for line in widget_lines(app, screen.query_one(Timeline)) if "…" in line]
        assert cut, "no row long enough to be cut: nothing measured"
        assert min(len(row) for row in cut) >= least, cut


async def test_z_zooms_the_focused_pane_and_back(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("3")
        await pilot.press("z")
        await pilot.pause()
        assert screen.pane("case").region.width == 120
        assert all(not screen.pane(name).display for name in ("roster", "timeline", "inspector"))
        await pilot.press("2")  # switching panes keeps the zoom, like the narrow layout
        await pilot.pause()
        assert screen.pane("timeline").region.width == 120 and not screen.pane("case").display
        await pilot.press("z")
        await pilot.pause()
        assert all(screen.pane(name).display for name in ("roster", "timeline", "inspector", "case"))
        assert screen.pane("timeline").region.width < 120


async def test_zoomed_the_key_bar_offers_unzoom_and_keeps_it_when_crowded(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        bar = screen.query_one(KeyBar)

        def keys() -> list[str]:
            return [f"{item.display} {item.description}" for item, _ in bar._fitted()]

        await pilot.press("2")
        await pilot.pause()
        assert "z Zoom" in keys() and "z Unzoom" not in keys()
        # Crowd the bar: Back and Forward, a filter to clear, a search with its n and N.
        for event in store.events[:3]:
            assert screen.open(RecordRef("event", event.id))
        screen.timeline.set_filters(Filters(year_from=1992))
        await pilot.press("left_square_bracket", "2", "slash", "c", "enter")
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        assert screen.zoomed
        shown, offered = keys(), [f"{item.display} {item.description}" for item, _ in bar.items()]
        assert {"] Forward", "x Clear filter", "n Next match"} <= set(offered)
        assert len(shown) < len(offered)  # the bar is short of room: some keys gave way
        assert "z Unzoom" in shown and "z Zoom" not in offered
        # Narrower still (zoomed, the pane stays alone): only y Copy, ? Help and q Quit outlast it.
        await pilot.resize_terminal(40, 24)
        await pilot.pause()
        assert keys() == ["z Unzoom", "y Copy", "? Help", "q Quit"]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        assert not screen.zoomed and "z Zoom" in keys()


async def test_zoom_is_not_offered_where_one_pane_shows_anyway(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert main(app).check_action("zoom", ()) is False


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_case_file_opens_at_its_top_and_g_home_return_there(store: Store, size: tuple[int, int]) -> None:
    case = store.case_files[0]
    opening = case.summary_en.split()[:3]
    app = CstoApp(store)
    async with app.run_test(size=size) as pilot:
        screen = main(app)
        await pilot.press("L")
        await pilot.press("3")
        await pilot.pause()
        case_list = screen.query_one(CaseFileList)

        def top() -> str:
            return widget_lines(app, case_list)[0]

        assert " ".join(opening) in top()
        for key in ("g", "home"):
            await pilot.press("G")
            await pilot.pause()
            assert " ".join(opening) not in top()
            await pilot.press(key)
            await pilot.pause()
            assert " ".join(opening) in top(), key
        await pilot.press("G")
        for _ in range(20):
            await pilot.press("pageup")
        await pilot.pause()
        assert " ".join(opening) in top()


@pytest.mark.parametrize("clear_in", ["timeline", "roster"])
async def test_clearing_a_filter_clears_every_trace_of_it(store: Store, clear_in: str) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("L", "1", "enter")  # the first member: the timeline shows its events
        await pilot.pause()
        timeline, roster, members = screen.timeline, screen.query_one(Roster), screen.query_one(MemberList)
        name = entity_name(store, roster.chosen or "", "en")
        assert timeline.filters.actor is not None and FILTER_MARK in "\n".join(widget_lines(app, members))
        await pilot.press("G")  # the last of its events, far down the unfiltered list
        await pilot.pause()
        event = timeline.current_event
        assert event is not None
        if clear_in == "roster":
            await pilot.press("1")
        await pilot.press("x")
        await pilot.pause()
        assert not timeline.filters.active and timeline.row_count == len(store.events)
        assert timeline.current_event == event  # the cursor stays on its event...
        rows = widget_lines(app, timeline)
        assert any(event.date in row for row in rows), rows  # ...and on screen
        assert screen.query_one(DensityStrip).year == event.year
        assert roster.chosen is None and FILTER_MARK not in "\n".join(widget_lines(app, members))
        assert name not in str(screen.pane("timeline").border_subtitle)
        await pilot.press("2")
        await pilot.pause()
        assert "Clear filter" not in screen.query_one(KeyBar).render().plain


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_messages_cover_nothing_are_one_line_and_go_at_the_next_key(store: Store, size: tuple[int, int]) -> None:
    app = CstoApp(store)
    async with app.run_test(size=size) as pilot:
        screen = main(app)
        await pilot.press("2", "j", "j", "j")
        await settle(pilot, lambda: screen.inspector.subject == screen.current)
        width, height = size
        before = region_lines(app, Region(0, 0, width, height - 1))
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [message] = [n.message for n in app._notifications]
        assert message.startswith("Copied [")
        # Every row above the key bar is as it was: the highlighted row, its footnotes, the inspector.
        assert region_lines(app, Region(0, 0, width, height - 1)) == before
        bar = region_lines(app, Region(0, height - 1, width, 1))[0]
        assert bar.strip().startswith("Copied [") and bar.rstrip().endswith("…") and "Help" not in bar
        await pilot.press("j")
        await pilot.pause()
        bar = region_lines(app, Region(0, height - 1, width, 1))[0]
        assert "Copied" not in bar and "Help" in bar and not app._notifications
        assert screen.timeline.cursor == 4


@pytest.mark.parametrize("width", [80, 60, 40])
async def test_the_key_bar_keeps_copy_longest(store: Store, width: int) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("2", "enter")  # to a citation: Back appears
        await pilot.pause()
        bar = main(app).query_one(KeyBar).render().plain
        assert "y Copy" in bar and "[ Back" in bar and "? Help" in bar, bar
        if width < 80:
            assert "palette" not in bar and "Export" not in bar  # they gave way first


async def test_back_puts_the_cursor_back_on_the_backlink_it_left_from(store: Store) -> None:
    citation = max(store.citations, key=lambda c: len(store.citing(c.n)))
    assert len(store.citing(citation.n)) >= 3
    app = CstoApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main(app)
        await pilot.pause()
        assert screen.open(RecordRef("citation", str(citation.n)))
        await pilot.pause()
        inspector = screen.inspector
        await pilot.press("G")  # the last backlink, below the first screenful
        await pilot.pause()
        chosen = inspector.selected_link
        assert chosen == store.citing(citation.n)[-1]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current == chosen
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert inspector.subject == RecordRef("citation", str(citation.n))
        assert inspector.selected_link == chosen and inspector.has_focus
        _, start, _end = inspector._links[inspector.link_index]
        assert inspector.scroll_offset.y <= start < inspector.scroll_offset.y + inspector.size.height
        # A link followed afresh starts at the top, as a page does.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.open(RecordRef("citation", str(citation.n)))
        await pilot.pause()
        assert inspector.link_index == 0


async def test_one_match_is_one_row(store: Store) -> None:
    event = store.events[0]
    summaries = [e.summary_en.lower() for e in store.events]
    word = next(w for w in event.summary_en.split() if sum(w.lower() in s for s in summaries) == 1)
    app = CstoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *word)
        await pilot.pause()
        subtitle = str(main(app).pane("timeline").border_subtitle)
        assert f"/{word.lower()}: 1 row" in subtitle and "1 rows" not in subtitle


async def test_palette_cuts_long_rows_at_a_word_with_an_ellipsis(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("L", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"uzbekistan")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        commands = palette.query_one(CommandList)
        for _ in range(100):
            await pilot.pause(0.02)
            labels = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
            if any(label.startswith("Event") for label in labels):
                break
        events = [label.split("\n")[0] for label in labels if label.startswith("Event")]
        assert events
        assert any(label.endswith("…") for label in events), events
        words = {w for e in store.events for w in f"{e.date} {e.summary_en}".split()}
        for label in events:
            if label.endswith("…"):
                assert label[:-1].rstrip().split()[-1].rstrip(",.;:") in {w.rstrip(",.;:") for w in words}, label
