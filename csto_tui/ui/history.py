"""Browser-like back/forward over the records the user has visited (no Textual here)."""

from __future__ import annotations

from csto_tui.model import RecordRef


class History:
    """A list of places and a position in it; visiting truncates the forward part, like a browser."""

    def __init__(self, limit: int = 500) -> None:
        self._entries: list[RecordRef] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> RecordRef | None:
        return self._entries[self._index] if self._entries else None

    @property
    def can_back(self) -> bool:
        return self._index > 0

    @property
    def can_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def visit(self, ref: RecordRef) -> None:
        """Record arriving at ``ref``; visiting the current place again changes nothing."""
        if ref == self.current:
            return
        del self._entries[self._index + 1 :]
        self._entries.append(ref)
        if len(self._entries) > self._limit:
            del self._entries[0]
        self._index = len(self._entries) - 1

    def back(self) -> RecordRef | None:
        if not self.can_back:
            return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self) -> RecordRef | None:
        if not self.can_forward:
            return None
        self._index += 1
        return self._entries[self._index]
