"""Work-arounds for Textual bugs the reliability suite found, applied once when the app is imported.

Only real upstream bugs are patched here, each reproduced in docs/upstream.md. Every patch holds
for the Textual this project pins (pyproject.toml) and is applied only to it: on another release
nothing is patched, and tests/reliability/test_textual_fixes.py fails, asking whether the bug is
still there. Each of its reproducers calls Textual's own method and fails once upstream fixes
the bug, so the patch is removed, not forgotten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import textual
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.widgets import OptionList

# The Textual release these patches were written against and are applied to.
PATCHED_TEXTUAL = "8.2.8"

# Textual's own methods, kept so the tests can show each bug still happens without the patch.
ORIGINAL_MOVE_PAGE = OptionList._move_page
ORIGINAL_WATCH_LIST_VISIBLE = CommandPalette._watch__list_visible
ORIGINAL_PALETTE_DISMISS = CommandPalette.dismiss  # Screen.dismiss: the palette has none of its own

_applied = False


def textual_is_pinned() -> bool:
    """Whether the installed Textual is PATCHED_TEXTUAL.

    Its dist-info directory is one stat; importlib.metadata.version costs 0.1 s of start-up.
    """
    site_packages = Path(textual.__file__).resolve().parent.parent
    return (site_packages / f"textual-{PATCHED_TEXTUAL}.dist-info").is_dir()


def apply() -> bool:
    """Patch the pinned Textual (once); return whether the patches are in place."""
    global _applied
    if _applied or not textual_is_pinned():
        return _applied
    _applied = True

    def _move_page(self: OptionList, direction: Any) -> None:
        # Page up/down reaching an OptionList (the command palette's, a Select's) before its first
        # layout raised KeyError from the empty line index: keys typed ahead, or pasted, over a slow
        # link. The key is dropped instead; the list is not on screen yet anyway.
        try:
            ORIGINAL_MOVE_PAGE(self, direction)
        except KeyError:
            pass

    OptionList._move_page = _move_page  # type: ignore[method-assign]

    def _watch__list_visible(self: CommandPalette) -> None:
        # The palette's search worker finishing after the palette closed (a query typed, then
        # Enter or Escape at once) found its widgets gone; the NoMatches ended the app.
        try:
            ORIGINAL_WATCH_LIST_VISIBLE(self)
        except NoMatches:
            pass

    CommandPalette._watch__list_visible = _watch__list_visible  # type: ignore[method-assign]

    def _dismiss(self: CommandPalette, result: Any = None) -> AwaitComplete:
        # Enter Enter in a burst (typed ahead, or pasted) selects twice, and the palette dismissed
        # itself twice: the second pop took the screen beneath and ended the app (ScreenStackError).
        # Only the palette on top is dismissed. Set on CommandPalette alone; other screens keep
        # Textual's dismiss, and the app's dialogs guard their own (ui/screens/dialog.py).
        if self.app.screen is not self:
            return AwaitComplete()
        return ORIGINAL_PALETTE_DISMISS(self, result)

    CommandPalette.dismiss = _dismiss  # type: ignore[method-assign,assignment]
    return True
