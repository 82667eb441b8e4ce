"""The atomic writer: the new file's bytes are on disk before the rename makes it the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from csto_tui import atomic


def test_data_synced_before_the_rename_and_the_rename_synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    fsync, replace = os.fsync, os.replace

    def record_fsync(fd: int) -> None:
        target = os.readlink(f"/proc/self/fd/{fd}")
        calls.append("fsync dir" if Path(target) == tmp_path else f"fsync {Path(target).read_text()!r}")
        fsync(fd)

    def record_replace(src: str | Path, dst: str | Path) -> None:
        calls.append("replace")
        replace(src, dst)

    monkeypatch.setattr(atomic.os, "fsync", record_fsync)
    monkeypatch.setattr(atomic.os, "replace", record_replace)
    path = tmp_path / "prefs.json"
    atomic.write_text_atomic(path, "new\n")
    assert calls == ["fsync 'new\\n'", "replace", "fsync dir"]
    assert path.read_text() == "new\n" and [p.name for p in tmp_path.iterdir()] == ["prefs.json"]
