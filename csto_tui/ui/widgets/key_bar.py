"""The footer: keys that work right now, on one line, whole items only; or the latest message.

Textual's Footer recomposes a widget per key whenever bindings change and cuts the
last label mid-word when the terminal is narrow. This bar draws one line of text:
items that do not fit are left out whole, least useful first (GIVE_WAY).

Notifications show here, in place of the keys, rather than as toasts: a toast covers the
right half of the timeline at 80 columns, footnotes of the highlighted row included. The
message goes at the next key (the app clears it) or when its time is up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.notifications import Notification
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from csto_tui.safety import clean_line
from csto_tui.ui.text import fit

# Actions that never give way when the line is short of room.
ESSENTIAL = ("help", "quit")
# The others give way in this order when the line is short of room; None stands for every action not
# listed (the focused pane's own keys), which give way from the end of the line. Copying is what a
# researcher came for, so it stays longest; Back next, as links are followed all the time.
GIVE_WAY: tuple[str | None, ...] = (
    "command_palette",
    "forward",
    "export",
    "note",
    "reading_list",
    None,
    "open_search",  # the timeline pane's, so listed after the timeline's own keys; it outlasts them
    "mark",
    "zoom",  # after the pane's keys
    "toggle_language",
    "copy_as",
    "back",
    "unzoom",  # zoomed in, the way back to the other panes: it outlasts everything but y, ? and q
    "copy",
)
GAP = 2


@dataclass(frozen=True)
class Item:
    key: str  # the key to simulate on a click
    display: str
    description: str
    action: str

    @property
    def width(self) -> int:
        return Text(f"{self.display} {self.description}").cell_len


class KeyBar(Widget):
    """One line of ``key description`` pairs for the focused widget, its screen and the app."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--information",
        "key-bar--warning",
        "key-bar--error",
    }

    message: reactive[Notification | None] = reactive(None)

    def __init__(self) -> None:
        super().__init__()
        self._expiry: Timer | None = None

    def show_message(self, notification: Notification) -> None:
        self.message = notification
        if self._expiry is not None:
            self._expiry.stop()
        self._expiry = self.set_timer(notification.timeout, self.clear_message, name="key-bar-message")

    def clear_message(self) -> None:
        if self._expiry is not None:
            self._expiry.stop()
            self._expiry = None
        self.message = None

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
            item = Item(key, self.app.get_key_display(binding), binding.description, binding.action)
            items.append((item, binding.action in ESSENTIAL))
        if self.app.ENABLE_COMMAND_PALETTE:
            palette = Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette", "palette")
            items.append((Item(palette.key, self.app.get_key_display(palette), "palette", palette.action), False))
        return items

    def _fitted(self) -> list[tuple[Item, int]]:
        """The items that fit whole, in order, with their x offset; essentials never give way."""
        items = self.items()
        room = self.content_size.width - 1
        rank = {action: i for i, action in enumerate(GIVE_WAY)}
        dropping = sorted(
            (i for i, (_, essential) in enumerate(items) if not essential),
            key=lambda i: (rank.get(items[i][0].action, rank[None]), -i),
        )
        kept = set(range(len(items)))
        used = sum(items[i][0].width + GAP for i in kept)
        for i in dropping:
            if used - GAP <= room:
                break
            kept.discard(i)
            used -= items[i][0].width + GAP
        shown = [item for i, (item, _) in enumerate(items) if i in kept]
        placed = []
        x = 1
        for item in shown:
            placed.append((item, x))
            x += item.width + GAP
        return placed

    def render(self) -> Text:
        if self.message is not None:
            style = self.get_component_rich_style(f"key-bar--{self.message.severity}")
            text = Text(clean_line(self.message.message), style=style, end="")
            line = Text(" ", no_wrap=True, overflow="crop", end="")
            line.append_text(fit(text, self.content_size.width - 2))
            return line
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
        if self.message is not None:
            self.clear_message()
            return
        for item, x in self._fitted():
            if x <= event.x < x + item.width:
                self.app.simulate_key(item.key)
                return
