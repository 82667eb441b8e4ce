"""``E``: export the reading list or the timeline's current filter as a bibliography or an event table.

The text always goes to the clipboard (as ``y`` sends it); when the app is not served it can
also go to a file, and an existing file is replaced only after a second Enter on the same path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Input, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from csto_tui.export.bibliography import BIB_FORMATS, BIB_LABELS
from csto_tui.export.table import TABLE_FORMATS, TABLE_LABELS
from csto_tui.safety import clean_line
from csto_tui.ui.screens.dialog import Dialog
from csto_tui.ui.widgets.radio_dot import RadioDot

Scope = Literal["reading", "timeline"]
# (kind, format): a bibliography of the footnotes, or a table of the events.
CHOICES: tuple[tuple[str, str], ...] = tuple(("bib", f) for f in BIB_FORMATS) + tuple(
    ("table", f) for f in TABLE_FORMATS
)
EXTENSIONS = {"plain": "txt", "markdown": "md", "bibtex": "bib", "biblatex": "bib", "csl-json": "json"}
TABLE_EXTENSIONS = {"csv": "csv", "json": "json", "markdown": "md"}


@dataclass(frozen=True, slots=True)
class ExportChoice:
    scope: Scope
    kind: str  # "bib" or "table"
    format: str
    path: Path | None  # None: the clipboard only
    show: bool = False  # show the text to select instead of copying it (a terminal without OSC 52)


def choice_label(kind: str, fmt: str) -> str:
    return f"Bibliography · {BIB_LABELS[fmt]}" if kind == "bib" else f"Event table · {TABLE_LABELS[fmt]}"


def default_name(kind: str, fmt: str) -> str:
    return f"csto-bibliography.{EXTENSIONS[fmt]}" if kind == "bib" else f"csto-events.{TABLE_EXTENSIONS[fmt]}"


class ExportDialog(Dialog[ExportChoice | None]):
    """Scope, then format, then (unless served) an optional file; Enter exports."""

    AUTO_FOCUS = "#export-formats"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+e", "export", "Export", priority=True),
        Binding("ctrl+t", "show_text", "Show text", priority=True),
    ]

    def __init__(self, scopes: dict[Scope, str], scope: Scope, *, files: bool) -> None:
        super().__init__()
        self.scopes = scopes  # scope -> its label with a count ("Reading list: 5 records")
        self.scope: Scope = scope
        self.files = files
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export"
            dialog.border_subtitle = "Enter exports · Esc cancels"
            with RadioSet(id="export-scope"):
                for scope, label in self.scopes.items():
                    yield RadioDot(label, value=scope == self.scope, id=f"scope-{scope}")
            yield OptionList(*(Option(choice_label(k, f), id=f"{k}:{f}") for k, f in CHOICES), id="export-formats")
            if self.files:
                yield Input(placeholder="Also save to a file (optional): type a path, then Enter", id="export-path")
            where = "clipboard (OSC 52), and the file if you give one" if self.files else "clipboard (OSC 52)"
            yield Static(f"Goes to the {where}.", id="export-where")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    @on(RadioSet.Changed)
    def _scope_changed(self, event: RadioSet.Changed) -> None:
        ident = event.pressed.id or ""
        self.scope = "timeline" if ident == "scope-timeline" else "reading"

    @on(OptionList.OptionSelected, "#export-formats")
    def _format_chosen(self) -> None:
        if self.files and not self.query_one("#export-path", Input).value.strip():
            # Enter on a format with no path yet: move to the path, pre-filled with a name to accept or edit.
            path_input = self.query_one("#export-path", Input)
            kind, fmt = self._choice()
            path_input.value = default_name(kind, fmt)
            path_input.focus()
            self._say("Enter saves to this file too; clear it (Ctrl+U) and press Enter for the clipboard only.")
            return
        self.action_export()

    @on(Input.Submitted, "#export-path")
    def _path_submitted(self) -> None:
        self.action_export()

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirmed = None

    def _choice(self) -> tuple[str, str]:
        index = self.query_one(OptionList).highlighted or 0
        return CHOICES[index]

    def _say(self, message: str, *, warning: bool = False) -> None:
        where = self.query_one("#export-where", Static)
        where.update(Text(message, style="bold" if warning else ""))

    def action_export(self) -> None:
        kind, fmt = self._choice()
        path: Path | None = None
        if self.files:
            typed = self.query_one("#export-path", Input).value.strip()
            if typed:
                path = Path(typed).expanduser()
                problem = self._path_problem(path)
                if problem:
                    self._say(problem, warning=True)
                    return
        self.dismiss(ExportChoice(self.scope, kind, fmt, path))

    def _path_problem(self, path: Path) -> str | None:
        shown = clean_line(str(path))
        if path.is_dir():
            return f"{shown} is a folder: add a file name."
        if not path.parent.is_dir():
            return f"No folder {clean_line(str(path.parent))}: create it first or choose another path."
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            return f"{shown} exists. Press Enter again to replace it, or change the name."
        return None

    def action_show_text(self) -> None:
        kind, fmt = self._choice()
        self.dismiss(ExportChoice(self.scope, kind, fmt, None, show=True))

    def action_cancel(self) -> None:
        self.dismiss(None)
