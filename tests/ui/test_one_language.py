"""One language at a time: in English mode no Chinese on screen unless labelled ``source:「…」``.

Walks every pane (scrolled through), the inspector on every record, the help of each pane, the filter
dialog, the palette, the copy picker and the reading list, at 80x24 and 120x40, counting Chinese characters outside
source labels per pane from what the compositor draws.
"""

from __future__ import annotations

from collections import Counter

import pytest
from textual.pilot import Pilot

from csto_tui.model import RecordRef, Store
from csto_tui.ui import gloss
from csto_tui.ui.app import CstoApp
from csto_tui.ui.gloss import ENGLISH, unlabelled_cjk
from csto_tui.ui.screens.main import PANES, MainScreen
from csto_tui.ui.screens.reading_list import ReadingList

from .screen_text import widget_lines

FRAME = " │┃╭╮╰╯─▁▂▃▄▅▆▇█▔▏▕"


def records(store: Store) -> list[RecordRef]:
    refs = [RecordRef("event", e.id) for e in store.events]
    refs += [RecordRef("member", m.id) for m in store.members]
    refs += [RecordRef("citation", str(c.n)) for c in store.citations]
    for case in store.case_files:
        refs += [RecordRef("phase", p.id) for p in case.phases]
        refs += [RecordRef("actor", a.id) for a in case.actors]
        refs += [RecordRef("quote", q.id) for q in case.quotes]
        refs.append(RecordRef("outcome", case.id))
    return refs


async def walk(app: CstoApp, pilot: Pilot[None], store: Store, lines_seen: list[str] | None = None) -> Counter[str]:
    """Unlabelled Chinese characters seen in each pane and screen, in English mode (and the lines holding them)."""
    seen: Counter[str] = Counter()
    screen = app.screen
    assert isinstance(screen, MainScreen)

    def count(where: str, lines: list[str]) -> None:
        # Frames and scrollbars off, so a label at the end of one line reads on into the next.
        lines = [line.strip(FRAME) for line in lines if not line.lstrip().startswith(("╭", "╰"))]
        found = unlabelled_cjk("\n".join(lines))
        seen[where] += found
        if found and lines_seen is not None:
            lines_seen.extend(f"{where}: {line}" for line in lines if unlabelled_cjk(line))

    def whole_screen() -> list[str]:
        """A dialog's own widgets, each read on its own (the panes behind it are read as panes)."""
        return [line for child in app.screen.children if child.display for line in widget_lines(app, child)]

    if screen.language != "en":
        await pilot.press("L")
    for name, _ in PANES[:3]:
        screen.focus_pane(name)
        await pilot.press("home")
        for _ in range(30):  # page through the whole pane
            await pilot.pause()
            count(name, widget_lines(app, screen.pane(name)))
            before = screen.current
            await pilot.press("pagedown")
            if screen.current == before:
                break
        await pilot.press("question_mark")
        await pilot.pause()
        count(f"help ({name})", whole_screen())
        await pilot.press("escape")
    inspector = screen.inspector
    screen.focus_pane("inspector")
    for ref in records(store):
        inspector.show(ref)
        for _ in range(10):
            await pilot.pause()
            count("inspector", widget_lines(app, inspector))
            if inspector.scroll_offset.y >= inspector.max_scroll_y:
                break
            inspector.scroll_to(y=inspector.scroll_offset.y + inspector.size.height, animate=False, immediate=True)
    screen.focus_pane("timeline")
    await pilot.press("f")
    await pilot.pause()
    count("filter dialog", whole_screen())
    await pilot.press("escape", "ctrl+p")
    await pilot.pause()
    for query in ("uzbek", "1992", "reuters"):
        await pilot.press(*query)
        await pilot.pause(0.3)
        count("palette", whole_screen())
        for _ in query:
            await pilot.press("backspace")
    await pilot.press("escape")
    for ref in (RecordRef("event", store.events[0].id), RecordRef("quote", store.case_files[0].quotes[0].id)):
        screen.open(ref)
        await pilot.press("Y")
        await pilot.pause()
        for _ in range(6):
            count("copy picker", whole_screen())
            await pilot.press("down")
            await pilot.pause()
        await pilot.press("escape")
    # The reading list of a record of each kind.
    for ref in (records(store)[0], RecordRef("member", store.members[0].id), RecordRef("citation", "1")):
        screen.open(ref)
        await pilot.press("m")
    screen.open(RecordRef("phase", store.case_files[0].phases[0].id))
    await pilot.press("m", "M")
    await pilot.pause()
    assert isinstance(app.screen, ReadingList)
    listed = "\n".join(whole_screen())
    assert "4 marked" in listed and "Background" in listed, listed
    count("reading list", whole_screen())
    await pilot.press("escape")
    return seen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_english_mode_shows_no_unlabelled_chinese(store: Store, size: tuple[int, int]) -> None:
    app = CstoApp(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines: list[str] = []
        seen = await walk(app, pilot, store, lines)
        assert not +seen, (dict(seen), sorted(set(lines))[:40])


async def test_chinese_mode_labels_what_exists_only_in_english(store: Store) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.language == "zh"
        case = store.case_files[0]
        text = "\n".join(widget_lines(app, screen.pane("case")))
        assert ENGLISH.strip() in text and case.summary_en.split()[0] in text
        screen.open(RecordRef("phase", case.phases[0].id))
        await pilot.pause()
        text = "\n".join(widget_lines(app, screen.inspector))
        assert ENGLISH.strip() in text


def test_table_cells_are_translated_word_for_word_or_labelled_as_source(store: Store) -> None:
    assert gloss.cell("宪章批准", "2002年5月14日", "Russia") == "14 May 2002"
    assert gloss.cell("宣布退出", "2012年6月28日退出", "Uzbekistan") == "withdrew 28 June 2012"
    assert gloss.cell("簽署", "未簽署", "Iran") == "not signed"
    assert gloss.cell("備註", "沒見過的話", "Iran") == "source: 「沒見過的話」"
    # Every cell of the shipped tables has its English.
    for member in store.members:
        for header, value in member.columns:
            if value.strip():
                assert gloss.SOURCE not in gloss.cell(header, value, "X"), (header, value)
                assert gloss.SOURCE not in gloss.header(header)
    assert gloss.unlabelled_cjk("a source: 「中文」 b 中") == 1
    assert gloss.unlabelled_cjk("行」 then source:\n「中") == 0  # a quote running in from above, one cut below
