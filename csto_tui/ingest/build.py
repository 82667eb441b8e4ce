"""``csto-tui db build``: parse the article, merge the curation, write the store deterministically.

The store is written to a temporary file beside the target, opened with the
read-only model to prove it valid, and only then moved into place, so a failed
build never leaves a broken or half-written store behind.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csto_tui import __version__
from csto_tui.atomic import write_text_atomic
from csto_tui.ingest.article import Article, parse
from csto_tui.ingest.casefile import build_case_files
from csto_tui.ingest.curation import BuildError, Table, load
from csto_tui.ingest.dates import DateExpr, find_dates
from csto_tui.ingest.events import EventBuilder, zone_of
from csto_tui.ingest.locate import locate
from csto_tui.ingest.members import build_members
from csto_tui.model.records import SCHEMA_VERSION
from csto_tui.model.store import Store, StoreError
from csto_tui.paths import SOURCE_NAME, data_dir, shipped_store, source_article

SOURCE_TITLE = "集体安全条约组织"
SOURCE_URL = "https://zh.wikipedia.org/wiki/集体安全条约组织"
LICENSE = "CC BY-SA 4.0 (text of the Chinese Wikipedia article 集体安全条约组织 and its contributors)"
ENTITY_KINDS = ("country", "person", "organisation", "place")
RELATION_KINDS = ("leader", "official")


@dataclass(frozen=True, slots=True)
class Coverage:
    expr: DateExpr
    zone: str
    covered_by: str | None  # what records it, or why it is no statement; None: uncovered


@dataclass(frozen=True, slots=True)
class Built:
    tables: dict[str, list[dict[str, Any]]]
    coverage: tuple[Coverage, ...]


def build(text: str, curation_dir: Path) -> Built:
    """Everything the store holds, from the article text and the curation files."""
    article = parse(text)
    if article.problems:
        raise BuildError(f"the article does not parse cleanly: {article.problems[0]}")
    curation = load(curation_dir)
    entities = build_entities(article, curation["entities.toml"].tables("entity"))
    entity_kinds = {e["id"]: e["kind"] for e in entities}
    events_builder = EventBuilder(article, curation["events.toml"].tables("event"), set(entity_kinds))
    events = events_builder.build()
    event_by_id = {e["id"]: e for e in events}
    members = build_members(
        article,
        curation["members.toml"].tables("table"),
        {e["id"]: e["date"] for e in events},
        set(entity_kinds),
    )
    case_files = build_case_files(article, curation["case_files.toml"].tables("case"), event_by_id, entity_kinds)
    citations = build_citations(article)
    check_footnote_dates(events, citations)
    coverage = check_coverage(article, events_builder.spans, curation["dates.toml"].tables("exclude"))
    meta = {
        "schema_version": SCHEMA_VERSION,
        "source_file": SOURCE_NAME,
        "source_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "source_title": SOURCE_TITLE,
        "source_url": SOURCE_URL,
        "license": LICENSE,
        "build_tool": "csto-tui db build",
        "build_tool_version": __version__,
    }
    tables = {
        "meta": [meta],
        "events": events,
        "members": members,
        "citations": citations,
        "case_files": case_files,
        "entities": entities,
    }
    return Built(tables, coverage)


def build_entities(article: Article, curated: list[Table]) -> list[dict[str, Any]]:
    flat = " ".join(article.text.split())
    pages = {link.page for link in article.links if link.page}
    seen: set[str] = set()
    targets: list[tuple[str, str]] = []
    docs = []
    for item in curated:
        item.check_keys({"id", "kind", "name_zh", "name_en", "wiki", "provenance", "provenance_source", "relation"})
        entity_id = item.text("id")
        kind = item.text("kind")
        if entity_id in seen:
            raise BuildError(f"{item.where}: duplicate entity id")
        seen.add(entity_id)
        prefix = "org" if kind == "organisation" else kind
        if kind not in ENTITY_KINDS or not entity_id.startswith(f"{prefix}:"):
            raise BuildError(f"{item.where}: kind {kind!r} does not fit id {entity_id!r}")
        provenance = item.text("provenance")
        source = item.opt_text("provenance_source")
        name_zh = item.text("name_zh")
        wiki = item.opt_text("wiki")
        if provenance == "external":
            if source is None:
                raise BuildError(f"{item.where}: an external entity needs provenance_source")
        elif provenance != "article" or source is not None:
            raise BuildError(f"{item.where}: provenance is 'article' (no source) or 'external' (with a source)")
        elif name_zh not in flat:
            raise BuildError(f"{item.where}: name_zh {name_zh!r} does not occur in the article")
        if wiki is not None and wiki not in pages:
            raise BuildError(f"{item.where}: no link in the article targets the page {wiki!r}")
        relations = [build_relation(article, r) for r in item.tables("relation")]
        docs.append(
            {
                "id": entity_id,
                "kind": kind,
                "name_zh": name_zh,
                "name_en": item.text("name_en"),
                "wiki": wiki,
                "provenance": provenance,
                "provenance_source": source,
                "relations": relations,
            }
        )
        targets.extend((item.where, r["target"]) for r in relations)
    for where, target in targets:
        if target not in seen:
            raise BuildError(f"{where}: relation to unknown entity {target!r}")
    return docs


def build_relation(article: Article, item: Table) -> dict[str, Any]:
    """A person's tie to a country or organisation, anchored on the article text that titles them."""
    item.check_keys({"kind", "target", "title_zh", "title_en", "anchor"})
    kind = item.text("kind")
    if kind not in RELATION_KINDS:
        raise BuildError(f"{item.where}: relation kind {kind!r} is not one of {', '.join(RELATION_KINDS)}")
    anchor = item.text("anchor")
    locate(article.text, anchor, item.where)
    title_zh = item.text("title_zh")
    if title_zh not in anchor:
        raise BuildError(f"{item.where}: the anchor does not hold the title {title_zh!r}")
    return {
        "kind": kind,
        "target": item.text("target"),
        "title_zh": title_zh,
        "title_en": item.text("title_en"),
        "source_text": anchor,
    }


