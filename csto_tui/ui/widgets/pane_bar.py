"""The one-line pane switcher shown on narrow terminals, where one pane shows at a time."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class PaneBar(Widget):
    """``1 Roster  2 Timeline ...`` with the current pane marked; a click switches pane."""

    current: reactive[str] = reactive("")

    @dataclass
    class Chosen(Message):
        name: str

    def __init__(self, panes: tuple[tuple[str, str], ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.panes = panes

    def _labels(self) -> list[tuple[str, str, int, int]]:
        """(name, label, start cell, end cell) of each pane label."""
        spans = []
        x = 1
        for i, (name, label) in enumerate(self.panes, start=1):
            text = f" {i} {label} "
            spans.append((name, text, x, x + len(text)))
            x += len(text) + 1
        return spans

    def render(self) -> Text:
        line = Text(" ", no_wrap=True, overflow="crop")
        for name, text, _start, _end in self._labels():
            line.append(text, style="reverse bold" if name == self.current else "")
            line.append(" ")
        return line

    def on_click(self, event: events.Click) -> None:
        for name, _text, start, end in self._labels():
            if start <= event.x < end:
                self.post_message(self.Chosen(name))
