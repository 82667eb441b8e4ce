"""Passage footnotes and records with no footnote, said honestly in every format that can carry a note."""

from __future__ import annotations

import json

import bibtexparser
import pytest

from csto_tui.cite.formats import (
    ARTICLE_N,
    Article,
    Passage,
    Placement,
    article_citation,
    render,
)
from csto_tui.cite.selection import article, article_selection, no_footnote, selection
from csto_tui.model import RecordRef, Store
from csto_tui.paths import shipped_store, source_article
from tests.cite.samples import MISSING_9, REUTERS_18

CLAIM = "集安组织于2012年暂停乌兹别克斯坦成员资格"
SITS = "成员国不加入其他军事联盟或其他国家集团，"
NOTE = (
    f"Passage footnote: the article does not place [18] right after 「{CLAIM}」; "
    f"it sits after a later sentence of the same paragraph: 「{SITS}」"
)


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(shipped_store())


def test_the_note_goes_with_its_citation_in_every_format() -> None:
    notes = {18: Placement(18, CLAIM, (SITS,)).note()}
    assert notes[18] == NOTE
    both = [MISSING_9, REUTERS_18]
    plain = render("plain", both, notes=notes).split("\n")
    assert plain[-2].startswith("Belarus leader raps Russia") and plain[-1] == NOTE
    escaped = NOTE.replace("[18]", "\\[18\\]")  # Markdown would read [18] as a link label
    assert render("markdown", both, notes=notes).endswith(f"Reuters, 25 April 2010  \n{escaped}")
    bibtex = render("bibtex", [REUTERS_18], notes=notes)
    assert bibtex.startswith(f"% {NOTE}\n@misc{{")
    # A comment to a BibTeX reader: the entry is read back unchanged.
    library = bibtexparser.parse_string(bibtex)
    assert not library.failed_blocks and len(library.entries) == 1
    assert render("biblatex", [REUTERS_18], notes=notes).startswith(f"% {NOTE}\n@online{{")
    [item] = json.loads(render("csl-json", [REUTERS_18], notes=notes))
    assert item["note"] == NOTE
    quote = render("quote", [REUTERS_18], passage=Passage(CLAIM), notes=notes).split("\n")
    assert quote[0] == f"「{CLAIM}」"
    assert quote[-1] == f"  {NOTE}"
    # A bare URL stays a bare URL.
    assert render("url", [REUTERS_18], notes=notes) == REUTERS_18.url
    # Without the note nothing changes.
    assert NOTE not in render("plain", both)


def test_a_missing_passage_footnote_does_not_say_its_sentence_twice() -> None:
    notes = {9: Placement(9, CLAIM, (SITS,)).note().replace("[18]", "[9]")}
    lines = render("plain", [MISSING_9], notes=notes).split("\n")
    assert lines[0].startswith("[9] Reference text missing in the source")
    assert not any(line.startswith("It supports") for line in lines)
    assert lines[1].startswith("Passage footnote: the article does not place [9]")
    bibtex = render("bibtex", [MISSING_9], notes=notes)
    assert all(line.startswith("% ") for line in bibtex.split("\n"))


def test_lead_uzbekistan_suspended_is_a_passage_footnote(store: Store) -> None:
    ref = RecordRef("event", "lead-uzbekistan-suspended")
    chosen = selection(store, ref)
    assert chosen is not None and chosen.label == "[3] (passage footnote)"
    [placement] = chosen.placements
    assert (placement.n, placement.claim, placement.sits_after) == (3, CLAIM, (SITS,))
    # The footnote marker really closes that sentence, after the event's sentence, in one paragraph.
    text = source_article().read_text(encoding="utf-8")
    marker = text.index(SITS + "\\[3\\]")
    assert text.index(CLAIM) < marker and "\n\n" not in text[text.index(CLAIM) : marker]
    plain = chosen.render("plain", article=article(store))
    assert plain == (
        "[3] Reference text missing in the source: 集体安全条约组织 "
        "(https://zh.wikipedia.org/wiki/集体安全条约组织), footnote 3.\n"
        f"{NOTE.replace('[18]', '[3]')}"
    )


