"""The fallback when a terminal ignores OSC 52: the exact text, to select with the terminal's own selection."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Static, TextArea

from csto_tui.ui.screens.dialog import Dialog


class CopyText(Dialog[None]):
    """Shows ``text`` read-only; TextArea keeps CJK widths and scrolls long BibTeX."""

    AUTO_FOCUS = "#copy-text-area"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-text") as dialog:
            dialog.border_title = self.title_text
            yield Static(
                "Select it with your terminal (usually Shift+drag, Option+drag on macOS), or here and Ctrl+C.",
                id="copy-text-hint",
            )
            yield TextArea(self.text, read_only=True, soft_wrap=True, show_line_numbers=False, id="copy-text-area")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
