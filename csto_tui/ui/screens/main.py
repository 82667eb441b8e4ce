"""The main screen: lays out the four panes, routes their messages and keeps the history.

Panes post messages up (RecordHighlighted, OpenRecord, ActorChosen); this screen
decides what the others show by setting their attributes. At 120 columns and more
the panes sit side by side; below that one pane shows at a time under a tab bar.

The current record (``MainScreen.current``) is the one source of truth for what the
inspector shows, what ``y``/``Y`` copy and what is saved as the user's place. It is
never set from outside: it is read from the focused pane's cursor whenever a pane
posts ``RecordHighlighted`` (which each pane does for every cursor change) and
whenever the focused pane changes.
"""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Container
from textual.events import DescendantFocus
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from csto_tui.model import RecordRef, Store
from csto_tui.ui import prefs
from csto_tui.ui.history import History
from csto_tui.ui.messages import ActorChosen, OpenRecord, RecordHighlighted
from csto_tui.ui.palette import RecordCommands, ResearchCommands
from csto_tui.ui.screens.help import HelpScreen
from csto_tui.ui.text import Language, describe
from csto_tui.ui.widgets.case_file import CaseFilePane
from csto_tui.ui.widgets.inspector import Inspector
from csto_tui.ui.widgets.key_bar import KeyBar
from csto_tui.ui.widgets.pane_bar import PaneBar
from csto_tui.ui.widgets.record_list import RecordList
from csto_tui.ui.widgets.roster import Roster
from csto_tui.ui.widgets.timeline import Filters, Timeline
from csto_tui.ui.widgets.timeline_pane import TimelinePane

if TYPE_CHECKING:
    from csto_tui.notes.book import Notebook

PaneName = Literal["roster", "timeline", "case", "inspector"]
# Order of Tab, of the 1-4 keys and of the tab bar.
PANES: tuple[tuple[PaneName, str], ...] = (
    ("roster", "Roster"),
    ("timeline", "Timeline"),
    ("case", "Case file"),
    ("inspector", "Inspector"),
)
# Which pane shows a record of each kind.
OWNER: dict[str, PaneName] = {
    "event": "timeline",
    "member": "roster",
    "phase": "case",
    "actor": "case",
    "quote": "case",
    "outcome": "case",
    "citation": "inspector",
}
SAVE_DELAY = 1.0
INSPECT_EVERY = 0.1


