"""An event table: one row per event, as CSV, JSON (a documented, stable schema) or a Markdown table.

Columns: id, date, precision, English summary, Chinese source text (as a reader sees it),
actors (English and Chinese names, with a role where the store knows one), tags,
footnotes, the user's note and the article's own caveat. See docs/scripting.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from csto_tui.model import Event, RecordRef, Store
from csto_tui.safety import clean, clean_line
from csto_tui.wikitext import readable

TABLE_FORMATS: tuple[str, ...] = ("csv", "json", "markdown")
TABLE_LABELS = {"csv": "CSV", "json": "JSON", "markdown": "Markdown table", "table": "text table"}
JSON_FORMAT = "csto-tui-events"
JSON_VERSION = 1
CSV_COLUMNS = (
    "id",
    "date",
    "date_end",
    "precision",
    "summary_en",
    "text_zh",
    "actors",
    "tags",
    "footnotes",
    "note",
    "source_caveat",
)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name_en: str
    name_zh: str
    role: str  # how the event's sentence involves the actor: acts, affected, excluded, place, mentioned
    title: str | None  # the person's office as the case file gives it ("President of Belarus"), else None

    def label(self) -> str:
        name = f"{self.name_en} ({self.name_zh})" if self.name_zh and self.name_zh != self.name_en else self.name_en
        title = f", {self.title}" if self.title else ""
        return f"{name}{title} [{self.role}]"


@dataclass(frozen=True, slots=True)
class Row:
    event: Event
    actors: tuple[Actor, ...]
    note: str | None


def titles(store: Store) -> dict[str, str]:
    """Entity id -> the office the case file gives the person."""
    return {actor.entity: actor.role_en for case in store.case_files for actor in case.actors if actor.role_en}


def rows(store: Store, events: Sequence[Event], notes: Mapping[RecordRef, str]) -> list[Row]:
    known_titles = titles(store)
    out: list[Row] = []
    for event in events:
        actors = []
        for entity_id, role in zip(event.actors, event.roles, strict=True):
            entity = store.entities.get(entity_id)
            en, zh = (entity.name_en, entity.name_zh) if entity else (entity_id, "")
            actors.append(Actor(entity_id, clean_line(en), clean_line(zh), role, known_titles.get(entity_id)))
        out.append(Row(event, tuple(actors), notes.get(RecordRef("event", event.id))))
    return out


def _record(row: Row) -> dict[str, object]:
    e = row.event
    return {
        "id": e.id,
        "date": e.date,
        "date_end": e.date_end,
        "precision": e.precision,
        "summary_en": clean_line(e.summary_en),
        "text_zh": readable(e.source_text),
        "source_text": clean(e.source_text),
        "actors": [
            {"id": a.id, "name_en": a.name_en, "name_zh": a.name_zh, "role": a.role, "title": a.title}
            for a in row.actors
        ],
        "tags": list(e.tags),
        "footnotes": list(e.refs),
        "note": clean(row.note) if row.note else None,
        "source_caveat": clean_line(e.note) if e.note else None,
    }


def to_json(store: Store, table: Sequence[Row]) -> str:
    meta = store.meta
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "source": {"title": meta.source_title, "url": meta.source_url, "sha256": meta.source_sha256},
        "events": [_record(row) for row in table],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _cells(row: Row) -> dict[str, str]:
    """One CSV row by column name: lists joined by "; ", every cell on one line."""
    record = _record(row)
    e = row.event
    return {
        "id": e.id,
        "date": e.date,
        "date_end": e.date_end or "",
        "precision": e.precision,
        "summary_en": str(record["summary_en"]),
        "text_zh": str(record["text_zh"]),
        "actors": "; ".join(a.label() for a in row.actors),
        "tags": "; ".join(e.tags),
        "footnotes": "; ".join(str(n) for n in e.refs),
        "note": clean_line(row.note) if row.note else "",
        "source_caveat": str(record["source_caveat"] or ""),
    }


def to_csv(table: Sequence[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([cells[name] for name in CSV_COLUMNS] for cells in map(_cells, table))
    return out.getvalue().rstrip("\n")


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(table: Sequence[Row]) -> str:
    header = ("Date", "Precision", "Summary", "Source text", "Actors", "Footnotes", "Note")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in table:
        c = _cells(row)
        date = f"{c['date']}–{c['date_end']}" if c["date_end"] else c["date"]
        footnotes = ", ".join(f"\\[{n}\\]" for n in row.event.refs)
        caveat = f"(Source caveat: {c['source_caveat']})" if c["source_caveat"] else ""
        note = " ".join(p for p in (c["note"], caveat) if p)
        cells = (date, c["precision"], *(_md_cell(c[k]) for k in ("summary_en", "text_zh", "actors")), footnotes)
        lines.append("| " + " | ".join((*cells, _md_cell(note))) + " |")
    return "\n".join(lines)


def to_text(table: Sequence[Row]) -> str:
    """One line per event for a terminal: date, footnotes, English summary."""
    lines = []
    for row in table:
        refs = "".join(f"[{n}]" for n in row.event.refs) or "-"
        note = "  [note]" if row.note else ""
        lines.append(f"{row.event.date:<10}  {refs:<12}  {clean_line(row.event.summary_en)}{note}")
    return "\n".join(lines)


def render_table(store: Store, table: Sequence[Row], fmt: str) -> str:
    """``table`` in ``fmt`` (csv, json, markdown or table); raises KeyError for another."""
    if fmt == "json":
        return to_json(store, table)
    renderers = {"csv": to_csv, "markdown": to_markdown, "table": to_text}
    return renderers[fmt](table)
