"""What a copy takes from the record under the cursor: its citations and the passage they support."""

from __future__ import annotations

from dataclasses import dataclass

from csto_tui.cite.formats import Article, Passage
from csto_tui.model import Citation, RecordRef, Store


@dataclass(frozen=True, slots=True)
class Selection:
    citations: tuple[Citation, ...]
    passage: Passage | None  # None: quote the sentences the citations close

    @property
    def label(self) -> str:
        return " ".join(f"[{c.n}]" for c in self.citations)


def article(store: Store) -> Article:
    return Article(store.meta.source_title, store.meta.source_url)


def selection(store: Store, ref: RecordRef | None) -> Selection | None:
    """The citations behind ``ref`` (a citation itself, or every footnote of an event, quote, ...), or None."""
    if ref is None:
        return None
    refs: tuple[int, ...] = ()
    passage: Passage | None = None
    if ref.kind == "citation":
        refs = (int(ref.id),) if ref.id.isdigit() else ()
    elif ref.kind == "event":
        event = store.event(ref.id)
        if event is not None:
            refs, passage = event.refs, Passage(event.source_text, event.summary_en)
    else:
        for case in store.case_files:
            if ref.kind == "outcome" and case.id == ref.id:
                refs, passage = case.outcome_refs, Passage(case.outcome_source_text, case.outcome_en)
            for quote in case.quotes:
                if ref.kind == "quote" and quote.id == ref.id:
                    refs, passage = quote.refs, Passage(quote.source_text, quote.gloss_en)
            for actor in case.actors:
                if ref.kind == "actor" and actor.id == ref.id:
                    refs, passage = actor.refs, Passage(actor.source_text)
            for phase in case.phases:
                if ref.kind == "phase" and phase.id == ref.id:
                    refs = phase.refs  # a phase is a summary, not article text: quote the cited sentences
    citations = tuple(c for c in (store.citation(n) for n in dict.fromkeys(refs)) if c is not None)
    return Selection(citations, passage) if citations else None
