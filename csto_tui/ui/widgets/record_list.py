"""An OptionList whose options are records: the list under the roster and the case file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from csto_tui.model import RecordRef
from csto_tui.ui.messages import announce
from csto_tui.ui.widgets.list_keys import LIST_KEYS

# Option ids are "kind\x1fid": record ids contain ":" and the unit separator never occurs in them.
_SEP = "\x1f"


def option_id(ref: RecordRef) -> str:
    return f"{ref.kind}{_SEP}{ref.id}"


def item(head: Text, body: Text | None = None) -> RenderableType:
    """An option's prompt: a head line, then its body indented so wrapped lines stay under it."""
    if body is None or not body.plain:
        return head
    return Group(head, Padding(body, (0, 0, 0, 2)))


def record_of(option: Option) -> RecordRef | None:
    """The record an option stands for; None for headings."""
    if option.id is None or _SEP not in option.id:
        return None
    kind, record_id = option.id.split(_SEP, 1)
    return RecordRef(kind, record_id)  # type: ignore[arg-type]


class RecordList(OptionList, inherit_bindings=False):
    """Headings are disabled options, so the cursor only rests on records.

    Every change of the highlighted option, however it came about, posts ``RecordHighlighted``.

    The scroll view's sideways keys are left out: the list never scrolls sideways, and help lists what works.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_KEYS,
        Binding("enter", "select", "Select", show=False),
    ]
    # The record last announced; a class default, as OptionList sets its first highlight in __init__.
    _announced: RecordRef | None = None

    @property
    def highlighted_record(self) -> RecordRef | None:
        option = self.highlighted_option
        return None if option is None else record_of(option)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        ref = self.highlighted_record
        if ref != self._announced:
            self._announced = ref
            announce(self, ref)

    def select_record(self, ref: RecordRef) -> bool:
        """Move the cursor to ``ref``; False if the list does not hold it."""
        try:
            self.highlighted = self.get_option_index(option_id(ref))
        except OptionDoesNotExist:
            return False
        return True

    def __init__(self, *options: Option, id: str | None = None) -> None:
        # OptionList starts on the first option; that is not a choice to announce to the screen.
        with self.prevent(OptionList.OptionHighlighted):
            super().__init__(*options, id=id)

    def scroll_to_highlight(self, top: bool = False) -> None:
        """On the first record, show the top of the list too: the headings (and the case file's summary) above it."""
        first = next((i for i, option in enumerate(self.options) if not option.disabled), None)
        if self.highlighted is not None and self.highlighted == first:
            self.scroll_home(animate=False, immediate=True)
            return
        super().scroll_to_highlight(top)

    def action_first(self) -> None:
        super().action_first()
        self.scroll_home(animate=False, immediate=True)  # also when the cursor is already there

    def replace_prompts(self, prompts: Iterable[tuple[str, RenderableType]]) -> None:
        """New text for existing options (a language switch): the cursor stays on its record."""
        for ident, prompt in prompts:
            self.replace_option_prompt(ident, prompt)
        self.scroll_to_highlight()
