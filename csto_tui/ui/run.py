"""``csto-tui`` with no command: check the store, then start the explorer."""

from __future__ import annotations

import argparse
import asyncio
import codecs
import locale
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

    _draw_in_terminal_encoding()
    _follow_terminal_size()
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


def _draw_in_terminal_encoding() -> None:
    """Write the screen in the locale's encoding (UTF-8 in Python's UTF-8 mode), not PYTHONIOENCODING's.

    Textual draws on stderr. PYTHONIOENCODING=ascii would turn every CJK character into a
    six-cell ``\\uXXXX`` and tear the layout apart; a terminal that really cannot show a
    character gets a one-cell ``?`` instead of an escape.
    """
    stream = sys.__stderr__
    if stream is None or not hasattr(stream, "reconfigure"):
        return
    wanted = locale.getpreferredencoding(False)  # follows Python's UTF-8 mode in the C locale
    try:
        same = codecs.lookup(stream.encoding).name == codecs.lookup(wanted).name
    except LookupError:
        return
    if not same:
        stream.reconfigure(encoding=wanted, errors="replace")


def _follow_terminal_size() -> None:
    """Size the screen from the terminal itself, so that resizing the window resizes the app.

    Textual asks ``shutil.get_terminal_size``, which prefers COLUMNS and LINES when they are
    exported: the app would then keep that size for ever, whatever the window does. Without
    a terminal (``ssh -T``) they stay, the only size there is.
    """
    stream = sys.__stderr__
    if stream is not None and stream.isatty() and sys.__stdout__ is not None and sys.__stdout__.isatty():
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)
