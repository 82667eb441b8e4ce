"""Messages panes send up to the main screen; the screen passes attributes down.

Panes never query each other: a pane posts one of these, the main screen
decides what the others show.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widget import Widget

from csto_tui.model import RecordRef


@dataclass
class RecordHighlighted(Message):
    """The record under a pane's cursor changed, for whatever reason (None: the list is empty).

    Each pane posts it from one place that sees every cursor change (a watcher on its cursor or
    subject), through ``announce``; a new way of moving the cursor needs no code of its own. The
    screen then reads the focused pane's record into ``MainScreen.current``.
    """

    ref: RecordRef | None


def announce(widget: Widget, ref: RecordRef | None) -> None:
    """Post ``RecordHighlighted`` from ``widget`` as its own sender.

    Textual stops a bubbling message at the widget that was handling a message when it was made:
    a cursor moved by the pane's own handler (search typing, the density strip) would otherwise
    never reach the screen, and ``y`` would copy the record before.
    """
    widget.post_message(RecordHighlighted(ref).set_sender(widget))


@dataclass
class OpenRecord(Message):
    """Follow a link (Enter): go to ``ref`` and remember where we were."""

    ref: RecordRef


@dataclass
class ActorChosen(Message):
    """A member was selected: filter the timeline to its events (None clears)."""

    entity_id: str | None
