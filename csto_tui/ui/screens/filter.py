"""The timeline's filter dialog: year range, actor (its roles, its people) and tag."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Select

from csto_tui.model import Store
from csto_tui.safety import clean_line
from csto_tui.ui.screens.dialog import Dialog
from csto_tui.ui.text import Language
from csto_tui.ui.widgets.actor_picker import ActorPicker, actors_of
from csto_tui.ui.widgets.tick_box import TickBox
from csto_tui.ui.widgets.timeline import Filters


class FilterScreen(Dialog[Filters | None]):
    """Returns the new filters, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, store: Store, filters: Filters, language: Language) -> None:
        super().__init__()
        self.store = store
        self.filters = filters
        self.language = language

    def compose(self) -> ComposeResult:
        years = list(self.store.years())
        first, last = (years[0], years[-1]) if years else (0, 0)
        actors = actors_of(self.store, {actor for event in self.store.events for actor in event.actors}, self.language)
        f = self.filters
        with Vertical(id="filter-dialog") as dialog:
            dialog.border_title = "Filter the timeline"
            with Horizontal(classes="row"):
                yield Label("Years", classes="label")
                yield Input(str(f.year_from or ""), placeholder=str(first), type="integer", id="year-from")
                yield Label("to", classes="to")
                yield Input(str(f.year_to or ""), placeholder=str(last), type="integer", id="year-to")
            with Horizontal(classes="row"):
                yield Label("Actor", classes="label")
                picker = ActorPicker(actors, f.actor, id="actor")
                picker.border_title = "type a name: English, Chinese or pinyin"
                yield picker
            with Horizontal(classes="row"):
                yield Label("", classes="label")
                with Vertical(id="actor-options"):
                    # An actor's events are those it acts in or is affected by unless this is ticked.
                    yield TickBox("any role (also excluded, place, mentioned)", f.all_roles, id="all-roles")
                    yield TickBox("also its leaders and officials", f.with_related, id="with-related")
            with Horizontal(classes="row"):
                yield Label("Tag", classes="label")
                yield Select(
                    [(Content(clean_line(t)), t) for t in self.store.tags()],
                    value=f.tag if f.tag in self.store.tags() else Select.NULL,
                    prompt="any tag",
                    id="tag",
                )
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="apply")
                yield Button("Clear", id="clear")
                yield Button("Cancel", id="cancel")

    def _year(self, widget_id: str) -> int | None:
        value = self.query_one(f"#{widget_id}", Input).value.strip()
        return int(value) if value.lstrip("-").isdigit() else None

    def _chosen(self) -> Filters:
        actor = self.query_one(ActorPicker).value
        tag = self.query_one("#tag", Select).value
        low, high = self._year("year-from"), self._year("year-to")
        if low is not None and high is not None and low > high:
            low, high = high, low
        return Filters(
            low,
            high,
            actor if isinstance(actor, str) else None,
            tag if isinstance(tag, str) else None,
            all_roles=self.query_one("#all-roles", TickBox).value,
            with_related=self.query_one("#with-related", TickBox).value,
        )

    @on(Input.Submitted)
    @on(ActorPicker.OptionSelected)
    @on(Button.Pressed, "#apply")
    def apply(self) -> None:
        self.dismiss(self._chosen())

    @on(Button.Pressed, "#clear")
    def clear(self) -> None:
        self.dismiss(Filters())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
