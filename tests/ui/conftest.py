"""Fixtures for the explorer's tests: the shipped store, a private state directory, a driven app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csto_tui.model import Store
from csto_tui.paths import shipped_store


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own XDG state dir: no test reads or writes the user's preferences."""
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home))  # the notebook (marks, notes) too
    yield home


@pytest.fixture(scope="session")
def store() -> Store:
    """The store csto-tui ships: the tests walk real data."""
    return Store.open(shipped_store())
