"""Passage footnotes and records with no footnote, as the timeline row, the inspector and the help show them."""

from __future__ import annotations

import io

from rich.console import Console
from textual.pilot import Pilot

from csto_tui.model import RecordRef, Store
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.help import HelpScreen
from csto_tui.ui.screens.main import MainScreen
from csto_tui.ui.widgets.case_file import CaseFileList
from csto_tui.ui.widgets.inspector import Inspector
from csto_tui.ui.widgets.record_list import record_of
from csto_tui.ui.widgets.timeline import Timeline
from csto_tui.wikitext import readable

SIZE = (120, 40)
PASSAGE = RecordRef("event", "lead-uzbekistan-suspended")  # [3] sits after the next sentence
SITS_AFTER = "成员国不加入其他军事联盟或其他国家集团，"


async def _open(app: CstoApp, pilot: Pilot[None], ref: RecordRef) -> MainScreen:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen) and screen.open(ref)
    await pilot.pause()
    return screen


def _cursor_row(timeline: Timeline) -> str:
    return timeline.render_line(timeline.cursor - timeline.scroll_offset.y).text.rstrip()


def _inspector_text(screen: MainScreen) -> str:
    """The inspector's text with every space and line break dropped (wrapping moves them)."""
    inspector = screen.query_one(Inspector)
    return "".join("".join(inspector.render_line(y).text.split()) for y in range(inspector.size.height))


def _squeezed(text: str) -> str:
    return "".join(text.split())


async def test_every_timeline_row_marks_a_passage_footnote(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, PASSAGE)
        timeline = screen.query_one(Timeline)
        for event in store.events:
            assert timeline.select_record(RecordRef("event", event.id))
            await pilot.pause()
            row = _cursor_row(timeline)
            refs = "".join(f"[{n}]" for n in event.refs)
            if event.ref_scope == "passage":
                assert row.endswith(f"¶{refs}"), (event.id, row)
            elif event.refs:
                assert row.endswith(refs) and not row.endswith(f"¶{refs}"), (event.id, row)
            else:
                assert not row.endswith("]"), (event.id, row)


async def test_the_inspector_says_where_a_passage_footnote_sits(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(120, 60)) as pilot:
        screen = await _open(app, pilot, PASSAGE)
        await pilot.pause(0.2)
        flat = _inspector_text(screen)
        assert "¶[3]missing" in flat
        assert _squeezed("passage footnote: the article puts it after a later sentence of the paragraph") in flat
        assert _squeezed(f"It sits after: “{SITS_AFTER}”") in flat
        # Not "meant to support" that other sentence, as if it were all [3] backs.
        assert "meant to support" not in flat
        # A footnote that follows the event's own sentence shows no such line.
        sentence = next(e for e in store.events if e.refs and e.ref_scope == "sentence")
        assert screen.open(RecordRef("event", sentence.id))
        await pilot.pause(0.2)
        assert "passage footnote" not in _inspector_text(screen)


async def test_no_footnote_is_said_plainly(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, RecordRef("event", "lead-uzbekistan-leaves"))
        await pilot.pause(0.2)
        flat = _inspector_text(screen)
        assert _squeezed("This event has no footnote in the article. Y cites the article itself for it.") in flat
        assert screen.open(RecordRef("member", store.members[0].id))
        await pilot.pause(0.2)
        flat = _inspector_text(screen)
        assert _squeezed("This member row comes from the article's membership table, which has no footnotes.") in flat


async def test_the_help_legend_explains_the_mark(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, PASSAGE)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, file=io.StringIO(), record=True)
        console.print(app.screen.body)
        shown = " ".join(console.export_text().split())
        assert "¶[3] marks a passage footnote: the article puts [3] after a later sentence" in shown
        assert "No number: the article gives the event no footnote" in shown


async def test_the_case_file_marks_passage_footnotes(store: Store) -> None:
    case = store.case_files[0]
    scoped = [(RecordRef("actor", a.id), a.refs, a.ref_scope) for a in case.actors]
    scoped += [(RecordRef("quote", q.id), q.refs, q.ref_scope) for q in case.quotes]
    scoped.append((RecordRef("outcome", case.id), case.outcome_refs, case.outcome_ref_scope))
    assert any(scope == "passage" for _, _, scope in scoped)  # the actors Otunbayeva and Lukashenko, one quote
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, PASSAGE)
        options = screen.query_one(CaseFileList)
        prompts = {}
        for i in range(options.option_count):
            option = options.get_option_at_index(i)
            ref = record_of(option)
            if ref is not None:
                prompts[ref] = option.prompt
        for ref, refs, scope in scoped:
            shown = _plain(prompts[ref])
            numbers = "".join(f"[{n}]" for n in refs)
            assert shown.endswith(f"¶{numbers}" if scope == "passage" else f" {numbers}"), (ref, shown)


def _plain(prompt: object) -> str:
    """A prompt's text, as one line (an item is a Group of a head and an indented body)."""
    console = Console(width=500, file=io.StringIO(), record=True)
    console.print(prompt)
    return " ".join(console.export_text().split())


async def test_the_case_file_help_explains_the_mark(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, file=io.StringIO(), record=True)
        console.print(app.screen.body)
        assert "¶[24] marks a passage footnote" in " ".join(console.export_text().split())


async def test_a_quote_in_english_keeps_the_speakers_words_in_quotation_marks(store: Store) -> None:
    quote = store.case_files[0].quotes[0]
    app = CstoApp(store)
    async with app.run_test(size=(120, 60)) as pilot:
        screen = await _open(app, pilot, RecordRef("quote", quote.id))
        await pilot.press("L")
        await pilot.pause(0.2)
        assert screen.language == "en"
        flat = _inspector_text(screen)
        # The words in corner quotation marks, labelled as the source (one language at a time, issue 13).
        assert _squeezed(f"source: 「{readable(quote.source_text)}」") in flat
        assert _squeezed(f"English translation by csto-tui: {quote.gloss_en}") in flat
        assert _squeezed(f"“{quote.gloss_en}”") not in flat
