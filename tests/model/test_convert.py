"""Type checking of store documents against the frozen records."""

import pytest

from csto_tui.model import Citation, CiteSite, Event
from csto_tui.model.convert import SchemaError, record_converter

EVENT = {
    "id": "ev-1",
    "date": "1992-05-15",
    "date_end": None,
    "precision": "day",
    "date_method": "explicit",
    "date_basis": "explicit",
    "section": "歷史",
    "source_text": "1992年5月15日",
    "summary_en": "Treaty signed.",
    "actors": ["country:russia"],
    "roles": ["acts"],
    "tags": ["membership"],
    "refs": [1],
    "ref_scope": "sentence",
    "note": None,
}


def test_event_round_trip() -> None:
    event = record_converter(Event)(EVENT, "events[1]")
    assert event.refs == (1,) and event.actors == ("country:russia",) and event.year == 1992


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("refs", ["1"], "events[1].refs[0]: expected int, got str"),
        ("refs", [True], "events[1].refs[0]: expected int, got bool"),
        ("precision", "week", "events[1].precision: 'week' is not one of year, month, day"),
        ("actors", "country:russia", "events[1].actors: expected a list, got str"),
        ("note", 3, "events[1].note: expected str, got int"),
    ],
)
def test_wrong_field_types_are_named(field: str, value: object, message: str) -> None:
    with pytest.raises(SchemaError, match=message.replace("[", r"\[").replace("]", r"\]")):
        record_converter(Event)({**EVENT, field: value}, "events[1]")


def test_missing_and_unknown_fields() -> None:
    doc = dict(EVENT)
    del doc["tags"]
    with pytest.raises(SchemaError, match="missing field 'tags'"):
        record_converter(Event)(doc, "events[1]")
    with pytest.raises(SchemaError, match="unknown field 'extra'"):
        record_converter(Event)({**EVENT, "extra": 1}, "events[1]")


def test_nested_records() -> None:
    doc = {
        "n": 8,
        "missing": False,
        "title": "t",
        "outlet": None,
        "published": None,
        "accessed": None,
        "url": None,
        "source_text": "8.",
        "sites": [{"section": "現況", "offset": 10, "sentence": "s"}],
    }
    citation = record_converter(Citation)(doc, "citations[1]")
    assert citation.sites == (CiteSite("現況", 10, "s"),)
    with pytest.raises(SchemaError, match=r"citations\[1\]\.sites\[0\]: expected an object"):
        record_converter(Citation)({**doc, "sites": [[1]]}, "citations[1]")


def test_record_finds_every_kind_and_nothing_else() -> None:
    """Store.record: the one lookup from a reference to its record (and case_of, its case file)."""
    from csto_tui.model import RecordRef, Store
    from csto_tui.paths import shipped_store

    store = Store.open(shipped_store())
    case = store.case_files[0]
    parts = {"phase": case.phases[0], "actor": case.actors[0], "quote": case.quotes[0], "outcome": case}
    for kind, part in parts.items():
        ref = RecordRef(kind, part.id)  # type: ignore[arg-type]
        assert store.record(ref) is part and store.case_of(ref) is case
    assert store.record(RecordRef("event", store.events[3].id)) is store.events[3]
    assert store.record(RecordRef("citation", "16")) is store.citation(16)
    assert store.record(RecordRef("member", store.members[0].id)) is store.members[0]
    for ref in (RecordRef("event", "nope"), RecordRef("citation", "x1"), RecordRef("phase", case.id)):
        assert store.record(ref) is None
