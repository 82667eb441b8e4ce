"""SVG snapshots of the main screen at three sizes and of the inspector on a missing citation.

Update with ``pytest tests/ui/test_snapshots.py --snapshot-update`` only after looking at the report.
"""

from __future__ import annotations

from textual.pilot import Pilot

from csto_tui.model import RecordRef, Store
from csto_tui.ui.app import CstoApp
from csto_tui.ui.screens.main import MainScreen


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_main_screen_120x40(snap_compare, store: Store) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(CstoApp(store), terminal_size=(120, 40), run_before=_settle)


def test_main_screen_80x24(snap_compare, store: Store) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(CstoApp(store), terminal_size=(80, 24), run_before=_settle)


def test_main_screen_60x20(snap_compare, store: Store) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(CstoApp(store), terminal_size=(60, 20), run_before=_settle)


def test_inspector_missing_citation(snap_compare, store: Store) -> None:  # type: ignore[no-untyped-def]
    missing = next(c for c in store.citations if c.missing and store.citing(c.n))

    async def open_missing(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        assert screen.open(RecordRef("citation", str(missing.n)))
        await _settle(pilot)

    assert snap_compare(CstoApp(store), terminal_size=(120, 40), run_before=open_missing)


def test_inspector_missing_citation_narrow(snap_compare, store: Store) -> None:  # type: ignore[no-untyped-def]
    """At 80x24 the inspector is its own tab: reached by following the first event's footnote."""
    assert snap_compare(CstoApp(store), terminal_size=(80, 24), press=["2", "enter"], run_before=_settle)
