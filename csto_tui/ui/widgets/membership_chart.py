"""Membership over time: each state a row, its spans drawn with block characters on a year axis."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from csto_tui.model import Member, Span, Store
from csto_tui.model.records import SpanKind
from csto_tui.safety import clean_line
from csto_tui.ui.text import Language, entity_name, fit

FIRST_YEAR = 1992  # the treaty is signed; nothing in the store is earlier

# Distinct shapes, not only colours, so the chart still reads with NO_COLOR.
GLYPHS: dict[SpanKind, str] = {
    "treaty_party": "▓",
    "member": "█",
    "observer": "░",
    "suspended": "▄",
    "withdrawn": "·",
    "candidate": "┄",
}
KIND_LABELS: dict[str, dict[SpanKind, str]] = {
    "en": {
        "treaty_party": "treaty party",
        "member": "member",
        "observer": "observer",
        "suspended": "suspended",
        "withdrawn": "withdrawn",
        "candidate": "candidate",
    },
    "zh": {
        "treaty_party": "条约缔约国",
        "member": "成员国",
        "observer": "观察员国",
        "suspended": "暂停",
        "withdrawn": "已退出",
        "candidate": "候选国",
    },
}
_NOW = {"en": "now", "zh": "至今"}
_NO_DATES = {"en": "no dates in the article", "zh": "文章未给出日期"}
AXIS_LINES = 2  # tick line and year labels


def _when(date: str) -> float:
    """An ISO partial date as a fractional year (a bare year is its first day)."""
    parts = [int(p) for p in date.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return year + (month - 1) / 12 + (day - 1) / 365


def describe_spans(spans: tuple[Span, ...], language: Language) -> str:
    """``treaty party 1992-05-15–2002-05-14 · member 2002-05-14–now``: dates at their own precision."""
    if not spans:
        return _NO_DATES[language]
    labels = KIND_LABELS[language]
    return "; ".join(
        f"{GLYPHS[s.kind]} {labels[s.kind]} {clean_line(s.start)}–{clean_line(s.end) if s.end else _NOW[language]}"
        for s in spans
    )


def last_year(store: Store) -> int:
    """The latest year anything in the store happens (the chart's right edge)."""
    # Events are sorted by their ISO dates, so the last one has the latest year: no pass over 100,000 events.
    years = [FIRST_YEAR, *(e.year for e in store.events[-1:])]
    for member in store.members:
        for span in member.spans:
            years.extend(int(d[:4]) for d in (span.start, span.end) if d)
    return max(years)


@dataclass(frozen=True)
class Scale:
    """Maps dates to columns of a bar area ``width`` cells wide spanning FIRST_YEAR..end year."""

    width: int
    end_year: int

    @property
    def years(self) -> int:
        return self.end_year + 1 - FIRST_YEAR

    def column(self, when: float) -> int:
        col = int((when - FIRST_YEAR) / self.years * self.width)
        return max(0, min(self.width, col))

    def cells(self, span: Span) -> range:
        """The columns a span covers: at least one cell, so a short stretch stays visible."""
        start = self.column(_when(span.start))
        stop = self.width if span.end is None else self.column(_when(span.end))
        if self.width and start >= self.width:
            start = self.width - 1
        return range(start, max(stop, start + 1) if self.width else 0)

    def ticks(self) -> list[tuple[int, str]]:
        """Year labels that fit without touching: the first year, then round years."""
        per_year = self.width / self.years
        step = next((s for s in (1, 2, 5, 10, 20, 50) if s * per_year >= 5), 100)
        placed: list[tuple[int, str]] = []
        free = 0
        for year in range(FIRST_YEAR, self.end_year + 1):
            if year != FIRST_YEAR and year % step:
                continue
            col = self.column(year)
            if col >= free and col + 4 <= self.width:
                placed.append((col, str(year)))
                free = col + 5
        return placed


class MembershipChart(Widget):
    """Each state a row from 1992 to the latest year in the store; hover or select a row for its dates."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "membership-chart--label",
        "membership-chart--cursor",
        "membership-chart--axis",
        *(f"membership-chart--{kind.replace('_', '-')}" for kind in GLYPHS),
    }

    language: reactive[Language] = reactive[Language]("zh")
    highlighted: reactive[str | None] = reactive(None)  # member id

    @dataclass
    class RowClicked(Message):
        """A row was clicked: the roster moves its cursor there."""

        member: Member

    def __init__(
        self,
        store: Store,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.store = store
        self.rows: tuple[Member, ...] = tuple(m for group in store.members_by_status().values() for m in group)
        self.end_year = last_year(store)
        self._top = 0  # first row shown when the chart is shorter than its rows
        self._longest: dict[str, int] = {}  # widest name per language
        # Lines by (what, width, language): render_line runs for every line on every refresh.
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(64)

    # Layout.

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows) + AXIS_LINES

    def _axis_lines(self) -> int:
        return min(AXIS_LINES, max(0, self.size.height - 1))

    def _visible_rows(self) -> int:
        return max(0, self.size.height - self._axis_lines())

    def _label_width(self) -> int:
        if self.language not in self._longest:
            names = (entity_name(self.store, m.entity, self.language) for m in self.rows)
            self._longest[self.language] = max(map(cell_len, names), default=0)
        return max(1, min(self._longest[self.language], (self.size.width - 2) // 3))

    def scale(self) -> Scale:
        """The scale for the current width (the bars start after the cursor mark and label)."""
        return Scale(max(0, self.size.width - self._label_width() - 2), self.end_year)

    def bar_offset(self) -> int:
        """Column where the bar area starts."""
        return self._label_width() + 2

    def _keep_highlight_visible(self) -> None:
        visible = self._visible_rows()
        index = next((i for i, m in enumerate(self.rows) if m.id == self.highlighted), None)
        if index is not None and visible:
            if index < self._top:
                self._top = index
            elif index >= self._top + visible:
                self._top = index - visible + 1
        self._top = max(0, min(self._top, len(self.rows) - visible))

    def watch_highlighted(self) -> None:
        self._keep_highlight_visible()
        self.refresh()

    def watch_language(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self._keep_highlight_visible()

    # Drawing.

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"membership-chart--{name}")

    def notify_style_update(self) -> None:
        self._lines.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        visible = self._visible_rows()
        if y < visible:
            index = self._top + y
            if index >= len(self.rows):
                return Strip.blank(width, self.rich_style)
            member = self.rows[index]
            key: tuple[object, ...] = (member.id, member.id == self.highlighted, width, self.language)
            if (strip := self._lines.get(key)) is None:
                strip = self._lines[key] = self._row_strip(member, width)
            return strip
        key = ("axis", y == visible, width, self.language)
        if (strip := self._lines.get(key)) is None:
            strip = self._lines[key] = self._axis_strip(y == visible, width)
        return strip

    def _axis_strip(self, ticks: bool, width: int) -> Strip:
        """The tick line (``ticks``) or the year labels under it."""
        scale = self.scale()
        line = ["─" if ticks else " "] * scale.width
        for col, year in scale.ticks():
            if ticks:
                line[col] = "┬"
            else:
                line[col : col + 4] = year
        return self._finish([Segment(" " * self.bar_offset()), Segment("".join(line), self._style("axis"))], width)

    def _row_strip(self, member: Member, width: int) -> Strip:
        current = member.id == self.highlighted
        label_style = self._style("cursor" if current else "label")
        label_width = self._label_width()
        name = Text(entity_name(self.store, member.entity, self.language))
        label = set_cell_size(fit(name, label_width).plain, label_width)
        scale = self.scale()
        cells: list[SpanKind | None] = [None] * scale.width
        for span in member.spans:
            for col in scale.cells(span):
                cells[col] = span.kind
        segments = [Segment("▸" if current else " ", label_style), Segment(label, label_style), Segment(" ")]
        for kind, run in groupby(cells):
            count = len(list(run))
            if kind is None:
                segments.append(Segment(" " * count))
            else:
                segments.append(Segment(GLYPHS[kind] * count, self._style(kind.replace("_", "-"))))
        return self._finish(segments, width)

    def _finish(self, segments: list[Segment], width: int) -> Strip:
        """One line at the widget's width, on the widget's own background."""
        return Strip(segments).adjust_cell_length(width).apply_style(self.rich_style)

    # Mouse: dates on hover, select on click.

    def _member_at(self, event: events.MouseEvent) -> Member | None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y >= self._visible_rows():
            return None
        index = self._top + offset.y
        return self.rows[index] if index < len(self.rows) else None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        member = self._member_at(event)
        if member is None:
            self.tooltip = None
            return
        name = entity_name(self.store, member.entity, self.language)
        self.tooltip = Text(f"{name}\n{describe_spans(member.spans, self.language)}")

    def on_leave(self) -> None:
        self.tooltip = None

    def on_click(self, event: events.Click) -> None:
        member = self._member_at(event)
        if member is not None:
            self.post_message(self.RowClicked(member))
