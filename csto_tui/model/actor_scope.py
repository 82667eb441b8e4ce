"""Which events are an actor's: the one rule the timeline's filter and the CLI's ``--actor`` share.

By default an actor's events are those it acts in or is affected by, plus those of the people the
article names as its leaders (a country) or officials (an organisation); ``any_role`` adds the events
that only exclude, place or mention it.
"""

from __future__ import annotations

from csto_tui.model.records import DEFAULT_ROLES, ROLES, Role
from csto_tui.model.store import Store


def actor_roles(any_role: bool) -> tuple[Role, ...]:
    return ROLES if any_role else DEFAULT_ROLES


def actor_event_indexes(store: Store, actor: str, *, any_role: bool = False, with_related: bool = True) -> list[int]:
    """Positions in ``store.events`` (date order) of ``actor``'s events, and of its people's if ``with_related``."""
    actors = [actor]
    if with_related:
        actors += [person.id for person in store.related(actor)]
    roles = actor_roles(any_role)
    indexes = {store.event_index(event.id) for a in actors for event in store.events_for_actor(a, roles)}
    return sorted(i for i in indexes if i is not None)
