"""Typed, read-only records of the store.

Each TinyDB table holds documents whose keys are exactly the fields of one of
these records (tuples are stored as JSON lists, nested records as objects).
They are msgspec Structs, so the store decodes straight into them, checked
(store.py). This module is the schema contract between ingest and the UI; it
imports neither TinyDB nor Textual.
"""

from __future__ import annotations

from typing import Literal

import msgspec

SCHEMA_VERSION = 3

# Which text a record shows: the article's Chinese or the English gloss (the UI, prefs and citations).
Language = Literal["zh", "en"]
Precision = Literal["year", "month", "day"]
RefScope = Literal["sentence", "passage", "none"]
Status = Literal["member", "former_treaty_member", "observer", "former_member", "candidate"]
Provenance = Literal["article", "inferred", "external"]
RecordKind = Literal["event", "member", "phase", "actor", "quote", "outcome", "citation"]
SpanKind = Literal["treaty_party", "member", "observer", "suspended", "withdrawn", "candidate"]
# How the sentence involves an event's actor: it acts; it is acted on or its status changes; it is
# named as left out (did not sign, did not extend); the event happens there; it is only named.
Role = Literal["acts", "affected", "excluded", "place", "mentioned"]
# How an event's date was found: stated; stated as a range (date_end holds the last day); a year taken
# from a name ("鲁贝兹2008"); counted from another date (次年, 三天前); a month and day whose year comes
# from earlier in the paragraph; or the date of another event, for a statement with no time word.
DateMethod = Literal["explicit", "range", "name", "relative", "yearless", "context"]
RelationKind = Literal["leader", "official"]

ROLES: tuple[Role, ...] = ("acts", "affected", "excluded", "place", "mentioned")
# The timeline's actor filter counts these unless asked for every role.
DEFAULT_ROLES: tuple[Role, ...] = ("acts", "affected")

STATUSES: tuple[Status, ...] = (
    "member",
    "former_treaty_member",
    "observer",
    "former_member",
    "candidate",
)


class Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """Base of every record: immutable, and a document with a field it does not know is refused.

    ``gc=False``: records hold only text, numbers, tuples and other records, never a cycle,
    so the collector need not track the million objects of a 100,000-event store.
    """


class RecordRef(Record, frozen=True):
    """Points at one record: what a citation's backlinks and the history hold."""

    kind: RecordKind
    id: str


class Relation(Record, frozen=True):
    """A tie the article states between a person and a country or organisation (白俄罗斯总统卢卡申科)."""

    kind: RelationKind  # "leader": a country's (former, interim) president; "official": an organisation's
    target: str  # entity id of the country or organisation
    title_zh: str  # the title as the article writes it: 总统, 临时总统, 前总统, 秘书长
    title_en: str
    source_text: str  # exact article text that names the tie


class Entity(Record, frozen=True):
    """A country, person, organisation or place named by the article."""

    id: str  # "country:russia", "person:lukashenko", "org:sco", "place:moscow"
    kind: Literal["country", "person", "organisation", "place"]
    name_zh: str
    name_en: str
    wiki: str | None  # the zh page a wiki link targets, when the article links it
    provenance: Provenance  # "external" when the English name is outside knowledge
    provenance_source: str | None
    relations: tuple[Relation, ...]  # a person's ties to countries and organisations, from the article


class CiteSite(Record, frozen=True):
    """One footnote marker in the article body."""

    section: str
    offset: int  # character offset of the marker "\\[n\\]" in the article
    sentence: str  # exact article text of the sentence or passage the marker closes


class Citation(Record, frozen=True):
    n: int
    missing: bool  # the reference list entry has no text in this copy
    title: str | None
    outlet: str | None
    published: str | None  # ISO partial date
    accessed: str | None  # ISO partial date ("Retrieved on ...")
    url: str | None  # verbatim, escapes kept
    source_text: str  # the reference list entry, verbatim
    sites: tuple[CiteSite, ...]


class Event(Record, frozen=True):
    id: str
    date: str  # ISO partial: YYYY, YYYY-MM or YYYY-MM-DD; the first day of a range
    date_end: str | None  # the last day of a range ("2009年7月31日至8月1日"), else None
    precision: Precision
    date_method: DateMethod
    date_basis: str  # "explicit", or how the date was reached, in words
    section: str
    source_text: str
    summary_en: str
    actors: tuple[str, ...]  # entity ids
    roles: tuple[Role, ...]  # roles[i] is how the sentence involves actors[i]
    tags: tuple[str, ...]
    refs: tuple[int, ...]
    ref_scope: RefScope
    note: str | None  # where the article is wrong or self-contradictory

    @property
    def year(self) -> int:
        return int(self.date[:4])


class Span(Record, frozen=True):
    """One stretch of a state's relation to the treaty, for the membership chart."""

    kind: SpanKind
    start: str  # ISO partial date
    end: str | None  # None while it lasts
    basis: str  # the event ids or table cells it is drawn from


class Member(Record, frozen=True):
    id: str
    status: Status
    order: int  # row order within its table
    entity: str
    name_basis: str  # how the empty name cell is known
    provenance: Provenance
    provenance_source: str | None  # the outside source when provenance is "external"
    columns: tuple[tuple[str, str], ...]  # (table header, cell text), verbatim
    source_text: str  # the table row, verbatim
    spans: tuple[Span, ...]
    note: str | None = None  # where the row contradicts the article's text (added by ingest, see docs/schema.md)


class Phase(Record, frozen=True):
    id: str
    title_en: str
    date: str
    precision: Precision
    summary_en: str
    events: tuple[str, ...]
    refs: tuple[int, ...]


class CaseActor(Record, frozen=True):
    id: str
    entity: str  # person entity id
    role_en: str
    country: str  # country entity id
    stance_en: str
    source_text: str
    refs: tuple[int, ...]
    ref_scope: RefScope  # as an event's: "passage" when the footnote sits after a later sentence


class Quote(Record, frozen=True):
    id: str
    speaker: str  # person entity id
    source_text: str  # the quote, exact article text
    gloss_en: str
    refs: tuple[int, ...]
    event: str | None
    ref_scope: RefScope


class CaseFile(Record, frozen=True):
    id: str
    title_zh: str
    title_en: str
    section: str
    summary_en: str
    phases: tuple[Phase, ...]
    actors: tuple[CaseActor, ...]
    quotes: tuple[Quote, ...]
    outcome_en: str
    outcome_source_text: str
    outcome_refs: tuple[int, ...]
    outcome_ref_scope: RefScope


class Meta(Record, frozen=True):
    schema_version: int
    source_file: str
    source_sha256: str
    source_title: str
    source_url: str
    license: str
    build_tool: str
    build_tool_version: str
