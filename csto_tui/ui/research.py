"""Marks, notes, the reading list and exports (``m``, ``a``, ``M``, ``E``): the main screen delegates here.

The notebook (csto_tui.notes) holds the data; this module asks it, then hands the panes the
marked set and the notes (attributes down), and tells the user what happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from csto_tui.export.bibliography import BIB_LABELS, bibliography, citations_of
from csto_tui.export.table import TABLE_LABELS, render_table, rows
from csto_tui.model import RecordRef
from csto_tui.notes.book import exists
from csto_tui.paths import served
from csto_tui.safety import clean_line
from csto_tui.ui.text import count, describe, fit

if TYPE_CHECKING:
    from csto_tui.ui.screens.export_dialog import ExportChoice, Scope
    from csto_tui.ui.screens.main import MainScreen


def warn(screen: MainScreen) -> None:
    for warning in screen.notebook.take_warnings():
        screen.notify(warning, severity="warning", timeout=12, markup=False)


def show_marks(screen: MainScreen) -> None:
    """Every pane shows the notebook as it is now."""
    marked = frozenset(screen.notebook.marked())
    screen.set_marks(marked, screen.notebook.notes())


def _under_cursor(screen: MainScreen) -> RecordRef | None:
    """The focused pane's record, read from the pane now: ``screen.current`` catches up only when the
    pane's RecordHighlighted is handled, after keys read in the same burst (``j j m`` over a slow link)."""
    return screen.record_in(screen.current_pane)


def toggle_mark(screen: MainScreen) -> None:
    ref = _under_cursor(screen)
    if ref is None:
        screen.notify("Nothing to mark here: highlight an event, quote, member or citation first.", severity="warning")
        return
    now_marked = screen.notebook.toggle(ref)
    show_marks(screen)
    count = len(screen.notebook.marks())
    what = describe(screen.store, ref, screen.language)
    verb = "Marked" if now_marked else "Unmarked"
    screen.notify(f"{verb}: {fit(Text(what), 40).plain} · {count} in the reading list (M)", markup=False)
    warn(screen)


def edit_note(screen: MainScreen) -> None:
    ref = _under_cursor(screen)
    if ref is None:
        screen.notify("Nothing to annotate here: highlight a record first.", severity="warning")
        return
    from csto_tui.ui.screens.note_dialog import NoteDialog

    def done(text: str | None) -> None:
        if text is None:
            return
        screen.notebook.set_note(ref, text)
        show_marks(screen)
        screen.notify("Note saved." if text.strip() else "Note removed.")
        warn(screen)

    label = describe(screen.store, ref, screen.language)
    screen.app.push_screen(NoteDialog(label, screen.notebook.note(ref) or ""), done)


def open_reading_list(screen: MainScreen) -> None:
    from csto_tui.ui.screens.reading_list import ReadingList

    screen.notebook.reload()  # another session may have marked something
    dialog = ReadingList(screen.store, screen.notebook, screen.language)

    def done(ref: RecordRef | None) -> None:
        show_marks(screen)
        warn(screen)
        if ref is not None:
            screen.open(ref)
        elif dialog.export_requested:
            open_export(screen, "reading")

    screen.app.push_screen(dialog, done)


def reading_refs(screen: MainScreen) -> list[RecordRef]:
    """The reading list's records that this store has, in reading-list order."""
    return [m.ref for m in screen.notebook.marks() if exists(screen.store, m.ref)]


def open_export(screen: MainScreen, scope: Scope | None = None) -> None:
    from csto_tui.ui.screens.export_dialog import ExportDialog

    screen.notebook.reload()
    marked = reading_refs(screen)
    events = screen.timeline.shown_events
    described = screen.timeline.describe_filters()
    scopes: dict[Scope, str] = {
        "reading": f"Reading list ({count(len(marked), 'record')})",
        "timeline": f"Timeline, {'filter ' + described if described else 'no filter'} ({count(len(events), 'event')})",
    }
    scope = scope or ("reading" if marked else "timeline")

    def done(choice: ExportChoice | None) -> None:
        if choice is not None:
            export(screen, choice)

    screen.app.push_screen(ExportDialog(scopes, scope, files=not served()), done)


def export(screen: MainScreen, choice: ExportChoice) -> None:
    """Build the text, write the file if asked, copy it, and say what went where and how many."""
    from csto_tui.atomic import write_text_atomic
    from csto_tui.ui.copying import send

    store = screen.store
    if choice.scope == "reading":
        refs = reading_refs(screen)
        events = [e for e in (store.event(r.id) for r in refs if r.kind == "event") if e is not None]
        source = "the reading list"
    else:
        events = screen.timeline.shown_events
        refs = [RecordRef("event", e.id) for e in events]
        source = "the timeline"
    skipped = ""
    if choice.kind == "bib":
        citations = citations_of(store, refs)
        if not citations:
            screen.notify(f"Nothing to export: {source} cites no footnotes.", severity="warning")
            return
        text = bibliography(store, citations, choice.format)
        missing = sum(c.missing for c in citations)
        gaps = f" ({missing} with no text in the source)" if missing else ""
        what = f"{len(citations)} footnotes of {source} as {BIB_LABELS[choice.format]}{gaps}"
    else:
        if not events:
            screen.notify(f"Nothing to export: {source} holds no events.", severity="warning")
            return
        text = render_table(store, rows(store, events, screen.notebook.notes()), choice.format)
        others = len(refs) - len(events)
        if others:
            skipped = f" ({others} marked records that are not events left out)"
        what = f"{len(events)} events of {source} as {TABLE_LABELS[choice.format]}{skipped}"
    if choice.show:
        from csto_tui.ui.screens.copy_text import CopyText

        screen.app.push_screen(CopyText(what[0].upper() + what[1:], text))
        return
    note = ""
    if choice.path is not None:
        try:
            write_text_atomic(choice.path, text + "\n")
        except OSError as exc:
            screen.notify(
                f"Not saved to {clean_line(str(choice.path))}: {exc.strerror or exc}",
                severity="error",
                markup=False,
            )
        else:
            note = f"Saved to {clean_line(str(choice.path))}. "
    send(screen.app, text, what, note, hint="Nothing pasted? E, then Ctrl+T, shows the text to select.")
