"""Real-terminal smoke test: csto-tui in a tmux pane, driven with send-keys, read with capture-pane."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from csto_tui.model import Store
from csto_tui.ui.text import readable

# CI installs tmux (scripts/test); a missing tmux is a failure there, not a skip.
TMUX = shutil.which("tmux")


class Pane:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        assert TMUX is not None, "tmux is required for this test (apt-get install tmux)"
        return subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=True).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "csto")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "csto", key)
            time.sleep(0.05)

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{screen}")


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    pane = Pane(f"csto-ui-{uuid.uuid4().hex[:8]}")
    exit_file = tmp_path / "exit-code"
    env = f"env XDG_STATE_HOME={tmp_path / 'state'} TERM=xterm-256color LANG=C.UTF-8"
    command = f"{env} {sys.executable} -m csto_tui; echo $? > {exit_file}; sleep 30"
    pane.tmux("-f", os.devnull, "new-session", "-d", "-s", "csto", "-x", "100", "-y", "30", command)
    pane.exit_file = exit_file  # type: ignore[attr-defined]
    try:
        yield pane
    finally:
        subprocess.run([TMUX or "tmux", "-L", pane.socket, "kill-server"], capture_output=True)


def test_app_in_tmux_shows_real_content_follows_a_link_and_quits(pane: Pane, store: Store) -> None:
    first = store.events[0]
    marker = readable(first.source_text)[:6]
    screen = pane.wait_for(lambda s: marker in s and "Timeline" in s, "the first event")
    assert "2 Timeline" in screen and "4 Inspector" in screen  # 100 columns: the narrow layout's pane bar

    cited = next(i for i, e in enumerate(store.events) if e.refs)
    pane.keys(*(["j"] * cited), "Enter")  # follow the first footnote of the first cited event
    n = store.events[cited].refs[0]
    screen = pane.wait_for(lambda s: f"Citation [{n}]" in s, f"citation [{n}] in the inspector")
    assert "Cited by" in screen

    pane.keys("[")  # back to the event
    pane.wait_for(lambda s: store.events[cited].date in s and "Citation [" not in s, "the event again")

    pane.keys("L")  # English everywhere
    pane.wait_for(lambda s: store.events[0].summary_en[:10] in s, "the English summary")

    pane.keys("q")
    exit_file: Path = pane.exit_file  # type: ignore[attr-defined]
    deadline = time.monotonic() + 10
    while not exit_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert exit_file.read_text().strip() == "0"
