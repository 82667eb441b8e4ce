"""The exact reader: TinyDB with a storage that cannot write, then convert.py, to word what is wrong.

store.py reads a store with msgspec. Only when msgspec refuses a file does it come here, to
read the same file the slow, exact way and name the first problem in one line
(``events[12].refs[0]: expected int, got str``). Nothing else in the app imports TinyDB.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage

from csto_tui.model.convert import SchemaError, record_converter, shorten
from csto_tui.model.records import SCHEMA_VERSION, CaseFile, Citation, Entity, Event, Member, Meta
from csto_tui.model.store import MAX_STORE_BYTES, StoreError, check_file, too_large

T = TypeVar("T")

TABLES = ("meta", "events", "members", "citations", "case_files", "entities")


class ReadOnlyJSONStorage(Storage):
    """TinyDB storage that reads a JSON file once, at most MAX_STORE_BYTES of it, and refuses to write."""

    def __init__(self, path: str) -> None:
        self._path = path

    def read(self) -> dict[str, dict[str, Any]] | None:
        with open(self._path, "rb") as handle:
            raw = handle.read(MAX_STORE_BYTES + 1)
        if len(raw) > MAX_STORE_BYTES:
            raise SchemaError(too_large(len(raw)))
        text = raw.decode("utf-8")
        del raw  # a 100,000-event store is 75 MB: do not hold the bytes and the text while parsing
        data = json.loads(text)
        if not isinstance(data, dict):
            raise SchemaError("not a TinyDB store (top level is not an object)")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise PermissionError("csto-tui opens stores read-only")


def _read_tables(path: Path) -> dict[str, list[Any]]:
    """Every table's documents in TinyDB id order, with file errors as StoreError."""
    check_file(path)
    try:
        db = TinyDB(str(path), storage=ReadOnlyJSONStorage)
        raw = db.storage.read() or {}
    except PermissionError:
        raise StoreError(path, "permission denied") from None
    except UnicodeDecodeError:
        raise StoreError(path, "not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise StoreError(path, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except SchemaError as exc:
        raise StoreError(path, str(exc)) from None
    except ValueError as exc:  # e.g. an integer longer than Python converts
        raise StoreError(path, f"invalid JSON: {shorten(str(exc))}") from None
    except RecursionError:
        raise StoreError(path, "invalid JSON: nested too deeply") from None
    except MemoryError:
        raise StoreError(path, "too large to load in the memory available") from None
    except OSError as exc:
        raise StoreError(path, exc.strerror or "cannot read") from None
    missing = [name for name in TABLES if name not in raw]
    if missing:
        raise StoreError(path, f"not a csto-tui store: table {missing[0]!r} is missing")
    tables: dict[str, list[Any]] = {}
    for name in TABLES:
        table = raw[name]
        if not isinstance(table, dict):
            raise StoreError(path, f"not a TinyDB store: table {name!r} is not an object")
        try:
            ordered = sorted(table.items(), key=lambda item: int(item[0]))
        except ValueError:
            raise StoreError(path, f"not a TinyDB store: table {name!r} has a non-numeric document id") from None
        tables[name] = [doc for _, doc in ordered]
    return tables


def read_exact(path: Path) -> dict[str, Any]:
    """Every table as records, ready for ``Store(**...)``; a bad file raises StoreError, a bad document SchemaError."""
    tables = _read_tables(path)
    if len(tables["meta"]) != 1:
        raise SchemaError(f"meta: expected one document, found {len(tables['meta'])}")
    version = tables["meta"][0].get("schema_version") if isinstance(tables["meta"][0], dict) else None
    if version != SCHEMA_VERSION:
        raise SchemaError(f"schema version {version!r}, this csto-tui reads version {SCHEMA_VERSION}")
    return {
        "meta": record_converter(Meta)(tables["meta"][0], "meta[1]"),
        "events": _convert_all(Event, tables["events"], "events"),
        "members": _convert_all(Member, tables["members"], "members"),
        "citations": _convert_all(Citation, tables["citations"], "citations"),
        "case_files": _convert_all(CaseFile, tables["case_files"], "case_files"),
        "entities": _convert_all(Entity, tables["entities"], "entities"),
    }


def _convert_all(cls: type[T], docs: list[Any], table: str) -> list[T]:
    convert: Callable[[Any, str], T] = record_converter(cls)
    return [convert(doc, f"{table}[{i + 1}]") for i, doc in enumerate(docs)]
