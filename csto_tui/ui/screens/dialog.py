"""The base of the app's dialogs: a dismiss that a burst of keys cannot repeat."""

from __future__ import annotations

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, ScreenResultType


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen dismissed once, and only while it is on top.

    Keys queued in a burst (Enter Enter over a slow link, or pasted) reach a dialog after its
    first dismiss. Textual 8 then sets the result again (InvalidStateError) or pops whatever
    screen is on top (ScreenStackError), by design: a screen is expected to dismiss itself
    once. A dialog here ignores the extra dismiss, and one from a dialog another covers.
    """

    def dismiss(self, result: ScreenResultType | None = None) -> AwaitComplete:
        callbacks = self._result_callbacks
        if callbacks and callbacks[-1].future is not None and callbacks[-1].future.done():
            return AwaitComplete()
        if self is not self.app.screen:
            return AwaitComplete()
        return super().dismiss(result)
