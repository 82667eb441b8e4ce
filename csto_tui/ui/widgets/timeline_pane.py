"""The timeline pane: density strip, timeline and the incremental search box under it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input

from csto_tui.model import Store
from csto_tui.ui.text import count
from csto_tui.ui.widgets.density import DensityStrip
from csto_tui.ui.widgets.timeline import COUNT_LIMIT, Timeline


class SearchBox(Input):
    """``/`` opens it; typing moves the timeline to the first match, Enter keeps it, Escape undoes it.

    The pane owns those three keys (see ``TimelinePane``), so it holds no bindings of its own.
    """

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

    ``/``, and Enter and Escape in the search box, are priority bindings: the app runs them as it
    reads each key, before it hands the next key to the focused widget. Keys that arrive in the same
    read as the closing Enter (a laggy link, ``tmux send-keys Enter y``) then reach the timeline, not
    the search box, and keys typed right after ``/`` reach the box.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "open_search", "Search", tooltip="Search Chinese text and English summary", priority=True),
        Binding("enter", "close_search(True)", "Keep search", priority=True),
        Binding("escape", "close_search(False)", "Cancel search", priority=True),
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
        if action == "close_search":
            return self.screen.focused is self.query_one(SearchBox)
        return True

    def action_open_search(self) -> None:
        box = self.query_one(SearchBox)
        self.timeline.begin_search()
        box.value = ""
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

    def action_close_search(self, keep: bool) -> None:
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
