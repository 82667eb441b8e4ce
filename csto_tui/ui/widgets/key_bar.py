"""The footer: keys that work right now, on one line, whole items only.

Textual's Footer recomposes a widget per key whenever bindings change and cuts the
last label mid-word when the terminal is narrow. This bar draws one line of text:
items that do not fit are left out whole, and Help and Quit are kept first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

# Actions kept when the line is short of room; the others give way from the end.
ESSENTIAL = ("help", "quit")
GAP = 2


@dataclass(frozen=True)
class Item:
    key: str  # the key to simulate on a click
    display: str
    description: str

    @property
    def width(self) -> int:
        return Text(f"{self.display} {self.description}").cell_len


class KeyBar(Widget):
    """One line of ``key description`` pairs for the focused widget, its screen and the app."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def items(self) -> list[tuple[Item, bool]]:
        """Shown bindings that work now, one per action, each with whether it is essential."""
        items: list[tuple[Item, bool]] = []
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            items.append(
                (Item(key, self.app.get_key_display(binding), binding.description), binding.action in ESSENTIAL)
            )
        if self.app.ENABLE_COMMAND_PALETTE:
            palette = Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette", "palette")
            items.append((Item(palette.key, self.app.get_key_display(palette), "palette"), False))
        return items

    def _fitted(self) -> list[tuple[Item, int]]:
        """The items that fit whole, in order, with their x offset; essentials never give way."""
        items = self.items()
        used = sum(item.width + GAP for item, essential in items if essential)
        shown: list[Item] = []
        for item, essential in items:
            if essential:
                shown.append(item)
            elif used + item.width + GAP <= self.content_size.width:
                shown.append(item)
                used += item.width + GAP
        placed = []
        x = 1
        for item in shown:
            placed.append((item, x))
            x += item.width + GAP
        return placed

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        line = Text(" ", no_wrap=True, overflow="crop", end="")
        for item, _x in self._fitted():
            line.append(item.display, key_style)
            line.append(" ")
            line.append(item.description, description_style)
            line.append(" " * GAP)
        return line

    def on_click(self, event: events.Click) -> None:
        for item, x in self._fitted():
            if x <= event.x < x + item.width:
                self.app.simulate_key(item.key)
                return
