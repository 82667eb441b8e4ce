"""Actor roles and dates in the explorer: the inspector shows them, the timeline's filter chooses roles."""

from __future__ import annotations

import itertools
import json

import pytest

from csto_tui.cli import main
from csto_tui.model import DEFAULT_ROLES, RecordRef, Store
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.filter import FilterScreen
from csto_tui.ui.screens.main import MainScreen
from csto_tui.ui.text import INHERITED_MARK
from csto_tui.ui.widgets.actor_picker import ActorPicker
from csto_tui.ui.widgets.inspector import Inspector
from csto_tui.ui.widgets.tick_box import TickBox
from csto_tui.ui.widgets.timeline import Filters, Timeline

SIZE = (120, 40)


def shown(screen: MainScreen) -> set[str]:
    timeline = screen.query_one(Timeline)
    return {timeline.store.events[i].id for i in timeline._rows}


async def test_the_inspector_shows_roles_and_how_the_date_was_found(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("L")  # English
        await pilot.pause()
        assert screen.language == "en"
        inspector = screen.query_one(Inspector)

        assert screen.open(RecordRef("event", "crrf-belarus-signs"))
        await pilot.pause()
        text = " ".join(line.rstrip() for line in (inspector.render_line(y).text for y in range(40)))
        assert "(month, counted)" in text
        assert "acts: Belarus, Russia" in text and "excluded: Uzbekistan" in text
        assert "affected: Collective Rapid Reaction Force (CRRF)" in text
        assert "24 November 2009" in text  # the note: its footnote predates the date

        # People carry the titles the article gives them: why they count for their country's filter.
        assert screen.open(RecordRef("event", "kg-lukashenko-defends"))
        await pilot.pause()
        text = " ".join(line.rstrip() for line in (inspector.render_line(y).text for y in range(40)))
        assert "acts: Alexander Lukashenko (President, Belarus)" in text
        assert "Vladimir Putin (Former President, Russia)" in text

        assert screen.open(RecordRef("event", "history-issyk-kul-summit"))
        await pilot.pause()
        text = " ".join(inspector.render_line(y).text for y in range(40))
        assert "Event · 2009-07-31 to 2009-08-01 (day, a range)" in text

        assert screen.open(RecordRef("event", "status-kazakhstan-chair"))
        await pilot.pause()
        text = " ".join(line.rstrip() for line in (inspector.render_line(y).text for y in range(40)))
        assert "(month, inherited)" in text and "inherited from event status-base-veto" in text


async def test_the_timeline_marks_ranges_and_inherited_dates(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("L")  # English
        await pilot.pause()
        assert screen.language == "en"
        timeline = screen.query_one(Timeline)
        lines: dict[str, str] = {}
        for event_id in ("history-issyk-kul-summit", "status-kazakhstan-chair", "status-base-veto"):
            assert screen.open(RecordRef("event", event_id))
            await pilot.pause()
            lines[event_id] = timeline.render_line(timeline.cursor - timeline.scroll_offset.y).text
        assert lines["history-issyk-kul-summit"].startswith(" 2009-07-31 –08-01 From 31 July")
        assert lines["status-kazakhstan-chair"].startswith(f" 2011-12{INHERITED_MARK}   In addition")
        assert lines["status-base-veto"].startswith(" 2011-12-21 Since")


async def test_the_actor_filter_counts_acting_and_affected_unless_asked(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        timeline = screen.query_one(Timeline)
        timeline.set_filters(Filters(actor="country:uzbekistan"))
        await pilot.pause()
        default = shown(screen)
        # Uzbekistan did not extend the treaty and did not sign the force's agreement: excluded, not shown.
        assert "lead-treaty-extended" not in default and "crrf-agreement" not in default
        assert "lead-uzbekistan-rejoins" in default
        assert default == {e.id for e in store.events_for_actor("country:uzbekistan", DEFAULT_ROLES)}

        timeline.set_filters(Filters(actor="country:uzbekistan", all_roles=True))
        await pilot.pause()
        every = shown(screen)
        assert every == {e.id for e in store.events_for_actor("country:uzbekistan")}
        assert {"lead-treaty-extended", "crrf-agreement"} <= every
        assert "(any role)" in timeline.describe_filters()

        # A place is never acting or affected: the empty timeline says where its events went.
        timeline.set_filters(Filters(actor="place:moscow"))
        await pilot.pause()
        assert timeline.row_count == 0
        assert timeline.render_line(0).text.startswith("No events match; 3 name this actor in other roles")


async def test_a_country_filter_takes_in_its_leaders_and_the_dialog_sets_both_toggles(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        timeline = screen.query_one(Timeline)
        timeline.focus()
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterScreen)
        picker = dialog.query_one(ActorPicker)
        picker.type("baie")  # 白俄罗斯 by pinyin
        assert picker.value == "country:belarus"
        assert dialog.query_one("#with-related", TickBox).value is True  # leaders are in by default
        assert dialog.query_one("#all-roles", TickBox).value is False
        await pilot.click("#apply")
        await pilot.pause()
        assert app.screen is screen
        with_leaders = shown(screen)
        # Lukashenko, whom the article names 白俄罗斯总统, speaks for Belarus; the event does not name Belarus
        # as acting or affected.
        assert "kg-lukashenko-defends" in with_leaders and "kg-ntv-documentary" in with_leaders
        assert "crrf-belarus-signs" in with_leaders
        assert "+leaders" in timeline.describe_filters()

        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterScreen)
        assert dialog.query_one(ActorPicker).value == "country:belarus"
        # Ticked or not shows without colour (NO_COLOR): the X is drawn only when ticked.
        assert dialog.query_one("#with-related", TickBox).render().plain.startswith("▐X▌")
        assert dialog.query_one("#all-roles", TickBox).render().plain.startswith("▐ ▌")
        await pilot.click("#with-related")
        await pilot.click("#all-roles")
        await pilot.pause()
        assert dialog.query_one("#with-related", TickBox).render().plain.startswith("▐ ▌")
        assert dialog.query_one("#all-roles", TickBox).render().plain.startswith("▐X▌")
        await pilot.click("#apply")
        await pilot.pause()
        assert timeline.filters == Filters(actor="country:belarus", all_roles=True, with_related=False)
        alone = shown(screen)
        assert "kg-lukashenko-defends" in alone  # Belarus is mentioned there: any role now counts
        assert "kg-ntv-documentary" not in alone  # Belarus is not named there; only its president is
        assert alone == {e.id for e in store.events_for_actor("country:belarus")}


async def test_csto_tui_events_actor_counts_what_the_timeline_filter_shows(
    store: Store, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """The CLI's --actor, --any-role and --no-leaders choose the rows the timeline's filter and toggles show."""
    cases = list(
        itertools.product(
            ("country:belarus", "country:uzbekistan", "place:moscow", "org:csto"), (False, True), (False, True)
        )
    )
    app = CstoApp(store)
    shown_by_app: list[list[str]] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        timeline = screen.query_one(Timeline)
        for actor, all_roles, with_related in cases:
            timeline.set_filters(Filters(actor=actor, all_roles=all_roles, with_related=with_related))
            await pilot.pause()
            shown_by_app.append([e.id for e in timeline.shown_events])
    # The app holds stdout while it runs: the CLI runs after it.
    for (actor, all_roles, with_related), expected in zip(cases, shown_by_app, strict=True):
        argv = ["events", "--actor", actor, "--format", "json"]
        argv += ["--any-role"] * all_roles + ["--no-leaders"] * (not with_related)
        assert main(argv) == 0
        printed = json.loads(capsysbinary.readouterr().out)["events"]
        assert [e["id"] for e in printed] == expected, argv
    assert len({tuple(ids) for ids in shown_by_app}) > len(cases) // 2  # the toggles do change the rows
