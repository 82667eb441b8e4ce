"""What the terminal shows, read back from Textual's compositor as plain text (CJK as one char per two cells)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App
from textual.geometry import Region
from textual.widget import Widget


def screen_rows(app: App[object]) -> list[list[str]]:
    """Every screen row as a list of cells; the right half of a wide character is an empty string."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        cells: list[str] = []
        for segment in strip:
            for char in segment.text:
                cells.append(char)
                if cell_len(char) == 2:
                    cells.append("")
        rows.append(cells)
    return rows


def region_lines(app: App[object], region: Region) -> list[str]:
    rows = screen_rows(app)
    return ["".join(row[region.x : region.right]) for row in rows[region.y : region.bottom]]


def widget_lines(app: App[object], widget: Widget) -> list[str]:
    """The lines ``widget`` (border included) occupies on screen now."""
    return region_lines(app, widget.region)
