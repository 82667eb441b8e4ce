"""``csto-tui db check``: validate a store against the schema and the article it came from.

Prints one summary line of counts; on a bad store, one line on stderr naming the
file and the problem, and exit status 2.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from csto_tui.model.records import ROLES, STATUSES
from csto_tui.model.store import Store, StoreError
from csto_tui.paths import shipped_store, source_article


def source_texts(store: Store) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a store claims to quote from the article."""
    for event in store.events:
        yield f"event {event.id}", event.source_text
    for member in store.members:
        yield f"member {member.id}", member.source_text
    for citation in store.citations:
        yield f"citation [{citation.n}]", citation.source_text
        for site in citation.sites:
            yield f"citation [{citation.n}] site at {site.offset}", site.sentence
    for case in store.case_files:
        for actor in case.actors:
            yield f"actor {actor.id}", actor.source_text
        for quote in case.quotes:
            yield f"quote {quote.id}", quote.source_text
        yield f"case {case.id} outcome", case.outcome_source_text
    for entity in store.entities.values():
        for relation in entity.relations:
            yield f"entity {entity.id} relation to {relation.target}", relation.source_text


def problems(store: Store, article: str) -> Iterator[str]:
    """Everything that ties the store to the article and does not hold."""
    digest = hashlib.sha256(article.encode("utf-8")).hexdigest()
    if digest != store.meta.source_sha256:
        yield f"built from another article (sha256 {store.meta.source_sha256[:12]}..., the article is {digest[:12]}...)"
    for where, text in source_texts(store):
        if not text or text not in article:
            yield f"{where}: source_text is not in the article: {text[:40]!r}"
    for citation in store.citations:
        for site in citation.sites:
            marker = f"\\[{citation.n}\\]"
            if article[site.offset : site.offset + len(marker)] != marker:
                yield f"citation [{citation.n}]: no marker {marker} at offset {site.offset}"
    for event in store.events:
        if event.precision != {4: "year", 7: "month", 10: "day"}.get(len(event.date)):
            yield f"event {event.id}: date {event.date!r} does not have {event.precision} precision"


def summary(store: Store) -> str:
    by_status = store.members_by_status()
    missing = sum(1 for c in store.citations if c.missing)
    phases = sum(len(c.phases) for c in store.case_files)
    actors = sum(len(c.actors) for c in store.case_files)
    quotes = sum(len(c.quotes) for c in store.case_files)
    members = ", ".join(f"{len(by_status[s])} {s}" for s in STATUSES)
    roles = Counter(role for event in store.events for role in event.roles)
    relations = sum(len(e.relations) for e in store.entities.values())
    return (
        f"ok: schema {store.meta.schema_version}; {len(store.events)} events; "
        f"{len(store.members)} members ({members}); "
        f"{len(store.citations)} citations ({len(store.citations) - missing} with text, {missing} missing); "
        f"{len(store.case_files)} case file ({phases} phases, {actors} actors, {quotes} quotes); "
        f"{len(store.entities)} entities ({relations} relations); "
        f"{sum(roles.values())} actor roles ({', '.join(f'{roles[r]} {r}' for r in ROLES)})"
    )


def main(args: argparse.Namespace) -> int:
    path = Path(getattr(args, "db", None) or shipped_store())
    try:
        store = Store.open(path)
    except StoreError as exc:
        print(f"csto-tui db check: {exc}", file=sys.stderr)
        return 2
    article_path = source_article()
    try:
        article = article_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"csto-tui db check: {article_path}: cannot read the source article: {exc}", file=sys.stderr)
        return 2
    first = next(problems(store, article), None)
    if first is not None:
        print(f"csto-tui db check: {path}: {first}", file=sys.stderr)
        return 2
    print(summary(store))
    return 0
