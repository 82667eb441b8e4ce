"""Layer contracts: the data layers never import Textual (checked in a fresh interpreter)."""

import subprocess
import sys

import pytest

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
]


@pytest.mark.parametrize("module", DATA_LAYERS)
def test_data_layer_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'); print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"{module} pulled in {out.strip()}"
