"""A tiny app holding one pane, for Pilot tests and snapshots.

To look at a pane by hand, from tests/: ``python -m ui_panes.pane_app roster en`` (or ``case zh``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Footer

from csto_tui.model import Store
from csto_tui.ui.widgets.case_file import CaseFilePane
from csto_tui.ui.widgets.roster import Roster

WIDGETS = Path(__file__).resolve().parents[2] / "csto_tui" / "ui" / "widgets"


class PaneApp(App[None]):
    """One pane and a footer; remembers every message the pane posts to the screen."""

    CSS_PATH: ClassVar[list[str | Path]] = [
        WIDGETS / "roster.tcss",
        WIDGETS / "membership_chart.tcss",
        WIDGETS / "case_file.tcss",
    ]

    def __init__(self, store: Store, pane: str, language: str = "zh") -> None:
        super().__init__()
        self.store = store
        self.pane_name = pane
        self.language = language
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        pane: Widget = (
            Roster(self.store, id="pane") if self.pane_name == "roster" else CaseFilePane(self.store, id="pane")
        )
        pane.language = self.language  # type: ignore[attr-defined]
        yield pane
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pane").focus()

    def on_record_highlighted(self, message: Message) -> None:
        self.messages.append(message)

    def on_open_record(self, message: Message) -> None:
        self.messages.append(message)

    def on_actor_chosen(self, message: Message) -> None:
        self.messages.append(message)


if __name__ == "__main__":
    from csto_tui.paths import shipped_store

    pane, language = (sys.argv[1:] + ["roster", "zh"][len(sys.argv) - 1 :])[:2]
    PaneApp(Store.open(shipped_store()), pane, language).run()
