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


async def test_each_item_posts_its_kind_and_id_in_order(store: Store) -> None:
    case = store.case_files[0]
    expected = [
        *(RecordRef("phase", p.id) for p in case.phases),
        *(RecordRef("actor", a.id) for a in case.actors),
        *(RecordRef("quote", q.id) for q in case.quotes),
        RecordRef("outcome", case.id),  # the outcome's id is the case file's
    ]
    assert [p.date for p in case.phases] == sorted(p.date for p in case.phases)
    app = PaneApp(store, "case")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press(*["j"] * len(expected))
        await pilot.pause()
    # Down from the last item wraps to the first.
    assert highlighted(app) == [*expected, expected[0]]


async def test_enter_on_a_phase_or_quote_opens_its_event(store: Store) -> None:
    case = store.case_files[0]
    app = PaneApp(store, "case")
    async with app.run_test(size=(80, 30)) as pilot:
        pane = app.query_one(CaseFilePane)
        await pilot.press("j", "enter")  # the second phase opens its first event
        assert pane.select_record(RecordRef("quote", "kyrgyzstan-2010:q-lukashenko-silent"))
        await pilot.press("enter")
        await pilot.pause()
        assert opened(app) == [
            RecordRef("event", case.phases[1].events[0]),
            RecordRef("event", "kg-lukashenko-doubts-csto"),
        ]
        assert all(store.event(ref.id) is not None for ref in opened(app))


async def test_enter_is_hidden_where_there_is_no_event(store: Store) -> None:
    app = PaneApp(store, "case")
    async with app.run_test(size=(80, 30)) as pilot:
        pane = app.query_one(CaseFilePane)
        assert enter_shown(app)  # a phase
        for ref in (
            RecordRef("actor", "kyrgyzstan-2010:lukashenko"),
            RecordRef("quote", "kyrgyzstan-2010:q-lukashenko-economy"),  # a quote tied to no event
            RecordRef("outcome", "kyrgyzstan-2010"),
        ):
            assert pane.select_record(ref)
            await pilot.pause()
            assert not enter_shown(app), ref
            if ref.kind == "quote":  # says so on screen
                assert "卢卡申科 (无对应事件)" in "\n".join(screen_lines(app.query_one(CaseFileList)))
            await pilot.press("enter")
        await pilot.pause()
        assert opened(app) == []


async def test_select_record_takes_only_case_file_records(store: Store) -> None:
    app = PaneApp(store, "case")
    async with app.run_test(size=(80, 30)) as pilot:
        pane = app.query_one(CaseFilePane)
        outcome = RecordRef("outcome", "kyrgyzstan-2010")
        assert pane.select_record(outcome)
        await pilot.pause()
        assert app.query_one(CaseFileList).highlighted_record == outcome
        assert highlighted(app)[-1] == outcome
        assert not pane.select_record(RecordRef("member", "member:russia"))
        assert not pane.select_record(RecordRef("event", "kg-bakiyev-ousted"))
        assert not pane.select_record(RecordRef("phase", "phase:none"))


async def test_language_switches_between_source_text_and_gloss(store: Store) -> None:
    app = PaneApp(store, "case")
    async with app.run_test(size=(120, 80)) as pilot:
        pane = app.query_one(CaseFilePane)
        items = app.query_one(CaseFileList)
        await pilot.pause()
        zh = "\n".join(screen_lines(items))
        assert "「如果我们的一个成员国发生流血事件" in zh
        assert "亚历山大·卢卡申科 · 白俄罗斯 · President of Belarus" in zh and "Alexander" not in zh
        assert "2010-07-21" in zh and "[21][20]" in zh
        assert "阶段 (7)" in zh
        # Wiki links show as their label, not as Markdown.
        assert "为什么我们人民要在哈萨克斯坦打仗？" in zh and "../Page" not in zh
        pane.select_record(RecordRef("quote", "kyrgyzstan-2010:q-otunbayeva-police"))
        pane.language = "en"
        await pilot.pause()
        en = "\n".join(screen_lines(items))
        assert "“If there is bloodshed in one of our member states" in en
        assert "Alexander Lukashenko · Belarus · President of Belarus" in en
        assert "2010-07-21  Otunbayeva asks for a CSTO police force" in en
        assert "Phases (7)" in en and "流血" not in en
        assert "The Kyrgyz conflict (2010)" in str(app.query_one("#case-title").render())
        # The cursor stays on its record across the switch.
        assert items.highlighted_record == RecordRef("quote", "kyrgyzstan-2010:q-otunbayeva-police")


async def test_english_wraps_at_word_boundaries_when_narrow(store: Store) -> None:
    app = PaneApp(store, "case", "en")
    async with app.run_test(size=(34, 24)) as pilot:
        quote = store.case_files[0].quotes[0]
        app.query_one(CaseFilePane).select_record(RecordRef("quote", quote.id))
        await pilot.pause()
        items = app.query_one(CaseFileList)
        lines = [line.strip() for line in screen_lines(items)]
        words = {word for line in lines for word in line.split()}
        gloss = quote.gloss_en
        for word in gloss.split():
            assert word.strip("“”") in {w.strip("“”") for w in words}, word
        assert all(len(line) <= 34 for line in lines)
