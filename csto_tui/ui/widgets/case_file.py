"""The conflict case file: the 2010 Kyrgyz crisis as phases, actors, quotes and outcome."""

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

from csto_tui.model import CaseActor, CaseFile, Phase, Quote, RecordRef, Store
from csto_tui.model.records import RefScope
from csto_tui.safety import clean_line
from csto_tui.ui import gloss
from csto_tui.ui.messages import OpenRecord
from csto_tui.ui.text import MARK, PASSAGE_MARK, Language, entity_name, readable
from csto_tui.ui.widgets.record_list import RecordList, item, option_id

SECTIONS: dict[Language, dict[str, str]] = {
    "en": {"phase": "Phases", "actor": "Actors", "quote": "Quotes", "outcome": "Outcome"},
    "zh": {"phase": "阶段", "actor": "人物", "quote": "引语", "outcome": "结果"},
}
_NO_CASE = {"en": "This store has no case file.", "zh": "此数据库没有案例。"}
_NO_EVENT = {"en": "no event recorded", "zh": "无对应事件"}


def refs_text(refs: tuple[int, ...]) -> str:
    """Footnote numbers as the article prints them: [18][24]."""
    return "".join(f"[{n}]" for n in refs)


def _append_refs(text: Text, refs: tuple[int, ...], scope: RefScope = "sentence") -> None:
    # The space is unstyled: SVG renderers drop leading spaces of a styled run.
    if refs:
        text.append(" ")
        if scope == "passage":  # the footnote sits after a later sentence of the paragraph
            text.append(PASSAGE_MARK, style="bold")
        text.append(refs_text(refs), style="dim")


class CaseFileList(RecordList):
    """The case file's items; Enter opens the event behind a phase or quote."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Open event")]

    def __init__(self, *options: Option, links: dict[str, str], id: str | None = None) -> None:
        super().__init__(*options, id=id)
        self.links = links  # option id -> event id

    @property
    def linked_event(self) -> str | None:
        option = self.highlighted_option
        return None if option is None or option.id is None else self.links.get(option.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select":
            return self.linked_event is not None
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_bindings()


class CaseFilePane(Vertical):
    """Conflict case file."""

    HELP: ClassVar[str] = """\
## Case file: the 2010 Kyrgyz crisis

The crisis as the article tells it: its phases in order (each dated as precisely as the article
allows), the actors with their role, country and stance, the direct quotes with their speakers, and
the outcome. The footnote numbers of each item are shown; the citation inspector shows them in full.
`¶[24]` marks a passage footnote: the article puts it after a later sentence of the paragraph, not
right after the item's own words (the inspector and every copy name that sentence).

