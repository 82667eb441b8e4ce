#!/usr/bin/env python3
"""Regenerate screenshots/: SVG from the running app (run_test at fixed sizes), PNG with rsvg-convert.

Usage: scripts/screenshots.py [--db PATH] [NAME...]   (needs rsvg-convert and fonts-noto-cjk for CJK in the PNGs)
NAMEs (e.g. main-80x24 web-view) regenerate only those. web-view.png is `csto-tui serve --web` in headless
Chromium (apt chromium, playwright from the test extra), the page as a browser draws it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from csto_tui.model import RecordRef, Store
from csto_tui.paths import shipped_store
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.main import MainScreen

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "screenshots"
WEB_VIEW = "web-view"

Steps = Callable[[Pilot[None], Store], Awaitable[None]]


async def nothing(pilot: Pilot[None], store: Store) -> None:
    return None


async def english(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("L")


async def missing_citation(pilot: Pilot[None], store: Store) -> None:
    citation = next(c for c in store.citations if c.missing and store.citing(c.n))
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    screen.open(RecordRef("citation", str(citation.n)))


async def missing_citation_english(pilot: Pilot[None], store: Store) -> None:
    """English mode: the sentence by its English, the Chinese under a source label (one language at a time)."""
    await pilot.press("L")
    await missing_citation(pilot, store)


async def zoomed(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("L", "2", "z")


async def backlinks(pilot: Pilot[None], store: Store) -> None:
    citation = max(store.citations, key=lambda c: len(store.citing(c.n)))
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    screen.open(RecordRef("citation", str(citation.n)))


async def member_filter(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("1", "j", "j", "enter")


async def search(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("2", "slash", *"kyrgyz")


async def case_file(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("3", "j", "j")


async def roster(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("1", "j")


async def help_screen(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("2", "question_mark")


async def palette(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"reuters")
    await pilot.pause(0.5)


async def filter_dialog(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("2", "f")


async def _mark_some(pilot: Pilot[None]) -> None:
    for keys in (["2"], ["j", "j", "j", "j"], ["3", "j", "j", "j", "j", "j", "j", "j", "j", "j"], ["1"]):
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.press("m")
    pilot.app.clear_notifications()


async def reading_list(pilot: Pilot[None], store: Store) -> None:
    await _mark_some(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    screen.notebook.set_note(RecordRef("event", store.events[4].id), "Compare with the later table: 1994?")
    await pilot.press("M")


async def export_dialog(pilot: Pilot[None], store: Store) -> None:
    await _mark_some(pilot)
    await pilot.press("E", "down", "down")


SHOTS: list[tuple[str, tuple[int, int], Steps]] = [
    ("main-120x40", (120, 40), nothing),
    ("main-120x40-en", (120, 40), english),
    ("missing-citation-120x40-en", (120, 40), missing_citation_english),
    ("zoom-timeline-120x40-en", (120, 40), zoomed),
    ("main-160x50-en", (160, 50), english),
    ("member-filter-120x40", (120, 40), member_filter),
    ("missing-citation-120x40", (120, 40), missing_citation),
    ("backlinks-120x40", (120, 40), backlinks),
    ("search-120x40", (120, 40), search),
    ("help-120x40", (120, 40), help_screen),
    ("palette-120x40", (120, 40), palette),
    ("filter-80x24", (80, 24), filter_dialog),
    ("reading-list-120x40", (120, 40), reading_list),
    ("export-80x24", (80, 24), export_dialog),
    ("main-80x24", (80, 24), nothing),
    ("roster-80x24", (80, 24), roster),
    ("case-file-80x24", (80, 24), case_file),
    ("missing-citation-80x24", (80, 24), missing_citation),
    ("main-60x20", (60, 20), nothing),
]


async def shoot(store: Store, name: str, size: tuple[int, int], steps: Steps) -> Path:
    app = CstoApp(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await steps(pilot, store)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.3)
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(OUT)))


def web_view_png(db: Path) -> Path:
    """The served app in a browser tab (1280x800), English, on the second event of the timeline."""
    sys.path.insert(0, str(REPO))
    from tests.serve.browser import web_view

    store = Store.open(db)
    with tempfile.TemporaryDirectory() as tmp, web_view(Path(tmp), db) as view:
        view.press("L", "j")
        view.wait_for(" ".join(store.events[1].summary_en.split()[:5]), "Members (")
        png = OUT / f"{WEB_VIEW}.png"
        view.screenshot(png)
    return png


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=shipped_store())
    parser.add_argument("names", nargs="*", help="only these screenshots (default: all)")
    args = parser.parse_args()
    known = [name for name, _, _ in SHOTS] + [WEB_VIEW]
    if unknown := [name for name in args.names if name not in known]:
        print(f"screenshots.py: no screenshot named {', '.join(unknown)} (known: {' '.join(known)})", file=sys.stderr)
        return 2
    rsvg = shutil.which("rsvg-convert")
    if rsvg is None:
        print("screenshots.py: rsvg-convert not found (apt-get install librsvg2-bin fonts-noto-cjk)", file=sys.stderr)
        return 2
    store = Store.open(args.db)
    OUT.mkdir(exist_ok=True)
    for name, size, steps in SHOTS:
        if args.names and name not in args.names:
            continue
        # Each screenshot starts from a fresh user: no remembered language, pane or selection.
        with tempfile.TemporaryDirectory() as state:
            os.environ["XDG_STATE_HOME"] = state
            os.environ["XDG_DATA_HOME"] = state  # an empty notebook, marked by the steps
            svg = asyncio.run(shoot(store, name, size, steps))
        subprocess.run([rsvg, svg, "-o", str(svg.with_suffix(".png"))], check=True)
        print(f"{svg.name} {svg.with_suffix('.png').name}")
    if not args.names or WEB_VIEW in args.names:
        print(web_view_png(args.db).name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
