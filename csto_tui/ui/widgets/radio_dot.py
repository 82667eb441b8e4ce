"""A radio button whose dot shows its state without colour."""

from __future__ import annotations

from textual.widgets import RadioButton

from csto_tui.ui.widgets.toggle_mark import MarkWhenOn


class RadioDot(MarkWhenOn, RadioButton):
    """A RadioButton with its dot drawn only when chosen (a RadioSet still keeps one chosen)."""

    ON_MARK = RadioButton.BUTTON_INNER
