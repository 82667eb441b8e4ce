"""Helpers for the pane tests: the store under test and reading what a widget shows."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from csto_tui.model import Store
from ui_panes.sample import sample_store


@pytest.fixture
def store() -> Store:
    return sample_store()


def screen_lines(widget: Widget) -> list[str]:
    """The lines a line-API widget shows now, as plain text."""
    return [widget.render_line(y).text for y in range(widget.size.height)]
