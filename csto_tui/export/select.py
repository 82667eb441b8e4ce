"""Which events an export covers: the filters of ``csto-tui events`` and ``bib``, checked against the store."""

from __future__ import annotations

import difflib
from collections.abc import Set
from dataclasses import dataclass

from csto_tui.model import Event, RecordRef, Store
from csto_tui.model.actor_scope import actor_event_indexes
from csto_tui.safety import clean_line
from csto_tui.wikitext import readable


class FilterError(ValueError):
    """A filter the store cannot satisfy as asked; ``str()`` is one line for the user."""


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None  # entity id
    year_from: int | None = None
    year_to: int | None = None
    tag: str | None = None
    search: str | None = None
    marked: bool = False
    any_role: bool = False  # the actor in any role, not only acting or affected (as the timeline's filter)
    with_related: bool = True  # also the actor's leaders and officials the article names as such


def resolve_actor(store: Store, text: str) -> str:
    """The entity id ``text`` names (an id, its last part, or an English or Chinese name, any case)."""
    wanted = text.strip().casefold()
    for entity in store.entities.values():
        names = (entity.id, entity.id.split(":", 1)[-1], entity.name_en, entity.name_zh)
        if wanted in (n.casefold() for n in names):
            return entity.id
    candidates: dict[str, str] = {}
    for entity in store.entities.values():
        for name in (entity.name_en, entity.name_zh, entity.id):
            candidates.setdefault(name.casefold(), f"{entity.name_en} ({entity.name_zh})")
    close = difflib.get_close_matches(wanted, list(candidates), n=3, cutoff=0.5)
    close += [n for n in candidates if wanted and wanted in n and n not in close][: 3 - len(close)]
    hint = f"; did you mean {', '.join(dict.fromkeys(candidates[n] for n in close))}?" if close else ""
    raise FilterError(f"no actor {clean_line(text)!r} in the store{hint}")


def check_filter(store: Store, f: EventFilter) -> None:
    if f.year_from is not None and f.year_to is not None and f.year_from > f.year_to:
        raise FilterError(f"--from {f.year_from} is after --to {f.year_to}")
    if f.tag is not None and f.tag not in store.tags():
        raise FilterError(f"no tag {clean_line(f.tag)!r} (tags: {', '.join(store.tags())})")


def select(store: Store, f: EventFilter, marked: Set[RecordRef] = frozenset()) -> list[Event]:
    """The store's events that pass ``f``, in date order; ``marked`` is the user's marked records."""
    check_filter(store, f)
    query = f.search.casefold() if f.search else None
    events: list[Event] = []
    candidates = store.events
    if f.actor is not None:
        indexes = actor_event_indexes(store, f.actor, any_role=f.any_role, with_related=f.with_related)
        candidates = tuple(store.events[i] for i in indexes)
    for event in candidates:
        if f.year_from is not None and event.year < f.year_from:
            continue
        if f.year_to is not None and event.year > f.year_to:
            continue
        if f.tag is not None and f.tag not in event.tags:
            continue
        if f.marked and RecordRef("event", event.id) not in marked:
            continue
        if query and query not in readable(event.source_text).casefold() and query not in event.summary_en.casefold():
            continue
        events.append(event)
    return events
