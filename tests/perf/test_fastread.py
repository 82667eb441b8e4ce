"""The block-by-block reader gives the exact reader's store, and leaves every problem to the exact reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from csto_tui.model import Store, StoreError, fastread
from csto_tui.model import store as store_module


def exact_open(path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "read_records", lambda path: None)
        return Store.open(path)


def same(a: Store, b: Store) -> bool:
    return (a.meta, a.events, a.members, a.citations, a.case_files, dict(a.entities)) == (
        b.meta,
        b.events,
        b.members,
        b.citations,
        b.case_files,
        dict(b.entities),
    )


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the quick road for the 1,000-event store too, in blocks that split documents and marks."""
    monkeypatch.setattr(fastread, "FROM_BYTES", 0)
    monkeypatch.setattr(fastread, "BLOCK", 4096 + 7)


def test_block_reader_builds_the_same_store(store_1k_path: Path, small_blocks: None) -> None:
    tables = fastread.read_records(store_1k_path)
    assert tables is not None and len(tables["events"]) == 1_000
    with pytest.MonkeyPatch.context() as patch:
        assert same(Store.open(store_1k_path), exact_open(store_1k_path, patch))


def test_other_layouts_take_the_exact_road(store_100k_path: Path, store_1k_path: Path) -> None:
    assert fastread.read_records(store_100k_path) is None  # written compact, without newlines
    assert fastread.read_records(store_1k_path) is None  # under a megabyte


def replace_nth(old: bytes, new: bytes, n: int = 500) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        at = -1
        for _ in range(n):
            at = data.index(old, at + 1)
        return data[:at] + new + data[at + len(old) :]

    return change


MUTATIONS: dict[str, Callable[[bytes], bytes]] = {
    "bad UTF-8 mid-file": replace_nth("条约".encode(), b"\xff\xfe"),
    "truncated": lambda data: data[: len(data) * 2 // 3],
    "trailing garbage": lambda data: data + b"x",
    "BOM": lambda data: b"\xef\xbb\xbf" + data,
    "duplicate document id": replace_nth(b'\n  "501": ', b'\n  "500": ', 1),
    "a number where text goes": replace_nth(b'"summary_en": "', b'"summary_en": 5, "x": "'),
    "lone surrogate escape": replace_nth(b'"summary_en": "', b'"summary_en": "\\udc80'),
    "unknown field": replace_nth(b'"tags": [', b'"tagz": ['),
    "NaN for a number": replace_nth(b'"order": 1', b'"order": NaN', 1),
    "unknown table": lambda data: data.replace(b'{\n "case_files"', b'{\n "extra": {},\n "case_files"', 1),
    "missing table": lambda data: data.replace(b'\n "entities": {', b'\n "entitiez": {', 1),
    "date out of form": replace_nth(b'"date": "2001', b'"date": "20x1', 5),
    "unknown citation": replace_nth(b'"refs": [\n    ', b'"refs": [\n    99999', 400),
    "reindented document": replace_nth(b'\n  "600": {\n   "actors"', b'\n  "600": {"actors"', 1),
    "nothing changed": lambda data: data,
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_changed_files_get_the_exact_readers_answer(
    name: str, store_1k_path: Path, tmp_path: Path, small_blocks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(MUTATIONS[name](store_1k_path.read_bytes()))
    try:
        expected: Store | str = exact_open(path, monkeypatch)
    except StoreError as exc:
        expected = str(exc)
    try:
        got: Store | str = Store.open(path)
    except StoreError as exc:
        got = str(exc)
    if isinstance(expected, str):
        assert got == expected
    else:
        assert isinstance(got, Store) and same(got, expected)
    if name not in ("nothing changed", "unknown table", "duplicate document id", "reindented document"):
        assert isinstance(expected, str), "the mutation should break the store"