def check_footnote_dates(events: list[dict[str, Any]], citations: list[dict[str, Any]]) -> None:
    """An event dated after its own footnote's source was published or retrieved must say so in a note."""
    dates = {c["n"]: [d for d in (c["published"], c["accessed"]) if d] for c in citations}
    for event in events:
        for n in event["refs"]:
            for source_date in dates.get(n, ()):
                width = min(len(event["date"]), len(source_date))
                if event["date"][:width] > source_date[:width] and not event["note"]:
                    raise BuildError(
                        f"event {event['id']}: dated {event['date']}, after its footnote [{n}]'s own date "
                        f"{source_date}; give a note"
                    )


def build_citations(article: Article) -> list[dict[str, Any]]:
    numbers = {ref.n for ref in article.references}
    for marker in article.markers:
        if marker.n not in numbers:
            raise BuildError(f"footnote marker [{marker.n}] at offset {marker.start} has no reference list entry")
    docs = []
    for ref in article.references:
        sites = [
            {
                "section": m.section,
                "offset": m.start,
                "sentence": article.text[m.sentence.start : m.sentence.end],
            }
            for m in article.markers
            if m.n == ref.n
        ]
        docs.append(
            {
                "n": ref.n,
                "missing": ref.missing,
                "title": ref.title,
                "outlet": ref.outlet,
                "published": ref.published,
                "accessed": ref.accessed,
                "url": ref.url,
                "source_text": ref.source_text,
                "sites": sites,
            }
        )
    return docs


def check_coverage(article: Article, spans: dict[str, tuple[int, int]], excludes: list[Table]) -> tuple[Coverage, ...]:
    """Every date expression of the article, and what covers it; uncovered ones fail the build."""
    exclusions: list[tuple[int, int, str, Table]] = []
    for item in excludes:
        item.check_keys({"context", "text", "reason"})
        context = item.text("context")
        start = locate(article.text, context, item.where)
        exclusions.append((start, start + len(context), item.text("text"), item))
    used: set[int] = set()
    out: list[Coverage] = []
    for expr in find_dates(article.text):
        zone = zone_of(article, expr)
        by: str | None = None
        if zone.kind == "reference":
            by = f"citation metadata ({zone.detail})"
        elif zone.kind == "link":
            by = "not a statement: inside a URL or link target"
        elif zone.kind == "table":
            by = f"member records ({zone.detail})"
        else:
            inside = sorted(k for k, (s, e) in spans.items() if s <= expr.start and expr.end <= e)
            if inside:
                by = "event " + ", ".join(inside)
            for i, (s, e, text, item) in enumerate(exclusions):
                if s <= expr.start and expr.end <= e and text == expr.text:
                    used.add(i)
                    by = by or f"excluded: {item.text('reason')}"
        out.append(Coverage(expr, zone.kind, by))
    for i, (_, _, text, item) in enumerate(exclusions):
        if i not in used:
            raise BuildError(f"{item.where}: excludes {text!r}, which is no date expression in its context")
    return tuple(out)


def coverage_report(coverage: Iterable[Coverage], article_text: str) -> list[str]:
    lines = []
    for c in coverage:
        line_no = article_text.count("\n", 0, c.expr.start) + 1
        where = f"line {line_no:>3} {c.zone:<9} {c.expr.kind:<9} {c.expr.text}"
        lines.append(f"{where}  ->  {c.covered_by or 'NOT COVERED: add an event or an exclusion'}")
    return lines


def dump(tables: dict[str, list[dict[str, Any]]]) -> str:
    """The TinyDB file text: documents numbered from 1 in curated order, keys sorted, UTF-8 kept."""
    data = {name: {str(i): doc for i, doc in enumerate(docs, start=1)} for name, docs in tables.items()}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def write_store(text: str, out: Path, validate: Callable[[Path], object] = Store.open) -> None:
    """Write atomically: a temporary file, validated by the read-only model, then renamed."""
    write_text_atomic(out, text, validate)


def main(args: argparse.Namespace) -> int:
    source: Path = args.source or source_article()
    out: Path = args.out or shipped_store()
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"csto-tui db build: {source}: cannot read the article: {exc}", file=sys.stderr)
        return 2
    try:
        built = build(text, data_dir() / "curation")
    except BuildError as exc:
        print(f"csto-tui db build: {exc}", file=sys.stderr)
        return 2
    report = coverage_report(built.coverage, text)
    print("\n".join(report))
    uncovered = [c for c in built.coverage if c.covered_by is None]
    if uncovered:
        print(
            f"csto-tui db build: {len(uncovered)} date expression(s) not covered by an event or an exclusion "
            f"(first: {uncovered[0].expr.text!r} at line {text.count(chr(10), 0, uncovered[0].expr.start) + 1})",
            file=sys.stderr,
        )
        return 2
    try:
        write_store(dump(built.tables), out)
    except StoreError as exc:
        print(f"csto-tui db build: the built store is invalid: {exc.problem}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"csto-tui db build: {out}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{len(docs)} {name}" for name, docs in built.tables.items() if name != "meta")
    print(f"wrote {out}: {counts}; {len(built.coverage)} date expressions, all covered")
    return 0
