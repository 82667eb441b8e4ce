"""Open a TinyDB store read-only and answer what the UI asks of it.

The store is a TinyDB database (ingest writes it in TinyDB's layout, and TinyDB opens it).
The app reads it with msgspec, straight into the frozen records and checked as it goes:
6x faster than json plus a converter at 100,000 events, at a third of the memory. When
msgspec refuses a file, the exact reader (TinyDB with a storage that cannot write, then
convert.py, in exact.py) reads it again to word the error. Nothing above the model touches TinyDB,
and no code path of the app can change a user's file.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

import msgspec

from csto_tui.model.convert import SchemaError, shorten
from csto_tui.model.records import (
    ROLES,
    SCHEMA_VERSION,
    STATUSES,
    CaseActor,
    CaseFile,
    Citation,
    Entity,
    Event,
    Member,
    Meta,
    Phase,
    Quote,
    RecordRef,
    Role,
    Status,
)
from csto_tui.safety import clean_line

T = TypeVar("T")

# What a RecordRef points at; an "outcome" is its case file's outcome, so the case file.
AnyRecord = Event | Citation | Member | CaseFile | Phase | CaseActor | Quote

# The whole file is parsed into memory, which costs several times its size. 128 MiB admits a
# 100,000-event store (50-100 MB) with room to spare and keeps a hostile file from exhausting memory.
MAX_STORE_BYTES = 128 * 1024 * 1024

# Anything in a file that ``safety.clean`` would change or remove, raw (UTF-8) or as a JSON escape:
# C0 controls but newline, DEL, C1, U+061C, U+200B-200F, U+2028-202E, U+2060-2069, U+FEFF, U+FFF9-FFFB,
# surrogates (escaped only) and tag characters. A store with any goes to the exact reader, whose converter
# cleans every string, whatever its field; msgspec decodes the rest (none of the shipped store) as it is.
UNSAFE_TEXT = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xa9]|\xef\xbb\xbf|\xef\xbf[\xb9-\xbb]"
    rb"|\xf3\xa0[\x80\x81]|\\[btfr]|\\u(?:00[0-9a-fA-F]{2}|061[cC]|20[0-6][0-9a-fA-F]|[dD][89a-fA-F]|[fF][eE][fF][fF]|[fF]{3}[9abAB])"
)
_ISO_PARTIAL_DATE = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?")


class StoreError(Exception):
    """A store that cannot be used; ``str()`` is one line naming file and problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        # The path and the problem may quote the file: one line, no control characters.
        super().__init__(f"{clean_line(str(path))}: {clean_line(problem)}")


def too_large(size: int) -> str:
    return f"too large ({size / 1e6:.0f} MB or more); csto-tui reads stores up to {MAX_STORE_BYTES // 2**20} MiB"


