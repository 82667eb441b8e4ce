"""Odd terminals: sizes from 20x6 to 300x100 and live resizes, C locale, ASCII output, dumb TERM, NO_COLOR.

Pilot checks every pane at every size for exceptions and overlapping widgets; tmux runs the real
``csto-tui`` under each environment and under live resize-window, and reads the screen back.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widget import Widget

from csto_tui.model import Store
from csto_tui.paths import shipped_store
from csto_tui.ui.app import CstoApp

from .storegen import sha256, store_doc, write_store
from .tmuxrun import Tmux

SIZES = [(20, 6), (24, 8), (40, 12), (60, 20), (80, 24), (100, 30), (120, 40), (200, 60), (300, 100)]


def _overlaps(app: CstoApp) -> list[str]:
    """Visible widgets drawn over one another (scrollbars sit inside their widget by design)."""
    visible = app.screen._compositor.visible_widgets
    widgets = [w for w in visible if not type(w).__name__.startswith("ScrollBar")]
    found = []
    for a, b in itertools.combinations(widgets, 2):
        if a in b.ancestors or b in a.ancestors:
            continue
        ra, rb = (visible[w][0].intersection(visible[w][1]) for w in (a, b))
        if ra.area and rb.area and ra.overlaps(rb):
            found.append(f"{_name(a)} {ra} over {_name(b)} {rb}")
    return found


def _name(widget: Widget) -> str:
    return f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(tmp_path_factory.mktemp("terminals") / "store.json", store_doc(60))


@pytest.mark.slow
async def test_every_size_and_live_resizes(store_path: Path) -> None:
    app = CstoApp(Store.open(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        # Up through the sizes, then down again, as a window being dragged.
        for size in [*SIZES, *reversed(SIZES[:-1])]:
            await pilot.resize_terminal(*size)
            for key in ["1", "2", "down", "3", "4"]:
                await pilot.press(key)
                await pilot.pause()
                assert app.return_code is None
                overlaps = _overlaps(app)
                assert not overlaps, f"at {size} after {key!r}: {overlaps[:3]}"
        await pilot.press("q")
    assert app.return_code == 0


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    server = Tmux(Path("/tmp") / f"csto-rel-{uuid.uuid4().hex[:8]}.sock")
    try:
        yield server
    finally:
        server.kill()


ENVIRONMENTS = {
    "LANG=C": {"LANG": "C", "LC_ALL": "C"},
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    "TERM=dumb": {"TERM": "dumb"},
    "TERM=vt100": {"TERM": "vt100"},
    "TERM=screen": {"TERM": "screen"},
    "TERM=xterm": {"TERM": "xterm"},
    "NO_COLOR=1": {"NO_COLOR": "1"},
}


def test_environments_in_tmux(tmux: Tmux, tmp_path: Path) -> None:
    """Each environment in its own tmux session, all at once: usable, no traceback, a clean exit."""
    store = shipped_store()
    before = sha256(store)
    base = {"XDG_STATE_HOME": str(tmp_path / "state"), "TERM": "screen-256color", "LANG": "C.UTF-8"}
    names = {label: f"env{i}" for i, label in enumerate(ENVIRONMENTS)}
    for label, extra in ENVIRONMENTS.items():
        tmux.start(names[label], ["--db", str(store)], env={**base, **extra})
    for label, name in names.items():
        screen = tmux.wait_for(name, "Quit", timeout=30)
        # The Chinese text arrives as characters, never as \\uXXXX escapes (PYTHONIOENCODING=ascii).
        assert "\\u" not in screen and any("\u4e00" <= c <= "\u9fff" for c in screen), f"{label}:\n{screen}"
        # Timeline, a step down, the case file, the inspector, help and back, language switch.
        tmux.send(name, "2", "Down", "Down", "3", "Down", "4", "?")
        tmux.wait_for(name, "Help:")
        tmux.send(name, "Escape", "L", "1")
        screen = tmux.capture(name)
        assert "Traceback" not in screen and "Error" not in screen, f"{label}:\n{screen}"
        assert "Roster" in screen and "Timeline" in screen, f"{label}: panes not drawn:\n{screen}"
        tmux.send(name, "Escape", "q")
        screen = tmux.wait_for(name, "EXITED", timeout=30)
        assert "EXITED 0" in screen and "Traceback" not in screen, f"{label}:\n{screen}"
    assert sha256(store) == before


def test_live_resize_window_in_tmux(tmux: Tmux, tmp_path: Path, store_path: Path) -> None:
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "TERM": "screen-256color", "LANG": "C.UTF-8"}
    tmux.start("resize", ["--db", str(store_path)], env=env)
    tmux.wait_for("resize", "Quit")
    for cols, rows in [(20, 6), (300, 100), (40, 12), (132, 43), (24, 8), (200, 60), (20, 6), (80, 24)]:
        tmux.resize("resize", cols, rows)
        tmux.send("resize", "2", "Down", "4")
        assert tmux.display("resize", "#{pane_width}x#{pane_height}") == f"{cols}x{rows}"
        assert "Traceback" not in tmux.capture("resize")
    # Once it has caught up: the 80x24 narrow layout, whole, nothing left over from larger sizes.
    screen = tmux.wait_stable("resize")
    lines = screen.rstrip("\n").split("\n")
    assert lines[0].split() == ["1", "Roster", "2", "Timeline", "3", "Case", "file", "4", "Inspector"], screen
    assert len(lines) == 24 and "Quit" in lines[-1], screen
    assert "╭" not in screen and "╮" not in screen, f"boxes of the wide layout left behind:\n{screen}"
    tmux.send("resize", "q")
    assert "EXITED 0" in tmux.wait_for("resize", "EXITED")


def test_exported_size_does_not_pin_the_app(tmux: Tmux, tmp_path: Path, store_path: Path) -> None:
    """COLUMNS/LINES exported by a shell (or a test runner) must not override the real window size."""
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "TERM": "screen-256color", "COLUMNS": "80", "LINES": "24"}
    tmux.start("pinned", ["--db", str(store_path)], env=env, cols=130, rows=40)
    tmux.wait_for("pinned", "Quit")
    screen = tmux.wait_stable("pinned")
    # 130 columns: the wide layout, panes side by side in bordered boxes, no tab bar.
    assert "╭─ 1 Roster" in screen and "╭─ 4 Inspector" in screen, screen
    tmux.resize("pinned", 90, 30)
    tmux.wait_for("pinned", "1 Roster   2 Timeline")  # the narrow layout's tab bar
    screen = tmux.wait_stable("pinned")
    assert len(screen.splitlines()) <= 30
    tmux.send("pinned", "q")
    assert "EXITED 0" in tmux.wait_for("pinned", "EXITED")
