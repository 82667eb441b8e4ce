"""A checkbox whose mark shows its state without colour."""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    """Textual's Checkbox always draws its X and tells on from off by colour alone, which NO_COLOR and
    monochrome terminals lose: here the X is drawn only when the box is ticked."""

    def __init__(self, label: str, value: bool, *, id: str | None = None) -> None:
        super().__init__(label, value, id=id)
        self.BUTTON_INNER = self._mark()

    def _mark(self) -> str:
        return "X" if self.value else " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = self._mark()
        super().watch_value()
