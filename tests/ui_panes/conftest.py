"""Helpers for the pane tests: the shipped store and reading what a widget shows."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from csto_tui.model import Store
from csto_tui.paths import shipped_store


@pytest.fixture(scope="session")
def store() -> Store:
    return Store.open(shipped_store())


def screen_lines(widget: Widget) -> list[str]:
    """The lines a line-API widget shows now, as plain text."""
    return [widget.render_line(y).text for y in range(widget.size.height)]
