"""The timeline's search index agrees with a plain scan of every row, in both languages."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from csto_tui.ui.search_index import SearchIndex
from csto_tui.ui.text import searchable_all

texts = st.lists(st.text(alphabet="ab中文 \n[]*", max_size=8), min_size=0, max_size=8)


@settings(max_examples=300, deadline=None)
@given(texts, texts, st.text(alphabet="ab中文 ", min_size=1, max_size=3), st.integers(0, 7))
def test_index_agrees_with_a_scan(chinese: list[str], english: list[str], query: str, start: int) -> None:
    n = min(len(chinese), len(english))
    chinese, english = chinese[:n], english[:n]
    index = SearchIndex(chinese, english)
    seen = (searchable_all(chinese), searchable_all(english)) if n else ([], [])
    rows = [r for r in range(n) if query in seen[0][r] or query in seen[1][r]]
    assert [r for r in range(n) if index.hit(r, query)] == rows
    assert index.count(query, 3) == min(len(rows), 3)
    if n == 0:
        assert index.find(0, query, forward=True) is None
        return
    start %= n
    after = [r for r in rows if r >= start] or rows
    before = [r for r in rows if r <= start] or rows
    assert index.find(start, query, forward=True) == (after[0] if rows else None)
    assert index.find(start, query, forward=False) == (before[-1] if rows else None)
    assert list(index.rows_from(start, query)) == [r for r in rows if r >= start]
