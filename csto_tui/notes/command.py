"""``csto-tui notes export`` and ``notes import``: move marks and notes between machines and sessions."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from csto_tui.atomic import write_text_atomic
from csto_tui.notes.book import Notebook
from csto_tui.notes.transfer import InvalidImport, export_text, import_into
from csto_tui.output import error, write
from csto_tui.safety import clean_line


def _open() -> Notebook:
    notebook = Notebook.open_default()
    for warning in notebook.take_warnings():
        error(warning)
    return notebook


def export_main(args: argparse.Namespace) -> int:
    notebook = _open()
    text = export_text(notebook)
    out: Path | None = args.out
    if out is None:
        write(text.rstrip("\n"))
        return 0
    if out.exists() and not args.force:
        error(f"{clean_line(str(out))} exists; choose another name or pass --force to replace it")
        return 2
    try:
        write_text_atomic(out, text, mode=0o600)
    except OSError as exc:
        error(f"cannot write {clean_line(str(out))}: {exc.strerror or exc}")
        return 1
    marks, notes = notebook.documents()
    print(f"exported {len(marks)} marks and {len(notes)} notes to {clean_line(str(out))}")
    return 0


def import_main(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        if not path.is_file():
            error(f"{clean_line(str(path))}: not a file")
            return 2
        raw = path.read_bytes()
    except OSError as exc:
        error(f"cannot read {clean_line(str(path))}: {exc.strerror or exc}")
        return 2
    notebook = _open()
    if not notebook.saving:
        error("nothing imported: the notebook cannot be saved")
        return 1
    try:
        report = import_into(notebook, raw, os.path.basename(path))
    except InvalidImport as exc:
        error(f"{clean_line(str(path))}: {exc}; nothing imported")
        return 2
    for warning in notebook.take_warnings():
        error(warning)
    if not notebook.saving:
        error("nothing imported: the notebook could not be saved")
        return 1
    print(report.summary())
    return 0
