"""Small helpers that turn store records into safe ``rich.text.Text`` for the widgets."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text

from csto_tui.model import CaseActor, CaseFile, Citation, Event, Language, Member, Phase, Quote, RecordRef, Store
from csto_tui.safety import clean_line
from csto_tui.wikitext import readable

ELLIPSIS = "…"
# After a date the statement's own sentence does not give: it is inherited from the sentence before.
INHERITED_MARK = "~"
MARK = "✓"  # a record in the reading list, in every pane (one cell wide in every terminal)
# Before a passage footnote ("¶[3]"): the article puts it after a later sentence of the paragraph.
PASSAGE_MARK = "¶"
# A wiki link's target, for many texts joined by newlines (no match crosses one), its loop
# unrolled: 100,000 event texts make one string of about 10 MB.
_MD_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\n]*\)[^()\s]*)*(?:[ \t]+\"[^\"\n]*\")?\)")
_FOOTNOTE = re.compile(r"\\\[\d+\\\]")

__all__ = [
    "ELLIPSIS",
    "INHERITED_MARK",
    "MARK",
    "PASSAGE_MARK",
    "Language",
    "clip",
    "count",
    "date_label",
    "describe",
    "entity_name",
    "event_text",
    "fit",
    "quoted",
    "readable",
    "related_label",
    "searchable_all",
    "titled_name",
]


# Phase titles and roles exist only in English: in Chinese mode they say so (one language at a time).
_ENGLISH_ONLY = {"zh": " (English)", "en": ""}


def quoted(text: str) -> str:
    """``text`` in quotation marks, unless the article's text already opens with one."""
    return text if text[:1] in '“「『"' else f"“{text}”"


def searchable_all(texts: list[str]) -> list[str]:
    """What the reader sees of each text, lower-cased, for matching only (never displayed).

    A few passes over one joined string rather than several regexes per text, so the timeline's
    search index over 100,000 events takes a fraction of a second. Like ``readable`` it drops
    footnote markers, link targets and bold marks, and also any square bracket; control characters
    are left in, as they never match typed text and nothing here reaches the terminal.
    """
    joined = "\n".join(text.replace("\r", " ").replace("\n", " ") for text in texts)
    joined = _MD_TARGET.sub("]", _FOOTNOTE.sub("", joined)).replace("\\[", "[").replace("\\]", "]")
    return joined.replace("[", "").replace("]", "").replace("**", "").lower().split("\n")


def fit(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` cells with an ellipsis, at a word boundary when the text has words."""
    if width <= 0:
        return Text()
    if text.cell_len <= width:
        return text
    plain = text.plain
    used = 0
    cut = 0
    for cut, char in enumerate(plain):  # noqa: B007 - cut is used after the loop
        used += cell_len(char)
        if used > width - 1:
            break
    # Latin words are not split: back up to the last space if it is not too far back.
    if cut and plain[cut].isascii() and plain[cut].isalnum() and plain[cut - 1].isascii():
        space = plain.rfind(" ", 0, cut)
        if space > cut // 2:
            cut = space
    out = text[:cut]
    out.rstrip()
    out.append(ELLIPSIS)
    return out


def clip(text: str, width: int) -> str:
    """A plain string cut like ``fit``: at a word boundary, with an ellipsis."""
    return fit(Text(text), width).plain


def count(n: int, noun: str) -> str:
    """``1 row``, ``2 rows``: the plural by adding s, which every noun the app counts takes."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def entity_name(store: Store, entity_id: str, language: Language) -> str:
    entity = store.entity(entity_id)
    if entity is None:
        return entity_id
    return clean_line(entity.name_zh if language == "zh" else entity.name_en)


def date_label(event: Event) -> str:
    """An event's date as the reader should see it: a range as a range, an inherited date marked."""
    if event.date_end is not None:
        return f"{event.date}–{event.date_end}"
    return event.date + (INHERITED_MARK if event.date_method == "context" else "")


def titled_name(store: Store, entity_id: str, language: Language) -> str:
    """A person's name with the titles the article gives them: 白俄罗斯总统亚历山大·卢卡申科."""
    entity = store.entity(entity_id)
    name = entity_name(store, entity_id, language)
    if entity is None or not entity.relations:
        return name
    titles = [
        (entity_name(store, r.target, language), clean_line(r.title_zh), clean_line(r.title_en))
        for r in entity.relations
    ]
    if language == "zh":
        return "".join(f"{target}{zh}" for target, zh, _ in titles) + name
    return f"{name} ({'; '.join(f'{en}, {target}' for target, _, en in titles)})"


def related_label(store: Store, entity_id: str) -> str:
    """What the people tied to ``entity_id`` are to it: "leaders", "officials" or "people"."""
    kinds = {r.kind for person in store.related(entity_id) for r in person.relations if r.target == entity_id}
    return {frozenset({"leader"}): "leaders", frozenset({"official"}): "officials"}.get(frozenset(kinds), "people")


def event_text(event: Event, language: Language) -> str:
    return readable(event.source_text) if language == "zh" else clean_line(event.summary_en)


def describe(store: Store, ref: RecordRef, language: Language) -> str:
    """One line naming any record: used by backlinks, the palette and notifications."""
    found = store.record(ref)
    if isinstance(found, Event):
        return f"{date_label(found)} {event_text(found, language)}"
    if isinstance(found, Citation):
        if found.missing:
            return f"[{found.n}] (no text in the article)"
        return f"[{found.n}] {clean_line(found.title or found.source_text)}"
    if isinstance(found, Member):
        return entity_name(store, found.entity, language)
    if isinstance(found, CaseFile):  # an outcome
        return "outcome: " + (readable(found.outcome_source_text) if language == "zh" else clean_line(found.outcome_en))
    if isinstance(found, Phase):
        return f"phase {found.date}: {clean_line(found.title_en)}{_ENGLISH_ONLY[language]}"
    if isinstance(found, CaseActor):
        return f"{entity_name(store, found.entity, language)} ({clean_line(found.role_en)}{_ENGLISH_ONLY[language]})"
    if isinstance(found, Quote):
        said = readable(found.source_text) if language == "zh" else clean_line(found.gloss_en)
        return f"{entity_name(store, found.speaker, language)}: {quoted(said)}"
    return {"event": f"event {ref.id}", "citation": f"[{ref.id}]", "member": ref.id}.get(
        ref.kind, f"{ref.kind} {ref.id}"
    )
