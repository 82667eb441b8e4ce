"""Command palette (ctrl+p): find any member, event, person, citation or year by name and jump there."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from csto_tui.model import RecordRef, Store
from csto_tui.safety import clean_line
from csto_tui.ui.text import Language, clip, count, describe, entity_name, readable

# Events are the one list that can be huge: only look at them once the query says something.
EVENT_QUERY_MIN = 2
MAX_EVENT_HITS = 50
EVENT_LABEL = 100  # cells: an event's text is cut there, at a word, with an ellipsis


@runtime_checkable
class Navigator(Protocol):
    """What the palette needs of the screen it was opened from."""

    store: Store
    language: Language

    def open(self, ref: RecordRef) -> bool: ...

    def show_actor(self, entity_id: str) -> None: ...

    def jump_to_year(self, year: int) -> None: ...


# label, help, action, and the label in the other language, which also finds it (only the reader's is shown).
Item = tuple[str, str, Callable[[], object], str]


def _highlight(matcher: Matcher, label: str) -> Content:
    """Like ``Matcher.highlight`` but never parses the label as markup: labels hold store text."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if score:
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class RecordCommands(Provider):
    """Records by name, in both languages, so either script finds them."""

    def _items(self, nav: Navigator) -> list[Item]:
        store, lang = nav.store, nav.language
        items: list[Item] = []
        for member in store.members:
            name, other = self._names(store, member.entity, lang)
            open_member = partial(nav.open, RecordRef("member", member.id))
            items.append((f"Member: {name}", "show in the roster", open_member, f"Member: {other}"))
            show = partial(nav.show_actor, member.entity)
            items.append((f"Events of {name}", "filter the timeline", show, f"Events of {other}"))
        for case in store.case_files:
            for actor in case.actors:
                name, other = self._names(store, actor.entity, lang)
                role = clean_line(actor.role_en)
                items.append(
                    (f"Person: {name}", role, partial(nav.open, RecordRef("actor", actor.id)), f"Person: {other}")
                )
            for quote in case.quotes:
                ref = RecordRef("quote", quote.id)
                items.append(
                    (f"Quote: {describe(store, ref, lang)}", "show in the case file", partial(nav.open, ref), "")
                )
            for phase in case.phases:
                ref = RecordRef("phase", phase.id)
                title = clean_line(phase.title_en) + ("" if lang == "en" else " (English)")
                items.append((f"Phase: {title}", phase.date, partial(nav.open, ref), ""))
        case_people = {actor.entity for case in store.case_files for actor in case.actors}
        for entity in store.entities.values():
            if entity.kind == "person" and entity.id not in case_people and store.events_for_actor(entity.id):
                name, other = self._names(store, entity.id, lang)
                show = partial(nav.show_actor, entity.id)
                items.append((f"Person: {name}", "events with this person", show, f"Person: {other}"))
        for citation in store.citations:
            ref = RecordRef("citation", str(citation.n))
            outlet = f" — {clean_line(citation.outlet)}" if citation.outlet else ""
            label = f"Citation {describe(store, ref, lang)}{outlet}"
            items.append((label, "show in the inspector", partial(nav.open, ref), ""))
        for year, events in store.years().items():
            items.append((f"Year {year}", count(events, "event"), partial(nav.jump_to_year, year), ""))
        return items

    @staticmethod
    def _names(store: Store, entity_id: str, language: Language) -> tuple[str, str]:
        """The name in the reader's language, and in the other (found by it, not shown: one language at a time)."""
        other: Language = "en" if language == "zh" else "zh"
        return entity_name(store, entity_id, language), entity_name(store, entity_id, other)

    async def startup(self) -> None:
        nav = self.screen
        self._nav = nav if isinstance(nav, Navigator) else None
        self._cache = self._items(self._nav) if self._nav is not None else []

    async def discover(self) -> Hits:
        for label, help_text, action, _ in self._cache:
            if label.startswith(("Member:", "Person:", "Phase:")):
                yield DiscoveryHit(Content(label), action, text=label, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help_text, action, other in self._cache:
            score = max(matcher.match(label), matcher.match(other) if other else 0)
            if score > 0:
                yield Hit(score, _highlight(matcher, label), action, text=label, help=escape(help_text))
        nav = self._nav
        if nav is None or len(query.strip()) < EVENT_QUERY_MIN:
            return
        # Events: a plain substring test first (cheap at 100k), the fuzzy score only for the few that pass.
        needle = query.strip().lower()
        found = 0
        for event in nav.store.events:
            if (
                needle in readable(event.source_text).lower()
                or needle in event.summary_en.lower()
                or event.date.startswith(needle)
            ):
                label = clip(f"Event {describe(nav.store, RecordRef('event', event.id), nav.language)}", EVENT_LABEL)
                score = matcher.match(label) or 0.5
                yield Hit(
                    score, _highlight(matcher, label), partial(nav.open, RecordRef("event", event.id)), text=label
                )
                found += 1
                if found >= MAX_EVENT_HITS:
                    break


# Keys of the main screen that act on the current record or the reading list: (label, help, action).
RESEARCH_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Mark or unmark this record", "m · for your reading list", "mark"),
    ("Reading list", "M · marked records, footnotes and notes; reorder, remove, jump", "reading_list"),
    ("Note on this record", "a · add or edit your note", "note"),
    ("Export…", "E · reading list or timeline as a bibliography or an event table", "export"),
)


class ResearchCommands(Provider):
    """Marks, notes, the reading list and export, by name."""

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for label, help_text, action in RESEARCH_ACTIONS:
            yield DiscoveryHit(Content(label), partial(self._run, action), text=label, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help_text, action in RESEARCH_ACTIONS:
            score = matcher.match(f"{label} {help_text}")
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(self._run, action), text=label, help=escape(help_text)
                )
