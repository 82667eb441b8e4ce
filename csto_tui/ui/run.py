"""``csto-tui`` with no command: check the store, then start the explorer."""

from __future__ import annotations

import argparse
import sys

from csto_tui.model import Store, StoreError


def main(args: argparse.Namespace) -> int:
    try:
        store = Store.open(args.db)
    except StoreError as exc:
        print(f"csto-tui: {exc}", file=sys.stderr)
        return 2
    # Imported only now: a bad store is reported without paying for Textual.
    from csto_tui.ui.app import CstoApp

    app = CstoApp(store)
    app.run(mouse=not args.no_mouse)
    return app.return_code or 0
