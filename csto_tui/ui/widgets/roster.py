"""The member roster: every table row grouped by status, with the membership-over-time chart."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from csto_tui.model import Member, RecordRef, Store
from csto_tui.model.records import Status
from csto_tui.safety import clean_line
from csto_tui.ui import gloss
from csto_tui.ui.messages import ActorChosen, RecordHighlighted
from csto_tui.ui.text import MARK, Language, entity_name
from csto_tui.ui.widgets.membership_chart import GLYPHS, KIND_LABELS, MembershipChart, describe_spans
from csto_tui.ui.widgets.record_list import RecordList, item, option_id

INFERRED_MARK = "≈"
EXTERNAL_MARK = "⊕"
FILTER_MARK = "▶"

# The zh headings are the article's own list items above each table.
STATUS_HEADINGS: dict[str, dict[Status, str]] = {
    "zh": {
        "member": "目前成員",
        "former_treaty_member": "前獨聯體集体安全条约成員國",
        "observer": "觀察員國",
        "former_member": "原成員國",
        "candidate": "候選",
    },
    "en": {
        "member": "Members",
        "former_treaty_member": "Former treaty members",
        "observer": "Observers",
        "former_member": "Former members",
        "candidate": "Candidates",
    },
}
NAME_HEADER = "国家"  # the country cell, empty in every row of this copy of the article
# The legend in full, and short for a narrow pane (the help screen explains the marks at length).
LEGEND = {
    "en": (
        f"{INFERRED_MARK} name inferred (empty cell)  {EXTERNAL_MARK} name from outside the article  "
        f"{FILTER_MARK} timeline filter",
        f"{INFERRED_MARK} inferred  {EXTERNAL_MARK} outside article  {FILTER_MARK} filter",
    ),
    "zh": (
        f"{INFERRED_MARK} 国名系推断（表格为空）  {EXTERNAL_MARK} 国名来自文章以外  {FILTER_MARK} 时间线筛选",
        f"{INFERRED_MARK} 推断国名  {EXTERNAL_MARK} 外部来源  {FILTER_MARK} 筛选",
    ),
}
NARROW = 72  # below this many cells the short legend is used
# Below this many rows the chart would leave the list a member or two: it hides until c asks for it.
CHART_MIN_HEIGHT = 26
_SOURCE = {"en": "from", "zh": "来源"}


class MemberList(RecordList):
    """The roster's rows; Enter filters the timeline to the highlighted member."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Filter timeline")]


