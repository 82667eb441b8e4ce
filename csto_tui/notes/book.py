"""Marks and notes on store records, in the user's own TinyDB database.

Records are keyed by their store kind and id (``RecordRef``). A mark whose record the
store no longer has stays, and is reported as orphaned rather than dropped. The file is
``$XDG_DATA_HOME/csto-tui/notes.json``; under ``csto-tui serve`` the session's state
directory takes the place of the data home (see ``notes_path``). Pure Python: no Textual.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, get_args

from tinydb import Query, TinyDB
from tinydb.table import Table

from csto_tui.model import RecordRef, Store
from csto_tui.model.records import RecordKind
from csto_tui.notes.storage import NotesStorage
from csto_tui.paths import SERVED_ENV, user_data_dir
from csto_tui.safety import clean

FILE_NAME = "notes.json"
MAX_NOTE_CHARS = 10_000
KINDS: tuple[str, ...] = get_args(RecordKind)
INSERT_TRIES = 20
T = TypeVar("T")


def notes_path() -> Path | None:
    """Where this session's notes live; None: in memory, for this session only."""
    how = os.environ.get(SERVED_ENV)
    if how == "web":  # a browser tab: its marks last as long as the tab
        return None
    if how:
        base = os.environ.get("XDG_DATA_HOME") or ""
        return Path(base) / "csto-tui" / FILE_NAME if os.path.isabs(base) else None
    return user_data_dir() / FILE_NAME


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class Mark:
    ref: RecordRef
    marked: str  # ISO 8601 UTC, when it was marked
    position: float  # reading-list order; starts as the order marked


class _FreshIdTable(Table):
    """Document ids from the file as it is now: another session may have added documents since.

    TinyDB remembers the next id, and picks it in one read and inserts in another; a session
    that wrote in between makes the insert fail, and it is tried again with a fresh id.
    """

    def insert(self, document: Mapping[str, Any]) -> int:
        return int(self._fresh(lambda: super(_FreshIdTable, self).insert(document)))

    def insert_multiple(self, documents: Iterable[Mapping[str, Any]]) -> list[int]:
        documents = list(documents)
        return list(self._fresh(lambda: super(_FreshIdTable, self).insert_multiple(documents)))

    def _fresh(self, insert: Callable[[], T]) -> T:
        for _ in range(INSERT_TRIES - 1):
            self._next_id = None
            try:
                return insert()
            except ValueError as exc:
                if "already exists" not in str(exc):
                    raise
        self._next_id = None
        return insert()


class _NotesDB(TinyDB):
    table_class = _FreshIdTable


def _where(ref: RecordRef) -> Any:
    record = Query()
    return (record.kind == ref.kind) & (record.id == ref.id)


def _ref(doc: dict[str, Any]) -> RecordRef | None:
    kind, ident = doc.get("kind"), doc.get("id")
    if kind in KINDS and isinstance(ident, str):
        return RecordRef(kind, ident)
    return None


