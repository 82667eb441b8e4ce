"""``csto-tui events``, ``bib`` and ``notes``: output for scripts, one-line errors with exit 2 for bad filters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from csto_tui.cli import main
from csto_tui.model import RecordRef
from csto_tui.notes.book import Notebook


@pytest.fixture(autouse=True)
def data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("CSTO_TUI_SERVED", raising=False)
    return tmp_path / "data"


def _run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out.decode("utf-8"), err.decode("utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["events", "--actor", "Rusia"], "no actor 'Rusia' in the store; did you mean Russia (俄罗斯)"),
        (["bib", "--actor", "卢卡申"], "did you mean Alexander Lukashenko (亚历山大·卢卡申科)"),
        (["events", "--from", "2020", "--to", "2010"], "--from 2020 is after --to 2010"),
        (["bib", "--tag", "sumit"], "no tag 'sumit' (tags: agreement,"),
        (["events", "--format", "xml"], "unknown format 'xml'"),
    ],
)
def test_a_bad_filter_exits_2_with_one_line(
    capsysbinary: pytest.CaptureFixture[bytes], argv: list[str], message: str
) -> None:
    code, out, err = _run(capsysbinary, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_actor_by_id_english_or_chinese_name(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    outputs = {
        _run(capsysbinary, "events", "--actor", name, "-f", "json")[1]
        for name in ("country:belarus", "belarus", "Belarus", "白俄罗斯")
    }
    assert len(outputs) == 1
    events = json.loads(outputs.pop())["events"]
    # Belarus or its president, whom the article names 白俄罗斯总统 (as the timeline's filter counts).
    assert events and all(any(a["id"] in ("country:belarus", "person:lukashenko") for a in e["actors"]) for e in events)


def test_marked_events_with_their_notes_as_csv(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    book = Notebook.open_default()
    book.mark(RecordRef("event", "history-crrf-agreed"))
    book.mark(RecordRef("event", "kg-yerevan-no-aid"))
    book.set_note(RecordRef("event", "kg-yerevan-no-aid"), "compare with the Reuters report")
    code, out, err = _run(capsysbinary, "events", "--marked", "--format", "csv")
    assert (code, err) == (0, "")
    read = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in read] == ["history-crrf-agreed", "kg-yerevan-no-aid"]
    assert read[1]["note"] == "compare with the Reuters report"
    code, out, _ = _run(capsysbinary, "bib", "--marked", "--format", "bibtex")
    assert code == 0 and "@misc{" in out


def test_search_and_tag(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = _run(capsysbinary, "events", "--search", "Issyk-Kul", "--tag", "summit")
    assert code == 0 and out.startswith("2009-07-31") and out.count("\n") == 1


def test_notes_export_and_import_merge_and_report_conflicts(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = RecordRef("event", "a"), RecordRef("quote", "b")
    book = Notebook.open_default()
    book.mark(a)
    book.set_note(a, "mine")
    out_file = tmp_path / "export.json"
    assert _run(capsysbinary, "notes", "export", "--out", str(out_file))[0] == 0
    code, _, err = _run(capsysbinary, "notes", "export", "--out", str(out_file))
    assert code == 2 and "exists" in err  # never replaced without --force
    # Another machine: a different note on a, a new mark and note on b.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other"))
    other = Notebook.open_default()
    other.mark(b)
    other.set_note(a, "theirs")
    other.set_note(b, "new")
    code, theirs, _ = _run(capsysbinary, "notes", "export")
    assert code == 0 and json.loads(theirs)["format"] == "csto-tui-notes-export"
    (tmp_path / "theirs.json").write_text(theirs)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code, out, err = _run(capsysbinary, "notes", "import", str(tmp_path / "theirs.json"))
    assert (code, err) == (0, "")
    assert "1 new marks" in out and "1 new notes" in out and "1 notes differed and now hold both texts: event a" in out
    merged = Notebook.open_default()
    assert merged.marked() == {a, b}
    assert "mine" in (merged.note(a) or "") and "theirs" in (merged.note(a) or "")
    # Importing the same file again changes nothing.
    before = merged.documents()
    assert _run(capsysbinary, "notes", "import", str(tmp_path / "theirs.json"))[0] == 0
    assert Notebook.open_default().documents()[1] == before[1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{", "invalid JSON"),
        (b'{"format": "something-else"}', "not a csto-tui notes export"),
        (b'{"format": "csto-tui-notes-export", "version": 1, "marks": [{"kind": "planet", "id": "x"}]}', "marks[0]"),
        (b'{"format": "csto-tui-notes-export", "version": 1, "notes": [{"kind": "event", "id": "x"}]}', "notes[0]"),
    ],
)
def test_a_bad_import_changes_nothing(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path, data_home: Path, content: bytes, message: str
) -> None:
    Notebook.open_default().mark(RecordRef("event", "kept"))
    before = (data_home / "csto-tui" / "notes.json").read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out, err = _run(capsysbinary, "notes", "import", str(bad))
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err and "nothing imported" in err
    assert (data_home / "csto-tui" / "notes.json").read_bytes() == before


def test_actor_counts_acting_and_affected_unless_any_role(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    # Moscow is only ever a place: by default it has no events, and stderr says where they went.
    code, out, err = _run(capsysbinary, "events", "--actor", "Moscow", "-f", "json")
    assert code == 0 and json.loads(out)["events"] == []
    assert err == "csto-tui: no events pass these filters; 3 name this actor in other roles (--any-role)\n"
    code, out, err = _run(capsysbinary, "events", "--actor", "Moscow", "--any-role", "-f", "json")
    assert (code, err) == (0, "") and len(json.loads(out)["events"]) == 3
    # Uzbekistan did not sign the force's agreement: excluded, so only --any-role takes it in.
    ids = [
        e["id"] for e in json.loads(_run(capsysbinary, "events", "--actor", "uzbekistan", "-f", "json")[1])["events"]
    ]
    assert "crrf-agreement" not in ids and "lead-uzbekistan-rejoins" in ids
    every = _run(capsysbinary, "events", "--actor", "uzbekistan", "--any-role", "-f", "json")[1]
    assert "crrf-agreement" in [e["id"] for e in json.loads(every)["events"]]
    # Belarus takes in its president's events unless --no-leaders.
    with_leaders = _run(capsysbinary, "events", "--actor", "Belarus", "-f", "csv")[1]
    alone = _run(capsysbinary, "events", "--actor", "Belarus", "--no-leaders", "-f", "csv")[1]
    assert "kg-ntv-documentary" in with_leaders and "kg-ntv-documentary" not in alone


def test_role_options_need_an_actor(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, err = _run(capsysbinary, "bib", "--any-role")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "give --actor too" in err