class MainScreen(Screen[None]):
    """Roster, timeline, case file and inspector, with browser-like history between them."""

    AUTO_FOCUS = "Timeline"  # on_mount then moves to the pane the user left last time
    COMMANDS: ClassVar[set[type[Provider]]] = {RecordCommands, ResearchCommands}  # type: ignore[assignment]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "cycle_pane(1)", "Next pane", show=False),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False),
        *(
            Binding(str(i), f"pane('{name}')", f"Go to {label}", show=False)
            for i, (name, label) in enumerate(PANES, start=1)
        ),
        Binding("backspace", "back", "Back", show=False),
        Binding("left_square_bracket", "back", "Back", key_display="["),
        Binding("right_square_bracket", "forward", "Forward", key_display="]"),
        # One key, two bindings: the key bar and the help say what z does now (check_action shows one).
        Binding("z", "zoom", "Zoom", tooltip="The focused pane fills the screen"),
        Binding("z", "unzoom", "Unzoom", tooltip="Back to all the panes"),
        Binding("L", "toggle_language", "Language", tooltip="Chinese source text or English gloss"),
        Binding("y", "copy", "Copy", tooltip="Copy the citations behind this record in the default format"),
        Binding("Y", "copy_as", "Copy as…", tooltip="Pick a citation format, with previews; it becomes the default"),
        Binding("m", "mark", "Mark", tooltip="Mark or unmark this record for your reading list"),
        Binding("M", "reading_list", "Reading list", tooltip="The marked records, their footnotes and your notes"),
        Binding("a", "note", "Note", tooltip="Add or edit your note on this record"),
        Binding("E", "export", "Export", tooltip="Export the reading list or the timeline as a bibliography or table"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),
    ]

    language: reactive[Language] = reactive[Language]("zh", init=False)
    zoomed: reactive[bool] = reactive(False, init=False)
    current: var[RecordRef | None] = var[RecordRef | None](None, init=False)
    """The record under the focused pane's cursor (None: that pane has none, e.g. a filtered-out timeline).

    Read it, watch it (``self.watch(screen, "current", ...)``), never set it: it follows the panes.
    """

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.history = History()
        self.current_pane: PaneName = "timeline"
        self._save_timer: Timer | None = None
        self._inspect_timer: Timer | None = None
        self._inspect_pending = False
        self._last_inspected = 0.0
        self._notebook: Notebook | None = None

    def compose(self) -> ComposeResult:
        # Textual sets the breakpoint classes on the first Resize, after the first layout: without this
        # an 80-column start draws all four panes in the wide grid first, then lays out again.
        current = self._breakpoint_class(self.app.size.width)
        for _, name in self.app.HORIZONTAL_BREAKPOINTS or []:
            self.set_class(name == current, name)
        yield PaneBar(PANES, id="pane-bar")
        with Container(id="body"):
            # Grid order (app.tcss): timeline and roster side by side, inspector and case file under them.
            yield TimelinePane(self.store, id="timeline-pane", classes="pane")
            yield Roster(self.store, id="roster", classes="pane")
            yield Inspector(self.store, id="inspector", classes="pane")
            yield CaseFilePane(self.store, id="case", classes="pane")
        yield KeyBar()

    def _breakpoint_class(self, width: int) -> str | None:
        """The class Textual's Screen._on_resize gives this width: the highest threshold reached."""
        for threshold, name in sorted(self.app.HORIZONTAL_BREAKPOINTS or [], reverse=True):
            if width >= threshold:
                return name
        return None

    # Panes.

    def pane(self, name: PaneName) -> Widget:
        return self.query_one(f"#{'timeline-pane' if name == 'timeline' else name}")

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def inspector(self) -> Inspector:
        return self.query_one(Inspector)

    def on_mount(self) -> None:
        for i, (name, label) in enumerate(PANES, start=1):
            self.pane(name).border_title = f"{i} {label}"
        saved = prefs.load()
        for warning in saved.warnings:
            self.notify(warning, severity="warning", timeout=8, markup=False)
        # After the first frame: reading the notebook (and importing what it needs) is ~30 ms.
        self.call_after_refresh(self._show_notebook)
        self.language = saved.language
        self._apply_language()
        pane = saved.pane if saved.pane in OWNER.values() else "timeline"
        self.focus_pane(pane)  # type: ignore[arg-type]
        if saved.selection is not None:
            self.call_after_refresh(self._restore, saved.selection, pane)

    def _restore(self, ref: RecordRef, pane: PaneName) -> None:
        if self.go(ref):
            self.history.visit(ref)
        self.focus_pane(pane)

    def focus_pane(self, name: PaneName) -> None:
        # Focus now, not when the app gets to it (Widget.focus): keys read together with a pane key
        # (``2f`` over a laggy link) go to the new pane.
        self.set_focus(self._focus_target(name))
        self._set_current(name)

    def _focus_target(self, name: PaneName) -> Widget:
        """The widget that takes focus for a pane: its list, or the inspector itself."""
        if name == "timeline":
            return self.timeline
        if name == "inspector":
            return self.inspector
        return self.pane(name).query_one(RecordList)

    def _set_current(self, name: PaneName) -> None:
        self.current_pane = name
        for pane_name, _ in PANES:
            self.pane(pane_name).set_class(pane_name == name, "-current")
        self.query_one(PaneBar).current = name
        self._follow_cursor()
        self.refresh_bindings()
        self._schedule_save()

    @on(DescendantFocus)
    def _track_focus(self, event: DescendantFocus) -> None:
        for name, _ in PANES:
            pane = self.pane(name)
            if event.widget is pane or pane in event.widget.ancestors:
                self._set_current(name)
                return

    @on(PaneBar.Chosen)
    def _pane_clicked(self, event: PaneBar.Chosen) -> None:
        if event.name in OWNER.values():
            self.focus_pane(event.name)  # type: ignore[arg-type]

    def action_cycle_pane(self, step: int) -> None:
        names = [name for name, _ in PANES]
        self.focus_pane(names[(names.index(self.current_pane) + step) % len(names)])

    def action_pane(self, name: PaneName) -> None:
        self.focus_pane(name)

    # The current record.

    def record_in(self, name: PaneName) -> RecordRef | None:
        """The record under ``name``'s cursor, read from the pane itself."""
        if name == "inspector":
            return self.inspector.subject
        if name == "timeline":
            return self.timeline.highlighted_record
        pane = self.pane(name)
        assert isinstance(pane, Roster | CaseFilePane)
        return pane.highlighted_record

    def _follow_cursor(self) -> None:
        if self.current_pane == "inspector" and self._inspect_pending:
            self._inspect()  # focus moved to the inspector before it caught up with the current record
        self.current = self.record_in(self.current_pane)

    @on(RecordHighlighted)
    def _record_highlighted(self, message: RecordHighlighted) -> None:
        message.stop()
        self._follow_cursor()

    def watch_current(self) -> None:
        """The inspector follows at most every INSPECT_EVERY seconds; the place is saved a moment later.

        A held j key moves the timeline every frame; rewrapping the inspector for each row would
        cost more than the move itself, so it shows the row the cursor rests on (toolong's idea of
        collapsing rapid messages). A single key press updates it in the frame after the cursor's.
        """
        self._schedule_save()
        if self.inspector.subject == self.current:
            self._cancel_inspect()
            return
        self._inspect_pending = True
        if monotonic() - self._last_inspected >= INSPECT_EVERY:
            # After the next frame: the moved cursor is on screen before the inspector rewraps.
            self.call_after_refresh(self._inspect_if_pending)
        elif self._inspect_timer is None:
            self._inspect_timer = self.set_timer(INSPECT_EVERY, self._inspect_if_pending, name="inspect")

    def _inspect_if_pending(self) -> None:
        if self._inspect_pending:
            self._inspect()

    def _inspect(self) -> None:
        self._cancel_inspect()
        self._last_inspected = monotonic()
        self.inspector.show(self.current)

    def _cancel_inspect(self) -> None:
        self._inspect_pending = False
        if self._inspect_timer is not None:
            self._inspect_timer.stop()
            self._inspect_timer = None

    @on(OpenRecord)
    def _open_record(self, message: OpenRecord) -> None:
        message.stop()
        self.open(message.ref)

    @on(ActorChosen)
    def _actor_chosen(self, message: ActorChosen) -> None:
        message.stop()
        self.show_actor(message.entity_id)

    def show_actor(self, entity_id: str | None) -> None:
        """Filter the timeline to one actor's events (None clears that filter) and go there."""
        if self.current is not None:
            self.history.visit(self.current)
        timeline = self.timeline
        f = timeline.filters
        timeline.set_filters(Filters(f.year_from, f.year_to, entity_id, f.tag))
        if entity_id is not None:
            self.focus_pane("timeline")

    @on(Timeline.ViewChanged)
    def _view_changed(self, message: Timeline.ViewChanged) -> None:
        """The roster marks the member the timeline is filtered to, whichever pane set or cleared it."""
        self.query_one(Roster).chosen = message.timeline.filters.actor
        self.refresh_bindings()

    def jump_to_year(self, year: int) -> None:
        self.timeline.jump_to_year(year)
        self.focus_pane("timeline")

    @on(Timeline.FilterRequested)
    def _filter_requested(self, message: Timeline.FilterRequested) -> None:
        message.stop()
        timeline = self.timeline

        def apply(filters: Filters | None) -> None:
            if filters is not None:
                timeline.set_filters(filters)
            self.focus_pane("timeline")

        from csto_tui.ui.screens.filter import FilterScreen  # 26 ms of start-up that only the dialog needs

        self.app.push_screen(FilterScreen(self.store, timeline.filters, self.language), apply)

    def open(self, ref: RecordRef) -> bool:
        """Follow a link to ``ref``, remembering where we came from."""
        if self.current is not None:
            self.history.visit(self.current)
        if not self.go(ref):
            self.notify(f"Cannot show {describe(self.store, ref, self.language)}", severity="warning", markup=False)
            return False
        self.history.visit(ref)
        self.refresh_bindings()
        return True

    def go(self, ref: RecordRef, *, restore: bool = False) -> bool:
        """Show ``ref`` in the pane that owns it and focus that pane (no history change).

        ``restore`` (back and forward): the inspector puts its cursor back on the link it was on.
        """
        owner = OWNER.get(ref.kind)
        if owner is None:
            return False
        if owner == "inspector":
            shown = self.inspector.select_record(ref, restore=restore)
        else:
            target = self.timeline if owner == "timeline" else self.pane(owner)
            shown = target.select_record(ref)  # type: ignore[attr-defined]
        if not shown:
            return False
        if owner == "inspector":
            self._cancel_inspect()  # it shows ``ref`` now; a pending update would put the old record back
        self.focus_pane(owner)
        self._inspect()  # a jump shows its target at once, not after the next frame
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "zoom":
            # Narrow terminals already show one pane at a time.
            return not self.zoomed and not self.has_class("-narrow")
        if action == "unzoom":
            return self.zoomed
        if action == "back":
            return self.history.can_back
        if action == "forward":
            return self.history.can_forward
        return True

    def action_back(self) -> None:
        ref = self.history.back()
        if ref is not None:
            self.go(ref, restore=True)
        self.refresh_bindings()

    def action_forward(self) -> None:
        ref = self.history.forward()
        if ref is not None:
            self.go(ref, restore=True)
        self.refresh_bindings()

    def action_zoom(self) -> None:
        self.zoomed = True

    def action_unzoom(self) -> None:
        self.zoomed = False

    def watch_zoomed(self, zoomed: bool) -> None:
        self.set_class(zoomed, "-zoomed")
        self.refresh_bindings()

    # Language, help, preferences.

    def action_toggle_language(self) -> None:
        self.language = "en" if self.language == "zh" else "zh"

    def watch_language(self) -> None:
        self._apply_language()
        self._schedule_save()

    def _apply_language(self) -> None:
        for widget in (self.query_one(Roster), self.timeline, self.query_one(CaseFilePane), self.inspector):
            widget.language = self.language
        self.query_one(TimelinePane).refresh_title()

    def action_copy(self) -> None:
        from csto_tui.ui import copying  # the citation formats load on the first copy, not at start-up

        # A key read together with y (j y over a laggy link) has moved the cursor, but its
        # RecordHighlighted may still be on its way: read the cursor now.
        self._follow_cursor()
        copying.copy_current(self)

    def action_copy_as(self) -> None:
        from csto_tui.ui import copying

        self._follow_cursor()
        copying.open_picker(self)

    # Marks, notes, reading list, export (csto_tui.ui.research).

    @property
    def notebook(self) -> Notebook:
        """The user's marks and notes, opened on first use."""
        if self._notebook is None:
            from csto_tui.notes.book import Notebook

            self._notebook = Notebook.open_default()
        return self._notebook

    def _show_notebook(self) -> None:
        from csto_tui.ui import research

        research.show_marks(self)
        research.warn(self)

    def set_marks(self, marked: frozenset[RecordRef], notes: dict[RecordRef, str]) -> None:
        """Every pane shows these marks; the inspector shows the notes too."""
        for widget in (self.query_one(Roster), self.timeline, self.query_one(CaseFilePane)):
            widget.marked = marked
        self.inspector.set_notebook(marked, notes)

    def action_mark(self) -> None:
        from csto_tui.ui import research

        research.toggle_mark(self)

    def action_note(self) -> None:
        from csto_tui.ui import research

        research.edit_note(self)

    def action_reading_list(self) -> None:
        from csto_tui.ui import research

        research.open_reading_list(self)

    def action_export(self) -> None:
        from csto_tui.ui import research

        research.open_export(self)

    def action_help(self) -> None:
        focused = self.focused
        self.app.push_screen(HelpScreen.for_focus(self, focused))

    def _schedule_save(self) -> None:
        """Save a moment after the last change, not on every key."""
        if self._save_timer is not None:
            self._save_timer.reset()
        elif self.is_mounted:
            self._save_timer = self.set_timer(SAVE_DELAY, self.save_prefs, name="save-prefs")

    def save_prefs(self) -> None:
        self._save_timer = None
        warning = prefs.save(prefs.Prefs(language=self.language, pane=self.current_pane, selection=self.current))
        if warning is not None:
            self.notify(warning, severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.save_prefs()
