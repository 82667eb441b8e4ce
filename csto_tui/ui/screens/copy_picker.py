"""``Y``: every citation format with a preview of exactly what would be copied."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from csto_tui.safety import clean_line
from csto_tui.ui import gloss
from csto_tui.ui.screens.copy_text import CopyText
from csto_tui.ui.screens.dialog import Dialog
from csto_tui.ui.text import Language, fit
from csto_tui.ui.widgets.list_keys import vim_keys

if TYPE_CHECKING:
    from csto_tui.ui.copying import Preview


SNIPPET_CELLS = 48


class CopyPicker(Dialog[str | None]):
    """Returns the chosen format's key (copied and remembered by the caller), or None when cancelled."""

    AUTO_FOCUS = "#copy-formats"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "choose", "Copy & make default"),
        Binding("t", "show_text", "Show text"),
        # The app's list keys, as on the timeline.
        *vim_keys("move"),
    ]

    def __init__(self, label: str, previews: list[Preview], default: str, *, language: Language = "zh") -> None:
        super().__init__()
        self.label = label
        self.previews = previews
        self.default = default
        self.language = language

    def _shown(self, text: str) -> str:
        """What is copied, as shown: in English mode the Chinese in it is labelled as the article's (not copied so)."""
        return gloss.label_runs(text) if self.language == "en" else text

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-picker") as dialog:
            dialog.border_title = f"Copy {self.label} as…"
            dialog.border_subtitle = "Enter copies and makes it the default"
            yield OptionList(*(self._option(p) for p in self.previews), id="copy-formats")
            with VerticalScroll(id="copy-preview-box"):
                yield Static(id="copy-preview")
        yield Footer()

    def _option(self, preview: Preview) -> Option:
        fmt = preview.format
        line = Text.assemble(("• " if fmt.key == self.default else "  "), (f"{fmt.label:<20}", "bold"), " ")
        if preview.text is None:
            snippet = Text(f"unavailable: {clean_line(preview.reason or '')}", style="italic")
        else:
            snippet = Text(self._shown(clean_line(preview.text)), style="dim")
        # One line per format, even at 80 columns; the full text is in the preview below.
        line.append_text(fit(snippet, SNIPPET_CELLS))
        return Option(line, id=fmt.key)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        keys = [p.format.key for p in self.previews]
        options.highlighted = keys.index(self.default) if self.default in keys else 0
        self._show(options.highlighted or 0)

    @property
    def current(self) -> Preview:
        return self.previews[self.query_one(OptionList).highlighted or 0]

    @on(OptionList.OptionHighlighted, "#copy-formats")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def _show(self, index: int) -> None:
        preview = self.previews[index]
        box = self.query_one("#copy-preview-box", VerticalScroll)
        box.border_title = preview.format.description
        if self.language == "en" and preview.text is not None and gloss.CJK.search(preview.text):
            box.border_subtitle = "source: 「…」 marks the article's Chinese, copied without the mark"
        else:
            box.border_subtitle = ""
        text = self._shown(preview.text) if preview.text is not None else f"Unavailable: {preview.reason}"
        # Store text is data: a Text object, never markup.
        self.query_one("#copy-preview", Static).update(Text(text))

    @on(OptionList.OptionSelected, "#copy-formats")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self) -> None:
        self.dismiss(self.current.format.key)

    async def action_move(self, action: str) -> None:
        await self.query_one(OptionList).run_action(action)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_show_text(self) -> None:
        preview = self.current
        if preview.text is None:
            self.notify(f"{preview.format.label} unavailable: {preview.reason}", severity="warning", markup=False)
            return
        self.app.push_screen(CopyText(f"{self.label} as {preview.format.label}", preview.text))
