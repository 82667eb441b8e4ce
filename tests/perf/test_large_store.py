"""The explorer on a 100,000-event store: it opens, navigates and searches correctly.

Correctness only: how fast is the benchmark's business (benchmarks/bench.py).
"""

from __future__ import annotations

import synth

from csto_tui.model import RecordRef, Store
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.main import MainScreen
from csto_tui.ui.widgets.timeline import Timeline
from csto_tui.ui.widgets.timeline_pane import TimelinePane

SIZE = (80, 24)
N = 100_000


def parts(app: CstoApp) -> tuple[MainScreen, Timeline]:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen, screen.query_one(Timeline)


def shown(timeline: Timeline) -> str:
    """The text of every line the timeline paints."""
    return "\n".join(timeline.render_line(y).text for y in range(timeline.scrollable_content_region.height))


async def test_opens_100k_store_and_navigates(store_100k: Store) -> None:
    store = store_100k
    assert len(store.events) == N
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, timeline = parts(app)
        assert timeline.has_focus and timeline.row_count == N and timeline.cursor == 0
        assert store.events[0].date[:4] in shown(timeline)

        await pilot.press("j", "j", "j", "k")
        assert timeline.cursor == 2 and screen.current == RecordRef("event", store.events[2].id)
        page = timeline.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        assert timeline.cursor == 2 + page

        await pilot.press("G")  # the last of 100,000 events, and it is painted
        await pilot.pause()
        assert timeline.cursor == N - 1 and timeline.current_event == store.events[-1]
        assert timeline.scroll_offset.y > N - 30
        assert store.events[-1].date in shown(timeline)

        await pilot.press("g", "right_curly_bracket")  # next year: the first event of the second year
        first_year = store.events[0].year
        second = next(i for i, e in enumerate(store.events) if e.year > first_year)
        assert timeline.cursor == second

        while not (timeline.current_event and timeline.current_event.refs):
            await pilot.press("j")
        event = timeline.current_event
        await pilot.press("enter")  # follow the event's first footnote
        await pilot.pause()
        assert screen.current == RecordRef("citation", str(event.refs[0]))
        assert RecordRef("event", event.id) in store.citing(event.refs[0])


async def test_search_finds_the_right_rows_in_100k(store_100k: Store) -> None:
    store = store_100k
    needles = [n - 1 for n in synth.needle_numbers(N)]  # rows of the events that carry the needle
    assert len(needles) == 100
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        _, timeline = parts(app)
        pane = app.screen.query_one(TimelinePane)

        await pilot.press("slash", *synth.NEEDLE.lower())
        await pilot.pause()
        assert timeline.match_count() == 100 and timeline.cursor == needles[0]
        assert f"/{synth.NEEDLE.lower()}: 100 rows" in str(pane.border_subtitle)
        await pilot.press("enter")  # keep the search, then walk its matches
        for row in needles[1:4]:
            await pilot.press("n")
            assert timeline.cursor == row
        await pilot.press("N")
        assert timeline.cursor == needles[2]

        await pilot.press("slash", *synth.NEEDLE_ZH)  # Chinese text is searched too
        await pilot.pause()
        assert timeline.match_count() == 100 and timeline.cursor in needles
        await pilot.press("escape")

        await pilot.press("slash", *"sarybel")  # one event in 100,000
        await pilot.pause()
        assert timeline.match_count() == 1
        assert timeline.cursor == synth.unique_number(N) - 1
        assert synth.UNIQUE in store.events[timeline.cursor].summary_en
