"""A bare Textual app (a Static and a Footer): the benchmark's yardstick for first-frame time.

Run in the same way as csto-tui, in the same benchmark run, so the ratio of the two
first-frame times survives a noisy machine.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

MARKER = "bare textual app ready"


class BareApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(MARKER)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
