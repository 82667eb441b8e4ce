"""``a``: a short note on the current record, in a TextArea; Ctrl+S saves, Esc leaves it as it was."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Static, TextArea

from csto_tui.notes.book import MAX_NOTE_CHARS
from csto_tui.ui.screens.dialog import Dialog


class NoteDialog(Dialog[str | None]):
    """Returns the note's new text ("" removes it), or None when cancelled."""

    AUTO_FOCUS = "#note-text"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("f2", "save", "Save", show=False, priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, label: str, text: str) -> None:
        super().__init__()
        self.label = label
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog") as dialog:
            dialog.border_title = "Note"
            dialog.border_subtitle = "Ctrl+S (or F2) saves · Esc cancels · empty removes the note"
            yield Static(self.label, id="note-subject", markup=False)
            yield TextArea(self.text, soft_wrap=True, show_line_numbers=False, id="note-text")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        if len(text) > MAX_NOTE_CHARS:
            self.notify(f"A note holds up to {MAX_NOTE_CHARS} characters; this one has {len(text)}.", severity="error")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
