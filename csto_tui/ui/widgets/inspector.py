"""The citation inspector: the highlighted record's footnotes in full, and a citation's backlinks.

Content is a handful of paragraphs, wrapped once per width into strips; links are
line ranges with a cursor. URLs become OSC 8 hyperlinks only when ``safe_url``
accepts them (http and https).
"""

from __future__ import annotations

from dataclasses import dataclass
from string import ascii_lowercase
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive, var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from csto_tui.model import ROLES, CaseActor, CaseFile, Citation, Member, Phase, Quote, RecordRef, Store
from csto_tui.safety import clean, clean_line, safe_url
from csto_tui.ui import gloss
from csto_tui.ui.messages import OpenRecord, announce
from csto_tui.ui.text import (
    MARK,
    PASSAGE_MARK,
    Language,
    describe,
    entity_name,
    event_text,
    quoted,
    readable,
    titled_name,
)

if TYPE_CHECKING:
    from csto_tui.cite.formats import Placement

REMEMBERED = 64  # records whose link cursor back and forward restore

# How an event's date was found, in a word or two for the title; the date line says it in full.
DATE_METHODS = {
    "explicit": "stated",
    "range": "a range",
    "name": "year from a name",
    "relative": "counted",
    "yearless": "year from the paragraph",
    "context": "inherited",
}
STATUS_NAMES = {
    "member": "member state",
    "former_treaty_member": "former party to the treaty",
    "observer": "observer",
    "former_member": "former member",
    "candidate": "candidate",
}


@dataclass
class Block:
    text: Text
    link: RecordRef | None = None
    gap: bool = False  # a blank line before the block


def backlink_label(i: int) -> str:
    """Wikipedia's backlink letters: a, b, ... z, aa, ab ..."""
    label = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        label = ascii_lowercase[rest] + label
    return label