class Notebook:
    """The user's marks and notes. Reads are from a snapshot refreshed after every write and by ``reload``."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._db = _NotesDB(None if path is None else str(path), storage=NotesStorage)
        # cache_size=0: another session may change the file between two queries.
        self._marks = self._db.table("marks", cache_size=0)
        self._notes = self._db.table("notes", cache_size=0)
        self._mark_list: list[Mark] = []
        self._note_map: dict[RecordRef, str] = {}
        self.reload()

    @classmethod
    def open_default(cls) -> Notebook:
        return cls(notes_path())

    @property
    def storage(self) -> NotesStorage:
        storage = self._db.storage
        assert isinstance(storage, NotesStorage)
        return storage

    @property
    def saving(self) -> bool:
        return self.storage.saving

    def take_warnings(self) -> list[str]:
        """Warnings since the last call (a file set aside, a disk that said no), each one line."""
        warnings, self.storage.warnings[:] = list(self.storage.warnings), []
        return warnings

    def reload(self) -> None:
        marks: list[Mark] = []
        for doc in self._marks.all():
            ref = _ref(doc)
            if ref is None:
                continue
            position = doc.get("position")
            marked = doc.get("marked")
            marks.append(
                Mark(
                    ref,
                    marked if isinstance(marked, str) else "",
                    float(position) if isinstance(position, int | float) else float(doc.doc_id),
                )
            )
        marks.sort(key=lambda m: (m.position, m.marked))
        self._mark_list = marks
        notes: dict[RecordRef, str] = {}
        for doc in self._notes.all():
            ref = _ref(doc)
            if ref is not None and isinstance(doc.get("text"), str) and doc["text"]:
                notes[ref] = doc["text"]
        self._note_map = notes

    # Marks.

    def marks(self) -> list[Mark]:
        """In reading-list order (the order marked, unless moved)."""
        return list(self._mark_list)

    def marked(self) -> set[RecordRef]:
        return {m.ref for m in self._mark_list}

    def is_marked(self, ref: RecordRef) -> bool:
        return any(m.ref == ref for m in self._mark_list)

    def mark(self, ref: RecordRef) -> None:
        if not self.is_marked(ref):
            last = max((m.position for m in self._mark_list), default=0.0)
            self._marks.insert({"kind": ref.kind, "id": ref.id, "marked": now(), "position": last + 1})
        self.reload()

    def unmark(self, ref: RecordRef) -> None:
        self._marks.remove(_where(ref))
        self.reload()

    def toggle(self, ref: RecordRef) -> bool:
        """Mark or unmark ``ref``; True when it is now marked."""
        self.reload()  # another session may have marked it meanwhile
        if self.is_marked(ref):
            self.unmark(ref)
            return False
        self.mark(ref)
        return True

    def move(self, ref: RecordRef, step: int) -> bool:
        """Move ``ref`` ``step`` places in the reading list; False when it cannot move."""
        order = [m.ref for m in self._mark_list]
        if ref not in order:
            return False
        i = order.index(ref)
        j = i + step
        if step == 0 or not 0 <= j < len(order):
            return False
        others = [m for m in self._mark_list if m.ref != ref]
        before = others[j - 1].position if j > 0 else None
        after = others[j].position if j < len(others) else None
        # Between its new neighbours: one document changes, whatever the length of the list.
        if before is not None and after is not None:
            position = (before + after) / 2
        else:
            position = before + 1 if before is not None else (after or 0.0) - 1
        self._marks.update({"position": position}, _where(ref))
        self.reload()
        return True

    def orphaned(self, store: Store) -> list[Mark]:
        """Marks whose record the store does not have (kept, never dropped)."""
        return [m for m in self._mark_list if not exists(store, m.ref)]

    # Notes.

    def note(self, ref: RecordRef) -> str | None:
        return self._note_map.get(ref)

    def notes(self) -> dict[RecordRef, str]:
        return dict(self._note_map)

    def set_note(self, ref: RecordRef, text: str) -> None:
        """Set the note on ``ref``; blank text removes it."""
        text = clean(text).strip()[:MAX_NOTE_CHARS]
        if text:
            self._notes.upsert({"kind": ref.kind, "id": ref.id, "text": text, "updated": now()}, _where(ref))
        else:
            self._notes.remove(_where(ref))
        self.reload()

    # The whole notebook, for export and import (see csto_tui.notes.transfer).

    def documents(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return [dict(d) for d in self._marks.all()], [dict(d) for d in self._notes.all()]

    def add_documents(self, marks: list[dict[str, Any]], notes: list[dict[str, Any]]) -> None:
        """Add marks (not yet marked: one save for all) and add or replace notes (import)."""
        if marks:
            self._marks.insert_multiple(marks)
        for doc in notes:
            self._notes.upsert(doc, _where(RecordRef(doc["kind"], doc["id"])))
        self.reload()


def exists(store: Store, ref: RecordRef) -> bool:
    """Whether the store has the record ``ref`` points at."""
    return store.record(ref) is not None
