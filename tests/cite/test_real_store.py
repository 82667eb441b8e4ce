"""The formats on every footnote of the shipped store, and the hand-built samples against it."""

from __future__ import annotations

import json

import bibtexparser
import pytest

from csto_tui.cite.formats import FORMAT_KEYS, Unavailable, bibtex_key, render
from csto_tui.cite.selection import article, selection
from csto_tui.model import RecordRef, Store
from csto_tui.paths import shipped_store
from csto_tui.wikitext import readable
from tests.cite.samples import ALL


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(shipped_store())


def test_samples_match_the_ingested_store(store: Store) -> None:
    for sample in ALL:
        real = store.citation(sample.n)
        assert real is not None
        fields = ("missing", "title", "outlet", "published", "accessed", "url")
        assert {f: getattr(real, f) for f in fields} == {f: getattr(sample, f) for f in fields}, sample.n


def test_every_footnote_in_every_format(store: Store) -> None:
    for citation in store.citations:
        for key in FORMAT_KEYS:
            try:
                text = render(key, [citation], article=article(store))
            except Unavailable:
                # Only formats that need a reference or a URL may be unavailable, and only when it is missing.
                assert key in ("csl-json", "url", "wayback") and (citation.missing or not citation.url)
                continue
            assert text and "\x1b" not in text
            if citation.missing:
                assert "Reference text missing in the source" in text and str(citation.n) in text
                assert "http" not in text.replace(store.meta.source_url, "")


def test_all_present_references_as_one_bib_file(store: Store) -> None:
    text = render("bibtex", list(store.citations), article=article(store))
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    present = [c for c in store.citations if not c.missing]
    assert [e.key for e in library.entries] == [bibtex_key(c) for c in present]
    assert len({e.key for e in library.entries}) == len(present), "keys must be unique within the article"
    items = json.loads(render("csl-json", list(store.citations), article=article(store)))
    assert [i["URL"] for i in items] == [c.url for c in present]


def test_selection_of_records(store: Store) -> None:
    event = next(e for e in store.events if len(e.refs) > 1)
    chosen = selection(store, RecordRef("event", event.id))
    assert chosen is not None and [c.n for c in chosen.citations] == list(dict.fromkeys(event.refs))
    assert chosen.passage is not None and chosen.passage.gloss_en == event.summary_en
    quote = store.case_files[0].quotes[0]
    chosen = selection(store, RecordRef("quote", quote.id))
    assert chosen is not None and chosen.passage is not None and chosen.passage.source_text == quote.source_text
    english = chosen.render("quote", language="en").split("\n")
    assert english[0] == f"“{readable(quote.source_text)}”"
    assert english[1] == f"English translation by csto-tui (not the source's words): {quote.gloss_en}"
    assert selection(store, RecordRef("citation", "18")).label == "[18]"  # type: ignore[union-attr]
    assert selection(store, RecordRef("member", store.members[0].id)) is None
    assert selection(store, RecordRef("citation", "99")) is None
    assert selection(store, None) is None