def check_file(path: Path) -> None:
    """File-level problems, before anything is read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise StoreError(path, "no such file") from None
    except OSError as exc:
        raise StoreError(path, exc.strerror or "cannot read") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(path, "is a directory, not a store file")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or device could block or never end.
        raise StoreError(path, "not a regular file")
    if not os.access(path, os.R_OK):
        raise StoreError(path, "permission denied")
    if info.st_size == 0:
        raise StoreError(path, "empty file, not a store")
    if info.st_size > MAX_STORE_BYTES:
        raise StoreError(path, too_large(info.st_size))


class Store:
    """The whole store as frozen records plus the indexes the UI needs."""

    def __init__(
        self,
        meta: Meta,
        events: Iterable[Event],
        members: Iterable[Member],
        citations: Iterable[Citation],
        case_files: Iterable[CaseFile],
        entities: Iterable[Entity],
    ) -> None:
        self.meta = meta
        self.events: tuple[Event, ...] = tuple(sorted(events, key=attrgetter("date", "id")))
        self.members: tuple[Member, ...] = tuple(members)
        self.citations: tuple[Citation, ...] = tuple(sorted(citations, key=lambda c: c.n))
        self.case_files: tuple[CaseFile, ...] = tuple(case_files)
        self.entities: Mapping[str, Entity] = {e.id: e for e in entities}
        self._event_by_id = {e.id: e for e in self.events}
        self._event_index = {e.id: i for i, e in enumerate(self.events)}
        self._citation_by_n = {c.n: c for c in self.citations}
        self._event_dates = [e.date for e in self.events]
        # Built on first use: at 100,000 events each costs a tenth of a second of start-up.
        self._by_actor_tag: tuple[dict[str, tuple[Event, ...]], dict[str, tuple[Event, ...]]] | None = None
        self._citing_index: dict[int, tuple[RecordRef, ...]] | None = None
        self._years: dict[int, int] | None = None
        self._cases: dict[tuple[str, str], tuple[AnyRecord, CaseFile | None]] | None = None
        self._related: dict[str, tuple[Entity, ...]] | None = None

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Load and validate a store; every problem is a StoreError."""
        with _collector_paused():
            return cls._open(Path(path))

    @classmethod
    def _open(cls, path: Path) -> Store:
        check_file(path)
        quick = cls._open_quick(path)
        if quick is not None:
            return quick
        # Only for a file msgspec refused: TinyDB and the wording converter, imported when needed.
        from csto_tui.model.exact import read_exact

        try:
            store = cls(**read_exact(path))
            store.check_values()
            store.check_links()
        except SchemaError as exc:
            raise StoreError(path, str(exc)) from None
        return store

    @classmethod
    def _open_quick(cls, path: Path) -> Store | None:
        """The store decoded by msgspec, or None to let the exact reader judge (and word) what msgspec refused."""
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_STORE_BYTES + 1)
            if len(raw) > MAX_STORE_BYTES or UNSAFE_TEXT.search(raw):
                return None
            tables = _DECODER.decode(raw)
        except (OSError, ValueError, msgspec.DecodeError, RecursionError, MemoryError):  # ValueError: bad UTF-8
            return None
        del raw  # the records share nothing with the bytes; 75 MB at 100,000 events
        if len(tables.meta) != 1:
            return None
        meta = next(iter(tables.meta.values()))
        if meta.schema_version != SCHEMA_VERSION:
            return None
        try:
            store = cls(
                meta=meta,
                events=tables.events.values(),
                members=_in_id_order(tables.members),
                citations=tables.citations.values(),
                case_files=_in_id_order(tables.case_files),
                entities=tables.entities.values(),
            )
            store.check_values()
            store.check_links()
        except SchemaError as exc:  # well-formed records that disagree: the checks word it themselves
            raise StoreError(path, str(exc)) from None
        return store

    def check_values(self) -> None:
        """Ids are unique and dates are ISO partial dates (the UI sorts and groups by them)."""
        if len(self._event_by_id) != len(self.events):  # the loop below only to name the repeated id
            _check_unique("event", [e.id for e in self.events])
        _check_unique("citation", [str(c.n) for c in self.citations])
        _check_unique("member", [m.id for m in self.members])
        _check_unique("case file", [c.id for c in self.case_files])
        if not self._event_dates_valid():
            self._check_event_dates()
        for citation in self.citations:
            for date in (citation.published, citation.accessed):
                if date is not None:
                    _check_date(f"citation [{citation.n}]", date)
        for member in self.members:
            for span in member.spans:
                for date in (span.start, span.end):
                    if date is not None:
                        _check_date(f"member {member.id}", date)
        for case in self.case_files:
            for phase in case.phases:
                _check_date(f"phase {phase.id}", phase.date)

    def _event_dates_valid(self) -> bool:
        """Every event's date and range at once (each distinct date checked once); False: let the loop word it."""
        if not all(map(_ISO_PARTIAL_DATE.fullmatch, set(self._event_dates))):
            return False
        for event in self.events:
            end = event.date_end
            if end is not None and not (
                _ISO_PARTIAL_DATE.fullmatch(end) and len(end) == len(event.date) and end >= event.date
            ):
                return False
        return True

    def _check_event_dates(self) -> None:
        valid: set[str] = set()  # 100,000 events share a few thousand dates: check each date once
        for event in self.events:
            if event.date not in valid:
                _check_date(f"event {event.id}", event.date)
                valid.add(event.date)
            if event.date_end is not None:
                _check_date(f"event {event.id}", event.date_end)
                if len(event.date_end) != len(event.date) or event.date_end < event.date:
                    raise SchemaError(f"event {event.id}: range end {event.date_end!r} is not after {event.date!r}")

    def check_links(self) -> None:
        """Every reference between records points at something that exists."""
        known = set(self._citation_by_n)
        for event in self.events:
            if not known.issuperset(event.refs):  # the message, and its f-string, only for an event that fails
                _check_refs(f"event {event.id}", event.refs, known)
            for entity_id in event.actors:
                if entity_id not in self.entities:
                    raise SchemaError(f"event {event.id}: unknown actor {entity_id!r}")
            if len(event.roles) != len(event.actors):
                raise SchemaError(f"event {event.id}: {len(event.actors)} actors but {len(event.roles)} roles")
        for entity in self.entities.values():
            for relation in entity.relations:
                if relation.target not in self.entities:
                    raise SchemaError(f"entity {entity.id}: relation to unknown entity {relation.target!r}")
        for member in self.members:
            if member.entity not in self.entities:
                raise SchemaError(f"member {member.id}: unknown entity {member.entity!r}")
        for case in self.case_files:
            for phase in case.phases:
                _check_refs(f"phase {phase.id}", phase.refs, known)
                for event_id in phase.events:
                    if event_id not in self._event_by_id:
                        raise SchemaError(f"phase {phase.id}: unknown event {event_id!r}")
            for actor in case.actors:
                _check_refs(f"actor {actor.id}", actor.refs, known)
                for field, entity_id in (("entity", actor.entity), ("country", actor.country)):
                    if entity_id not in self.entities:
                        raise SchemaError(f"actor {actor.id}: unknown {field} {entity_id!r}")
            for quote in case.quotes:
                _check_refs(f"quote {quote.id}", quote.refs, known)
                if quote.speaker not in self.entities:
                    raise SchemaError(f"quote {quote.id}: unknown speaker {quote.speaker!r}")
                if quote.event is not None and quote.event not in self._event_by_id:
                    raise SchemaError(f"quote {quote.id}: unknown event {quote.event!r}")
            _check_refs(f"case {case.id} outcome", case.outcome_refs, known)

    def _backlinks(self) -> dict[int, tuple[RecordRef, ...]]:
        citing: dict[int, list[RecordRef]] = defaultdict(list)
        for event in self.events:
            for n in event.refs:
                citing[n].append(RecordRef("event", event.id))
        for case in self.case_files:
            for phase in case.phases:
                for n in phase.refs:
                    citing[n].append(RecordRef("phase", phase.id))
            for actor in case.actors:
                for n in actor.refs:
                    citing[n].append(RecordRef("actor", actor.id))
            for quote in case.quotes:
                for n in quote.refs:
                    citing[n].append(RecordRef("quote", quote.id))
            for n in case.outcome_refs:
                citing[n].append(RecordRef("outcome", case.id))
        return {n: tuple(dict.fromkeys(refs)) for n, refs in citing.items()}

    # Queries the UI asks.

    def event(self, event_id: str) -> Event | None:
        return self._event_by_id.get(event_id)

    def event_index(self, event_id: str) -> int | None:
        """Position of an event in chronological order."""
        return self._event_index.get(event_id)

    def first_event_in_year(self, year: int) -> int:
        """Index of the first event in ``year`` or later (len(events) if none)."""
        return bisect_left(self._event_dates, f"{year:04d}")

    def events_for_actor(self, entity_id: str, roles: Collection[Role] = ROLES) -> tuple[Event, ...]:
        """The events naming ``entity_id`` in one of ``roles``, in date order."""
        events = self._actor_and_tag_index()[0].get(entity_id, ())
        if set(roles).issuperset(ROLES):
            return events
        wanted = frozenset(roles)
        return tuple(
            e for e in events if any(a == entity_id and r in wanted for a, r in zip(e.actors, e.roles, strict=True))
        )

    def related(self, entity_id: str) -> tuple[Entity, ...]:
        """The people the article names as leaders or officials of ``entity_id`` (its relations' sources)."""
        if self._related is None:
            related: dict[str, list[Entity]] = defaultdict(list)
            for entity in self.entities.values():
                for target in dict.fromkeys(r.target for r in entity.relations):
                    related[target].append(entity)
            self._related = {k: tuple(v) for k, v in related.items()}
        return self._related.get(entity_id, ())

    def events_with_tag(self, tag: str) -> tuple[Event, ...]:
        return self._actor_and_tag_index()[1].get(tag, ())

    def tags(self) -> tuple[str, ...]:
        return tuple(sorted(self._actor_and_tag_index()[1]))

    def _actor_and_tag_index(self) -> tuple[dict[str, tuple[Event, ...]], dict[str, tuple[Event, ...]]]:
        if self._by_actor_tag is None:
            by_actor: dict[str, list[Event]] = defaultdict(list)
            by_tag: dict[str, list[Event]] = defaultdict(list)
            for event in self.events:
                for actor in event.actors:
                    by_actor[actor].append(event)
                for tag in event.tags:
                    by_tag[tag].append(event)
            self._by_actor_tag = (
                {k: tuple(v) for k, v in by_actor.items()},
                {k: tuple(v) for k, v in by_tag.items()},
            )
        return self._by_actor_tag

    def years(self) -> dict[int, int]:
        """Event count per year, in year order."""
        if self._years is None:
            # Events are sorted by their ISO dates, so a year's events are one run: find its ends by bisection.
            dates = self._event_dates
            counts: dict[int, int] = {}
            if dates:
                for year in range(int(dates[0][:4]), int(dates[-1][:4]) + 1):
                    end = bisect_left(dates, f"{year + 1:04d}") if year < 9999 else len(dates)
                    if count := end - bisect_left(dates, f"{year:04d}"):
                        counts[year] = count
            self._years = counts
        return dict(self._years)

    def record(self, ref: RecordRef) -> AnyRecord | None:
        """The record ``ref`` points at, of the kind it names, or None when the store has none."""
        if ref.kind == "event":
            return self._event_by_id.get(ref.id)
        if ref.kind == "citation":
            return self._citation_by_n.get(int(ref.id)) if ref.id.isdigit() else None
        found = self._case_index().get((ref.kind, ref.id))
        return found[0] if found else None

    def case_of(self, ref: RecordRef) -> CaseFile | None:
        """The case file holding the phase, actor, quote or outcome ``ref``."""
        found = self._case_index().get((ref.kind, ref.id))
        return found[1] if found else None

    def _case_index(self) -> dict[tuple[str, str], tuple[AnyRecord, CaseFile | None]]:
        if self._cases is None:
            index: dict[tuple[str, str], tuple[AnyRecord, CaseFile | None]] = {}
            for member in self.members:
                index.setdefault(("member", member.id), (member, None))
            for case in self.case_files:
                index.setdefault(("outcome", case.id), (case, case))
                for phase in case.phases:
                    index.setdefault(("phase", phase.id), (phase, case))
                for actor in case.actors:
                    index.setdefault(("actor", actor.id), (actor, case))
                for quote in case.quotes:
                    index.setdefault(("quote", quote.id), (quote, case))
            self._cases = index
        return self._cases

    def citation(self, n: int) -> Citation | None:
        return self._citation_by_n.get(n)

    def citing(self, n: int) -> tuple[RecordRef, ...]:
        """Every record whose refs include footnote ``n`` (Wikipedia's ^ a b)."""
        if self._citing_index is None:
            self._citing_index = self._backlinks()
        return self._citing_index.get(n, ())

    def members_by_status(self) -> dict[Status, tuple[Member, ...]]:
        return {
            status: tuple(sorted((m for m in self.members if m.status == status), key=lambda m: m.order))
            for status in STATUSES
        }

    def entity(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a store loads.

    Loading allocates a million objects and none of them is garbage; each collection
    the allocations trigger walks them all again, which tripled the load of 100,000 events.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Tables(msgspec.Struct, gc=False):
    """A store file as msgspec reads it: TinyDB's tables of documents by id (other tables ignored, as by TinyDB)."""

    meta: dict[int, Meta]
    events: dict[int, Event]
    members: dict[int, Member]
    citations: dict[int, Citation]
    case_files: dict[int, CaseFile]
    entities: dict[int, Entity]


_DECODER = msgspec.json.Decoder(_Tables)


def _in_id_order(table: dict[int, T]) -> list[T]:
    return [table[n] for n in sorted(table)]


def _check_unique(kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for record_id in ids:
        if record_id in seen:
            raise SchemaError(f"{kind} id {shorten(repr(record_id))} appears twice")
        seen.add(record_id)


def _check_date(where: str, date: str) -> None:
    if not _ISO_PARTIAL_DATE.fullmatch(date):
        raise SchemaError(f"{where}: date {shorten(repr(date))} is not YYYY, YYYY-MM or YYYY-MM-DD")


def _check_refs(where: str, refs: Iterable[int], known: set[int]) -> None:
    for n in refs:
        if n not in known:
            raise SchemaError(f"{where}: footnote [{n}] does not exist")
