"""Marks, notes, the reading list and export, driven through the real app with Pilot (and two snapshots)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, RadioSet, TextArea

from csto_tui.model import RecordRef, Store
from csto_tui.notes.book import Notebook
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.export_dialog import CHOICES, ExportDialog
from csto_tui.ui.screens.main import MainScreen
from csto_tui.ui.screens.note_dialog import NoteDialog
from csto_tui.ui.screens.reading_list import ReadingList
from csto_tui.ui.widgets.record_list import RecordList

from .screen_text import widget_lines


def _main(pilot: Pilot[None]) -> MainScreen:
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def _wait(pilot: Pilot[None], condition: object, what: str) -> None:
    for _ in range(200):
        if callable(condition) and condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv("CSTO_TUI_SERVED", raising=False)
    return home


async def test_m_marks_in_every_pane_and_the_reading_list_reorders_removes_and_jumps(
    store: Store, data_home: Path
) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = _main(pilot)
        await pilot.pause()
        marked: list[RecordRef] = []
        for keys in (["2"], ["j", "j"], ["3", "j", "j"], ["1", "j"], ["2", "g", "enter"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert screen.current is not None
            marked.append(screen.current)
            await pilot.press("m")
            await pilot.pause()
        assert [r.kind for r in marked] == ["event", "event", "phase", "member", "citation"]
        assert [m.ref for m in Notebook.open_default().marks()] == marked  # saved, in the order marked
        assert screen.timeline.marked == frozenset(marked) == screen.inspector._marked

        await pilot.press("M")
        await _wait(pilot, lambda: isinstance(app.screen, ReadingList), "the reading list")
        listing = app.screen.query_one(RecordList)
        assert listing.option_count == 5 and listing.highlighted_record == marked[0]
        await pilot.press("J")  # the first goes down one place
        await pilot.pause()
        assert [m.ref for m in Notebook.open_default().marks()][:2] == [marked[1], marked[0]]
        await pilot.press("G", "d")  # the last (the citation) leaves the list
        await pilot.pause()
        assert listing.option_count == 4 and marked[4] not in Notebook.open_default().marked()
        await pilot.press("g", "enter")  # jump to the first: the second event marked
        await _wait(pilot, lambda: app.screen is screen, "the main screen")
        assert screen.current == marked[1]
        assert screen.inspector._marked == frozenset(marked[:4])


async def test_a_writes_a_note_shown_in_the_inspector_and_the_reading_list(store: Store, data_home: Path) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = _main(pilot)
        await pilot.pause()
        ref = screen.current
        assert ref is not None
        await pilot.press("a")
        await _wait(pilot, lambda: isinstance(app.screen, NoteDialog), "the note dialog")
        app.screen.query_one(TextArea).insert("比较路透社 | <b>[bold]</b>")
        await pilot.press("ctrl+s")
        await _wait(pilot, lambda: app.screen is screen, "the main screen")
        assert Notebook.open_default().note(ref) == "比较路透社 | <b>[bold]</b>"
        shown = "\n".join(block.text.plain for block in screen.inspector._blocks)
        assert "Your note (a edits): 比较路透社 | <b>[bold]</b>" in shown  # data, never markup
        await pilot.press("escape")
        await pilot.press("a")
        await _wait(pilot, lambda: isinstance(app.screen, NoteDialog), "the note dialog")
        await pilot.press("escape")  # cancelling changes nothing
        await _wait(pilot, lambda: app.screen is screen, "the main screen")
        assert Notebook.open_default().note(ref) == "比较路透社 | <b>[bold]</b>"


async def test_export_writes_the_file_copies_the_same_text_and_refuses_to_overwrite_unasked(
    store: Store, data_home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "events.csv"
    target.write_text("keep me\n")
    app = CstoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = _main(pilot)
        await pilot.pause()
        for _ in range(3):
            await pilot.press("m", "j")
        await pilot.press("E")
        await _wait(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        dialog = app.screen
        dialog.query_one(OptionList).highlighted = CHOICES.index(("table", "csv"))
        path_input = dialog.query_one("#export-path", Input)
        path_input.value = str(target)
        path_input.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and target.read_text() == "keep me\n"  # refused: asks first
        await pilot.press("enter")  # the same path again: replace it
        await _wait(pilot, lambda: app.screen is screen, "the main screen")
        await _wait(pilot, lambda: app.clipboard, "the clipboard")
        text = target.read_text()
        assert app.clipboard == text.rstrip("\n")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["id"] for r in rows] == [e.id for e in store.events[:3]]
        await _wait(pilot, lambda: any("Saved to" in n.message for n in app._notifications), "the notification")
        message = next(n.message for n in app._notifications if "Saved to" in n.message)
        assert f"Saved to {target}" in message and "Copied 3 events of the reading list as CSV" in message


async def test_the_timeline_export_takes_exactly_the_rows_the_timeline_shows(store: Store, data_home: Path) -> None:
    from csto_tui.ui.widgets.timeline import Filters

    app = CstoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = _main(pilot)
        await pilot.pause()
        screen.timeline.set_filters(Filters(year_from=2009, year_to=2010, actor="country:belarus"))
        await pilot.pause()
        shown = [e.id for e in screen.timeline.shown_events]
        assert 0 < len(shown) < len(store.events)
        await pilot.press("E")
        await _wait(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        dialog = app.screen
        assert "(" + str(len(shown)) + " events)" in str(dialog.query_one("#scope-timeline").label)
        dialog.query_one("#scope-timeline").value = True
        dialog.query_one(OptionList).highlighted = CHOICES.index(("table", "csv"))
        dialog.query_one("#export-path", Input).value = ""
        dialog.action_export()
        await _wait(pilot, lambda: app.clipboard, "the clipboard")
        assert [r["id"] for r in csv.DictReader(io.StringIO(app.clipboard))] == shown


async def test_served_sessions_export_to_the_clipboard_only(
    store: Store, data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSTO_TUI_SERVED", "ssh")
    app = CstoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await _wait(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        assert not app.screen.query("#export-path")
        app.screen.query_one(OptionList).highlighted = CHOICES.index(("bib", "bibtex"))
        await pilot.press("enter")  # the timeline, unfiltered: every footnote cited by an event
        await _wait(pilot, lambda: app.clipboard.startswith("%") or "@misc" in app.clipboard, "the BibTeX")
        assert "@misc{" in app.clipboard


async def _reading_list(pilot: Pilot[None]) -> None:
    await pilot.pause()
    screen = _main(pilot)
    for keys in (["2"], ["j", "j", "j", "j"], ["3", "j", "j", "j", "j", "j"], ["1"]):
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.press("m")
    screen.notebook.set_note(RecordRef("event", screen.store.events[4].id), "Compare with the Reuters report")
    screen.notebook.mark(RecordRef("event", "gone-from-this-build"))
    screen.app.clear_notifications()
    await pilot.press("M")
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def _export(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("2", "m", "j", "m", "f")  # marks, then the filter dialog closed at once
    await pilot.press("escape")
    _main(pilot).app.clear_notifications()
    await pilot.press("E")
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_reading_list_snapshot(snap_compare, store: Store, data_home: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(CstoApp(store), terminal_size=(100, 36), run_before=_reading_list)


def test_export_dialog_snapshot(snap_compare, store: Store, data_home: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(CstoApp(store), terminal_size=(80, 24), run_before=_export)


async def test_the_export_scope_shows_its_choice_without_colour(
    store: Store, data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = CstoApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "m")  # one mark: the reading list is the scope chosen first
        await pilot.press("E")
        await _wait(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        await pilot.pause()
        assert app.no_color

        def chosen() -> list[str]:
            """The scope lines the screen text marks as chosen: a dot between the brackets."""
            lines = widget_lines(app, app.screen.query_one(RadioSet))
            scopes = [line for line in lines if "▐" in line]
            assert len(scopes) == 2, lines
            return [line.split("▌", 1)[1].strip() for line in scopes if "▐●▌" in line]

        assert chosen() == ["Reading list (1 record)"]  # one mark: the singular
        await pilot.click("#scope-timeline")
        await pilot.pause()
        assert len(chosen()) == 1 and chosen()[0].startswith("Timeline")
