"""A non-editable install into a fresh venv carries the store and the article, and db check passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from csto_tui.model import SCHEMA_VERSION
from csto_tui.paths import shipped_store

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_fresh_venv_install_runs_db_check(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    install = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", str(REPO)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    # Run outside the checkout so nothing can come from the source tree.
    result = subprocess.run(
        [str(venv / "bin" / "csto-tui"), "db", "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ok: schema {SCHEMA_VERSION};")
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import csto_tui.paths as p; print(p.shipped_store())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    ).stdout.strip()
    assert installed.endswith("csto_tui/_data/csto.json") and str(venv) in installed
    assert Path(installed).read_bytes() == shipped_store().read_bytes()
