"""Member records: every row of the five membership tables, values verbatim, names explained."""

from __future__ import annotations

from typing import Any

from csto_tui.ingest.article import Article, Row, Table
from csto_tui.ingest.curation import BuildError
from csto_tui.ingest.curation import Table as Curated
from csto_tui.ingest.dates import DateError, find_dates, resolve
from csto_tui.model.records import STATUSES

SPAN_KINDS = ("treaty_party", "member", "observer", "suspended", "withdrawn", "candidate")
PROVENANCES = ("inferred", "external", "article")


def cell_date(text: str) -> str | None:
    """The date a table value states (``1999年退出`` -> ``1999``), if any."""
    for expr in find_dates(text):
        try:
            return resolve(expr, None).date
        except DateError:
            continue
    return None


def build_members(
    article: Article, curated: list[Curated], event_dates: dict[str, str], entities: set[str]
) -> list[dict[str, Any]]:
    if len(curated) != len(article.tables):
        raise BuildError(f"members.toml describes {len(curated)} tables, the article has {len(article.tables)}")
    docs: list[dict[str, Any]] = []
    for table, spec in zip(article.tables, curated, strict=True):
        spec.check_keys({"caption", "status", "row"})
        if spec.text("caption") != table.caption:
            raise BuildError(f"{spec.where}: caption {spec.text('caption')!r} is not the article's {table.caption!r}")
        status = spec.text("status")
        if status not in STATUSES:
            raise BuildError(f"{spec.where}: unknown status {status!r}")
        rows = spec.tables("row")
        if len(rows) != len(table.rows):
            raise BuildError(f"{spec.where}: {len(rows)} curated rows, the article's table has {len(table.rows)}")
        for order, (row, item) in enumerate(zip(table.rows, rows, strict=True), start=1):
            docs.append(_member(article, table, row, item, status, order, event_dates, entities))
    return docs


def _member(
    article: Article,
    table: Table,
    row: Row,
    item: Curated,
    status: str,
    order: int,
    event_dates: dict[str, str],
    entities: set[str],
) -> dict[str, Any]:
    item.check_keys({"entity", "name_basis", "provenance", "provenance_source", "note", "span"})
    entity = item.text("entity")
    if entity not in entities:
        raise BuildError(f"{item.where}: unknown entity {entity!r}")
    provenance = item.text("provenance")
    if provenance not in PROVENANCES:
        raise BuildError(f"{item.where}: provenance must be one of {', '.join(PROVENANCES)}")
    source = item.opt_text("provenance_source")
    if (provenance == "external") != (source is not None):
        raise BuildError(f"{item.where}: provenance_source is required exactly when provenance is 'external'")
    columns = [[header, cell.text] for header, cell in zip(table.headers, row.cells, strict=False)]
    if len(row.cells) != len(table.headers):
        raise BuildError(f"{item.where}: the row has {len(row.cells)} cells for {len(table.headers)} headers")
    values = dict((h, v) for h, v in columns)
    spans = [_span(span, values, event_dates) for span in item.tables("span")]
    return {
        "id": f"{status}:{entity.split(':', 1)[1]}",
        "status": status,
        "order": order,
        "entity": entity,
        "name_basis": item.text("name_basis"),
        "provenance": provenance,
        "provenance_source": source,
        "columns": columns,
        "source_text": article.text[row.start : row.end],
        "spans": spans,
        "note": item.opt_text("note"),
    }


def _span(item: Curated, values: dict[str, str], event_dates: dict[str, str]) -> dict[str, Any]:
    item.check_keys({"kind", "start", "end", "events", "cells"})
    kind = item.text("kind")
    if kind not in SPAN_KINDS:
        raise BuildError(f"{item.where}: unknown span kind {kind!r}")
    start = item.text("start")
    end = item.opt_text("end")
    sources: dict[str, str] = {}
    basis: list[str] = []
    for event_id in item.texts("events"):
        if event_id not in event_dates:
            raise BuildError(f"{item.where}: unknown event {event_id!r}")
        sources.setdefault(event_dates[event_id], event_id)
        basis.append(f"event {event_id} ({event_dates[event_id]})")
    for header in item.texts("cells"):
        if header not in values:
            raise BuildError(f"{item.where}: the row has no column {header!r}")
        value = cell_date(values[header])
        if value is None:
            raise BuildError(f"{item.where}: column {header!r} states no date: {values[header]!r}")
        sources.setdefault(value, header)
        basis.append(f"table cell {header} “{values[header]}”")
    for label, value in (("start", start), ("end", end)):
        if value is not None and value not in sources:
            raise BuildError(f"{item.where}: {label} {value} is the date of none of its events or cells")
    return {"kind": kind, "start": start, "end": end, "basis": "; ".join(basis)}
