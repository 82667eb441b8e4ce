"""The csto-tui App: small on purpose; the main screen owns the behaviour."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar, cast

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import Notify
from textual.screen import Screen

from csto_tui.model import Store
from csto_tui.paths import served
from csto_tui.ui.screens.main import MainScreen
from csto_tui.ui.textual_fixes import apply as apply_textual_fixes
from csto_tui.ui.widgets.key_bar import KeyBar

UI_DIR = Path(__file__).parent
apply_textual_fixes()


class CstoApp(App[None]):
    """Roster, timeline, the 2010 Kyrgyz case file and the citations behind them."""

    TITLE = "csto-tui"
    # Every widget's and screen's sibling .tcss, so a new widget's styles are picked up without a list to keep.
    CSS_PATH = sorted(UI_DIR.rglob("*.tcss"))
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 - App declares it without ClassVar
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.store)

    def save_state(self) -> None:
        """Save what the next start restores, now: the terminal is gone and the process ends next."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.save_prefs()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot" and served():
                # Textual's saves a file on the machine running the app: under csto-tui serve, the server.
                yield SystemCommand("Screenshot", "Copy an SVG screenshot to your clipboard", self.action_screenshot)
            else:
                yield command

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG screenshot; when served, copy it to the user's clipboard instead: nothing on the server."""
        if not served():
            super().action_screenshot(filename, path)
            return
        from csto_tui.ui.copying import send

        hint = "Paste it into a file ending in .svg to view it."
        send(cast("App[object]", self), self.export_screenshot(), "a screenshot (SVG)", hint=hint)

    def on_notify(self, event: Notify) -> None:
        """A screen with a key bar shows the message there (its toasts are hidden: they cover rows)."""
        for bar in self.screen.query(KeyBar):
            bar.show_message(event.notification)

    async def on_event(self, event: events.Event) -> None:
        # Messages last until the next key: a researcher who read it moves on, and it is gone.
        if isinstance(event, events.Key) and not event.is_forwarded:
            for bar in self.screen.query(KeyBar):
                if bar.message is not None:
                    bar.clear_message()
                    self.clear_notifications()
        await super().on_event(event)
