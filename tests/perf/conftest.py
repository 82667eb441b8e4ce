"""Synthetic stores of 1,000 and 100,000 events, generated once per test session into a temp dir."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from csto_tui.model import Store

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test reads or writes the user's preferences."""
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home))  # the notebook (marks, notes) too
    yield home


@pytest.fixture(scope="session")
def stores_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("synthetic-stores")


@pytest.fixture(scope="session")
def store_1k_path(stores_dir: Path) -> Path:
    return synth.write(stores_dir / "synth-1000.json", 1_000)


@pytest.fixture(scope="session")
def store_100k_path(stores_dir: Path) -> Path:
    return synth.write(stores_dir / "synth-100000.json", 100_000, compact=True)


@pytest.fixture(scope="session")
def store_100k(store_100k_path: Path) -> Store:
    """Opened through the real loader, once: the tests below share it."""
    return Store.open(store_100k_path)
