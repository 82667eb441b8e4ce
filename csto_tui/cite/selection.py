"""What a copy takes from the record under the cursor: its citations, the passage they support, and
how the article places them; or, for a record the article gives no footnote, the plain truth of that."""

from __future__ import annotations

from dataclasses import dataclass

from csto_tui.cite.formats import (
    Article,
    Passage,
    Placement,
    article_citation,
    article_note,
    render,
)
from csto_tui.model import CaseActor, CaseFile, Citation, Event, Language, Member, Phase, Quote, RecordRef, Store
from csto_tui.model.records import RefScope
from csto_tui.wikitext import readable


@dataclass(frozen=True, slots=True)
class Selection:
    citations: tuple[Citation, ...]
    passage: Passage | None  # None: quote the sentences the citations close
    placements: tuple[Placement, ...] = ()  # the passage footnotes among the citations
    cited_for: str | None = None  # set when the citation is the article itself: why, in one line

    @property
    def label(self) -> str:
        if self.cited_for is not None:
            return "the article itself"
        label = " ".join(f"[{c.n}]" for c in self.citations)
        return f"{label} (passage footnote)" if self.placements else label

    @property
    def notes(self) -> dict[int, str]:
        notes = {p.n: p.note() for p in self.placements}
        if self.cited_for is not None:
            notes.update({c.n: self.cited_for for c in self.citations})
        return notes

    def render(self, key: str, *, language: Language = "zh", article: Article | None = None) -> str:
        """The copy text in format ``key``: what ``y``, ``Y`` and ``csto-tui cite --record`` give."""
        return render(key, self.citations, passage=self.passage, language=language, article=article, notes=self.notes)


@dataclass(frozen=True, slots=True)
class Backing:
    """What the article gives one record: its footnotes, its own text, and where the footnotes sit."""

    noun: str  # "event", "member row", ...
    refs: tuple[int, ...]
    passage: Passage | None
    text: str  # the record's article text, readable ("" when it has none of its own)
    scope: RefScope = "sentence"
    section: str | None = None


def article(store: Store) -> Article:
    return Article(store.meta.source_title, store.meta.source_url, store.meta.source_sha256)


def backing(store: Store, ref: RecordRef) -> Backing | None:
    """What the article gives the record ``ref``, or None when the store has no such record."""
    found = store.record(ref)
    section = case.section if (case := store.case_of(ref)) is not None else None
    if isinstance(found, Citation):
        return Backing("footnote", (found.n,), None, "")
    if isinstance(found, Event):
        passage = Passage(found.source_text, found.summary_en)
        return Backing("event", found.refs, passage, readable(found.source_text), found.ref_scope, found.section)
    if isinstance(found, Member):
        # The table row as the article gives it: each filled cell under its header.
        row = "; ".join(f"{readable(h)}: {readable(c)}" for h, c in found.columns if readable(c))
        return Backing("member row", (), Passage(row), row)
    if isinstance(found, CaseFile):  # an outcome
        passage = Passage(found.outcome_source_text, found.outcome_en)
        text = readable(found.outcome_source_text)
        return Backing("outcome", found.outcome_refs, passage, text, found.outcome_ref_scope, section)
    if isinstance(found, Quote):
        passage = Passage(found.source_text, found.gloss_en)
        return Backing("quote", found.refs, passage, readable(found.source_text), found.ref_scope, section)
    if isinstance(found, CaseActor):
        passage = Passage(found.source_text)
        return Backing("actor", found.refs, passage, readable(found.source_text), found.ref_scope, section)
    if isinstance(found, Phase):
        # A phase is a summary, not article text: its events' sentences are what the article says.
        texts = [readable(e.source_text) for e in (store.event(i) for i in found.events) if e is not None]
        return Backing("phase", found.refs, None, " ".join(texts))
    return None


def placements(store: Store, found: Backing) -> tuple[Placement, ...]:
    """The record's passage footnotes, each with the sentence(s) its marker closes in the record's section."""
    if found.scope != "passage":
        return ()
    out = []
    for n in dict.fromkeys(found.refs):
        citation = store.citation(n)
        if citation is None:
            continue
        sites = [s for s in citation.sites if s.section == found.section] or list(citation.sites)
        out.append(Placement(n, found.text, tuple(dict.fromkeys(readable(s.sentence) for s in sites))))
    return tuple(out)


def selection(store: Store, ref: RecordRef | None) -> Selection | None:
    """The citations behind ``ref`` (a citation itself, or every footnote of an event, quote, ...), or None."""
    found = backing(store, ref) if ref is not None else None
    if found is None:
        return None
    citations = tuple(c for c in (store.citation(n) for n in dict.fromkeys(found.refs)) if c is not None)
    return Selection(citations, found.passage, placements(store, found)) if citations else None


def no_footnote(store: Store, ref: RecordRef | None) -> str:
    """What is true when ``ref`` has nothing to copy: which record it is and that the article gives no footnote."""
    found = backing(store, ref) if ref is not None else None
    if found is None:
        return "Nothing to copy here: highlight an event, member, quote or citation first."
    if found.noun == "member row":
        return "This member row comes from the article's membership table, which has no footnotes"
    if found.noun == "phase":
        return "None of this phase's events has a footnote in the article"
    return f"This {found.noun} has no footnote in the article"


def article_selection(store: Store, ref: RecordRef | None) -> Selection | None:
    """For a record with no footnote: the article itself, cited for the record's own text; else None."""
    found = backing(store, ref) if ref is not None else None
    if found is None or selection(store, ref) is not None or not found.text:
        return None
    source = article(store)
    why = no_footnote(store, ref)
    why = why[0].lower() + why[1:]
    passage = found.passage or Passage(found.text)
    return Selection((article_citation(source),), passage, cited_for=article_note(source, found.text, why))
