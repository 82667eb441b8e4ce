"""Per-user preferences: language, last pane and selection, kept in the XDG state directory.

Pure Python (no Textual). Writes are atomic (temp file + rename). A file that is
corrupt or not ours is moved aside with a warning and defaults are used: a bad
state file must never stop the app.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast, get_args

from csto_tui.atomic import write_text_atomic
from csto_tui.model import RecordRef
from csto_tui.model.records import Language, RecordKind
from csto_tui.paths import state_dir

FILE_NAME = "prefs.json"
FORMAT = "csto-tui-prefs"
VERSION = 1


@dataclass
class Prefs:
    language: Language = "zh"
    pane: str = "timeline"
    selection: RecordRef | None = None
    warnings: list[str] = field(default_factory=list, compare=False)


def prefs_path() -> Path:
    return state_dir() / FILE_NAME


def _set_aside(path: Path, why: str) -> str:
    aside = path.with_name(f"{path.name}.bad")
    try:
        os.replace(path, aside)
    except OSError:
        return f"preferences in {path} ignored: {why}"
    return f"preferences in {path} ignored ({why}); kept as {aside.name}"


def _parse(data: Any) -> Prefs:
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ValueError("not a csto-tui preferences file")
    prefs = Prefs()
    if data.get("language") in get_args(Language):
        prefs.language = cast(Language, data["language"])
    if isinstance(data.get("pane"), str):
        prefs.pane = data["pane"]
    selection = data.get("selection")
    if (
        isinstance(selection, dict)
        and selection.get("kind") in get_args(RecordKind)
        and isinstance(selection.get("id"), str)
    ):
        prefs.selection = RecordRef(cast(RecordKind, selection["kind"]), selection["id"])
    return prefs


def load(path: Path | None = None) -> Prefs:
    """The saved preferences, or defaults (with a warning when a bad file was set aside)."""
    path = path or prefs_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Prefs()
    except (OSError, UnicodeDecodeError) as exc:
        return Prefs(warnings=[_set_aside(path, type(exc).__name__)])
    try:
        return _parse(json.loads(text))
    except ValueError as exc:  # JSONDecodeError is a ValueError
        return Prefs(warnings=[_set_aside(path, str(exc).split(":")[0])])


def save(prefs: Prefs, path: Path | None = None) -> str | None:
    """Write atomically; returns a one-line warning instead of raising when the disk says no."""
    path = path or prefs_path()
    data = {
        "format": FORMAT,
        "version": VERSION,
        "language": prefs.language,
        "pane": prefs.pane,
        "selection": None if prefs.selection is None else {"kind": prefs.selection.kind, "id": prefs.selection.id},
    }
    try:
        write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n", mode=0o600)
    except OSError as exc:
        return f"preferences not saved: {exc.strerror or exc}"
    return None
