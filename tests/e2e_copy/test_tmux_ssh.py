"""End to end: csto-tui in a real tmux (set-clipboard on), locally and through a real sshd on loopback.

Keys select an event and copy its citation; the text must land in tmux's paste buffer byte for byte.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from csto_tui.cite.selection import article, selection
from csto_tui.model import RecordRef, Store
from csto_tui.paths import shipped_store
from tests.e2e_copy.harness import CSTO_TUI, SCREEN, Sshd, Tmux, wait_for

CITED = 28  # Itar-Tass: a query-string URL
WIDTH, HEIGHT = 140, 60  # side by side, tall enough that the inspector shows the highlighted event's footnote


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(shipped_store())


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux(WIDTH, HEIGHT)
    yield server
    server.close()


@pytest.fixture
def tmux_screen_term() -> Iterator[Tmux]:
    # TERM=screen, as older tmux set it and as OpenSSH forwards it: the app adds GNU screen DCS chunks.
    server = Tmux(WIDTH, HEIGHT, default_terminal="screen")
    yield server
    server.close()


@pytest.fixture
def tmux_outer() -> Iterator[Tmux]:
    server = Tmux(WIDTH, HEIGHT)
    yield server
    server.close()


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Sshd]:
    server = Sshd(tmp_path / "ssh")
    yield server
    server.close()


def _event_index(store: Store, n: int) -> tuple[int, RecordRef]:
    index, event = next((i, e) for i, e in enumerate(store.events) if n in e.refs)
    return index, RecordRef("event", event.id)


def _app_command(state: Path) -> str:
    # Fresh preferences, so the app opens on the timeline's first event.
    return f"env XDG_STATE_HOME={shlex.quote(str(state))} {shlex.quote(CSTO_TUI)}"


def _copy_event_and_quote(tmux: Tmux, store: Store) -> None:
    index, ref = _event_index(store, CITED)
    chosen = selection(store, ref)
    assert chosen is not None
    tmux.wait_screen("Timeline")
    tmux.keys("-N", str(index), "j")
    # Wide layout: the inspector shows the highlighted event's citation once the keys are through.
    citation = chosen.citations[0]
    assert citation.title
    tmux.wait_screen(f"[{citation.n}] {citation.title[:20]}")
    tmux.keys("y")
    plain = chosen.render("plain", article=article(store))
    tmux.wait_buffer(plain.encode("utf-8"))
    assert "?NewsID=15337729&PageNum=0" in plain
    # Y: the picker; the last format is the quote (CJK source sentence, then its reference).
    tmux.keys("Y")
    tmux.wait_screen("Quote with citation")
    tmux.keys("G", "Enter")  # single bytes: an escape sequence could be split on its way
    quote = chosen.render("quote", language="zh", article=article(store))
    tmux.wait_buffer(quote.encode("utf-8"))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in quote)


def test_copy_in_tmux(tmux: Tmux, store: Store, tmp_path: Path) -> None:
    tmux.start(_app_command(tmp_path / "state"))
    _copy_event_and_quote(tmux, store)
    # Exactly one paste buffer per copy: the passthrough copy never adds a second one.
    assert len(tmux.buffers()) == 2


def test_copy_over_ssh(tmux_screen_term: Tmux, sshd: Sshd, store: Store, tmp_path: Path) -> None:
    tmux_screen_term.start(sshd.ssh_command(_app_command(tmp_path / "remote-state")))
    _copy_event_and_quote(tmux_screen_term, store)
    assert len(tmux_screen_term.buffers()) == 2


@pytest.fixture
def screen_dir(tmp_path: Path) -> Iterator[Path]:
    """A private GNU screen socket directory; the session in it is ended after the test.

    Closing tmux hangs up screen's client only: screen's own server detaches and would keep the
    session, and the app in it, running after the test.
    """
    sockets = tmp_path / "screen"
    sockets.mkdir(mode=0o700)
    yield sockets
    env = {**os.environ, "SCREENDIR": str(sockets)}
    subprocess.run([SCREEN or "screen", "-S", "csto-e2e", "-X", "quit"], env=env, capture_output=True, check=False)
    wait_for(lambda: not any(sockets.iterdir()), 15, "the GNU screen session to end")


def test_copy_in_gnu_screen_inside_tmux(tmux_outer: Tmux, screen_dir: Path, store: Store, tmp_path: Path) -> None:
    # GNU screen drops a plain OSC 52; the DCS chunks get through it to tmux.
    assert SCREEN, "GNU screen is required (scripts/test installs it with apt)"
    screen = f"env -u TMUX SCREENDIR={shlex.quote(str(screen_dir))} {shlex.quote(SCREEN)} -q -S csto-e2e -c /dev/null"
    tmux_outer.start(f"{screen} {_app_command(tmp_path / 'state')}")
    _copy_event_and_quote(tmux_outer, store)
    assert len(tmux_outer.buffers()) == 2
