"""Help for the focused pane: what it shows and the keys that work there right now."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from csto_tui.ui.screens.dialog import Dialog

GENERAL = (
    "csto-tui explores the Chinese Wikipedia article on the Collective Security Treaty "
    "Organization. Every fact links to the footnotes behind it, and every footnote back to what cites it."
)


def _key_label(screen: Screen[Any], key: str, display: str | None) -> str:
    return display or screen.app.get_key_display(Binding(key, ""))


class HelpScreen(Dialog[None]):
    """A modal listing the focused pane's description and its live bindings, vim keys included."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("f1", "dismiss", "Close", show=False),
    ]

    def __init__(self, title: str, body: RenderableType) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    @classmethod
    def for_focus(cls, screen: Screen[Any], focused: Widget | None) -> HelpScreen:
        """Build the help from the screen as it is now, before the modal hides its bindings."""
        owner = focused
        while owner is not None and not getattr(owner, "HELP", None):
            owner = owner.parent if isinstance(owner.parent, Widget) else None
        name = type(owner).__name__ if owner is not None else "csto-tui"
        # Imported here: rich.markdown and markdown-it are 60 ms of start-up that only the help needs.
        from rich.markdown import Markdown

        # HELP strings are the app's own Markdown, never store text.
        description = Markdown(getattr(owner, "HELP", None) or GENERAL)
        body = Text()
        # Every binding that works now, grouped by what it does; hidden (vim) keys included.
        by_action: dict[tuple[str, str], list[str]] = {}
        for key, active in screen.active_bindings.items():
            if not active.enabled:
                continue
            binding = active.binding
            label = binding.description or binding.action
            where = "this pane" if active.node is not screen and active.node is not screen.app else "everywhere"
            by_action.setdefault((where, label), []).append(_key_label(screen, key, binding.key_display))
        for where in ("this pane", "everywhere"):
            rows = [(label, keys) for (w, label), keys in by_action.items() if w == where]
            if not rows:
                continue
            body.append("Keys in this pane\n" if where == "this pane" else "Keys everywhere\n", style="bold")
            for label, keys in rows:
                body.append(f"  {' '.join(keys):<18}", style="bold")
                body.append(f" {label}\n")
            body.append("\n")
        body.append("Ctrl+P opens the command palette: type a member, event, person or footnote and jump there.")
        return cls(f"Help: {name}", Group(description, Text(), body))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as scroll:
            scroll.border_title = self.title_text
            scroll.border_subtitle = "Esc closes"
            yield Static(self.body)
