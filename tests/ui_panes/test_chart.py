"""The membership chart draws the right glyph in the right column, on a year axis, at any width."""

from __future__ import annotations

from itertools import pairwise

import pytest
from rich.cells import cell_len

from csto_tui.model import Span, Store
from csto_tui.ui.widgets.membership_chart import FIRST_YEAR, GLYPHS, MembershipChart, Scale, describe_spans, last_year
from csto_tui.ui.widgets.roster import Roster
from ui_panes.conftest import screen_lines
from ui_panes.pane_app import PaneApp


def cell(chart: MembershipChart, row: int, year: float) -> str:
    """The character drawn for ``row`` at (fractional) ``year``, found through the scale independently."""
    scale = chart.scale()
    col = int((year - FIRST_YEAR) / (scale.end_year + 1 - FIRST_YEAR) * scale.width)
    x = chart.bar_offset() + col
    return chart.render_line(row).crop(x, x + 1).text


def test_last_year_is_the_latest_date_in_the_store(store: Store) -> None:
    assert last_year(store) == max(e.year for e in store.events) == 2015


def test_scale_maps_dates_to_columns_and_keeps_short_spans_visible() -> None:
    scale = Scale(width=64, end_year=2023)  # 32 years, two columns a year
    assert scale.column(1992) == 0
    assert scale.column(2002) == 20
    assert scale.column(2024) == 64
    assert list(scale.cells(Span("member", "2002", "2003", ""))) == [20, 21]
    assert list(scale.cells(Span("suspended", "2012-01", "2012-02", ""))) == [40]  # less than a cell, still drawn
    assert scale.cells(Span("member", "2002", None, "")) == range(20, 64)
    ticks = scale.ticks()
    assert ticks[0] == (0, "1992")
    assert all(b[0] - a[0] >= 5 for a, b in pairwise(ticks))
    assert all(col + 4 <= 64 for col, _ in ticks)


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_rows_show_known_spans_with_distinct_glyphs(store: Store, width: int) -> None:
    app = PaneApp(store, "roster", "en")
    async with app.run_test(size=(width, 44)) as pilot:
        chart = app.query_one(MembershipChart)
        await pilot.pause()
        assert chart.size.height == len(chart.rows) + 2  # every row shows
        names = [m.id for m in chart.rows]
        russia, georgia, serbia, uzbekistan, iran = (
            names.index(n)
            for n in (
                "member:russia",
                "former_treaty_member:georgia",
                "observer:serbia",
                "former_member:uzbekistan",
                "candidate:iran",
            )
        )
        assert cell(chart, russia, 1996.5) == GLYPHS["treaty_party"] == "▓"
        assert cell(chart, russia, 2008.5) == GLYPHS["member"] == "█"
        assert cell(chart, georgia, 2005.5) == GLYPHS["withdrawn"] == "·"
        assert cell(chart, uzbekistan, 2003.5) == "·"
        assert cell(chart, uzbekistan, 2009.5) == "█"
        assert cell(chart, uzbekistan, 2013.5) == "·"
        assert cell(chart, serbia, 2013.5) == GLYPHS["observer"] == "░"
        assert cell(chart, serbia, 2005.5) == " "
        assert GLYPHS["suspended"] == "▄" in chart.render_line(uzbekistan).text  # 2012, one cell at least
        assert chart.render_line(iran).text.strip() == "Iran"  # a candidate with no dates draws nothing
        # Nothing runs past the right edge and the bars reach it.
        for line in range(len(chart.rows) + 2):
            assert chart.render_line(line).cell_length == chart.size.width
        assert chart.render_line(russia).text.rstrip().endswith("█")


async def test_axis_labels_sit_under_their_years(store: Store) -> None:
    app = PaneApp(store, "roster", "en")
    async with app.run_test(size=(80, 44)) as pilot:
        chart = app.query_one(MembershipChart)
        await pilot.pause()
        lines = screen_lines(chart)
        ticks, labels = lines[len(chart.rows)], lines[len(chart.rows) + 1]
        scale, offset = chart.scale(), chart.bar_offset()
        assert labels[offset : offset + 4] == "1992"
        for col, year in scale.ticks():
            assert labels[offset + col : offset + col + 4] == year
            assert ticks[offset + col] == "┬"
        assert "2010" in labels


async def test_cjk_labels_keep_the_bars_aligned(store: Store) -> None:
    app = PaneApp(store, "roster", "zh")
    async with app.run_test(size=(80, 44)) as pilot:
        chart = app.query_one(MembershipChart)
        await pilot.pause()
        offset = chart.bar_offset()
        for row, member in enumerate(chart.rows):
            strip = chart.render_line(row)
            assert strip.cell_length == 80
            label = strip.crop(0, offset).text
            assert cell_len(label) == offset
            if member.spans:
                first = chart.scale().cells(member.spans[0])[0]
                assert strip.crop(offset + first, offset + first + 1).text == GLYPHS[member.spans[0].kind]


async def test_highlighted_row_is_marked_and_its_dates_show_on_hover(store: Store) -> None:
    app = PaneApp(store, "roster", "en")
    async with app.run_test(size=(80, 40)) as pilot:
        chart = app.query_one(MembershipChart)
        await pilot.press("j")  # Armenia
        await pilot.pause()
        lines = screen_lines(chart)
        assert lines[1].startswith("▸Armenia")
        assert not lines[0].startswith("▸")
        await pilot.hover(chart, offset=(3, 5))  # the fifth row, under the chart's top border
        await pilot.pause()
        kyrgyzstan = chart.rows[4]
        assert kyrgyzstan.id == "member:kyrgyzstan"
        assert str(chart.tooltip) == f"Kyrgyzstan\n{describe_spans(kyrgyzstan.spans, 'en')}"
        assert str(chart.tooltip).endswith("member 2002-05-14–now")
        await pilot.hover(chart, offset=(3, 0))  # the border
        await pilot.pause()
        assert chart.tooltip is None


async def test_a_short_chart_scrolls_to_keep_the_highlighted_row(store: Store) -> None:
    app = PaneApp(store, "roster", "en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one(Roster).chart_wanted = True  # 80x24 is short enough to hide it by default
        chart = app.query_one(MembershipChart)
        chart.styles.height = 5  # the top border, two rows and the axis
        await pilot.press("G")  # Syria, the last row
        await pilot.pause()
        lines = screen_lines(chart)
        assert lines[0].startswith(" Saudi Arabia")
        assert lines[1].startswith("▸Syria")
        assert "1992" in lines[3]
