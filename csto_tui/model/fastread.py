"""Read a large store one document at a time, when it is laid out as ``csto-tui db build`` writes it.

``json.loads`` of a 100,000-event store holds the whole file as one string (120 MB: the
Chinese text makes every character two bytes) and every document as a dict at once,
about 330 MB at the peak. Here the file is read a block at a time and each document is
decoded, parsed and turned into its record before the next, so the peak is the records.

This is only a faster road to the same result. Any file laid out otherwise, or any
document the quick converter declines, gives ``None`` and the exact reader in store.py
takes over and words the error. Splitting is safe because JSON strings cannot hold a raw
newline, and a slice that is not exactly one document fails to parse.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from csto_tui.model.convert import Declined, quick_converter
from csto_tui.model.records import CaseFile, Citation, Entity, Event, Member, Meta

RECORDS: dict[str, type] = {
    "case_files": CaseFile,
    "citations": Citation,
    "entities": Entity,
    "events": Event,
    "members": Member,
    "meta": Meta,
}
# Smaller files load as fast through the exact reader.
FROM_BYTES = 1 << 20

# json.dumps(..., sort_keys=True, ensure_ascii=False, indent=1): tables at one space, documents at two.
_MARK = re.compile(r'\n "([a-z_]+)": \{|\n  "([1-9][0-9]*)": ')
_PARSE = json.JSONDecoder().raw_decode
BLOCK = 1 << 20
# What follows a document's value, by what comes next: another document, a table, the end of the file.
_AFTER_DOCUMENT = {"document": ",", "table": "\n },", "end": "\n }\n}\n"}
_AFTER_EMPTY_TABLE = {"document": None, "table": "},", "end": "}\n}\n"}


def read_records(path: Path) -> dict[str, list[Any]] | None:
    """Every table's records in document id order, or None when the exact reader must decide."""
    tables: dict[str, dict[int, Any]] = {}
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size < FROM_BYTES or not _read(handle, tables):
                return None
    except (OSError, ValueError, RecursionError, Declined):  # unreadable, bad UTF-8 or JSON, a declined document
        return None
    if len(tables) != len(RECORDS):
        return None
    return {name: [docs[n] for n in sorted(docs)] for name, docs in tables.items()}


def _read(handle: BinaryIO, tables: dict[str, dict[int, Any]]) -> bool:
    """Fill ``tables`` mark by mark, decoding a block at a time, so only one block of the file is held."""
    decoder = codecs.getincrementaldecoder("utf-8")()  # strict, as the exact reader
    text = decoder.decode(handle.read(BLOCK))
    if not text.startswith('{\n "'):
        return False
    current: dict[int, Any] = {}
    convert: Callable[[Any], Any] = _no_table
    pending: re.Match[str] | None = None  # the last mark seen, whose value is not read yet
    start = 0  # where the pending mark's value starts in ``text``
    scan = 0
    at_end = False
    while True:
        marks: list[re.Match[str] | None] = list(_MARK.finditer(text, scan))
        if at_end:
            marks.append(None)  # the end of the file closes the last value
        for mark in marks:
            after = "end" if mark is None else "document" if mark.group(2) else "table"
            stop = len(text) if mark is None else mark.start()
            if pending is None:
                if stop != 1 or after != "table":
                    return False
            elif pending.group(2):  # a document's value, then what closes it
                value, end = _PARSE(text, start)
                trailer = _AFTER_DOCUMENT[after]
                number = int(pending.group(2))
                if end + len(trailer) != stop or not text.startswith(trailer, end) or number in current:
                    return False  # not exactly one value here, or a duplicate id (JSON keeps the last)
                current[number] = convert(value)
            elif text[start:stop] != ("" if after == "document" else _AFTER_EMPTY_TABLE[after]):
                return False
            if mark is None:
                return True
            table = mark.group(1)
            if table is not None:
                if table in tables or table not in RECORDS:
                    return False
                current = tables[table] = {}
                convert = quick_converter(RECORDS[table])
            pending, start, scan = mark, mark.end(), mark.end()
        block = handle.read(BLOCK)
        at_end = not block
        text = text[start:] + decoder.decode(block, final=at_end)  # keep only the pending value's text
        scan -= start
        start = 0


def _no_table(value: Any) -> Any:
    raise Declined