class Roster(Vertical):
    """Member roster and membership chart."""

    HELP: ClassVar[str] = f"""\
## Member roster

Every row of the article's member tables, grouped by status: members, former treaty members,
observers, former members and candidates. Each row shows the table's dates and note verbatim.
The country cells of the tables are empty, so every name is marked: `{INFERRED_MARK}` inferred from the
row (the inspector shows how), `{EXTERNAL_MARK}` resting on anything outside the article: an outside
source, or outside knowledge with its reasoning (shown under the row).

- **Enter**: filter the timeline to the events this member takes part in (`{FILTER_MARK}` marks it)
- **x**: clear that filter
- **c**: show or hide the membership chart (shown by itself when the pane is tall enough)
- **↑/↓**, **j/k**, **g/G**, **PageUp/PageDown**: move

The chart draws each state from 1992 to the latest year in the store: `█` member, `▓` treaty party,
`░` observer, `▄` suspended, `·` withdrawn, `┄` candidate. The highlighted member's dates are printed
below it; hover a row for its dates, click a row to select it.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "clear_filter", "Clear filter"),
        Binding("c", "toggle_chart", "Chart"),
    ]

    language: reactive[Language] = reactive[Language]("zh")
    chosen: reactive[str | None] = reactive(None)  # entity id the timeline is filtered to
    chart_wanted: reactive[bool | None] = reactive(None)  # None: shown when the pane is tall enough
    marked: reactive[frozenset[RecordRef]] = reactive[frozenset[RecordRef]](frozenset(), init=False)

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
        self.groups = {status: rows for status, rows in store.members_by_status().items() if rows}
        self._members = {m.id: m for rows in self.groups.values() for m in rows}

    def compose(self) -> ComposeResult:
        yield MemberList(*self._options(), id="roster-list")
        # The list starts on the first member: show it now so nothing shifts after the first frame.
        first = next(iter(self._members.values()), None)
        chart = MembershipChart(self.store, id="roster-chart").data_bind(Roster.language)
        chart.border_title = "1992–" + str(chart.end_year)
        chart.highlighted = None if first is None else first.id
        yield chart
        yield Static(Text() if first is None else self._dates(first), id="roster-detail")
        yield Static(self._legend(), id="roster-legend")

    @property
    def _list(self) -> MemberList:
        return self.query_one(MemberList)

    @property
    def highlighted_record(self) -> RecordRef | None:
        return self._list.highlighted_record

    @property
    def highlighted_member(self) -> Member | None:
        ref = self._list.highlighted_record
        return None if ref is None else self._members.get(ref.id)

    def focus(self, scroll_visible: bool = True) -> Roster:
        """Focusing the pane focuses its list (the screen's 1-4 keys)."""
        self._list.focus(scroll_visible)
        return self

    def select_record(self, ref: RecordRef) -> bool:
        return ref.kind == "member" and self._list.select_record(ref)

    # Text.

    def _heading(self, status: Status) -> Text:
        return Text(f"{STATUS_HEADINGS[self.language][status]} ({len(self.groups[status])})", style="bold")

    def _prompt(self, member: Member) -> RenderableType:
        mark = {"inferred": INFERRED_MARK, "external": EXTERNAL_MARK}.get(member.provenance, " ")
        head = Text(f"{mark} ")
        head.append(entity_name(self.store, member.entity, self.language), style="bold")
        if self.chosen is not None and member.entity == self.chosen:
            head.append(f" {FILTER_MARK}")
        if RecordRef("member", member.id) in self.marked:
            head.append(f" {MARK}", style="bold")
        cells = []
        state = entity_name(self.store, member.entity, "en")
        for header, cell in member.columns:
            if header == NAME_HEADER or not cell.strip():
                continue
            if self.language == "en":  # the table's words in English; anything else labelled as source
                header, cell = gloss.header(header), gloss.cell(header, cell, state)
            cells.append(f"{clean_line(header)} {clean_line(cell)}")
        body = Text(" · ".join(cells), style="dim")
        if member.provenance == "external" and member.provenance_source:
            origin = clean_line(member.provenance_source)
            origin = gloss.label_runs(origin) if self.language == "en" else origin
            body.append(f"\n{EXTERNAL_MARK} {_SOURCE[self.language]}: {origin}")
        return item(head, body)

    def _options(self) -> list[Option]:
        options = []
        for status, rows in self.groups.items():
            options.append(Option(self._heading(status), id=f"heading-{status}", disabled=True))
            options.extend(Option(self._prompt(m), id=option_id(RecordRef("member", m.id))) for m in rows)
        return options

    def _legend(self) -> Text:
        text = Text(LEGEND[self.language][self.is_mounted and self.size.width < NARROW])
        if self.chart_shown:
            text.append(
                "\n" + "  ".join(f"{GLYPHS[kind]} {label}" for kind, label in KIND_LABELS[self.language].items())
            )
        return text

    def _dates(self, member: Member) -> Text:
        text = Text(entity_name(self.store, member.entity, self.language), style="bold")
        text.append(f"  {describe_spans(member.spans, self.language)}")
        return text

    def _show_current(self) -> None:
        """Mark the highlighted member's chart row and print its dates."""
        member = self.highlighted_member
        self.query_one(MembershipChart).highlighted = None if member is None else member.id
        self.query_one("#roster-detail", Static).update(Text() if member is None else self._dates(member))

    def _refresh_text(self) -> None:
        self._list.replace_prompts(
            [(f"heading-{status}", self._heading(status)) for status in self.groups]
            + [(option_id(RecordRef("member", m.id)), self._prompt(m)) for m in self._members.values()]
        )
        self.query_one("#roster-legend", Static).update(self._legend())
        self._show_current()

    def watch_language(self) -> None:
        if self.is_mounted:
            self._refresh_text()

    def watch_marked(self) -> None:
        if self.is_mounted:
            self._refresh_text()

    def watch_chosen(self) -> None:
        if self.is_mounted:
            self._refresh_text()
            self.refresh_bindings()

    # Messages from the list and the chart, turned into the app's messages.

    def on_record_highlighted(self, message: RecordHighlighted) -> None:
        """The list's cursor moved: mark the member's chart row (the message goes on to the screen)."""
        self._show_current()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        member = self.highlighted_member
        if member is not None:
            self.chosen = member.entity
            self.post_message(ActorChosen(member.entity))

    def on_membership_chart_row_clicked(self, event: MembershipChart.RowClicked) -> None:
        self.select_record(RecordRef("member", event.member.id))
        self._list.focus()

    # Actions.

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.chosen is not None
        return True

    def action_clear_filter(self) -> None:
        self.chosen = None
        self.post_message(ActorChosen(None))

    @property
    def chart_shown(self) -> bool:
        if self.chart_wanted is not None:
            return self.chart_wanted
        return not self.is_mounted or self.size.height >= CHART_MIN_HEIGHT

    def action_toggle_chart(self) -> None:
        self.chart_wanted = not self.chart_shown

    def on_resize(self) -> None:
        self._show_chart()

    def watch_chart_wanted(self) -> None:
        if self.is_mounted:
            self._show_chart()

    def _show_chart(self) -> None:
        self.query_one(MembershipChart).display = self.chart_shown
        self.query_one("#roster-legend", Static).update(self._legend())
