"""Events per year as a strip of block characters above the timeline; also a year jump."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from csto_tui.ui.text import count

BLOCKS = "▁▂▃▄▅▆▇█"


class DensityStrip(Widget, can_focus=True):
    """One column per year, its height the number of events the timeline shows in that year."""

    HELP = (
        "Events per year in the timeline's current view, one column per year. "
        "Left and right (h, l) choose a year, Enter jumps the timeline to it, Escape goes back "
        "without jumping; a click does both."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Earlier", show=False),
        Binding("h", "move(-1)", "Earlier", show=False),
        Binding("right", "move(1)", "Later", show=False),
        Binding("l", "move(1)", "Later", show=False),
        Binding("escape", "leave", "Back to timeline"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"density--bar", "density--empty", "density--year", "density--label"}
    # The strip's own look, with the component classes above (it has no .tcss of its own).
    DEFAULT_CSS = """
    DensityStrip {
        height: 2;
        background: $surface;
        padding: 0 1;
    }
    DensityStrip > .density--bar { color: $primary; }
    DensityStrip > .density--empty { color: $text-disabled; }
    DensityStrip > .density--year { color: $accent; text-style: bold reverse; }
    DensityStrip:focus > .density--year { color: $warning; }
    DensityStrip > .density--label { color: $text-muted; }
    """

    year: reactive[int | None] = reactive[int | None](None)

    @dataclass
    class YearChosen(Message):
        year: int

    class Left(Message):
        """Escape: back to the timeline without jumping."""

    def __init__(self, years: list[int], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.first = min(years) if years else 0
        self.last = max(years) if years else -1
        self.counts: dict[int, int] = {}

    @property
    def span(self) -> list[int]:
        return list(range(self.first, self.last + 1))

    def set_counts(self, counts: dict[int, int]) -> None:
        self.counts = counts
        self.refresh()

    def _cell(self) -> int:
        """Cells per year: wider columns when there is room, so years are easy to hit."""
        years = len(self.span)
        return max(1, min(3, self.content_size.width // max(years, 1)))

    def _year_at(self, x: int) -> int | None:
        index = x // self._cell()
        span = self.span
        return span[index] if 0 <= index < len(span) else None

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        base = self.rich_style
        span = self.span
        if y == 0:
            cell = self._cell()
            peak = max(self.counts.values(), default=0)
            line = Text(end="")
            for year in span:
                n = self.counts.get(year, 0)
                if n:
                    char = BLOCKS[min(len(BLOCKS) - 1, (n * len(BLOCKS) - 1) // max(peak, 1))]
                    name = "density--year" if year == self.year else "density--bar"
                else:
                    char = "·"
                    name = "density--year" if year == self.year else "density--empty"
                line.append(char * cell, self.get_component_rich_style(name, partial=True))
        else:
            line = Text(end="", style=self.get_component_rich_style("density--label", partial=True))
            if self.year is not None:
                line.append(f"{self.year}: {count(self.counts.get(self.year, 0), 'event')}")
            if span:
                bounds = f"{span[0]}–{span[-1]}"
                gap = width - line.cell_len - len(bounds)
                if gap >= 2:
                    line.append(" " * gap + bounds)
        # Every segment styled: Textual's Monochrome filter (NO_COLOR) needs a style on each.
        return Strip(Segment.apply_style(line.render(self.app.console), base)).crop_extend(0, width, base)

    def action_move(self, step: int) -> None:
        span = self.span
        if not span:
            return
        year = self.year if self.year is not None else span[0]
        self.year = max(span[0], min(span[-1], year + step))

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            year = self._year_at(event.x)
            if year is not None:
                self.year = year
                self.post_message(self.YearChosen(year))

    def watch_year(self) -> None:
        self.refresh()
