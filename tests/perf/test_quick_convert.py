"""The loader's quick path accepts only what the exact converter accepts, and builds the same records."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from csto_tui.model import CaseFile, Citation, Entity, Event, Member, Meta
from csto_tui.model.convert import Declined, SchemaError, quick_converter, record_converter
from csto_tui.paths import shipped_store

TABLES: dict[str, type] = {
    "meta": Meta,
    "events": Event,
    "members": Member,
    "citations": Citation,
    "case_files": CaseFile,
    "entities": Entity,
}
ODD_VALUES: list[Any] = [
    None,
    0,
    7,
    True,
    1.5,
    "",
    "text",
    "year",
    "\ud800",
    "中文\udfff",
    [],
    ["a"],
    [1],
    [True],
    ["\ud800"],
    [["a", "b"]],
    [["a"]],
    [["a", 1]],
    {},
    [{}],
]


def shipped_documents() -> list[tuple[type, dict[str, Any]]]:
    raw = json.loads(shipped_store().read_text(encoding="utf-8"))
    return [(cls, doc) for name, cls in TABLES.items() for doc in raw[name].values()]


def outcome(cls: type, doc: Any) -> tuple[str, object]:
    """("ok", record) or ("error", None) from the exact converter; the quick one must agree or decline."""
    try:
        exact = record_converter(cls)(copy.deepcopy(doc), "doc")
    except SchemaError:
        exact_result: tuple[str, object] = ("error", None)
    else:
        exact_result = ("ok", exact)
    try:
        quick = quick_converter(cls)(copy.deepcopy(doc))
    except Declined:
        assert True  # declining is always allowed: the exact converter decides
    else:
        assert exact_result == ("ok", quick), f"quick accepted what the exact converter did not: {doc!r}"
        assert all(type(getattr(quick, f)) is type(getattr(exact, f)) for f in quick.__slots__)
    return exact_result


def test_every_shipped_document_takes_the_quick_path() -> None:
    for cls, doc in shipped_documents():
        assert quick_converter(cls)(doc) == record_converter(cls)(doc, "doc")


@pytest.mark.parametrize("cls", list(TABLES.values()), ids=lambda c: c.__name__)
def test_odd_values_in_every_field_are_declined_or_agree(cls: type) -> None:
    doc = next(d for c, d in shipped_documents() if c is cls and (c is not Member or d["note"] is None))
    rejected = 0
    for field in doc:
        for value in ODD_VALUES:
            rejected += outcome(cls, {**doc, field: value})[0] == "error"
        without = {k: v for k, v in doc.items() if k != field}
        assert outcome(cls, without)[0] == "error"
    assert outcome(cls, {**doc, "extra": 1})[0] == "error"
    assert outcome(cls, [doc])[0] == "error"
    assert rejected > len(doc)  # the odd values really were odd


def test_odd_values_inside_nested_records() -> None:
    case = next(d for c, d in shipped_documents() if c is CaseFile)
    for part in ("phases", "actors", "quotes"):
        inner = case[part][0]
        for field in inner:
            for value in ODD_VALUES:
                changed = copy.deepcopy(case)
                changed[part][0][field] = value
                outcome(CaseFile, changed)
    member = next(d for c, d in shipped_documents() if c is Member)
    for field in member["spans"][0]:
        for value in ODD_VALUES:
            changed = copy.deepcopy(member)
            changed["spans"][0][field] = value
            outcome(Member, changed)
