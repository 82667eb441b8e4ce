"""``M``: the reading list: marked records in the order marked (or by date), with footnotes and notes.

Enter jumps to the record; J/K move it, d removes it, a edits its note, s switches the order,
E exports the list. A mark whose record this store lacks stays, shown as orphaned.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from csto_tui.cite.selection import selection
from csto_tui.model import Citation, Event, Phase, Quote, RecordRef, Store
from csto_tui.notes.book import Mark, Notebook, exists
from csto_tui.safety import clean_line
from csto_tui.ui.screens.dialog import Dialog
from csto_tui.ui.text import Language, describe
from csto_tui.ui.widgets.list_keys import vim_keys
from csto_tui.ui.widgets.record_list import RecordList, item, option_id, record_of

KIND_LABELS = {
    "event": "Event",
    "member": "Member",
    "phase": "Phase",
    "actor": "Actor",
    "quote": "Quote",
    "outcome": "Outcome",
    "citation": "Citation",
}
NOTE_MARK = "✎"


def record_date(store: Store, ref: RecordRef) -> str | None:
    """The date a record is about, for ordering by date (None: it has none)."""
    found = store.record(ref)
    if isinstance(found, Quote):  # the date of the event it was said at
        found = store.event(found.event) if found.event else None
    if isinstance(found, Event | Phase):
        return found.date
    return found.published if isinstance(found, Citation) else None


class ReadingList(Dialog[RecordRef | None]):
    """Returns the record to jump to, or None; marks and notes change in the notebook as you go."""

    AUTO_FOCUS = "#reading-items"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "jump", "Go to"),
        Binding("J", "move(1)", "Move down", key_display="J"),
        Binding("K", "move(-1)", "Move up", key_display="K"),
        Binding("shift+down", "move(1)", "Move down", show=False),
        Binding("shift+up", "move(-1)", "Move up", show=False),
        Binding("d", "remove", "Remove"),
        Binding("delete", "remove", "Remove", show=False),
        Binding("a", "note", "Note"),
        Binding("s", "sort", "By date/order"),
        Binding("E", "export", "Export"),
        *vim_keys("list"),
    ]

    def __init__(self, store: Store, notebook: Notebook, language: Language) -> None:
        super().__init__()
        self.store = store
        self.notebook = notebook
        self.language = language
        self.by_date = False
        self.export_requested = False

    def compose(self) -> ComposeResult:
        with Vertical(id="reading-list") as dialog:
            dialog.border_title = "Reading list"
            dialog.border_subtitle = "Enter goes to the record"
            yield Static(id="reading-summary", markup=False)
            yield RecordList(id="reading-items")
        yield Footer()

    def on_mount(self) -> None:
        self._rebuild()

    @property
    def _list(self) -> RecordList:
        return self.query_one("#reading-items", RecordList)

    def ordered(self) -> list[Mark]:
        marks = self.notebook.marks()
        if self.by_date:
            # Records without a date go last, in the order marked.
            marks.sort(key=lambda m: (record_date(self.store, m.ref) is None, record_date(self.store, m.ref) or ""))
        return marks

    def _prompt(self, i: int, mark: Mark) -> RenderableType:
        ref, store = mark.ref, self.store
        head = Text(f"{i}. ", style="dim")
        head.append(f"{KIND_LABELS.get(ref.kind, ref.kind)} ", style="bold")
        body = Text()
        if not exists(store, ref):
            head.append(f"{clean_line(ref.id)} (orphaned: not in this store)", style="italic")
        else:
            head.append(describe(store, ref, self.language))
            chosen = selection(store, ref) if ref.kind != "citation" else None  # a citation is its own footnote
            for citation in chosen.citations if chosen else ():
                if body.plain:
                    body.append("\n")
                label = describe(store, RecordRef("citation", str(citation.n)), self.language)
                body.append(label, style="dim")
            if chosen is None and ref.kind != "citation":
                body.append("no footnote in the article", style="dim italic")
        note = self.notebook.note(ref)
        if note:
            if body.plain:
                body.append("\n")
            body.append(f"{NOTE_MARK} {clean_line(note)}", style="italic")
        return item(head, body)

    def _rebuild(self, keep: RecordRef | None = None) -> None:
        current = keep or self._list.highlighted_record
        marks = self.ordered()
        options = [Option(self._prompt(i, m), id=option_id(m.ref)) for i, m in enumerate(marks, start=1)]
        listing = self._list
        listing.clear_options()
        listing.add_options(options)
        if current is None or not listing.select_record(current):
            listing.highlighted = 0 if options else None
        orphaned = sum(not exists(self.store, m.ref) for m in marks)
        order = "by date" if self.by_date else "in the order marked"
        summary = f"{len(marks)} marked, {order}" if marks else "Nothing marked yet: press m on any record."
        if orphaned:
            summary += f"; {orphaned} orphaned (marked in another build of the store)"
        if not self.notebook.saving:
            summary += " · not saved (see the warning)"
        self.query_one("#reading-summary", Static).update(summary)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move":
            return None if self.by_date else True  # shown greyed while sorted by date
        return True

    @on(OptionList.OptionSelected, "#reading-items")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ref = record_of(event.option)
        if ref is not None:
            self._jump(ref)

    def _jump(self, ref: RecordRef) -> None:
        if not exists(self.store, ref):
            self.notify("That record is not in this store (orphaned); its mark is kept.", severity="warning")
            return
        self.dismiss(ref)

    def action_jump(self) -> None:
        ref = self._list.highlighted_record
        if ref is not None:
            self._jump(ref)

    def action_close(self) -> None:
        self.dismiss(None)

    async def action_list(self, action: str) -> None:
        await self._list.run_action(action)

    def action_move(self, step: int) -> None:
        ref = self._list.highlighted_record
        if ref is not None and self.notebook.move(ref, step):
            self._rebuild(ref)
        self._warn()

    def action_remove(self) -> None:
        ref = self._list.highlighted_record
        if ref is None:
            return
        index = self._list.highlighted or 0
        self.notebook.unmark(ref)
        self._rebuild()
        if self._list.option_count:
            self._list.highlighted = min(index, self._list.option_count - 1)
        self.notify(f"Removed from the reading list: {describe(self.store, ref, self.language)}", markup=False)
        self._warn()

    def action_sort(self) -> None:
        self.by_date = not self.by_date
        self._rebuild()
        self.refresh_bindings()

    def action_note(self) -> None:
        ref = self._list.highlighted_record
        if ref is None:
            return
        from csto_tui.ui.screens.note_dialog import NoteDialog

        def done(text: str | None) -> None:
            if text is not None:
                self.notebook.set_note(ref, text)
                self._rebuild(ref)
                self._warn()

        self.app.push_screen(NoteDialog(describe(self.store, ref, self.language), self.notebook.note(ref) or ""), done)

    def action_export(self) -> None:
        self.export_requested = True
        self.dismiss(None)

    def _warn(self) -> None:
        for warning in self.notebook.take_warnings():
            self.notify(warning, severity="warning", timeout=10, markup=False)
