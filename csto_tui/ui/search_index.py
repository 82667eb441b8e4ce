"""Which timeline rows hold a typed query, in either language: one ``str.find`` per step, no text built.

Each language is one lower-cased string with a row per line. They are kept apart because a
single string holding Chinese is stored at two bytes a character: the English joined to it
would double in size, and at 100,000 events the two copies cost 100 MB more than these.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterator

from csto_tui.ui.text import searchable_all


class _Column:
    """One language's texts as one string, ``starts[row]`` where each row's text begins."""

    def __init__(self, texts: list[str]) -> None:
        self.text = "\n".join(searchable_all(texts))
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts if texts else []

    def _end(self, row: int) -> int:
        return self.starts[row + 1] - 1 if row + 1 < len(self.starts) else len(self.text)

    def hit(self, row: int, query: str) -> bool:
        return self.text.find(query, self.starts[row], self._end(row)) != -1

    def rows_from(self, row: int, query: str) -> Iterator[int]:
        """Matching rows at or after ``row``, in order."""
        pos = self.text.find(query, self.starts[row]) if row < len(self.starts) else -1
        while pos != -1:
            found = bisect_right(self.starts, pos) - 1
            yield found
            pos = self.text.find(query, self._end(found) + 1)

    def last_up_to(self, row: int, query: str) -> int | None:
        pos = self.text.rfind(query, 0, self._end(row))
        return None if pos == -1 else bisect_right(self.starts, pos) - 1


class SearchIndex:
    """Rows in the order given, each with its Chinese and English text."""

    def __init__(self, chinese: list[str], english: list[str]) -> None:
        self._columns = (_Column(chinese), _Column(english))
        self.rows = len(chinese)

    def hit(self, row: int, query: str) -> bool:
        return bool(query) and any(column.hit(row, query) for column in self._columns)

    def rows_from(self, row: int, query: str) -> Iterator[int]:
        """Rows matching in either language at or after ``row``, in order, each once."""
        last = -1
        for found in heapq.merge(*(column.rows_from(row, query) for column in self._columns)):
            if found != last:
                yield found
                last = found

    def count(self, query: str, limit: int) -> int:
        """Rows matching ``query``, counted up to ``limit``."""
        count = 0
        if query:
            for _ in self.rows_from(0, query):
                count += 1
                if count >= limit:
                    break
        return count

    def find(self, row: int, query: str, *, forward: bool) -> int | None:
        """The first matching row from ``row`` (inclusive) in the given direction, wrapping around."""
        if not query or not self.rows:
            return None
        if forward:
            found = next(self.rows_from(row, query), None)
            return found if found is not None else next(self.rows_from(0, query), None)
        for start in (row, self.rows - 1):
            rows = [r for column in self._columns if (r := column.last_up_to(start, query)) is not None]
            if rows:
                return max(rows)
        return None
