"""``csto-tui notes export`` and ``notes import``: the notebook as one JSON document.

The export format (``csto-tui-notes-export``, version 1) is documented in docs/notes.md.
Import validates the whole file before it changes anything, adds what is new, and never
loses an existing note: when both sides have a different note on the same record, both
texts are kept in the note and the conflict is reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from csto_tui.model import RecordRef
from csto_tui.notes.book import KINDS, MAX_NOTE_CHARS, Notebook, now
from csto_tui.safety import clean, clean_line

EXPORT_FORMAT = "csto-tui-notes-export"
EXPORT_VERSION = 1
MAX_IMPORT_BYTES = 16 * 1024 * 1024
MAX_ID_CHARS = 200


class InvalidImport(ValueError):
    """The file cannot be imported; ``str()`` is one line saying where and why."""


def export(notebook: Notebook) -> dict[str, Any]:
    marks, notes = notebook.documents()
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported": now(),
        "marks": [
            {"kind": d["kind"], "id": d["id"], "marked": d.get("marked"), "position": d.get("position")}
            for d in sorted(marks, key=lambda d: (_number(d.get("position")), str(d.get("marked"))))
        ],
        "notes": [
            {"kind": d["kind"], "id": d["id"], "text": d["text"], "updated": d.get("updated")}
            for d in sorted(notes, key=lambda d: (str(d["kind"]), str(d["id"])))
        ],
    }


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def export_text(notebook: Notebook) -> str:
    return json.dumps(export(notebook), ensure_ascii=False, indent=2) + "\n"


@dataclass
class ImportReport:
    marks_new: int = 0
    marks_known: int = 0
    notes_new: int = 0
    notes_same: int = 0
    conflicts: list[RecordRef] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"imported {self.marks_new} new marks ({self.marks_known} already marked), "
            f"{self.notes_new} new notes ({self.notes_same} already there)"
        )
        if self.conflicts:
            where = ", ".join(f"{r.kind} {r.id}" for r in self.conflicts[:5])
            more = f" and {len(self.conflicts) - 5} more" if len(self.conflicts) > 5 else ""
            text += f"; {len(self.conflicts)} notes differed and now hold both texts: {where}{more}"
        return text


def _fail(where: str, problem: str) -> InvalidImport:
    return InvalidImport(f"{where}: {problem}")


def _ref_of(item: object, where: str) -> RecordRef:
    if not isinstance(item, dict):
        raise _fail(where, "not an object")
    kind, ident = item.get("kind"), item.get("id")
    if kind not in KINDS:
        raise _fail(where, f"kind must be one of {', '.join(KINDS)}")
    if not isinstance(ident, str) or not ident or len(ident) > MAX_ID_CHARS or clean_line(ident) != ident:
        raise _fail(where, "id must be a short one-line string")
    return RecordRef(kind, ident)


def _optional_str(item: dict[str, Any], name: str, where: str) -> str | None:
    value = item.get(name)
    if value is not None and not isinstance(value, str):
        raise _fail(where, f"{name} must be a string")
    return clean_line(value) if value else None


def parse(raw: bytes) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The marks and notes of an export file, checked; raises InvalidImport with the first problem."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise _fail("file", f"larger than {MAX_IMPORT_BYTES // 2**20} MiB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _fail("file", "not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _fail(f"line {exc.lineno} column {exc.colno}", f"invalid JSON: {exc.msg}") from None
    except (ValueError, RecursionError):
        raise _fail("file", "invalid JSON") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise _fail("file", f'not a csto-tui notes export (no "format": "{EXPORT_FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise _fail("file", f"version {version!r} is not one this csto-tui reads (up to {EXPORT_VERSION})")
    marks_in, notes_in = data.get("marks", []), data.get("notes", [])
    if not isinstance(marks_in, list) or not isinstance(notes_in, list):
        raise _fail("file", "marks and notes must be lists")
    marks: list[dict[str, Any]] = []
    for i, item in enumerate(marks_in):
        where = f"marks[{i}]"
        ref = _ref_of(item, where)
        marks.append({"kind": ref.kind, "id": ref.id, "marked": _optional_str(item, "marked", where)})
    notes: list[dict[str, Any]] = []
    for i, item in enumerate(notes_in):
        where = f"notes[{i}]"
        ref = _ref_of(item, where)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _fail(where, "text must be a non-empty string")
        if len(text) > MAX_NOTE_CHARS:
            raise _fail(where, f"text longer than {MAX_NOTE_CHARS} characters")
        notes.append(
            {
                "kind": ref.kind,
                "id": ref.id,
                "text": clean(text).strip(),
                "updated": _optional_str(item, "updated", where),
            }
        )
    return marks, notes


def import_into(notebook: Notebook, raw: bytes, source: str) -> ImportReport:
    """Merge an export file into ``notebook``; nothing changes when the file is invalid."""
    marks, notes = parse(raw)
    notebook.reload()
    report = ImportReport()
    known = notebook.marked()
    last = max((m.position for m in notebook.marks()), default=0.0)
    new_marks: list[dict[str, Any]] = []
    for doc in marks:
        ref = RecordRef(doc["kind"], doc["id"])
        if ref in known:
            report.marks_known += 1
            continue
        known.add(ref)
        last += 1
        new_marks.append({**doc, "marked": doc["marked"] or now(), "position": last})
        report.marks_new += 1
    changed_notes: list[dict[str, Any]] = []
    existing = notebook.notes()
    for doc in notes:
        ref = RecordRef(doc["kind"], doc["id"])
        mine = existing.get(ref)
        if mine is None:
            report.notes_new += 1
            text = doc["text"]
            changed_notes.append({**doc, "updated": doc["updated"] or now()})
        elif doc["text"] in mine:
            report.notes_same += 1
            text = mine
        else:
            report.conflicts.append(ref)
            text = f"{mine}\n\n[imported from {clean_line(source)}]\n{doc['text']}"
            changed_notes.append({**doc, "text": text, "updated": now()})
        existing[ref] = text
    notebook.add_documents(new_marks, changed_notes)
    return report
