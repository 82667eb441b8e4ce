"""A checkbox whose mark shows its state without colour."""

from __future__ import annotations

from textual.widgets import Checkbox

from csto_tui.ui.widgets.toggle_mark import MarkWhenOn


class TickBox(MarkWhenOn, Checkbox):
    """A Checkbox with its X drawn only when ticked."""

    ON_MARK = "X"
