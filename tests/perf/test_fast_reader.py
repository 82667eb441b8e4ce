"""The msgspec reader gives the exact reader's store, and leaves every problem to the exact reader to word."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from csto_tui.model import Store, StoreError
from csto_tui.paths import shipped_store


def exact_open(path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    with monkeypatch.context() as patch:
        patch.setattr(Store, "_open_quick", classmethod(lambda cls, path: None))
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


@pytest.mark.parametrize("which", ["shipped", "1k", "100k"])
def test_msgspec_reader_builds_the_same_store(
    which: str, store_1k_path: Path, store_100k_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = {"shipped": shipped_store(), "1k": store_1k_path, "100k": store_100k_path}[which]
    assert Store._open_quick(path) is not None, "a good store takes the msgspec road"
    assert same(Store.open(path), exact_open(path, monkeypatch))


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
    "wrong type in a nested record": replace_nth(b'"offset": ', b'"offset": "x", "y": ', 3),
    "bool for an int": replace_nth(b'"order": 1', b'"order": true', 1),
    "float for an int": replace_nth(b'"n": 2', b'"n": 2.0', 1),
    "schema version": lambda data: re.sub(rb'"schema_version": [0-9]+', b'"schema_version": 99', data, count=1),
    "nothing changed": lambda data: data,
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_changed_files_get_the_exact_readers_answer(
    name: str, store_1k_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
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
