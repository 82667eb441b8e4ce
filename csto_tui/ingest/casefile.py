"""Case files: phases, actors, quotes and outcome of a conflict, anchored in one section."""

from __future__ import annotations

from typing import Any

from csto_tui.ingest.article import Article
from csto_tui.ingest.curation import BuildError
from csto_tui.ingest.curation import Table as Curated
from csto_tui.ingest.locate import locate, refs_for
from csto_tui.model.records import RefScope


def build_case_files(
    article: Article, curated: list[Curated], events: dict[str, dict[str, Any]], entities: dict[str, str]
) -> list[dict[str, Any]]:
    """``events``: event documents by id; ``entities``: entity kind by id."""
    return [_case(article, item, events, entities) for item in curated]


def _anchored(article: Article, item: Curated, section: str, key: str = "anchor") -> tuple[str, list[int], RefScope]:
    anchor = item.text(key)
    start = locate(article.text, anchor, item.where)
    if article.section_at(start) != section:
        raise BuildError(f"{item.where}: {key} lies in section {article.section_at(start)!r}, not {section!r}")
    refs, scope = refs_for(article, start, start + len(anchor))
    return anchor, list(refs), scope


def _case(
    article: Article, item: Curated, events: dict[str, dict[str, Any]], entities: dict[str, str]
) -> dict[str, Any]:
    item.check_keys(
        {
            "id",
            "section",
            "title_zh",
            "title_en",
            "summary_en",
            "outcome_anchor",
            "outcome_en",
            "phase",
            "actor",
            "quote",
        }
    )
    section = item.text("section")
    if not any(b.kind == "heading" and b.section == section for b in article.blocks):
        raise BuildError(f"{item.where}: the article has no section {section!r}")

    def entity(where: str, entity_id: str, kinds: tuple[str, ...]) -> str:
        if entities.get(entity_id) not in kinds:
            raise BuildError(f"{where}: {entity_id!r} is not a known {' or '.join(kinds)}")
        return entity_id

    def event(where: str, event_id: str) -> dict[str, Any]:
        if event_id not in events:
            raise BuildError(f"{where}: unknown event {event_id!r}")
        return events[event_id]

    phases = []
    for phase in item.tables("phase"):
        phase.check_keys({"id", "title_en", "summary_en", "events"})
        ids = phase.texts("events")
        if not ids:
            raise BuildError(f"{phase.where}: a phase needs at least one event")
        docs = [event(phase.where, e) for e in ids]
        refs = list(dict.fromkeys(n for doc in docs for n in doc["refs"]))
        phases.append(
            {
                "id": phase.text("id"),
                "title_en": phase.text("title_en"),
                "date": docs[0]["date"],
                "precision": docs[0]["precision"],
                "summary_en": phase.text("summary_en"),
                "events": list(ids),
                "refs": refs,
            }
        )
    actors = []
    for actor in item.tables("actor"):
        actor.check_keys({"id", "entity", "role_en", "country", "stance_en", "anchor"})
        source_text, refs, scope = _anchored(article, actor, section)
        actors.append(
            {
                "id": actor.text("id"),
                "entity": entity(actor.where, actor.text("entity"), ("person",)),
                "role_en": actor.text("role_en"),
                "country": entity(actor.where, actor.text("country"), ("country", "organisation")),
                "stance_en": actor.text("stance_en"),
                "source_text": source_text,
                "refs": refs,
                "ref_scope": scope,
            }
        )
    quotes = []
    for quote in item.tables("quote"):
        quote.check_keys({"id", "speaker", "anchor", "gloss_en", "event"})
        source_text, refs, scope = _anchored(article, quote, section)
        event_id = quote.opt_text("event")
        if event_id is not None:
            event(quote.where, event_id)
        quotes.append(
            {
                "id": quote.text("id"),
                "speaker": entity(quote.where, quote.text("speaker"), ("person",)),
                "source_text": source_text,
                "gloss_en": quote.text("gloss_en"),
                "refs": refs,
                "event": event_id,
                "ref_scope": scope,
            }
        )
    outcome_text, outcome_refs, outcome_scope = _anchored(article, item, section, "outcome_anchor")
    return {
        "id": item.text("id"),
        "title_zh": item.text("title_zh"),
        "title_en": item.text("title_en"),
        "section": section,
        "summary_en": item.text("summary_en"),
        "phases": phases,
        "actors": actors,
        "quotes": quotes,
        "outcome_en": item.text("outcome_en"),
        "outcome_source_text": outcome_text,
        "outcome_refs": outcome_refs,
        "outcome_ref_scope": outcome_scope,
    }