def test_every_passage_event_and_only_those_carry_a_note(store: Store) -> None:
    for event in store.events:
        chosen = selection(store, RecordRef("event", event.id))
        if chosen is None:
            assert not event.refs
            continue
        assert bool(chosen.placements) == (event.ref_scope == "passage"), event.id
        for placement in chosen.placements:
            assert placement.sits_after and all(s in placement.note() for s in placement.sits_after)
            assert "Passage footnote" in chosen.render("plain", article=article(store))


def test_an_event_with_no_footnote_cites_the_article_itself(store: Store) -> None:
    ref = RecordRef("event", "lead-uzbekistan-leaves")
    assert selection(store, ref) is None
    assert no_footnote(store, ref) == "This event has no footnote in the article"
    chosen = article_selection(store, ref)
    assert chosen is not None and [c.n for c in chosen.citations] == [ARTICLE_N]
    source = article(store)
    expected_note = (
        "Cited for 「但于2012年退出」: this event has no footnote in the article, so this cites the article itself. "
        f"The source copy records no revision id or access date (its SHA-256 is {store.meta.source_sha256})."
    )
    assert chosen.render("plain", article=source) == (
        f"集体安全条约组织. Wikipedia. https://zh.wikipedia.org/wiki/集体安全条约组织\n{expected_note}"
    )
    [item] = json.loads(chosen.render("csl-json", article=source))
    assert item["type"] == "entry-encyclopedia" and item["container-title"] == "Wikipedia"
    assert item["note"] == expected_note and "issued" not in item and "accessed" not in item
    assert chosen.render("quote", article=source).startswith("「但于2012年退出」\n— 集体安全条约组织. Wikipedia.")
    bibtex = chosen.render("bibtex", article=source)
    [entry] = bibtexparser.parse_string(bibtex).entries
    assert "year" not in entry.fields_dict and "urldate" not in entry.fields_dict


def test_every_record_says_what_is_true(store: Store) -> None:
    member = RecordRef("member", store.members[0].id)
    assert selection(store, member) is None
    assert no_footnote(store, member).startswith("This member row comes from the article's membership table")
    chosen = article_selection(store, member)
    assert chosen is not None and chosen.passage is not None
    # The row as the article gives it: every filled cell under its header.
    for header, cell in store.members[0].columns:
        if cell:
            assert f"{header}: {cell}" in chosen.passage.source_text
    # A record with footnotes is never cited as the article itself.
    assert article_selection(store, RecordRef("event", "lead-uzbekistan-suspended")) is None
    assert article_selection(store, RecordRef("citation", "3")) is None
    assert no_footnote(store, None).startswith("Nothing to copy here")
    assert no_footnote(store, RecordRef("event", "no-such-event")).startswith("Nothing to copy here")


def test_the_article_as_a_citation_says_only_what_is_known() -> None:
    source = Article("集体安全条约组织", "https://zh.wikipedia.org/wiki/集体安全条约组织", "ab" * 32)
    citation = article_citation(source)
    assert (citation.title, citation.outlet, citation.url) == (source.title, "Wikipedia", source.url)
    assert citation.published is None and citation.accessed is None
    assert Article("T", "https://example.org/wikipedia.org").publisher is None
    assert Article("T", "https://en.wikipedia.org/wiki/CSTO").publisher == "Wikipedia"


def test_case_file_records_carry_their_scope(store: Store) -> None:
    case = store.case_files[0]
    otunbayeva = next(a for a in case.actors if a.entity == "person:otunbayeva")
    assert otunbayeva.ref_scope == "passage" and otunbayeva.refs == (24,)
    chosen = selection(store, RecordRef("actor", otunbayeva.id))
    assert chosen is not None and chosen.label == "[24] (passage footnote)"
    [placement] = chosen.placements
    assert placement.sits_after == ("巴基耶夫否认他的支持者是种族冲突的幕后主使，并呼吁集体安全条约组织进行干预。",)
    for quote in case.quotes:
        chosen = selection(store, RecordRef("quote", quote.id))
        assert chosen is not None and bool(chosen.placements) == (quote.ref_scope == "passage")
