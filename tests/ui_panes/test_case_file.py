"""The case file by keys: every item announces itself, Enter follows a phase or quote to its event."""

from __future__ import annotations

from csto_tui.model import RecordRef, Store
from csto_tui.ui.messages import OpenRecord, RecordHighlighted
from csto_tui.ui.widgets.case_file import CaseFileList, CaseFilePane
from ui_panes.conftest import screen_lines
from ui_panes.pane_app import PaneApp


def highlighted(app: PaneApp) -> list[RecordRef]:
    return [m.ref for m in app.messages if isinstance(m, RecordHighlighted)]


def opened(app: PaneApp) -> list[RecordRef]:
    return [m.ref for m in app.messages if isinstance(m, OpenRecord)]


def enter_shown(app: PaneApp) -> bool:
    return any(b.binding.key == "enter" and b.enabled for b in app.screen.active_bindings.values())


async def test_each_item_posts_its_kind_and_id(store: Store) -> None:
    app = PaneApp(store, "case")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press(*["j"] * 7)
        await pilot.pause()
    assert highlighted(app) == [
        RecordRef("phase", "phase:ouster"),
        RecordRef("phase", "phase:police"),
        RecordRef("actor", "actor:lukashenko"),
        RecordRef("actor", "actor:otunbayeva"),
        RecordRef("quote", "quote:lukashenko-silent"),
        RecordRef("quote", "quote:otunbayeva-police"),
        RecordRef("outcome", "case:kyrgyz-2010"),  # the outcome's id is the case file's
        RecordRef("phase", "phase:ouster"),  # down from the last item wraps to the first
    ]


async def test_enter_on_a_phase_or_quote_opens_its_event(store: Store) -> None:
    app = PaneApp(store, "case")
    async with app.run_test(size=(80, 30)) as pilot:
        pane = app.query_one(CaseFilePane)
        await pilot.press("j", "enter")  # the second phase: its first event
        assert pane.select_record(RecordRef("quote", "quote:lukashenko-silent"))
        await pilot.press("enter")
        await pilot.pause()
        assert opened(app) == [
            RecordRef("event", "event:2010-07-21-police"),
            RecordRef("event", "event:2010-04-ouster"),
        ]


async def test_enter_is_hidden_where_there_is_no_event(store: Store) -> None:
    app = PaneApp(store, "case")
    async with app.run_test(size=(80, 30)) as pilot:
        pane = app.query_one(CaseFilePane)
        assert enter_shown(app)  # a phase
        for ref in (
            RecordRef("actor", "actor:lukashenko"),
            RecordRef("quote", "quote:otunbayeva-police"),  # a quote the article ties to no event
            RecordRef("outcome", "case:kyrgyz-2010"),
        ):
            assert pane.select_record(ref)
            await pilot.pause()
            assert not enter_shown(app), ref
            await pilot.press("enter")
        await pilot.pause()
        assert opened(app) == []
        assert "(无对应事件)" in "\n".join(screen_lines(app.query_one(CaseFileList)))


async def test_select_record_takes_only_case_file_records(store: Store) -> None:
    app = PaneApp(store, "case")
    async with app.run_test(size=(80, 30)) as pilot:
        pane = app.query_one(CaseFilePane)
        assert pane.select_record(RecordRef("outcome", "case:kyrgyz-2010"))
        await pilot.pause()
        assert app.query_one(CaseFileList).highlighted_record == RecordRef("outcome", "case:kyrgyz-2010")
        assert highlighted(app)[-1] == RecordRef("outcome", "case:kyrgyz-2010")
        assert not pane.select_record(RecordRef("member", "member:russia"))
        assert not pane.select_record(RecordRef("event", "event:2010-04-ouster"))
        assert not pane.select_record(RecordRef("phase", "phase:none"))


async def test_language_switches_between_source_text_and_gloss(store: Store) -> None:
    app = PaneApp(store, "case")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(CaseFilePane)
        items = app.query_one(CaseFileList)
        zh = "\n".join(screen_lines(items))
        assert "「如果我们的一个成员国发生流血事件" in zh
        assert "亚历山大·卢卡申科" in zh and "Lukashenko" not in zh
        assert "2010-07-21" in zh and "[24][28]" in zh
        assert "阶段 (2)" in zh
        pane.select_record(RecordRef("quote", "quote:otunbayeva-police"))
        pane.language = "en"
        await pilot.pause()
        en = "\n".join(screen_lines(items))
        assert "“If bloodshed and an unconstitutional coup" in en
        assert "Alexander Lukashenko · Belarus · President of Belarus" in en
        assert "2010-07-21  Call for a CSTO police force" in en
        assert "Phases (2)" in en and "流血" not in en
        assert "The 2010 Kyrgyz crisis" in str(app.query_one("#case-title").render())
        # The cursor stays on its record across the switch.
        assert items.highlighted_record == RecordRef("quote", "quote:otunbayeva-police")


async def test_english_wraps_at_word_boundaries_when_narrow(store: Store) -> None:
    app = PaneApp(store, "case", "en")
    async with app.run_test(size=(34, 60)):
        lines = [line.strip() for line in screen_lines(app.query_one(CaseFileList))]
        words = {word for line in lines for word in line.split()}
        gloss = store.case_files[0].quotes[0].gloss_en
        for word in gloss.split():
            assert word.strip("“”") in {w.strip("“”") for w in words}, word
        assert all(len(line) <= 34 for line in lines)
