"""The synthetic stores the benchmark uses are valid stores with the needles they promise."""

from __future__ import annotations

import json
from pathlib import Path

import synth

from csto_tui.model import Store
from csto_tui.paths import shipped_store


def test_synthetic_store_opens_with_every_pane_fed(store_1k_path: Path) -> None:
    store = Store.open(store_1k_path)
    assert len(store.events) == 1_000
    assert store.members and store.case_files and store.citations
    assert all(store.citation(n) is not None for e in store.events for n in e.refs)
    assert any(store.citing(c.n) for c in store.citations)
    assert any(c.missing for c in store.citations) and any(not c.missing for c in store.citations)
    # Event i (1-based) is the i-th in the store's date order: the needles' positions are known.
    assert [e.id for e in store.events[:3]] == ["syn-000001", "syn-000002", "syn-000003"]
    needles = [i + 1 for i, e in enumerate(store.events) if synth.NEEDLE in e.summary_en]
    assert needles == synth.needle_numbers(1_000) == [7]
    assert synth.NEEDLE_ZH in store.events[6].source_text
    unique = [i + 1 for i, e in enumerate(store.events) if synth.UNIQUE in e.summary_en]
    assert unique == [synth.unique_number(1_000)]


def test_synthetic_store_is_written_like_the_shipped_one(store_1k_path: Path) -> None:
    """Same file layout as `csto-tui db build` (sorted keys, UTF-8 kept, indent 1), so sizes compare."""
    synthetic = store_1k_path.read_text(encoding="utf-8")
    shipped = shipped_store().read_text(encoding="utf-8")
    assert synthetic.startswith('{\n "case_files": {\n  "1": {\n')
    assert shipped.startswith('{\n "case_files": {\n  "1": {\n')
    assert "\\u" not in synthetic and "霍尔果斯" in synthetic
    assert sorted(json.loads(synthetic)) == sorted(json.loads(shipped))


def test_synthetic_store_is_deterministic(tmp_path: Path, store_1k_path: Path) -> None:
    again = synth.write(tmp_path / "again.json", 1_000)
    assert again.read_bytes() == store_1k_path.read_bytes()
