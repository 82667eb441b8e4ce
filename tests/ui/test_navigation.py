"""Pilot tests that walk every link path by keys, on the shipped store."""

from __future__ import annotations

import io

from rich.console import Console

from csto_tui.model import RecordRef, Store
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.help import HelpScreen
from csto_tui.ui.screens.main import MainScreen
from csto_tui.ui.widgets.inspector import Inspector
from csto_tui.ui.widgets.roster import Roster
from csto_tui.ui.widgets.timeline import Timeline

SIZE = (120, 40)


def main(app: CstoApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def press_until(pilot, keys: str, done, limit: int = 200) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        if done():
            return
        await pilot.press(keys)
    assert done(), f"pressing {keys!r} {limit} times did not get there"


async def test_member_filtered_timeline_citation_backlinks_back_forward(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = main(app)
        await pilot.press("1")
        roster = screen.query_one(Roster)
        assert screen.current_pane == "roster" and roster.has_focus_within
        member = screen.current
        assert member is not None and member.kind == "member"
        entity = next(m.entity for m in store.members if m.id == member.id)

        await pilot.press("enter")  # member -> timeline filtered to its events
        await pilot.pause()
        timeline = screen.query_one(Timeline)
        assert timeline.has_focus and timeline.filters.actor == entity
        # Its events as an actor or affected party, and those of the leaders the article names for it.
        people = {entity} | {p.id for p in store.related(entity)}
        expected = {e.id for a in people for e in store.events_for_actor(a, timeline.filters.roles)}
        assert {store.events[i].id for i in timeline._rows} == expected and expected

        # -> an event with a footnote
        await press_until(pilot, "j", lambda: bool(timeline.current_event and timeline.current_event.refs))
        event = timeline.current_event
        assert event is not None and screen.current == RecordRef("event", event.id)

        await pilot.press("enter")  # event -> citation
        await pilot.pause()
        inspector = screen.query_one(Inspector)
        citation = RecordRef("citation", str(event.refs[0]))
        assert inspector.has_focus and screen.current == citation == inspector.subject
        backlinks = store.citing(event.refs[0])
        assert RecordRef("event", event.id) in backlinks
        assert [inspector.selected_link] == [backlinks[0]]

        # -> a backlink: the last record citing it
        await pilot.press("G")
        target = backlinks[-1]
        assert inspector.selected_link == target
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current == target

        await pilot.press("left_square_bracket")  # back to the citation
        await pilot.pause()
        assert screen.current == citation and inspector.has_focus
        await pilot.press("backspace")  # back to the event, filter kept
        await pilot.pause()
        assert screen.current == RecordRef("event", event.id) and timeline.has_focus
        # The backlink may have led outside the member's events; then the filter was cleared to show it.
        outside = target.kind == "event" and target.id not in expected
        assert timeline.filters.actor == (None if outside else entity)
        await pilot.press("backspace")  # back to the member
        await pilot.pause()
        assert screen.current == member and roster.has_focus_within

        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert screen.current == target
        assert not screen.history.can_forward


async def test_case_file_quote_to_event_and_citation(store: Store) -> None:
    quote = store.case_files[0].quotes[0]
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = main(app)
        await pilot.press("3")
        assert screen.current_pane == "case"
        await press_until(pilot, "j", lambda: screen.current == RecordRef("quote", quote.id))
        await pilot.pause(0.2)  # the inspector follows rapid cursor moves at most every 0.1 s
        inspector = screen.query_one(Inspector)
        assert inspector.subject == RecordRef("quote", quote.id)

        await pilot.press("4", "enter")  # the quote's first footnote -> citation
        await pilot.pause()
        assert screen.current == RecordRef("citation", str(quote.refs[0]))

        await pilot.press("backspace", "3")  # back to the quote, in the case file
        await pilot.pause()
        assert screen.current == RecordRef("quote", quote.id)
        assert quote.event is not None
        await pilot.press("enter")  # quote -> its event in the timeline
        await pilot.pause()
        assert screen.current == RecordRef("event", quote.event)
        assert screen.query_one(Timeline).has_focus


async def test_missing_citation_shows_the_sentence_it_should_support(store: Store) -> None:
    missing = next(c for c in store.citations if c.missing and store.citing(c.n))
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = main(app)
        assert screen.open(RecordRef("citation", str(missing.n)))
        await pilot.pause()
        lines = [screen.query_one(Inspector).render_line(y).text for y in range(30)]
        text = "".join(lines)
        assert f"[{missing.n}] missing" in text
        assert "meant to support" in text
        assert "Cited by" in text


async def test_incremental_search_next_and_cancel(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = main(app)
        timeline = screen.query_one(Timeline)
        await pilot.press("2", "slash")
        await pilot.press(*"tashkent")  # matched in the English summary, case-insensitively
        await pilot.pause()
        event = timeline.current_event
        assert event is not None and "tashkent" in event.summary_en.lower()
        # The Chinese row has no "tashkent": it is marked as a hit in the English text.
        assert "EN " in timeline.render_line(timeline.cursor - timeline.scroll_offset.y).text
        await pilot.press("enter")
        assert timeline.has_focus and timeline.search_query == "tashkent"
        expected = [e.id for e in store.events if "tashkent" in e.summary_en.lower() or "塔什干" in e.source_text]
        first = event.id
        if len(expected) > 1:
            await pilot.press("n")
            assert timeline.current_event is not None and timeline.current_event.id != first
            await pilot.press("N")
            assert timeline.current_event is not None and timeline.current_event.id == first

        await pilot.press("g", "slash", *"塔什干")  # the Chinese source text
        await pilot.pause()
        assert timeline.current_event is not None and "塔什干" in timeline.current_event.source_text
        await pilot.press("escape")  # cancel: back where the search began, highlight gone
        assert timeline.cursor == 0 and timeline.search_query == ""


async def test_filters_by_year_range_tag_and_clear(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = main(app)
        timeline = screen.query_one(Timeline)
        await pilot.press("2", "f")
        await pilot.pause()
        await pilot.press("2", "0", "0", "8", "tab", "2", "0", "1", "0", "enter")
        await pilot.pause()
        assert timeline.has_focus
        years = [store.events[i].year for i in timeline._rows]
        assert years and min(years) >= 2008 and max(years) <= 2010
        assert timeline.row_count == sum(n for y, n in store.years().items() if 2008 <= y <= 2010)
        assert "2008–2010" in str(screen.query_one("#timeline-pane").border_subtitle)

        tag = store.tags()[0]
        from csto_tui.ui.widgets.timeline import Filters

        timeline.set_filters(Filters(tag=tag))
        assert {i for i in timeline._rows} == {store.event_index(e.id) for e in store.events_with_tag(tag)}

        await pilot.press("x")
        assert timeline.row_count == len(store.events) and not timeline.filters.active


async def test_year_jumps(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = main(app)
        timeline = screen.query_one(Timeline)
        await pilot.press("2", "right_curly_bracket")
        event = timeline.current_event
        assert event is not None and event.year == sorted(store.years())[1]
        await pilot.press("left_curly_bracket")
        assert timeline.cursor == 0
        # The density strip: d focuses it, h/l choose a year, Enter jumps there.
        density = screen.query_one("#density")
        await pilot.press("d")
        assert density.has_focus
        await pilot.press("l", "escape")  # Escape goes back without jumping
        assert timeline.has_focus and timeline.cursor == 0
        await pilot.press("d")
        await press_until(pilot, "l", lambda: density.year == 2010)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert timeline.has_focus and timeline.current_event is not None
        assert timeline.current_event.year == 2010
        assert timeline.cursor == store.first_event_in_year(2010)


async def test_language_toggle_everywhere_and_remembered(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = main(app)
        timeline = screen.query_one(Timeline)
        assert store.events[0].source_text[:4] in timeline.render_line(0).text
        await pilot.press("L")
        await pilot.pause()
        assert screen.language == "en"
        assert all(w.language == "en" for w in (timeline, screen.query_one(Roster), screen.query_one(Inspector)))
        assert store.events[0].summary_en[:12] in timeline.render_line(0).text
        await pilot.press("j", "j")
        selected = screen.current
        await pilot.press("q")
    assert app.return_code == 0

    again = CstoApp(store)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main(again)
        assert screen.language == "en" and screen.current == selected
        assert screen.query_one(Timeline).has_focus


async def test_help_shows_focused_pane_and_its_live_keys(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert help_screen.title_text == "Help: Timeline"
        console = Console(width=100, file=io.StringIO(), record=True)
        console.print(help_screen.body)
        text = console.export_text()
        assert "Every event of the article" in text
        assert "j" in text and "Search" in text and "Back" not in text  # no history yet: back does not work
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("4", "f1")
        assert isinstance(app.screen, HelpScreen) and app.screen.title_text == "Help: Inspector"


async def test_palette_jumps_to_citation_and_member(store: Store) -> None:
    cited = next(c for c in store.citations if not c.missing and c.outlet)
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = main(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*f"citation [{cited.n}]")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current == RecordRef("citation", str(cited.n))
        assert screen.query_one(Inspector).has_focus

        member = store.members[-1]
        entity = store.entity(member.entity)
        assert entity is not None
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*f"member {entity.name_en}")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current == RecordRef("member", member.id)
        assert screen.current_pane == "roster"


async def test_footer_shows_only_working_keys(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = main(app)
        await pilot.pause()
        keys = {b.binding.action for b in screen.active_bindings.values()}
        assert "back" not in keys and "clear_filters" not in keys and "next_match" not in keys
        timeline = screen.query_one(Timeline)
        await press_until(pilot, "j", lambda: bool(timeline.current_event and timeline.current_event.refs))
        await pilot.press("enter")
        await pilot.pause()
        keys = {b.binding.action for b in screen.active_bindings.values()}
        assert "back" in keys and "open" in keys
        shown = {b.binding.action for b in screen.active_bindings.values() if b.binding.show}
        assert "link(1)" not in shown  # vim keys and arrows stay out of the footer


async def test_pane_keys_at_80x24_show_one_pane_at_a_time(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main(app)
        await pilot.pause()
        assert screen.has_class("-narrow")
        for key, name in (("1", "roster"), ("2", "timeline"), ("3", "case"), ("4", "inspector")):
            await pilot.press(key)
            await pilot.pause()
            shown = [
                p for p, _ in (("roster", 0), ("timeline", 0), ("case", 0), ("inspector", 0)) if screen.pane(p).display
            ]  # type: ignore[arg-type]
            assert shown == [name] and screen.current_pane == name
        await pilot.press("tab")
        assert screen.current_pane == "roster"
        await pilot.press("shift+tab")
        assert screen.current_pane == "inspector"
