"""The event timeline: a line-API list that renders only the rows on screen.

A store may hold 100,000 events, so there is no widget per row and nothing is
measured up front: the view is a sequence of indexes into ``store.events``
(a ``range`` when unfiltered) and each visible line is built on demand.
Search runs ``str.find`` over one lower-cased haystack of the view, so even
a one-letter query at 100k rows answers within a frame.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive, var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from csto_tui.model import Event, RecordRef, Role, Store
from csto_tui.model.actor_scope import actor_event_indexes, actor_roles
from csto_tui.ui.messages import OpenRecord, announce
from csto_tui.ui.search_index import SearchIndex
from csto_tui.ui.text import INHERITED_MARK, MARK, PASSAGE_MARK, Language, entity_name, event_text, fit, related_label
from csto_tui.ui.widgets.list_keys import LIST_KEYS

DATE_WIDTH = 10
# A search match count stops here: counting every row of a one-letter query at 100k rows costs a frame.
COUNT_LIMIT = 1000


@dataclass(frozen=True)
class Filters:
    year_from: int | None = None
    year_to: int | None = None
    actor: str | None = None  # entity id
    tag: str | None = None
    all_roles: bool = False  # the actor in any role, not only acting or affected
    with_related: bool = True  # also the actor's leaders and officials the article names as such

    @property
    def active(self) -> bool:
        return self.year_from is not None or self.year_to is not None or self.actor is not None or self.tag is not None

    @property
    def roles(self) -> tuple[Role, ...]:
        return actor_roles(self.all_roles)


class Timeline(ScrollView, can_focus=True, inherit_bindings=False):
    """Events in date order; the cursor row's record goes to the inspector."""

    HELP = (
        "Every event of the article in date order, the date at the precision the article gives "
        "(2008, 2010-06, 2010-07-21) and its footnotes at the right; a footnote with no text in "
        "the article is marked in red. `¶[3]` marks a passage footnote: the article puts [3] after a "
        "later sentence of the same paragraph, not right after this event's sentence (the inspector "
        "and every copy name that sentence). No number: the article gives the event no footnote "
        "(y says so; Y cites the article itself). A range shows its last day after a dash "
        f"(2009-07-31 –08-01); {INHERITED_MARK} after a date marks a statement with no time word of its own, "
        "dated by the sentence before it (the inspector says how each date was found). Enter follows the "
        "event's first footnote to the citation. Filter by year range, actor or tag with f (an actor's events "
        "are those it acts in or is affected by, unless the filter asks for any role; a country's include "
        "its leaders); search the Chinese text and the English summary with /. The density strip above "
        "shows events per year: d moves to it to pick a year, and { } jump to the previous or next year."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_KEYS,
        Binding("enter", "follow", "Citation", tooltip="Open the event's first footnote"),
        Binding("n", "next_match", "Next match"),
        Binding("N", "previous_match", "Prev match"),
        Binding("f", "filter", "Filter", tooltip="Filter by year range, actor or tag"),
        Binding("x", "clear_filters", "Clear filter"),
        Binding("d", "years", "Years", tooltip="Choose a year on the density strip"),
        Binding("left_curly_bracket", "previous_year", "Previous year", show=False),
        Binding("right_curly_bracket", "next_year", "Next year", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--cursor",
        "timeline--date",
        "timeline--same-year",
        "timeline--ref",
        "timeline--mark",
        "timeline--missing",
        "timeline--passage",
        "timeline--match",
        "timeline--empty",
    }

    language: reactive[Language] = reactive[Language]("zh", init=False)
    marked: reactive[frozenset[RecordRef]] = reactive[frozenset[RecordRef]](frozenset(), init=False)
    # The row under the cursor. Every assignment runs ``watch_cursor``, even to the same row: a new
    # filter can put another event under an unchanged row number.
    cursor: var[int] = var(0, always_update=True, init=False)

    class YearsRequested(Message):
        """``d`` was pressed: the pane focuses its density strip to pick a year."""

    class FilterRequested(Message):
        """``f`` was pressed: the screen opens the filter dialog."""

    @dataclass
    class ViewChanged(Message):
        """Filters changed: what the density strip and the pane title show."""

        timeline: Timeline
        counts: dict[int, int]

    @dataclass
    class YearReached(Message):
        """The cursor moved into another year (the density strip follows)."""

        year: int

    def __init__(self, store: Store, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.filters = Filters()
        self.search_query = ""
        self._rows: Sequence[int] = range(len(store.events))
        self._empty_text = ""  # what an empty view says, worked out when the filters change
        self._row_of: dict[int, int] | None = None
        self._index: SearchIndex | None = None
        self._search_origin = 0
        # (row, width, cursor on it, focused, search hit in it, marked): a row's strip depends on nothing else.
        self._cache: LRUCache[tuple[int, int, bool, bool, bool, bool], Strip] = LRUCache(256)
        self._year = -1
        self._styles: dict[tuple[str, bool, bool], Style] = {}
        self._announced = self.highlighted_record

    # What the rest of the app reads.

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def shown_events(self) -> list[Event]:
        """The events that pass the filters, in order: what an export of the timeline takes."""
        events = self.store.events
        return [events[i] for i in self._rows]

    @property
    def current_event(self) -> Event | None:
        if not 0 <= self.cursor < len(self._rows):
            return None
        return self.store.events[self._rows[self.cursor]]

    @property
    def highlighted_record(self) -> RecordRef | None:
        event = self.current_event
        return None if event is None else RecordRef("event", event.id)

    def select_record(self, ref: RecordRef) -> bool:
        """Put the cursor on an event; an event hidden by the filters clears them first."""
        if ref.kind != "event":
            return False
        index = self.store.event_index(ref.id)
        if index is None:
            return False
        row = self._row_for(index)
        if row is None:
            self.set_filters(Filters())
            self.notify("Timeline filter cleared to show this event.", timeout=3)
            row = self._row_for(index)
        if row is None:
            return False
        self.move_to(row, center=True)
        return True

    def set_filters(self, filters: Filters) -> None:
        """Show only the events that pass ``filters``; the cursor stays on its event when it can."""
        current = self._rows[self.cursor] if self._rows else None
        self.filters = filters
        self._rows = self._passing(filters)
        self._empty_text = "" if self._rows else self._empty_message()
        self._row_of = None
        self._index = None
        self._cache.clear()
        row = self._row_for(current) if current is not None else None
        self.virtual_size = Size(self.size.width, len(self._rows))
        self.move_to(row if row is not None else 0, center=True, force=True)
        self.post_message(self.ViewChanged(self, self.year_counts()))
        self.refresh()

    def _passing(self, filters: Filters) -> Sequence[int]:
        """Indexes of the events that pass ``filters``, in date order."""
        events = self.store.events
        if not filters.active:
            return range(len(events))
        candidates: Sequence[int] = range(len(events)) if filters.actor is None else self.actor_rows(filters)
        low = 0 if filters.year_from is None else self.store.first_event_in_year(filters.year_from)
        high = len(events) if filters.year_to is None else self.store.first_event_in_year(filters.year_to + 1)
        tag = filters.tag
        return [i for i in candidates if low <= i < high and (tag is None or tag in events[i].tags)]

    def _empty_message(self) -> str:
        f = self.filters
        if f.actor is not None and not f.all_roles:
            others = len(self._passing(replace(f, all_roles=True)))
            if others:
                # Moscow is only ever a place: say where its events went.
                return f"No events match; {others} name this actor in other roles (f: tick 'any role')."
        return "No events match the filters (x clears them)."

    def actor_rows(self, filters: Filters) -> list[int]:
        """Indexes of the events of the filter's actor in the filter's roles (and of its people, if asked)."""
        assert filters.actor is not None
        return actor_event_indexes(
            self.store, filters.actor, any_role=filters.all_roles, with_related=filters.with_related
        )

    def year_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        events = self.store.events
        for i in self._rows:
            year = events[i].year
            counts[year] = counts.get(year, 0) + 1
        return counts

    def jump_to_year(self, year: int) -> None:
        """First event of ``year`` or, if it has none, of the next year that has one."""
        events = self.store.events
        row = bisect_left(self._rows, year, key=lambda i: events[i].year)
        self.move_to(min(row, max(len(self._rows) - 1, 0)), top=True)

    # Search.

    def search(self, query: str) -> None:
        """Move to the first row matching ``query`` at or after where the search began."""
        old, self.search_query = self.search_query, query.lower()
        # Redraw only the visible rows whose highlight changes: rows matching the old or new query.
        top = self.scroll_offset.y
        for visible in range(top, min(top + self.scrollable_content_region.height, len(self._rows))):
            if self._hit(visible, old) or self._hit(visible, self.search_query):
                self.refresh_line(visible)
        if not self.search_query:
            self.move_to(self._search_origin)
            return
        found = self._find(self._search_origin, forward=True)
        if found is not None:
            self.move_to(found, center=True)

    def _hit(self, row: int, query: str) -> bool:
        """Whether ``row`` holds ``query`` in either language (the search index, so no text is built)."""
        return bool(query) and self._search_index().hit(row, query)

    def begin_search(self) -> None:
        self._search_origin = self.cursor
        # Build the index now, once per view: typing then costs a str.find per key.
        self._search_index()

    def end_search(self, *, keep: bool) -> None:
        if not keep:
            self.search_query = ""
            self.move_to(self._search_origin)
        self._cache.clear()
        self.refresh()
        self.refresh_bindings()

    def match_count(self) -> int:
        """Rows that match the query, counted up to COUNT_LIMIT (the caller shows "1000+")."""
        return self._search_index().count(self.search_query, COUNT_LIMIT) if self.search_query else 0

    def _search_index(self) -> SearchIndex:
        if self._index is None:
            events = self.store.events
            # What the reader sees in either language, so a hit is always visible in the row.
            self._index = SearchIndex(
                [events[i].source_text for i in self._rows], [events[i].summary_en for i in self._rows]
            )
        return self._index

    def _find(self, row: int, *, forward: bool) -> int | None:
        """The first matching row from ``row`` (inclusive) in the given direction, wrapping around."""
        return self._search_index().find(row, self.search_query, forward=forward) if self.search_query else None

    # Cursor.

    def _row_for(self, index: int) -> int | None:
        if isinstance(self._rows, range):
            return index if 0 <= index < len(self._rows) else None
        if self._row_of is None:
            self._row_of = {event_index: row for row, event_index in enumerate(self._rows)}
        return self._row_of.get(index)

    def move_to(self, row: int, *, center: bool = False, top: bool = False, force: bool = False) -> None:
        if not self._rows:
            self.cursor = 0
            self.refresh()
            return
        row = max(0, min(row, len(self._rows) - 1))
        old = self.cursor
        if row == old and not force:
            return
        self.cursor = row
        height = max(self.scrollable_content_region.height, 1)
        y = self.scroll_offset.y
        if top:
            y = row
        elif center and not (y <= row < y + height):
            y = row - height // 2
        elif row < y:
            y = row
        elif row >= y + height:
            y = row - height + 1
        # force: after a filter is cleared the scrollbar (hence "may scroll") only appears at the next layout.
        self.scroll_to(y=y, animate=False, immediate=True, force=True)
        self.refresh_line(old)
        self.refresh_line(row)

    def watch_cursor(self) -> None:
        """The one place that tells the screen (and the density strip) what the cursor is on."""
        ref = self.highlighted_record
        if ref != self._announced:
            self._announced = ref
            announce(self, ref)
        event = self.current_event
        if event is not None and event.year != self._year:
            self._year = event.year
            self.post_message(self.YearReached(event.year))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_match", "previous_match"):
            return bool(self.search_query)
        if action == "clear_filters":
            return self.filters.active
        return True

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the row under the pointer."""
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self._rows):
            self.move_to(row)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self._rows) - 1)

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(self.scrollable_content_region.height - 1, 1))

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(self.scrollable_content_region.height - 1, 1))

    def action_follow(self) -> None:
        # Enter stays in the footer for events without footnotes: hiding it per row would
        # recompose the footer on cursor moves, costing more than a frame.
        event = self.current_event
        if event is None:
            return
        if event.refs:
            self.post_message(OpenRecord(RecordRef("citation", str(event.refs[0]))))
        else:
            self.notify("This event has no footnote in the article.", timeout=3)

    def action_years(self) -> None:
        self.post_message(self.YearsRequested())

    def action_filter(self) -> None:
        self.post_message(self.FilterRequested())

    def action_clear_filters(self) -> None:
        self.set_filters(Filters())

    def action_next_match(self) -> None:
        if self._rows:
            row = self._find((self.cursor + 1) % len(self._rows), forward=True)
            if row is not None:
                self.move_to(row, center=True)

    def action_previous_match(self) -> None:
        if self._rows:
            row = self._find((self.cursor - 1) % len(self._rows), forward=False)
            if row is not None:
                self.move_to(row, center=True)

    def action_previous_year(self) -> None:
        event = self.current_event
        if event is not None:
            first = bisect_left(self._rows, event.year, key=lambda i: self.store.events[i].year)
            if first < self.cursor:
                self.move_to(first, top=True)
            elif first > 0:
                self.jump_to_year(self.store.events[self._rows[first - 1]].year)

    def action_next_year(self) -> None:
        event = self.current_event
        if event is not None:
            self.jump_to_year(event.year + 1)

    # Rendering.

    def on_mount(self) -> None:
        # The density strip follows the cursor's year from the start; the record itself is
        # announced by the screen, which knows whether the timeline is the pane in use.
        event = self.current_event
        if event is not None:
            self._year = event.year
            self.post_message(self.YearReached(event.year))

    def watch_language(self) -> None:
        self._cache.clear()
        self.refresh()

    def watch_marked(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._rows))
        self._cache.clear()

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    def _style(self, name: str, partial: bool = False) -> Style:
        """Component styles (the widget's own for ``""``), looked up once per style change and focus state."""
        key = (name, partial, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            style = self.get_component_rich_style(name, partial=partial) if name else self.rich_style
            self._styles[key] = style
        return style

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not self._rows:
            if y == 0:
                message = Text(self._empty_text or "No events in the store.", style="italic")
                segments = Segment.apply_style(message.render(self.app.console), self.rich_style)
                return Strip(segments).crop_extend(0, width, self.rich_style)
            return Strip.blank(width, self.rich_style)
        if row >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        marked = RecordRef("event", self.store.events[self._rows[row]].id) in self.marked
        key = (row, width, row == self.cursor, self.has_focus, self._hit(row, self.search_query), marked)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(row, width)
            self._cache[key] = strip
        return strip

    def _render_row(self, row: int, width: int) -> Strip:
        events = self.store.events
        event = events[self._rows[row]]
        base = self._style("")
        if row == self.cursor:
            base = base + self._style("timeline--cursor", partial=not self.has_focus)
        previous = events[self._rows[row - 1]] if row > 0 else None
        marked = RecordRef("event", event.id) in self.marked
        line = Text(MARK if marked else " ", self._style("timeline--mark", partial=True) if marked else "", end="")
        # The gap after the date belongs to the date's segment: SVG screenshots stretch CJK segments.
        rest = (event.date[4:] + (INHERITED_MARK if event.date_method == "context" else "")).ljust(DATE_WIDTH - 3)
        if event.date_end is not None:
            # A range shows its last day after the first, without the parts they share.
            shared = 5 if event.date_end[:4] == event.date[:4] else 0
            rest += f"–{event.date_end[shared:]} "
        if row == self.cursor:
            line.append(event.date[:4] + rest)
        else:
            repeat = previous is not None and previous.year == event.year
            date_style = self._style("timeline--date", partial=True)
            line.append(
                event.date[:4],
                self._style("timeline--same-year", partial=True) if repeat else date_style,
            )
            line.append(rest, date_style)
        refs = Text(end="")
        # A passage footnote sits after a later sentence of the paragraph: the mark before it says so.
        passage = PASSAGE_MARK if event.refs and event.ref_scope == "passage" else ""
        refs.append(passage, self._style("timeline--passage"))
        for n in event.refs:
            citation = self.store.citation(n)
            missing = citation is None or citation.missing
            refs.append(f"[{n}]", self._style("timeline--missing" if missing else "timeline--ref"))
        body = Text(event_text(event, self.language), end="")
        if self.search_query:
            match_style = self._style("timeline--match")
            if not body.highlight_words([self.search_query], match_style, case_sensitive=False):
                # The hit is in the other language's text: say so, or the row looks like a miss.
                other: Language = "en" if self.language == "zh" else "zh"
                if self.search_query in event_text(event, other).lower():
                    line.append("EN" if other == "en" else "ZH", match_style)
                    line.append(" ")
        room = width - line.cell_len - refs.cell_len - (2 if refs else 1)
        if room < 8 and refs:
            refs = Text(passage, self._style("timeline--passage"), end="")
            refs.append(f"[{len(event.refs)}]", self._style("timeline--ref"))
            room = width - line.cell_len - refs.cell_len - 2
        body = fit(body, max(room, 0))
        line.append_text(body)
        if refs:
            line.append(" " * max(width - line.cell_len - refs.cell_len - 1, 1))
            line.append_text(refs)
        segments = list(Segment.apply_style(line.render(self.app.console), base))
        return Strip(segments).crop_extend(0, width, base)

    def entity_label(self, entity_id: str) -> str:
        return entity_name(self.store, entity_id, self.language)

    def describe_filters(self) -> str:
        parts = []
        f = self.filters
        if f.year_from is not None or f.year_to is not None:
            parts.append(f"{f.year_from or '…'}–{f.year_to or '…'}")
        if f.actor is not None:
            label = self.entity_label(f.actor)
            if f.with_related and self.store.related(f.actor):
                label += " +" + related_label(self.store, f.actor)
            parts.append(label + (" (any role)" if f.all_roles else ""))
        if f.tag is not None:
            parts.append(f"#{f.tag}")
        return " · ".join(parts)
