"""Store text is inert in any field: the byte screen sends what ``clean`` would change to the exact reader."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from csto_tui.model import Store
from csto_tui.model.store import UNSAFE_TEXT
from csto_tui.paths import shipped_store
from csto_tui.safety import clean


@given(st.text())
def test_text_the_screen_passes_is_already_clean(text: str) -> None:
    for ensure_ascii in (False, True):
        encoded = json.dumps(text, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")
        if not UNSAFE_TEXT.search(encoded):
            assert clean(text) == text, (text, encoded)


def test_the_shipped_store_passes_the_screen() -> None:
    assert not UNSAFE_TEXT.search(shipped_store().read_bytes())


def test_escape_sequences_in_any_field_are_removed_on_load(tmp_path: Path) -> None:
    data = json.loads(shipped_store().read_text())
    osc = "\x1b]52;c;cHduZWQ=\x07\x9b31m"
    entity = next(iter(data["entities"].values()))
    old_id = entity["id"]
    entity["id"] += osc  # an id, and every reference to it
    entity["name_en"] += osc
    text = json.dumps(data, ensure_ascii=False).replace(json.dumps(old_id), json.dumps(old_id + osc))
    path = tmp_path / "store.json"
    path.write_text(text)
    store = Store.open(path)
    assert store.entity(old_id) is not None and store.entity(old_id + osc) is None
    assert not any(ch in store.entity(old_id).name_en for ch in "\x1b\x07\x9b")  # type: ignore[union-attr]
