"""End to end in a real tmux: a passage footnote's copy and a footnote-less event's article citation land in
tmux's paste buffer byte for byte as ``csto-tui cite --record`` prints them."""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from csto_tui.model import Store
from csto_tui.paths import shipped_store
from tests.e2e_copy.harness import CSTO_TUI, Tmux

WIDTH, HEIGHT = 140, 60
PASSAGE = "lead-uzbekistan-suspended"  # 集安组织于2012年暂停乌兹别克斯坦成员资格: [3] sits a sentence later
NO_FOOTNOTE = "lead-uzbekistan-leaves"  # 但于2012年退出: no footnote


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux(WIDTH, HEIGHT)
    yield server
    server.close()


def _cite(*args: str) -> bytes:
    """What the CLI prints, without the newline it adds after the payload."""
    result = subprocess.run([CSTO_TUI, "cite", *args], capture_output=True, check=True)
    assert result.stdout.endswith(b"\n")
    return result.stdout[:-1]


def _moves(start: int, end: int) -> list[str]:
    return ["-N", str(abs(end - start)), "j" if end > start else "k"] if end != start else []


def test_passage_footnote_and_article_citation_in_tmux(tmux: Tmux, tmp_path: Path) -> None:
    store = Store.open(shipped_store())
    ids = [e.id for e in store.events]
    passage, bare = ids.index(PASSAGE), ids.index(NO_FOOTNOTE)
    tmux.start(f"env XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} {shlex.quote(CSTO_TUI)}")
    tmux.wait_screen("Timeline")
    tmux.keys("2")
    tmux.keys(*_moves(0, passage))
    tmux.wait_screen("¶[3] missing")  # the inspector, on the highlighted event
    tmux.wait_screen("passage footnote: the article puts it after a later sentence")
    tmux.keys("y")
    copied = _cite("--record", f"event:{PASSAGE}")
    claim = "集安组织于2012年暂停乌兹别克斯坦成员资格"
    assert f"Passage footnote: the article does not place [3] right after 「{claim}」".encode() in copied
    tmux.wait_buffer(copied)

    tmux.keys(*_moves(passage, bare))
    tmux.wait_screen("This event has no footnote in the article.")  # the inspector says it first
    tmux.keys("y")
    tmux.wait_screen("This event has no footnote in the article. Y cites the article itself for it.")
    assert tmux.buffer() == copied  # y copied nothing
    tmux.keys("Y")
    tmux.wait_screen("Copy the article itself as")
    tmux.keys("Enter")
    tmux.wait_buffer(_cite("--record", f"event:{NO_FOOTNOTE}", "--article"))
