"""Layer contracts: the data layers never import Textual (checked in a fresh interpreter)."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

DATA_LAYERS = [
    "csto_tui.cite",
    "csto_tui.cite.command",
    "csto_tui.cite.formats",
    "csto_tui.cli",
    "csto_tui.ingest",
    "csto_tui.ingest.build",
    "csto_tui.ingest.check",
    "csto_tui.clipboard",
    "csto_tui.model",
    "csto_tui.safety",
    "csto_tui.atomic",
    "csto_tui.dates",
    "csto_tui.wikitext",
    "csto_tui.serve.command",
    "csto_tui.serve.server",
    "csto_tui.ui.history",
    "csto_tui.ui.prefs",
    "csto_tui.output",
    "csto_tui.notes.book",
    "csto_tui.notes.command",
    "csto_tui.notes.transfer",
    "csto_tui.export.bibliography",
    "csto_tui.export.command",
    "csto_tui.export.table",
]


@pytest.mark.parametrize("module", DATA_LAYERS)
def test_data_layer_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'); print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"{module} pulled in {out.strip()}"


def _pins() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pairs = (line.split("==") for line in lines if line.strip() and not line.startswith("#"))
    return {_norm(name): version.strip() for name, version in pairs}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).strip().lower()


def test_every_declared_dependency_is_pinned_in_constraints() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared += extra
    pins = _pins()
    names = {_norm(re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0]) for req in declared}
    missing = sorted(names - pins.keys())
    assert not missing, f"add `NAME==VERSION` lines to constraints.txt for {missing} (see its header)"
    textual = next(req for req in project["dependencies"] if req.startswith("textual"))
    assert textual == f"textual=={pins['textual']}", "pyproject.toml and constraints.txt must pin the same Textual"