class Inspector(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one record and the citations behind it; Enter follows the selected link."""

    HELP = (
        "The citations behind the highlighted event, member, phase or quote, in full: outlet, "
        "publication date, URL and access date. A footnote whose entry is empty in the article is "
        "shown as missing, with the sentence it was meant to support. A passage footnote (`¶[3]`) "
        "sits after a later sentence of the paragraph than the record's own: the inspector names that "
        "sentence. A record with no footnote says so (Y cites the article itself). On a citation, the list "
        "under 'Cited by' is everything that cites it (Wikipedia's ^ a b); Enter jumps there."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "link(-1)", "Previous link", show=False),
        Binding("k", "link(-1)", "Previous link", show=False),
        Binding("down", "link(1)", "Next link", show=False),
        Binding("j", "link(1)", "Next link", show=False),
        Binding("home", "edge(0)", "Top", show=False),
        Binding("g", "edge(0)", "Top", show=False),
        Binding("end", "edge(1)", "Bottom", show=False),
        Binding("G", "edge(1)", "Bottom", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("enter", "open", "Open link", tooltip="Follow the selected link"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "inspector--title",
        "inspector--label",
        "inspector--missing",
        "inspector--passage",
        "inspector--cursor",
        "inspector--url",
        "inspector--dim",
    }

    language: reactive[Language] = reactive[Language]("zh", init=False)
    subject: var[RecordRef | None] = var[RecordRef | None](None, init=False)
    """The record on show; when the inspector has focus it is the screen's current record."""

    def __init__(self, store: Store, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.store = store
        self.link_index = 0
        self._blocks: list[Block] = []
        self._raw_lines: list[Strip] = []
        self._lines: dict[int, Strip] = {}
        self._base_style = Style()
        self._cursor_lines: dict[int, Strip] = {}
        self._blank = Strip([])
        self._links: list[tuple[RecordRef, int, int]] = []
        self._built_width = -1
        self._last_link: dict[RecordRef, int] = {}  # link cursor of records shown before, newest last
        self._marked: frozenset[RecordRef] = frozenset()
        self._notes: dict[RecordRef, str] = {}

    # What the screen and the cite helper read.

    @property
    def selected_link(self) -> RecordRef | None:
        if not self._links:
            return None
        return self._links[min(self.link_index, len(self._links) - 1)][0]

    def select_record(self, ref: RecordRef, *, restore: bool = False) -> bool:
        """Show a citation; ``restore`` (back and forward) puts the cursor on the link it was on last time."""
        if ref.kind != "citation" or not ref.id.isdigit() or self.store.citation(int(ref.id)) is None:
            return False
        self.show(ref, restore=restore)
        return True

    def show(self, ref: RecordRef | None, *, restore: bool = False) -> None:
        if ref == self.subject:
            return
        if self.subject is not None:
            self._last_link.pop(self.subject, None)
            self._last_link[self.subject] = self.link_index
            if len(self._last_link) > REMEMBERED:
                del self._last_link[next(iter(self._last_link))]
        self.subject = ref
        self.link_index = self._last_link.get(ref, 0) if restore and ref is not None else 0
        self._rebuild()
        self.scroll_to(y=0, animate=False, immediate=True)
        if self.link_index:
            self._show_link()

    def watch_subject(self, subject: RecordRef | None) -> None:
        announce(self, subject)

    def watch_language(self) -> None:
        self._rebuild()

    def set_notebook(self, marked: frozenset[RecordRef], notes: dict[RecordRef, str]) -> None:
        """The user's marks and notes; the record on show is redrawn when its own changed."""
        subject = self.subject
        changed = subject is not None and (
            (subject in marked) != (subject in self._marked) or notes.get(subject) != self._notes.get(subject)
        )
        self._marked, self._notes = marked, notes
        if changed:
            self._rebuild()

    # Content.

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"inspector--{name}", partial=True)

    def _rebuild(self) -> None:
        self._blocks = list(self._content()) if self.subject is not None else [Block(Text("Nothing selected."))]
        self._blocks[1:1] = self._notebook_blocks()
        self._built_width = -1
        self.refresh()

    def _title(self, text: str) -> Text:
        return Text(text, style=self._style("title"))

    def _heading(self, text: str) -> Block:
        return Block(Text(text, style=self._style("label")), gap=True)

    def _citation_text(self, citation: Citation, *, full: bool, placement: Placement | None = None) -> Text:
        text = Text()
        if placement is not None:
            text.append(PASSAGE_MARK, style=self._style("passage"))
        text.append(f"[{citation.n}] ", style=self._style("label"))
        if citation.missing:
            text.append("missing: the article's reference list has no text for this footnote.", self._style("missing"))
            # A passage footnote's own line names the sentence it closes; "meant to support" would
            # suggest that sentence is all it backs.
            for site in citation.sites if placement is None else ():
                text.append("\n  meant to support: ", style=self._style("dim"))
                if self.language == "zh":
                    text.append(quoted(readable(site.sentence)))
                else:
                    # Its English is the summary of the event it backs; the sentence itself, as the source.
                    english = self._english_of(citation.n, site.sentence)
                    text.append(quoted(english) if english else "(no English for this sentence in the store)")
                    text.append(f"\n  {gloss.source(readable(site.sentence))}", style=self._style("dim"))
                if full:
                    place = site.section if self.language == "zh" else gloss.section(site.section)
                    text.append(f" (section {clean_line(place)})", style=self._style("dim"))
            return self._with_placement(text, placement)
        text.append(self._english(citation.title or citation.source_text), style="bold")
        details = [clean_line(citation.outlet or "outlet not given")]
        details.append(f"published {clean_line(citation.published)}" if citation.published else "no publication date")
        if citation.accessed:
            details.append(f"accessed {clean_line(citation.accessed)}")
        text.append("\n  " + " · ".join(details))
        if citation.url:
            url = clean_line(citation.url)
            link = safe_url(citation.url)
            text.append("\n  ")
            text.append(url, self._style("url") + Style(link=link) if link else self._style("dim"))
            if link is None:
                text.append(" (not a web link)", self._style("dim"))
        if full:
            text.append("\n  reference entry: ", style=self._style("dim"))
            text.append(self._english(citation.source_text))
        return self._with_placement(text, placement)

    def _with_placement(self, text: Text, placement: Placement | None) -> Text:
        if placement is not None:
            text.append(
                "\n  passage footnote: the article puts it after a later sentence of the paragraph, "
                "not right after this one. It sits after: ",
                style=self._style("passage"),
            )
            if self.language == "zh":
                text.append(" / ".join(quoted(s) for s in placement.sits_after))
            else:
                text.append(" / ".join(gloss.source(s) for s in placement.sits_after))
        return text

    def _english_of(self, n: int, sentence: str) -> str | None:
        """The English summary of the event footnote ``n`` backs whose text holds ``sentence`` (or is held by it)."""
        plain = readable(sentence)
        for ref in self.store.citing(n):
            event = self.store.event(ref.id) if ref.kind == "event" else None
            if event is not None:
                text = readable(event.source_text)
                if text and (text in plain or plain in text):
                    return clean_line(event.summary_en)
        return None

    def _only_english(self, text: str) -> str:
        """A short text the store has in English only (a phase title, a role): so labelled in Chinese mode."""
        return clean_line(text) if self.language == "en" else f"{clean_line(text)} (English)"

    def _source(self, text: str) -> Block:
        """English mode: the article's own words under the English, labelled as the source."""
        return Block(Text(gloss.source(text), style=self._style("dim")), gap=True)

    def _english(self, text: str) -> str:
        """Text with Chinese quoted in it (notes, how a date was found): in English mode, those quotes labelled."""
        return clean_line(text) if self.language == "zh" else gloss.label_runs(clean_line(text))

    def _nothing(self) -> Block:
        """What is true of a record with no footnote, and what Y offers instead."""
        assert self.subject is not None
        # Imported on first use, not at start-up: the inspector is filled in after the first frame.
        from csto_tui.cite.selection import article_selection, no_footnote

        message = no_footnote(self.store, self.subject)
        if article_selection(self.store, self.subject) is not None:
            message += ". Y cites the article itself for it."
        return Block(Text(message, style="italic"), gap=True)

    def _notebook_blocks(self) -> list[Block]:
        """Under the title: the reading-list mark and the user's note (user text: shown as data)."""
        subject = self.subject
        if subject is None:
            return []
        note = self._notes.get(subject)
        if subject not in self._marked and not note:
            return []
        text = Text()
        if subject in self._marked:
            text.append(f"{MARK} in your reading list (M)", style=self._style("label"))
        if note:
            if text.plain:
                text.append("\n")
            text.append("Your note (a edits): ", style=self._style("label"))
            text.append(clean(note))
        return [Block(text)]

    def _footnotes(self, refs: tuple[int, ...]) -> list[Block]:
        if not refs:
            return [self._heading("Footnotes"), self._nothing()]
        from csto_tui.cite.selection import backing, placements

        found = backing(self.store, self.subject) if self.subject is not None else None
        passage = {p.n: p for p in placements(self.store, found)} if found is not None else {}
        blocks = [self._heading("Footnotes")]
        for n in refs:
            citation = self.store.citation(n)
            if citation is not None:
                text = self._citation_text(citation, full=False, placement=passage.get(n))
                blocks.append(Block(text, RecordRef("citation", str(n)), True))
        return blocks

    def _content(self) -> list[Block]:
        ref = self.subject
        assert ref is not None
        store, lang = self.store, self.language
        if ref.kind == "event":
            event = store.event(ref.id)
            if event is None:
                return [Block(Text(f"Unknown event {ref.id}"))]
            span = event.date if event.date_end is None else f"{event.date} to {event.date_end}"
            how = DATE_METHODS.get(event.date_method, event.date_method)
            blocks = [
                Block(self._title(f"Event · {span} ({event.precision}, {how})")),
                Block(Text(event_text(event, lang))),
            ]
            facts = Text(style=self._style("dim"))
            for role in ROLES:
                named = [
                    titled_name(store, a, lang) for a, r in zip(event.actors, event.roles, strict=True) if r == role
                ]
                if named:
                    facts.append(f"{role}: " + ", ".join(named) + "\n")
            if event.tags:
                facts.append("tags: " + " ".join(f"#{clean_line(t)}" for t in event.tags) + "\n")
            if event.date_basis != "explicit":
                facts.append(f"date: {self._english(event.date_basis)}\n")
            facts.append(f"section: {clean_line(event.section if lang == 'zh' else gloss.section(event.section))}")
            blocks.append(Block(facts, gap=True))
            if event.note:
                blocks.append(Block(Text(f"note: {self._english(event.note)}", style=self._style("missing")), gap=True))
            if lang == "en":
                blocks.append(self._source(readable(event.source_text)))
            return blocks + self._footnotes(event.refs)
        if ref.kind == "citation":
            citation = store.citation(int(ref.id)) if ref.id.isdigit() else None
            if citation is None:
                return [Block(Text(f"Unknown footnote [{ref.id}]"))]
            blocks = [Block(self._title(f"Citation [{citation.n}]")), Block(self._citation_text(citation, full=True))]
            citing = store.citing(citation.n)
            blocks.append(self._heading(f"Cited by ({len(citing)})" if citing else "Cited by: nothing in the store"))
            for i, source in enumerate(citing):
                line = Text()
                line.append(f"^{backlink_label(i)} ", style=self._style("label"))
                line.append(f"{source.kind}: ", style=self._style("dim"))
                line.append(describe(store, source, lang))
                blocks.append(Block(line, source))
            return blocks
        if ref.kind == "member":
            member = store.record(ref)
            if not isinstance(member, Member):
                return [Block(Text(f"Unknown member {ref.id}"))]
            name = entity_name(store, member.entity, lang)
            blocks = [Block(self._title(f"{name} · {STATUS_NAMES.get(member.status, member.status)}"))]
            if member.provenance != "article":
                origin = f" ({self._english(member.provenance_source)})" if member.provenance_source else ""
                blocks.append(Block(Text(f"name {member.provenance}{origin}: {self._english(member.name_basis)}")))
            table = Text()
            state = entity_name(store, member.entity, "en")
            for header, cell in member.columns:
                shown_header = header if lang == "zh" else gloss.header(header)
                shown = cell if lang == "zh" or not cell.strip() else gloss.cell(header, cell, state)
                table.append(f"{clean_line(shown_header)}: ", style=self._style("label"))
                table.append(f"{clean_line(shown) or '(empty)'}\n")
            table.rstrip()
            blocks.append(Block(table, gap=True))
            if member.note:
                note = Text(f"note: {self._english(member.note)}", style=self._style("missing"))
                blocks.append(Block(note, gap=True))
            if lang == "en":
                blocks.append(self._source(clean_line(member.source_text)))
            blocks.append(self._nothing())
            return blocks
        found = store.record(ref)
        if isinstance(found, CaseFile):  # an outcome
            case = found
            text = readable(case.outcome_source_text) if lang == "zh" else clean(case.outcome_en)
            title = Block(self._title(f"Outcome · {self._only_english(case.title_en)}"))
            extra = [self._source(readable(case.outcome_source_text))] if lang == "en" else []
            return [title, Block(Text(text)), *extra, *self._footnotes(case.outcome_refs)]
        if isinstance(found, Phase):
            phase = found
            blocks = [
                Block(self._title(f"Phase · {phase.date} · {self._only_english(phase.title_en)}")),
                Block(Text(("" if lang == "en" else gloss.ENGLISH) + clean(phase.summary_en))),
            ]
            blocks += self._footnotes(phase.refs)
            if phase.events:
                blocks.append(self._heading("Events"))
                for event_id in phase.events:
                    event_ref = RecordRef("event", event_id)
                    blocks.append(Block(Text(describe(store, event_ref, lang)), event_ref))
            return blocks
        if isinstance(found, CaseActor):
            actor = found
            heading = f"{entity_name(store, actor.entity, lang)} · {self._only_english(actor.role_en)}"
            stance = readable(actor.source_text) if lang == "zh" else clean_line(actor.stance_en)
            blocks = [
                Block(self._title(heading)),
                Block(Text(f"{entity_name(store, actor.country, lang)}: {stance}")),
            ]
            if lang == "en":
                blocks.append(self._source(readable(actor.source_text)))
            return blocks + self._footnotes(actor.refs)
        if isinstance(found, Quote):
            quote = found
            # Only the speaker's words go in quotation marks; the English is labelled as ours, and in
            # English mode the words themselves follow it labelled as the source (one language at a time).
            if lang == "en":
                said = Text("English translation by csto-tui: ", style=self._style("dim"))
                said.append(clean_line(quote.gloss_en))
            else:
                said = Text(quoted(readable(quote.source_text)))
            blocks = [
                Block(self._title(f"Quote · {entity_name(store, quote.speaker, lang)}")),
                Block(said),
            ]
            if lang == "en":
                blocks.append(self._source(readable(quote.source_text)))
            blocks += self._footnotes(quote.refs)
            if quote.event is not None:
                blocks.append(self._heading("Said at"))
                event_ref = RecordRef("event", quote.event)
                blocks.append(Block(Text(describe(store, event_ref, lang)), event_ref))
            return blocks
        return [Block(Text(f"Unknown {ref.kind} {ref.id}"))]

    # Layout and rendering.

    def _layout(self, width: int) -> None:
        """Wrap the blocks to ``width``; render_line styles and pads each line once, when it is shown."""
        console = self.app.console
        options = console.options.update_width(max(width, 1))
        base = self.rich_style
        lines: list[Strip] = []
        links: list[tuple[RecordRef, int, int]] = []
        for block in self._blocks:
            if block.gap and lines:
                lines.append(Strip([]))
            start = len(lines)
            rendered = console.render_lines(block.text, options, pad=False, new_lines=False)
            lines.extend(Strip(segments) for segments in rendered)
            if block.link is not None:
                links.append((block.link, start, len(lines)))
        self._raw_lines = lines
        self._lines = {}
        self._cursor_lines = {}
        self._base_style = base
        self._blank = Strip.blank(width, base)
        self._links = links
        self._built_width = width
        # Never less than the view: most records fit, so the size (and the scrollbar) rarely change.
        size = Size(width, max(len(lines), self.scrollable_content_region.height))
        if size != self.virtual_size:
            # The content changes on every cursor move in another pane; a screen layout per key
            # would cost frames, and the scrollbar is always shown (tcss), so none is needed.
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)

    @staticmethod
    def _finish(line: Strip, style: Style, width: int) -> Strip:
        return Strip(Segment.apply_style(line, style)).crop_extend(0, width, style)

    def _ensure_layout(self) -> None:
        if self._built_width < 0:
            self._layout(self.scrollable_content_region.width)

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        line_no = self.scroll_offset.y + y
        if line_no >= len(self._raw_lines):
            return self._blank
        if self.has_focus and self._links:
            _, start, end = self._links[min(self.link_index, len(self._links) - 1)]
            if start <= line_no < end:
                strip = self._cursor_lines.get(line_no)
                if strip is None:
                    style = self.rich_style + self.get_component_rich_style("inspector--cursor")
                    strip = self._finish(self._raw_lines[line_no], style, self._built_width)
                    self._cursor_lines[line_no] = strip
                return strip
        strip = self._lines.get(line_no)
        if strip is None:
            strip = self._lines[line_no] = self._finish(self._raw_lines[line_no], self._base_style, self._built_width)
        return strip

    def on_resize(self) -> None:
        self._built_width = -1

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.subject is not None:
            self._rebuild()

    def _show_link(self) -> None:
        self._ensure_layout()
        if not self._links:
            return
        _, start, end = self._links[self.link_index]
        height = max(self.scrollable_content_region.height, 1)
        y = self.scroll_offset.y
        if start < y or end - start > height:
            y = start
        elif end > y + height:
            y = end - height
        # The citation's own text sits above its first link: keep it in view when it fits.
        if self.link_index == 0 and end <= height:
            y = 0
        self.scroll_to(y=y, animate=False, immediate=True)
        self.refresh()

    def action_link(self, step: int) -> None:
        self._ensure_layout()
        if self._links:
            self.link_index = max(0, min(len(self._links) - 1, self.link_index + step))
            self._show_link()
        else:
            self.scroll_to(y=self.scroll_offset.y + step, animate=False, immediate=True)

    def action_edge(self, end: int) -> None:
        self._ensure_layout()
        if self._links:
            self.link_index = (len(self._links) - 1) if end else 0
            self._show_link()
        self.scroll_to(y=self.max_scroll_y if end else 0, animate=False, immediate=True)

    def action_page(self, step: int) -> None:
        self._ensure_layout()
        height = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_offset.y + step * height, animate=False, immediate=True)
        top = self.scroll_offset.y
        visible = [i for i, (_, start, _end) in enumerate(self._links) if top <= start < top + height + 1]
        if visible:
            self.link_index = visible[0] if step > 0 else visible[-1]
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click selects the link under the pointer; a click on the selected link follows it."""
        line = self.scroll_offset.y + event.y
        for index, (_ref, start, end) in enumerate(self._links):
            if start <= line < end:
                if index == self.link_index and self.has_focus:
                    self.action_open()
                self.link_index = index
                self.refresh()
                return

    def action_open(self) -> None:
        # Enter stays in the footer even with nothing to follow: toggling it would recompose the
        # footer on every cursor move in the timeline, which costs more than a frame.
        link = self.selected_link
        if link is None:
            self.notify("Nothing to follow here: this record has no footnote or link.", timeout=3)
        else:
            self.post_message(OpenRecord(link))
