"""Property: whatever document the store file holds, the loader raises StoreError or returns a usable Store."""

from __future__ import annotations

import atexit
import copy
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csto_tui.model import Store, StoreError

from .storegen import store_doc

BASE = store_doc(4)

ODD_STRINGS = [
    "",
    " ",
    "1992",
    "2010-06",
    "2010-13-40",
    "19xx",
    "ev-0",
    "ev-1",
    "country:russia",
    "person:p0",
    "\ud800",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from([*ODD_STRINGS, "member", "0" * 5]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*prefix, i))
    return found


# Paths grouped by (table, field name), so that every kind of field is mutated about as
# often as any other, however many records hold it.
KINDS: dict[tuple[Any, Any], list[tuple[Any, ...]]] = {}
for _path in _paths(BASE)[1:]:
    KINDS.setdefault((_path[0], _path[-1] if isinstance(_path[-1], str) else "[]"), []).append(_path)
KIND_NAMES = sorted(KINDS, key=repr)


@st.composite
def mutated_stores(draw: st.DrawFn) -> Any:
    """The valid base store with a few places replaced, deleted or given an extra key."""
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(KINDS[draw(st.sampled_from(KIND_NAMES))]))
        parent: Any = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = draw(st.sampled_from(["same-type", "same-type", "replace", "delete", "extra"]))
            old = parent[path[-1]]
            if action == "same-type" and isinstance(old, str):
                # Type-correct but odd values reach the checks after conversion.
                parent[path[-1]] = draw(st.sampled_from(ODD_STRINGS) | st.text(max_size=12))
            elif action == "same-type" and isinstance(old, int) and not isinstance(old, bool):
                parent[path[-1]] = draw(st.integers(-(2**40), 2**40))
            elif action in ("replace", "same-type"):
                parent[path[-1]] = draw(json_values)
            elif action == "delete" and isinstance(parent, dict):
                del parent[path[-1]]
            elif action == "extra" and isinstance(parent, dict):
                parent[draw(st.text(max_size=6))] = draw(json_values)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier mutation already changed the shape here
    return doc


# One scratch file for every example (memory-backed when /dev/shm exists): thousands of opens stay fast.
_SCRATCH = Path(tempfile.mkdtemp(prefix="csto-prop-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
atexit.register(shutil.rmtree, _SCRATCH, True)


def _check(data: bytes) -> None:
    path = _SCRATCH / "store.json"
    path.write_bytes(data)
    try:
        store = Store.open(path)
    except StoreError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(f"{path}: ")
        return
    # A store that loads must answer every query the widgets make.
    for year in store.years():
        store.first_event_in_year(year)
    store.members_by_status()
    for tag in store.tags():
        store.events_with_tag(tag)
    for citation in store.citations:
        store.citing(citation.n)
    for event in store.events:
        store.event_index(event.id)
        for actor in event.actors:
            store.events_for_actor(actor)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(mutated_stores())
def test_mutated_store(doc: Any) -> None:
    _check(json.dumps(doc, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass"))


@SETTINGS
@given(json_values)
def test_any_json_document(doc: Any) -> None:
    _check(json.dumps(doc).encode())


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes(data: bytes) -> None:
    _check(data)


def test_every_field_with_odd_values() -> None:
    """Deterministic sweep: each kind of field, in turn, gets each odd but well-typed (or ill-typed) value."""
    odd: list[Any] = [*ODD_STRINGS, None, 0, -1, 2**63, True, 1.5, [], {}, ["ev-0"], [999]]
    for paths in KINDS.values():
        path = paths[0]
        for value in odd:
            doc = copy.deepcopy(BASE)
            parent: Any = doc
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = value
            _check(json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def _outcome(path: Path) -> object:
    try:
        store = Store.open(path)
    except StoreError as exc:
        return str(exc)
    return (store.meta, store.events, store.members, store.citations, store.case_files, dict(store.entities))


@SETTINGS
@given(mutated_stores())
def test_msgspec_reader_agrees_with_the_exact_reader(doc: Any) -> None:
    """What msgspec accepts, the exact reader accepts as the same records; what it refuses, the exact reader words."""
    path = _SCRATCH / "agree.json"
    path.write_bytes(json.dumps(doc, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass"))
    try:
        accepted = Store._open_quick(path) is not None
    except StoreError:  # records msgspec read, refused by the checks both readers share
        accepted = False
    with mock.patch.object(Store, "_open_quick", classmethod(lambda cls, path: None)):
        exact = _outcome(path)
    assert _outcome(path) == exact
    if accepted:
        assert not isinstance(exact, str), f"msgspec accepted what the exact reader refuses: {exact}"
