"""``csto-tui`` with no command: check the store, then start the explorer."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import TYPE_CHECKING, Any

from csto_tui.model import Store, StoreError

if TYPE_CHECKING:
    from textual.app import App


def main(args: argparse.Namespace) -> int:
    try:
        store = Store.open(args.db)
    except StoreError as exc:
        print(f"csto-tui: {exc}", file=sys.stderr)
        return 2
    # Imported only now: a bad store is reported without paying for Textual.
    from csto_tui.ui.app import CstoApp

    return run_app(CstoApp(store), mouse=not args.no_mouse)


def run_app(app: App[Any], *, mouse: bool = True) -> int:
    """Run ``app`` until the user quits or the terminal goes away (hang-up, SIGTERM, stdin at EOF)."""
    from csto_tui.ui.hangup import HangupGuard

    # Our own loop, so the guard can reach it from a signal handler or its watchdog thread.
    loop = asyncio.new_event_loop()
    try:
        with HangupGuard(app, loop) as guard:
            app.run(mouse=mouse, loop=loop)
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
    finally:
        loop.close()
    status = int(app.return_code or 0)
    if guard.reason is not None:
        # Said after the screen is restored; lost, harmlessly, if the terminal itself is gone.
        try:
            print(f"csto-tui: {guard.reason}, exiting", file=sys.stderr, flush=True)
        except OSError:
            pass
        # Tearing down the interpreter's objects takes longer than the one second a hang-up may.
        os._exit(status)
    return status
