"""The keys every list in the explorer moves by: arrows, vim keys, Home/End, pages.

Hidden from the key bar (the help screen lists them); one definition so the lists agree.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

LIST_KEYS: list[BindingType] = [
    Binding("up", "cursor_up", "Up", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("down", "cursor_down", "Down", show=False),
    Binding("j", "cursor_down", "Down", show=False),
    Binding("home", "first", "First", show=False),
    Binding("g", "first", "First", show=False),
    Binding("end", "last", "Last", show=False),
    Binding("G", "last", "Last", show=False),
    Binding("pageup", "page_up", "Page up", show=False),
    Binding("pagedown", "page_down", "Page down", show=False),
]


def vim_keys(action: str) -> list[BindingType]:
    """j/k/g/G for a dialog's OptionList (which binds only arrows and Home/End): ``action`` forwards them."""
    return [
        Binding("j", f"{action}('cursor_down')", "Down", show=False),
        Binding("k", f"{action}('cursor_up')", "Up", show=False),
        Binding("g", f"{action}('first')", "First", show=False),
        Binding("G", f"{action}('last')", "Last", show=False),
    ]
