"""The timeline pane: density strip, timeline and the incremental search box under it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from csto_tui.model import Store
from csto_tui.ui.text import count
from csto_tui.ui.widgets.density import DensityStrip
from csto_tui.ui.widgets.timeline import COUNT_LIMIT, Timeline


class SearchBox(Input):
    """``/`` opens it; typing moves the timeline to the first match, Enter keeps it, Escape undoes it.

    Enter and Escape are handled here, in the box's own key queue, so the letters typed before them
    are searched first. Keys that reach the box after them were read together with them (a laggy
    link, ``tmux send-keys Enter y``): they go back to the app, which hands them to the timeline
    once the pane has closed the search.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close(True)", "Keep search"),
        Binding("escape", "close(False)", "Cancel search"),
    ]

    @dataclass
    class Closed(Message):
        keep: bool

    closing = False  # set by Enter or Escape; the pane clears it when it opens the box again

    async def _on_key(self, event: events.Key) -> None:
        if self.closing:
            event.stop()
            event.prevent_default()  # Input's own handler would type it
            self.app.post_message(events.Key(event.key, event.character))
        elif event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            self.action_close(event.key == "enter")

    def action_close(self, keep: bool) -> None:
        if not self.closing:
            self.closing = True
            self.post_message(self.Closed(keep))

    def _watch_value(self, value: str) -> None:
        # Input sets its virtual size through a layout reactive, so each key would lay out the
        # whole screen (a frame's worth at 100k events); a one-line box needs no layout.
        # Setting the new size quietly first leaves Input nothing to change.
        size = Size(self.content_width, 1)
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
        super()._watch_value(value)


class TimelinePane(Vertical):
    """Holds the timeline and its helpers; the timeline itself takes focus.

    ``/`` is a priority binding: the app runs it as it reads the key, before it hands the next key
    to the focused widget, so letters typed right after it (in the same read) reach the box.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "open_search", "Search", tooltip="Search Chinese text and English summary", priority=True),
        # The density strip's Enter, here so the jump is done before a key read with it (y) is handled.
        Binding("enter", "jump_to_year", "Jump to year"),
    ]

    def __init__(self, store: Store, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.store = store

    def compose(self) -> ComposeResult:
        yield DensityStrip(list(self.store.years()), id="density")
        yield Timeline(self.store, id="timeline")
        yield SearchBox(placeholder="search Chinese text and English summary", id="timeline-search")

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    def on_mount(self) -> None:
        self.query_one(DensityStrip).set_counts(self.store.years())
        self.refresh_title()

    def focus(self, scroll_visible: bool = True) -> TimelinePane:
        self.timeline.focus(scroll_visible)
        return self

    def refresh_title(self) -> None:
        timeline = self.timeline
        parts = [count(timeline.row_count, "event")]
        if timeline.filters.active:
            parts.append(timeline.describe_filters())
        if timeline.search_query:
            matches = timeline.match_count()
            shown = f"{matches}+ rows" if matches >= COUNT_LIMIT else count(matches, "row")
            parts.append(f"/{timeline.search_query}: {shown}")
        # Content, not a str: actor names and the search query are data, never markup.
        self.border_subtitle = Content(" · ".join(parts))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The screen's focus, not has_focus: that follows a Focus event still in the queue after a pane key.
        if action == "open_search":
            return self.screen.focused is self.timeline
        if action == "jump_to_year":
            return self.screen.focused is self.query_one(DensityStrip)
        return True

    def action_jump_to_year(self) -> None:
        year = self.query_one(DensityStrip).year
        if year is not None:
            self.timeline.jump_to_year(year)
        self.screen.set_focus(self.timeline)

    def action_open_search(self) -> None:
        box = self.query_one(SearchBox)
        self.timeline.begin_search()
        box.value = ""
        box.closing = False
        box.display = True
        # Now, not after the keys already read (Widget.focus waits its turn in the app's queue).
        self.screen.set_focus(box)

    @on(Input.Changed, "#timeline-search")
    def incremental_search(self, event: Input.Changed) -> None:
        event.stop()
        if self.query_one(SearchBox).display:
            self.timeline.search(event.value)
            # In the next frame: redrawing the pane's border repaints the whole pane, and the
            # moved cursor and highlights should reach the screen first.
            self.call_after_refresh(self.refresh_title)

    @on(SearchBox.Closed)
    def close_search(self, event: SearchBox.Closed) -> None:
        event.stop()
        keep = event.keep
        box = self.query_one(SearchBox)
        box.display = False
        self.timeline.end_search(keep=keep)
        self.screen.set_focus(self.timeline)
        self.refresh_title()

    @on(Timeline.ViewChanged)
    def view_changed(self, event: Timeline.ViewChanged) -> None:
        self.query_one(DensityStrip).set_counts(event.counts)
        self.refresh_title()

    @on(Timeline.YearReached)
    def year_reached(self, event: Timeline.YearReached) -> None:
        self.query_one(DensityStrip).year = event.year

    @on(Timeline.YearsRequested)
    def pick_year(self) -> None:
        self.query_one(DensityStrip).focus()

    @on(DensityStrip.Left)
    def back_to_timeline(self) -> None:
        self.timeline.focus()

    @on(DensityStrip.YearChosen)
    def year_chosen(self, event: DensityStrip.YearChosen) -> None:
        self.timeline.jump_to_year(event.year)
        self.timeline.focus()
