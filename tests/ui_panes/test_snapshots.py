"""SVG snapshots of each pane (update with ``pytest --snapshot-update tests/ui_panes``)."""

from __future__ import annotations

from typing import Any

import pytest

from csto_tui.model import Store
from ui_panes.pane_app import PaneApp


@pytest.mark.parametrize(
    ("pane", "language", "size", "keys"),
    [
        ("roster", "zh", (80, 24), ("j", "j", "j")),
        ("roster", "en", (120, 40), ("G", "k")),
        ("case", "zh", (80, 24), ("j", "j", "j", "j")),
        ("case", "en", (60, 20), ()),
    ],
    ids=["roster-zh-80x24", "roster-en-120x40", "case-zh-80x24", "case-en-60x20"],
)
def test_pane_snapshot(
    snap_compare: Any, store: Store, pane: str, language: str, size: tuple[int, int], keys: tuple[str, ...]
) -> None:
    assert snap_compare(PaneApp(store, pane, language), press=keys, terminal_size=size)
