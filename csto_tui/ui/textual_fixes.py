"""Work-arounds for Textual bugs the reliability suite found, applied once when the app is imported.

Each names its symptom, so it can go when Textual fixes the bug.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.await_complete import AwaitComplete
from textual.color import Color
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.filter import Monochrome, monochrome_style
from textual.screen import Screen
from textual.widgets import OptionList

_applied = False


def apply() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    move_page = OptionList._move_page

    def _move_page(self: OptionList, direction: Any) -> None:
        # Page up/down reaching an OptionList (the command palette's, a Select's) before its first
        # layout raised KeyError from the empty line index: keys typed ahead, or pasted, over a slow
        # link. The key is dropped instead; the list is not on screen yet anyway.
        try:
            move_page(self, direction)
        except KeyError:
            pass

    OptionList._move_page = _move_page  # type: ignore[method-assign]

    dismiss = Screen.dismiss

    def _dismiss(self: Screen[Any], result: Any = None) -> AwaitComplete:
        # Selections queued in a burst (Enter Enter, in the command palette or the copy picker)
        # dismissed a screen twice, or dismissed it after another screen had opened on top of it;
        # Textual then set its result again (InvalidStateError), or popped the screen on top in
        # its place, or the one beneath (ScreenStackError), and the app died or stuck. Only the
        # screen on top, not yet dismissed, is dismissed.
        callbacks = self._result_callbacks
        if callbacks and callbacks[-1].future is not None and callbacks[-1].future.done():
            return AwaitComplete()
        if self is not self.app.screen:
            return AwaitComplete()
        return dismiss(self, result)

    Screen.dismiss = _dismiss  # type: ignore[method-assign]

    watch_list_visible = CommandPalette._watch__list_visible

    def _watch__list_visible(self: CommandPalette) -> None:
        # The palette's search worker finishing after the palette closed (a query typed, then
        # Enter or Escape at once) found its widgets gone; the NoMatches ended the app.
        try:
            watch_list_visible(self)
        except NoMatches:
            pass

    CommandPalette._watch__list_visible = _watch__list_visible  # type: ignore[method-assign]

    def _monochrome(self: Monochrome, segments: list[Segment], background: Color) -> list[Segment]:
        # NO_COLOR=1 crashed the app at its first frame: the Monochrome filter assumed every
        # segment has a style, and a widget drawing Text.render() segments (the density strip)
        # has some without. The other filters already let a missing style through.
        return [Segment(text, None if style is None else monochrome_style(style), None) for text, style, _ in segments]

    Monochrome.apply = _monochrome  # type: ignore[method-assign]
