"""Shared helpers for the reliability suite: real processes, tmp stores, hashes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from .storegen import store_doc, write_store

BIN = Path(sys.executable).parent


def csto_tui() -> list[str]:
    """The installed ``csto-tui`` entry point of this interpreter's environment."""
    script = BIN / "csto-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "csto_tui"]


def run_cli(
    args: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    user: str | None = None,
    timeout: float = 30,
    stdin: int | None = subprocess.DEVNULL,
) -> subprocess.CompletedProcess[str]:
    """Run ``csto-tui ARGS`` to completion; ``user`` runs it unprivileged through setpriv."""
    cmd = csto_tui() + list(args)
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user_group(user)}", "--clear-groups", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, stdin=stdin)


def user_group(user: str) -> str:
    import grp
    import pwd

    return grp.getgrgid(pwd.getpwnam(user).pw_gid).gr_name


def can_drop_privileges() -> bool:
    """Root with setpriv, and this interpreter runs as 'nobody' (a pyenv Python under /root does not)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    drop = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable, "-c", ""]
    return subprocess.run(drop, capture_output=True, check=False).returncode == 0


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every app this suite starts keeps its preferences in the test's own directory."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.setenv("XDG_DATA_HOME", str(state))  # the notebook (marks, notes) too
    return state


@pytest.fixture
def good_store(tmp_path: Path) -> Path:
    return write_store(tmp_path / "store.json", store_doc())
