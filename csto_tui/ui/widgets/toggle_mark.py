"""The part the app's toggle buttons share: a mark drawn only when on, so on and off show without colour."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from textual.widgets._toggle_button import ToggleButton as _Base
else:
    # A plain mixin at run time: Textual takes a widget's CSS type names (Checkbox, RadioButton, which
    # RadioSet queries by) from its first DOMNode base, so that must stay the Textual widget.
    _Base = object


class MarkWhenOn(_Base):
    """Textual's toggle buttons (Checkbox, RadioButton) always draw their mark and tell on from off by
    colour alone, which NO_COLOR and monochrome terminals lose: this draws ``ON_MARK`` only when on.
    Put it before the Textual widget: ``class TickBox(MarkWhenOn, Checkbox)``."""

    ON_MARK: ClassVar[str]

    def __init__(self, label: str, value: bool = False, *, id: str | None = None) -> None:
        super().__init__(label, value, id=id)
        self.BUTTON_INNER = self._mark()

    def _mark(self) -> str:
        return self.ON_MARK if self.value else " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = self._mark()
        super().watch_value()
