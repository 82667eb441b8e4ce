"""Messages panes send up to the main screen; the screen passes attributes down.

Panes never query each other: a pane posts one of these, the main screen
decides what the others show.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from csto_tui.model import RecordRef


@dataclass
class RecordHighlighted(Message):
    """The cursor rests on a record: the inspector shows its citations."""

    ref: RecordRef


@dataclass
class OpenRecord(Message):
    """Follow a link (Enter): go to ``ref`` and remember where we were."""

    ref: RecordRef


@dataclass
class ActorChosen(Message):
    """A member was selected: filter the timeline to its events (None clears)."""

    entity_id: str | None
