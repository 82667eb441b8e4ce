"""The notebook: marks and notes kept by store id, merged between sessions, bad files set aside, never lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csto_tui.model import RecordRef, Store
from csto_tui.notes.book import Notebook, notes_path
from csto_tui.notes.storage import FORMAT, merge
from csto_tui.paths import shipped_store

A, B, Q = RecordRef("event", "a"), RecordRef("event", "b"), RecordRef("quote", "q")


def test_marks_and_notes_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "csto-tui" / "notes.json"
    book = Notebook(path)
    assert book.toggle(A) and book.toggle(B) and not book.toggle(A)
    book.set_note(B, "  read the Reuters piece  ")
    again = Notebook(path)
    assert [m.ref for m in again.marks()] == [B]
    assert again.note(B) == "read the Reuters piece"
    assert json.loads(path.read_text())["meta"]["1"]["format"] == FORMAT
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.with_name("notes.json.bak").exists()  # the version before the last save


def test_two_notebooks_on_one_file_keep_each_others_marks(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    first, second = Notebook(path), Notebook(path)
    first.mark(A)
    second.mark(Q)  # second has not re-read since first's save: the merge keeps A
    first.unmark(A)
    second.set_note(Q, "why silent?")
    final = Notebook(path)
    assert final.marked() == {Q} and final.note(Q) == "why silent?"


def test_merge_never_deletes_an_edit_made_elsewhere() -> None:
    base = {"notes": {"1": {"kind": "event", "id": "a", "text": "old"}}}
    ours: dict[str, dict[str, dict[str, object]]] = {"notes": {}}  # we removed the note ...
    disk = {"notes": {"1": {"kind": "event", "id": "a", "text": "edited elsewhere"}}}  # ... someone edited it
    assert merge(base, ours, disk)["notes"] == disk["notes"]  # type: ignore[arg-type]


def test_merge_keeps_both_texts_when_two_sessions_change_a_note() -> None:
    base = {"notes": {"1": {"kind": "event", "id": "a", "text": "old"}}}
    ours = {"notes": {"1": {"kind": "event", "id": "a", "text": "mine"}}}
    disk = {"notes": {"1": {"kind": "event", "id": "a", "text": "theirs"}}}
    text = merge(base, ours, disk)["notes"]["1"]["text"]  # type: ignore[arg-type]
    assert "mine" in text and "theirs" in text


def test_new_documents_get_fresh_ids_when_both_sessions_chose_the_same() -> None:
    ours = {"marks": {"1": {"kind": "event", "id": "a"}}}
    disk = {"marks": {"1": {"kind": "event", "id": "b"}}}
    merged = merge({}, ours, disk)["marks"]  # type: ignore[arg-type]
    assert sorted(d["id"] for d in merged.values()) == ["a", "b"]


def test_orphaned_marks_are_kept_and_reported(tmp_path: Path) -> None:
    store = Store.open(shipped_store())
    book = Notebook(tmp_path / "notes.json")
    real, gone = RecordRef("event", store.events[0].id), RecordRef("event", "removed-in-a-later-build")
    book.mark(real)
    book.mark(gone)
    assert [m.ref for m in book.orphaned(store)] == [gone]
    assert Notebook(tmp_path / "notes.json").marked() == {real, gone}


def test_reading_list_order_moves(tmp_path: Path) -> None:
    book = Notebook(tmp_path / "notes.json")
    for ref in (A, B, Q):
        book.mark(ref)
    assert book.move(Q, -2) and not book.move(Q, -1)
    assert [m.ref for m in Notebook(tmp_path / "notes.json").marks()] == [Q, A, B]


@pytest.mark.parametrize("content", [b"{not json", b'{"_default": {"1": {"x": 1}}}', b"\xff\xfe", b"[]"])
def test_a_bad_or_foreign_file_is_set_aside_and_the_backup_restored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.json"
    book = Notebook(path)
    book.mark(A)
    book.mark(B)  # notes.json.bak now holds the version with A only
    path.write_bytes(content)
    again = Notebook(path)
    [warning] = again.take_warnings()
    assert "moved aside" in warning and "restored the previous version" in warning
    assert again.marked() == {A}
    [aside] = tmp_path.glob("notes.json.bad-*")
    assert aside.read_bytes() == content  # set aside byte for byte, never overwritten


def test_a_newer_notebook_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    newer = json.dumps({"meta": {"1": {"format": FORMAT, "version": 99}}, "marks": {}})
    path.write_text(newer)
    book = Notebook(path)
    book.mark(A)
    assert not book.saving and book.is_marked(A)
    assert "newer csto-tui" in " ".join(book.take_warnings())
    assert path.read_text() == newer


def test_served_sessions_keep_notes_in_their_state_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("CSTO_TUI_SERVED", raising=False)
    assert notes_path() == tmp_path / "csto-tui" / "notes.json"
    monkeypatch.setenv("CSTO_TUI_SERVED", "ssh")
    assert notes_path() == tmp_path / "csto-tui" / "notes.json"
    monkeypatch.setenv("CSTO_TUI_SERVED", "web")
    assert notes_path() is None
    book = Notebook(None)
    book.mark(A)
    assert book.is_marked(A) and book.saving is False
