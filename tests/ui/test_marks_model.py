"""Model-based test of marks and notes: whatever keys are pressed, every pane, the reading list and the file agree.

Hypothesis draws a sequence of actions (change pane, move, ``m``, a note through ``a``, a removal or move in
the reading list ``M``); the test keeps its own model (marked records in reading-list order, and notes) and,
after every action, checks the app against it: the marks each pane draws, the inspector's mark and note for
the record on show, the reading list's order, and the notebook as saved on disk.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import TextArea

from csto_tui.model import RecordRef, Store
from csto_tui.notes.book import Notebook
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.main import MainScreen
from csto_tui.ui.screens.note_dialog import NoteDialog
from csto_tui.ui.screens.reading_list import ReadingList
from csto_tui.ui.widgets.case_file import CaseFilePane
from csto_tui.ui.widgets.record_list import RecordList
from csto_tui.ui.widgets.roster import Roster

Action = tuple[str, str]
ACTIONS = st.one_of(
    st.tuples(st.just("pane"), st.sampled_from(["1", "2", "3", "4"])),
    st.tuples(st.just("move"), st.sampled_from(["j", "k", "j j j", "G", "g", "enter"])),
    st.tuples(st.just("mark"), st.just("m")),
    st.tuples(st.just("note"), st.sampled_from(["", "check Reuters", "比较 | [b]x[/b]"])),
    st.tuples(st.just("list"), st.sampled_from(["J", "K", "d", "s d", "escape"])),
)


class Model:
    def __init__(self) -> None:
        self.order: list[RecordRef] = []
        self.notes: dict[RecordRef, str] = {}


async def _wait(pilot: Pilot[None], condition: object) -> None:
    for _ in range(300):
        if callable(condition) and condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("condition never held")


async def _act(pilot: Pilot[None], screen: MainScreen, model: Model, action: Action) -> None:
    kind, arg = action
    app = pilot.app
    if kind in ("pane", "move"):
        await pilot.press(*arg.split())
        if app.screen is not screen:  # enter never opens a dialog, but stay safe
            await pilot.press("escape")
        return
    ref = screen.current
    if kind == "mark":
        await pilot.press("m")
        if ref is not None:
            if ref in model.order:
                model.order.remove(ref)
            else:
                model.order.append(ref)
        return
    if kind == "note":
        await pilot.press("a")
        if ref is None:
            return
        await _wait(pilot, lambda: isinstance(app.screen, NoteDialog))
        area = app.screen.query_one(TextArea)
        area.clear()
        area.insert(arg)
        await pilot.press("ctrl+s")
        await _wait(pilot, lambda: app.screen is screen)
        if arg.strip():
            model.notes[ref] = arg.strip()
        else:
            model.notes.pop(ref, None)
        return
    # The reading list: one key on its first entry (or, after s, on the first by date), then close it.
    await pilot.press("M")
    await _wait(pilot, lambda: isinstance(app.screen, ReadingList))
    dialog = app.screen
    assert isinstance(dialog, ReadingList)
    keys = arg.split()
    if keys[0] == "s":
        await pilot.press("s")
        keys = keys[1:]
    listing = dialog.query_one(RecordList)
    first = listing.highlighted_record
    if not dialog.by_date:
        assert [m.ref for m in dialog.ordered()] == model.order
    for key in keys:
        await pilot.press(key)
    if first is not None and not dialog.by_date:
        if keys == ["J"] and len(model.order) > 1:
            model.order[0], model.order[1] = model.order[1], model.order[0]
        if keys == ["d"]:
            model.order.remove(first)
    if first is not None and dialog.by_date and keys == ["d"]:
        model.order.remove(first)
    if app.screen is dialog:
        await pilot.press("escape")
    await _wait(pilot, lambda: app.screen is screen)


def _check(screen: MainScreen, model: Model, path: Path) -> None:
    expected = frozenset(model.order)
    assert screen.timeline.marked == expected
    assert screen.query_one(Roster).marked == expected
    assert screen.query_one(CaseFilePane).marked == expected
    assert screen.inspector._marked == expected and screen.inspector._notes == model.notes
    subject = screen.inspector.subject
    shown = "\n".join(block.text.plain for block in screen.inspector._blocks)
    if subject is not None:
        assert ("in your reading list" in shown) == (subject in expected)
        if subject in model.notes:
            assert f"Your note (a edits): {model.notes[subject]}" in shown
    saved = Notebook(path)
    assert [m.ref for m in saved.marks()] == model.order
    assert saved.notes() == model.notes


async def _scenario(store: Store, actions: list[Action], home: Path) -> None:
    app = CstoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await _wait(pilot, lambda: screen._notebook is not None)
        model = Model()
        for action in actions:
            await _act(pilot, screen, model, action)
            await pilot.pause()
            _check(screen, model, home / "csto-tui" / "notes.json")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(ACTIONS, min_size=4, max_size=14))
def test_marks_and_notes_agree_everywhere(
    store: Store, tmp_path_factory: pytest.TempPathFactory, actions: list[Action], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv("CSTO_TUI_SERVED", raising=False)
    asyncio.run(_scenario(store, actions, home))
