"""The bibliography and the event table, read back by the programs researchers feed them to."""

from __future__ import annotations

import csv
import io
import json
import re

import bibtexparser
import citeproc
import pytest
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from csto_tui.export.bibliography import BIB_FORMATS, bibliography, citations_of
from csto_tui.export.select import EventFilter, select
from csto_tui.export.table import CSV_COLUMNS, render_table, rows
from csto_tui.model import Citation, RecordRef, Store
from csto_tui.paths import shipped_store
from csto_tui.wikitext import readable


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(shipped_store())


def _all_citations(store: Store) -> list[Citation]:
    return citations_of(store, [RecordRef("event", e.id) for e in store.events])


def test_footnotes_of_many_records_are_deduplicated_in_footnote_order(store: Store) -> None:
    refs = [RecordRef("event", e.id) for e in store.events] + [RecordRef("citation", "18")] * 2
    numbers = [c.n for c in citations_of(store, refs)]
    assert numbers == sorted(set(numbers)) and 18 in numbers
    cited = {n for e in store.events for n in e.refs}
    assert set(numbers) == cited


def test_bibtex_parses_with_unique_keys_and_missing_references_as_comments(store: Store) -> None:
    citations = _all_citations(store)
    for fmt in ("bibtex", "biblatex"):
        library = bibtexparser.parse_string(bibliography(store, citations, fmt))
        assert not library.failed_blocks
        keys = [e.key for e in library.entries]
        assert len(keys) == len(set(keys)) == sum(not c.missing for c in citations)
        comments = "\n".join(c.comment for c in library.comments)
        for c in citations:
            if c.missing:
                assert f"[{c.n}] Reference text missing in the source" in comments


def test_colliding_keys_get_letters() -> None:
    from csto_tui.export.bibliography import _unique

    assert _unique(["a2010x", "b", "a2010x", "a2010x"]) == ["a2010xa", "b", "a2010xb", "a2010xc"]
    assert _unique(["k", "k", "ka"]) == ["kb", "kc", "ka"]


def test_csl_json_array_renders_with_citeproc(store: Store) -> None:
    citations = _all_citations(store)
    items = json.loads(bibliography(store, citations, "csl-json"))
    assert len(items) == len(citations)
    assert len({i["id"] for i in items}) == len(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bib.register(citeproc.Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bib.bibliography()]
    assert len(rendered) == len(items)
    for c in citations:
        if not c.missing:
            assert any(c.url and c.url in line for line in rendered), c.n
    missing = [i for i in items if i["id"].startswith("source-footnote-")]
    assert [i["id"] for i in missing] == [f"source-footnote-{c.n}" for c in citations if c.missing]
    assert all("Reference text missing in the source" in i["note"] for i in missing)


@pytest.mark.parametrize("fmt", BIB_FORMATS)
def test_every_bibliography_format_keeps_every_footnote(store: Store, fmt: str) -> None:
    citations = _all_citations(store)
    text = bibliography(store, citations, fmt)
    if fmt in ("plain", "markdown"):
        assert len(text.splitlines()) >= len(citations)
        for c in citations:
            assert (f"[{c.n}]" in text) or (f"\\[{c.n}\\]" in text)


def test_csv_reads_back_with_the_csv_module(store: Store) -> None:
    events = list(store.events)
    notes = {RecordRef("event", events[3].id): 'a note, with "quotes"\nand a second line'}
    text = render_table(store, rows(store, events, notes), "csv")
    read = list(csv.DictReader(io.StringIO(text)))
    assert tuple(read[0]) == CSV_COLUMNS and len(read) == len(events)
    for event, row in zip(events, read, strict=True):
        assert (row["id"], row["date"], row["precision"]) == (event.id, event.date, event.precision)
        assert row["text_zh"] == readable(event.source_text)
        assert row["footnotes"] == "; ".join(map(str, event.refs))
    assert read[3]["note"] == 'a note, with "quotes" and a second line'
    # Each actor with its role in the event, and a person's office where the case file gives one.
    for event, row in zip(events, read, strict=True):
        assert row["actors"].count("[") == len(event.actors)
        for role in event.roles:
            assert f"[{role}]" in row["actors"]
    assert any("Lukashenko (亚历山大·卢卡申科), President of Belarus [" in r["actors"] for r in read)


def test_json_follows_the_documented_schema(store: Store) -> None:
    events = select(store, EventFilter(year_from=2010, year_to=2010))
    document = json.loads(render_table(store, rows(store, events, {}), "json"))
    assert document["format"] == "csto-tui-events" and document["version"] == 1
    assert document["source"]["sha256"] == store.meta.source_sha256
    first = document["events"][0]
    assert set(first) == {
        "id",
        "date",
        "date_end",
        "precision",
        "summary_en",
        "text_zh",
        "source_text",
        "actors",
        "tags",
        "footnotes",
        "note",
        "source_caveat",
    }
    assert all(e["date"].startswith("2010") for e in document["events"])
    event = store.event(first["id"])
    assert event is not None and first["source_text"] == event.source_text
    assert [(a["id"], a["role"]) for a in first["actors"]] == list(zip(event.actors, event.roles, strict=True))
    ranges = [e for e in document["events"] if e["date_end"]]
    assert all(e["date_end"] > e["date"] for e in ranges)


def test_markdown_table_has_one_row_per_event_and_escapes_pipes(store: Store) -> None:
    events = list(store.events[:5])
    notes = {RecordRef("event", events[0].id): "a | b"}
    lines = render_table(store, rows(store, events, notes), "markdown").splitlines()
    assert len(lines) == 2 + len(events)
    # Seven columns: eight pipes that are not escaped, on every line.
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 8 for line in lines)
    assert "a \\| b" in lines[2]
