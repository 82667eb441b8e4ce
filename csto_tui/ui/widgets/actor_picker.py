"""The filter dialog's actor list: sorted by name in the reader's language; typing jumps to a name.

Type the English name, the Chinese characters or their pinyin (with or without tones' letters,
whole syllables or initials: "bel", "白俄", "baieluosi", "bels"); what was typed shows under the
list and is forgotten after a pause, as in a file manager. Backspace takes back a character.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.timer import Timer
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from csto_tui.model import Store
from csto_tui.ui import pinyin
from csto_tui.ui.text import Language, entity_name
from csto_tui.ui.widgets.list_keys import LIST_KEYS

RESET_AFTER = 1.5  # seconds without a key before typing starts a new name
ANY = "any actor"


@dataclass(frozen=True)
class Actor:
    id: str
    shown: str  # the name in the reader's language
    english: str
    chinese: str

    def rank(self, query: str) -> int | None:
        """0: a name starts with the query; 1: a word (or character) inside one does; None: no match."""
        q = query.casefold()
        ranks = [pinyin.match_rank(q, self.chinese)]
        for name in (self.english.casefold(), self.chinese):
            if name.startswith(q):
                ranks.append(0)
            elif any(word.startswith(q) for word in name.replace("-", " ").split()[1:]) or (
                not q.isascii() and q in name
            ):
                ranks.append(1)
        found = [r for r in ranks if r is not None]
        return min(found) if found else None


def actors_of(store: Store, ids: set[str], language: Language) -> list[Actor]:
    """The actors, sorted as a reader of ``language`` expects: English alphabetically, Chinese by pinyin."""
    actors = [
        Actor(a, entity_name(store, a, language), entity_name(store, a, "en"), entity_name(store, a, "zh")) for a in ids
    ]
    if language == "zh":
        return sorted(actors, key=lambda a: (pinyin.sort_key(a.chinese), a.chinese))
    return sorted(actors, key=lambda a: (a.english.casefold(), a.id))


class ActorPicker(OptionList, inherit_bindings=False):
    """``any actor`` then every actor; the highlighted one is the choice."""

    # Letters type a name here, so the lists' vim keys (j k g G) are left out; arrows, Home, End and pages move.
    BINDINGS: ClassVar[list[BindingType]] = [
        *(b for b in LIST_KEYS if isinstance(b, Binding) and not b.key.isalpha()),
        Binding("enter", "select", "Apply", show=False),
    ]

    def __init__(self, actors: list[Actor], value: str | None, *, id: str | None = None) -> None:
        self.actors = actors
        # Names are store text: Content, never markup.
        super().__init__(Option(Text(ANY, style="italic")), *(Option(Content(a.shown)) for a in actors), id=id)
        self.value = value
        self.query_text = ""
        self._reset: Timer | None = None

    @property
    def value(self) -> str | None:
        index = self.highlighted
        return None if not index else self.actors[index - 1].id

    @value.setter
    def value(self, actor: str | None) -> None:
        ids = [a.id for a in self.actors]
        self.highlighted = ids.index(actor) + 1 if actor in ids else 0

    def type(self, text: str) -> None:
        """Add ``text`` to what was typed and move to the best match (the first in the list among equals)."""
        self.query_text += text
        self._find()

    def _find(self) -> None:
        if self._reset is not None:
            self._reset.stop()
        self._reset = self.set_timer(RESET_AFTER, self._forget, name="actor-type-ahead")
        self.border_subtitle = Content(f"find: {self.query_text}") if self.query_text else ""
        if not self.query_text:
            return
        best: tuple[int, int] | None = None
        for i, actor in enumerate(self.actors):
            rank = actor.rank(self.query_text)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, i)
                if rank == 0:
                    break
        if best is not None:
            self.highlighted = best[1] + 1

    def _forget(self) -> None:
        self.query_text = ""
        self.border_subtitle = ""

    def on_key(self, event: events.Key) -> None:
        if event.key == "backspace" and self.query_text:
            event.stop()
            event.prevent_default()
            self.query_text = self.query_text[:-1]
            self._find()
        elif event.is_printable and event.character and (event.character != " " or self.query_text):
            event.stop()
            event.prevent_default()
            self.type(event.character)

    def on_paste(self, event: events.Paste) -> None:
        """Chinese typed through an input method may arrive as a paste."""
        event.stop()
        self.type(event.text.strip())
