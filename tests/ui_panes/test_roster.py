"""The roster by keys: highlights, the timeline filter, select_record, language and marks."""

from __future__ import annotations

from csto_tui.model import RecordRef, Store
from csto_tui.ui.messages import ActorChosen, RecordHighlighted
from csto_tui.ui.widgets.membership_chart import MembershipChart
from csto_tui.ui.widgets.roster import EXTERNAL_MARK, INFERRED_MARK, MemberList, Roster
from ui_panes.conftest import screen_lines
from ui_panes.pane_app import PaneApp


def highlighted(app: PaneApp) -> list[RecordRef]:
    return [m.ref for m in app.messages if isinstance(m, RecordHighlighted)]


def chosen(app: PaneApp) -> list[str | None]:
    return [m.entity_id for m in app.messages if isinstance(m, ActorChosen)]


def footer_keys(app: PaneApp) -> set[str]:
    return {b.binding.key for b in app.screen.active_bindings.values() if b.enabled and b.binding.show}


async def test_moving_posts_each_member_and_skips_headings(store: Store) -> None:
    app = PaneApp(store, "roster")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("down", *"jjjjj", "k", "j", "G", "g")
        await pilot.pause()
    ids = [ref.id for ref in highlighted(app)]
    # The list announces the first member it starts on;
    # Azerbaijan follows Tajikistan across the "former treaty members" heading.
    assert ids == [
        "member:russia",
        "member:armenia",
        "member:belarus",
        "member:kazakhstan",
        "member:kyrgyzstan",
        "member:tajikistan",
        "former_treaty_member:azerbaijan",
        "member:tajikistan",
        "former_treaty_member:azerbaijan",
        "candidate:syria",
        "member:russia",
    ]
    assert {ref.kind for ref in highlighted(app)} == {"member"}


async def test_enter_filters_the_timeline_and_x_clears_it(store: Store) -> None:
    app = PaneApp(store, "roster")
    async with app.run_test(size=(80, 30)) as pilot:
        assert "x" not in footer_keys(app)  # nothing to clear yet
        await pilot.press("j", "enter")
        await pilot.pause()
        assert chosen(app) == ["country:armenia"]
        roster = app.query_one(Roster)
        assert roster.chosen == "country:armenia"
        assert any("亚美尼亚 ▶" in line for line in screen_lines(app.query_one(MemberList)))
        assert "x" in footer_keys(app)
        await pilot.press("x")
        await pilot.pause()
        assert chosen(app) == ["country:armenia", None]
        assert roster.chosen is None
        assert "x" not in footer_keys(app)
        assert not any("▶" in line for line in screen_lines(app.query_one(MemberList)))
        # The screen sets the filter from elsewhere (the timeline's filter dialog): the mark and the key follow.
        roster.chosen = "country:russia"
        await pilot.pause()
        assert any("俄罗斯 ▶" in line for line in screen_lines(app.query_one(MemberList)))
        assert "x" in footer_keys(app)


async def test_select_record_moves_the_cursor_and_refuses_other_records(store: Store) -> None:
    app = PaneApp(store, "roster")
    async with app.run_test(size=(80, 30)) as pilot:
        roster = app.query_one(Roster)
        uzbekistan = RecordRef("member", "former_member:uzbekistan")
        assert roster.select_record(uzbekistan) is True
        await pilot.pause()
        assert roster.highlighted_member is not None and roster.highlighted_member.id == uzbekistan.id
        assert highlighted(app)[-1] == uzbekistan
        assert roster.select_record(RecordRef("event", store.events[0].id)) is False
        assert roster.select_record(RecordRef("member", "member:atlantis")) is False
        assert roster.highlighted_member.id == uzbekistan.id
        # The chart marks the same row and the detail line prints its dates.
        assert app.query_one(MembershipChart).highlighted == uzbekistan.id
        detail = str(app.query_one("#roster-detail").render())
        assert "成员国 2006-06-23–2012-06-28" in detail and "已退出 2012-06-28–至今" in detail


async def test_language_switches_names_headings_and_glosses(store: Store) -> None:
    app = PaneApp(store, "roster")
    async with app.run_test(size=(100, 40)) as pilot:
        roster = app.query_one(Roster)
        members = app.query_one(MemberList)
        zh = "\n".join(screen_lines(members))
        assert "目前成員 (6)" in zh and "俄罗斯" in zh and "签署 2002年" in zh and "Russia" not in zh
        roster.language = "en"
        await pilot.pause()
        en = "\n".join(screen_lines(members))
        assert "Members (6)" in en and "Russia" in en and "signed 2002" in en and "俄罗斯" not in en
        # One language at a time: the table's words and dates in English (the inspector shows the source row).
        assert "charter ratified 14 May 2002" in en and "note founding member state" in en
        assert "military of Russia" in en and "创始成员国" not in en and "年" not in en
        chart = "\n".join(screen_lines(app.query_one("#roster-chart")))
        assert "Russia" in chart and "俄罗斯" not in chart
        assert "treaty party" in str(app.query_one("#roster-legend").render())


async def test_every_name_carries_its_provenance_mark_and_the_legend_explains_them(store: Store) -> None:
    app = PaneApp(store, "roster", "en")
    async with app.run_test(size=(120, 60)):
        text = "\n".join(screen_lines(app.query_one(MemberList)))
        assert f"{INFERRED_MARK} Russia" in text
        # Which former treaty row is Georgia rests on outside knowledge: marked, with the reasoning.
        assert f"{EXTERNAL_MARK} Georgia" in text and f"{EXTERNAL_MARK} from: outside knowledge" in text
        assert f"{EXTERNAL_MARK} Serbia" in text
        assert f"{EXTERNAL_MARK} from: English Wikipedia" in text  # an external name names its source
        legend = str(app.query_one("#roster-legend").render())
        assert f"{INFERRED_MARK} name inferred" in legend and f"{EXTERNAL_MARK} name from outside the article" in legend


async def test_the_chart_can_be_hidden_and_clicking_a_row_selects_it(store: Store) -> None:
    app = PaneApp(store, "roster", "en")
    async with app.run_test(size=(80, 30)) as pilot:
        chart = app.query_one("#roster-chart")
        await pilot.pause()
        await pilot.click(chart, offset=(2, 5))  # the fifth row, under the chart's top border: Kyrgyzstan
        await pilot.pause()
        assert highlighted(app)[-1] == RecordRef("member", "member:kyrgyzstan")
        legend = app.query_one("#roster-legend")
        await pilot.press("c")
        assert chart.display is False
        assert "treaty party" not in str(legend.render())  # the glyph legend goes with the chart
        await pilot.press("c")
        assert chart.display is True
        assert "treaty party" in str(legend.render())
