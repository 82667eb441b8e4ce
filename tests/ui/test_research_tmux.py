"""Marks made in a real terminal (tmux) are on disk when the app quits and back when it starts again."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

from csto_tui.model import RecordRef, Store
from csto_tui.notes.book import Notebook
from tests.ui.test_tmux import TMUX, Pane


def _start(pane: Pane, tmp_path: Path) -> None:
    env = f"env XDG_STATE_HOME={tmp_path / 'state'} XDG_DATA_HOME={tmp_path / 'data'} TERM=xterm-256color LANG=C.UTF-8"
    command = f"{env} {sys.executable} -m csto_tui; sleep 30"
    pane.tmux("-f", os.devnull, "new-session", "-d", "-s", "csto", "-x", "120", "-y", "40", command)


def _stop(pane: Pane) -> None:
    subprocess.run([TMUX or "tmux", "-L", pane.socket, "kill-server"], capture_output=True)


def test_marks_made_in_tmux_survive_a_restart(tmp_path: Path, store: Store) -> None:
    notes = tmp_path / "data" / "csto-tui" / "notes.json"
    first = Pane(f"csto-marks-{uuid.uuid4().hex[:8]}")
    try:
        _start(first, tmp_path)
        first.wait_for(lambda s: "Timeline" in s and "Inspector" in s, "the app")
        # Two events, all keys in one write as over a laggy link: m takes the row the cursor is on by then.
        dates = [e.date for e in store.events]
        target = next(i for i in range(1, len(dates)) if dates.count(dates[i]) == 1)
        first.tmux("send-keys", "-t", "csto", "2", "m", *["j"] * target, "m")
        first.wait_for(lambda s: len(Notebook(notes).marks()) == 2, "the second mark on disk")
        first.keys("q")
        first.wait_for(lambda s: "Timeline" not in s, "the app to quit")
    finally:
        _stop(first)
    marked = [m.ref for m in Notebook(notes).marks()]
    assert marked == [RecordRef("event", store.events[0].id), RecordRef("event", store.events[target].id)]

    second = Pane(f"csto-marks-{uuid.uuid4().hex[:8]}")
    try:
        _start(second, tmp_path)
        second.wait_for(lambda s: "Timeline" in s, "the app again")
        second.keys("M")
        screen = second.wait_for(lambda s: "2 marked, in the order marked" in s, "the reading list")
        assert dates[target] in screen
        rows = [line for line in second.screen().splitlines() if "✓" in line]
        assert rows  # the timeline behind the dialog shows the marks too
    finally:
        _stop(second)
