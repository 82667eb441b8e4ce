"""``csto-tui db check`` on good and bad stores, run as users run it: one line, exit 2, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from csto_tui.model import SCHEMA_VERSION
from csto_tui.paths import shipped_store


def run_check(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "csto_tui", "db", "check", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def tampered(tmp_path: Path, change: Any) -> Path:
    data = json.loads(shipped_store().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_shipped_store_passes() -> None:
    result = run_check(shipped_store())
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 and result.stdout.startswith(f"ok: schema {SCHEMA_VERSION};")
    assert "actor roles (" in result.stdout
    assert result.stderr == ""


def set_event_text(data: dict[str, Any]) -> None:
    data["events"]["1"]["source_text"] = "这句话不在文章里"


def set_quote_text(data: dict[str, Any]) -> None:
    data["case_files"]["1"]["quotes"][0]["source_text"] = "invented quote"


def set_site_offset(data: dict[str, Any]) -> None:
    data["citations"]["5"]["sites"][0]["offset"] += 1


def set_ref(data: dict[str, Any]) -> None:
    data["events"]["3"]["refs"] = [31]


def set_version(data: dict[str, Any]) -> None:
    data["meta"]["1"]["schema_version"] = 99


def set_type(data: dict[str, Any]) -> None:
    data["members"]["1"]["order"] = "1"


def set_sha(data: dict[str, Any]) -> None:
    data["meta"]["1"]["source_sha256"] = "0" * 64


def set_precision(data: dict[str, Any]) -> None:
    data["events"]["1"]["precision"] = "year"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (set_event_text, "source_text is not in the article"),
        (set_quote_text, "quote kyrgyzstan-2010:q-lukashenko-silent: source_text is not in the article"),
        (set_site_offset, "citation [5]: no marker"),
        (set_ref, "footnote [31] does not exist"),
        (set_version, "schema version 99"),
        (set_type, "expected int, got str"),
        (set_sha, "built from another article"),
        (set_precision, "does not have year precision"),
    ],
)
def test_bad_store_is_one_line_and_exit_2(tmp_path: Path, change: Any, expected: str) -> None:
    path = tampered(tmp_path, change)
    result = run_check(path)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"csto-tui db check: {path}: ")
    assert expected in line
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe", b"[]", b'{"meta": {}}'])
def test_unreadable_store_is_one_line_and_exit_2(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(content)
    result = run_check(path)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"csto-tui db check: {path}: ")
