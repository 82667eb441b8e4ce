"""History and preferences: pure Python, no terminal."""

from __future__ import annotations

import json
from pathlib import Path

from csto_tui.model import RecordRef
from csto_tui.ui import prefs
from csto_tui.ui.history import History

A, B, C, D = (RecordRef("event", x) for x in "abcd")


def test_history_back_forward_and_truncation() -> None:
    history = History()
    assert history.back() is None and history.forward() is None
    for ref in (A, B, C):
        history.visit(ref)
    history.visit(C)  # revisiting the current place adds nothing
    assert history.back() == B
    assert history.back() == A
    assert history.back() is None
    assert history.forward() == B
    history.visit(D)  # a new visit drops the forward part, like a browser
    assert not history.can_forward
    assert history.back() == B
    assert history.forward() == D


def test_history_limit() -> None:
    history = History(limit=3)
    for i in range(10):
        history.visit(RecordRef("event", str(i)))
    assert [history.back(), history.back(), history.back()] == [
        RecordRef("event", "8"),
        RecordRef("event", "7"),
        None,
    ]


def test_prefs_round_trip(state_home: Path) -> None:
    saved = prefs.Prefs(language="en", pane="inspector", selection=RecordRef("citation", "24"))
    assert prefs.save(saved) is None
    path = state_home / "csto-tui" / "prefs.json"
    assert json.loads(path.read_text(encoding="utf-8"))["language"] == "en"
    assert prefs.load() == saved
    assert [p.name for p in path.parent.iterdir()] == ["prefs.json"]  # no temp file left behind


def test_missing_prefs_are_defaults() -> None:
    loaded = prefs.load()
    assert loaded == prefs.Prefs() and loaded.warnings == []


def test_corrupt_prefs_are_set_aside(state_home: Path) -> None:
    path = state_home / "csto-tui" / "prefs.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    loaded = prefs.load()
    assert loaded == prefs.Prefs()
    assert len(loaded.warnings) == 1 and "prefs.json.bad" in loaded.warnings[0]
    assert (path.parent / "prefs.json.bad").read_text(encoding="utf-8") == "{not json"
    assert not path.exists()


def test_foreign_prefs_are_set_aside(state_home: Path) -> None:
    path = state_home / "csto-tui" / "prefs.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"theme": "dark"}), encoding="utf-8")
    loaded = prefs.load()
    assert loaded == prefs.Prefs() and "not a csto-tui preferences file" in loaded.warnings[0]


def test_bad_values_fall_back_to_defaults(state_home: Path) -> None:
    path = state_home / "csto-tui" / "prefs.json"
    path.parent.mkdir(parents=True)
    doc = {"format": "csto-tui-prefs", "version": 1, "language": "fr", "pane": 3, "selection": {"kind": "x"}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert prefs.load() == prefs.Prefs()


def test_unwritable_state_dir_is_a_warning(state_home: Path) -> None:
    state_home.mkdir()
    (state_home / "csto-tui").write_text("a file where the directory should be", encoding="utf-8")
    warning = prefs.save(prefs.Prefs())
    assert warning is not None and warning.startswith("preferences not saved")