- **Enter** on a phase or a quote: open its event in the timeline (and from there its citations)
- **↑/↓**, **j/k**, **g/G**, **PageUp/PageDown**: move
- **L** (app-wide): Chinese source text or English gloss
"""

    language: reactive[Language] = reactive[Language]("zh")
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
        self.case: CaseFile | None = store.case_files[0] if store.case_files else None

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="case-title")
        yield CaseFileList(*self._options(), links=self._links(), id="case-list")

    @property
    def _list(self) -> CaseFileList:
        return self.query_one(CaseFileList)

    @property
    def highlighted_record(self) -> RecordRef | None:
        return self._list.highlighted_record

    def focus(self, scroll_visible: bool = True) -> CaseFilePane:
        """Focusing the pane focuses its list (the screen's 1-4 keys)."""
        self._list.focus(scroll_visible)
        return self

    def select_record(self, ref: RecordRef) -> bool:
        return ref.kind in ("phase", "actor", "quote", "outcome") and self._list.select_record(ref)

    # Text.

    def _title(self) -> Text:
        if self.case is None:
            return Text(_NO_CASE[self.language])
        return Text(clean_line(self.case.title_en if self.language == "en" else self.case.title_zh), style="bold")

    def _summary(self, case: CaseFile) -> Text:
        """The list's first line (it scrolls away, the title stays). The store has it in English only."""
        label = "" if self.language == "en" else gloss.ENGLISH  # the store has no Chinese summary
        return Text(label + clean_line(case.summary_en), style="not bold italic")

    def _heading(self, kind: str, count: int) -> Text:
        return Text(f"{SECTIONS[self.language][kind]} ({count})", style="bold")

    def _mark(self, head: Text, ref: RecordRef) -> Text:
        """``head`` with the reading-list mark after it when ``ref`` is marked."""
        if ref in self.marked:
            head.append(f" {MARK}", style="bold")
        return head

    def _phase(self, phase: Phase) -> RenderableType:
        head = Text(clean_line(phase.date), style="bold")
        if self.language == "en":
            head.append("  ")
            head.append(clean_line(phase.title_en), style="bold")
            body = Text(clean_line(phase.summary_en))
        else:
            sources = [e.source_text for e in map(self.store.event, phase.events) if e is not None]
            body = Text("\n".join(readable(source) for source in sources))  # one event a line
        self._mark(head, RecordRef("phase", phase.id))
        _append_refs(body, phase.refs)
        return item(head, body)

    def _actor(self, actor: CaseActor) -> RenderableType:
        head = Text(entity_name(self.store, actor.entity, self.language), style="bold")
        role = clean_line(actor.role_en) + ("" if self.language == "en" else " (English)")
        head.append(f" · {entity_name(self.store, actor.country, self.language)} · {role}")
        self._mark(head, RecordRef("actor", actor.id))
        body = Text(clean_line(actor.stance_en) if self.language == "en" else readable(actor.source_text))
        _append_refs(body, actor.refs, actor.ref_scope)
        return item(head, body)

    def _quote(self, quote: Quote) -> RenderableType:
        head = Text(entity_name(self.store, quote.speaker, self.language), style="bold")
        if quote.event is None:
            head.append(" ")
            head.append(f"({_NO_EVENT[self.language]})", style="dim")
        self._mark(head, RecordRef("quote", quote.id))
        if self.language == "en":
            body = Text(f"“{clean_line(quote.gloss_en)}”", style="italic")
        else:
            body = Text(f"「{readable(quote.source_text)}」")
        _append_refs(body, quote.refs, quote.ref_scope)
        return item(head, body)

    def _outcome(self, case: CaseFile) -> RenderableType:
        body = Text(clean_line(case.outcome_en) if self.language == "en" else readable(case.outcome_source_text))
        _append_refs(body, case.outcome_refs, case.outcome_ref_scope)
        if RecordRef("outcome", case.id) in self.marked:
            return Text.assemble((f"{MARK} ", "bold"), body)
        return body

    def _prompts(self) -> list[tuple[str, RenderableType]]:
        """(option id, text) of every heading and item, in order; headings' ids start with "heading-"."""
        case = self.case
        if case is None:
            return []
        items: list[tuple[str, RenderableType]] = [
            ("heading-summary", self._summary(case)),
            ("heading-phase", self._heading("phase", len(case.phases))),
        ]
        items += [(option_id(RecordRef("phase", p.id)), self._phase(p)) for p in case.phases]
        items.append(("heading-actor", self._heading("actor", len(case.actors))))
        items += [(option_id(RecordRef("actor", a.id)), self._actor(a)) for a in case.actors]
        items.append(("heading-quote", self._heading("quote", len(case.quotes))))
        items += [(option_id(RecordRef("quote", q.id)), self._quote(q)) for q in case.quotes]
        items.append(("heading-outcome", self._heading("outcome", 1)))
        items.append((option_id(RecordRef("outcome", case.id)), self._outcome(case)))
        return items

    def _options(self) -> list[Option]:
        return [Option(text, id=ident, disabled=ident.startswith("heading-")) for ident, text in self._prompts()]

    def _links(self) -> dict[str, str]:
        """Where Enter goes: a quote's event, or a phase's first event."""
        links: dict[str, str] = {}
        if self.case is not None:
            for phase in self.case.phases:
                if phase.events:
                    links[option_id(RecordRef("phase", phase.id))] = phase.events[0]
            for quote in self.case.quotes:
                if quote.event is not None:
                    links[option_id(RecordRef("quote", quote.id))] = quote.event
        return links

    def watch_language(self) -> None:
        if self.is_mounted:
            self.query_one("#case-title", Static).update(self._title())
            self._list.replace_prompts(self._prompts())

    def watch_marked(self) -> None:
        if self.is_mounted:
            self._list.replace_prompts(self._prompts())

    # Messages from the list, turned into the app's messages.

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        event_id = self._list.linked_event
        if event_id is not None:
            self.post_message(OpenRecord(RecordRef("event", event_id)))
