"""Every way of reaching a row, then ``y``, in a real tmux: the paste buffer holds exactly what
``csto-tui cite --record`` prints for the row the cursor is on (issue 10).

Where keys are sent in one ``send-keys`` call they reach the app in one write, as over a laggy link.
"""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from csto_tui.model import Event, RecordRef, Store
from csto_tui.paths import shipped_store
from tests.e2e_copy.harness import CSTO_TUI, Tmux, wait_for

WIDTH, HEIGHT = 140, 40


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(shipped_store())


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    server = Tmux(WIDTH, HEIGHT)
    server.start(_app(tmp_path))
    server.wait_screen("Footnotes")  # the inspector has caught up: the app is reading keys
    yield server
    server.close()


def _app(tmp_path: Path) -> str:
    # Fresh preferences and notes: the app opens on the timeline's first event.
    env = f"XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} XDG_DATA_HOME={shlex.quote(str(tmp_path / 'data'))}"
    return f"env {env} {shlex.quote(CSTO_TUI)}"


def cite(ref: RecordRef) -> bytes:
    """What ``csto-tui cite --record`` prints for ``ref``, without the newline it adds after the payload."""
    result = subprocess.run([CSTO_TUI, "cite", "--record", f"{ref.kind}:{ref.id}"], capture_output=True, check=True)
    assert result.stdout.endswith(b"\n")
    return result.stdout[:-1]


def event(e: Event) -> RecordRef:
    return RecordRef("event", e.id)


def first_in_year(store: Store, year: int) -> Event:
    """The first event of ``year`` or, if it has none, of the next year that has one (a year jump)."""
    return next(e for e in store.events if e.year >= year)


def copied(tmux: Tmux, ref: RecordRef) -> bytes:
    expected = cite(ref)
    tmux.wait_buffer(expected)
    return expected


def test_search_then_enter_and_y_in_one_write(tmux: Tmux, store: Store) -> None:
    yerevan = next(e for e in store.events if "埃里温" in e.source_text)
    assert yerevan.refs == (30,)
    tmux.keys("/", "埃里温", "Enter", "y")  # one write: y must reach the timeline, not the search box
    text = copied(tmux, event(yerevan))
    assert text.startswith(b"Russian-led bloc undecided on aid for Kyrgyzstan")
    assert "/埃里温y" not in tmux.screen()


def test_next_and_previous_match(tmux: Tmux, store: Store) -> None:
    matches = [e for e in store.events if "bordyuzha" in e.summary_en.lower()]
    assert len(matches) >= 3
    tmux.keys("/", "bordyuzha", "Enter", "n", "n", "N", "y")  # first, third, second match
    copied(tmux, event(matches[1]))


def test_year_jumps(tmux: Tmux, store: Store) -> None:
    years = sorted({e.year for e in store.events})
    target = first_in_year(store, years[5])
    assert target.refs  # 2005: [21]
    tmux.keys("}", "}", "}", "}", "}", "}", "{", "y")  # 1992 -> six years on -> one back
    copied(tmux, event(target))


def test_density_strip(tmux: Tmux, store: Store) -> None:
    tmux.keys("d")
    tmux.wait_screen("Jump to year")  # the strip has focus: its keys are in the key bar
    tmux.keys(*["l"] * 13, "Enter", "y")  # 1992 + 13 = 2005
    target = first_in_year(store, 2005)
    assert target.refs
    copied(tmux, event(target))


def test_filter_dialog_and_clear(tmux: Tmux, store: Store) -> None:
    tmux.keys("f")
    tmux.wait_screen("Filter the timeline")
    tmux.keys("2010", "Enter")  # Enter in a year box applies the dialog
    tmux.wait_screen("2010–…")  # the pane's title names the filter
    tmux.keys("j", "y")
    second_of_2010 = [e for e in store.events if e.year == 2010][1]
    copied(tmux, event(second_of_2010))
    tmux.keys("x", "j", "y")  # clearing keeps the cursor on its event; j moves on from there
    following = store.events[store.events.index(second_of_2010) + 1]
    copied(tmux, event(following))


def test_palette_jump(tmux: Tmux, store: Store) -> None:
    tmux.keys("C-p")
    tmux.wait_screen("Search for commands")
    tmux.keys("Year 2010")
    tmux.wait_screen("Year 2010")
    tmux.keys("Enter")
    tmux.wait_screen("2010: ")  # the density strip's label follows the cursor's year
    tmux.keys("y")
    copied(tmux, event(first_in_year(store, 2010)))


def test_follow_back_and_forward(tmux: Tmux, store: Store) -> None:
    first = store.events[0]
    tmux.keys("Enter")  # the event's first footnote, in the inspector
    tmux.wait_screen("Cited by")
    tmux.keys("y")
    copied(tmux, RecordRef("citation", str(first.refs[0])))
    tmux.keys("[", "y")
    copied(tmux, event(first))
    tmux.keys("]", "y")
    copied(tmux, RecordRef("citation", str(first.refs[0])))


def test_restart_restores_the_record(tmux: Tmux, store: Store, tmp_path: Path) -> None:
    target = next(e for e in store.events if 28 in e.refs)
    tmux.keys("-N", str(store.events.index(target)), "j")
    tmux.wait_screen(f"Event · {target.date}")  # the inspector's title
    tmux.keys("q")
    tmux.wait_exited()  # the app has quit and saved its place
    tmux.start(_app(tmp_path))
    # The old app left the alternate screen on exit, so the title is the new app's: the restored record.
    title = f"Event · {target.date}"
    wait_for(lambda: title in tmux.screen(), 15.0, "the restored record")
    tmux.keys("y")
    copied(tmux, event(target))
